"""Who may import whom (docs/architecture.md): an import circle, an import an app's layer
does not allow, or a domain app that reaches into the archive, the caches or search
fails here.

Every first-party module (migrations, settings and tests aside) is read as text; each of
its imports, top-level or inside a function, is an edge to the first-party module it
names."""

import ast
from pathlib import Path

from django.apps import apps
from django.conf import settings

DOMAIN = {"heritage", "timeline", "publications", "stories"}
# Each app and the apps it may import (besides itself, Django and libraries): the picture
# in docs/architecture.md. kzunesco_site (settings and URLs) may import every app.
MAY_IMPORT: dict[str, set[str]] = {
    "core": set(),
    "caching": {"core"},
    "editorial": {"core", "caching"},
    "images": {"core", "caching"},
    "heritage": {"core", "editorial", "images", *DOMAIN},
    "timeline": {"core", "editorial", "images", *DOMAIN},
    "publications": {"core", "editorial", "images", *DOMAIN},
    "stories": {"core", "editorial", "images", *DOMAIN},
    "search": {"core", *DOMAIN},
    "portal": {"core", *DOMAIN},
    "archive": {"core", "caching", "editorial", *DOMAIN},
    "opendata": {"core", "archive", *DOMAIN},
}
PACKAGES = ("kzunesco_site", *MAY_IMPORT)
# What the domain apps never import, directly: registries and signals connect them.
NEVER_FROM_DOMAIN = {"archive", "caching", "search"}
# What kzunesco_site holds: settings, URLs and the servers' entry points, nothing else.
SITE_FILES = {"__init__.py", "asgi.py", "urls.py", "wsgi.py"}


def _modules() -> dict[str, Path]:
    found = {}
    for package in PACKAGES:
        for path in (settings.BASE_DIR / package).rglob("*.py"):
            relative = path.relative_to(settings.BASE_DIR).with_suffix("")
            parts = relative.parts
            if "migrations" in parts or "settings" in parts:
                continue
            name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
            found[name] = path
    return found


def _imports(name: str, path: Path, modules: dict[str, Path]) -> set[str]:
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    targets = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            names = [base] + [f"{base}.{alias.name}" for alias in node.names]
        else:
            continue
        for imported in names:
            while imported and imported not in modules:
                imported = imported.rpartition(".")[0]
            if imported and imported != name:
                targets.add(imported)
    return targets


def _graph() -> dict[str, set[str]]:
    modules = _modules()
    return {name: _imports(name, path, modules) for name, path in modules.items()}


def _circles(graph: dict[str, set[str]]) -> list[set[str]]:
    """Tarjan's strongly connected components of more than one module."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    circles = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in graph.get(node, ()):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = set()
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.add(member)
                if member == node:
                    break
            if len(component) > 1:
                circles.append(component)

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return circles


def _in(module: str, prefixes) -> bool:
    return any(module == p or module.startswith(f"{p}.") for p in prefixes)


def _app(module: str) -> str:
    return module.partition(".")[0]


def test_the_module_graph_is_read():
    graph = _graph()
    assert "heritage.models" in graph["heritage.admin"]
    assert "archive.schema" in graph["archive.services"]
    assert "heritage.resources" in graph["archive.registry"]
    assert set(MAY_IMPORT) | {"kzunesco_site"} == {_app(module) for module in graph}


def test_no_import_circles():
    assert _circles(_graph()) == []


def test_every_import_follows_the_layers():
    wrong = [
        f"{module} -> {target}"
        for module, targets in _graph().items()
        if _app(module) != "kzunesco_site"
        for target in targets
        if _app(target) not in MAY_IMPORT[_app(module)] | {_app(module)}
    ]
    assert not wrong


def test_domain_apps_never_import_the_archive_caches_or_search():
    wrong = [
        f"{module} -> {target}"
        for module, targets in _graph().items()
        if _app(module) in DOMAIN
        for target in targets
        if _app(target) in NEVER_FROM_DOMAIN
    ]
    assert not wrong


def test_the_layers_are_installed_apps():
    installed = {config.name for config in apps.get_app_configs()}
    assert set(MAY_IMPORT) <= installed
    assert "kzunesco_site" not in installed


def test_kzunesco_site_keeps_settings_urls_and_servers_only():
    site = settings.BASE_DIR / "kzunesco_site"
    files = {path.name for path in site.iterdir() if path.name != "__pycache__"}
    assert files == SITE_FILES | {"settings"}


def test_the_circle_check_sees_a_circle():
    assert _circles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [{"a", "b", "c"}]
