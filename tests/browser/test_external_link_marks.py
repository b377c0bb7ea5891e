"""Links in a page's content that lead to another host carry rel="noopener" and are marked as
external for every reader: a mark to see (CSS ::after) and words to hear (their accessible
name, as Chromium computes it for screen readers, says "external link").

Material's edit/view icon buttons and the ¶ permalinks are theme chrome, not content.
"""

from __future__ import annotations

import pytest
from harness import page_id

pytestmark = pytest.mark.browser

EXTERNAL_LINKS = """() => [...document.querySelectorAll('article.md-content__inner a[href]')]
  .filter(a => !a.matches('.md-content__button, .headerlink'))
  .filter(a => /^https?:$/.test(a.protocol) && a.host !== location.host)
  .map(a => (a.setAttribute('data-quality-external', ''), {
    href: a.getAttribute('href'),
    text: a.textContent.trim().slice(0, 50),
    rel: [...a.relList],
    mark: getComputedStyle(a, '::after').content,
  }))"""


def accessible_names(page) -> list[str]:
    """The accessible name Chromium gives each link marked `data-quality-external`, in
    document order: what a screen reader announces."""
    cdp = page.context.new_cdp_session(page)
    try:
        cdp.send("DOM.enable")
        cdp.send("Accessibility.enable")
        root = cdp.send("DOM.getDocument", {"depth": 0})["root"]["nodeId"]
        nodes = cdp.send(
            "DOM.querySelectorAll", {"nodeId": root, "selector": "[data-quality-external]"}
        )["nodeIds"]
        names = []
        for node in nodes:
            tree = cdp.send(
                "Accessibility.getPartialAXTree", {"nodeId": node, "fetchRelatives": False}
            )
            name = next(
                (n.get("name", {}).get("value", "") for n in tree["nodes"] if not n.get("ignored")),
                "",
            )
            names.append(name)
        return names
    finally:
        cdp.detach()


@pytest.mark.parametrize("width", [1280, 390])
def test_external_links_carry_noopener_and_are_marked(open_page, site_page, width):
    opened = open_page(site_page, width=width)
    page = opened.page
    links = page.evaluate(EXTERNAL_LINKS)
    if not links:
        pytest.skip(f"{page_id(site_page)} links to no other host")
    names = accessible_names(page)

    no_rel = [link for link in links if "noopener" not in link["rel"]]
    assert not no_rel, (
        f"{page_id(site_page)}: {len(no_rel)} links without rel=noopener: {no_rel[:3]}"
    )

    unmarked = [link for link in links if link["mark"] in ("none", "normal", '""', "")]
    assert not unmarked, (
        f"{page_id(site_page)}: {len(unmarked)} external links without a visible mark: {unmarked[:3]}"
    )

    assert len(names) == len(links)
    unspoken = [
        (link["href"], name)
        for link, name in zip(links, names, strict=True)
        if "external link" not in name.lower()
    ]
    assert not unspoken, (
        f"{page_id(site_page)}: {len(unspoken)} external links whose accessible name does not "
        f"say so, e.g. {unspoken[:3]}"
    )
    assert not opened.watch.problems(), "\n".join(opened.watch.problems())
