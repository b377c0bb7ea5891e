"""All markup of the timeline, rendered from the model with the package's templates.

The templates live in `templates/` (package data) under the names a theme may override
them by (`partials/timeline.html`, `assets/stylesheets/timeline.css`, ...): a loader the
builder gives (a theme's custom_dir) is searched first, the package's folder last.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from jinja2 import (
    BaseLoader,
    ChoiceLoader,
    Environment,
    FileSystemLoader,
    Template,
    TemplateNotFound,
)
from jinja2.ext import Extension
from markupsafe import Markup

from .errors import TimelineError
from .model import Kind
from .overview import layout

TEMPLATES = Path(__file__).parent / "templates"
PAGE = "partials/timeline.html"
OVERVIEW = "partials/timeline-overview.html"  # included by PAGE
RELATED = "partials/timeline-related.html"
SOURCES = "partials/timeline-sources.html"
CHANGES = "partials/timeline-changes.html"
EXPORT_TEXT = "exports/timelinejs-text.html"  # an event's text in the TimelineJS exports
FEED_ENTRY = "exports/feed-entry.html"  # an Atom entry's HTML content
CHANGE_ENTRY = "exports/change-entry.html"  # an entry of the Atom feed of changes
STYLESHEET = "assets/stylesheets/timeline.css"
SCRIPT = "assets/javascripts/timeline.js"
ASSETS = (STYLESHEET, SCRIPT)
STATUS = "partials/timeline-status.html"
STATUS_TABLE = "partials/timeline-status-table.html"
STATUS_STYLESHEET = "assets/stylesheets/timeline-status.css"
STATUS_SCRIPT = "assets/javascripts/timeline-status.js"
STATUS_ASSETS = (STATUS_STYLESHEET, STATUS_SCRIPT)


class Dedent(Extension):
    """Loads a template with each line's leading white space and its blank lines removed:
    its source can be indented for its readers while the page gets compact, flush-left
    HTML. Templates under `exports/` (HTML inside an export's one-line field) have their
    lines joined without a break. Only the template's own text changes, never the values
    it inserts."""

    def preprocess(self, source: str, name: str | None, filename: str | None = None) -> str:
        if name and not name.endswith(".html"):
            return source
        joiner = "" if name and name.startswith("exports/") else "\n"
        return joiner.join(line.lstrip() for line in source.split("\n") if line.strip())


def package_loader(first: BaseLoader | None = None) -> BaseLoader:
    """`first` (a theme's loader), then the package's templates."""
    package = FileSystemLoader(str(TEMPLATES))
    return ChoiceLoader([first, package]) if first is not None else package


def kind_rules(kinds: list[Kind]) -> str:
    """The CSS that colours each kind (`--tl-kind`), from the kinds' declared colours."""
    return "".join(
        f'[data-kind="{kind.id}"]{{--tl-kind:{kind.colour}}}\n' for kind in kinds if kind.colour
    )


class Renderer:
    """Renders the timeline's parts; one per build (templates are compiled once)."""

    def __init__(self, loader: BaseLoader | None = None):
        self.env = Environment(
            loader=package_loader(loader), autoescape=True, extensions=[Dedent], cache_size=50
        )
        self.env.globals["overview_layout"] = layout  # partials/timeline-overview.html
        self._templates: dict[str, Template] = {}

    def source(self, name: str) -> str:
        """A template's text as the first loader that has it gives it (for static assets)."""
        try:
            return self.env.loader.get_source(self.env, name)[0]  # type: ignore[union-attr]
        except TemplateNotFound:
            raise TimelineError(
                name, [], f"no template '{name}' in the theme or the package"
            ) from None

    def template(self, name: str) -> Template:
        """A compiled template, the theme's own if it has one (compiled once per build)."""
        if name not in self._templates:
            try:
                self._templates[name] = self.env.get_template(name)
            except TemplateNotFound:
                raise TimelineError(
                    name, [], f"no template '{name}' in the theme or the package"
                ) from None
        return self._templates[name]

    def render(self, name: str, **context: Any) -> str:
        """One template rendered, without the white space around it."""
        return self.template(name).render(**context).strip()

    def stylesheet(self, kinds: list[Kind]) -> Markup:
        """The timeline's stylesheet with the kinds' colours after it."""
        return Markup(self.source(STYLESHEET).rstrip("\n") + "\n" + kind_rules(kinds))
