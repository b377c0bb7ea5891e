#!/usr/bin/env python3
"""Report on the timeline's sources: the share of events with a primary source, the events
that rest on secondary sources only, the weak sources still cited, and evidence coverage.

    .venv/bin/python scripts/source_report.py [--min-primary 0.8]

Publishers are judged by data/source-quality.yml. Exit status 1 when the share of events
with a primary source is below --min-primary, or when an event rests only on weak sources.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


def load():
    from mkdocs.config import load_config
    from mkdocs.structure.files import get_files

    from mkdocs_timeline.plugin import mkdocs_site
    from mkdocs_timeline.validate import load_timeline

    config = load_config(config_file=str(ROOT / "mkdocs.yml"))
    site = mkdocs_site(get_files(config), config, config.plugins["timeline"].config)
    return load_timeline(ROOT / "data" / "timeline.yml", "data/timeline.yml", site)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--min-primary", type=float, default=0.8)
    args = parser.parse_args()

    from mkdocs_timeline.source_quality import SourceQuality, host_of

    quality = SourceQuality.read(ROOT / "data" / "source-quality.yml")
    events = load().events
    # the sources' own records say which are primary (`type:`, checked against the list of
    # primary publishers when the data is read)
    primary = [e for e in events if any(s.primary for s in e.sources)]
    secondary_only = [e for e in events if e not in primary]
    only_weak = [e for e in events if quality.only_weak(e)]
    with_evidence = [e for e in events if e.evidence]
    share = len(primary) / len(events)

    print(f"events: {len(events)}")
    print(f"with a primary source: {len(primary)} ({share:.0%}; goal {args.min_primary:.0%})")
    print(
        f"with evidence for the date: {len(with_evidence)} ({len(with_evidence) / len(events):.0%})"
    )
    by_kind = Counter(e.kind.id for e in events)
    kind_primary = Counter(e.kind.id for e in primary)
    print("\nprimary share by kind:")
    for kind, count in sorted(by_kind.items()):
        print(f"  {kind:18} {kind_primary[kind]:3} of {count:3}")
    if secondary_only:
        print("\nsecondary sources only:")
        for event in secondary_only:
            hosts = ", ".join(sorted({host_of(s.url) for s in event.sources}))
            print(f"  {event.date.iso:10} {event.id} ({hosts})")
    weak = Counter(host_of(s.url) for e in events for s in e.sources if quality.is_weak(s))
    if weak:
        print("\nweak sources still cited (each beside a better one):")
        for host, count in weak.most_common():
            print(f"  {host} ({count})")
    for event in only_weak:
        print(f"FAIL: event '{event.id}' rests only on weak sources", file=sys.stderr)
    if share < args.min_primary:
        print(
            f"FAIL: {share:.0%} of events have a primary source; goal {args.min_primary:.0%}",
            file=sys.stderr,
        )
    return 1 if only_weak or share < args.min_primary else 0


if __name__ == "__main__":
    sys.exit(main())
