"""Fixtures for the page-wide quality gates: every page of the real site, in Debian's Chromium.

- `site_pages`: every page, from the nav (docs/) plus the 404 page; tests are parametrized
  with them at collection time (`site_page`), so a new page is audited with no test change.
- `served_site`: the built site (`built_site`, tests/conftest.py, or BROWSER_SITE_DIR) served by
  scripts/served.py on 127.0.0.1 under
  the path of `site_url` (as GitHub Pages serves it), with GitHub Pages' 404 page for
  unknown paths. The 404 page's links are absolute paths from `site_url`, so a site served
  at / could not load its stylesheets and scripts.
- `browser`: Debian's Chromium, from tests/conftest.py (one for the whole session).
- `open_site_page`: opens a page in a fresh context and records what a reader must never
  get: a status other than 200, a console error, an uncaught exception, a dialog, and any
  request to another host (aborted, never sent; the first is named).
- `visit`: one load of a page at a width and palette, cached for the session, with its axe
  audit and screenshot: the tests of test_pages.py assert on parts of the same visit.

Reports for CI (reports/ is git-ignored): reports/screenshots/*.png, reports/axe.json.
"""

from __future__ import annotations

import functools
import json
import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from served import NOT_FOUND, Server, site_prefix  # scripts/served.py

ROOT = Path(__file__).resolve().parents[2]
REPORTS = ROOT / "reports"
SCREENSHOTS = REPORTS / "screenshots"
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
WIDTHS = [1280, 390]
SCHEMES = ["light", "dark"]

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


# ---- The pages -------------------------------------------------------------------------


@functools.cache
def page_paths() -> list[str]:
    """URL paths (relative to the site's root) of every page: each Markdown page MkDocs
    builds from docs/ (the nav), then the 404 page."""
    from mkdocs.config import load_config
    from mkdocs.structure.files import get_files

    config = load_config(config_file=str(ROOT / "mkdocs.yml"))
    pages = [f.url.removeprefix("./") for f in get_files(config).documentation_pages()]
    return [*sorted(pages), NOT_FOUND]


def page_id(path: str) -> str:
    """A short name for a page: `home`, `about`, `editors/timeline-data`, `404`."""
    return path.removesuffix(".html").strip("/") or "home"


def slug(path: str) -> str:
    """A file name for a page's reports: `home`, `editors_timeline-data`, `404`."""
    return page_id(path).replace("/", "_")


def pytest_generate_tests(metafunc):
    if "site_page" in metafunc.fixturenames:
        paths = page_paths()
        metafunc.parametrize("site_page", paths, ids=[page_id(p) for p in paths])


@pytest.fixture(scope="session")
def site_pages() -> list[str]:
    return page_paths()


# ---- The site, served -------------------------------------------------------------------


@pytest.fixture(scope="session")
def served_site(request):
    """The real site, served as GitHub Pages would serve it. BROWSER_SITE_DIR=DIR serves a
    site built elsewhere instead (as tests/browser/ does)."""
    prebuilt = os.environ.get("BROWSER_SITE_DIR")
    site = Path(prebuilt) if prebuilt else request.getfixturevalue("built_site")
    server = Server(site, site_prefix())
    yield server
    server.close()


# ---- A page, opened ---------------------------------------------------------------------


@dataclass
class Watch:
    """What went wrong while a page was open, in the order it happened."""

    other_hosts: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    exceptions: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    console: list[str] = field(default_factory=list)  # every console message, for markers

    def problems(self) -> list[str]:
        found = []
        if self.other_hosts:
            found.append(
                f"request to another host: {self.other_hosts[0]}"
                + (f" (and {len(self.other_hosts) - 1} more)" if len(self.other_hosts) > 1 else "")
            )
        found += [f"console error: {e}" for e in self.console_errors]
        found += [f"uncaught exception: {e}" for e in self.exceptions]
        found += [f"dialog: {d}" for d in self.dialogs]
        return found


def new_context(browser, origin: str, watch: Watch, **options):
    """A fresh browser context (cold cache) that never lets a request leave `origin`."""
    own = urlsplit(origin).netloc

    def route(route):
        parts = urlsplit(route.request.url)
        if parts.scheme in ("http", "https") and parts.netloc != own:
            watch.other_hosts.append(route.request.url)
            route.abort("blockedbyclient")
        else:
            route.continue_()

    def request(request):  # a second net, for requests routing cannot see
        parts = urlsplit(request.url)
        if (
            parts.scheme in ("http", "https", "ws", "wss")
            and parts.netloc != own
            and request.url not in watch.other_hosts
        ):
            watch.other_hosts.append(request.url)

    context = browser.new_context(**options)
    context.route("**/*", route)
    context.on("request", request)
    return context


def watch_page(page, watch: Watch) -> None:
    def console(message):
        watch.console.append(message.text)
        if message.type == "error":
            where = message.location.get("url", "")
            watch.console_errors.append(f"{message.text} ({where})" if where else message.text)

    def dialog(dialog):
        watch.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    page.on("console", console)
    page.on("pageerror", lambda error: watch.exceptions.append(str(error)))
    page.on("dialog", dialog)
    page.on("websocket", lambda ws: watch.other_hosts.append(ws.url))


@dataclass
class Opened:
    page: object
    context: object
    status: int
    watch: Watch


def open_in(
    browser,
    server,
    path: str,
    *,
    width=1280,
    height=900,
    scheme="light",
    javascript=True,
    **options,
) -> Opened:
    """Open a page of a served site in a fresh context; the caller closes `context`."""
    watch = Watch()
    context = new_context(
        browser,
        server.origin,
        watch,
        viewport={"width": width, "height": height},
        color_scheme=scheme,
        java_script_enabled=javascript,
        reduced_motion="reduce",
        **options,
    )
    page = context.new_page()
    watch_page(page, watch)
    response = page.goto(server.url + path, wait_until="load")
    return Opened(page, context, response.status if response else 0, watch)


@pytest.fixture
def open_site_page(browser, served_site):
    """open_site_page(path, width=1280, scheme="light", javascript=True) -> Opened.
    Contexts are closed after the test; asserting on `opened.watch` is the test's job."""
    contexts = []

    def open_(path, **options):
        opened = open_in(browser, served_site, path, **options)
        contexts.append(opened.context)
        return opened

    yield open_
    for context in contexts:
        context.close()


# ---- One visit per page, width and palette ----------------------------------------------


@dataclass
class Visit:
    path: str
    width: int
    scheme: str
    status: int
    watch: Watch
    violations: list[dict]
    widths: tuple[int, int]  # the page's scroll width and the window's width
    palette: str  # Material's scheme on <body>: "default" (light) or "slate" (dark)
    screenshot: Path | None


def run_axe(page) -> dict:
    """axe-core (bundled with axe-playwright-python) on the page, WCAG 2.0/2.1 A and AA."""
    from axe_playwright_python.sync_playwright import Axe

    options = {"runOnly": {"type": "tag", "values": WCAG}, "resultTypes": ["violations"]}
    return Axe().run(page, options=options).response


class AxeReport:
    """Every axe run of the session, written to reports/axe.json at its end."""

    def __init__(self):
        self.runs: list[dict] = []
        self.version = None

    def add(self, path, width, scheme, javascript, response):
        self.version = response.get("testEngine", {}).get("version", self.version)
        self.runs.append(
            {
                "page": page_id(path),
                "url": path,
                "width": width,
                "scheme": scheme,
                "javascript": javascript,
                "violations": [
                    {
                        "id": v["id"],
                        "impact": v.get("impact"),
                        "help": v["help"],
                        "helpUrl": v.get("helpUrl"),
                        "tags": v.get("tags", []),
                        "nodes": [
                            {
                                "target": n.get("target"),
                                "html": n.get("html"),
                                "failureSummary": n.get("failureSummary"),
                            }
                            for n in v["nodes"]
                        ],
                    }
                    for v in response.get("violations", [])
                ],
            }
        )

    def write(self):
        if not self.runs:
            return
        REPORTS.mkdir(exist_ok=True)
        runs = sorted(
            self.runs, key=lambda r: (r["url"], r["javascript"], -r["width"], r["scheme"])
        )
        report = {
            "engine": f"axe-core {self.version}",
            "tags": WCAG,
            "runs": len(runs),
            "violations": sum(len(r["violations"]) for r in runs),
            "pages": runs,
        }
        (REPORTS / "axe.json").write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")


@pytest.fixture(scope="session")
def axe_report():
    report = AxeReport()
    yield report
    report.write()


def settle(page, quiet_ms: int = 300, limit_ms: int = 3000) -> None:
    """Wait until the page has made no request for `quiet_ms` (the search worker fetches
    its index after load), at most `limit_ms`."""
    pending = set()
    last = [time.monotonic()]

    def start(request):
        pending.add(request)
        last[0] = time.monotonic()

    def end(request):
        pending.discard(request)
        last[0] = time.monotonic()

    page.context.on("request", start)
    page.context.on("requestfinished", end)
    page.context.on("requestfailed", end)
    deadline = time.monotonic() + limit_ms / 1000
    while time.monotonic() < deadline:
        page.wait_for_timeout(50)
        if not pending and time.monotonic() - last[0] >= quiet_ms / 1000:
            break


@pytest.fixture(scope="session")
def visit(browser, served_site, axe_report):
    """visit(path, width, scheme) -> Visit: one load, audit and screenshot, cached."""
    cache: dict[tuple, Visit] = {}

    def visit_(path: str, width: int, scheme: str) -> Visit:
        key = (path, width, scheme)
        if key not in cache:
            opened = open_in(browser, served_site, path, width=width, scheme=scheme)
            try:
                page = opened.page
                settle(page)
                response = run_axe(page)
                axe_report.add(path, width, scheme, True, response)
                widths = tuple(
                    page.evaluate(
                        "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
                    )
                )
                palette = page.evaluate("document.body.dataset.mdColorScheme || ''")
                SCREENSHOTS.mkdir(parents=True, exist_ok=True)
                shot = SCREENSHOTS / f"{slug(path)}-{width}-{scheme}.png"
                page.screenshot(path=str(shot), full_page=True)
                cache[key] = Visit(
                    path,
                    width,
                    scheme,
                    opened.status,
                    opened.watch,
                    response.get("violations", []),
                    widths,
                    palette,
                    shot,
                )
            finally:
                opened.context.close()
        return cache[key]

    return visit_


def describe(violations: list[dict]) -> str:
    """axe violations, one line each, with up to five of the elements at fault."""
    return "\n".join(
        f"{v['id']} ({v.get('impact')}): {v['help']} at "
        f"{[n['target'] for n in v['nodes']][:5]}"
        + (
            f"\n    {v['nodes'][0].get('failureSummary', '').splitlines()[-1].strip()}"
            if v["nodes"] and v["nodes"][0].get("failureSummary")
            else ""
        )
        for v in violations
    )
