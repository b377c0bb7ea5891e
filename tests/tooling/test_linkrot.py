"""The link-rot watch, offline: its archive client against a stand-in server on 127.0.0.1
playing the Internet Archive's availability API (a capture, none, HTTP errors, a slow
answer, malformed JSON), and scripts/linkrot's dry run against the same server."""

from __future__ import annotations

import json
import sys
import threading
import time
from collections.abc import Iterator
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar
from urllib.parse import parse_qs, urlsplit

import pytest
from harness import ROOT, run

sys.path.insert(0, str(ROOT / "scripts"))
from wayback import ArchiveError, Capture, Wayback

LINKROT = ROOT / "scripts" / "linkrot"


class StandIn(BaseHTTPRequestHandler):
    """Answers /wayback/available?url=… by what the url says it wants."""

    asked: ClassVar[list[str]] = []

    def log_message(self, *args: object) -> None:  # quiet
        pass

    def do_GET(self) -> None:
        if self.path.startswith("/save/"):  # Save Page Now: a capture is requested
            self.asked.append(self.path.removeprefix("/save/"))
            return self._send(200, b"saving")
        query = parse_qs(urlsplit(self.path).query)
        url = query.get("url", [""])[0]
        self.asked.append(url)
        if "slow" in url:
            time.sleep(1.5)
        if "error500" in url:
            return self._send(500, b"busy")
        if "gone404" in url or self.path.startswith("/dead"):
            return self._send(404, b"no")
        if "malformed" in url:
            return self._send(200, b"{not json")
        if "found" in url:
            snapshot = {
                "available": True,
                "status": "200",
                "timestamp": "20240102030405",
                "url": f"http://web.archive.org/web/20240102030405/{url}",
            }
            return self._send(
                200, json.dumps({"archived_snapshots": {"closest": snapshot}}).encode()
            )
        return self._send(200, json.dumps({"url": url, "archived_snapshots": {}}).encode())

    def _send(self, status: int, body: bytes) -> None:
        try:
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (the slow answer): as a real server would see it


@pytest.fixture(scope="module")
def archive() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), StandIn)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def client(base: str, **options: object) -> Wayback:
    return Wayback(base, timeout=0.5, tries=3, backoff=0.01, **options)  # type: ignore[arg-type]


def test_a_capture_is_found(archive: str) -> None:
    capture = client(archive).closest("https://example.org/found")
    assert capture == Capture(
        "https://web.archive.org/web/20240102030405/https://example.org/found", date(2024, 1, 2)
    )


def test_no_capture_is_none(archive: str) -> None:
    assert client(archive).closest("https://example.org/nothing") is None


def test_server_errors_are_retried_then_reported(archive: str) -> None:
    StandIn.asked.clear()
    waits: list[float] = []
    with pytest.raises(ArchiveError, match=r"HTTP 500 \(after 3 tries"):
        client(archive, sleep=waits.append).closest("https://example.org/error500")
    assert len(StandIn.asked) == 3
    assert waits == [0.01, 0.02]  # exponential backoff


def test_a_client_error_is_not_retried(archive: str) -> None:
    StandIn.asked.clear()
    with pytest.raises(ArchiveError, match="HTTP 404"):
        client(archive).closest("https://example.org/gone404")
    assert len(StandIn.asked) == 1


def test_a_slow_answer_times_out_and_never_hangs(archive: str) -> None:
    started = time.monotonic()
    with pytest.raises(ArchiveError, match=r"no answer within 0\.5 s"):
        client(archive, sleep=lambda _s: None).closest("https://example.org/slow")
    assert time.monotonic() - started < 5


def test_malformed_json_is_an_error(archive: str) -> None:
    with pytest.raises(ArchiveError, match="not the availability API's JSON"):
        client(archive).closest("https://example.org/malformed")


def test_save_page_now_is_asked_with_the_address(archive: str) -> None:
    StandIn.asked.clear()
    client(archive, save_base=f"{archive}/save/").save("https://example.org/to-keep")
    assert StandIn.asked == ["https://example.org/to-keep"]


def test_no_server_is_an_error() -> None:
    with pytest.raises(ArchiveError, match="could not connect"):
        Wayback("http://127.0.0.1:9", timeout=0.5, tries=2, backoff=0).closest("https://x.org/")


DATA = """\
# a comment that must stay
events:
  - id: first-event
    title: First
    sources:
      - title: A page the archive has
        url: https://example.org/found/page
        publisher: Example
        type: primary
      - title: Already archived
        url: https://example.org/found/kept
        publisher: Example
        type: secondary
        archived:
          url: https://web.archive.org/web/2020/https://example.org/found/kept
          date: 2020-01-01
  - id: second-event
    title: Second
    sources:
      - title: A page the archive has, cited again
        url: https://example.org/found/page
        publisher: Example
        type: primary
      - title: A page the archive lacks
        url: https://example.org/nothing
        publisher: Example
        type: secondary
      - title: An archive's own copy
        url: https://web.archive.org/web/20070623020724/http://www.example.org/old.html
        publisher: Example
        type: primary
"""


def test_dry_run_prints_the_pull_request_and_writes_nothing(archive: str, tmp_path: Path) -> None:
    data = tmp_path / "timeline.yml"
    data.write_text(DATA, encoding="utf-8")
    result = run(
        sys.executable, LINKROT, "--dry-run", "--data", data, "--archive", archive, timeout=60
    )
    assert result.returncode == 0, result
    out = result.output
    assert out.startswith("Pull request: Link-rot watch: 1 archived copy, 0 dead links\n")
    assert "- https://example.org/found/page → https://web.archive.org/web/20240102030405/" in out
    assert (
        "## No capture at the Internet Archive yet\n\n- https://example.org/nothing — events: second-event"
        in out
    )
    assert "live addresses not checked (lychee not asked for)" in out
    # the diff adds the copy under both citations, and touches nothing else
    diff = out.split("--- diff ---\n", 1)[1].splitlines()
    added = [line for line in diff if line.startswith("+") and not line.startswith("+++")]
    assert (
        added
        == [
            "+        archived:",
            "+          url: https://web.archive.org/web/20240102030405/https://example.org/found/page",
            "+          date: 2024-01-02",
        ]
        * 2
    )
    assert not [line for line in diff if line.startswith("-") and not line.startswith("---")]
    assert data.read_text(encoding="utf-8") == DATA  # a dry run changes nothing


def test_a_run_writes_the_copies_and_the_body(archive: str, tmp_path: Path) -> None:
    data, body = tmp_path / "timeline.yml", tmp_path / "body.md"
    data.write_text(DATA, encoding="utf-8")
    result = run(
        sys.executable, LINKROT, "--data", data, "--archive", archive, "--pr-body", body, timeout=60
    )
    assert result.returncode == 0, result
    text = data.read_text(encoding="utf-8")
    assert text.startswith("# a comment that must stay\n")
    assert text.count("date: 2024-01-02") == 2
    assert "url: https://example.org/found/page" in text  # the live address is kept
    assert "## Archived copies added" in body.read_text(encoding="utf-8")


def test_offline_says_what_it_skipped() -> None:
    result = run(sys.executable, LINKROT, "--dry-run", env={"LINKROT_OFFLINE": "1"}, timeout=30)
    assert result.returncode == 0, result
    assert "linkrot: skipped - offline mode requested" in result.output


@pytest.mark.skipif(not (ROOT / ".venv" / "bin" / "lychee").exists(), reason="lychee not installed")
def test_lychee_names_the_dead_addresses(archive: str) -> None:
    import importlib.machinery
    import importlib.util

    loader = importlib.machinery.SourceFileLoader("linkrot_script", str(LINKROT))
    spec = importlib.util.spec_from_loader(loader.name, loader)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    loader.exec_module(module)
    failed, why = module.run_lychee([f"{archive}/dead/page", f"{archive}/live/page"], timeout=60)
    assert (failed, why) == ({f"{archive}/dead/page"}, "")
