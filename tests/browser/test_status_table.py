"""The Task Force page's summary of statuses in Chromium: with JavaScript the filter shows
and keeps the table to one status; without it the table lists every recommendation and no
filter is shown. At 1280 and 390 px in both palettes the page does not overflow its window,
and axe finds no violation with a filter applied. Screenshots go to reports/screenshots/."""

from __future__ import annotations

import pytest
import yaml
from harness import REPORTS, ROOT, Watch, describe_violations, new_context, run_axe

from .test_no_javascript import refuse_scripts

pytestmark = pytest.mark.browser

PAGE = "task-force-recommendations/"
SHOTS = REPORTS / "screenshots"
ROWS = ".tl-status-summary tbody tr"


def statuses() -> dict[str, int]:
    data = yaml.safe_load((ROOT / "data" / "recommendations.yml").read_text(encoding="utf-8"))
    counts: dict[str, int] = {}
    for section in data["sections"]:
        counts[section["status"]] = counts.get(section["status"], 0) + 1
    return counts


def visible_rows(page) -> list[str]:
    return page.eval_on_selector_all(
        ROWS, "rows => rows.filter(r => r.offsetParent !== null).map(r => r.dataset.status)"
    )


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [1280, 390])
def test_the_filter_keeps_the_table_to_one_status(open_page, width, scheme):
    opened = open_page(PAGE, width=width, scheme=scheme)
    page = opened.page
    counts = statuses()
    select = page.locator("#tl-status-filter__select")
    select.wait_for(state="visible")
    assert len(visible_rows(page)) == sum(counts.values())
    chosen = min(counts, key=lambda status: counts[status])  # the rarest status
    select.select_option(chosen)
    assert visible_rows(page) == [chosen] * counts[chosen]
    count = page.locator(".tl-status-filter__count").inner_text()
    assert count == f"Showing {counts[chosen]} of {sum(counts.values())}"
    scroll, window = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert scroll <= window, f"the page is {scroll} px wide in a {window} px window"
    table = page.locator(".tl-status-summary table").bounding_box()
    assert table and table["width"] <= window
    inner, outer = page.eval_on_selector(
        ".tl-status-summary table", "t => [t.scrollWidth, t.clientWidth]"
    )
    assert inner <= outer + 1, f"the table scrolls: {inner} px of content in {outer} px"
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.locator(".tl-status-summary").screenshot(
        path=str(SHOTS / f"status-table-{width}-{scheme}.png")
    )
    violations = run_axe(page)["violations"]
    assert not violations, describe_violations(violations)
    select.select_option("")
    assert len(visible_rows(page)) == sum(counts.values())


@pytest.mark.parametrize("width", [1280, 390])
def test_without_javascript_a_plain_table_lists_every_recommendation(browser, served_site, width):
    # as in test_no_javascript.py: scripting stays on for the checks and axe alone, and a
    # Content-Security-Policy refuses the page's own scripts
    context = new_context(
        browser, served_site.origin, Watch(), viewport={"width": width, "height": 900}
    )
    try:
        context.route("**/*", refuse_scripts)
        page = context.new_page()
        page.goto(served_site.url + PAGE, wait_until="load")
        assert page.evaluate("document.documentElement.classList.contains('no-js')")
        assert not page.locator(".tl-status-filter").is_visible()
        assert len(visible_rows(page)) == sum(statuses().values())
        scroll, window = page.evaluate("[document.documentElement.scrollWidth, innerWidth]")
        assert scroll <= window, f"the page is {scroll} px wide in a {window} px window"
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.locator(".tl-status-summary").screenshot(
            path=str(SHOTS / f"status-table-{width}-nojs.png")
        )
        violations = run_axe(page)["violations"]
        assert not violations, describe_violations(violations)
    finally:
        context.close()
