"""MkDocs hook: the two pieces of invalid markup Material writes on every page are made valid,
without changing what any browser does. The Nu Html Checker (`scripts/lint html`) checks
every built page; this hook is why it finds nothing.

1. `<input type="checkbox" ... autocomplete="off">` (Material's drawer and search toggles,
   in base.html): HTML allows `autocomplete` only on text-like inputs. Material sets it so
   that Firefox does not restore a toggle's checked state when a page is reloaded (a reload
   would reopen the drawer). The same effect in valid HTML: the attribute moves to an empty
   `<form autocomplete="off" hidden>` and the inputs join that form with `form="..."`.
   Firefox honours a form owner's `autocomplete="off"`; the inputs stay where they are in the
   document, so Material's CSS (`[data-md-toggle=drawer]:checked ~ ...`) and JavaScript,
   which find them by id, are unaffected. Other browsers never restore checkboxes.
2. `tabindex=""` on the navigation's section labels (partials/nav-item.html writes it when
   a section has no tabindex to give): an empty tabindex is invalid, and browsers treat it as
   no tabindex at all, so it is removed.

A hook rather than a theme override: both come from whole Material templates (base.html is
the skeleton of every page, nav-item.html a recursive macro), and overriding a whole template
means keeping a copy in step with every Material release, while `overrides/main.html`
overrides blocks only. The hook rewrites just these attributes, on pages (`on_post_page`) and
on the theme's own templates such as 404.html (`on_post_template`); markup it does not
recognise is left alone, and the checker then reports it.
"""

from __future__ import annotations

import re
from typing import Any

# The form that owns the toggles. An id Material does not use (its own start with "__").
TOGGLE_FORM = "__md-toggles"
_FORM = f'<form id="{TOGGLE_FORM}" autocomplete="off" hidden></form>'

_CHECKBOX = re.compile(r'<input\b(?=[^>]*\btype="checkbox")[^>]*\sautocomplete="off"[^>]*>')
_EMPTY_TABINDEX = re.compile(r'\s+tabindex=""')


def _own_toggle(match: re.Match[str]) -> str:
    return match.group(0).replace(' autocomplete="off"', f' form="{TOGGLE_FORM}"')


def make_valid(html: str) -> str:
    """The page with Material's invalid attributes replaced as described above."""
    first = _CHECKBOX.search(html)
    if first:
        html = html[: first.start()] + _FORM + _CHECKBOX.sub(_own_toggle, html[first.start() :])
    return _EMPTY_TABINDEX.sub("", html)


def on_post_page(output: str, **_kwargs: Any) -> str:
    return make_valid(output)


def on_post_template(output_content: str, *, template_name: str, **_kwargs: Any) -> str:
    return make_valid(output_content) if template_name.endswith(".html") else output_content
