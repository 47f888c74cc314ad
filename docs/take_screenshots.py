"""Retake the screenshots of the README and of docs/screenshots.md from a running site.

    make run &   # or any server with the shipped data
    .venv/bin/python docs/take_screenshots.py http://127.0.0.1:8000

The README's few (PNG, 1280 px wide) and the gallery: every page type in Kazakh, Russian
and English at 1366 and 390 px (JPEG, the first screenful). Needs Debian's chromium and
the test requirements (Playwright).
"""

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

README_SHOTS = {
    "home.png": "/en/",
    "heritage-list.png": "/en/heritage/?kind=world",
    "heritage-detail.png": "/en/heritage/silk-roads-chang-an-tianshan-corridor/",
    "map.png": "/en/heritage/map/",
    "timeline-ru.png": "/ru/timeline/",
    "facts-kk.png": "/kk/timeline/kazakhstan-and-unesco/",
    "publication.png": "/en/publications/dissertation-kazakhstan-unesco-humanitarian-security/",
}
GALLERY = {  # page type → address without the language
    "home": "/",
    "list": "/heritage/",
    "detail": "/heritage/mausoleum-of-khoja-ahmed-yasawi/",
    "map": "/heritage/map/",
    "timeline": "/timeline/",
    "story": "/stories/silk-roads-in-kazakhstan/",
    "about": "/about/",
}
LANGUAGES = ("kk", "ru", "en")
WIDTHS = {1366: 860, 390: 844}
FOLDER = Path(__file__).parent / "screenshots"


def main(base_url: str) -> None:
    base = base_url.rstrip("/")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", args=["--no-sandbox"]
        )
        page = browser.new_page(viewport={"width": 1280, "height": 860})
        for name, path in README_SHOTS.items():
            _shoot(page, base + path, FOLDER / name)
        (FOLDER / "gallery").mkdir(exist_ok=True)
        for width, height in WIDTHS.items():
            page.set_viewport_size({"width": width, "height": height})
            for kind, path in GALLERY.items():
                for language in LANGUAGES:
                    name = FOLDER / "gallery" / f"{kind}-{language}-{width}.jpg"
                    _shoot(page, f"{base}/{language}{path}", name, quality=60)
        browser.close()


def _shoot(page, url: str, path: Path, quality: int | None = None) -> None:
    page.goto(url)
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(300)  # the maps' last frame
    if quality is None:
        page.screenshot(path=path)
    else:
        page.screenshot(path=path, type="jpeg", quality=quality)
    print(path)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8000")
