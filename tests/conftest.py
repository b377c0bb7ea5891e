"""The fixtures every test folder uses (the code behind them: tests/harness.py).

Building:
- `real_config`: the project's mkdocs.yml, loaded (not built).
- `built_site`: the real site, built strict once per session into a temporary folder.
- `build_site(config_file=mkdocs.yml, site_dir=tmp_path/"site", strict=True, expect_ok=True,
  **settings) -> Built`: a build in this process into the test's tmp_path, its log kept.
- `site_copy`: a temporary copy of the site's sources (never the working tree) to plant
  mistakes in.

Serving and opening:
- `served_site`: `built_site` served on 127.0.0.1 (any free port) under the path of site_url.
- `browser`: Debian's headless Chromium, one for the session (a second sync Playwright in
  the same process fails).
- `open_page(path, site=served_site, status=200, width=1280, scheme="light",
  javascript=True, **context_options) -> Opened`: a page in a fresh context. The test
  fails at once on another status, and at its end on a console error, an uncaught exception,
  a dialog or a request to another host (see `harness.Watch`).
- `site_page`: tests that take it run once for every page of the site (the nav's pages, then
  the 404 page), so a new page is tested with no test change.

Under pytest-xdist (`./scripts/check` runs `pytest -n 2 --dist loadfile`), each of the two
worker processes has its own session: `built_site`, `served_site` and `browser` are made
once per worker, and every test file runs whole on one worker, so a module-scoped fixture
(a planted copy built once for a file's tests) is still made once. `axe_report`: each worker
writes its part under reports/axe-parts/, joined into reports/axe.json at the end.

Data: `timeline_events` (data/timeline.yml as editors wrote it), `seeds` (the source
documents the pages are written from), `axe_report` (reports/axe.json).
"""

from __future__ import annotations

import functools
import os
import time
from pathlib import Path

import pytest
import yaml
from harness import (
    AXE_PARTS,
    CHROMIUM,
    CHROMIUM_ARGS,
    ROOT,
    SEEDS,
    AxeReport,
    Server,
    build,
    copy_site,
    merge_axe_parts,
    open_in,
    page_id,
    page_paths,
    site_prefix,
)

# ---- Building ----------------------------------------------------------------------------


@pytest.fixture(scope="session")
def real_config():
    """The project's mkdocs.yml, loaded and validated (not built)."""
    from mkdocs.config import load_config

    return load_config(config_file=str(ROOT / "mkdocs.yml"))


# SOURCE_DATE_EPOCH as the session started: `built_site` is built with it even when a test
# that changes it (monkeypatch) is the first to ask for the site.
SESSION_EPOCH = os.environ.get("SOURCE_DATE_EPOCH")


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The real site, built in strict mode into a temporary folder."""
    folder = tmp_path_factory.mktemp("real-site") / "site"
    with pytest.MonkeyPatch.context() as patch:
        if SESSION_EPOCH is None:
            patch.delenv("SOURCE_DATE_EPOCH", raising=False)
        else:
            patch.setenv("SOURCE_DATE_EPOCH", SESSION_EPOCH)
        return build(ROOT / "mkdocs.yml", folder).site_dir


@pytest.fixture
def build_site(tmp_path):
    """build_site(config_file=mkdocs.yml, site_dir=tmp_path/"site", **options) -> Built."""
    count = 0

    def build_(config_file: Path = ROOT / "mkdocs.yml", site_dir: Path | None = None, **options):
        nonlocal count
        count += 1
        site_dir = site_dir or tmp_path / ("site" if count == 1 else f"site-{count}")
        return build(config_file, site_dir, **options)

    return build_


@pytest.fixture
def site_copy(tmp_path: Path) -> Path:
    """A temporary copy of the site's sources (never the working tree) to plant mistakes in."""
    return copy_site(tmp_path / "copy")


# ---- Serving and opening -----------------------------------------------------------------


@pytest.fixture(scope="session")
def served_site(built_site):
    """The real site, served as GitHub Pages serves it (under the path of site_url)."""
    with Server(built_site, site_prefix()) as server:
        yield server


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
def open_page(browser, request):
    """open_page(path, site=served_site, status=200, **options) -> Opened (see module doc)."""
    opened_pages = []

    def open_(path: str = "", *, site: Server | None = None, status: int = 200, **options):
        site = site or request.getfixturevalue("served_site")
        opened = open_in(browser, site, path, **options)
        opened_pages.append(opened)
        if status == 404:
            opened.watch.not_found.add(opened.page.url)
        assert opened.status == status, f"{path}: HTTP {opened.status}, expected {status}"
        return opened

    yield open_
    problems = []
    for opened in opened_pages:
        problems += opened.watch.problems()
        opened.context.close()
    assert not problems, "\n".join(problems)


@functools.cache
def _site_pages() -> list[str]:
    return page_paths()


def pytest_generate_tests(metafunc):
    if "site_page" in metafunc.fixturenames:
        paths = _site_pages()
        metafunc.parametrize("site_page", paths, ids=[page_id(p) for p in paths])


@pytest.fixture(scope="session")
def site_pages() -> list[str]:
    """Every page's URL path, as `site_page` takes them."""
    return _site_pages()


@pytest.fixture(scope="session")
def axe_report(request):
    """Every axe run of the session, written to reports/axe.json at its end."""
    report = AxeReport()
    yield report
    worker = getattr(request.config, "workerinput", {}).get("workerid")
    report.write(AXE_PARTS / f"{worker}.json" if worker else None)


STARTED = time.time()  # when this process began: the axe parts of this run are newer


def pytest_sessionfinish(session):
    """Under pytest-xdist (-n 2, as ./scripts/check runs), the controller joins the axe
    reports of its workers."""
    if not hasattr(session.config, "workerinput"):
        merge_axe_parts(STARTED)


# ---- Data --------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def timeline_events() -> list[dict]:
    """The events of the timeline's data file, as editors wrote them."""
    path = ROOT / "data" / "timeline.yml"
    with path.open(encoding="utf-8-sig") as file:
        events = yaml.safe_load(file)["events"]
    assert events, f"no events in {path}"
    return events


@pytest.fixture(scope="session")
def seeds() -> Path:
    """The folder of source documents the pages are written from."""
    if not SEEDS.is_dir():
        pytest.fail(f"source documents not found at {SEEDS}; set SEEDS_DIR")
    return SEEDS
