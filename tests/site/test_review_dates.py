"""Review dates and last-change dates (hooks/review_dates.py).

The strict build fails, naming the file and the front matter line, for a page without
`reviewed:`, with a date that is not one, or with a date in the future; the last-change date
comes from git where git can tell, and is silently left out where it cannot (no .git, a
shallow clone cut at the commit), without a warning.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from harness import ROOT, build, copy_site

spec = importlib.util.spec_from_file_location("review_dates", ROOT / "hooks" / "review_dates.py")
review_dates = importlib.util.module_from_spec(spec)
sys.modules[spec.name] = review_dates  # dataclasses look their module up there
spec.loader.exec_module(review_dates)

TODAY = dt.date(2026, 11, 23)


def front(*lines: str) -> str:
    return "---\n" + "".join(line + "\n" for line in lines) + "---\n\n# Page\n"


# ---- The check, on its own --------------------------------------------------------------


@pytest.mark.parametrize(
    "value, expected",
    [
        ("2026-11-23", dt.date(2026, 11, 23)),  # YAML reads this as a date
        ('"2026-11-23"', dt.date(2026, 11, 23)),  # and this as a string: the same
        ("'2024-02-29'", dt.date(2024, 2, 29)),
    ],
)
def test_a_real_date_on_or_before_today_is_accepted(value, expected):
    found = review_dates.find_review(front("title: T", f"reviewed: {value}"))
    assert found[0] == 3
    assert review_dates.review_problem(found, TODAY) == expected


@pytest.mark.parametrize(
    "value",
    [
        "2026-13-40",
        "2025-02-29",
        "soon",
        "23/11/2026",
        "2026-1-5",
        "2026-11-23T10:00:00",
        "20261123",
        "",
        "[2026-11-23]",
    ],
)
def test_anything_but_a_real_date_is_refused_with_its_line(value):
    found = review_dates.find_review(front("title: T", "description: D", f"reviewed: {value}"))
    line, message = review_dates.review_problem(found, TODAY)
    assert line == 4
    assert "is not a date; expected a real date written YYYY-MM-DD" in message


def test_a_future_date_is_refused_with_its_line():
    found = review_dates.find_review(front("reviewed: 2026-11-24"))
    line, message = review_dates.review_problem(found, TODAY)
    assert line == 2
    assert message.startswith(
        "'reviewed: 2026-11-24' is in the future (today is at most 2026-11-23,"
    )
    assert "expected the day the page was last reviewed, on or before 2026-11-23" in message


@pytest.mark.parametrize("source", [front("title: T"), "# A page without front matter\n"])
def test_a_missing_date_is_refused_without_a_line(source):
    line, message = review_dates.review_problem(review_dates.find_review(source), TODAY)
    assert line is None
    assert message.startswith(
        "no 'reviewed:' date in the front matter; expected a front matter "
        "line 'reviewed: YYYY-MM-DD'"
    )


def test_front_matter_yaml_cannot_read_is_refused_with_its_line():
    source = front("title: T", "description: [unclosed", "reviewed: 2026-11-23")
    line, message = review_dates.review_problem(review_dates.find_review(source), TODAY)
    assert line == 4  # where YAML found out
    assert message.startswith("the front matter is not valid YAML (")
    assert "expected a front matter line 'reviewed: YYYY-MM-DD'" in message


def test_today_is_the_latest_date_on_earth_or_source_date_epoch():
    ten_utc = dt.datetime(2026, 11, 23, 10, 0, tzinfo=dt.UTC)
    # 10:00 UTC on the 23rd is midnight, the start of the 24th, in UTC+14 (Kiribati)
    assert review_dates.latest_today({}, ten_utc) == dt.date(2026, 11, 24)
    assert review_dates.latest_today({}, ten_utc - dt.timedelta(minutes=1)) == dt.date(2026, 11, 23)
    # SOURCE_DATE_EPOCH counts only when later than the clock (a clock that is behind)
    later = str(int(dt.datetime(2027, 1, 2, tzinfo=dt.UTC).timestamp()))
    earlier = str(int(dt.datetime(2023, 11, 14, tzinfo=dt.UTC).timestamp()))
    assert review_dates.latest_today({"SOURCE_DATE_EPOCH": later}, ten_utc) == dt.date(2027, 1, 2)
    assert review_dates.latest_today({"SOURCE_DATE_EPOCH": earlier}, ten_utc) == dt.date(
        2026, 11, 24
    )


def test_dates_are_written_the_sites_way():
    assert review_dates.long_date(dt.date(2026, 11, 3)) == "3 November 2026"


# ---- The real pages -----------------------------------------------------------------------


def test_every_page_has_a_real_review_date_no_later_than_its_last_commit():
    """Honest dates: setting `reviewed:` changes the page, so once committed, the review date
    is no later than the page's last commit (a day's grace for time zones). Checked where git
    has the page's history and the page has no uncommitted change."""
    for path in sorted((ROOT / "docs").rglob("*.md")):
        shown = path.relative_to(ROOT)
        found = review_dates.find_review(path.read_text(encoding="utf-8"))
        day = review_dates.review_problem(found, review_dates.latest_today())
        assert isinstance(day, dt.date), f"{shown}: {day}"
        status = subprocess.run(
            ["git", "status", "--porcelain", "--", str(path)],
            cwd=ROOT,
            capture_output=True,
            text=True,
        )
        last = review_dates.last_change([path])
        if status.returncode == 0 and not status.stdout.strip() and last is not None:
            assert day <= last + dt.timedelta(days=1), (
                f"{shown}: reviewed {day}, last commit {last}"
            )


# ---- Strict builds of a copy of the site --------------------------------------------------


def set_review(page: Path, value: str | None) -> None:
    text = page.read_text(encoding="utf-8")
    text = re.sub(
        r"^reviewed:.*\n", "" if value is None else f"reviewed: {value}\n", text, flags=re.M
    )
    page.write_text(text, encoding="utf-8")


def review_line(page: Path) -> int:
    return next(
        n
        for n, line in enumerate(page.read_text(encoding="utf-8").splitlines(), 1)
        if line.startswith("reviewed:")
    )


# Planted in one copy of the site, one build for all (the hook names every page before the
# strict build stops): a page without the date, and one bad date on each of two pages. A
# date YAML cannot read stops the build at once, so it has a build of its own.
PLANTED_REVIEWS = {
    "about.md": None,
    "editors/timeline-data.md": "2999-01-01",
    "plugin.md": "soon",
}


@pytest.fixture(scope="module")
def planted_reviews(tmp_path_factory):
    """(the build of a copy of the site with PLANTED_REVIEWS, that copy's docs/)."""
    root = copy_site(tmp_path_factory.mktemp("planted-reviews"))
    for page, value in PLANTED_REVIEWS.items():
        set_review(root / "docs" / page, value)
    return build(root / "mkdocs.yml", root / "site", expect_ok=False), root / "docs"


def test_strict_build_fails_for_a_page_without_a_review_date(planted_reviews):
    result, _ = planted_reviews
    assert not result.ok, result
    assert "docs/about.md: no 'reviewed:' date in the front matter; expected" in result.output, (
        result
    )


@pytest.mark.parametrize(
    "page, wrong",
    [
        ("editors/timeline-data.md", "'reviewed: 2999-01-01' is in the future"),
        ("plugin.md", "'reviewed: soon' is not a date"),
    ],
)
def test_strict_build_fails_for_a_bad_review_date_naming_path_and_line(
    planted_reviews, page, wrong
):
    result, docs = planted_reviews
    assert not result.ok, result
    assert f"docs/{page}:{review_line(docs / page)}: {wrong}" in result.output, result
    assert "; expected " in result.output


def test_strict_build_fails_for_a_review_date_yaml_cannot_read(site_copy, build_site):
    page = site_copy / "docs" / "editors" / "timeline-data.md"
    set_review(page, "2026-13-40")
    result = build_site(site_copy / "mkdocs.yml", expect_ok=False)
    assert not result.ok, result
    wrong = "'reviewed: 2026-13-40' is not a date"
    assert f"docs/editors/timeline-data.md:{review_line(page)}: {wrong}" in result.output, result
    assert "; expected " in result.output


# ---- Last change, from git ------------------------------------------------------------------

GIT_ENV = {
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_CONFIG_NOSYSTEM": "1",
    "GIT_AUTHOR_NAME": "Editor",
    "GIT_AUTHOR_EMAIL": "editor@example.org",
    "GIT_COMMITTER_NAME": "Editor",
    "GIT_COMMITTER_EMAIL": "editor@example.org",
}


def git(*args, cwd: Path, when: str | None = None) -> str:
    env = {**os.environ, **GIT_ENV}
    if when:
        env["GIT_AUTHOR_DATE"] = env["GIT_COMMITTER_DATE"] = f"{when}T12:00:00+00:00"
    done = subprocess.run(
        ["git", *args], cwd=cwd, env=env, capture_output=True, text=True, check=True
    )
    return done.stdout


def touch(path: Path) -> None:
    path.write_text(path.read_text(encoding="utf-8") + "\nA new paragraph.\n", encoding="utf-8")


@pytest.fixture
def history(site_copy):
    """The site copy as a git repository of three commits: everything (1 March 2026), then
    about.md (2 March), then index.md (3 March)."""
    git("init", "-q", "-b", "main", cwd=site_copy)
    git("add", "-A", cwd=site_copy)
    git("commit", "-q", "-m", "all", cwd=site_copy, when="2026-03-01")
    touch(site_copy / "docs" / "about.md")
    git("commit", "-q", "-am", "about", cwd=site_copy, when="2026-03-02")
    touch(site_copy / "docs" / "index.md")
    git("commit", "-q", "-am", "index", cwd=site_copy, when="2026-03-03")
    return site_copy


def changed(repo: Path, page: str):
    return review_dates.last_change([repo / "docs" / page])


def test_last_change_is_the_date_of_the_last_commit_that_changed_the_page(history):
    assert changed(history, "index.md") == dt.date(2026, 3, 3)
    assert changed(history, "about.md") == dt.date(2026, 3, 2)
    assert changed(history, "task-force-recommendations.md") == dt.date(2026, 3, 1)
    # a page never committed has none
    (history / "docs" / "new.md").write_text("# New\n", encoding="utf-8")
    assert changed(history, "new.md") is None


def test_a_timeline_page_changes_with_its_data(history):
    data = history / "data" / "timeline.yml"
    data.write_text(data.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    git("commit", "-q", "-am", "data", cwd=history, when="2026-03-04")
    pages = [history / "docs" / "relationship.md", data]
    assert review_dates.last_change(pages) == dt.date(2026, 3, 4)
    assert changed(history, "relationship.md") == dt.date(2026, 3, 1)


def test_a_shallow_clone_gives_no_date_it_cannot_know(history, tmp_path):
    clone = tmp_path / "shallow"
    git("clone", "-q", "--depth", "2", f"file://{history}", str(clone), cwd=tmp_path)
    assert git("rev-parse", "--is-shallow-repository", cwd=clone).strip() == "true"
    review_dates._shallow.cache_clear()
    assert changed(clone, "index.md") == dt.date(2026, 3, 3)  # its commit's parent is there
    assert changed(clone, "about.md") is None  # the cut commit: it may have changed earlier
    assert changed(clone, "task-force-recommendations.md") is None


def test_no_git_means_no_date(tmp_path):
    page = tmp_path / "page.md"
    page.write_text("# Page\n", encoding="utf-8")
    assert review_dates.last_change([page]) is None


def built_dates(site: Path, page: str) -> tuple[str | None, str | None]:
    stem = page.removesuffix(".md")
    html = (site / ("index.html" if stem == "index" else f"{stem}/index.html")).read_text(
        encoding="utf-8"
    )
    reviewed = re.search(r'Last reviewed: <time datetime="([\d-]+)"', html)
    last = re.search(r'Last changed: <time datetime="([\d-]+)"', html)
    return (reviewed and reviewed.group(1)), (last and last.group(1))


def test_strict_build_shows_last_change_from_history(history, build_site):
    site = build_site(history / "mkdocs.yml").site_dir
    assert built_dates(site, "index.md")[1] == "2026-03-03"
    assert built_dates(site, "about.md")[1] == "2026-03-02"


def test_strict_build_passes_in_a_shallow_clone_on_github_actions(
    history, tmp_path, build_site, monkeypatch
):
    """What broke mkdocs-git-revision-date-localized-plugin: a depth-1 checkout on GitHub
    Actions (a warning, so strict fails) and dates of the cut commit for every page."""
    clone = tmp_path / "depth1"
    git("clone", "-q", "--depth", "1", f"file://{history}", str(clone), cwd=tmp_path)
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    result = build_site(clone / "mkdocs.yml")
    assert "WARNING" not in result.output, result
    for page in ("index.md", "about.md", "relationship.md"):
        reviewed, last = built_dates(result.site_dir, page)
        assert reviewed and last is None, (page, reviewed, last)


def test_strict_build_passes_without_git(site_copy, build_site):
    """A tarball of the sources: no .git, and silence about it."""
    assert not (site_copy / ".git").exists()
    result = build_site(site_copy / "mkdocs.yml")
    assert "WARNING" not in result.output, result
    reviewed, last = built_dates(result.site_dir, "about.md")
    assert reviewed and last is None
    html = (result.site_dir / "about" / "index.html").read_text(encoding="utf-8")
    assert "How to cite this page:" in html
