"""Benchmark the timeline page as it grows: 95, 300 and 1,000 events, side by side (issue 16).

    .venv/bin/python scripts/bench_overview.py [--sizes 95 300 1000] [--runs 3]

For each size, a temporary site like the real one is built with a synthetic timeline
(scripts/bench_timeline.py's: the real eras, random events between 1946 and 2024), each event
given a situation and every tenth a related event, so that the overview, the situation filter
and the related links are all on the page. Each page is served on 127.0.0.1 and loaded
--runs times in Debian's Chromium (a fresh context each time, cold cache). Printed per size:

- gzip: the page and what it loads on page load (scripts/page_budgets.py's weigher), and the
  byte rule (extra bytes over a plain page <= 1.25 x the events' text gzip + CONTROLS_BUDGET)
  with its ratio of use;
- DOM nodes (elements) after load, and per event;
- FCP and LCP (medians), from buffered PerformanceObservers;
- the time to apply a filter: a click on a kind's chip to the next paint, as the Event Timing
  API gives it (the click's `duration`, rounded by Chromium to 8 ms), and as
  requestAnimationFrame sees it (from the click's timestamp to the frame after the next one
  starts); the median of clicks that tick and untick the chip, then the same with the
  situation filter (a select; `input` event to the next frame).

Below the table, the goals (printed, not asserted: the machine's load changes the times):
LCP(1000) <= 2 x LCP(95), a filter applied within 100 ms, the byte rule at every size, and
nodes per event flat or falling.
"""

from __future__ import annotations

import argparse
import itertools
import re
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import page_budgets as budgets
from bench_pages import PAINT_TIMINGS
from bench_timeline import build_in_child, make_site, synthetic_timeline
from chromium import CHROMIUM, CHROMIUM_ARGS
from served import Server

SITUATIONS = ["afghanistan", "palestine", "darfur", "libya", "ukraine", "philippines"]
PAGE = "relationship/"
GOAL_LCP_RATIO = 2.0
GOAL_FILTER_MS = 100.0

# In the page: click timings of the next interaction, by Event Timing and by frames.
WATCH_CLICK = """() => {
  window.__timings = [];
  new PerformanceObserver(list => {
    for (const e of list.getEntries()) {
      if (e.name === "click" || e.name === "input" || e.name === "change")
        window.__timings.push(e.duration);
    }
  }).observe({ type: "event", durationThreshold: 16, buffered: false });
  document.addEventListener("input", e => {
    const start = e.timeStamp;
    requestAnimationFrame(() => requestAnimationFrame(t => {
      window.__frames.push(performance.now() - start);
    }));
  }, true);
  window.__frames = [];
}"""


def with_threads(data: str) -> str:
    """The synthetic timeline with declared situations, one per event, and a related event
    for every tenth (the event before it)."""
    declared = "situations:\n" + "".join(
        f"  - id: {s}\n    label: {s.capitalize()}\n" for s in SITUATIONS
    )
    data = data.replace("eras:", declared + "eras:", 1)

    def add(match: re.Match[str]) -> str:
        number = int(match.group(2))
        line = match.group(0) + f"\n    situations: [{SITUATIONS[number % len(SITUATIONS)]}]"
        if number and number % 10 == 0:
            line += f"\n    related: [event-{number - 1}]"
        return line

    return re.sub(r"(  - id: event-(\d+))", add, data)


def measure(browser, url: str, runs: int) -> dict[str, float]:
    """FCP, LCP, nodes and filter timings of the page at `url` (medians of `runs` loads)."""
    fcp, lcp, nodes, event_ms, frame_ms, select_ms = [], [], [], [], [], []
    for _ in range(runs):
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        page = context.new_page()
        page.goto(url, wait_until="load")
        first, largest = page.evaluate(PAINT_TIMINGS)
        fcp.append(first)
        lcp.append(largest)
        nodes.append(page.evaluate("document.getElementsByTagName('*').length"))
        page.evaluate(WATCH_CLICK)
        chip = page.locator(".tl-filters__chip").first
        for _ in range(4):  # tick, untick, tick, untick
            chip.click()
            page.wait_for_timeout(150)
        event_ms += page.evaluate("window.__timings")
        frame_ms += page.evaluate("window.__frames")
        page.evaluate("window.__frames = []")
        for value in (SITUATIONS[1], ""):
            page.locator("#tl-situation").select_option(value)
            page.wait_for_timeout(150)
        select_ms += page.evaluate("window.__frames")
        context.close()
    return {
        "fcp": statistics.median(fcp),
        "lcp": statistics.median(lcp),
        "nodes": max(nodes),
        # Event Timing reports only interactions over 16 ms: fewer entries than clicks
        # means the rest took less
        "event": statistics.median(event_ms) if event_ms else 0.0,
        "event_seen": len(event_ms),
        "frame": statistics.median(frame_ms),
        "select": statistics.median(select_ms),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[95, 300, 1000])
    parser.add_argument("--runs", type=int, default=3, help="page loads per size")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    rows: dict[int, dict] = {}
    with tempfile.TemporaryDirectory(prefix="bench-overview-") as temp, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for count in args.sizes:
            folder = Path(temp) / str(count)
            config = make_site(folder, with_threads(synthetic_timeline(count)))
            # as the real site: its theme inlines the stylesheet and links the script
            # (overrides/main.html), so the plugin links neither
            text = config.read_text(encoding="utf-8")
            config.write_text(
                text.replace("  - timeline\n", "  - timeline:\n      link_assets: false\n"),
                encoding="utf-8",
            )
            site = folder / "site"
            build_in_child(config, site)
            pages = budgets.source_pages(folder / "docs")
            plain = budgets.plain_page(site, pages)
            timeline = budgets.page_timelines(config)[PAGE + "index.html"]
            grown = budgets.growth(
                site, PAGE + "index.html", plain, budgets.event_text(timeline), timeline.count
            )
            weight = budgets.page_weight(site, PAGE + "index.html")
            with Server(site) as server:
                row = measure(browser, server.url + PAGE, args.runs)
            row.update(gzip=weight.gzip_bytes, growth=grown, count=timeline.count)
            rows[count] = row
            print(f"  built and measured {count} events", file=sys.stderr)
        browser.close()
    print(table(rows))
    print()
    print("\n".join(goals(rows)))


def table(rows: dict[int, dict]) -> str:
    """The figures side by side, a column per size."""
    sizes = list(rows)
    lines = [
        ("page + loads, gzip", lambda r: f"{r['gzip'] / 1000:,.1f} KB"),
        ("extra over a plain page", lambda r: f"{r['growth'].extra / 1000:,.1f} KB"),
        ("byte rule budget", lambda r: f"{r['growth'].budget / 1000:,.1f} KB"),
        ("  used", lambda r: f"{r['growth'].extra / r['growth'].budget:.0%}"),
        ("DOM elements", lambda r: f"{r['nodes']:,}"),
        ("  per event", lambda r: f"{r['nodes'] / r['count']:.1f}"),
        ("FCP", lambda r: f"{r['fcp']:.0f} ms"),
        ("LCP", lambda r: f"{r['lcp']:.0f} ms"),
        ("kind filter, Event Timing", lambda r: f"{r['event']:.0f} ms ({r['event_seen']} > 16 ms)"),
        ("kind filter, to next frame", lambda r: f"{r['frame']:.0f} ms"),
        ("situation filter, next frame", lambda r: f"{r['select']:.0f} ms"),
    ]
    out = [f"| {'events':<30} | " + " | ".join(f"{s:>22,}" for s in sizes) + " |"]
    out.append("|" + "-" * 32 + "|" + "|".join("-" * 24 for _ in sizes) + "|")
    for name, cell in lines:
        out.append(f"| {name:<30} | " + " | ".join(f"{cell(rows[s]):>22}" for s in sizes) + " |")
    return "\n".join(out)


def goals(rows: dict[int, dict]) -> list[str]:
    """The figures against issue 16's goals."""

    def verdict(ok: bool) -> str:
        return "meets the goal" if ok else "MISSES the goal"

    sizes = sorted(rows)
    small, large = rows[sizes[0]], rows[sizes[-1]]
    ratio = large["lcp"] / small["lcp"]
    worst = max(max(r["event"], r["frame"], r["select"]) for r in rows.values())
    per_event = [rows[s]["nodes"] / rows[s]["count"] for s in sizes]
    lines = ["Against issue 16's goals:"]
    lines.append(
        f"  LCP({sizes[-1]}) / LCP({sizes[0]}) = {large['lcp']:.0f} / {small['lcp']:.0f} ms = "
        f"{ratio:.2f} (goal <= {GOAL_LCP_RATIO:g}: {verdict(ratio <= GOAL_LCP_RATIO)})"
    )
    lines.append(
        f"  slowest filter: {worst:.0f} ms (goal <= {GOAL_FILTER_MS:g} ms: "
        f"{verdict(worst <= GOAL_FILTER_MS)})"
    )
    for size in sizes:
        failures = rows[size]["growth"].failures()
        lines.append(
            f"  byte rule at {size:,} events: "
            + ("holds" if not failures else "FAILS: " + "; ".join(failures))
        )
    flat = all(b <= a * 1.02 for a, b in itertools.pairwise(per_event))
    lines.append(
        "  DOM elements per event: "
        + " -> ".join(f"{n:.1f}" for n in per_event)
        + f" ({'flat or falling' if flat else 'RISING'})"
    )
    return lines


if __name__ == "__main__":
    main()
