"""The map page under Streamlit's AppTest: no server, no browser.

The map itself is an opaque component here (``corridor_map``, a v2 component drawn in the page); its
data says what the browser will be told to draw: the map's configuration and first view (must never
change between steps) and the per-step state; its script names the assets it loads (all local).
"""

from __future__ import annotations

import datetime as dt
import html
import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from corridor.loader import load_dataset
from corridor.timemodel import Timeline
from layers.assets import map_css_links, map_js_links
from tests.apptest.dashboard_app import ask_ahead, base_map, day_panel, map_data, map_element, panel_html, step_state
from ui import early_map, keys

ROOT = Path(__file__).resolve().parents[2]
DASHBOARD = ROOT / "dashboard.py"
TIMEOUT_S = 60
D = dt.date
DEFAULT_DAY = D(2023, 4, 23)  # the checkpoint event, ui.viewstate.DEFAULT_EVENT
TOGGLES = (
    "graticule", "rivers", "nk2020", "nkao", "border", "band", "edges", "corridor", "places", "checkpoint", "events",
)  # fmt: skip
DEFAULT_ON = tuple(k for k in TOGGLES if k != "nkao")  # the historical NKAO boundary is off by default
LOCAL_PREFIX = "/app/static/"
PESKOV_PRESS_TV = (
    "Russia continues its mediation efforts, and mainly efforts to fulfill all the provisions of the "
    "trilateral documents that were signed two years earlier,"
)
EVENT_ID = re.compile(r'data-event="([^"]+)"')
DS_EVENT_ANCHOR = {e.id: e.anchor for e in load_dataset().events}


def open_page(**params: str) -> AppTest:
    """Run the dashboard once, as if opened at ``?<params>``."""
    at = AppTest.from_file(str(DASHBOARD), default_timeout=TIMEOUT_S)
    for name, value in params.items():
        at.query_params[name] = value
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def annotation_panels(at: AppTest) -> list[str]:
    """The day panel's HTML when it shows an event (it carries the event's id)."""
    html_text = panel_html(at)
    return [html_text] if "data-event=" in html_text else []


def event_choices(at: AppTest) -> tuple[list[str], str | None]:
    """The panel's radio: the event ids offered, and the one checked."""
    html_text = panel_html(at)
    offered = re.findall(r'name="cm-day-event" value="([^"]+)"', html_text)
    checked = re.findall(r'name="cm-day-event" value="([^"]+)" checked', html_text)
    return offered, checked[0] if checked else None


def shown_event(at: AppTest) -> str:
    (panel,) = annotation_panels(at)
    match = EVENT_ID.search(panel)
    assert match is not None
    return match.group(1)


def slider_day(at: AppTest) -> dt.date:
    value = at.sidebar.select_slider(key="date").value
    assert isinstance(value, dt.date), value
    return value


@pytest.fixture(scope="module")
def default_page() -> AppTest:
    return open_page()


# --- the page runs ------------------------------------------------------------------------------


def test_page_runs_without_exception_and_draws_one_map(default_page: AppTest) -> None:
    assert not default_page.exception
    assert map_data(default_page)["config"]["dataUrl"]
    assert not default_page.get("component_instance")  # the map is in the page: no component iframe
    assert not default_page.error


def test_date_slider_opens_on_the_checkpoint_day(default_page: AppTest) -> None:
    slider = default_page.sidebar.select_slider(key="date")
    assert slider.value == DEFAULT_DAY
    assert slider.options[0] == "10 Nov 2020"
    assert slider.options[-1] == "12 Jun 2024"
    assert shown_event(default_page) == "ev-2023-04-23-checkpoint"


def test_every_control_a_test_touches_has_its_key(default_page: AppTest) -> None:
    sb = default_page.sidebar
    assert sb.button(key="prev_step")
    assert sb.button(key="next_step")
    assert sb.radio(key="naming").value == "both"
    assert [c.key for c in sb.checkbox] == [f"layer_{k}" for k in TOGGLES]
    assert [c.value for c in sb.checkbox] == [k in DEFAULT_ON for k in TOGGLES]


# --- what the map is told -------------------------------------------------------------------------


LOADER_JS = ROOT / "static" / "app" / "map_loader.js"


def loader_assets(name: str) -> list[str]:
    """The URLs in one of the map loader's asset lists (``SCRIPTS`` or ``STYLES``)."""
    script = LOADER_JS.read_text(encoding="utf-8")
    (static,) = re.findall(r'var STATIC = "([^"]+)";', script)
    (listed,) = re.findall(rf"var {name} = \[(.*?)\];", script, re.DOTALL)
    return [static + path for path in re.findall(r'STATIC \+ "([^"]+)"', listed)]


def test_map_assets_are_all_local_and_exist(default_page: AppTest) -> None:
    (loader,) = re.findall(r'const LOADER = "([^"]+)";', map_element(default_page).proto.js_content)
    assert loader == early_map.LOADER_URL
    scripts, styles = loader_assets("SCRIPTS"), loader_assets("STYLES")
    assert scripts == [url for _name, url in map_js_links()]  # what the exported page loads (layers/assets.py)
    assert styles == [url for _name, url in map_css_links()]
    for link in [loader, *scripts, *styles]:
        assert link.startswith(LOCAL_PREFIX), link
        assert (ROOT / "static" / link.removeprefix(LOCAL_PREFIX)).is_file(), link
    assert "leaflet" in " ".join(scripts)


def test_the_map_fetches_only_from_the_app(default_page: AppTest) -> None:
    element = map_element(default_page)
    sent = element.proto.json + element.proto.js_content + element.proto.html_content + element.proto.css_content
    assert "CorridorMap" in element.proto.js_content
    data_url = map_data(default_page)["config"]["dataUrl"]
    assert data_url.startswith(LOCAL_PREFIX + "generated/map-")
    assert (ROOT / "static" / data_url.removeprefix(LOCAL_PREFIX)).is_file()
    assert not re.findall(r"https?://(?!localhost)[^\s\"']+\.(?:js|css|json)", sent)
    assert "cdn" not in sent.lower()


def test_step_state_on_the_checkpoint_day(default_page: AppTest) -> None:
    state = step_state(default_page)
    assert state["checkpoints"] == ["hakari_checkpoint"]
    assert state["day"] == "2023-04-23"
    assert state["status"] == "checkpoint"
    assert state["routes"]["route_B2_kornidzor"] == "in_use"
    assert state["layers"] == list(DEFAULT_ON)
    assert state["naming"] == "both"


def test_step_state_the_day_before_has_no_checkpoint() -> None:
    at = open_page(date="2023-04-22")
    assert slider_day(at) == D(2023, 4, 22)
    state = step_state(at)
    assert state["checkpoints"] == []
    assert state["day"] == "2023-04-22"
    assert state["status"] == "blocked"
    assert shown_event(at) == "ev-2023-04-01-kornidzor-route"
    assert "No event on this day; the latest event before it is shown." in panel_html(at)


def test_base_map_is_identical_on_every_date() -> None:
    """The same map element every run (a new id would mount a new map and lose pan/zoom), sent the
    same configuration; only the state changes."""
    at = open_page(date="2020-12-01")
    first = map_data(at)
    first_id = map_element(at).proto.id
    at.sidebar.select_slider(key="date").set_value(D(2023, 9, 30)).run()
    assert not at.exception
    second = map_data(at)
    assert step_state(at)["day"] == "2023-09-30"
    assert second["state"] != first["state"]
    assert {k: v for k, v in second.items() if k != "state"} == {k: v for k, v in first.items() if k != "state"}
    assert map_element(at).proto.id == first_id


def test_base_map_is_identical_when_layers_or_naming_change() -> None:
    at = open_page()
    before = base_map(at)
    at.sidebar.checkbox(key="layer_band").uncheck().run()
    at.sidebar.radio(key="naming").set_value("hy").run()
    assert not at.exception
    assert base_map(at) == before
    state = step_state(at)
    assert "band" not in state["layers"]
    assert state["naming"] == "hy"


# --- stepping -----------------------------------------------------------------------------------


def test_next_and_previous_change_the_date_the_annotation_and_the_map() -> None:
    at = open_page()
    assert shown_event(at) == "ev-2023-04-23-checkpoint"
    at.sidebar.button(key="next_step").click().run()
    assert not at.exception
    assert slider_day(at) == D(2023, 4, 24)
    assert shown_event(at) == "ev-2023-04-24-peskov"
    assert step_state(at)["day"] == "2023-04-24"
    at.sidebar.button(key="prev_step").click().run()
    at.sidebar.button(key="prev_step").click().run()
    assert not at.exception
    assert slider_day(at) == D(2023, 4, 1)
    assert shown_event(at) == "ev-2023-04-01-kornidzor-route"
    assert step_state(at)["checkpoints"] == []
    assert step_state(at)["routes"]["route_B2_kornidzor"] == "in_use"


def test_next_walks_every_stop_with_the_same_base_map() -> None:
    stops = Timeline(load_dataset()).stops
    at = open_page(date=stops[0].isoformat())
    base = base_map(at)
    seen = [slider_day(at)]
    while not at.sidebar.button(key="next_step").disabled and len(seen) <= len(stops):
        at.sidebar.button(key="next_step").click().run()
        assert not at.exception, seen[-1]
        day = slider_day(at)
        seen.append(day)
        assert step_state(at)["day"] == day.isoformat()
        assert base_map(at) == base, f"the base map changed on {day}"
        assert DS_EVENT_ANCHOR[shown_event(at)] == day
    assert tuple(seen) == stops


def test_stepping_updates_the_url() -> None:
    at = open_page()
    at.sidebar.button(key="next_step").click().run()
    assert at.query_params["date"] == "2023-04-24"
    assert at.query_params["event"] == "ev-2023-04-24-peskov"


def test_previous_is_disabled_on_the_first_stop_and_next_on_the_last() -> None:
    first = open_page(date="2020-11-10")
    assert first.sidebar.button(key="prev_step").disabled
    assert not first.sidebar.button(key="next_step").disabled
    last = open_page(date="2024-06-12")
    assert last.sidebar.button(key="next_step").disabled
    assert not last.sidebar.button(key="prev_step").disabled


def test_a_day_before_the_first_event_shows_no_route_and_no_event() -> None:
    at = open_page(date="2020-11-09")
    assert slider_day(at) == D(2020, 11, 9)
    assert annotation_panels(at) == []
    assert "No event has happened by this day." in panel_html(at)
    state = step_state(at)
    assert state["routes"]["route_A_old_highway"] == "hidden"
    assert state["status"] is None


# --- deep links ---------------------------------------------------------------------------------


def test_deep_link_restores_date_layers_and_naming() -> None:
    at = open_page(date="2023-04-01", layers="corridor,places", naming="az")
    assert not at.warning
    assert slider_day(at) == D(2023, 4, 1)
    assert at.sidebar.radio(key="naming").value == "az"
    for key in TOGGLES:
        assert at.sidebar.checkbox(key=f"layer_{key}").value is (key in ("corridor", "places")), key
    state = step_state(at)
    assert state["day"] == "2023-04-01"
    assert state["layers"] == ["corridor", "places"]
    assert state["naming"] == "az"
    assert shown_event(at) == "ev-2023-04-01-kornidzor-route"


def test_deep_link_to_an_event_selects_it() -> None:
    at = open_page(event="ev-2023-04-24-russia-mod")
    assert slider_day(at) == D(2023, 4, 24)
    assert event_choices(at)[1] == "ev-2023-04-24-russia-mod"
    assert shown_event(at) == "ev-2023-04-24-russia-mod"
    assert step_state(at)["selectedEvent"] == "ev-2023-04-24-russia-mod"


def test_deep_link_with_an_impossible_date_warns_and_shows_the_default() -> None:
    at = open_page(date="2023-02-30")
    assert not at.exception
    warnings = [w.value for w in at.warning]
    assert len(warnings) == 1
    assert "2023-02-30" in warnings[0]
    assert slider_day(at) == DEFAULT_DAY
    assert step_state(at)["day"] == DEFAULT_DAY.isoformat()


def test_deep_link_with_bad_values_warns_for_each() -> None:
    at = open_page(date="2023-04-23", event="ev-nope", layers="corridor,roads", naming="ru")
    warnings = " ".join(w.value for w in at.warning)
    assert "ev-nope" in warnings
    assert "roads" in warnings
    assert "ru" in warnings
    assert at.sidebar.radio(key="naming").value == "both"
    assert step_state(at)["layers"] == ["corridor"]


def test_the_warning_is_shown_once_not_on_every_rerun() -> None:
    at = open_page(date="2023-02-30")
    at.sidebar.button(key="next_step").click().run()
    assert not at.warning


def test_the_legend_under_the_map_has_no_cluster_symbol_when_nothing_clusters(default_page: AppTest) -> None:
    (strip,) = [m.value for m in default_page.markdown if "cm-legend-strip" in m.value]
    assert "Checkpoint" in strip and "cm-lg-cluster" not in strip  # the bundled data: under 200 events


def test_the_page_shows_a_copy_link_for_its_view(default_page: AppTest) -> None:
    links = [html.unescape(c.value) for c in default_page.caption if "cm-share-link" in c.value]
    assert len(links) == 1, links
    assert "date=2023-04-23" in links[0] and "naming=both" in links[0] and "&event=" in links[0]
    assert not default_page.code  # st.code would load Streamlit's syntax highlighter on every page load


# --- the annotation -----------------------------------------------------------------------------


def test_peskov_is_quoted_word_for_word_on_24_april_2023() -> None:
    at = open_page(date="2023-04-24")
    (panel,) = annotation_panels(at)
    text = html.unescape(panel)
    assert 'data-event="ev-2023-04-24-peskov"' in text
    assert PESKOV_PRESS_TV in text
    assert "Dmitry Peskov" in text or "Peskov" in text
    assert "Press TV" in text
    assert "two years ago." in text  # the second rendering (TASS via Asbarez) is shown too


def test_two_events_on_one_day_offer_a_choice() -> None:
    at = open_page(date="2023-04-24")
    assert event_choices(at) == (["ev-2023-04-24-peskov", "ev-2023-04-24-russia-mod"], "ev-2023-04-24-peskov")
    assert re.search(r'value="ev-2023-04-24-peskov" checked> Kremlin \(Peskov\)', panel_html(at))
    # The radio is the panel's own (static/app/day_panel.js; clicked in tests/e2e/test_map_page.py):
    # its callback, ui.state.choose_from_panel (tests/unit/test_ui_state.py), sets this key.
    at.session_state[keys.EVENT] = "ev-2023-04-24-russia-mod"
    at.run()
    assert event_choices(at) == (["ev-2023-04-24-peskov", "ev-2023-04-24-russia-mod"], "ev-2023-04-24-russia-mod")
    assert shown_event(at) == "ev-2023-04-24-russia-mod"
    assert step_state(at)["selectedEvent"] == "ev-2023-04-24-russia-mod"
    assert slider_day(at) == D(2023, 4, 24)


def test_the_panel_sends_the_neighbouring_days_as_a_step_would_draw_them() -> None:
    """What the browser draws before the server answers (static/app/day_panel.js) is what the
    server sends when the step arrives: the same panel HTML and the same map state."""
    at = open_page(date="2023-04-23")
    first = day_panel(at)  # a session's first run: the day alone, and the panel asked to ask for more
    assert first["ask"] is True
    assert list(first["neighbours"]) == ["23 Apr 2023"]
    ahead = day_panel(ask_ahead(at))["neighbours"]
    assert day_panel(at)["ask"] is False
    stops = list(Timeline(load_dataset()).stops)
    i = stops.index(D(2023, 4, 23))
    assert [v["day"] for v in ahead.values()] == [d.isoformat() for d in stops[i - 2 : i + 3]]
    assert 'data-event="ev-2023-04-23-checkpoint"' in ahead["23 Apr 2023"]["html"]
    assert ahead["23 Apr 2023"]["map"] == step_state(at)
    predicted = ahead["24 Apr 2023"]
    at.sidebar.button(key="next_step").click().run()
    assert predicted["html"] == panel_html(at)
    assert predicted["map"] == step_state(at)
    assert day_panel(at)["label"] == "24 Apr 2023" == at.sidebar.select_slider(key="date").format_func(D(2023, 4, 24))


# --- the region outlines (issue 10) ---------------------------------------------------------------


def test_the_2020_outline_is_current_with_its_caveat_on_the_checkpoint_day(default_page: AppTest) -> None:
    state = step_state(default_page)
    assert state["region"]["nk_de_facto_2020"] == "current"
    assert state["region"]["corridor_edge_2020_1"] == "hidden"  # the route changed on 30 Aug 2022
    assert "Where the data disagree" in state["regionNote"]
    assert "Hakari bridge" in state["regionNote"]
    assert {"nk2020", "rivers", "corridor", "checkpoint"} <= set(state["layers"])
    assert "nkao" not in state["layers"]


def test_the_outline_is_former_after_the_takeover() -> None:
    at = open_page(date="2023-10-01")
    state = step_state(at)
    assert state["region"]["nk_de_facto_2020"] == "former"
    assert "former" in state["regionNote"]


def test_stepping_past_the_takeover_keeps_the_base_map() -> None:
    """The NK outline's dated look goes through the per-day state, never through the base map."""
    before = open_page(date="2023-09-19")
    after = open_page(date="2023-10-01")
    assert base_map(before) == base_map(after)
    assert step_state(before)["region"] != step_state(after)["region"]


def test_the_nkao_layer_can_be_turned_on_by_link() -> None:
    at = open_page(layers="nkao,nk2020")
    assert at.sidebar.checkbox(key="layer_nkao").value is True
    assert step_state(at)["layers"] == ["nk2020", "nkao"]


def test_the_legend_under_the_map_names_the_region_layers(default_page: AppTest) -> None:
    legend = next(m.value for m in default_page.markdown if "cm-legend-strip" in m.value)
    assert "de facto control, not sovereignty" in legend
    assert "former" in legend and "Former NKAO boundary" in legend
    assert "Hakari river is not drawn" in legend
