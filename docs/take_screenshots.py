"""Retake the README's screenshots from a running site.

    make run &   # or any server with the documents' data
    .venv/bin/python docs/take_screenshots.py http://127.0.0.1:8000

Needs Debian's chromium and the test requirements (Playwright).
"""

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

SHOTS = {
    "home.png": "/en/",
    "heritage-list.png": "/en/heritage/?kind=world",
    "heritage-detail.png": "/en/heritage/silk-roads-chang-an-tianshan-corridor/",
    "map.png": "/en/heritage/map/",
    "timeline-ru.png": "/ru/timeline/",
    "facts-kk.png": "/kk/timeline/kazakhstan-and-unesco/",
    "publication.png": "/en/publications/dissertation-kazakhstan-unesco-humanitarian-security/",
}


def main(base_url: str) -> None:
    folder = Path(__file__).parent / "screenshots"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", args=["--no-sandbox"]
        )
        page = browser.new_page(viewport={"width": 1280, "height": 860})
        for name, path in SHOTS.items():
            page.goto(base_url.rstrip("/") + path)
            page.wait_for_load_state("networkidle")
            page.screenshot(path=folder / name)
            print(folder / name)
        browser.close()


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8000")
