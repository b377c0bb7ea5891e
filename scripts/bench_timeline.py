"""Benchmark the timeline build: synthetic timelines of 100, 1,000 and 10,000 events.

    .venv/bin/python scripts/bench_timeline.py [--sizes 100 1000 10000] [--runs 3]

For each size, a temporary site (the real theme override, the search and timeline
plugins) is built --runs times, each in a fresh Python process. The
table gives the median build time (the build itself, not Python's start-up), the peak
memory of the process (resident set, imports included) and the size of the timeline
page raw and gzipped. Below it, the figures against issue 14's goals (printed, not
asserted: the machine's load changes them): 10,000 events built in at most 5 s and 300 MB,
and t(10k)/t(1k) at most 11 (time about linear in the events, not worse). Then the real
site is built once and the timeline page is weighed with everything it loads on page load
(the search index loads on first use).

The first row is the baseline, built in the same run: the same site with its timeline
page plain. "x plain" (build time over the baseline's) and the CPU column (the process's
own CPU time) say how the timeline scales when other work shares the machine; the wall
time is what the goals name.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from page_budgets import page_weight  # scripts/page_budgets.py, beside this script

ROOT = Path(__file__).resolve().parents[1]
# Issue 14's goals for the timeline build (item 6, "Scale").
GOAL_SECONDS_10K = 5.0
GOAL_MB_10K = 300.0
GOAL_RATIO = 11.0
KINDS = ["tribunal", "treaty", "legislation", "executive", "sanctions", "security-council", "court",
         "diplomacy", "cooperation"]  # fmt: skip
WORDS = [
    "court",
    "statute",
    "tribunal",
    "treaty",
    "council",
    "referral",
    "warrant",
    "sanctions",
    "observer",
    "assembly",
    "prosecutor",
    "investigation",
    "cooperation",
    "surrender",
    "rewards",
    "evidence",
    "resolution",
    "article",
    "jurisdiction",
    "ratification",
    "withdrawal",
    "protection",
    "appropriations",
    "designation",
]


def synthetic_timeline(count: int, seed: int = 1) -> str:
    """A valid timeline file of `count` events between 1946 and 2024, with the real eras."""
    rng = random.Random(seed)
    real = (ROOT / "data" / "timeline.yml").read_text(encoding="utf-8")
    eras = real[real.index("eras:") : real.index("events:")]
    lines = ["title: Synthetic timeline", eras.rstrip(), "events:"]

    def sentence() -> str:
        return " ".join(rng.choice(WORDS) for _ in range(rng.randint(8, 16))).capitalize() + "."

    for number in range(count):
        year, month, day = rng.randint(1946, 2024), rng.randint(1, 12), rng.randint(1, 28)
        lines += [
            f"  - id: event-{number}",
            f"    date: {year:04d}-{month:02d}-{day:02d}",
            f"    title: {sentence()[:-1]}",
            f"    kind: {rng.choice(KINDS)}",
            "    body: >-",
            f"      {sentence()} *{rng.choice(WORDS)}* {sentence()}",
            f"      See [the recommendations](task-force-recommendations.md) and [a source](https://example.org/{number}).",
            "    sources:",
            f"      - title: Source {number}",
            f"        url: https://example.org/sources/{number}",
        ]
    return "\n".join(lines) + "\n"


def make_site(folder: Path, data: str, timeline: bool = True) -> Path:
    """A site like the real one, with one timeline page (without, the baseline: the same
    site, its timeline page plain); returns its mkdocs.yml."""
    docs = folder / "docs"
    docs.mkdir(parents=True)
    (folder / "data").mkdir()
    (folder / "data" / "timeline.yml").write_text(data, encoding="utf-8")
    (docs / "index.md").write_text(
        "# Home\n\nSee [the timeline](relationship.md#event-0).\n", encoding="utf-8"
    )
    (docs / "relationship.md").write_text(
        "---\ntitle: Timeline\n"
        + ("timeline: timeline.yml\n" if timeline else "")
        + "---\n\n# Timeline\n\nIntroduction.\n\n<!-- timeline -->\n",
        encoding="utf-8",
    )
    (docs / "task-force-recommendations.md").write_text(
        "# Task Force recommendations\n\n## Support victims\n\nText.\n", encoding="utf-8"
    )
    (folder / "mkdocs.yml").write_text(
        "site_name: Bench\nsite_url: https://example.org/\nstrict: true\n"
        f"theme:\n  name: material\n  custom_dir: {ROOT / 'overrides'}\n  font: false\n"
        "plugins:\n  - search\n  - timeline\n"
        f"hooks:\n  - {ROOT / 'hooks' / 'minify.py'}\n"
        "markdown_extensions:\n  - attr_list\n  - md_in_html\n  - toc:\n      permalink: true\n",
        encoding="utf-8",
    )
    return folder / "mkdocs.yml"


def child(config_file: str, site_dir: str) -> None:
    """Build once in this process; print the build time and peak memory as JSON."""
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    import logging

    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(message)s")
    config = load_config(config_file=config_file, site_dir=site_dir)
    start, cpu = time.perf_counter(), time.process_time()
    build(config)
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"seconds": seconds, "cpu": cpu, "peak_mb": peak_mb}))


def build_in_child(config_file: Path, site_dir: Path) -> dict:
    result = subprocess.run(
        [sys.executable, __file__, "--child", str(config_file), str(site_dir)],
        capture_output=True, text=True, check=False, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )  # fmt: skip
    if result.returncode:
        sys.exit(f"build failed:\n{result.stderr}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def gzip_size(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=9, mtime=0))


def kb(size: float) -> str:
    return f"{size / 1024:,.1f} KB"


def goals(measured: dict[int, tuple[float, float]]) -> list[str]:
    """Lines comparing the 10k and 1k figures (event count -> median seconds, peak MB) with
    the goals; a size that was not measured is said to be missing."""
    lines = ["Against issue 14's goals:"]

    def verdict(ok: bool) -> str:
        return "meets the goal" if ok else "MISSES the goal"

    if 10000 in measured:
        seconds, peak = measured[10000]
        lines.append(
            f"  10,000 events: {seconds:.2f} s (goal <= {GOAL_SECONDS_10K:g} s: "
            f"{verdict(seconds <= GOAL_SECONDS_10K)}), peak memory {peak:.0f} MB "
            f"(goal <= {GOAL_MB_10K:g} MB: {verdict(peak <= GOAL_MB_10K)})"
        )
    else:
        lines.append("  10,000 events: not measured (add 10000 to --sizes)")
    if 1000 in measured and 10000 in measured:
        ratio = measured[10000][0] / measured[1000][0]
        lines.append(
            f"  t(10k)/t(1k) = {measured[10000][0]:.2f} s / {measured[1000][0]:.2f} s = "
            f"{ratio:.1f} (goal <= {GOAL_RATIO:g}: {verdict(ratio <= GOAL_RATIO)})"
        )
    else:
        lines.append("  t(10k)/t(1k): not measured (--sizes needs 1000 and 10000)")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--sizes", type=int, nargs="+", default=[100, 1000, 10000], help="event counts"
    )
    parser.add_argument("--runs", type=int, default=3, help="builds per size (the median is shown)")
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(*args.child)
        return

    print(
        f"{'events':>8}  {'median build':>12}  {'CPU':>8}  {'x plain':>7}  {'peak memory':>11}"
        f"  {'page raw':>12}  {'page gzip':>11}"
    )
    measured: dict[int, tuple[float, float]] = {}
    with tempfile.TemporaryDirectory(prefix="bench-timeline-") as temp:
        # The baseline, in the same run: the same site with its timeline page plain. The
        # machine's load slows both alike, so "x plain" compares across machines and runs.
        folder = Path(temp) / "plain"
        config = make_site(folder, synthetic_timeline(1), timeline=False)
        results = [build_in_child(config, folder / "site") for _ in range(args.runs)]
        plain = statistics.median(r["seconds"] for r in results)
        plain_cpu = statistics.median(r["cpu"] for r in results)
        page = (folder / "site" / "relationship" / "index.html").read_bytes()
        print(
            f"{'plain':>8}  {plain:>10.2f} s  {plain_cpu:>6.2f} s  {1:>7.1f}"
            f"  {max(r['peak_mb'] for r in results):>8.0f} MB  {kb(len(page)):>12}"
            f"  {kb(gzip_size(page)):>11}"
        )
        for count in args.sizes:
            folder = Path(temp) / str(count)
            config = make_site(folder, synthetic_timeline(count))
            results = [build_in_child(config, folder / "site") for _ in range(args.runs)]
            page = (folder / "site" / "relationship" / "index.html").read_bytes()
            seconds = statistics.median(r["seconds"] for r in results)
            cpu = statistics.median(r["cpu"] for r in results)
            peak = max(r["peak_mb"] for r in results)
            measured[count] = (seconds, peak)
            print(
                f"{count:>8,}  {seconds:>10.2f} s  {cpu:>6.2f} s  {seconds / plain:>7.1f}"
                f"  {peak:>8.0f} MB  {kb(len(page)):>12}  {kb(gzip_size(page)):>11}"
            )
        print()
        print("\n".join(goals(measured)))
        site = Path(temp) / "real-site"
        build_in_child(ROOT / "mkdocs.yml", site)
        weight = page_weight(site, "relationship/index.html")
    print("\nThe real timeline page and what it loads on page load (scripts/page_budgets.py):")
    for path, packed in weight.files:
        print(f"  {path:<64} {kb(packed):>11} gzip")
    print(f"  {'total':<64} {kb(weight.gzip_bytes):>11} gzip, {weight.requests} requests")


if __name__ == "__main__":
    main()
