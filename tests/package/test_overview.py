"""The overview at a glance (mkdocs_timeline/overview.py, partials/timeline-overview.html):
every event one mark, each a link to its event, and no two marks overlap, at the real
data's size and at 1,000 events. Boxes are read back from the rendered SVG."""

from __future__ import annotations

from dataclasses import replace
from html.parser import HTMLParser
from itertools import pairwise

import pytest

from mkdocs_timeline import overview
from mkdocs_timeline.model import Timeline
from mkdocs_timeline.render import OVERVIEW, Renderer

from .conftest import ROOT

DATA_FILE = ROOT / "data" / "timeline.yml"


@pytest.fixture(scope="module")
def real() -> Timeline:
    from mkdocs.config import load_config
    from mkdocs.structure.files import get_files

    from mkdocs_timeline.plugin import mkdocs_site
    from mkdocs_timeline.validate import load_timeline

    config = load_config(config_file=str(ROOT / "mkdocs.yml"))
    site = mkdocs_site(get_files(config), config, config.plugins["timeline"].config)
    return load_timeline(DATA_FILE, "data/timeline.yml", site)


def grown(timeline: Timeline, count: int) -> Timeline:
    """`timeline` with its events copied (new ids, same dates) up to `count` events."""
    copies = [
        replace(event, id=f"{event.id}-{number}")
        for number in range(count // timeline.count + 1)
        for event in timeline.events
    ][:count]
    copies.sort(key=lambda e: e.date.sort_key)
    return replace(timeline, events=copies)


class Marks(HTMLParser):
    """The SVG's size and each mark's link target, name references and box."""

    def __init__(self) -> None:
        super().__init__()
        self.size = (0, 0)
        self.links: list[dict[str, str]] = []
        self.boxes: list[tuple[int, int, int, int]] = []
        self._in_link = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {key: value or "" for key, value in attrs}
        if tag == "svg" and "tl-overview__svg" in a.get("class", ""):
            self.size = (int(a["width"]), int(a["height"]))
        elif tag == "a":
            self.links.append(a)
            self._in_link = True
        elif tag == "use" and self._in_link:
            x, y = int(a["x"]), int(a["y"])
            self.boxes.append((x, y, x + overview.MARK, y + overview.MARK))

    def handle_endtag(self, tag: str) -> None:
        if tag == "a":
            self._in_link = False


def rendered(timeline: Timeline) -> Marks:
    html = Renderer().render(OVERVIEW, timeline=timeline, overview=overview.layout(timeline))
    marks = Marks()
    marks.feed(html)
    return marks


def overlaps(boxes: list[tuple[int, int, int, int]]) -> list[tuple]:
    """Pairs of boxes that share any area (a sweep along x)."""
    found = []
    ordered = sorted(boxes)
    for number, box in enumerate(ordered):
        for other in ordered[number + 1 :]:
            if other[0] >= box[2]:
                break
            if other[1] < box[3] and box[1] < other[3]:
                found.append((box, other))
    return found


@pytest.mark.parametrize("count", [0, 1000])
def test_marks_never_overlap_and_stay_inside(real, count):
    timeline = grown(real, count) if count else real
    marks = rendered(timeline)
    assert len(marks.boxes) == timeline.count
    assert overlaps(marks.boxes) == []
    width, height = marks.size
    assert all(
        x0 >= 0 and x1 <= width and y0 >= 0 and y1 <= height for x0, y0, x1, y1 in marks.boxes
    )


def test_overlap_check_can_fail():
    assert overlaps([(0, 0, 8, 8), (4, 4, 12, 12)]) != []


def test_every_mark_links_its_event_and_is_named_by_title_and_date(real):
    marks = rendered(real)
    assert [link["href"] for link in marks.links] == [f"#{e.id}" for e in real.events]
    for link, event in zip(marks.links, real.events, strict=True):
        assert link["aria-labelledby"] == f"{event.id} {link['id']}"
        assert link["aria-label"] == event.when.display


def test_marks_go_left_to_right_in_date_order(real):
    xs = [box[0] for box in rendered(real).boxes]
    years = [e.date.year for e in real.events]
    for (x1, y1), (x2, y2) in pairwise(zip(xs, years, strict=True)):
        assert x1 <= x2 or y1 == y2
