"""Where the map page's first script run goes, outside the server: imports, data load, base map (its
arguments: the browser draws it).

bench_map.py runs this in a fresh Python for each size (after ``import streamlit``, which the
server has done before any session connects) and reports the median of ``--repeats`` runs next to
the browser's view of the cold start. The data load is the server's: the dataset kept on disk
(``corridor.loader.load_dataset_cached``; the first run with new data parses and stores it). Since
``streamlit run dashboard.py`` does the imports and the data load at server start, in a thread
(ui/warmup.py) while the browser boots, these figures are what that thread does, not what the first
run waits for when the browser is slower. By hand:

    .venv/bin/python benchmarks/cold_split.py benchmarks/data/events-10000.json --repeats 3

Prints one JSON object per run: seconds for each stage.
"""

from __future__ import annotations

import argparse
import json
import logging
import subprocess
import sys
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
STAGES = ("imports", "data load", "base map")


def one_run(events: str | None) -> dict[str, float]:
    """The three stages, in this (fresh) process."""
    sys.path.insert(0, str(REPO_ROOT))
    import streamlit  # noqa: F401, PLC0415 - imported by the server before the first run: not counted

    logging.getLogger("streamlit").setLevel(logging.ERROR)  # "missing ScriptRunContext" outside a server
    t0 = time.perf_counter()
    # what app_pages/map.py and the router import on the first run
    import app_pages  # noqa: F401, PLC0415
    from corridor.catalogue import GEO_DIR  # noqa: PLC0415
    from corridor.loader import load_dataset_cached  # noqa: PLC0415
    from corridor.timemodel import Timeline  # noqa: PLC0415
    from layers.bundle import bundle_bytes  # noqa: PLC0415
    from publish.static import write_bundle  # noqa: PLC0415
    from ui import daypanel, display, mapwidget, state, timecontrols  # noqa: F401, PLC0415

    t1 = time.perf_counter()
    tl = Timeline(load_dataset_cached(GEO_DIR, Path(events) if events else None))  # as ui.data does
    url = write_bundle(bundle_bytes(tl.dataset))
    t2 = time.perf_counter()
    mapwidget.map_args(url, 640)  # the map's configuration (the browser draws the base map)
    t3 = time.perf_counter()
    return dict(zip(STAGES, (t1 - t0, t2 - t1, t3 - t2), strict=True))


def measure(events: Path | None, repeats: int) -> list[dict[str, float]]:
    """``repeats`` fresh processes, each printing its stages."""
    runs = []
    for _ in range(repeats):
        cmd = [sys.executable, str(Path(__file__).resolve()), "--one", *([str(events)] if events else [])]
        out = subprocess.run(cmd, cwd=REPO_ROOT, capture_output=True, text=True, check=True).stdout
        runs.append(json.loads(out.strip().splitlines()[-1]))
    return runs


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("events", nargs="?", default=None, help="an extra events file (CORRIDOR_EXTRA_EVENTS)")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--one", action="store_true", help="one run in this process (used by the others)")
    args = parser.parse_args()
    if args.one:
        print(json.dumps(one_run(args.events)))
        return 0
    for run in measure(Path(args.events) if args.events else None, args.repeats):
        print(json.dumps({k: round(v, 3) for k, v in run.items()}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
