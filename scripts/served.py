"""The built site served from a thread on 127.0.0.1: one server for the tests,
scripts/bench_pages.py and scripts/linkcheck.

`Server(directory, prefix="/", headers={}, gzip=False)` serves a site folder under a path prefix
(the path of site_url, as GitHub Pages serves a project site); unknown paths get the site's
404.html with status 404, as GitHub Pages does. With `gzip=True`, text files (HTML, CSS,
JavaScript, JSON, SVG, XML) go gzip-compressed to clients that accept it, as GitHub Pages
sends them. `site_prefix()` is that path for the real mkdocs.yml.
"""

from __future__ import annotations

import functools
import gzip
import http.server
import os
import sys
import threading
from pathlib import Path
from typing import ClassVar
from urllib.parse import unquote, urlsplit

ROOT = Path(__file__).resolve().parents[1]
NOT_FOUND = "404.html"
# What the gzip option compresses (GitHub Pages compresses these too)
COMPRESSED_TYPES = ("text/", "application/javascript", "application/json", "image/svg+xml",
                    "application/xml", "application/atom+xml")  # fmt: skip


class SiteHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the site under `prefix` (the path of site_url); unknown paths get the site's
    404.html with status 404, as GitHub Pages does. Quiet."""

    prefix = "/"
    extra_headers: ClassVar[dict[str, str]] = {}  # sent with every response
    compress = False  # gzip text files for clients that accept it

    def log_message(self, *args):
        pass

    def do_GET(self):
        if not (self.compress and "gzip" in self.headers.get("Accept-Encoding", "")):
            return super().do_GET()
        path = self.translate_path(self.path)
        if os.path.isdir(path) and self.path.split("?")[0].endswith("/"):
            path = os.path.join(path, "index.html")
        kind = self.guess_type(path)
        if not os.path.isfile(path) or not kind.startswith(COMPRESSED_TYPES):
            return super().do_GET()  # directories without "/", other files, the 404 page
        with open(path, "rb") as file:
            body = gzip.compress(file.read(), compresslevel=9, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def end_headers(self):
        for name, value in self.extra_headers.items():
            self.send_header(name, value)
        super().end_headers()

    def translate_path(self, path):
        path = unquote(urlsplit(path).path)
        if not path.startswith(self.prefix):
            # a path that cannot exist (under a file), so it gets the 404 page
            return str(Path(self.directory) / NOT_FOUND / "outside-the-site")
        return super().translate_path("/" + path[len(self.prefix) :])

    def send_error(self, code, message=None, explain=None):
        page = Path(self.directory) / NOT_FOUND
        if code != 404 or not page.is_file():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


def site_prefix(config_file: Path = ROOT / "mkdocs.yml") -> str:
    """The path the site is published under, from site_url: `/us-icc-relations/`."""
    from mkdocs.config import load_config

    path = urlsplit(load_config(config_file=str(config_file)).site_url or "/").path
    return path if path.endswith("/") else path + "/"


class _QuietServer(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        # Clients (LinkChecker, a browser leaving a page) may hang up mid-answer.
        if not isinstance(sys.exc_info()[1], (ConnectionError, TimeoutError)):
            super().handle_error(request, client_address)


class Server:
    """A site folder served from a thread on 127.0.0.1 (any free port) under a path prefix."""

    def __init__(
        self,
        directory: Path,
        prefix: str = "/",
        headers: dict[str, str] | None = None,
        gzip: bool = False,
    ):
        handler = type(
            "Handler",
            (SiteHandler,),
            {"prefix": prefix, "extra_headers": dict(headers or {}), "compress": gzip},
        )
        self.httpd = _QuietServer(
            ("127.0.0.1", 0), functools.partial(handler, directory=str(directory))
        )
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()
        self.origin = f"http://127.0.0.1:{self.httpd.server_port}"
        self.url = self.origin + prefix  # the site's root, ending in /
        self.directory = directory

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()

    def __enter__(self) -> Server:
        return self

    def __exit__(self, *exc) -> None:
        self.close()
