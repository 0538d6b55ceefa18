"""Write events_1000.csv and events_1000_acled.csv: 1,000 synthetic events in the ACLED layout.

events_1000.csv has ISO dates and only good rows. events_1000_acled.csv is what an analyst downloads
from ACLED: dates like "23 April 2023", and BAD_ROWS rows that must be rejected (a day that does not
exist, a latitude of 95, no event type, latitude and longitude swapped). ``build(rows)`` makes any
number of rows for timing (benchmarks/import_time.py).

Deterministic (no randomness, no clock): the same files on every run. Run from the repository root:
    .venv/bin/python tests/data/imports/make_events_1000.py
tests/unit/test_corridor_imports.py checks that the committed files equal this script's output.
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
ACLED_TARGET = Path(__file__).with_name("events_1000_acled.csv")
# Rows (1 = first data row) of the ACLED-style file that carry one mistake each, and the mistake.
BAD_ROWS = {100: "30 February", 300: "latitude 95", 500: "no event type", 700: "swapped", 900: "31 April"}


def build(rows: int = ROWS, *, acled_dates: bool = False) -> str:
    """The CSV text: ISO dates, or ACLED's "23 April 2023" with the BAD_ROWS mistakes."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(HEADER)
    for i in range(rows):
        day = FIRST_DAY + dt.timedelta(days=(i * 7) % 1150)
        name, lat, lon = PLACES[i % len(PLACES)]
        jitter = ((i * 37) % 101 - 50) / 10_000  # up to about +/-0.005 degrees, fixed per row
        date = day.strftime("%d %B %Y") if acled_dates else day.isoformat()
        event_type = TYPES[i % len(TYPES)]
        position = [f"{lat + jitter:.5f}", f"{lon - jitter:.5f}"]
        mistake = BAD_ROWS.get(i + 1) if acled_dates else None
        if mistake in ("30 February", "31 April"):
            date = f"{mistake} {day.year}"
        elif mistake == "latitude 95":
            position[0] = "95"
        elif mistake == "no event type":
            event_type = ""
        elif mistake == "swapped":
            position.reverse()
        writer.writerow([
            f"SYN{i + 1:05d}", date, day.year, event_type, "Synthetic",
            ACTORS[i % len(ACTORS)], ACTORS[(i + 1) % len(ACTORS)] if i % 3 == 0 else "", "Test",
            "Test", name, *position, f"Synthetic benchmark row {i + 1} near {name}.", "Synthetic source", 0,
        ])  # fmt: skip
    return out.getvalue()


if __name__ == "__main__":
    TARGET.write_text(build(), encoding="utf-8")
    ACLED_TARGET.write_text(build(acled_dates=True), encoding="utf-8")
