"""The plugin's settings, as written under `- timeline:` in mkdocs.yml."""

from __future__ import annotations

from mkdocs.config.base import Config
from mkdocs.config.config_options import ListOfItems, SubConfig, Type


class SectionsConfig(Config):
    """`sections:` events may name `##` sections of one page of the site."""

    # The page (under docs/) whose `##` headings events name, e.g. recommendations.md
    page = Type(str, default="")
    # The event key that lists the section ids (its documented name in the data format)
    key = Type(str, default="recommendations")
    # Heads the list on an event ("s" is added for more than one); the section page gets,
    # at the end of each section an event names, a list of those events
    label = Type(str, default="Related section")
    # A file under data_dir giving sections a status, the day it was checked, a reading and
    # the events it rests on; the page then gets a summary table and, under each heading,
    # that section's status ("" for none)
    status_file = Type(str, default="")
    # What one section is, for readers of the summary table, such as "recommendation"
    noun = Type(str, default="section")


class KindConfig(Config):
    """One kind of event under `kinds:` (a data file's own `kinds:` list wins)."""

    id = Type(str)
    label = Type(str)
    description = Type(str, default="")
    colour = Type(str, default="")  # a CSS hex colour such as "#1e88e5"


class TimelineConfig(Config):
    """Settings of the timeline plugin."""

    enabled = Type(bool, default=True)

    # Where the data files named by pages' `timeline:` front matter live (from mkdocs.yml's folder)
    data_dir = Type(str, default="data")

    # Whether every event must give `evidence`: the source that states its date, and an excerpt
    require_evidence = Type(bool, default=False)

    # A YAML file under data_dir whose `primary:` list names the hosts of primary publishers
    # (e.g. "source-quality.yml"): a `type: primary` source on any other host is a warning
    # (which fails a strict build) until the host is listed or the source says
    # `confirmed: true`. Empty: no list, no warning
    primary_publishers = Type(str, default="")

    # Settings for exports: TimelineJS JSON and CSV (and iCalendar), written under this folder
    exports = Type(bool, default=True)
    exports_dir = Type(str, default="exports")

    # The Atom feed of every timeline's events, at this path of the site ("" for none);
    # written only when `site_url` is set (a feed's ids must be absolute URLs), like the
    # iCalendar file `<exports_dir>/<name>.ics`
    feed = Type(str, default="feed.xml")

    # The Atom feed of changes (events added, corrected, withdrawn), at this path ("" for
    # none); written, like the feed, only when `site_url` is set. A page with the line
    # `<!-- timeline-changes -->` lists the same changes month by month ("What's new")
    changes_feed = Type(str, default="changes.xml")

    # Linking events to `##` sections of another page (see SectionsConfig); none by default
    sections = SubConfig(SectionsConfig)

    # The kinds of event, when the data files do not declare their own `kinds:`; with none
    # anywhere, any URL-safe kind is allowed and labelled from its id
    kinds = ListOfItems(SubConfig(KindConfig), default=[])

    # Whether the timeline links its stylesheet and script itself (the default: any theme
    # gets a styled, working timeline). Set it to false when the theme's templates bring
    # them: the `timeline_css` template variable holds the stylesheet with the kinds'
    # colours, `assets/javascripts/timeline.js` the script
    link_assets = Type(bool, default=True)
