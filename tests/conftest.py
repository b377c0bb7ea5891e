"""Shared fixtures: the real site, built once per test session into a temporary folder, and
Debian's Chromium with the site served on 127.0.0.1 (one browser for the whole session: a
second sync Playwright in the same process fails).

Browser fixtures: `site_dir`, `site_url`, `browser`, `open_page` (fails a test on a console
error, an uncaught exception or a request to another host), `timeline_events`. To test a
site built elsewhere, set BROWSER_SITE_DIR to its folder (and TIMELINE_YML to the data file
it was built from, if not data/timeline.yml).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
SEEDS = Path(os.environ.get("SEEDS_DIR", ROOT.parent / "shared" / "seeds"))

# Material prints an end-of-life banner on import unless this is set.
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


def build_site(config_file: Path, site_dir: Path, **overrides) -> Path:
    """Build a site in strict mode (any warning aborts) and return its folder."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config = load_config(config_file=str(config_file), site_dir=str(site_dir), **overrides)
    build(config)
    return site_dir


@pytest.fixture(scope="session")
def real_config():
    """The project's mkdocs.yml, loaded and validated (not built)."""
    from mkdocs.config import load_config

    return load_config(config_file=str(ROOT / "mkdocs.yml"))


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The real site, built in strict mode into a temporary folder."""
    return build_site(ROOT / "mkdocs.yml", tmp_path_factory.mktemp("site"))


@pytest.fixture(scope="session")
def seeds() -> Path:
    """The folder of source documents the pages are written from."""
    if not SEEDS.is_dir():
        pytest.fail(f"source documents not found at {SEEDS}; set SEEDS_DIR")
    return SEEDS


# ---- The site in a real browser ----------------------------------------------------------

# Debian's Chromium and its flags, shared with the scripts (scripts/chromium.py)
sys.path.insert(0, str(ROOT / "scripts"))
from chromium import CHROMIUM, CHROMIUM_ARGS  # noqa: E402


@pytest.fixture(scope="session")
def site_dir(request) -> Path:
    """The folder of the built site."""
    prebuilt = os.environ.get("BROWSER_SITE_DIR")
    if prebuilt:
        return Path(prebuilt)
    return request.getfixturevalue("built_site")


@pytest.fixture(scope="session")
def site_url(site_dir):
    """Base URL (ending in /) of the site served from a thread on 127.0.0.1, any free port."""
    from served import Server  # scripts/served.py

    with Server(site_dir) as server:
        yield server.url


@pytest.fixture(scope="session")
def browser():
    """Debian's headless Chromium (never one downloaded by Playwright)."""
    if not os.access(CHROMIUM, os.X_OK):
        pytest.fail(f"{CHROMIUM} not found; run scripts/setup --test (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def open_page(browser, site_url):
    """Open a page of the site: open_page(path, width=1280, javascript=True, scheme="light").

    The test fails on any console error, uncaught exception or request to another host.
    """
    contexts = []
    problems: list[str] = []
    own = urlsplit(site_url).netloc

    def watch_request(request):
        parts = urlsplit(request.url)
        if parts.scheme in ("http", "https", "ws", "wss") and parts.netloc != own:
            problems.append(f"request to another host: {request.url}")

    def watch_console(message):
        if message.type == "error":
            problems.append(f"console error: {message.text} ({message.location.get('url')})")

    def open_(path="", *, width=1280, height=900, javascript=True, scheme="light", **options):
        context = browser.new_context(
            viewport={"width": width, "height": height},
            java_script_enabled=javascript,
            color_scheme=scheme,
            **options,
        )
        contexts.append(context)
        context.on("request", watch_request)
        page = context.new_page()
        page.on("console", watch_console)
        page.on("pageerror", lambda error: problems.append(f"uncaught exception: {error}"))
        response = page.goto(site_url + path)
        assert response.status == 200, f"{path}: HTTP {response.status}"
        page.wait_for_load_state("load")
        return page

    yield open_
    for context in contexts:
        context.close()
    assert not problems, "\n".join(problems)


@pytest.fixture(scope="session")
def timeline_events() -> list[dict]:
    """The events of the timeline's data file, as editors wrote them."""
    path = Path(os.environ.get("TIMELINE_YML", ROOT / "data" / "timeline.yml"))
    with path.open(encoding="utf-8-sig") as file:
        data = yaml.safe_load(file)
    events = data["events"] if isinstance(data, dict) else data
    assert events, f"no events in {path}"
    return events
