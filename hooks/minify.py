"""MkDocs hook: the site's own CSS and JavaScript reach readers minified.

The sources in overrides/assets/ stay commented and readable; what readers download is
smaller (each page has a byte budget, see scripts/page_budgets.py):

- the stylesheets and scripts the templates inline pass through the Jinja filters `cssmin`
  (rcssmin) and `jsmin` (rjsmin);
- the site's own scripts (overrides/assets/javascripts/*.js, and the timeline's from the
  mkdocs_timeline package) are minified in the built site
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
    from mkdocs_timeline.render import TEMPLATES  # the timeline's script, package data

    folders = [TEMPLATES] + ([Path(config.theme.custom_dir)] if config.theme.custom_dir else [])
    sources = [s for folder in folders for s in (folder / "assets" / "javascripts").glob("*.js")]
    for source in sorted(sources, key=lambda path: path.name):
        built = Path(config.site_dir) / "assets" / "javascripts" / source.name
        if built.is_file():
            built.write_text(jsmin(source.read_text(encoding="utf-8")), encoding="utf-8")
