"""Who may import whom (docs/architecture.md): a new import circle, an upward import or a
domain app that reaches into the archive or the caches fails here.

Every first-party module (migrations, settings and tests aside) is read as text; each of
its imports, top-level or inside a function, is an edge to the first-party module it
names. The lists below are today's exceptions, to shrink as the layout issue moves code
into apps of their own: a test that fails because one went away asks for the list to be
shortened, not for the code to come back."""

import ast
from pathlib import Path

from django.conf import settings

PACKAGES = ("kzunesco_site", "heritage", "timeline", "publications")
DOMAIN = ("heritage", "timeline", "publications")
# What domain apps never import: the archive, the caches, search.
BELOW_NO_DOMAIN = (
    "kzunesco_site.archive",
    "kzunesco_site.pagecache",
    "kzunesco_site.nearcache",
    "kzunesco_site.cache",
    "kzunesco_site.search",
    "kzunesco_site.search_index",
)
# Modules of kzunesco_site that work across the domain apps and so may import them (the
# site's URLs and views, search, open data, demo data, protected media, the archive's
# registry of importable models); every other module of kzunesco_site is below the
# domain apps.
ACROSS_DOMAINS = {
    "kzunesco_site.api_urls",
    "kzunesco_site.archive.registry",
    "kzunesco_site.demo",
    "kzunesco_site.media",
    "kzunesco_site.search",
    "kzunesco_site.sitemaps",
    "kzunesco_site.urls",
    "kzunesco_site.views",
}
# Import circles today (each a set of modules that reach each other): the archive's
# ledger models sit beside the shared abstract models and import the archive's mapping,
# while the archive's registry reaches the domain apps' resources and models.
KNOWN_CIRCLES: list[set[str]] = [
    {
        "heritage.models",
        "heritage.resources",
        "kzunesco_site.archive.mapping",
        "kzunesco_site.archive.registry",
        "kzunesco_site.archive.schema",
        "kzunesco_site.models",
        "publications.models",
        "publications.resources",
        "timeline.models",
        "timeline.resources",
    }
]


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


def test_the_module_graph_is_read():
    graph = _graph()
    assert "heritage.models" in graph["heritage.admin"]
    assert "kzunesco_site.archive.schema" in graph["kzunesco_site.archive.services"]


def test_no_new_import_circles():
    circles = sorted(sorted(circle) for circle in _circles(_graph()))
    assert circles == sorted(sorted(circle) for circle in KNOWN_CIRCLES)


def test_domain_apps_never_import_the_archive_caches_or_search():
    wrong = [
        f"{module} -> {target}"
        for module, targets in _graph().items()
        if _in(module, DOMAIN)
        for target in targets
        if _in(target, BELOW_NO_DOMAIN)
    ]
    assert not wrong


def test_shared_modules_do_not_import_the_domain_apps():
    wrong = [
        f"{module} -> {target}"
        for module, targets in _graph().items()
        if _in(module, ("kzunesco_site",)) and module not in ACROSS_DOMAINS
        for target in targets
        if _in(target, DOMAIN)
    ]
    assert not wrong
