"""The keyboard alone, on every page, at 1280 and 390 px: the skip link is the first Tab stop
and takes the reader to the content, and focus is visible at every stop of the page (one
walk through the page per layout).

"Visible" is what a sighted keyboard user needs: the focused element (or, for a visually
hidden input, its label) is rendered, not transparent, inside the window, and marked: an
outline, or a change of its own colours, shadow, border or underline from its look before
it was focused. Animations get up to a second to finish (the skip link fades in).
"""

from __future__ import annotations

import pytest
from harness import page_id

WIDTHS = [1280, 390]  # the desktop and the phone layout

pytestmark = pytest.mark.browser

MAX_STOPS = 2000

# Before any Tab: how every focusable element looks unfocused, to compare with later.
REMEMBER = """() => {
  const looks = new WeakMap();
  const keys = ['color', 'backgroundColor', 'boxShadow', 'borderTopColor', 'borderBottomColor',
                'borderLeftColor', 'borderRightColor', 'textDecorationLine', 'textDecorationColor',
                'textDecorationThickness', 'outlineStyle', 'outlineWidth', 'opacity', 'transform'];
  const look = el => { const s = getComputedStyle(el); return keys.map(k => s[k]).join('|'); };
  for (const el of document.querySelectorAll(
      'a[href], button, input, select, textarea, summary, [tabindex], [contenteditable]')) {
    looks.set(el, look(el));
  }
  window.__focusCheck = {looks, look, seen: new WeakSet()};
}"""

# The focused element, and whether its focus can be seen (details when `report` is true);
# it is then remembered as seen.
FOCUS = """(report) => {
  const e = document.activeElement;
  if (!e || e === document.body || e === document.documentElement) return {end: 'body'};
  const {looks, look, seen} = window.__focusCheck;
  const describe = el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
    + (typeof el.className === 'string' && el.className.trim()
       ? '.' + el.className.trim().split(/\\s+/).filter(c => c !== 'focus-visible').join('.') : '')
    + (el.getAttribute('href') ? `[href="${el.getAttribute('href')}"]` : '');
  const state = el => {
    const s = getComputedStyle(el), r = el.getBoundingClientRect();
    const transparent = /^rgba\\(.*,\\s*0\\)$|^transparent$/.test(s.outlineColor);
    return {
      shown: el.checkVisibility({opacityProperty: true, visibilityProperty: true})
        && r.width > 0 && r.height > 0 && r.bottom > 0 && r.right > 0
        && r.top < innerHeight && r.left < innerWidth,
      outline: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0 && !transparent,
      changed: looks.has(el) && looks.get(el) !== look(el),
    };
  };
  let target = e, st = state(e);
  if (!st.shown && e.tagName === 'INPUT') {  // a hidden input shows focus on its label
    const label = [...(e.labels || []), e.nextElementSibling]
      .find(l => l && l.tagName === 'LABEL' && state(l).shown);
    if (label) { target = label; st = state(label); st.changed ||= state(e).outline; }
  }
  const ok = st.shown && (st.outline || st.changed);
  const again = seen.has(e);
  if (!ok && !report) return false;
  seen.add(e);  // a stop met again ends the walk (the focus went round)
  if (!report) return {ok, element: describe(e), again};
  return {ok, element: describe(e), again, ...st,
          shownAs: target === e ? '' : describe(target),
          text: (e.textContent || e.getAttribute('aria-label') || '').trim().slice(0, 40)};
}"""


# FOCUS, tried at every animation frame until the focus is visible, for at most a second;
# then with details of what is wrong. One call to the page per Tab stop.
FOCUS_WAIT = (
    """async () => {
  const focus = """
    + FOCUS
    + """;
  const deadline = performance.now() + 1000;
  for (;;) {
    const state = focus(false);
    if (state) return state;
    if (performance.now() > deadline) return focus(true);
    await new Promise((frame) => requestAnimationFrame(frame));
  }
}"""
)


def focus_state(page) -> dict:
    """The state of the focused element once it is visibly focused (or after a second)."""
    return page.evaluate(FOCUS_WAIT)


@pytest.mark.parametrize("width", WIDTHS)
def test_keyboard_alone_skip_link_first_and_focus_visible_at_every_stop(
    open_page, site_page, width
):
    page = open_page(site_page, width=width).page
    name = page_id(site_page)
    page.evaluate(REMEMBER)

    # The first Tab stop is the skip link, visibly focused, pointing into the content.
    page.keyboard.press("Tab")
    first = focus_state(page)
    assert "md-skip" in first.get("element", ""), (
        f"{name}: the first Tab stop is {first}, not the skip link"
    )
    assert first["ok"], f"{name}: the skip link's focus is not visible: {first}"
    target = page.evaluate("document.activeElement.hash.slice(1)")
    assert page.evaluate(
        "id => !!document.getElementById(id) && !!document.getElementById(id).closest('.md-content')",
        target,
    ), f"{name}: the skip link points to #{target}, which is not in the content"

    # Every further stop, to the end of the page, shows its focus.
    hidden, stops = [], 1
    for _ in range(MAX_STOPS):
        page.keyboard.press("Tab")
        state = focus_state(page)
        if state.get("end") or state.get("again"):
            break
        stops += 1
        if not state["ok"]:
            hidden.append(state)
    else:
        pytest.fail(f"{name}: more than {MAX_STOPS} Tab stops, or a focus trap")
    assert stops > 5, f"{name}: only {stops} Tab stops"
    assert not hidden, (
        f"{name} at {width} px: {len(hidden)} of {stops} Tab stops without visible "
        "focus:\n" + "\n".join(str(s) for s in hidden[:10])
    )

    # Followed, the skip link takes the next Tab into the content.
    page.locator("a.md-skip").focus()
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    assert page.evaluate("!!document.activeElement.closest('.md-content')"), (
        f"{name}: after the skip link, Tab went to "
        + page.evaluate("document.activeElement.outerHTML.slice(0, 120)")
    )
