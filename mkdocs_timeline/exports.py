"""The timeline as TimelineJS v3 JSON and as a TimelineJS spreadsheet CSV.

TimelineJS has no place for an event's kind, sources, recommendations, image description
or id in its spreadsheet, so each event's text ends with a `<div class="tl-export">`
that lists them; `scripts/import_timelinejs.py` reads them back. Output is deterministic:
fixed field order in CSV, sorted keys in JSON, `\\n` line endings.
"""

from __future__ import annotations

import csv
import io
import json
from html import escape

from .dates import PartialDate
from .model import Event, Timeline

CSV_COLUMNS = (
    "Year", "Month", "Day", "Time", "End Year", "End Month", "End Day", "End Time",
    "Display Date", "Headline", "Text", "Media", "Media Credit", "Media Caption",
    "Media Thumbnail", "Type", "Group", "Background",
)  # fmt: skip


def event_text(event: Event, permalink: str) -> str:
    """The event's body followed by the `tl-export` trailer (kind, sources, id …)."""
    parts = [str(event.body_html), '<div class="tl-export">', "<p>Sources:</p><ul>"]
    parts += [f'<li><a href="{escape(s.url)}">{escape(s.title)}</a></li>' for s in event.sources]
    parts.append("</ul>")
    if event.recommendations:
        parts.append("<p>Task Force recommendations:</p><ul>")
        for rec in event.recommendations:
            title = escape(rec.title or rec.id)
            link = f'<a href="{escape(rec.url)}">{title}</a>' if rec.url else title
            parts.append(f'<li data-recommendation="{escape(rec.id)}">{link}</li>')
        parts.append("</ul>")
    if event.media:
        parts.append(
            f'<p>Image description: <span data-alt="">{escape(event.media.alt)}</span></p>'
        )
    parts.append(
        f'<p>Kind: <span data-kind="{event.kind.id}">{escape(event.kind.label)}</span>. '
        f'<a data-id="{event.id}" href="{escape(permalink)}">Permalink</a></p></div>'
    )
    return "".join(parts)


def _era_spans(timeline: Timeline) -> list[tuple[str, str, PartialDate, PartialDate]]:
    """(id, label, start, end) of each era with events; today's era ends at its last event."""
    return [
        (group.id, group.label, group.start, group.end or max(e.last_date for e in group.events))
        for group in timeline.eras
    ]


def _date(value: PartialDate) -> dict[str, int]:
    parts = {"year": value.year, "month": value.month, "day": value.day}
    return {key: part for key, part in parts.items() if part is not None}


def timeline_json(timeline: Timeline, page_url: str) -> str:
    """TimelineJS v3 JSON; `page_url` is the timeline page, for each event's permalink."""
    events = []
    for event in timeline.events:
        item = {
            "unique_id": event.id,
            "start_date": _date(event.date),
            "text": {
                "headline": escape(event.title),
                "text": event_text(event, f"{page_url}#{event.id}"),
            },
            "group": escape(event.era.label),  # TimelineJS shows it as HTML
        }
        if event.end_date:
            item["end_date"] = _date(event.end_date)
        if event.media:
            item["media"] = {
                "url": event.media.src,
                "alt": event.media.alt,
                "caption": escape(event.media.caption or ""),
                "credit": escape(event.media.credit or ""),
            }
        events.append(item)
    eras = [
        {
            "unique_id": f"era-{era_id}",
            "start_date": _date(start),
            "end_date": _date(end),
            "text": {"headline": escape(label), "text": ""},
        }
        for era_id, label, start, end in _era_spans(timeline)
    ]
    data = {
        "title": {"text": {"headline": escape(timeline.title), "text": ""}},
        "events": events,
        "eras": eras,
    }
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def timeline_csv(timeline: Timeline, page_url: str) -> str:
    """The TimelineJS spreadsheet: a title row, one row per era, then one per event."""
    rows = [{"Headline": escape(timeline.title), "Type": "title"}]
    for _era_id, label, start, end in _era_spans(timeline):
        rows.append(
            {
                **_date_columns(start, ""),
                **_date_columns(end, "End "),
                "Headline": escape(label),
                "Type": "era",
            }
        )
    for event in timeline.events:
        row = {
            **_date_columns(event.date, ""),
            "Display Date": event.date.display,
            "Headline": escape(event.title),
            "Text": event_text(event, f"{page_url}#{event.id}"),
            "Group": escape(event.era.label),
        }
        if event.end_date:
            row.update(_date_columns(event.end_date, "End "))
            row["Display Date"] = f"{event.date.display} – {event.end_date.display}"
        if event.media:
            row["Media"] = event.media.src
            row["Media Credit"] = escape(event.media.credit or "")
            row["Media Caption"] = escape(event.media.caption or "")
        rows.append(row)
    out = io.StringIO()
    writer = csv.DictWriter(out, CSV_COLUMNS, restval="", lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def _date_columns(value: PartialDate, prefix: str) -> dict[str, str]:
    return {
        f"{prefix}Year": str(value.year),
        f"{prefix}Month": str(value.month or ""),
        f"{prefix}Day": str(value.day or ""),
    }
