"""Where each mark of the timeline's overview goes: one axis from the first to the last year,
the eras as bands, every event a mark at its year, stacked in columns so no two overlap.

Pure geometry from the model (SVG user units); the markup is the template's
(`partials/timeline-overview.html`). A year is as wide as its stacks need (an empty year is a
thin gap), so a dense year widens instead of piling marks on each other.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from math import ceil

from .model import Event, Timeline

ROWS = 10  # marks stacked in one column of a year
MARK = 8  # a mark's width and height
PITCH = 10  # a mark and the gap after it
EMPTY_YEAR = 3  # the width of a year without events
SHAPES = 7  # shapes the kinds cycle through (drawn by partials/timeline-overview.html)
TOP = 16  # the era labels' row
AXIS = TOP + ROWS * PITCH + 2  # the axis line's y
HEIGHT = AXIS + 16  # room for the year labels under the axis
LABEL_CHAR = 5.6  # the width of one character of a 10-unit label, roughly


@dataclass(frozen=True)
class Mark:
    """An event's mark: its top-left corner, and its shape (by its kind)."""

    event: Event
    x: int
    y: int
    shape: int


@dataclass(frozen=True)
class Band:
    """An era's band along the axis; `label` is empty where its name does not fit."""

    id: str
    title: str
    label: str
    x: float
    width: float
    odd: bool


@dataclass(frozen=True)
class Tick:
    """A year labelled under the axis."""

    year: int
    x: float


@dataclass(frozen=True)
class Overview:
    """The whole overview: its size, bands, marks and year ticks."""

    width: int
    height: int
    axis: int
    bands: list[Band]
    marks: list[Mark]
    ticks: list[Tick]
    shapes: dict[str, int]  # kind id -> shape number, for the legend


def layout(timeline: Timeline) -> Overview:
    """The overview of `timeline`'s events (in timeline order)."""
    first, last = timeline.first_year, timeline.last_year
    by_year: dict[int, list[Event]] = {}
    for event in timeline.events:
        by_year.setdefault(event.date.year, []).append(event)
    starts: dict[int, int] = {}
    widths: dict[int, int] = {}
    x = 0
    for year in range(first, last + 1):
        count = len(by_year.get(year, []))
        starts[year], widths[year] = x, ceil(count / ROWS) * PITCH if count else EMPTY_YEAR
        x += widths[year]
    shapes = {kind.id: number % SHAPES for number, kind in enumerate(timeline.kinds)}
    marks = [
        Mark(
            event,
            starts[year] + (index // ROWS) * PITCH + 1,
            AXIS - 2 - (index % ROWS + 1) * PITCH + 1,
            shapes[event.kind.id],
        )
        for year, events in by_year.items()
        for index, event in enumerate(events)
    ]

    def at(day: date) -> float:
        """x of a day: its year's start plus the part of the year gone."""
        if day.year < first:
            return 0
        if day.year > last:
            return x
        part = (day.timetuple().tm_yday - 1) / 366
        return starts[day.year] + part * widths[day.year]

    bands = []
    for number, era in enumerate(timeline.eras):
        start = at(era.start.first_day)
        end = at(era.end.first_day) if era.end else x
        short = era.label.removesuffix(" administration")
        fits = len(short) * LABEL_CHAR + 4 <= end - start
        bands.append(
            Band(era.id, era.heading, short if fits else "", start, end - start, number % 2 == 1)
        )
    step = 10 if last - first > 30 else 5
    ticks = [
        Tick(year, starts[year])
        for year in range(first, last + 1)
        if year % step == 0 or year in (first, last)
    ]
    ticks = [
        t for t in ticks if t.year in (first, last) or (t.x - starts[first] > 24 and x - t.x > 24)
    ]
    return Overview(x, HEIGHT, AXIS, bands, marks, ticks, shapes)
