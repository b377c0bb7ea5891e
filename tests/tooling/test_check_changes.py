"""scripts/check_changes.py and scripts/seed_added.py, in temporary git repositories.

Silent changes are planted on a branch of a copy of the real data: each must fail with
the file, line and column and say what to add; recorded changes must pass; with no main
to compare with, the check says it skipped. The seeding script must date each event by
the commit that brought it, insert only missing lines, and change nothing when re-run.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest
import yaml
from harness import ROOT

CHECK = ROOT / "scripts" / "check_changes.py"
SEED = ROOT / "scripts" / "seed_added.py"
DATA = ROOT / "data" / "timeline.yml"
TODAY = datetime.now(UTC).date().isoformat()


def git(repo: Path, *args: str, date: str | None = None) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}  # fmt: skip
    if date:
        env["GIT_AUTHOR_DATE"] = env["GIT_COMMITTER_DATE"] = date
    done = subprocess.run(["git", *args], cwd=repo, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return done.stdout


def run(script: Path, repo: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, script, "--file", "data/timeline.yml", *args],
        cwd=repo, capture_output=True, text=True, check=False,
    )  # fmt: skip


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A repository whose main holds the real data, on a branch 'change'."""
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "timeline.yml").write_text(DATA.read_text(encoding="utf-8"))
    git(tmp_path, "init", "-q", "-b", "main")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-q", "-m", "data")
    git(tmp_path, "checkout", "-q", "-b", "change")
    return tmp_path


def edit(repo: Path, old: str, new: str) -> int:
    """Replace `old` (once) in the data; the 1-based line where it was."""
    path = repo / "data" / "timeline.yml"
    text = path.read_text(encoding="utf-8")
    assert text.count(old) >= 1, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return text[: text.index(old)].count("\n") + 1


def after_added(repo: Path, event_id: str, lines: str) -> None:
    """Insert `lines` (4-space indented) after the `added:` line of one event."""
    path = repo / "data" / "timeline.yml"
    text = path.read_text(encoding="utf-8")
    start = text.index(f"  - id: {event_id}\n")
    at = text.index("\n", text.index("    added: ", start)) + 1
    path.write_text(text[:at] + lines + text[at:], encoding="utf-8")


def test_the_real_data_passes_against_itself(repo: Path) -> None:
    result = run(CHECK, repo)
    assert result.returncode == 0, result.stdout
    assert result.stdout.startswith("check_changes: every change is recorded; 127 events")


def test_a_silent_title_change_fails_until_updated_is_set(repo: Path) -> None:
    title = "    title: Truman names Justice Robert H. Jackson U.S. chief prosecutor for Nuremberg"
    line = edit(repo, title, "    title: Truman names Jackson chief prosecutor at Nuremberg")
    result = run(CHECK, repo)
    assert result.returncode == 1
    assert result.stdout.splitlines()[0] == (
        f"data/timeline.yml:{line}:5: event 'jackson-appointed': title changed since main "
        f"without a new 'updated' date; add 'updated: {TODAY}' after 'added'"
    )
    after_added(repo, "jackson-appointed", f"    updated: {TODAY}\n")
    assert run(CHECK, repo).returncode == 0


def test_a_body_change_needs_a_new_updated_date_not_the_old_one(repo: Path) -> None:
    # stl-established was corrected on 2026-12-01: that old date is not a new one
    text = (repo / "data" / "timeline.yml").read_text(encoding="utf-8")
    start = text.index("  - id: stl-established\n")
    body_line = text[: text.index("    body: ", start)].count("\n") + 1
    edit(repo, "the Special Tribunal for Lebanon to try", "the Special Tribunal to try")
    result = run(CHECK, repo)
    assert result.returncode == 1
    assert result.stdout.splitlines()[0] == (
        f"data/timeline.yml:{body_line}:5: event 'stl-established': body changed since main "
        f"without a new 'updated' date; set 'updated: {TODAY}'"
    )
    path = repo / "data" / "timeline.yml"
    current = path.read_text(encoding="utf-8")
    at = current.index("    updated: 2026-12-01\n", current.index("  - id: stl-established\n"))
    old = "    updated: 2026-12-01\n"
    path.write_text(current[:at] + f"    updated: {TODAY}\n" + current[at + len(old) :])
    assert run(CHECK, repo).returncode == 0


def test_rewrapping_a_body_is_not_a_change(repo: Path) -> None:
    edit(
        repo,
        "      Jackson as the U.S. representative",
        "      Jackson as the U.S.\n      representative",
    )
    assert run(CHECK, repo).returncode == 0


def test_a_changed_date_also_needs_a_correction(repo: Path) -> None:
    line = edit(repo, "    date: 1945-08-08\n", "    date: 1945-08-09\n")
    after_added(repo, "london-charter", f"    updated: {TODAY}\n")
    result = run(CHECK, repo)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        f"data/timeline.yml:{line}:5: event 'london-charter': date changed since main (date was "
        f"1945-08-08) without a new correction; add under 'corrections:' '- date: {TODAY}' "
        "with a 'note:' saying what was corrected",
        result.stdout.splitlines()[-1],
    ]
    after_added(
        repo, "london-charter",
        f"    corrections:\n      - date: {TODAY}\n        note: Gave 9 August.\n",
    )  # fmt: skip
    # `updated` now follows the corrections: reorder is not needed for YAML
    assert run(CHECK, repo).returncode == 0


def test_a_removed_event_fails_unless_withdrawn_with_a_reason(repo: Path) -> None:
    path = repo / "data" / "timeline.yml"
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"  - id: nuremberg-trial-opens\n.*?(?=  - id: )", "", text, count=1, flags=re.S)
    path.write_text(text, encoding="utf-8")
    result = run(CHECK, repo)
    withdrawn_line = text[: text.index("\nwithdrawn:")].count("\n") + 2
    assert result.returncode == 1
    assert result.stdout.splitlines()[0] == (
        f"data/timeline.yml:{withdrawn_line}:1: event 'nuremberg-trial-opens' (in main) was "
        "removed but is not listed as withdrawn; add under 'withdrawn:' "
        f"'- id: nuremberg-trial-opens' with 'date: {TODAY}' and a 'reason:'"
    )
    path.write_text(text + f"  - id: nuremberg-trial-opens\n    date: {TODAY}\n", encoding="utf-8")
    assert "has no reason" in run(CHECK, repo).stdout
    path.write_text(
        text + f"  - id: nuremberg-trial-opens\n    date: {TODAY}\n    reason: A duplicate.\n",
        encoding="utf-8",
    )
    assert run(CHECK, repo).returncode == 0


def test_a_new_event_needs_added(repo: Path) -> None:
    new = (
        "  - id: planted-event\n    date: 1945-06-26\n    title: Planted\n    kind: treaty\n"
        "    body: Planted.\n    sources:\n      - title: A\n        url: https://example.org/\n"
    )
    line = edit(repo, "  - id: london-charter\n", new + "  - id: london-charter\n")
    result = run(CHECK, repo)
    assert result.stdout.splitlines()[0] == (
        f"data/timeline.yml:{line}:5: event 'planted-event': new event without 'added'; "
        f"add 'added: {TODAY}' after its evidence"
    )
    edit(
        repo,
        "        url: https://example.org/\n",
        f"        url: https://example.org/\n    added: {TODAY}\n",
    )
    assert run(CHECK, repo).returncode == 0


def test_committed_changes_are_compared_with_the_merge_base(repo: Path) -> None:
    edit(repo, "    date: 1945-08-08\n", "    date: 1945-08-09\n")
    git(repo, "commit", "-q", "-am", "silent")
    assert run(CHECK, repo).returncode == 1
    assert run(CHECK, repo, "--base", "change").returncode == 0  # against itself
    assert run(CHECK, repo, "--base", "no-such-branch").returncode == 2


def test_without_main_or_git_it_says_it_skipped(repo: Path, tmp_path_factory) -> None:
    git(repo, "branch", "-q", "-m", "main", "trunk")
    result = run(CHECK, repo)
    assert result.returncode == 0
    assert result.stdout.startswith(
        "check_changes: skipped: no git history with origin/main or main"
    )
    bare = tmp_path_factory.mktemp("no-git")
    (bare / "data").mkdir()
    (bare / "data" / "timeline.yml").write_text(DATA.read_text(encoding="utf-8"))
    result = run(CHECK, bare)
    assert result.returncode == 0 and "skipped" in result.stdout


# ---- scripts/seed_added.py ---------------------------------------------------------------


def strip_history(text: str) -> str:
    """The data without any added, updated or corrections lines."""
    text = re.sub(r"    corrections:\n(?:      .*\n)+", "", text)
    return re.sub(r"    (?:added|updated): .*\n", "", text)


def test_seeding_dates_each_event_by_its_first_commit_and_is_idempotent(tmp_path: Path) -> None:
    data = yaml.safe_load(DATA.read_text(encoding="utf-8"))
    ids = [event["id"] for event in data["events"]]
    full = strip_history(DATA.read_text(encoding="utf-8"))
    later = "  - id: jackson-appointed\n"
    start = full.index(later)
    end = full.index("  - id: ", start + 1)
    first = full[:start] + full[end:]  # the first commit lacks jackson-appointed
    (tmp_path / "data").mkdir()
    path = tmp_path / "data" / "timeline.yml"
    path.write_text(first, encoding="utf-8")
    git(tmp_path, "init", "-q", "-b", "main")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-q", "-m", "first", date="2026-11-23T22:30:00+00:00")
    path.write_text(full, encoding="utf-8")
    git(tmp_path, "commit", "-q", "-am", "second", date="2026-12-01T23:30:00-05:00")  # UTC: 2 Dec
    planted = "  - id: planted-event\n    date: 1945-06-26\n    title: P\n    kind: treaty\n"
    planted += "    body: P.\n    sources:\n      - title: A\n        url: https://example.org/\n"
    planted += "    media:\n      src: images/x.jpg\n      alt: X\n"
    path.write_text(full.replace(later, planted + later, 1), encoding="utf-8")
    result = run(SEED, tmp_path)
    assert result.returncode == 0, result.stderr
    assert f"planted-event: added {TODAY} (in no commit yet: today)" in result.stdout
    seeded = yaml.safe_load(path.read_text(encoding="utf-8"))
    added = {event["id"]: str(event["added"]) for event in seeded["events"]}
    assert added.pop("jackson-appointed") == "2026-12-02"
    assert added.pop("planted-event") == TODAY
    assert set(added.values()) == {"2026-11-23"} and len(added) == len(ids) - 1
    text = path.read_text(encoding="utf-8")
    # right after the evidence block (at the event's end when it has none), indented like a key
    assert f"      alt: X\n    added: {TODAY}\n  - id: jackson-appointed" in text
    assert re.search(r"the Soviet Union\n    added: 2026-11-23\n  - id: planted-event", text)
    again = run(SEED, tmp_path)
    assert again.stdout.strip().endswith("every event has 'added'; nothing to do")
    assert path.read_text(encoding="utf-8") == text
