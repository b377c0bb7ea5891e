"""Two clean builds of the same sources, with the same SOURCE_DATE_EPOCH, are byte-identical."""

from __future__ import annotations

import filecmp
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def build(site_dir: Path) -> None:
    """A clean build in its own process, as CI and the Pages workflow run it."""
    env = dict(os.environ, SOURCE_DATE_EPOCH="1700000000", NO_MKDOCS_2_WARNING="1")
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--quiet", "--site-dir", str(site_dir)],
        cwd=ROOT,
        env=env,
        check=True,
    )


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


def test_two_builds_are_byte_identical(tmp_path):
    build(tmp_path / "first")
    time.sleep(1.1)  # a clock-derived timestamp would now differ
    build(tmp_path / "second")
    assert (tmp_path / "first" / "sitemap.xml.gz").exists()
    assert not differing(tmp_path / "first", tmp_path / "second")
