"""The same sources build to the same bytes: every file of the site, feed, calendar and
exports included (the one test of it; the plugin's outputs are not tested again elsewhere).

The session's build (`built_site`, in the test process) is compared with a clean build in its
own process, as CI and the Pages workflow run it: at least a second later, so a time stamp
taken from the clock would differ, and with another hash seed, so output that follows the
order of a Python set or dict of strings would too.
"""

from __future__ import annotations

import filecmp
import os
import sys
import time
from pathlib import Path

from harness import ROOT, run


def differing(left: Path, right: Path) -> list[str]:
    """Relative paths that are missing on one side or differ byte for byte."""
    cmp = filecmp.dircmp(left, right)
    found = [str(left / n) for n in cmp.left_only + cmp.right_only]
    found += [
        str(left / n)
        for n in cmp.common_files
        if not filecmp.cmp(left / n, right / n, shallow=False)
    ]
    for sub in cmp.common_dirs:
        found += differing(left / sub, right / sub)
    return found


def test_a_second_build_in_another_process_is_byte_identical(built_site, tmp_path):
    built_at = (built_site / "sitemap.xml").stat().st_mtime
    time.sleep(max(0.0, built_at + 1.1 - time.time()))  # a clock-derived stamp would differ
    seed = str(int(os.environ.get("PYTHONHASHSEED", "0") or 0) + 1)  # not this process's
    second = tmp_path / "second"
    result = run(
        sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", second,
        cwd=ROOT, env={"PYTHONHASHSEED": seed},
    )  # fmt: skip
    assert result.returncode == 0, result
    assert (second / "sitemap.xml.gz").exists()
    assert not differing(built_site, second)
