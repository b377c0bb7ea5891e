"""The `mkdocs-timeline` command line: the build's messages, the build's exports, the importer
(export → import gives the same events; foreign files are reported) and `new`."""

from __future__ import annotations

import contextlib
import io
import os
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest
import yaml
from harness import build
from mkdocs.config import load_config
from mkdocs.structure.files import get_files

from mkdocs_timeline.plugin import mkdocs_site
from mkdocs_timeline.validate import parse_timeline

from .conftest import CASES, make_site, timeline_yaml

COMMAND = [sys.executable, "-m", "mkdocs_timeline.cli"]
EPOCH = {"SOURCE_DATE_EPOCH": "1700000000", "NO_MKDOCS_2_WARNING": "1"}


def cli_process(*args: object, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """The command line as an editor runs it: `python -m mkdocs_timeline.cli`, a new process."""
    env = {**os.environ, **EPOCH}
    return subprocess.run(
        [*COMMAND, *map(str, args)], capture_output=True, text=True, check=False, env=env, cwd=cwd
    )


def cli(*args: object, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """The command line's main() in this process (a new Python process costs a second or
    more each time): its exit status and what it wrote, as `cli_process` gives them."""
    from mkdocs_timeline.cli import main

    stdout = io.TextIOWrapper(io.BytesIO(), encoding="utf-8", newline="")
    stderr = io.StringIO()
    before = Path.cwd()
    with pytest.MonkeyPatch.context() as patch:
        for key, value in EPOCH.items():
            patch.setenv(key, value)
        if cwd:
            os.chdir(cwd)
        try:
            with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
                try:
                    code = main([str(a) for a in args])
                except SystemExit as exit:  # argparse's own errors
                    code = exit.code if isinstance(exit.code, int) else 2
        finally:
            os.chdir(before)
    stdout.flush()
    out = stdout.buffer.getvalue().decode("utf-8")
    return subprocess.CompletedProcess([*COMMAND, *map(str, args)], code, out, stderr.getvalue())


def run(*args: object) -> subprocess.CompletedProcess[str]:
    return cli("import", *args)


def cli_here(capsys, *args: object, cwd: Path) -> tuple[int, str]:
    """Run the command line in this process (fast): (exit status, what it printed on stderr)."""
    from mkdocs_timeline.cli import main

    before = Path.cwd()
    os.chdir(cwd)
    try:
        code = main([str(a) for a in args])
    except SystemExit as exit:  # argparse's own errors
        code = int(exit.code or 0)
    finally:
        os.chdir(before)
    return code, capsys.readouterr().err


def events_of(path: Path, config_file: Path) -> list[tuple]:
    config = load_config(config_file=str(config_file))
    site = mkdocs_site(get_files(config), config, config.plugins["timeline"].config)
    timeline = parse_timeline(path.read_bytes(), "data/timeline.yml", site)
    return [
        (
            e.id,
            e.title,
            e.date,
            e.end_date,
            e.kind.id,
            e.era.id,
            str(e.body_html),
            e.sources,
            e.media,
            e.recommendations,
        )
        for e in timeline.events
    ]


@pytest.fixture(scope="module")
def exported(tmp_path_factory) -> tuple[Path, Path]:
    """A built tiny site: (its mkdocs.yml, its site folder)."""
    folder = tmp_path_factory.mktemp("roundtrip")
    config = make_site(folder, timeline_yaml())
    # set for this build only: a value left behind would change the feeds of later tests
    saved = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = EPOCH["SOURCE_DATE_EPOCH"]
    try:
        return config, build(config, folder / "site").site_dir
    finally:
        if saved is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = saved


@pytest.mark.parametrize("export", ["timeline.json", "timeline.csv"])
def test_export_then_import_gives_the_same_events(exported, export, tmp_path) -> None:
    config, site = exported
    original = config.parent / "data" / "timeline.yml"
    output = tmp_path / "imported.yml"
    result = run(
        site / "exports" / export,
        "-o",
        output,
        "--eras-from",
        original,
        "--site-url",
        "https://example.org/site/",
        "--config",
        config,
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr.strip().endswith(
        "3 events to " + str(output) + "; 0 things not mapped; the file is valid"
    )
    assert events_of(output, config) == events_of(original, config)


def test_refuses_to_overwrite_without_force(exported, tmp_path) -> None:
    config, site = exported
    output = tmp_path / "existing.yml"
    output.write_text("keep me\n", encoding="utf-8")
    result = run(site / "exports" / "timeline.json", "-o", output, "--config", config)
    assert result.returncode == 2
    assert "exists; pass --force to replace it" in result.stderr
    exported_again = cli(
        "export", config.parent / "data" / "timeline.yml", "--format", "csv", "-o", output
    )
    assert exported_again.returncode == 2, exported_again.stderr
    assert output.read_text(encoding="utf-8") == "keep me\n"
    assert output.read_text(encoding="utf-8") == "keep me\n"
    forced = run(
        site / "exports" / "timeline.json",
        "-o",
        output,
        "--force",
        "--config",
        config,
        "--eras-from",
        config.parent / "data" / "timeline.yml",
        "--site-url",
        "https://example.org/site/",
    )
    assert forced.returncode == 0, forced.stderr


def test_help_is_clear() -> None:
    result = cli_process("import", "--help")
    assert result.returncode == 0
    for words in ("TimelineJS spreadsheet (CSV)", "--force", "--eras-from", "--site-url", "--kind"):
        assert words in result.stdout
    overview = cli("--help")
    for words in ("validate", "export", "import", "new", "Exit status"):
        assert words in overview.stdout


FOREIGN_CSV = """\
Year,Month,Day,Time,End Year,End Month,End Day,End Time,Display Date,Headline,Text,Media,Media Credit,Media Caption,Media Thumbnail,Type,Group,Background,Notes
,,,,,,,,,My timeline,,,,,,title,,,
1998,7,17,,,,,,,Rome Statute adopted,"<p>Adopted in Rome. See <a href=""https://legal.un.org/icc/statute/romefra.htm"">the Statute</a>.</p>",images/photo.jpg,UN,Delegates,,,,#fff,x
1998,7,18,,,,,,,Rome Statute adopted,"<p>Second <b>row</b> with the same headline, see <a href=""https://www.un.org/"">UN</a>.</p><iframe src=""https://evil.example""></iframe>",,,,,,,,
,,,,,,,,,No year here,<p>Lost.</p>,,,,,,,,
2002,8,2,,,,,,,No source,<p>Nothing to cite.</p>,,,,,,,,
"""


def test_foreign_spreadsheet_is_mapped_and_the_rest_reported(exported, tmp_path) -> None:
    config, _site = exported
    source = tmp_path / "foreign.csv"
    source.write_text(FOREIGN_CSV, encoding="utf-8")
    output = tmp_path / "out.yml"
    result = run(
        source,
        "-o",
        output,
        "--config",
        config,
        "--kind",
        "treaty",
        "--eras-from",
        config.parent / "data" / "timeline.yml",
    )
    assert result.returncode == 1
    report = result.stderr
    for expected in (
        "column 'Notes' is not a TimelineJS column and is not imported",
        "row 3 'Rome Statute adopted': 'Background' (#fff) is not imported",
        "row 3 'Rome Statute adopted': media has no alt text; add 'alt' describing the image",
        "row 4 'Rome Statute adopted': HTML <iframe> in the text is dropped",
        "row 5 'No year here': no year; the row is skipped",
        "row 6 'No source': no source found in the text; add at least one source (title and url)",
        "media: missing 'alt'",
        "event 'no-source': missing 'sources'",
        "wrote 3 events",
    ):
        assert expected in report, expected
    text = output.read_text(encoding="utf-8")
    assert "- id: rome-statute-adopted\n" in text and "- id: rome-statute-adopted-2\n" in text
    assert "title: My timeline" in text
    assert "url: https://legal.un.org/icc/statute/romefra.htm" in text
    assert (
        "body: >-\n      Second **row** with the same headline, see [UN](https://www.un.org/).\n"
        in text
    )


# ---- export: the same files as the build -------------------------------------------


@pytest.mark.parametrize(
    ("format", "built"),
    [
        ("json", "exports/timeline.json"),
        ("csv", "exports/timeline.csv"),
        ("ics", "exports/timeline.ics"),
        ("atom", "feed.xml"),
    ],
)
def test_export_writes_what_the_build_writes(exported, format, built, tmp_path) -> None:
    config, site = exported
    output = tmp_path / f"out.{format}"
    result = cli(
        "export", config.parent / "data" / "timeline.yml", "--format", format, "-o", output
    )
    assert result.returncode == 0, result.stderr
    assert output.read_bytes() == (site / built).read_bytes()


# ---- validate: the build's messages, exit 2, never a traceback ------------------------

ERROR_CASES = sorted(
    path for path in CASES.glob("*.yml") if "errors" in yaml.safe_load(path.read_text("utf-8"))
)


@pytest.fixture(scope="module")
def case_folder(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("cli-cases")
    make_site(folder, timeline_yaml())
    return folder


@pytest.mark.parametrize("case_file", ERROR_CASES, ids=[p.stem for p in ERROR_CASES])
def test_validate_gives_the_build_messages(case_file: Path, case_folder: Path, capsys) -> None:
    case = yaml.safe_load(case_file.read_text(encoding="utf-8"))
    data_file = case_folder / "data" / "timeline.yml"
    data_file.write_bytes(case["input"].encode(case.get("encoding", "utf-8")))
    config = case_folder / "mkdocs.yml"
    if case.get("require_evidence"):
        config = case_folder / "evidence.yml"
        text = (case_folder / "mkdocs.yml").read_text(encoding="utf-8")
        config.write_text(
            text.replace("  - timeline:\n", "  - timeline:\n      require_evidence: true\n"),
            encoding="utf-8",
        )
    code, err = cli_here(capsys, "validate", data_file, "--config", config, cwd=case_folder)
    assert code == 2
    assert err.splitlines() == case["errors"].splitlines()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("validate", "missing.yml"), "missing.yml is not a file"),
        (("validate", "data/timeline.yml", "--config", "nope.yml"), "nope.yml is not a file"),
        (("export", "data/timeline.yml", "--format", "pdf"), "invalid choice: 'pdf'"),
        (("import", "data/timeline.yml", "-o", "out.yml"), "expected a .csv"),
        (("new", "data/timeline.yml", "--date", "2002-02-30", "--title", "X"), "not a real date"),
    ],
)
def test_bad_arguments_get_a_clear_message_and_exit_2(args, message, case_folder, capsys) -> None:
    (case_folder / "data" / "timeline.yml").write_text(timeline_yaml(), encoding="utf-8")
    code, err = cli_here(capsys, *args, cwd=case_folder)
    assert code == 2
    assert message in err


def test_a_bad_file_never_shows_a_traceback(case_folder) -> None:
    (case_folder / "data" / "timeline.yml").write_text("events: [\n", encoding="utf-8")
    result = cli_process("validate", "data/timeline.yml", cwd=case_folder)
    assert result.returncode == 2
    assert "data/timeline.yml:2:1: YAML syntax error" in result.stderr
    assert "Traceback" not in result.stderr


# ---- new: a skeleton event at its place, the file otherwise unchanged -----------------

COMMENTED = timeline_yaml().replace(
    "  - id: aspa-signed\n", "  # The Act of 2002, see the editors' page.\n  - id: aspa-signed\n"
)


def test_new_adds_a_skeleton_in_date_order_keeping_comments(site_factory) -> None:
    config = site_factory(COMMENTED)
    data_file = config.parent / "data" / "timeline.yml"
    result = cli(
        "new",
        data_file,
        "--date",
        "2000-12-31",
        "--title",
        "U.S. signs: the Statute",
        "--kind",
        "treaty",
    )
    assert result.returncode == 0, result.stderr
    text = data_file.read_text(encoding="utf-8")
    added = text.index("  - id: u-s-signs-the-statute\n")
    assert text.index("id: rome-statute-adopted") < added < text.index("# The Act of 2002")
    assert '    title: "U.S. signs: the Statute"\n' in text
    assert text.replace(text[added : text.index("  # The Act of 2002")], "") == COMMENTED
    checked = cli("validate", data_file)
    assert checked.returncode == 2
    lines = checked.stderr.splitlines()[1:]
    assert lines and all("event 'u-s-signs-the-statute'" in line for line in lines)


def test_new_puts_the_latest_event_before_the_withdrawn_list(site_factory) -> None:
    config = site_factory()
    data_file = config.parent / "data" / "timeline.yml"
    tail = (
        "\n# Taken out\nwithdrawn:\n  - id: old-event\n    date: 2026-12-01\n    reason: Wrong.\n"
    )
    data_file.write_text(data_file.read_text(encoding="utf-8") + tail, encoding="utf-8")
    assert cli("new", data_file, "--date", "2024", "--title", "Latest").returncode == 0
    text = data_file.read_text(encoding="utf-8")
    assert text.index("  - id: latest\n") < text.index("# Taken out")
    assert text.endswith(tail)


def test_new_keeps_ids_unique_and_appends_the_latest(site_factory) -> None:
    config = site_factory()
    data_file = config.parent / "data" / "timeline.yml"
    for _ in range(2):
        result = cli("new", data_file, "--date", "2024", "--title", "Review Conference in Kampala")
        assert result.returncode == 0, result.stderr
    text = data_file.read_text(encoding="utf-8")
    today = datetime.now(UTC).date().isoformat()
    assert text.rstrip().endswith(f"excerpt: >-\n\n    added: {today}")
    assert "- id: review-conference-in-kampala\n" in text
    assert "- id: review-conference-in-kampala-2\n" in text


def test_validate_prints_primary_source_warnings_and_exits_1(tmp_path: Path, capsys) -> None:
    data = timeline_yaml().replace(
        "https://asp.icc-cpi.int/review-conference", "https://example.gov/rc"
    )
    config = make_site(tmp_path, data)
    (tmp_path / "data" / "q.yml").write_text("primary: [un.org, congress.gov, govinfo.gov]\n")
    config.write_text(
        config.read_text(encoding="utf-8").replace(
            "  - timeline:\n", "  - timeline:\n      primary_publishers: q.yml\n"
        ),
        encoding="utf-8",
    )
    code, err = cli_here(capsys, "validate", "data/timeline.yml", cwd=tmp_path)
    assert code == 1
    lines = err.splitlines()
    assert lines[0].startswith(
        "warning: data/timeline.yml:61:15: event 'kampala-review-conference': source 1: "
        "type 'primary', but 'example.gov' is not on the list of primary publishers "
        "('primary:' in data/q.yml)"
    )
    assert lines[-1] == ("data/timeline.yml: 3 events, valid, with 1 warning to confirm or fix")


def test_a_theme_feed_entry_template_changes_the_feed_and_the_export(tmp_path, monkeypatch):
    """exports/feed-entry.html under the theme's custom_dir replaces the package's, in the
    build's feed and in `export --format atom` alike."""
    import shutil

    import feedparser

    folder = tmp_path / "site"
    config = make_site(folder, timeline_yaml())
    theme = tmp_path / "theme"
    shutil.copytree(Path(__file__).resolve().parents[2] / "overrides", theme)
    (theme / "exports").mkdir()
    (theme / "exports" / "feed-entry.html").write_text(
        "<p>Overridden: {{ event.title }}, {{ event.when.display }}</p>\n", encoding="utf-8"
    )
    text = config.read_text(encoding="utf-8")
    config.write_text(
        "\n".join(
            f"  custom_dir: {theme}" if line.startswith("  custom_dir:") else line
            for line in text.splitlines()
        ) + "\n",
        encoding="utf-8",
    )  # fmt: skip
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH["SOURCE_DATE_EPOCH"])
    site = build(config, folder / "out").site_dir
    feed = feedparser.parse((site / "feed.xml").read_bytes())
    assert not feed.bozo
    content = {entry.id.rsplit("#", 1)[1]: entry.content[0].value for entry in feed.entries}
    assert content["aspa-signed"] == (
        "<p>Overridden: American Service-Members' Protection Act signed, 2 August 2002</p>"
    )
    output = tmp_path / "feed.xml"
    result = cli("export", folder / "data" / "timeline.yml", "--format", "atom", "-o", output)
    assert result.returncode == 0, result.stderr
    assert output.read_bytes() == (site / "feed.xml").read_bytes()
