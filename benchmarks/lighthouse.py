"""Lighthouse scores and compressed transfer sizes of the public pages, against their targets.

    .venv/bin/python benchmarks/lighthouse.py [--languages en] [--runs 3] [--write-readme]

Installs lighthouse LIGHTHOUSE_VERSION with npm into benchmarks/.node/ (once), builds a
throw-away SQLite database with the shipped data (migrate, load_documents), runs gunicorn
with the production settings and gunicorn.conf.py behind a small gzip proxy standing in for
nginx, and runs lighthouse (mobile, its default simulated throttling) with Debian's chromium
on each page in each language. It prints the four category scores and the transfer size of
HTML+CSS+JS and of everything, marks each figure that misses its target, lists every audit
that lost points with its failing elements, and exits with 1 when a target is missed.
"""

import argparse
import datetime
import gzip
import http.client
import http.server
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.http_load import ROOT, environment, manage, start_gunicorn  # noqa: E402
from benchmarks.page_weight import PAGES as WEIGHED_PAGES  # noqa: E402

# 13.x needs Node 22; Debian's Node is 20.
LIGHTHOUSE_VERSION = "12.8.2"
NODE_FOLDER = ROOT / "benchmarks" / ".node"
LIGHTHOUSE = NODE_FOLDER / "node_modules" / ".bin" / "lighthouse"
CHROMIUM = "/usr/bin/chromium"
CHROME_FLAGS = (
    "--headless --no-sandbox --disable-gpu --disable-background-networking "
    "--disable-component-update --disable-sync --no-first-run"
)
PORTS = range(8031, 8040)
LANGUAGES = ("kk", "ru", "en")
PAGES = {
    "home": WEIGHED_PAGES["home"],
    "heritage list": WEIGHED_PAGES["heritage list"],
    "heritage detail (photograph)": WEIGHED_PAGES["heritage detail (photograph)"],
    "heritage detail (map)": WEIGHED_PAGES["heritage detail (map)"],
    "map": "/{lang}/heritage/map/",
    "timeline": WEIGHED_PAGES["timeline"],
    "publication": "/{lang}/publications/dissertation-kazakhstan-unesco-humanitarian-security/",
}
CATEGORIES = {"performance": "performance", "accessibility": "accessibility",
              "best-practices": "best practices", "seo": "SEO"}  # fmt: skip
LEAST_SCORE = {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 100}
# HTML+CSS+JS, compressed, in kB of 1,000 bytes.
CODE_BUDGET = {"map": 400_000}
DEFAULT_CODE_BUDGET = 150_000
CODE_TYPES = ("document", "stylesheet", "script")
# What a metric that lost points shows as its failing items.
METRIC_CULPRITS = {
    "first-contentful-paint": "render-blocking-resources",
    "largest-contentful-paint": "largest-contentful-paint-element",
    "total-blocking-time": "long-tasks",
    "cumulative-layout-shift": "layout-shifts",
    "speed-index": "mainthread-work-breakdown",
}
README = ROOT / "benchmarks" / "results" / "lighthouse.md"
START, END = "<!-- lighthouse:start -->", "<!-- lighthouse:end -->"
MISSED = " ✗"
COMPRESSIBLE = re.compile(
    r"text/|application/(json|geo\+json|javascript|xml|rss\+xml|atom\+xml)|image/svg\+xml"
)
HOP_BY_HOP = {"connection", "keep-alive", "transfer-encoding", "content-length"}


@dataclass
class Result:
    page: str
    language: str
    scores: dict[str, int]
    code_bytes: int
    all_bytes: int
    lost: dict[str, dict] = field(default_factory=dict)  # audit id → audit, where it lost

    def misses(self) -> list[str]:
        missed = [c for c, least in LEAST_SCORE.items() if self.scores[c] < least]
        if self.code_bytes > CODE_BUDGET.get(self.page, DEFAULT_CODE_BUDGET):
            missed.append("size")
        return missed


def install_lighthouse() -> None:
    if not shutil.which("npm") or not shutil.which("node"):
        raise SystemExit("npm and node are missing: apt-get install -y nodejs npm (Node ≥ 18.16)")
    installed = NODE_FOLDER / "node_modules" / "lighthouse" / "package.json"
    if installed.exists() and json.loads(installed.read_text())["version"] == LIGHTHOUSE_VERSION:
        print(f"lighthouse {LIGHTHOUSE_VERSION}: already in {NODE_FOLDER.relative_to(ROOT)}/")
        return
    folder = NODE_FOLDER.relative_to(ROOT)
    print(f"Installing lighthouse {LIGHTHOUSE_VERSION} with npm into {folder}/ (once; "
          "no browser is downloaded) …")  # fmt: skip
    NODE_FOLDER.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        ["npm", "install", "--prefix", str(NODE_FOLDER), "--ignore-scripts", "--save-exact",
         "--no-audit", "--no-fund", "--loglevel=error", f"lighthouse@{LIGHTHOUSE_VERSION}"],
        env={**os.environ, "PUPPETEER_SKIP_DOWNLOAD": "1"}, check=True,
    )  # fmt: skip


def free_ports(count: int) -> list[int]:
    ports = [port for port in PORTS if not listened_on(port)][:count]
    if len(ports) < count:
        raise SystemExit(f"Fewer than {count} free ports in {PORTS.start}–{PORTS.stop - 1}.")
    return ports


def listened_on(port: int) -> bool:
    with socket.socket() as sock:
        return sock.connect_ex(("127.0.0.1", port)) == 0


class GzipProxy(http.server.BaseHTTPRequestHandler):
    """nginx's part in production: compresses what the application sends uncompressed
    (the HTML; WhiteNoise already serves its static files compressed)."""

    protocol_version = "HTTP/1.1"
    upstream = ""

    def do_GET(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        forwarded = {k: v for k, v in self.headers.items() if k.lower() not in HOP_BY_HOP}
        connection = http.client.HTTPConnection(self.upstream, timeout=60)
        body = self.rfile.read(length) if length else None
        connection.request(self.command, self.path, body=body, headers=forwarded)
        response = connection.getresponse()
        body = response.read()
        connection.close()
        headers = [(k, v) for k, v in response.getheaders() if k.lower() not in HOP_BY_HOP]
        if (
            body
            and "gzip" in self.headers.get("Accept-Encoding", "")
            and not response.getheader("Content-Encoding")
            and COMPRESSIBLE.match(response.getheader("Content-Type", ""))
        ):
            body = gzip.compress(body, compresslevel=6)
            headers += [("Content-Encoding", "gzip"), ("Vary", "Accept-Encoding")]
        self.send_response_only(response.status, response.reason)
        for name, value in headers:
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    do_HEAD = do_POST = do_GET

    def log_message(self, format, *args) -> None:
        pass


class Site:
    """gunicorn as `make serve` runs it, behind the gzip proxy."""

    def __init__(self, database_url: str, *, port: int, proxy_port: int, log: Path):
        env = environment(database_url, cache_seconds=600, port=port, workers=2)
        self.log = log.open("ab")
        self.gunicorn = start_gunicorn(env, self.log)
        GzipProxy.upstream = f"127.0.0.1:{port}"
        self.proxy = http.server.ThreadingHTTPServer(("127.0.0.1", proxy_port), GzipProxy)
        threading.Thread(target=self.proxy.serve_forever, daemon=True).start()
        self.base = f"http://127.0.0.1:{proxy_port}"
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2):
                    break
            except OSError:
                time.sleep(0.3)
        else:
            self.stop()
            raise SystemExit(f"gunicorn did not answer on port {port}:\n{log.read_text()[-3000:]}")

    def check(self, path: str) -> None:
        """It answers 200, and is likely in both workers' page caches, as if visited before."""
        for _ in range(2):
            with urllib.request.urlopen(self.base + path, timeout=30) as response:
                if response.status != 200:
                    raise SystemExit(f"{path} answered {response.status}")

    def stop(self) -> None:
        self.proxy.shutdown()
        self.gunicorn.terminate()
        self.gunicorn.wait(timeout=30)
        self.log.close()


def run_lighthouse(url: str, output: Path, chrome_port: int) -> dict:
    command = [
        str(LIGHTHOUSE), url, "--form-factor=mobile", "--output=json",
        f"--output-path={output}", f"--port={chrome_port}", f"--chrome-flags={CHROME_FLAGS}",
        "--only-categories=performance,accessibility,best-practices,seo", "--quiet",
    ]  # fmt: skip
    for attempt in range(1, 4):
        output.unlink(missing_ok=True)
        done = subprocess.run(
            command, env={**os.environ, "CHROME_PATH": CHROMIUM}, capture_output=True, text=True
        )
        if done.returncode == 0 and output.exists():
            return json.loads(output.read_text())
        # Now and then Chromium's trace misses the navigation (NO_NAVSTART): run again.
        print(f"    lighthouse failed (attempt {attempt} of 3): {done.stderr.strip()[-400:]}")
    raise SystemExit(f"lighthouse failed three times on {url}")


def result_of(page: str, language: str, report: dict) -> Result:
    rows = report["audits"]["resource-summary"]["details"]["items"]
    sizes = {row["resourceType"]: row["transferSize"] for row in rows}
    scores = {c: score(report, c) for c in CATEGORIES}
    result = Result(page, language, scores, sum(sizes.get(t, 0) for t in CODE_TYPES),
                    sizes["total"])  # fmt: skip
    for category in CATEGORIES:
        for ref in report["categories"][category]["auditRefs"]:
            audit = report["audits"][ref["id"]]
            weighted = ref["weight"] > 0
            # Performance's weighted audits are its metrics; the audits that explain them
            # carry no weight and fail below 0.9, as Lighthouse shows them. Its hidden
            # group repeats them as "insights".
            hint = audit["scoreDisplayMode"] == "metricSavings" and ref.get("group") != "hidden"
            lost = audit["score"] is not None and audit["score"] < (1 if weighted else 0.9)
            if lost and (weighted or (hint and category == "performance")):
                culprit = report["audits"].get(METRIC_CULPRITS.get(ref["id"], ""), audit)
                details = culprit.get("details") or {}
                result.lost[ref["id"]] = {**audit, "details": details, "category": category,
                                          "weighted": weighted}  # fmt: skip
    return result


def median_run(reports: list[dict]) -> dict:
    """The run with the median performance score, as Lighthouse advises for several runs."""
    ranked = sorted(reports, key=lambda r: r["categories"]["performance"]["score"])
    return ranked[len(ranked) // 2]


def describe(item: dict) -> list[str]:
    """The failing element, resource or message of one row of an audit's details."""
    if item.get("type") in ("table", "opportunity", "list"):
        return [text for row in item.get("items", []) for text in describe(row)]
    node = item.get("node") or (item if item.get("type") == "node" else None)
    if node:
        label = (node.get("nodeLabel") or "").replace("\n", " ")[:80]
        return [f"{node.get('selector', '')}  {node.get('snippet', '')}  ({label})"]
    url = item.get("url") or (item.get("sourceLocation") or {}).get("url") or ""
    values = [f"{key}={round(value) if isinstance(value, float) else value}"
              for key, value in item.items()
              if key not in ("url", "type") and isinstance(value, str | int | float)]  # fmt: skip
    return [" — ".join(part for part in (url, ", ".join(values)) if part)] if item else []


def print_lost_audits(results: list[Result]) -> list[str]:
    """Each audit that lost points (performance: failed) anywhere, once: its value on each
    page, its failing items in each page's worst language. Returns a summary for the block."""
    by_audit: dict[str, list[tuple[Result, dict]]] = {}
    for result in results:
        for audit_id, audit in result.lost.items():
            by_audit.setdefault(audit_id, []).append((result, audit))
    print("\nAudits that lost points, then performance hints (no weight):" if by_audit
          else "\nNo audit lost points.")  # fmt: skip
    summary = []
    for audit_id, where in sorted(by_audit.items(), key=lambda e: not e[1][0][1]["weighted"]):
        first = where[0][1]
        kind = CATEGORIES[first["category"]] + ("" if first["weighted"] else ", hint")
        print(f"\n[{kind}] {audit_id}: {first['title']}")
        values = [f"{r.page} {r.language} {a.get('displayValue', '')}".strip() for r, a in where]
        print(f"  on: {'; '.join(values)}")
        for page in dict.fromkeys(r.page for r, _ in where):
            on_page = [entry for entry in where if entry[0].page == page]
            result, audit = min(on_page, key=lambda entry: entry[1]["score"])
            print(f"  {result.page} {result.language}:")
            for text in dict.fromkeys(describe(audit["details"])):
                print(f"    - {text}")
        summary.append(f"- {kind}: `{audit_id}` ({first['title']}) on {len(where)} page(s)")
    return summary


def table(results: list[Result]) -> list[str]:
    headings = ["page", "language", *CATEGORIES.values(), "HTML+CSS+JS kB", "everything kB"]
    lines = [f"| {' | '.join(headings)} |", "|---|---|" + "---:|" * 6]
    for r in results:
        misses = r.misses()
        cells = [f"{r.scores[c]}{MISSED if c in misses else ''}" for c in CATEGORIES]
        code = f"{r.code_bytes / 1000:.1f}{MISSED if 'size' in misses else ''}"
        lines.append(f"| {r.page} | {r.language} | {' | '.join(cells)} | {code} "
                     f"| {r.all_bytes / 1000:.1f} |")  # fmt: skip
    return lines


def write_readme(text: str) -> None:
    readme = README.read_text()
    before, _, rest = readme.partition(START)
    _, _, after = rest.partition(END)
    README.write_text(f"{before}{START}\n{text}\n{END}{after}")


def prepare(workdir: Path) -> str:
    url = f"sqlite:///{workdir / 'lighthouse.sqlite3'}"
    env = environment(url, cache_seconds=0, port=0, workers=1)
    print("Building the database (migrate, load_documents), collecting static files …")
    manage(env, "migrate", "--noinput")
    manage(env, "load_documents")
    manage(env, "collectstatic", "--noinput", "--verbosity", "0")
    return url


def measure(site: Site, args, workdir: Path, chrome_port: int) -> list[Result]:
    results = []
    print(f"Lighthouse on {len(args.pages)} pages × {len(args.languages)} languages, "
          f"{args.runs} run(s) each (about 15 s a run) …")  # fmt: skip
    for page in args.pages:
        for language in args.languages:
            path = PAGES[page].format(lang=language)
            site.check(path)
            started = time.perf_counter()
            reports = [
                run_lighthouse(site.base + path, workdir / f"run-{n}.json", chrome_port)
                for n in range(args.runs)
            ]
            results.append(result_of(page, language, median_run(reports)))
            scores = ", ".join(f"{CATEGORIES[c]} {s}" for c, s in results[-1].scores.items())
            if args.runs > 1:
                scores += f" (performance of each run: {[score(r) for r in reports]})"
            print(f"  {page}, {language}: {scores}; {time.perf_counter() - started:.0f} s")
    return results


def score(report: dict, category: str = "performance") -> int:
    return round(report["categories"][category]["score"] * 100)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--languages", nargs="+", default=list(LANGUAGES), choices=LANGUAGES)
    parser.add_argument("--pages", nargs="+", default=list(PAGES), choices=list(PAGES))
    parser.add_argument("--runs", type=int, default=3, help="runs per page; the median counts")
    parser.add_argument("--write-readme", action="store_true",
                        help=f"rewrite the results in {README.relative_to(ROOT)}")  # fmt: skip
    args = parser.parse_args()
    sys.stdout.reconfigure(line_buffering=True)
    started = time.perf_counter()
    install_lighthouse()
    if not Path(CHROMIUM).exists():
        raise SystemExit(f"{CHROMIUM} is missing: apt-get install -y chromium")
    with tempfile.TemporaryDirectory(prefix="kzunesco-lighthouse-") as folder:
        workdir = Path(folder)
        # Photographs go to a throw-away media folder; map tiles are never fetched.
        os.environ.update(MEDIA_ROOT=str(workdir / "media"), MAP_TILE_URL="")
        database_url = prepare(workdir)
        gunicorn_port, proxy_port, chrome_port = free_ports(3)
        log = workdir / "gunicorn.log"
        site = Site(database_url, port=gunicorn_port, proxy_port=proxy_port, log=log)
        try:
            results = measure(site, args, workdir, chrome_port)
        finally:
            site.stop()
    chromium = subprocess.run([CHROMIUM, "--version"], capture_output=True, text=True).stdout
    runs = "one run" if args.runs == 1 else f"the median of {args.runs} runs"
    header = (
        f"Run of {datetime.date.today():%Y-%m-%d}: Lighthouse {LIGHTHOUSE_VERSION}, "
        f"{' '.join(chromium.split()[:2])}, mobile with simulated throttling, {runs} per page, on "
        f"{os.cpu_count()} cores (load average over the last 15 minutes: "
        f"{os.getloadavg()[2]:.1f}). Transfer sizes compressed, in kB of 1,000 bytes; "
        f"{MISSED.strip()} marks a figure that misses its target (performance ≥ 95, the "
        f"others 100; HTML+CSS+JS ≤ 150 kB, on the map ≤ 400 kB)."
    )
    lines = table(results)
    print(f"\n{header}\n\n" + "\n".join(lines))
    audits = print_lost_audits(results)
    missed = [f"{r.page} {r.language} ({', '.join(r.misses())})" for r in results if r.misses()]
    verdict = f"Targets missed by {'; '.join(missed)}." if missed else "Every target met."
    print(f"\n{verdict}\nThe whole run took {time.perf_counter() - started:.0f} s.")
    if args.write_readme:
        lost = ["", "Audits that lost points, then performance hints:", "", *audits]
        write_readme("\n".join([header, "", *lines, "", verdict, *(lost if audits else [])]))
        print(f"Table written to {README.relative_to(ROOT)}.")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
