"""scripts/import_timelinejs.py: export → import gives the same events; foreign files are reported."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from harness import ROOT, build
from mkdocs.config import load_config
from mkdocs.structure.files import get_files
from package.conftest import make_site, timeline_yaml

from mkdocs_timeline.site import Site
from mkdocs_timeline.validate import parse_timeline

SCRIPT = ROOT / "scripts" / "import_timelinejs.py"


def run(*args: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, SCRIPT, *map(str, args)], capture_output=True, text=True, check=False
    )


def events_of(path: Path, config_file: Path) -> list[tuple]:
    config = load_config(config_file=str(config_file))
    site = Site.from_files(get_files(config), config, "task-force-recommendations.md")
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
    """A built tiny site (tests/package/conftest.py): (its mkdocs.yml, its site folder)."""
    folder = tmp_path_factory.mktemp("roundtrip")
    config = make_site(folder, timeline_yaml())
    return config, build(config, folder / "site").site_dir


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
    result = run("--help")
    assert result.returncode == 0
    for words in (
        "TimelineJS spreadsheet (CSV)",
        "--force",
        "--eras-from",
        "--site-url",
        "--kind",
        "Exit status",
    ):
        assert words in result.stdout


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
