"""MkDocs hook: the site's own CSS and JavaScript reach readers minified.

The sources in overrides/assets/ stay commented and readable; what readers download is
smaller (each page has a byte budget, see scripts/page_budgets.py):

- the stylesheets and scripts the templates inline pass through the Jinja filters `cssmin`
  (rcssmin) and `jsmin` (rjsmin);
- the site's own scripts (overrides/assets/javascripts/*.js) are minified in the built site
  after the build (rjsmin). Material's files are minified already and are left alone.

Both minifiers are deterministic, so builds stay byte-identical.
"""

from __future__ import annotations

from pathlib import Path

import rcssmin
import rjsmin


def cssmin(text: str) -> str:
    """CSS without comments and needless white space."""
    return rcssmin.cssmin(str(text))


def jsmin(text: str) -> str:
    """JavaScript without comments and needless white space."""
    return rjsmin.jsmin(str(text))


def on_env(env, *, config, files):
    """Make `{% filter cssmin %}` and `{% filter jsmin %}` available to the templates."""
    env.filters["cssmin"] = cssmin
    env.filters["jsmin"] = jsmin
    return env


def on_post_build(*, config):
    """Minify the site's own scripts where the build copied them."""
    custom_dir = config.theme.custom_dir
    if not custom_dir:
        return
    sources = Path(custom_dir) / "assets" / "javascripts"
    for source in sorted(sources.glob("*.js")):
        built = Path(config.site_dir) / "assets" / "javascripts" / source.name
        if built.is_file():
            built.write_text(jsmin(source.read_text(encoding="utf-8")), encoding="utf-8")
