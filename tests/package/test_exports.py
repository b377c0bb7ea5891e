"""The TimelineJS exports: JSON v3 and the spreadsheet CSV."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import replace
from pathlib import Path

import pytest
from jinja2 import FileSystemLoader

from mkdocs_timeline.render import Renderer
from mkdocs_timeline.timelinejs import CSV_COLUMNS, timeline_csv, timeline_json
from mkdocs_timeline.validate import parse_timeline

from .conftest import timeline_yaml

BASE = "https://example.org/site/"
PAGE = BASE + "relationship/"
CASES = Path(__file__).parent / "cases"


@pytest.fixture
def timeline(case_site):
    text = timeline_yaml().replace(
        "title: American Service-Members' Protection Act signed", "title: A <b>bold</b> & odd title"
    )
    return parse_timeline(text.encode(), "data/timeline.yml", case_site).relocated(BASE)


def test_json_follows_timelinejs_v3(timeline) -> None:
    data = json.loads(timeline_json(timeline, PAGE))
    assert set(data) == {"title", "events", "eras"}
    first, second, third = data["events"]
    assert first["unique_id"] == "rome-statute-adopted"
    assert first["start_date"] == {"year": 1998, "month": 7, "day": 17}
    assert first["group"] == "Clinton administration"
    assert first["media"] == {
        "url": BASE + "images/photo.jpg",
        "alt": "Delegates in the conference hall",
        "caption": "The conference in Rome",
        "credit": "UN Photo",
    }
    assert second["text"]["headline"] == "A &lt;b&gt;bold&lt;/b&gt; &amp; odd title"
    assert third["end_date"] == {"year": 2010, "month": 6, "day": 11}
    assert "end_date" not in first and "media" not in second
    assert [era["unique_id"] for era in data["eras"]] == [
        "era-clinton",
        "era-george-w-bush",
        "era-obama",
    ]
    # today's era has no end: the export ends it at its last event
    assert data["eras"][-1]["end_date"] == {"year": 2010, "month": 6, "day": 11}


def test_text_ends_with_the_facts_the_importer_reads_back(timeline) -> None:
    data = json.loads(timeline_json(timeline, PAGE))
    text = data["events"][1]["text"]["text"]
    assert text.startswith("<p>The Act restricts <strong>cooperation</strong> with the Court.</p>")
    assert (
        '<li><a href="https://www.govinfo.gov/app/details/PLAW-107publ206"'
        ' data-publisher="U.S. Government Publishing Office" data-type="primary">'
        "Public Law 107-206</a> (U.S. Government Publishing Office; primary source)</li>" in text
    )
    assert (
        '<li data-recommendation="accept-information-and-evidence-from-icc"><a href="' + BASE
        in text
    )
    assert '<span data-kind="legislation">Legislation</span>' in text
    assert f'<a data-id="aspa-signed" href="{PAGE}#aspa-signed">Permalink</a>' in text
    body = data["events"][0]["text"]["text"]
    assert f'href="{BASE}task-force-recommendations/#support-victims-and-survivors"' in body
    assert '<span data-alt="">Delegates in the conference hall</span>' in body


def test_csv_has_exactly_the_spreadsheet_columns(timeline) -> None:
    text = timeline_csv(timeline, PAGE)
    rows = list(csv.DictReader(io.StringIO(text)))
    assert tuple(csv.reader(io.StringIO(text)).__next__()) == CSV_COLUMNS
    assert [row["Type"] for row in rows] == ["title", "era", "era", "era", "", "", ""]
    title, clinton = rows[0], rows[1]
    assert title["Headline"] == "Test timeline"
    assert (clinton["Year"], clinton["Month"], clinton["Day"], clinton["End Year"]) == (
        "1993",
        "1",
        "20",
        "2001",
    )
    kampala = rows[-1]
    assert kampala["Display Date"] == "31 May – 11 June 2010"  # the page's rule (When)
    assert (kampala["End Year"], kampala["End Month"], kampala["End Day"]) == ("2010", "6", "11")
    assert kampala["Group"] == "Obama administration"
    assert (
        rows[4]["Media"] == BASE + "images/photo.jpg"
        and rows[4]["Media Caption"] == "The conference in Rome"
    )
    assert text.endswith("\n") and "\r" not in text


def test_partial_dates_leave_month_and_day_empty(case_site) -> None:
    text = (
        timeline_yaml()
        .replace("date: 2002-08-02", "date: 2002-08")
        .replace("date: 1998-07-17", "date: 1998")
    )
    timeline = parse_timeline(text.encode(), "data/timeline.yml", case_site).relocated(BASE)
    rows = list(csv.DictReader(io.StringIO(timeline_csv(timeline, PAGE))))
    assert (rows[4]["Year"], rows[4]["Month"], rows[4]["Day"], rows[4]["Display Date"]) == (
        "1998",
        "",
        "",
        "1998",
    )
    assert (rows[5]["Month"], rows[5]["Day"], rows[5]["Display Date"]) == ("8", "", "August 2002")
    assert json.loads(timeline_json(timeline, PAGE))["events"][0]["start_date"] == {"year": 1998}


def test_era_labels_are_escaped_in_the_group_field(case_site) -> None:
    """TimelineJS shows `group` as HTML: an era label is editor text, so it is escaped."""
    text = timeline_yaml().replace(
        "label: Clinton administration", 'label: Clinton <img src=x onerror="alert(1)">'
    )
    timeline = parse_timeline(text.encode(), "data/timeline.yml", case_site).relocated(BASE)
    escaped = "Clinton &lt;img src=x onerror=&quot;alert(1)&quot;&gt;"
    assert json.loads(timeline_json(timeline, PAGE))["events"][0]["group"] == escaped
    rows = list(csv.DictReader(io.StringIO(timeline_csv(timeline, PAGE))))
    assert next(row["Group"] for row in rows if row["Type"] == "") == escaped


def test_trailer_heads_related_sections_with_the_configured_label(timeline) -> None:
    """The option `sections: label:` heads the list; no site's words are built in."""
    relabelled = replace(timeline, sections_label="Linked chapter")
    text = json.loads(timeline_json(relabelled, PAGE))["events"][1]["text"]["text"]
    assert "<p>Linked chapter:</p>" in text and "Task Force" not in text
    assert "\n" not in text  # exports/ templates are joined into one line


def test_export_text_comes_from_the_theme_template_when_it_has_one(timeline, tmp_path) -> None:
    (tmp_path / "exports").mkdir()
    (tmp_path / "exports" / "timelinejs-text.html").write_text(
        "<p>\n  {{ event.title }}\n  {{- ' ' }}({{ event.kind.label }})\n</p>\n", encoding="utf-8"
    )
    renderer = Renderer(FileSystemLoader(str(tmp_path)))
    rows = list(csv.DictReader(io.StringIO(timeline_csv(timeline, PAGE, renderer))))
    events = [row for row in rows if row["Type"] not in ("title", "era")]
    assert events[1]["Text"] == "<p>A &lt;b&gt;bold&lt;/b&gt; &amp; odd title (Legislation)</p>"


@pytest.fixture
def threaded(case_site):
    """The golden case with situations and a related pair (cases/related-valid.yml)."""
    import yaml

    case = yaml.safe_load((CASES / "related-valid.yml").read_text(encoding="utf-8"))
    return parse_timeline(case["input"].encode(), "data/timeline.yml", case_site).relocated(BASE)


def test_situations_and_related_events_are_in_the_json_text_of_both_events(threaded) -> None:
    adopted, in_force = json.loads(timeline_json(threaded, PAGE))["events"]
    first, second = adopted["text"]["text"], in_force["text"]["text"]
    assert '<span data-situation="afghanistan">Afghanistan</span>' in first
    assert 'data-situation="palestine"' not in first
    assert (
        '<span data-situation="afghanistan">Afghanistan</span>, '
        '<span data-situation="palestine">Palestine</span>'
    ) in second
    # the pair is declared once, on the later event, and exported on both
    assert (
        f'<a data-related="rome-statute-entry-into-force" href="{PAGE}#rome-statute-entry-into-force">'
        in first
    )
    assert f'<a data-related="rome-statute-adopted" href="{PAGE}#rome-statute-adopted">' in second


def test_csv_has_a_situations_column(threaded) -> None:
    rows = list(csv.DictReader(io.StringIO(timeline_csv(threaded, PAGE))))
    events = [row for row in rows if row["Type"] == ""]
    assert [row["Situations"] for row in events] == ["Afghanistan", "Afghanistan; Palestine"]
    assert all(row["Situations"] == "" for row in rows if row["Type"] != "")
