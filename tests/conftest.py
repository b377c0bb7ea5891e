"""Shared fixtures: the real site, built once per test session into a temporary folder."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEEDS = Path(os.environ.get("SEEDS_DIR", ROOT.parent / "shared" / "seeds"))

# Material prints an end-of-life banner on import unless this is set.
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


def build_site(config_file: Path, site_dir: Path, **overrides) -> Path:
    """Build a site in strict mode (any warning aborts) and return its folder."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config = load_config(config_file=str(config_file), site_dir=str(site_dir), **overrides)
    build(config)
    return site_dir


@pytest.fixture(scope="session")
def real_config():
    """The project's mkdocs.yml, loaded and validated (not built)."""
    from mkdocs.config import load_config

    return load_config(config_file=str(ROOT / "mkdocs.yml"))


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The real site, built in strict mode into a temporary folder."""
    return build_site(ROOT / "mkdocs.yml", tmp_path_factory.mktemp("site"))


@pytest.fixture(scope="session")
def seeds() -> Path:
    """The folder of source documents the pages are written from."""
    if not SEEDS.is_dir():
        pytest.fail(f"source documents not found at {SEEDS}; set SEEDS_DIR")
    return SEEDS
