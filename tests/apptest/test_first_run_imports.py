"""Guard (not timed): with warm caches, the map page's first run imports none of the heavy modules
(issue 13's cold start). streamlit-folium, folium, branca and jinja2 cost about 1.1 s of a
server's first run, shapely a little more, pandas ~0.4 s; the base map's arguments and the map data
bundle's URL come from the disk cache instead (ui/mapwidget.py, ui/data.py).

Each run is a fresh Python in a subprocess (other tests' imports would hide an import here), with
its own cache folder: the first run fills the caches, the second is the one checked.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# pandas too: Streamlit imports it to ask whether a dict or list argument of a component is a data
# frame; the map's and the day panel's arguments avoid the question (ui/mapwidget.py, ui/daypanel.py).
HEAVY = ("streamlit_folium", "folium", "branca", "jinja2", "geopandas", "matplotlib", "shapely", "pandas")

FIRST_RUN = """
import json, sys
sys.path.insert(0, {root!r})
import streamlit
from streamlit.testing.v1 import AppTest
before = set(sys.modules)
at = AppTest.from_file({dashboard!r}, default_timeout=120)
at.run()
assert not at.exception, [e.value for e in at.exception]
assert len(at.get("component_instance")) == 1, "the map page drew no map"
print(json.dumps(sorted({{m.split(".")[0] for m in set(sys.modules) - before}})))
"""


def first_run_imports(cache: Path) -> set[str]:
    """The top-level modules the map page's first run imported, in a fresh Python."""
    code = FIRST_RUN.format(root=str(ROOT), dashboard=str(ROOT / "dashboard.py"))
    env = {**os.environ, "XDG_CACHE_HOME": str(cache)}
    env.pop("CORRIDOR_EXTRA_EVENTS", None)
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True, timeout=300
    )
    return set(json.loads(out.stdout.strip().splitlines()[-1]))


def test_the_map_pages_first_run_imports_no_heavy_module_when_the_caches_are_warm(tmp_path: Path) -> None:
    cold = first_run_imports(tmp_path)
    assert "folium" in cold  # the first start renders the base map: the check below can see folium
    assert sorted(set(HEAVY) & first_run_imports(tmp_path)) == []
