"""Without JavaScript, every page's main text is there and readable, at 1280 and 390 px.

"Readable": every piece of text in the article is rendered (not hidden, not transparent, not
zero-sized), at least 10 px, and inside the window (or in a box the reader can scroll, as
Material's wide tables); then axe checks contrast and the rest of WCAG A/AA on the page as
it looks without scripts. One load per page and layout: Chromium's scripting is left on for
axe alone, and the page's own scripts are refused by a Content-Security-Policy, so the page
is what a reader without JavaScript gets (the site has no <noscript> and no `scripting`
media query, the only parts that would tell the two apart).
"""

from __future__ import annotations

import pytest
from harness import NOT_FOUND, Watch, describe_violations, new_context, page_id, run_axe

WIDTHS = [1280, 390]  # the desktop and the phone layout

pytestmark = pytest.mark.browser

# Smallest text size: Material's smallest is code in tables (0.85 of 0.64rem, 10.9 px).
MIN_PX = 10

# Every text node of the article that is meant to be seen, and what is wrong with it.
UNREADABLE = """(MIN_PX) => {
  const article = document.querySelector('article.md-content__inner');
  if (!article) return {missing: 'article.md-content__inner'};
  const srOnly = el => {  // text for screen readers only, by the usual clip pattern
    const s = getComputedStyle(el), r = el.getBoundingClientRect();
    return r.width <= 1 && r.height <= 1 && (s.clip !== 'auto' || s.clipPath !== 'none' || s.overflow === 'hidden');
  };
  const scrolls = el => {
    for (let a = el; a && a !== article; a = a.parentElement) {
      const o = getComputedStyle(a).overflowX;
      if (o === 'auto' || o === 'scroll') return true;
    }
    return false;
  };
  const srOnlyMemo = new Map();
  const walker = document.createTreeWalker(article, NodeFilter.SHOW_TEXT);
  const bad = [];
  let count = 0, chars = 0;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.data.replace(/\\s+/g, ' ').trim();
    const el = node.parentElement;
    // Skipped: what is not text to read (scripts, hidden parts, closed details, an SVG's
    // <title>: a tooltip and accessible name, never drawn), and the permalink marks (¶)
    // Material shows on hover and focus only.
    if (!text || el.closest('script, style, template, [hidden], details:not([open]) > :not(summary), .headerlink, svg title')) continue;
    if (hiddenForEyes(el)) continue;
    count += 1; chars += text.length;
    const s = getComputedStyle(el);
    const range = document.createRange(); range.selectNodeContents(node);
    const r = range.getBoundingClientRect();
    const problems = [];
    if (!el.checkVisibility({opacityProperty: true, visibilityProperty: true})) problems.push('hidden');
    if (r.width === 0 || r.height === 0) problems.push('not rendered');
    if (parseFloat(s.fontSize) < MIN_PX) problems.push(`${s.fontSize} text`);
    if (/^rgba\\(.*,\\s*0\\)$|^transparent$/.test(s.color)) problems.push('transparent');
    if ((r.left < -1 || r.right > innerWidth + 1) && !scrolls(el)) problems.push(`outside the window (${Math.round(r.left)}–${Math.round(r.right)} px)`);
    if (problems.length) bad.push(`${problems.join(', ')}: "${text.slice(0, 60)}" in <${el.tagName.toLowerCase()} class="${el.className}">`);
  }
  return {count, chars, bad};
  // Whether el or an ancestor (inside the article) is for screen readers only, remembered
  // per element: the timeline page has thousands of text nodes in the same few boxes.
  function hiddenForEyes(el) {
    if (!el || el === article) return false;
    if (!srOnlyMemo.has(el)) srOnlyMemo.set(el, srOnly(el) || hiddenForEyes(el.parentElement));
    return srOnlyMemo.get(el);
  }
}"""


def refuse_scripts(route):
    """Serve documents with a policy that lets none of the page's own scripts run."""
    if route.request.resource_type == "document":
        response = route.fetch()
        headers = {**response.headers, "content-security-policy": "script-src 'none'"}
        route.fulfill(response=response, headers=headers)
    else:
        route.fallback()


@pytest.mark.parametrize("width", WIDTHS)
def test_without_javascript_the_text_is_readable_and_axe_finds_no_violation(
    browser, served_site, site_page, width, axe_report
):
    name = page_id(site_page)
    watch = Watch()  # the refused scripts are console errors: only other hosts count here
    context = new_context(
        browser,
        served_site.origin,
        watch,
        viewport={"width": width, "height": 900},
        reduced_motion="reduce",
    )
    try:
        context.route("**/*", refuse_scripts)  # tried first; falls back to the host guard
        page = context.new_page()
        response = page.goto(served_site.url + site_page, wait_until="load")
        assert response and response.status == 200, f"{name}: HTTP {response and response.status}"
        assert page.evaluate("document.documentElement.classList.contains('no-js')"), "scripts ran"

        found = page.evaluate(UNREADABLE, MIN_PX)
        assert "missing" not in found, f"{name}: no {found.get('missing')}"
        h1 = page.locator("article.md-content__inner h1").first
        assert h1.is_visible(), f"{name}: the page's heading is not visible"
        if site_page != NOT_FOUND:
            assert found["chars"] > 300, f"{name}: only {found['chars']} characters of text"
        assert not found["bad"], (
            f"{name} at {width} px without JavaScript: {len(found['bad'])} of "
            f"{found['count']} pieces of text cannot be read:\n" + "\n".join(found["bad"][:15])
        )
        scroll, window = page.evaluate(
            "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
        )
        assert scroll <= window, f"{name} is {scroll} px wide in a {window} px window"

        audit = run_axe(page)
        axe_report.add(site_page, width, "light", False, audit)
        violations = audit.get("violations", [])
        assert not violations, f"{name} at {width} px without JavaScript:\n" + describe_violations(
            violations
        )
        assert not watch.other_hosts, f"request to another host: {watch.other_hosts[0]}"
    finally:
        context.close()
