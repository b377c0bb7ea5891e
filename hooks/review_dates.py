"""MkDocs hook: every page says when an editor last reviewed it, and when it last changed.

Review date. Each page's front matter has `reviewed: YYYY-MM-DD`, the day an editor last
checked the page against its sources. The build warns (so `mkdocs build --strict` fails) with
`docs/x.md:LINE: what is wrong; what is expected` when a page has none, when it is not a real
date (`2026-13-40`, `soon`, `23/11/2026`), or when it is in the future. "The future" means
after today's date anywhere on Earth (the clock, in UTC+14, so no editor's "today" is ever
refused), or after the date of SOURCE_DATE_EPOCH when that is later (a reproducible rebuild on
a machine whose clock is behind). The check never changes what is written: a page shows the
date its editor wrote, so identical sources build to identical files on any day. The value
is read from the front matter's text, so `reviewed: 2026-11-23` and `reviewed: "2026-11-23"`
are the same, and a date YAML cannot read (which makes MkDocs drop the page's front matter)
is reported here instead of passing unseen.

Last change. Where the git history is available, a page also shows the date of the last
commit that changed its source (and, for a timeline page, the timeline's data file), in UTC.
The date comes from the commit, never from the clock, so builds do not differ. Where git
cannot say (no git, no `.git`, a file not yet committed, or a shallow clone whose history
stops at that commit), the page shows no such date and the build goes on silently: a date
that might be wrong is worse than none. CI that should show these dates fetches the whole
history (`fetch-depth: 0`).

Both dates and the citation parts reach the templates as `page_dates` (see
overrides/partials/page-facts.html). Registered in mkdocs.yml under `hooks:`; tested by
tests/site/test_review_dates.py, tests/site/test_page_meta.py and
tests/browser/test_page_facts.py.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import os
import posixpath
import re
import subprocess
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import NamedTuple

import yaml
from mkdocs.utils.meta import YAML_RE

from mkdocs_timeline.dates import PartialDate

log = logging.getLogger("mkdocs.hooks.review_dates")

KEY = "reviewed"
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
# The time zone whose date changes first: its today is the latest today anywhere.
EARLIEST_ZONE = dt.timezone(dt.timedelta(hours=14))


def long_date(day: dt.date) -> str:
    """`23 November 2026`: the site's date style (the timeline's), the same in every locale."""
    return PartialDate.from_date(day).display


def latest_today(environ=None, now: dt.datetime | None = None) -> dt.date:
    """The date after which a review date is "in the future": today's date in UTC+14, or the
    date of SOURCE_DATE_EPOCH (in UTC) when that is later."""
    environ = os.environ if environ is None else environ
    today = (now or dt.datetime.now(dt.UTC)).astimezone(EARLIEST_ZONE).date()
    epoch = (environ.get("SOURCE_DATE_EPOCH") or "").strip()
    if epoch.isdigit():
        today = max(today, dt.datetime.fromtimestamp(int(epoch), dt.UTC).date())
    return today


class Unreadable(NamedTuple):
    """Front matter that YAML cannot read: where, and why."""

    line: int | None
    problem: str


def find_review(source: str) -> tuple[int, str] | Unreadable | None:
    """Where `reviewed:` is in a page's front matter: (line, its value as written), None when
    the front matter has no such key, or Unreadable when it is not valid YAML."""
    match = YAML_RE.match(source.lstrip("\ufeff"))
    if not match:
        return None
    try:
        root = yaml.compose(match.group(1), Loader=yaml.SafeLoader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        return Unreadable(
            mark.line + 2 if mark else None, getattr(error, "problem", None) or "invalid"
        )
    if not isinstance(root, yaml.MappingNode):
        return None
    found = None
    for key, value in root.value:
        if isinstance(key, yaml.ScalarNode) and key.value == KEY:
            # +2: the opening '---' line, and 1-based lines
            text = value.value if isinstance(value, yaml.ScalarNode) else "(a list or mapping)"
            found = (key.start_mark.line + 2, text)
    return found


def review_problem(found, today: dt.date) -> tuple[int | None, str] | dt.date:
    """The review date of a page (what find_review found), or (line, what is wrong)."""
    # The example is today in UTC (never later than `today`, which may be tomorrow there)
    example_day = min(today, dt.datetime.now(dt.UTC).date())
    example = f"such as '{KEY}: {example_day.isoformat()}'"
    expected_line = (
        f"expected a front matter line '{KEY}: YYYY-MM-DD' giving the day an editor last "
        f"checked the page against its sources, {example}"
    )
    if found is None:
        return None, f"no '{KEY}:' date in the front matter; {expected_line}"
    if isinstance(found, Unreadable):
        return found.line, (
            f"the front matter is not valid YAML ({found.problem}), so MkDocs reads none of it "
            f"and the page has no '{KEY}:' date; {expected_line}, in valid YAML"
        )
    line, text = found
    day = None
    if _DATE.fullmatch(text):
        with contextlib.suppress(ValueError):
            day = dt.date.fromisoformat(text)
    if day is None:
        shown = text if text else "(empty)"
        return (
            line,
            f"'{KEY}: {shown}' is not a date; expected a real date written YYYY-MM-DD, {example}",
        )
    if day > today:
        return line, (
            f"'{KEY}: {text}' is in the future (today is at most {today.isoformat()}, anywhere "
            f"on Earth); expected the day the page was last reviewed, on or before {today.isoformat()}"
        )
    return day


# ---- Git: the date of the last commit that changed a file ------------------------------------


def _git(args: list[str], cwd: Path) -> str | None:
    """What `git ARGS` prints, or None if git is missing or fails (no repository, say)."""
    try:
        done = subprocess.run(
            ["git", *args],
            cwd=cwd,
            capture_output=True,
            text=True,
            timeout=60,
            env={**os.environ, "GIT_OPTIONAL_LOCKS": "0", "LC_ALL": "C"},
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout.strip() if done.returncode == 0 else None


@cache
def _shallow(cwd: Path) -> bool | None:
    """Whether the repository around cwd is a shallow clone; None when there is none."""
    answer = _git(["rev-parse", "--is-shallow-repository"], cwd)
    return None if answer is None else answer == "true"


def last_change(paths: list[Path]) -> dt.date | None:
    """The date (UTC) of the last commit that changed any of paths, or None when git cannot
    tell: no git, no repository, never committed, or a shallow clone cut at that commit (its
    parents are missing, so the change may be older)."""
    cwd = paths[0].parent
    shallow = _shallow(cwd)
    if shallow is None:
        return None
    out = _git(["log", "-1", "--format=%ct %P", "--", *map(str, paths)], cwd)
    if not out:
        return None
    stamp, _, parents = out.partition(" ")
    if shallow and not parents.strip():
        return None
    return dt.datetime.fromtimestamp(int(stamp), dt.UTC).date()


# ---- The page's facts, for the templates -------------------------------------------------------


@dataclass(frozen=True)
class PageDates:
    """What overrides/partials/page-facts.html shows under a page."""

    reviewed: dt.date | None
    changed: dt.date | None
    title: str
    url: str | None  # the canonical URL, when site_url is set

    @property
    def reviewed_text(self) -> str:
        return long_date(self.reviewed) if self.reviewed else ""

    @property
    def changed_text(self) -> str:
        return long_date(self.changed) if self.changed else ""


def _shown_path(config, file) -> str:
    """docs/x.md: a page's source as an editor finds it from the folder of mkdocs.yml."""
    config_dir = Path(config.config_file_path or ".").resolve().parent
    docs = Path(config.docs_dir).resolve()
    shown_docs = posixpath.relpath(docs.as_posix(), config_dir.as_posix())
    return f"{shown_docs}/{file.src_uri}"


def _sources(page, config) -> list[Path]:
    """The files a page is made from: its Markdown, and a timeline page's data file."""
    paths = [Path(page.file.abs_src_path)]
    timeline = (page.meta or {}).get("timeline")
    plugin = config.plugins.get("timeline")
    data_dir = getattr(plugin, "data_dir", None)
    if isinstance(timeline, str) and data_dir:
        data = Path(data_dir) / timeline
        if data.is_file():
            paths.append(data)
    return paths


# Review dates by page source (src_uri), from the last on_files: None where wrong or missing.
_reviewed: dict[str, dt.date | None] = {}


def on_files(files, *, config):
    """MkDocs event: check every page's review date before anything is rendered (and before
    hooks/front_matter.py may stop the build on front matter YAML cannot read, so that an
    editor also learns which line holds the wrong date)."""
    _reviewed.clear()
    today = latest_today()
    for file in files.documentation_pages():
        judged = review_problem(find_review(file.content_string), today)
        if isinstance(judged, dt.date):
            _reviewed[file.src_uri] = judged
        else:
            _reviewed[file.src_uri] = None
            line, message = judged
            log.warning(f"{_shown_path(config, file)}{f':{line}' if line else ''}: {message}")
    return files


def on_page_markdown(markdown: str, *, page, config, files) -> str:
    """MkDocs event: note the page's last change (its front matter is read by now)."""
    changed = last_change(_sources(page, config)) if page.file.abs_src_path else None
    page.review_dates = (_reviewed.get(page.file.src_uri), changed)
    return markdown


def on_page_context(context, *, page, config, nav):
    """MkDocs event: hand the page's dates and citation parts to the templates."""
    reviewed, changed = getattr(page, "review_dates", (None, None))
    context["page_dates"] = PageDates(
        reviewed=reviewed,
        changed=changed,
        title=(page.meta or {}).get("title") or page.title or config.site_name,
        url=page.canonical_url,
    )
    return context
