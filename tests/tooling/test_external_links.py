"""scripts/external-links runs lychee with lychee.toml: broken links fail naming their page,
working ones pass and are cached, hosts that turn robots away are not reported, and offline
it says it skipped.

"Other sites" here are a web server on 127.0.0.1: no test leaves this machine.
"""

from __future__ import annotations

import http.server
import socket
import threading
import time

import pytest
from harness import ROOT, run

CHECK = ROOT / "scripts" / "external-links"


class OtherSite(http.server.BaseHTTPRequestHandler):
    """Another host: /ok.html exists, /robots-only.html answers 403 as a bot filter does,
    anything else is 404."""

    def do_GET(self) -> None:
        path = self.path.split("#")[0]
        status = {"/ok.html": 200, "/robots-only.html": 403}.get(path, 404)
        body = b"<html><body>a page</body></html>"
        self.send_response(status)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def other_site():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), OtherSite)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def built_site(root, pages: dict[str, str]):
    """A built site in `root`: {page path: the links on it}."""
    for path, links in pages.items():
        page = root / "site" / path
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(f"<!doctype html><html><body>{links}</body></html>", encoding="utf-8")
    return root / "site"


def check(site, host: str, cache, **env):
    return run(
        CHECK,
        site,
        env={"EXTERNAL_LINKS_PROBE": host, "EXTERNAL_LINKS_CACHE_DIR": str(cache), **env},
        timeout=120,
    )


def test_working_links_pass_and_are_cached(tmp_path, other_site):
    site = built_site(
        tmp_path,
        {
            "index.html": f'<a href="http://{other_site}/ok.html#part">a source</a>'
            # Never fetched, by lychee.toml: mail, the site itself, "Edit this page" links.
            '<a href="mailto:editors@example.org">mail</a>'
            '<a href="https://us-icc-relations.github.io/us-icc-relations/about/">us</a>'
            '<a href="https://github.com/someone/some-repo/edit/main/docs/index.md">edit</a>'
            '<a href="../about/">an internal link</a>',
        },
    )
    result = check(site, other_site, tmp_path / "cache")
    assert result.returncode == 0, result
    assert "external-links: OK - every external link works" in result.output, result
    assert "1 OK" in result.output and "4 Excluded" in result.output, result
    cached = (tmp_path / "cache" / ".lycheecache").read_text(encoding="utf-8")
    assert f"http://{other_site}/ok.html" in cached


def test_a_broken_link_fails_naming_its_page(tmp_path, other_site):
    site = built_site(
        tmp_path,
        {
            "index.html": f'<a href="http://{other_site}/ok.html">fine</a>',
            "about/index.html": f'<p>See <a href="http://{other_site}/gone.html">this</a>.</p>'
            f'<a href="http://{other_site}/robots-only.html">a host that turns robots away</a>',
        },
    )
    result = check(site, other_site, tmp_path / "cache")
    assert result.returncode == 1, result
    report = result.output
    assert "[about/index.html]:" in report, report
    assert f"[404] http://{other_site}/gone.html" in report, report
    assert "robots-only" not in report, report  # 403 is accepted (lychee.toml)
    assert "external-links: FAILED - the links above are broken" in report, report
    assert str(tmp_path) not in report.split("external-links:")[0], "pages named by site path"


def test_the_report_file_holds_the_result(tmp_path, other_site):
    site = built_site(tmp_path, {"index.html": f'<a href="http://{other_site}/gone.html">x</a>'})
    report = tmp_path / "reports" / "external-links.md"
    result = run(
        CHECK,
        "--report",
        report,
        site,
        env={"EXTERNAL_LINKS_PROBE": other_site, "EXTERNAL_LINKS_CACHE_DIR": str(tmp_path)},
        timeout=120,
    )
    assert result.returncode == 1, result
    text = report.read_text(encoding="utf-8")
    assert text.startswith("# External links\n\nexternal-links: FAILED"), text
    assert f"http://{other_site}/gone.html" in text, text


def test_offline_it_says_skipped_quickly(tmp_path):
    site = built_site(tmp_path, {"index.html": '<a href="https://www.congress.gov/">x</a>'})
    started = time.monotonic()
    result = check(site, f"127.0.0.1:{closed_port()}", tmp_path / "cache")
    assert result.returncode == 0, result
    assert "external-links: skipped - no network" in result.output, result
    assert "no external link was checked" in result.output, result
    assert time.monotonic() - started < 30, result
    assert not (tmp_path / "cache").exists(), "nothing is checked or cached offline"


@pytest.mark.parametrize("variable", ["EXTERNAL_LINKS_OFFLINE", "CI_OFFLINE"])
def test_offline_mode_from_the_environment_skips(tmp_path, other_site, variable):
    site = built_site(tmp_path, {"index.html": f'<a href="http://{other_site}/gone.html">x</a>'})
    result = check(site, other_site, tmp_path / "cache", **{variable: "1"})
    assert result.returncode == 0, result
    assert "external-links: skipped - offline mode requested" in result.output, result
