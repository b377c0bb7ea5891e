"""MkDocs hook: readers download only the part of Material's stylesheets this site can use.

Material ships one stylesheet for every feature it offers (content tabs, Mermaid, blog
posts, tags, keys, twelve kinds of admonition...) and one palette file for its 21 colours.
That is about a third of what a page of this site weighs, and each page has a byte budget
(scripts/page_budgets.py). After each build this hook rewrites Material's `main.*.min.css`
and `palette.*.min.css` in the built site, always from the theme's own copy, and leaves out:

- selectors that need a class of a *content feature* (a Markdown extension or a template
  block: see `_FEATURE_CLASS`) that no built page uses. Those classes are written at build
  time, never by Material's JavaScript, so the built HTML says everything about them. A page
  that starts using one (say `!!! danger`) gets its styles back on the next build;
- selectors for the version selector (drawn by JavaScript) when `extra.version` is not set;
- selectors for palette colours that neither `theme.palette` nor a built page names;
- `--md-…` custom properties holding icons (`url("data:…")`) that no remaining rule uses.

Selectors inside `:not()`, `:is()`, `:where()` and `:has()` never count as needs, so a
selector is only dropped when it cannot match any element of any built page. What remains is
Material's text, rule for rule (parsed and written back with tinycss2), so builds stay
byte-identical. File names are kept: Material's hash names its release, and the trimmed
file changes only when the set of used features does (GitHub Pages caches for 10 minutes).
tests/browser/test_trimmed_css.py compares every element's computed style with and without it.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import tinycss2
from mkdocs.exceptions import PluginError

# Classes that only Markdown extensions and Material's templates write (never its scripts;
# not `md-tag`, which its search results draw for pages with tags).
_ADMONITION_TYPES = (
    "note abstract summary tldr info todo tip hint important success check done question "
    "help faq warning caution attention failure fail missing danger error bug example quote cite"
).split()
_FEATURE_CLASS = re.compile(
    r"tabbed-[\w-]+|mermaid|md-post[\w-]*|md-social[\w-]*|md-banner[\w-]*"
    r"|md-status[\w-]*|keys|critic[\w-]*|grid|task-list[\w-]*|arithmatex"
)
# An admonition type is a class only next to an admonition (`.admonition.bug`, `.bug>summary`).
_ADMONITION_CONTEXT = re.compile(r"\.admonition|details|summary")
_VERSION_CLASS = re.compile(r"md-version[\w-]*")

_CLASS = re.compile(r"\.(-?[_a-zA-Z][\w-]*)")
_COLOUR = re.compile(r"\[data-md-color-(primary|accent)=[\"']?([\w-]+)")
_OPTIONAL = re.compile(r":(?:not|is|where|has|matches|-webkit-any)\(")
_VAR = re.compile(r"var\(\s*(--[\w-]+)")
_GROUPING_RULES = {"media", "supports", "layer", "container"}


class _ClassCollector(HTMLParser):
    """Every class name, and every palette colour (`data-md-color-primary="indigo"`), used in
    the HTML fed to it."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.classes: set[str] = set()
        self.colours: dict[str, set[str]] = {"primary": set(), "accent": set()}

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name == "class" and value:
                self.classes.update(value.split())
            elif name in ("data-md-color-primary", "data-md-color-accent") and value:
                self.colours[name.rsplit("-", 1)[1]].add(value)


def scan_pages(html_texts) -> _ClassCollector:
    """The classes and palette colours used in any of the given HTML documents."""
    collector = _ClassCollector()
    for text in html_texts:
        collector.feed(text)
        collector.close()
        collector.reset()
    return collector


def _without_optional_parts(selector: str) -> str:
    """The selector with the insides of :not(), :is(), :where() and :has() removed."""
    out, depth, i = [], 0, 0
    while i < len(selector):
        match = _OPTIONAL.match(selector, i) if depth == 0 else None
        if match:
            depth, i = 1, match.end()
            continue
        char = selector[i]
        if depth:
            depth += {"(": 1, ")": -1}.get(char, 0)
        else:
            out.append(char)
        i += 1
    return "".join(out)


class Needs:
    """What the built site has, to decide whether a selector can match anything in it."""

    def __init__(self, classes: set[str], colours: dict[str, set[str]], versioned: bool) -> None:
        self.classes = classes
        self.colours = colours  # "primary"/"accent" -> colour names the palette uses
        self.versioned = versioned

    def can_match(self, selector: str) -> bool:
        """False when `selector` needs something no built page has."""
        required = _without_optional_parts(selector)
        for name in _CLASS.findall(required):
            if name in self.classes:
                continue
            if _FEATURE_CLASS.fullmatch(name):
                return False
            if name in _ADMONITION_TYPES and _ADMONITION_CONTEXT.search(required):
                return False
            if not self.versioned and _VERSION_CLASS.fullmatch(name):
                return False
        return all(
            colour in self.colours.get(role, set()) for role, colour in _COLOUR.findall(required)
        )


def _split_selectors(prelude) -> list[str]:
    """A rule's prelude as its comma-separated selectors (top-level commas only)."""
    selectors, current = [], []
    for token in prelude:
        if token.type == "literal" and token.value == ",":
            selectors.append(tinycss2.serialize(current).strip())
            current = []
        else:
            current.append(token)
    selectors.append(tinycss2.serialize(current).strip())
    return selectors


def _trim_rules(rules, needs: Needs) -> list[str]:
    """The rules, serialised, without the selectors `needs` says cannot match."""
    out = []
    for rule in rules:
        if rule.type == "qualified-rule":
            kept = [s for s in _split_selectors(rule.prelude) if needs.can_match(s)]
            if kept:
                out.append(",".join(kept) + "{" + tinycss2.serialize(rule.content) + "}")
        elif (
            rule.type == "at-rule"
            and rule.content is not None
            and rule.lower_at_keyword in _GROUPING_RULES
        ):
            children = tinycss2.parse_rule_list(
                rule.content, skip_comments=True, skip_whitespace=True
            )
            inner = _trim_rules(children, needs)
            if inner:
                out.append(
                    f"@{rule.at_keyword}{tinycss2.serialize(rule.prelude)}{{{''.join(inner)}}}"
                )
        elif rule.type in ("qualified-rule", "at-rule"):
            out.append(tinycss2.serialize([rule]))
        elif rule.type == "error":
            raise ValueError(f"unreadable CSS: {rule.message}")
    return out


def _drop_unused_icons(css: str, also_used_in: str) -> str:
    """Remove `--x:url("data:…")` declarations that no `var(--x)` refers to any more."""
    used = set(_VAR.findall(css)) | set(_VAR.findall(also_used_in))

    def keep(match: re.Match) -> str:
        return match.group(0) if match.group(1) in used else ""

    return re.sub(r'(?<=[{;])(--[\w-]+):url\("data:[^"]*"\);?', keep, css)


def trim(css: str, needs: Needs, also_used_in: str = "") -> str:
    """`css` without what cannot match the built site; `also_used_in`: the site's other CSS."""
    rules = tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True)
    return _drop_unused_icons("".join(_trim_rules(rules, needs)), also_used_in)


def _palette_colours(config) -> dict[str, set[str]]:
    palette = config.theme.get("palette") or []
    if isinstance(palette, dict):
        palette = [palette]
    colours: dict[str, set[str]] = {"primary": set(), "accent": set()}
    for scheme in palette:
        for role in colours:
            if scheme.get(role):
                colours[role].add(str(scheme[role]).replace(" ", "-").lower())
    return colours


def _theme_file(config, name: str) -> Path:
    for directory in config.theme.dirs:
        candidate = Path(directory) / "assets" / "stylesheets" / name
        if candidate.is_file():
            return candidate
    raise PluginError(f"hooks/theme_css.py: {name} is in the site but in no theme directory")


def on_post_build(*, config):
    """Rewrite Material's stylesheets in the built site without what no page can use."""
    site = Path(config.site_dir)
    stylesheets = site / "assets" / "stylesheets"
    built = sorted(stylesheets.glob("main.*.min.css")) + sorted(
        stylesheets.glob("palette.*.min.css")
    )
    if not any(path.name.startswith("main.") for path in built):
        raise PluginError(
            "hooks/theme_css.py: no assets/stylesheets/main.*.min.css in the built site; "
            "Material's file layout has changed, update the hook"
        )
    pages = [path.read_text(encoding="utf-8") for path in sorted(site.rglob("*.html"))]
    found = scan_pages(pages)
    colours = _palette_colours(config)
    for role, names in found.colours.items():
        colours[role] |= names
    needs = Needs(found.classes, colours, bool(config.extra.get("version")))
    own_css = "".join(
        path.read_text(encoding="utf-8")
        for path in sorted(stylesheets.glob("*.css"))
        if path not in built
    ) + "".join(pages)
    for path in built:
        source = _theme_file(config, path.name).read_text(encoding="utf-8")
        try:
            path.write_text(trim(source, needs, own_css), encoding="utf-8")
        except ValueError as error:
            raise PluginError(f"hooks/theme_css.py: {path.name}: {error}") from error
        path.with_name(path.name + ".map").unlink(missing_ok=True)
