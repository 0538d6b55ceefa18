"""ui.data: the CORRIDOR_EXTRA_EVENTS file is used when it loads, and left out with a message naming it
when it does not (the bundled data alone can stop a page)."""

from __future__ import annotations

from pathlib import Path

import pytest

from corridor.catalogue import GEO_DIR
from corridor.timemodel import Timeline
from publish import static
from ui import data


def test_without_an_extra_file_the_app_serves_the_bundled_data(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(data.EXTRA_EVENTS_ENV, raising=False)
    assert data.extra_events_path() is None
    assert data.extra_events_problem() is None
    assert data.current_args() == (str(GEO_DIR), None)


def test_a_bad_extra_file_is_left_out_with_a_message_naming_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    bad = tmp_path / "mine.json"
    bad.write_text("{not json", encoding="utf-8")
    monkeypatch.setenv(data.EXTRA_EVENTS_ENV, f"  {bad}  ")
    assert data.extra_events_path() == bad
    problem = data.extra_events_problem()
    assert problem is not None
    assert problem.startswith(f"The extra events file {bad} (named by CORRIDOR_EXTRA_EVENTS) was left out: ")
    assert "file mine.json: invalid JSON at line 1" in problem
    assert data.current_args() == (str(GEO_DIR), None)


def test_a_good_extra_file_is_served(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    extra = tmp_path / "extra.json"
    extra.write_text('{"events": []}', encoding="utf-8")
    monkeypatch.setenv(data.EXTRA_EVENTS_ENV, str(extra))
    assert data.extra_events_problem() is None
    assert data.current_args() == (str(GEO_DIR), str(extra))


def test_the_bundles_url_is_kept_on_disk_while_its_file_is_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, timeline: Timeline
) -> None:
    monkeypatch.setattr(data, "default_cache_dir", lambda: tmp_path)
    built: list[int] = []
    real = data.bundle_bytes
    monkeypatch.setattr(data, "bundle_bytes", lambda ds: built.append(1) or real(ds))
    base = (str(GEO_DIR), None)
    data._bundle_url.cache_clear()
    url = data._bundle_url(base, "no-import", timeline)
    data._bundle_url.cache_clear()  # a new process, as far as the memo knows
    assert data._bundle_url(base, "no-import", timeline) == url
    assert len(built) == 1 and data._published(url)
    assert data._bundle_key(base, "no-import") != data._bundle_key(base, "other-import")
    assert not data._published(url.replace("map-", "map-0"))  # a file that is not there
    data._bundle_url.cache_clear()


def test_the_default_data_loads_outside_a_session(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(data, "default_cache_dir", lambda: tmp_path)
    monkeypatch.delenv(data.EXTRA_EVENTS_ENV, raising=False)
    url = data.load_default()
    assert data._published(url)
    assert data.load_default() == url  # the second call is the memo's


def test_a_bundle_deleted_while_the_server_runs_is_written_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, timeline: Timeline
) -> None:
    monkeypatch.setattr(data, "default_cache_dir", lambda: tmp_path / "cache")
    monkeypatch.setattr(static, "GENERATED_DIR", tmp_path / "generated")
    monkeypatch.setattr(data, "active_timeline", lambda: timeline)
    monkeypatch.delenv(data.EXTRA_EVENTS_ENV, raising=False)
    data._bundle_url.cache_clear()
    url = data.active_map_data_url()
    bundle = tmp_path / "generated" / url.rsplit("/", 1)[-1]
    written = bundle.read_bytes()
    bundle.unlink()  # pruned by another replica's start, or deleted by hand
    assert data.active_map_data_url() == url
    assert bundle.read_bytes() == written
    data._bundle_url.cache_clear()
