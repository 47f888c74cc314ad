"""What the browser tests share: Debian's Chromium (never a downloaded browser), headless,
through Playwright. A test module calls ``skip_without_chromium()`` first; CI sets
REQUIRE_BROWSER so that a missing browser fails instead of skipping."""

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
SHOTS = Path(os.environ.get("SCREENSHOT_DIR") or "/tmp/kzunesco-shots")
# axe-core, served with the tests (never downloaded), as the script a page is given to run.
AXE = (Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js").read_text()
ARGUMENTS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def skip_without_chromium() -> None:
    if CHROMIUM.exists():
        # Playwright's sync API runs an event loop in the test's thread; the ORM calls of
        # the fixtures happen outside it, so Django's async-safety check does not apply.
        os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        return
    if os.environ.get("REQUIRE_BROWSER"):
        raise RuntimeError("Browser tests need Debian's chromium: apt-get install -y chromium")
    pytest.skip("Debian's chromium is not installed", allow_module_level=True)


@contextmanager
def chromium() -> Iterator:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGUMENTS)
        yield browser
        browser.close()
