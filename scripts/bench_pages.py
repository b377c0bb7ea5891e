"""Benchmark every page of the site in Chromium, against the page-weight budgets.

    .venv/bin/python scripts/bench_pages.py [--runs 5]

Builds the site (strict; SOURCE_DATE_EPOCH from the last commit unless set) into a temporary
folder and times the build; serves it on 127.0.0.1 under the path of site_url, as GitHub
Pages does (the 404 page links to absolute paths); loads every page (each index.html and
404.html) --runs times, each in a new browser context (cold cache), until the network is
idle. Requests to other hosts are recorded and aborted. Prints a Markdown table, writes it to
reports/bench-pages.md, and exits 1 if a page is over a budget (scripts/page_budgets.py).

Requests and bytes are the largest of the runs (they are the same in every run unless
something is wrong); FCP and LCP are medians. The test server does not compress, so "gzip" is
gzip -9 of each response body computed here. KB = 1000 bytes. Debian's Chromium only
(/usr/bin/chromium); never a browser downloaded by Playwright.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent))
import page_budgets as budgets
from chromium import CHROMIUM, CHROMIUM_ARGS
from served import Server, site_prefix

ROOT = Path(__file__).resolve().parents[1]
REPORT = ROOT / "reports" / "bench-pages.md"
# Runs in the page after load: the first-contentful-paint and the last
# largest-contentful-paint entry (ms since navigation start), from buffered observers.
PAINT_TIMINGS = """() => {
  const observe = (type, pick) => new Promise(resolve => {
    try {
      new PerformanceObserver(list => resolve(pick(list.getEntries())))
        .observe({ type, buffered: true });
    } catch (e) { resolve(null); }
    setTimeout(() => resolve(null), 2000);
  });
  return Promise.all([
    observe("paint", es => (es.find(e => e.name === "first-contentful-paint") || {}).startTime ?? null),
    observe("largest-contentful-paint", es => es.length ? es[es.length - 1].startTime : null),
  ]);
}"""


def source_date_epoch() -> dict[str, str]:
    """SOURCE_DATE_EPOCH as set, else the last commit's time, else none (as scripts/check)."""
    if os.environ.get("SOURCE_DATE_EPOCH"):
        return {"SOURCE_DATE_EPOCH": os.environ["SOURCE_DATE_EPOCH"]}
    result = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=ROOT, capture_output=True,
                            text=True, check=False)  # fmt: skip
    last = result.stdout.strip()
    return {"SOURCE_DATE_EPOCH": last} if last else {}


def build_site(site_dir: Path) -> float:
    """Build the site in strict mode into `site_dir`, in its own process; return the seconds taken."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", **source_date_epoch())
    command = [
        sys.executable,
        "-m",
        "mkdocs",
        "build",
        "--strict",
        "--quiet",
        "--site-dir",
        str(site_dir),
    ]
    started = time.perf_counter()
    subprocess.run(command, cwd=ROOT, env=env, check=True)
    return time.perf_counter() - started


def built_pages(site_dir: Path) -> list[str]:
    """Every page of the build (each index.html, and 404.html), as paths in `site_dir`."""
    pages = sorted(p.relative_to(site_dir).as_posix() for p in site_dir.rglob("index.html"))
    if (site_dir / "404.html").is_file():
        pages.append("404.html")
    return pages


def page_url(base: str, page: str) -> str:
    """The address a reader opens for a built page: directory URLs, 404.html as is."""
    return base + page.removesuffix("index.html")


def load_once(browser, url: str, own: str) -> dict:
    """Load `url` in a new context (cold cache) until network idle; return what it cost."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    other_hosts: list[str] = []
    context.route(re.compile(r"^(?!" + re.escape(own) + ")"),
                  lambda route: (other_hosts.append(route.request.url), route.abort()))  # fmt: skip
    try:
        page = context.new_page()
        requests = []
        page.on("request", lambda request: requests.append(request))
        page.goto(url, wait_until="networkidle")
        fcp, lcp = page.evaluate(PAINT_TIMINGS)
        files, broken = [], []  # (URL, raw bytes, gzip bytes); URLs that failed
        for request in requests:
            response = request.response()
            if not request.url.startswith(own):
                continue
            if response is None or not response.ok:
                broken.append(request.url)
                continue
            body = response.body()
            files.append((request.url.removeprefix(own), len(body), budgets.gzip_size(body)))
        return {
            "requests": len(requests),
            "other_hosts": other_hosts,
            "broken": broken,
            "raw": sum(raw for _, raw, _ in files),
            "gzip": sum(gz for _, _, gz in files),
            "fcp": fcp,
            "lcp": lcp,
            "files": files,
        }
    finally:
        context.close()


def measure(browser, base: str, page: str, runs: int, timeline: bool) -> dict:
    """Load one page `runs` times; worst requests and bytes, median FCP and LCP, verdict."""
    own = urlsplit(base)._replace(path="/").geturl()  # http://127.0.0.1:port/
    loads = [load_once(browser, page_url(base, page), own) for _ in range(runs)]
    worst = max(loads, key=lambda load: (load["requests"], load["gzip"]))
    other_hosts = sorted({url for load in loads for url in load["other_hosts"]})
    broken = sorted({url for load in loads for url in load["broken"]})
    found = budgets.failures(gzip_bytes=max(load["gzip"] for load in loads),
                             requests=worst["requests"],
                             other_hosts=max(len(load["other_hosts"]) for load in loads),
                             timeline=timeline)  # fmt: skip
    if broken:
        found.append(f"{len(broken)} failed request(s)")

    def median(key: str) -> float | None:
        values = [load[key] for load in loads if load[key] is not None]
        return statistics.median(values) if values else None

    return {
        "page": page,
        "requests": worst["requests"],
        "raw": max(load["raw"] for load in loads),
        "gzip": max(load["gzip"] for load in loads),
        "fcp": median("fcp"),
        "lcp": median("lcp"),
        "timeline": timeline,
        "other_hosts": other_hosts,
        "broken": broken,
        "files": worst["files"],
        "failures": found,
    }


def render(results: list[dict], build_seconds: float, runs: int) -> str:
    """The report: a Markdown table of every page, the budgets, the build time and notes."""

    def ms(value: float | None) -> str:
        return "–" if value is None else f"{value:.0f}"

    lines = [
        "# Page weight and speed",
        "",
        f"Every page loaded {runs} times in Chromium, each time with a cold cache (a new browser "
        "context), until the network is idle.",
        "Requests and bytes: the largest of the runs, all requests counted (the page itself, "
        "and any to other hosts, which are aborted). FCP and LCP: medians (First / Largest "
        "Contentful Paint, ms after navigation start).",
        "gzip: gzip -9 of each response body, computed by the benchmark (the test server does "
        "not compress). KB = 1000 bytes.",
        f"Budgets: gzip total under {budgets.PAGE_BUDGET // budgets.KB} KB; a timeline page's "
        f"bytes beyond the lightest plain page at most {budgets.TEXT_FACTOR} x its events' text "
        f"+ {budgets.CONTROLS_BUDGET // budgets.KB} KB (weighed from the built files, as "
        f"tests/site/test_page_weight.py does); at most {budgets.MAX_REQUESTS} requests; "
        f"{budgets.MAX_OTHER_HOST_REQUESTS} requests to other hosts.",
        "",
        "| page | requests | raw KB | gzip KB | budget | FCP ms | LCP ms | pass/fail |",
        "|---|--:|--:|--:|--:|--:|--:|---|",
    ]
    for r in results:
        verdict = "pass" if not r["failures"] else "FAIL: " + "; ".join(r["failures"])
        lines.append(
            f"| {page_label(r['page'])} | {r['requests']} | {r['raw'] / budgets.KB:.1f} "
            f"| {r['gzip'] / budgets.KB:.1f} | {r['budget']} "
            f"| {ms(r['fcp'])} | {ms(r['lcp'])} | {verdict} |"
        )
    failed = [r for r in results if r["failures"]]
    lines += ["", f"Build (mkdocs build --strict, own process, start-up included): {build_seconds:.2f} s",
              f"Result: {len(results) - len(failed)} of {len(results)} pages within budget."]  # fmt: skip
    for r in results:
        if r["other_hosts"]:
            lines += ["", f"Requests to other hosts from {page_label(r['page'])}:"]
            lines += [f"- {url}" for url in r["other_hosts"]]
        if r["broken"]:
            lines += ["", f"Failed requests from {page_label(r['page'])}:"]
            lines += [f"- {url}" for url in r["broken"]]
    for r in failed:
        lines += ["", f"What {page_label(r['page'])} loads (KB raw / gzip):"]
        lines += [
            f"- /{url}: {raw / budgets.KB:.1f} / {gz / budgets.KB:.1f}"
            for url, raw, gz in r["files"]
        ]
    return "\n".join(lines) + "\n"


def weigh_growth(results: list[dict], site_dir: Path, prefix: str) -> None:
    """Give each result its budget, in words; judge each timeline page by how it grows
    (scripts/page_budgets.py, `growth`), from the built files."""
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")  # Material's banner, on loading the config
    pages = budgets.source_pages(ROOT / "docs")
    plain = budgets.plain_page(site_dir, pages, prefix)
    timelines = budgets.page_timelines(ROOT / "mkdocs.yml")
    for r in results:
        r["budget"] = f"{budgets.PAGE_BUDGET / budgets.KB:.0f} KB"
        if r["page"] in timelines:
            timeline = timelines[r["page"]]
            growth = budgets.growth(site_dir, r["page"], plain, budgets.event_text(timeline),
                                    timeline.count, prefix)  # fmt: skip
            r["budget"] = (
                f"{growth.extra / budgets.KB:.1f} of {growth.budget / budgets.KB:.1f} KB beyond {page_label(plain)}"
            )
            r["failures"] += growth.failures()


def page_label(page: str) -> str:
    """A page as its path in the site: / for the home page, relationship/, 404.html."""
    return "/" + page.removesuffix("index.html")


def main(argv: list[str] | None = None) -> int:
    """Build, serve, measure every page, print and write the report; 1 if over a budget."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="loads per page (default 5)")
    args = parser.parse_args(argv)
    if not os.access(CHROMIUM, os.X_OK):
        sys.exit(f"{CHROMIUM} not found; run scripts/setup --test (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    timeline_pages = {page for page, has in budgets.source_pages(ROOT / "docs").items() if has}
    prefix = site_prefix()
    with tempfile.TemporaryDirectory(prefix="bench-pages-") as tmp:
        site_dir = Path(tmp, "site")  # served under the prefix, as on GitHub Pages
        build_seconds = build_site(site_dir)
        with Server(site_dir, prefix) as server, sync_playwright() as playwright:
            base = server.url
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            try:
                results = [measure(browser, base, page, args.runs, page in timeline_pages)
                           for page in built_pages(site_dir)]  # fmt: skip
            finally:
                browser.close()
        weigh_growth(results, site_dir, prefix)
    report = render(results, build_seconds, args.runs)
    print(report, end="")
    REPORT.parent.mkdir(exist_ok=True)
    REPORT.write_text(report, encoding="utf-8")
    return 1 if any(r["failures"] for r in results) else 0


if __name__ == "__main__":
    sys.exit(main())
