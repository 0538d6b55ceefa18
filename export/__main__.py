"""Build the briefing pack from the command line, without the UI.

    python -m export --out DIR [--briefing FILE] [--formats pdf,pptx,png,html] [--zip] [--naming both|hy|az]

Uses the bundled data in geo/. Without --briefing every event becomes a slide, in date order.
Prints each file written and the time taken (wall clock, and CPU time of this process and its map
workers, which a busy machine does not inflate).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

from corridor.errors import DataError
from corridor.loader import load_dataset
from corridor.naming import NAMINGS
from corridor.timemodel import Timeline
from export.briefing import BriefingError, default_briefing, parse_briefing
from export.pack import FORMATS, build_pack, file_stem, parse_formats, write_pack, zip_pack


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m export", description="Build the Lachin Corridor briefing pack.")
    parser.add_argument("--out", required=True, type=Path, help="folder to write the files into")
    parser.add_argument("--briefing", type=Path, help="a briefing file (lachin-briefing JSON); default: every event")
    parser.add_argument("--formats", default=",".join(FORMATS), help=f"comma-separated, from {','.join(FORMATS)}")
    parser.add_argument("--naming", default="both", choices=NAMINGS, help="place names: both, hy or az")
    parser.add_argument("--zip", action="store_true", help="also write everything as one zip file")
    return parser


def _cpu_seconds() -> float:
    """User and system CPU time of this process and of its finished children (the map workers)."""
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def main(argv: list[str] | None = None) -> int:
    """Run the command; return the exit status."""
    args = _parser().parse_args(argv)
    started, cpu_started = time.perf_counter(), _cpu_seconds()
    try:
        formats = parse_formats(args.formats)
        tl = Timeline(load_dataset())
        known = {e.id for e in tl.dataset.events}
        briefing = default_briefing(tl.dataset)
        if args.briefing:
            loaded = parse_briefing(args.briefing.read_bytes(), known, name=args.briefing.name)
            for problem in loaded.problems:
                print(f"warning: {problem}", file=sys.stderr)
            briefing = loaded.briefing
        files = build_pack(tl, briefing, formats=formats, naming=args.naming, workers=os.cpu_count() or 1)
    except (ValueError, BriefingError, DataError, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if args.zip:
        files = [*files, zip_pack(files, f"{file_stem(briefing.title)}-pack.zip")]
    for path in write_pack(files, args.out):
        print(f"{path}  ({path.stat().st_size / 1024:.0f} kB)")
    wall, cpu = time.perf_counter() - started, _cpu_seconds() - cpu_started
    print(f"{len(files)} files for {len(briefing.events)} slides in {wall:.1f} s (CPU time {cpu:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
