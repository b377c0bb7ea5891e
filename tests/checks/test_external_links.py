"""scripts/check_external_links: skips quickly offline; online, retries, caches and names sources.

"Online" here is a web server on 127.0.0.1 standing in for other sites: no test leaves this machine.
"""

from __future__ import annotations

import socket
import time

import pytest

from served import Server  # scripts/served.py

from .conftest import ROOT, run

CHECK = ROOT / "scripts" / "check_external_links"


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def remote(tmp_path):
    """A stand-in for other sites (ok.html exists, gone.html does not), and a built page linking to them."""
    other = tmp_path / "other-site"
    other.mkdir()
    (other / "ok.html").write_text("<html><body>fine</body></html>", encoding="utf-8")
    with Server(other) as server:
        port = server.httpd.server_port
        site = tmp_path / "site"
        site.mkdir()
        (site / "index.html").write_text(
            "<html><body>"
            f'<a href="http://127.0.0.1:{port}/ok.html#part">works</a>'
            f'<a href="http://127.0.0.1:{port}/gone.html">gone</a>'
            '<a href="mailto:editors@example.org">mail</a>'
            "</body></html>",
            encoding="utf-8",
        )
        yield {"port": port, "site": site, "cache": tmp_path / "cache.json"}


def test_offline_it_says_skipped_quickly(remote):
    started = time.monotonic()
    result = run(
        CHECK,
        remote["site"],
        "--cache",
        remote["cache"],
        env={"EXTERNAL_LINKS_PROBE": f"127.0.0.1:{closed_port()}"},
        timeout=60,
    )
    assert result.returncode == 0, result
    assert "skipped - no network" in result.output, result
    assert time.monotonic() - started < 30, result
    assert not remote["cache"].exists()


def test_offline_flag_skips(remote):
    result = run(CHECK, "--offline", remote["site"], timeout=60)
    assert result.returncode == 0, result
    assert "skipped - offline mode requested" in result.output, result


def test_online_it_names_broken_links_and_caches_working_ones(remote):
    env = {"EXTERNAL_LINKS_PROBE": f"127.0.0.1:{remote['port']}"}
    args = (
        CHECK,
        remote["site"],
        "--cache",
        remote["cache"],
        "--retries",
        "1",
        "--retry-wait",
        "0",
    )
    first = run(*args, env=env, timeout=120)
    assert first.returncode == 1, first
    assert f"BROKEN http://127.0.0.1:{remote['port']}/gone.html" in first.output, first
    assert "retry 1 of 1 for 1 URLs" in first.output, first
    assert "page index.html" in first.output, first
    assert "2 URLs: 1 broken, 0 could not be verified, 1 fine or cached" in first.output, first
    second = run(*args, env=env, timeout=120)
    assert "1 URLs worked within the last 72 h" in second.output, second
    assert "checking 1" in second.output, second
