"""The package as a new user gets it: the wheel alone, in a clean virtual environment with
Material for MkDocs, on a site written from scratch.

What docs/plugin.md promises: a fresh Material site that installs the package and adds
`- timeline` to its plugins gets a timeline (the package's own templates, stylesheet and
script), its exports and its feed. The wheel is built from the working tree's files (those
git tracks or would track) copied to a temporary folder, so no build output of the
checkout can slip in; it is installed with the project's pins (requirements/constraints.txt).
Nothing of this checkout is importable in that environment.

Takes some seconds: uv builds the wheel, makes the environment and installs into it.
"""

from __future__ import annotations

import csv
import html.parser
import io
import json
import os
import shutil
import subprocess
import sys
import textwrap
import tomllib
import zipfile
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import feedparser
import icalendar
import pytest

ROOT = Path(__file__).resolve().parents[2]
# uv (requirements/setup.txt) builds the wheel and the environment: seconds, where pip's
# isolated build and install took over a minute
UV = shutil.which("uv", path=str(Path(sys.executable).parent)) or shutil.which("uv") or "uv"
PACKAGE = "mkdocs_timeline"
# The templates a theme's custom_dir may override, under these names (docs/plugin.md):
# every file of the package's templates/ folder must be in the wheel
TEMPLATES = tuple(
    sorted(
        path.relative_to(
            Path(__file__).resolve().parents[2] / "mkdocs_timeline" / "templates"
        ).as_posix()
        for path in (Path(__file__).resolve().parents[2] / "mkdocs_timeline" / "templates").rglob(
            "*"
        )
        if path.is_file() and "__pycache__" not in path.parts
    )
)
TEMPLATES = (
    "partials/timeline.html",
    "partials/timeline-related.html",
    "assets/stylesheets/timeline.css",
    "assets/javascripts/timeline.js",
    "exports/timelinejs-text.html",
    "exports/feed-entry.html",
)
SITE_URL = "https://example.org/ten/"

# Ten events in the data format of docs/editors/timeline-data.md: whole dates, a month, a
# year, a range, Markdown in the body, several kinds; written out of date order (the
# plugin sorts them). (id, date, end_date, title, kind, date as the page shows it)
EVENTS = [
    ("statute-adopted", "1998-07-17", None, "Statute adopted", "treaty", "17 July 1998"),
    ("first-tribunal", "1993-05-25", None, "First tribunal set up", "tribunal", "25 May 1993"),
    ("treaty-signed", "2000-12-31", None, "Treaty signed", "treaty", "31 December 2000"),
    ("law-passed", "2002-08-02", None, "Law passed", "legislation", "2 August 2002"),
    ("court-opens", "2002-07", None, "The court opens", "court", "July 2002"),
    ("report-published", "2009", None, "Report published", "report", "2009"),
    ("conference-held", "2010-05-31", "2010-06-11", "Conference held", "diplomacy", "11 June 2010"),
    (
        "council-referral",
        "2011-02-26",
        None,
        "Council referral",
        "security-council",
        "26 February 2011",
    ),
    ("order-signed", "2020-06-11", None, "Order signed", "executive", "11 June 2020"),
    ("order-revoked", "2021-04-02", None, "Order revoked", "sanctions", "2 April 2021"),
]


def run(*command: object, cwd: Path | None = None, timeout: int = 300) -> str:
    """Runs a command outside this test's environment; fails the test with its output."""
    env = {k: v for k, v in os.environ.items() if k not in {"PYTHONPATH", "VIRTUAL_ENV"}}
    env["NO_MKDOCS_2_WARNING"] = "1"
    env["SOURCE_DATE_EPOCH"] = "1700000000"
    result = subprocess.run(
        [str(part) for part in command],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, f"{' '.join(map(str, command))} failed:\n{output}"
    return output


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    """The wheel, built from a copy of the working tree's files (not ignored by git)."""
    source = tmp_path_factory.mktemp("source")
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        check=True,
    ).stdout.decode()
    for name in filter(None, listed.split("\0")):
        if (ROOT / name).is_file():
            (source / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, source / name)
    out = tmp_path_factory.mktemp("dist")
    run(UV, "build", "--quiet", "--wheel", "--out-dir", out, source)
    wheels = list(out.glob("*.whl"))
    assert len(wheels) == 1, wheels
    return wheels[0]


@pytest.fixture(scope="module")
def venv(wheel, tmp_path_factory) -> Path:
    """A new virtual environment with the wheel and Material, at the project's pins."""
    folder = tmp_path_factory.mktemp("venv")
    run(UV, "venv", "--quiet", "--python", sys.executable, folder)
    run(
        UV, "pip", "install", "--quiet", "--python", folder / "bin" / "python",
        "-c", ROOT / "requirements" / "constraints.txt", wheel, "mkdocs-material",
    )  # fmt: skip
    return folder


@pytest.fixture(scope="module")
def built(venv, tmp_path_factory) -> Path:
    """A minimal Material site with a ten-event timeline, built with the venv's MkDocs."""
    site = tmp_path_factory.mktemp("site")
    (site / "mkdocs.yml").write_text(
        textwrap.dedent(f"""\
            site_name: Ten events
            site_url: {SITE_URL}
            theme:
              name: material
            plugins:
              - search
              - timeline
            """),
        encoding="utf-8",
    )
    (site / "docs").mkdir()
    (site / "docs" / "index.md").write_text(
        "---\ntimeline: timeline.yml\n---\n\n# Ten events\n\nWhat happened, in order.\n",
        encoding="utf-8",
    )
    (site / "data").mkdir()
    (site / "data" / "timeline.yml").write_text(timeline_yaml(), encoding="utf-8")
    output = site / "out"
    run(venv / "bin" / "mkdocs", "build", "--strict", "-d", output, cwd=site)
    return output


def timeline_yaml() -> str:
    lines = [
        "title: Ten events",
        "eras:",
        "  - id: before",
        "    label: Before the court",
        "    start: 1990-01-01",
        "    end: 2002-07-01",
        "  - id: after",
        "    label: After the court",
        "    start: 2002-07-01",
        "events:",
    ]
    for number, (id_, date, end, title, kind, _shown) in enumerate(EVENTS, 1):
        lines += [f"  - id: {id_}", f"    date: {date}"]
        lines += [f"    end_date: {end}"] if end else []
        lines += [
            f"    title: {title}",
            f"    kind: {kind}",
            "    body: >-",
            f"      Event number {number}, with *emphasis* and",
            f"      [a link](https://example.org/{id_}).",
            "    sources:",
            f"      - title: Source of event {number}",
            f"        url: https://example.org/sources/{id_}",
            "        publisher: Example Publisher",
            "        type: secondary",
        ]
    return "\n".join(lines) + "\n"


# ---- The wheel ---------------------------------------------------------------------------


def test_the_wheel_carries_the_package_and_nothing_else(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    version = package_version()
    dist_info = f"{PACKAGE}-{version}.dist-info/"
    strays = [n for n in names if not n.startswith((f"{PACKAGE}/", dist_info))]
    assert not strays, f"the wheel carries files outside the package: {strays}"
    modules = {f"{PACKAGE}/{p.name}" for p in (ROOT / PACKAGE).glob("*.py")}
    assert modules <= set(names), f"modules missing from the wheel: {modules - set(names)}"
    assert f"{PACKAGE}/py.typed" in names
    assert f"{dist_info}licenses/LICENSE" in names
    missing = [t for t in TEMPLATES if f"{PACKAGE}/templates/{t}" not in names]
    assert not missing, f"the wheel lacks the package's default templates: {missing}"


def test_the_wheel_depends_only_on_what_the_package_needs(wheel):
    metadata = (
        zipfile.ZipFile(wheel).read(f"{PACKAGE}-{package_version()}.dist-info/METADATA").decode()
    )
    requires = {
        line.split(":", 1)[1].strip().split("<")[0].split(">")[0].split("=")[0].strip().lower()
        for line in metadata.splitlines()
        if line.startswith("Requires-Dist:")
    }
    assert "mkdocs" in requires
    site_only = {"mkdocs-material", "pymdown-extensions", "rcssmin", "rjsmin", "tinycss2"}
    assert not requires & site_only, (
        f"the site's dependencies in the package: {requires & site_only}"
    )
    assert "License-Expression: MIT" in metadata
    assert "Classifier: Framework :: MkDocs" in metadata


def package_version() -> str:
    """The version the wheel must have: mkdocs_timeline.__version__ (pyproject's dynamic)."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert config["tool"]["setuptools"]["dynamic"]["version"] == {"attr": f"{PACKAGE}.__version__"}
    import mkdocs_timeline

    return mkdocs_timeline.__version__


def test_the_clean_environment_runs_the_installed_package(venv):
    # from the venv's folder: `python -c` puts its working folder first on sys.path
    where = run(
        venv / "bin" / "python", "-c", f"import {PACKAGE}; print({PACKAGE}.__file__)", cwd=venv
    )
    assert Path(where.strip()).is_relative_to(venv), where
    assert "validate" in run(venv / "bin" / "mkdocs-timeline", "--help", cwd=venv)


# ---- The site built with it --------------------------------------------------------------


class Page(html.parser.HTMLParser):
    """What the tests read from a page: its events (schema.org Event microdata), links and
    scripts."""

    def __init__(self) -> None:
        super().__init__()
        self.events: list[dict[str, str]] = []
        self.stylesheets: list[str] = []
        self.scripts: list[str] = []
        self.hrefs: list[str] = []
        self.ids: set[str] = set()
        self._text_of: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if "id" in a:
            self.ids.add(a["id"])
        if a.get("itemtype") == "https://schema.org/Event":
            self.events.append({})
        elif self.events and a.get("itemprop") in {"name", "startDate", "endDate"}:
            prop = a["itemprop"]
            if prop == "name":
                self.events[-1]["id"] = a.get("id", "")
            else:
                self.events[-1][prop] = a.get("datetime", "")
            self._text_of = prop
            self.events[-1].setdefault(f"{prop}_text", "")
        if tag == "link" and "stylesheet" in a.get("rel", "").split():
            self.stylesheets.append(a["href"])
        if tag == "script" and a.get("src"):
            self.scripts.append(a["src"])
        if tag == "a" and a.get("href"):
            self.hrefs.append(a["href"])

    def handle_endtag(self, tag: str) -> None:
        if tag in {"h2", "h3", "h4", "h5", "time"}:
            self._text_of = None

    def handle_data(self, data: str) -> None:
        if self._text_of and self.events:
            self.events[-1][f"{self._text_of}_text"] += data


@pytest.fixture(scope="module")
def page(built) -> Page:
    parsed = Page()
    parsed.feed((built / "index.html").read_text(encoding="utf-8"))
    return parsed


def local_file(built: Path, href: str) -> Path:
    """The built file a link of the home page points to."""
    path = urlsplit(urljoin("https://example.invalid/", href)).path
    return built / path.lstrip("/")


def test_the_page_shows_the_ten_events_in_date_order(page):
    assert len(page.events) == len(EVENTS), page.events
    expected = sorted(EVENTS, key=lambda e: e[1])
    for shown, (id_, date, end, title, _kind, display) in zip(page.events, expected, strict=True):
        assert shown["id"] == id_, shown
        assert shown["name_text"].strip() == title, shown
        assert shown["startDate"] == date, shown
        if end:
            assert shown.get("endDate") == end, shown
            assert display in shown["endDate_text"], shown
        else:
            assert shown["startDate_text"].strip() == display, shown


def test_the_page_links_the_packages_stylesheet_and_script(built, page):
    for name, links in (("timeline.css", page.stylesheets), ("timeline.js", page.scripts)):
        ours = [href for href in links if urlsplit(href).path.endswith(name)]
        assert ours, f"the page links no {name}: {links}"
        file = local_file(built, ours[0])
        assert file.is_file() and file.stat().st_size > 0, f"{ours[0]} is not in the site"


def test_the_exports_are_written_and_parse(built, page):
    titles = {e[3] for e in EVENTS}
    exports = built / "exports"

    timelinejs = json.loads((exports / "timeline.json").read_text(encoding="utf-8"))
    assert {e["text"]["headline"] for e in timelinejs["events"]} == titles

    rows = csv.DictReader(io.StringIO((exports / "timeline.csv").read_text("utf-8-sig")))
    # a title row and one row per era (Type "title", "era"), then the events
    events = [row for row in rows if not row["Type"]]
    assert len(events) == len(EVENTS), events
    assert {row["Headline"] for row in events} == titles

    calendar = icalendar.Calendar.from_ical((exports / "timeline.ics").read_bytes())
    assert {str(e["SUMMARY"]) for e in calendar.walk("VEVENT")} == titles

    for name in ("timeline.json", "timeline.csv", "timeline.ics"):
        assert any(urlsplit(h).path.endswith(f"exports/{name}") for h in page.hrefs), name


def test_the_feed_is_written_and_parses(built, page):
    feed = feedparser.parse((built / "feed.xml").read_bytes())
    assert not feed.bozo, feed.bozo_exception
    assert {entry.title for entry in feed.entries} == {e[3] for e in EVENTS}
    # each entry links to its event's permalink on the page
    links = {entry.link for entry in feed.entries}
    assert links == {f"{SITE_URL}#{e[0]}" for e in EVENTS}, sorted(links)
    assert any(urlsplit(h).path.endswith("feed.xml") for h in page.hrefs), page.hrefs
