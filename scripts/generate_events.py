"""Write synthetic events in the project's own format, for benchmarks and load tests.

Deterministic: the same size and seed give byte-identical files. Events lie along the three
schematic corridor routes (geo/lachin_corridor.geojson) with a little jitter, plus a share
scattered over the region (lon 44-48.5, lat 38.3-41.5); their days are spread over
2020-11-01 .. 2024-01-31. Ids start with ``syn-`` so they never collide with bundled events.

    python scripts/generate_events.py --size 10000 --out benchmarks/data/events-10000.json
    python scripts/generate_events.py --all --out-dir benchmarks/data        # 25, 1k, 10k, 100k

The output loads with ``corridor.loader.load_dataset(extra_events=path)`` and with the app's
CORRIDOR_EXTRA_EVENTS environment variable.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import sys
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parent.parent
ROUTES_FILE = REPO_ROOT / "geo" / "lachin_corridor.geojson"

SIZES = (25, 1_000, 10_000, 100_000)
DEFAULT_SEED = 4  # the issue number; any fixed value works
ID_PREFIX = "syn-"
FIRST_DAY = dt.date(2020, 11, 1)
LAST_DAY = dt.date(2024, 1, 31)
LON_RANGE = (44.0, 48.5)
LAT_RANGE = (38.3, 41.5)
ALONG_ROUTE_SHARE = 0.85  # the rest are scattered over the region
JITTER_DEG = 0.01  # about 1 km: near the road, not on it

EVENT_TYPES = ("incident", "convoy", "protest", "closure", "humanitarian", "statement")
ACTORS = ("Armenia", "Azerbaijan", "Russia", "Nagorno-Karabakh", "ICRC", "EU")
CONFIDENCES = ("high", "medium", "low")
PLACE_LABELS = ("Lachin corridor", "Hakari bridge", "Kornidzor", "Lachin district", "Region")

Route = list[tuple[float, float]]


def load_routes(path: Path = ROUTES_FILE) -> list[Route]:
    """The (lon, lat) vertices of every route in the corridor file."""
    doc = json.loads(path.read_text(encoding="utf-8"))
    return [[(float(lon), float(lat)) for lon, lat in f["geometry"]["coordinates"]] for f in doc["features"]]


def _clamp(value: float, bounds: tuple[float, float]) -> float:
    return min(max(value, bounds[0]), bounds[1])


def _point_on_routes(rng: random.Random, routes: list[Route]) -> tuple[float, float]:
    route = rng.choice(routes)
    i = rng.randrange(len(route) - 1)
    (x0, y0), (x1, y1) = route[i], route[i + 1]
    t = rng.random()
    lon = x0 + t * (x1 - x0) + rng.gauss(0.0, JITTER_DEG)
    lat = y0 + t * (y1 - y0) + rng.gauss(0.0, JITTER_DEG)
    return _clamp(lon, LON_RANGE), _clamp(lat, LAT_RANGE)


def _scattered_point(rng: random.Random) -> tuple[float, float]:
    return rng.uniform(*LON_RANGE), rng.uniform(*LAT_RANGE)


def generate_events(size: int, seed: int = DEFAULT_SEED, routes: list[Route] | None = None) -> list[dict[str, Any]]:
    """``size`` synthetic events as raw JSON records (the events.json format), in id order."""
    if size < 0:
        raise ValueError(f"size must be >= 0, got {size}")
    rng = random.Random(f"{seed}:{size}")
    lines = routes if routes is not None else load_routes()
    span = (LAST_DAY - FIRST_DAY).days
    width = max(6, len(str(size)))
    events = []
    for n in range(size):
        day = FIRST_DAY + dt.timedelta(days=rng.randint(0, span))
        along = rng.random() < ALONG_ROUTE_SHARE
        lon, lat = _point_on_routes(rng, lines) if along else _scattered_point(rng)
        kind = rng.choice(EVENT_TYPES)
        actors = sorted(rng.sample(ACTORS, rng.randint(1, 3)))
        events.append(
            {
                "id": f"{ID_PREFIX}{n:0{width}d}",
                "date": day.isoformat(),
                "title": f"Synthetic {kind} #{n}",
                "description": f"Synthetic {kind} for benchmarks (seed {seed}); not a real event.",
                "place_label": rng.choice(PLACE_LABELS) if along else "Region",
                "place_id": None,
                "lon": round(lon, 5),
                "lat": round(lat, 5),
                "status": None,
                "status_note": None,
                "event_type": kind,
                "actors": actors,
                "statement_ids": [],
                "source_ids": [],
                "confidence": rng.choice(CONFIDENCES),
            }
        )
    return events


def write_events(path: Path, size: int, seed: int = DEFAULT_SEED) -> Path:
    """Write ``{"events": [...]}`` to ``path`` (parent folders created) and return the path."""
    path.parent.mkdir(parents=True, exist_ok=True)
    doc = {"events": generate_events(size, seed)}
    path.write_text(json.dumps(doc, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    return path


def default_name(size: int) -> str:
    """The file name used by --all and by benchmarks/bench_map.py."""
    return f"events-{size}.json"


def main(argv: list[str] | None = None) -> int:
    """Command line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    group = parser.add_mutually_exclusive_group(required=True)
    group.add_argument("--size", type=int, help="number of events")
    group.add_argument("--all", action="store_true", help=f"write every size in {SIZES}")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--out", type=Path, help="output file (with --size)")
    parser.add_argument("--out-dir", type=Path, default=REPO_ROOT / "benchmarks" / "data")
    args = parser.parse_args(argv)
    sizes = SIZES if args.all else (args.size,)
    for size in sizes:
        target = args.out if (args.out and not args.all) else args.out_dir / default_name(size)
        write_events(target, size, args.seed)
        print(f"{size:>7} events -> {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
