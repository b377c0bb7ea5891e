"""Compare two builds of the site file by file; they may differ only in the generator tag.

    .venv/bin/python scripts/compare_sites.py SITE_A SITE_B

What `diff -r` does after replacing, in every .html file of both, the content of
`<meta name="generator" content="…">` (MkDocs writes "mkdocs-1.6.1, …", ProperDocs
"mkdocs-ProperDocs 1.6.7, …"). Any other difference fails: files only in one build, and
files whose bytes differ, each with where they first differ. Exit status 0 when the builds
match, 1 when they do not, 2 when a folder is missing.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

GENERATOR = re.compile(rb'(<meta\s+name="?generator"?\s+content=)("[^"]*"|[^\s>]*)')


def normalise(data: bytes) -> bytes:
    """The page with the generator tag's content replaced by a fixed word."""
    return GENERATOR.sub(rb'\1"GENERATOR"', data)


def files(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}


def first_difference(a: bytes, b: bytes, context: int = 60) -> str:
    """Where two byte strings first differ: the offset and a few characters of each."""
    at = next(
        (i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b))
    )
    start = max(0, at - context // 2)

    def show(data: bytes) -> str:
        return repr(data[start : at + context].decode("utf-8", "replace"))

    return f"byte {at}: {show(a)} vs {show(b)}"


def compare(site_a: Path, site_b: Path) -> list[str]:
    """The differences between two built sites that are not the generator tag (empty: none)."""
    names_a, names_b = files(site_a), files(site_b)
    problems = [f"only in {site_a}: {name}" for name in sorted(names_a - names_b)]
    problems += [f"only in {site_b}: {name}" for name in sorted(names_b - names_a)]
    for name in sorted(names_a & names_b):
        a, b = (site_a / name).read_bytes(), (site_b / name).read_bytes()
        if a == b:
            continue
        if name.endswith(".html"):
            a, b = normalise(a), normalise(b)
            if a == b:
                continue
        problems.append(f"differs: {name} ({first_difference(a, b)})")
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site_a", type=Path)
    parser.add_argument("site_b", type=Path)
    args = parser.parse_args(argv)
    for site in (args.site_a, args.site_b):
        if not site.is_dir():
            print(f"compare_sites: {site}: no such folder", file=sys.stderr)
            return 2
    problems = compare(args.site_a, args.site_b)
    count = len(files(args.site_a))
    if problems:
        print(f"compare_sites: {len(problems)} difference(s) besides the generator tag:")
        print("\n".join(f"  {p}" for p in problems))
        return 1
    print(f"compare_sites: the {count} files match (the generator tag aside)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
