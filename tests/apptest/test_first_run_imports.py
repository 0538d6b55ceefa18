"""Guard (not timed): with warm caches, the map page's first run imports none of the heavy modules
(issue 13's cold start). shapely costs more than a second of a server's first run and pandas ~0.4 s;
the dataset and the map data bundle's URL come from the disk cache instead (ui/data.py).

The map itself never needs folium: the live page sends its configuration to an in-page component
(ui/mapwidget.py, layers/mapconfig.py), and folium draws only the exported briefing map. So even a
first start with an empty cache imports none of streamlit-folium, folium, branca and jinja2 (about
1.1 s when the map was a streamlit-folium iframe), nor pyarrow, which Streamlit's v1 components
(that iframe) imported on their first call.

Each run is a fresh Python in a subprocess (other tests' imports would hide an import here), with
its own cache folder: the first run fills the caches (and must not import the map's old modules
either), the second is the one checked for every heavy module.
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
NEVER = ("streamlit_folium", "folium", "branca", "jinja2", "pyarrow", "pandas")  # not even with a cold cache
HEAVY = (*NEVER, "geopandas", "matplotlib", "shapely")

FIRST_RUN = """
import json, sys
sys.path.insert(0, {root!r})
import streamlit
from streamlit.testing.v1 import AppTest
before = set(sys.modules)
at = AppTest.from_file({dashboard!r}, default_timeout=120)
at.run()
assert not at.exception, [e.value for e in at.exception]
assert [e.proto.component_name for e in at.get("bidi_component")].count("corridor_map") == 1, "no map"
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
    assert "shapely" in cold  # the first start reads the geometry: the check below can see an import
    assert sorted(set(NEVER) & cold) == []
    assert sorted(set(HEAVY) & first_run_imports(tmp_path)) == []
