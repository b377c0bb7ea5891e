#!/usr/bin/env python3
"""Make the site's social card: docs/assets/images/social-card.png, 1200 × 630 pixels.

The picture a link preview shows (Open Graph `og:image`, Twitter `twitter:image`; see
overrides/partials/social-meta.html). It is made once and committed, so builds need neither
this script nor a browser; run it again after changing the site's name or description:

    .venv/bin/python scripts/social_card.py

It draws an HTML card in Debian's Chromium (never a browser downloaded by Playwright) with the
site's name and description from mkdocs.yml and the logo icon (Material Design Icons'
scale-balance, Apache-2.0, as in the header).
"""

from __future__ import annotations

import html
import os
import sys
from pathlib import Path

from chromium import CHROMIUM, CHROMIUM_ARGS  # scripts/chromium.py, beside this script

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "assets" / "images" / "social-card.png"
WIDTH, HEIGHT = 1200, 630
ICON = (
    "M12 3c-1.27 0-2.4.8-2.82 2H3v2h1.95L2 14c-.47 2 1 3 3.5 3s4.06-1 3.5-3L6.05 7h3.12c.33.85"
    ".98 1.5 1.83 1.83V20H2v2h20v-2h-9V8.82c.85-.32 1.5-.97 1.82-1.82h3.13L15 14c-.47 2 1 3 3.5 "
    "3s4.06-1 3.5-3l-2.95-7H21V5h-6.17C14.4 3.8 13.27 3 12 3m0 2a1 1 0 0 1 1 1 1 1 0 0 1-1 1 1 1"
    " 0 0 1-1-1 1 1 0 0 1 1-1m-6.5 5.25L7 14H4zm13 0L20 14h-3z"
)

CARD = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><style>
  html, body {{ margin: 0; width: {width}px; height: {height}px; }}
  body {{ box-sizing: border-box; padding: 72px 88px; background: #303f9f; color: #fff;
         font-family: "DejaVu Sans", "Liberation Sans", sans-serif;
         display: flex; flex-direction: column; justify-content: space-between; }}
  .top {{ display: flex; align-items: center; gap: 28px; }}
  svg {{ width: 96px; height: 96px; fill: #fff; flex: none; }}
  h1 {{ margin: 0; font-size: 76px; font-weight: 700; letter-spacing: -1px; }}
  p {{ margin: 0; font-size: 34px; line-height: 1.35; color: #e8eaf6; max-width: 1000px; }}
  .rule {{ height: 8px; width: 160px; background: #8c9eff; }}
</style></head><body>
  <div class="top"><svg viewBox="0 0 24 24" aria-hidden="true"><path d="{icon}"/></svg>
  <h1>{name}</h1></div>
  <p>{description}</p>
  <div class="rule"></div>
</body></html>
"""


def main() -> int:
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    from mkdocs.config import load_config
    from playwright.sync_api import sync_playwright

    config = load_config(config_file=str(ROOT / "mkdocs.yml"))
    page_html = CARD.format(
        width=WIDTH,
        height=HEIGHT,
        icon=ICON,
        name=html.escape(config.site_name),
        description=html.escape(config.site_description or ""),
    )
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": WIDTH, "height": HEIGHT})
        page.set_content(page_html, wait_until="load")
        page.screenshot(path=str(OUT), clip={"x": 0, "y": 0, "width": WIDTH, "height": HEIGHT})
        browser.close()
    print(f"wrote {OUT.relative_to(ROOT)} ({OUT.stat().st_size} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
