"""Write events_1000.csv: 1,000 synthetic events in the common conflict-data layout.

Deterministic (no randomness, no clock): the same file on every run. Run from the repository root:
    .venv/bin/python tests/data/imports/make_events_1000.py
tests/unit/test_imports.py checks that the committed file equals this script's output.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

ROWS = 1000
FIRST_DAY = dt.date(2020, 11, 12)
HEADER = [
    "event_id_cnty", "event_date", "year", "event_type", "sub_event_type", "actor1", "actor2", "country",
    "admin1", "location", "latitude", "longitude", "notes", "source", "fatalities",
]  # fmt: skip
TYPES = ["Protests", "Strategic developments", "Riots", "Battles"]
ACTORS = ["Protesters (Armenia)", "Military Forces of Azerbaijan", "Military Forces of Russia", "Civilians (Armenia)"]
PLACES = [("Goris", 39.51111, 46.34168), ("Kornidzor", 39.526, 46.484), ("Lachin", 39.64083, 46.54694),
          ("Shusha", 39.76021, 46.75037), ("Stepanakert", 39.81528, 46.75194)]  # fmt: skip
TARGET = Path(__file__).with_name("events_1000.csv")


def build() -> str:
    """The CSV text."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(HEADER)
    for i in range(ROWS):
        day = FIRST_DAY + dt.timedelta(days=(i * 7) % 1150)
        name, lat, lon = PLACES[i % len(PLACES)]
        jitter = ((i * 37) % 101 - 50) / 10_000  # up to about +/-0.005 degrees, fixed per row
        writer.writerow([
            f"SYN{i + 1:05d}", day.isoformat(), day.year, TYPES[i % len(TYPES)], "Synthetic",
            ACTORS[i % len(ACTORS)], ACTORS[(i + 1) % len(ACTORS)] if i % 3 == 0 else "", "Test",
            "Test", name, f"{lat + jitter:.5f}", f"{lon - jitter:.5f}",
            f"Synthetic benchmark row {i + 1} near {name}.", "Synthetic source", 0,
        ])  # fmt: skip
    return out.getvalue()


if __name__ == "__main__":
    TARGET.write_text(build(), encoding="utf-8")
