"""How long an upload takes to check: read the file, detect layout and dates, validate every row.

Times the pure path the Data page runs (corridor.imports.read_table, guess_mapping, import_events with
the date format detected from the file) on ACLED-layout CSVs of 1,000 and 10,000 rows with dates like
"23 April 2023", written by tests/data/imports/make_events_1000.py. Prints the median of the repeats.

    .venv/bin/python benchmarks/import_time.py [--rows 1000 10000] [--repeats 5]
"""

from __future__ import annotations

import argparse
import importlib.util
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from corridor.imports import date_guess, guess_mapping, import_events, read_table  # noqa: E402
from corridor.loader import load_dataset  # noqa: E402


def make_csv(rows: int) -> bytes:
    """An ACLED-layout CSV of this many rows (five bad rows per 1,000)."""
    spec = importlib.util.spec_from_file_location("make_events", ROOT / "tests/data/imports/make_events_1000.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return str(module.build(rows, acled_dates=True)).encode("utf-8")


def main() -> None:
    """Print rows, loaded, rejected and the median seconds per import."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, nargs="+", default=[1000, 10_000])
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    dataset = load_dataset()
    places = {p.id: p for p in dataset.places}
    bundled = {e.id for e in dataset.events}
    print(f"{'rows':>7} {'bytes':>10} {'loaded':>7} {'rejected':>8} {'median s':>9} {'min s':>7}  date format")
    for rows in args.rows:
        data = make_csv(rows)
        times = []
        for _ in range(args.repeats):
            start = time.perf_counter()
            table = read_table(data, "events.csv")
            mapping = guess_mapping(table.columns)
            result = import_events(table, mapping, places=places, existing_ids=bundled)
            times.append(time.perf_counter() - start)
        fmt = date_guess(table, mapping).format
        print(
            f"{rows:>7} {len(data):>10,} {len(result.events):>7} {len(result.rejected):>8} "
            f"{statistics.median(times):>9.3f} {min(times):>7.3f}  {fmt}"
        )


if __name__ == "__main__":
    main()
