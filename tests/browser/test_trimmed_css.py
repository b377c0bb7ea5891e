"""Trimming Material's stylesheets (hooks/theme_css.py) changes nothing a reader sees.

Every page is opened twice in Chromium, in the built site and in a copy of it with Material's
untrimmed stylesheets put back, in both palettes at 1280 px and in the light one at 390 px
(the phone layout); the computed style of every element (and of its ::before and ::after)
must be the same. The home page is compared again with search results open, which
Material's scripts draw.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from harness import Server, open_in, site_prefix

# For each element (in document order): a short path to name it, and a digest of its computed
# style, ::before and ::after included (a pseudo-element without content only counts as such).
# Custom properties (--md-…) are left out: they draw nothing themselves, and what they do
# shows in the properties that use them. Each distinct style is digested once, natively
# (SHA-256 of the browser's crypto.subtle: hashing every style in script took most of the
# test's time on the timeline page).
# Transitions are switched off in both sites first so that no value is caught mid-way.
STYLES = """
async () => {
  const root = getComputedStyle(document.documentElement);
  const names = [];
  for (let i = 0; i < root.length; i++) if (!root[i].startsWith('--')) names.push(root[i]);
  const style = (element, pseudo) => {
    const computed = getComputedStyle(element, pseudo);
    if (pseudo && ['none', 'normal'].includes(computed.content)) return pseudo + ':none';
    let text = '';
    for (const name of names) text += name + ':' + computed.getPropertyValue(name) + ';';
    return text;
  };
  const name = (element) => {
    const parts = [];
    for (let node = element; node && node.nodeType === 1 && parts.length < 4; node = node.parentElement) {
      parts.unshift(node.tagName.toLowerCase() + (node.id ? '#' + node.id : '')
        + (node.classList.length ? '.' + [...node.classList].join('.') : ''));
    }
    return parts.join(' > ');
  };
  const styles = new Map();  // style -> its number
  const found = [];
  for (const element of document.querySelectorAll('*')) {
    const text = style(element, null) + '|' + style(element, '::before') + '|' + style(element, '::after');
    if (!styles.has(text)) styles.set(text, styles.size);
    found.push([name(element), styles.get(text)]);
  }
  const encoder = new TextEncoder();
  const digests = await Promise.all([...styles.keys()].map(async (text) => {
    const bytes = new Uint8Array(await crypto.subtle.digest('SHA-256', encoder.encode(text)));
    return [...bytes.slice(0, 16)].map((b) => b.toString(16).padStart(2, '0')).join('');
  }));
  return found.map(([element, number]) => [element, digests[number]]);
}
"""

DETAIL = """
([index, pseudo]) => {
  const element = document.querySelectorAll('*')[index];
  const computed = getComputedStyle(element, pseudo);
  const out = {};
  for (let i = 0; i < computed.length; i++) {
    if (!computed[i].startsWith('--')) out[computed[i]] = computed.getPropertyValue(computed[i]);
  }
  return out;
}
"""

NO_TRANSITIONS = "*,*::before,*::after{transition:none!important;animation:none!important}"


@pytest.fixture(scope="module")
def untrimmed_site(served_site, tmp_path_factory):
    """A copy of the built site with Material's own stylesheets, served like the site."""
    import material

    copy = tmp_path_factory.mktemp("untrimmed") / "site"
    shutil.copytree(served_site.directory, copy)
    theme = Path(material.__file__).parent / "templates" / "assets" / "stylesheets"
    stylesheets = copy / "assets" / "stylesheets"
    replaced = 0
    for pattern in ("main.*.min.css", "palette.*.min.css"):
        for built in stylesheets.glob(pattern):
            shutil.copyfile(theme / built.name, built)
            replaced += 1
    assert replaced == 2, "Material's main and palette stylesheets not found in the built site"
    with Server(copy, site_prefix()) as server:
        yield server


def computed_styles(browser, server, path, state, view):
    """The page's STYLES in `state` ("load" or "search"), and the page for a closer look."""
    opened = open_in(browser, server, path, **view)
    assert opened.status == 200, f"{path}: HTTP {opened.status}"
    page = opened.page
    page.add_style_tag(content=NO_TRANSITIONS)
    if state == "search":
        page.keyboard.press("/")
        page.keyboard.type("court")
        page.locator(".md-search-result__item").first.wait_for()
    return page.evaluate(STYLES), opened


def first_difference(ours, theirs, index) -> str:
    """What differs in the computed style of element `index` of two opened pages."""
    for pseudo in (None, "::before", "::after"):
        mine = ours.page.evaluate(DETAIL, [index, pseudo])
        other = theirs.page.evaluate(DETAIL, [index, pseudo])
        changed = sorted(k for k in mine.keys() | other.keys() if mine.get(k) != other.get(k))
        if changed:
            shown = "; ".join(f"{k}: {other.get(k)!r} -> {mine.get(k)!r}" for k in changed[:8])
            return f"{pseudo or 'element'}: {shown}"
    return "(the same on a second look)"


CASES = [
    pytest.param({"width": 1280, "scheme": "light"}, id="1280-light"),
    pytest.param({"width": 1280, "scheme": "dark"}, id="1280-dark"),
    pytest.param({"width": 390, "scheme": "light"}, id="390-light"),
]


@pytest.mark.browser
@pytest.mark.parametrize("view", CASES)
def test_every_element_looks_the_same_with_the_trimmed_stylesheets(
    browser, served_site, untrimmed_site, site_page, view
):
    compare(browser, served_site, untrimmed_site, site_page, "load", view)


@pytest.mark.browser
def test_search_results_look_the_same_with_the_trimmed_stylesheets(
    browser, served_site, untrimmed_site
):
    compare(browser, served_site, untrimmed_site, "", "search", {"width": 1280, "scheme": "dark"})


def compare(browser, trimmed_server, untrimmed_server, path, state, view):
    ours, opened = computed_styles(browser, trimmed_server, path, state, view)
    try:
        theirs, untrimmed = computed_styles(browser, untrimmed_server, path, state, view)
        try:
            assert [n for n, _ in ours] == [n for n, _ in theirs], (
                f"{path}: the pages differ in elements"
            )
            differing = [
                i for i, (a, b) in enumerate(zip(ours, theirs, strict=True)) if a[1] != b[1]
            ]
            assert not differing, (
                f"{path or '/'} ({state}, {view}): {len(differing)} elements styled differently; "
                f"first: {ours[differing[0]][0]}: {first_difference(opened, untrimmed, differing[0])}"
            )
        finally:
            untrimmed.context.close()
    finally:
        opened.context.close()
