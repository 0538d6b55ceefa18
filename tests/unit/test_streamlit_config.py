"""The app's Streamlit configuration (.streamlit/config.toml): every option is one Streamlit knows,
and the options the app's speed depends on keep their values."""

from __future__ import annotations

import tomllib
from pathlib import Path

from streamlit import config

CONFIG = Path(__file__).resolve().parents[2] / ".streamlit" / "config.toml"


def _options() -> dict[str, object]:
    with CONFIG.open("rb") as fh:
        sections = tomllib.load(fh)
    return {f"{section}.{name}": value for section, table in sections.items() for name, value in table.items()}


def test_every_option_is_one_streamlit_knows() -> None:
    """A misspelt option is only a warning in the server's log, and the app runs without it."""
    known = config.get_config_options()
    assert sorted(set(_options()) - set(known)) == []


def test_the_server_watches_no_source_files() -> None:
    """Watching the app's modules costs the first session ~0.35 s of the server's event loop."""
    assert _options()["server.fileWatcherType"] == "none"


def test_no_full_collection_after_each_run() -> None:
    """A full gc.collect() after every run cost a date step 60-400 ms (benchmarks/README.md)."""
    assert _options()["runner.postScriptGC"] is False


def test_the_app_serves_its_own_static_files_and_sends_no_telemetry() -> None:
    """Leaflet and the map data come from /app/static (offline); no request leaves the machine."""
    options = _options()
    assert options["server.enableStaticServing"] is True
    assert options["browser.gatherUsageStats"] is False
