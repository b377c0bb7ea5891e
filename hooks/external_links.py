"""MkDocs hook: links to other hosts in page content open without handing over `window.opener`.

Only `<a href="http(s)://…">` without a `rel` attribute is changed; links that set their own
`rel` (the timeline's sources) are left as written.
"""

from __future__ import annotations

import re

_EXTERNAL = re.compile(r'<a (?![^>]*\brel=)([^>]*\bhref="https?://[^"]*"[^>]*)>')


def on_page_content(html: str, **_kwargs) -> str:
    """Add rel="noopener noreferrer" to external links in the rendered page."""
    return _EXTERNAL.sub(r'<a \1 rel="noopener noreferrer">', html)
