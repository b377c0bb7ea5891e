"""Debian's Chromium (never a browser downloaded by Playwright) and the flags it runs with
here: shared by the tests (tests/conftest.py) and the scripts that drive a browser
(bench_pages.py, social_card.py)."""

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
