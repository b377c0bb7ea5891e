"""The test harness: one way to build the site, one to serve it, one to open a page of it.

Every test folder uses these, through the fixtures of tests/conftest.py:

- `build(config_file, site_dir)`: MkDocs in this process (strict by default), with its log
  kept as `mkdocs build` prints it (`Built.output`), so planted mistakes can be checked
  against what an editor sees. `copy_site(folder)` copies the site's sources to plant them in.
- `Server` (scripts/served.py): a built site on 127.0.0.1, any free port, under the path of
  `site_url` as GitHub Pages serves it, with its 404 page for unknown addresses.
- `open_in(browser, server, path)`: a page in a fresh context of Debian's Chromium, with a
  `Watch` of what a reader must never get: a console error, an uncaught exception, a dialog,
  a request to another host (aborted, never sent).
- `run(*command)`: a command under test (a script of scripts/), its status and output.
- `run_axe(page)`: axe-core's WCAG 2.0/2.1 A and AA rules on an opened page.
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest

ROOT = Path(__file__).resolve().parents[1]
SCRIPTS = ROOT / "scripts"
REPORTS = ROOT / "reports"  # git-ignored; CI keeps it as an artifact
SEEDS = Path(os.environ.get("SEEDS_DIR", ROOT.parent / "shared" / "seeds"))

# What a copy of the site needs to build: everything under these names.
SITE_SOURCES = ("mkdocs.yml", "docs", "includes", "data", "overrides", "hooks")

# Material prints an end-of-life banner on import unless this is set.
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

from chromium import CHROMIUM, CHROMIUM_ARGS  # noqa: E402  (scripts/chromium.py)
from served import NOT_FOUND, Server, site_prefix  # noqa: E402  (scripts/served.py)

__all__ = [
    "CHROMIUM",
    "CHROMIUM_ARGS",
    "NOT_FOUND",
    "ROOT",
    "Built",
    "Opened",
    "Run",
    "Server",
    "Watch",
    "build",
    "copy_site",
    "open_in",
    "page_id",
    "page_paths",
    "run",
    "run_axe",
    "site_prefix",
]


# ---- Commands ----------------------------------------------------------------------------


@dataclass
class Run:
    returncode: int
    output: str  # stdout and stderr together, as an editor sees them

    def __str__(self) -> str:  # shown by pytest when an assertion fails
        return f"exit {self.returncode}\n{self.output}"


def run(*args: str | Path, cwd: Path = ROOT, env: dict | None = None, timeout: int = 600) -> Run:
    """Run a command as CI does and capture what it prints."""
    full_env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    proc = subprocess.run(
        [str(a) for a in args],
        cwd=cwd,
        env=full_env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        timeout=timeout,
        check=False,
    )
    return Run(proc.returncode, proc.stdout)


# ---- Building ----------------------------------------------------------------------------


def copy_site(root: Path) -> Path:
    """Copy everything the site's build needs (SITE_SOURCES) into `root`; return `root`."""
    root.mkdir(parents=True, exist_ok=True)
    for name in SITE_SOURCES:
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, root / name)
        elif src.is_file():
            shutil.copy2(src, root / name)
    return root


@dataclass
class Built:
    """A build: where it went, whether it passed, and its log."""

    site_dir: Path
    ok: bool
    records: list[logging.LogRecord] = field(repr=False)
    output: str  # the log as `mkdocs build` prints it, then its "Aborted ..." line

    def messages(self, level: int = logging.WARNING) -> list[str]:
        """The messages logged at exactly `level`."""
        return [r.getMessage() for r in self.records if r.levelno == level]

    def __str__(self) -> str:
        return f"{'built' if self.ok else 'build failed'}: {self.site_dir}\n{self.output}"


class _Keep(logging.Handler):
    def __init__(self, records: list[logging.LogRecord]):
        super().__init__(logging.INFO)
        self.kept = records

    def emit(self, record: logging.LogRecord) -> None:
        self.kept.append(record)


def build(
    config_file: Path = ROOT / "mkdocs.yml",
    site_dir: Path | None = None,
    *,
    strict: bool = True,
    expect_ok: bool = True,
    **overrides,
) -> Built:
    """Build a site with MkDocs in this process, strict unless told; the test fails when the
    build does unless `expect_ok=False`. `overrides` are config settings (site_url=...)."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort

    config_file = Path(config_file)
    site_dir = site_dir or config_file.parent / "site"
    records: list[logging.LogRecord] = []
    logger = logging.getLogger("mkdocs")
    handler, level = _Keep(records), logger.level
    logger.addHandler(handler)
    if not logger.isEnabledFor(logging.INFO):
        logger.setLevel(logging.INFO)
    aborted = None
    try:
        config = load_config(
            config_file=str(config_file), site_dir=str(site_dir), strict=strict, **overrides
        )
        mkdocs_build(config)
    except Abort as error:
        aborted = str(error)
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)
    lines = [f"{r.levelname:<8}-  {r.getMessage()}" for r in records]
    if aborted:
        lines.append(aborted)
    built = Built(Path(site_dir), aborted is None, records, "\n".join(lines))
    if expect_ok and not built.ok:
        pytest.fail(f"the build of {config_file} failed:\n{built.output}", pytrace=False)
    return built


def page_paths(config_file: Path = ROOT / "mkdocs.yml") -> list[str]:
    """URL paths (relative to the site's root) of every page: each Markdown page MkDocs
    builds from docs/, in order, then the 404 page."""
    from mkdocs.config import load_config
    from mkdocs.structure.files import get_files

    config = load_config(config_file=str(config_file))
    pages = [f.url.removeprefix("./") for f in get_files(config).documentation_pages()]
    return [*sorted(pages), NOT_FOUND]


def page_id(path: str) -> str:
    """A short name for a page: `home`, `about`, `editors/timeline-data`, `404`."""
    return path.removesuffix(".html").strip("/") or "home"


# ---- A page in Chromium ------------------------------------------------------------------


@dataclass
class Watch:
    """What went wrong while a page was open, in the order it happened."""

    other_hosts: list[str] = field(default_factory=list)
    console_errors: list[tuple[str, str]] = field(default_factory=list)  # (text, where)
    exceptions: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    console: list[str] = field(default_factory=list)  # every console message, for markers
    not_found: set[str] = field(default_factory=set)  # documents expected to answer 404

    def problems(self) -> list[str]:
        found = []
        if self.other_hosts:
            found.append(
                f"request to another host: {self.other_hosts[0]}"
                + (f" (and {len(self.other_hosts) - 1} more)" if len(self.other_hosts) > 1 else "")
            )
        for text, where in self.console_errors:
            # The browser logs the 404 status of a page it was sent to on purpose.
            if where in self.not_found and "404" in text:
                continue
            found.append(f"console error: {text} ({where})" if where else f"console error: {text}")
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
            route.fallback()

    def request(request):  # a second net, for requests routing cannot see
        parts = urlsplit(request.url)
        other = parts.scheme in ("http", "https", "ws", "wss") and parts.netloc != own
        if other and request.url not in watch.other_hosts:
            watch.other_hosts.append(request.url)

    context = browser.new_context(**options)
    context.route("**/*", route)
    context.on("request", request)
    return context


def watch_page(page, watch: Watch) -> None:
    def console(message):
        watch.console.append(message.text)
        if message.type == "error":
            watch.console_errors.append((message.text, message.location.get("url", "")))

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
    server: Server,
    path: str = "",
    *,
    width: int = 1280,
    height: int = 900,
    scheme: str = "light",
    javascript: bool = True,
    **options,
) -> Opened:
    """Open a page of a served site in a fresh context, motion reduced unless told; the
    caller closes `opened.context` and looks at `opened.watch`."""
    watch = Watch()
    options.setdefault("reduced_motion", "reduce")
    context = new_context(
        browser,
        server.origin,
        watch,
        viewport={"width": width, "height": height},
        color_scheme=scheme,
        java_script_enabled=javascript,
        **options,
    )
    page = context.new_page()
    watch_page(page, watch)
    response = page.goto(server.url + path, wait_until="load")
    return Opened(page, context, response.status if response else 0, watch)


# ---- axe ---------------------------------------------------------------------------------

WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def run_axe(page) -> dict:
    """axe-core (bundled with axe-playwright-python) on the page, WCAG 2.0/2.1 A and AA."""
    from axe_playwright_python.sync_playwright import Axe

    options = {"runOnly": {"type": "tag", "values": WCAG}, "resultTypes": ["violations"]}
    return Axe().run(page, options=options).response


def describe_violations(violations: list[dict]) -> str:
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

    def write(self, path: Path | None = None):
        """Write the runs to `path` (default reports/axe.json). Under pytest-xdist each
        worker writes its own part (AXE_PARTS) and `merge_axe_parts` joins them."""
        import json

        if not self.runs:
            return
        path = path or REPORTS / "axe.json"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(axe_summary(self.runs, self.version), indent=2) + "\n", "utf-8")


AXE_PARTS = REPORTS / "axe-parts"  # one file per pytest-xdist worker, merged at the end


def axe_summary(runs: list[dict], version: str | None) -> dict:
    runs = sorted(runs, key=lambda r: (r["url"], r["javascript"], -r["width"], r["scheme"]))
    return {
        "engine": f"axe-core {version}",
        "tags": WCAG,
        "runs": len(runs),
        "violations": sum(len(r["violations"]) for r in runs),
        "pages": runs,
    }


def merge_axe_parts(since: float) -> None:
    """Join the workers' parts written since `since` (a time) into reports/axe.json."""
    import json

    parts = sorted(AXE_PARTS.glob("*.json")) if AXE_PARTS.is_dir() else []
    fresh = [p for p in parts if p.stat().st_mtime >= since]
    if fresh:
        reports = [json.loads(p.read_text(encoding="utf-8")) for p in fresh]
        runs = [run for report in reports for run in report["pages"]]
        version = reports[0]["engine"].removeprefix("axe-core ")
        (REPORTS / "axe.json").write_text(
            json.dumps(axe_summary(runs, version), indent=2) + "\n", encoding="utf-8"
        )
    shutil.rmtree(AXE_PARTS, ignore_errors=True)
