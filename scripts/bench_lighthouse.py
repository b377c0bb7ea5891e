"""Benchmark every page of the site with Lighthouse: a figure to watch, not a test.

    .venv/bin/python scripts/bench_lighthouse.py [--runs 3]

Needs Node.js with npm: on first use (and when bench/package-lock.json changes) it installs
Lighthouse, pinned by bench/package-lock.json, into bench/node_modules/ with `npm ci`; and Debian's
Chromium (/usr/bin/chromium, passed to Lighthouse as CHROME_PATH). Builds the site (strict;
SOURCE_DATE_EPOCH from the last commit unless set) into a temporary folder, serves it on
127.0.0.1 under the path of site_url with gzip (as GitHub Pages serves it), and runs
Lighthouse --runs times on every page (each index.html, and 404.html) with its default
mobile preset: a phone's screen and simulated slow 4G and CPU. Prints a Markdown table (the
median of the runs: the four category scores, First Contentful Paint, Largest Contentful
Paint, Total Blocking Time) and the timeline page's FCP as a multiple of the home page's, and
writes it to reports/bench-lighthouse.md. The goal: a performance score of 100 on every page
and the timeline page's FCP within 1.15 x the home page's, in the same run; exits 1 if it is
not met.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import page_budgets as budgets
from bench_pages import build_site, built_pages, page_label, page_url
from chromium import CHROMIUM
from served import Server, site_prefix

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT / "bench"  # its own package.json: Lighthouse is not needed by ./scripts/check
LIGHTHOUSE = BENCH / "node_modules" / ".bin" / "lighthouse"
REPORT = ROOT / "reports" / "bench-lighthouse.md"
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
METRICS = {  # Lighthouse audit id -> column
    "first-contentful-paint": "FCP ms",
    "largest-contentful-paint": "LCP ms",
    "total-blocking-time": "TBT ms",
}
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage --no-first-run"
GOAL_SCORE = 100
GOAL_FCP_RATIO = 1.15


def lighthouse(url: str) -> dict:
    """One Lighthouse run on `url`: category scores (0-100) and metrics (ms)."""
    env = dict(os.environ, CHROME_PATH=CHROMIUM)
    command = [
        str(LIGHTHOUSE),
        url,
        "--output=json",
        "--output-path=stdout",
        "--quiet",
        f"--only-categories={','.join(CATEGORIES)}",
        f"--chrome-flags={CHROME_FLAGS}",
    ]
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        sys.exit(f"lighthouse failed on {url}:\n{result.stderr[-2000:]}")
    report = json.loads(result.stdout)
    if report.get("runtimeError"):
        sys.exit(f"lighthouse could not load {url}: {report['runtimeError']}")
    scores = {name: round(100 * (report["categories"][name]["score"] or 0)) for name in CATEGORIES}
    metrics = {audit: report["audits"][audit]["numericValue"] for audit in METRICS}
    index = float(report.get("environment", {}).get("benchmarkIndex") or 0)
    return {**scores, **metrics, "benchmark": index, "losing": losing(report)}


def losing(report: dict) -> list[str]:
    """The audits of the four categories that cost points or flag a cause (performance's
    unweighted opportunities and diagnostics, such as render-blocking resources or DOM size,
    explain its metrics): id, score and what it says."""
    lines = []
    for name in CATEGORIES:
        for ref in report["categories"][name]["auditRefs"]:
            audit = report["audits"][ref["id"]]
            score = audit.get("score")
            counts = ref.get("weight", 0) or name == "performance"
            shown_mode = audit.get("scoreDisplayMode") in ("binary", "numeric", "metricSavings")
            if counts and shown_mode and score is not None and score < 1:
                shown = audit.get("displayValue", "")
                lines.append(f"{name}: {ref['id']} {score:.2f} {shown}".rstrip())
    return lines


def measure(urls: dict[str, str], runs: int) -> dict[str, dict]:
    """Page -> the median of `runs` Lighthouse runs, per score and metric. Each run visits
    every page in turn, so a change in the machine's load touches every page alike."""
    results: dict[str, list[dict]] = {page: [] for page in urls}
    for run in range(runs):
        for page, url in urls.items():
            results[page].append(lighthouse(url))
            print(f"run {run + 1}/{runs} {page_label(page)}: performance "
                  f"{results[page][-1]['performance']}", file=sys.stderr)  # fmt: skip
    return {
        page: {
            **{
                key: statistics.median(r[key] for r in found) for key in found[0] if key != "losing"
            },
            "losing": sorted({line for r in found for line in r["losing"]}),
        }
        for page, found in results.items()
    }


def render(
    rows: dict[str, dict], timeline_pages: list[str], runs: int, load: str
) -> tuple[str, bool]:
    """The report, and whether the goal is met."""
    lines = [
        "# Lighthouse",
        "",
        (
            f"Lighthouse {lighthouse_version()} (mobile preset: simulated slow 4G and a slow "
            f"CPU), Chromium {CHROMIUM}; the site served with gzip on 127.0.0.1; median of "
            f"{runs} run(s) per page. Load average of the machine before and after: {load} "
            "(the CPU part of the simulation scales with what the machine observes, so a busy "
            "machine scores lower)."
        ),
        "",
        "| page | performance | accessibility | best practices | SEO | "
        + " | ".join(METRICS.values())
        + " |",
        "|---|" + "--:|" * (len(CATEGORIES) + len(METRICS)),
    ]
    for page, row in rows.items():
        cells = [f"{row[name]:.0f}" for name in CATEGORIES]
        cells += [f"{row[audit]:.0f}" for audit in METRICS]
        lines.append(f"| {page_label(page)} | " + " | ".join(cells) + " |")
    home = rows.get("index.html")
    met = all(row["performance"] >= GOAL_SCORE for row in rows.values())
    lines.append("")
    for page in timeline_pages:
        ratio = rows[page]["first-contentful-paint"] / home["first-contentful-paint"]
        met &= ratio <= GOAL_FCP_RATIO
        lines.append(
            f"FCP of {page_label(page)} / FCP of /: {ratio:.2f} (goal: at most {GOAL_FCP_RATIO})"
        )
    losses = [(page, row["losing"]) for page, row in rows.items() if row["losing"]]
    if losses:
        lines += ["", "Audits that cost points (in any run):", ""]
        for page, found in losses:
            lines += [f"- {page_label(page)}: " + "; ".join(found)]
        lines.append("")
    indexes = [row["benchmark"] for row in rows.values() if row.get("benchmark")]
    if indexes:
        lines.append(
            f"Lighthouse's benchmark index of this machine (median per page, higher is faster; "
            f"an idle desktop is about 1,500 or more): {min(indexes):.0f} to {max(indexes):.0f}"
        )
    lines.append(
        f"Goal (performance {GOAL_SCORE} on every page, timeline FCP within "
        f"{GOAL_FCP_RATIO} x the home page's): {'met' if met else 'NOT met'}"
    )
    return "\n".join(lines) + "\n", met


def install_lighthouse() -> None:
    """`npm ci` in bench/ unless bench/node_modules/ holds what bench/package-lock.json pins."""
    lock = (BENCH / "package-lock.json").read_bytes()
    stamp = BENCH / "node_modules" / ".installed"
    digest = hashlib.sha256(lock).hexdigest()
    if LIGHTHOUSE.exists() and stamp.is_file() and stamp.read_text().strip() == digest:
        return
    print("bench: installing Lighthouse (npm ci in bench/)", file=sys.stderr)
    command = ["npm", "ci", "--ignore-scripts", "--no-audit", "--no-fund", "--loglevel=error"]
    try:
        subprocess.run(command, cwd=BENCH, check=True)
    except (OSError, subprocess.CalledProcessError) as error:
        sys.exit(f"could not install Lighthouse in {BENCH} ({error}); is npm installed?")
    stamp.write_text(digest + "\n")


def lighthouse_version() -> str:
    package = BENCH / "node_modules" / "lighthouse" / "package.json"
    return json.loads(package.read_text(encoding="utf-8"))["version"]


def main(argv: list[str] | None = None) -> int:
    """Build, serve with gzip, run Lighthouse on every page, print and write the report."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3, help="runs per page (default 3)")
    args = parser.parse_args(argv)
    install_lighthouse()
    if not os.access(CHROMIUM, os.X_OK):
        sys.exit(f"{CHROMIUM} not found; run scripts/setup --test (apt-get install chromium)")
    timeline_pages = [page for page, has in budgets.source_pages(ROOT / "docs").items() if has]
    with tempfile.TemporaryDirectory(prefix="bench-lighthouse-") as tmp:
        site_dir = Path(tmp, "site")
        build_site(site_dir)
        before = os.getloadavg()[0]
        with Server(site_dir, site_prefix(), gzip=True) as server:
            urls = {page: page_url(server.url, page) for page in built_pages(site_dir)}
            rows = measure(urls, args.runs)
        load = f"{before:.1f} / {os.getloadavg()[0]:.1f}"
    report, met = render(rows, timeline_pages, args.runs, load)
    print(report, end="")
    REPORT.parent.mkdir(exist_ok=True)
    REPORT.write_text(report, encoding="utf-8")
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
