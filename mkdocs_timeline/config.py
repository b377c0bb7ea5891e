"""The plugin's settings, as written under `- timeline:` in mkdocs.yml."""

from __future__ import annotations

from mkdocs.config.base import Config
from mkdocs.config.config_options import Type


class TimelineConfig(Config):
    """Settings of the timeline plugin."""

    enabled = Type(bool, default=True)

    # Where the data files named by pages' `timeline:` front matter live (from mkdocs.yml's folder)
    data_dir = Type(str, default="data")

    # Whether every event must give `evidence`: the source that states its date, and an excerpt
    require_evidence = Type(bool, default=False)

    # Settings for exports: TimelineJS JSON and CSV (and iCalendar), written under this folder
    exports = Type(bool, default=True)
    exports_dir = Type(str, default="exports")

    # The Atom feed of every timeline's events, at this path of the site ("" for none);
    # written only when `site_url` is set (a feed's ids must be absolute URLs), like the
    # iCalendar file `<exports_dir>/<name>.ics`
    feed = Type(str, default="feed.xml")

    # Settings for recommendations: the page whose `##` headings events may name
    recommendations_page = Type(str, default="task-force-recommendations.md")
