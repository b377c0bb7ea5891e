"""Fixtures for the tests of the checks: copies of the site to plant mistakes in, and a runner."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
# What a copy of the site needs to build: everything under these names.
SITE_SOURCES = ("mkdocs.yml", "docs", "includes", "data", "overrides", "hooks")


@dataclass
class Run:
    returncode: int
    output: str  # stdout and stderr together, as an editor sees them

    def __str__(self) -> str:  # shown by pytest when an assertion fails
        return f"exit {self.returncode}\n{self.output}"


def run(*args: str | Path, cwd: Path = ROOT, env: dict | None = None, timeout: int = 600) -> Run:
    """Run a command as CI does and capture what it prints."""
    full_env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    proc = subprocess.run(
        [str(a) for a in args],
        cwd=cwd,
        env=full_env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        timeout=timeout,
    )
    return Run(proc.returncode, proc.stdout)


def mkdocs(*args: str | Path, cwd: Path) -> Run:
    return run(sys.executable, "-m", "mkdocs", *args, cwd=cwd)


def copy_site(root: Path) -> Path:
    """Copy everything the site's build needs (SITE_SOURCES) into `root`; return `root`."""
    for name in SITE_SOURCES:
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, root / name)
        elif src.is_file():
            shutil.copy2(src, root / name)
    return root


@pytest.fixture
def site_copy(tmp_path: Path) -> Path:
    """A temporary copy of the site's sources (never the working tree) to plant mistakes in."""
    return copy_site(tmp_path)
