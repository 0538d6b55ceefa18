"""ui.early_map: the Map page's HTML carries the map's loader (and, once the server has warmed, the
map's configuration), so the browser draws the base map while Streamlit starts (issue 13)."""

from __future__ import annotations

import asyncio
import html
import json
import re
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from streamlit import file_util

from layers.catalogue import DEFAULT_VISIBLE, TOGGLE_KEYS
from ui import early_map, mapwidget, warmup

ROOT = Path(__file__).resolve().parents[2]
LOADER_JS = ROOT / "static" / "app" / "map_loader.js"
COMPONENT_JS = ROOT / "static" / "app" / "map_component.js"
URL = "/app/static/generated/map-0123456789abcdef.json"
PAGE = "<!DOCTYPE html><html><head><title>Streamlit</title></head><body><div id=root></div></body></html>"
HOSTILE = "</script><script>alert(1)</script><!--"


@pytest.fixture(autouse=True)
def no_warmup(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """No warm-up started and nothing loaded, unless a test says so (the URL goes in the list)."""
    loaded: list[str] = []
    monkeypatch.setattr(warmup, "_started", [])
    monkeypatch.setattr(warmup, "_loaded", loaded)
    mapwidget.map_args.cache_clear()
    yield loaded
    mapwidget.map_args.cache_clear()


def scripts_in(page: str) -> list[str]:
    return re.findall(r"<script\b[^>]*>(.*?)</script>", page, re.DOTALL)


# --- the page -------------------------------------------------------------------------------------


def test_the_loader_goes_at_the_end_of_the_head_once() -> None:
    page = early_map.with_loader(PAGE)
    assert page is not None
    assert page.count(early_map.LOADER_URL) == 1
    assert page.index(early_map.LOADER_URL) < page.index("</head>") < page.index("<body>")
    assert page.replace(early_map.LOADER_TAG + "\n", "") == PAGE  # nothing else changed


@pytest.mark.parametrize("page", ["<html><body></body></html>", PAGE.replace("</head>", "</head></head>")])
def test_a_page_without_one_head_is_left_to_streamlit(page: str) -> None:
    assert early_map.with_loader(page) is None


def test_streamlits_own_index_takes_the_loader_and_keeps_its_scripts() -> None:
    """Fails if a Streamlit upgrade changes index.html so that the Map page would lose its early map."""
    early_map.map_page_html.cache_clear()
    page = early_map.map_page_html()
    index = (Path(file_util.get_static_dir()) / "index.html").read_text(encoding="utf-8")
    assert page is not None and page.count(early_map.LOADER_TAG) == 1
    assert page.replace(early_map.LOADER_TAG + "\n", "") == index
    assert re.search(r'<script type="module" crossorigin src="\./static/js/index\.[\w-]+\.js"></script>', page)


def test_the_configuration_in_the_page_is_json_that_cannot_close_its_script() -> None:
    args = {"config": {"dataUrl": URL, "attribution": HOSTILE}, "view": {"zoom": 10}, "height": 640}
    page = early_map.with_args(early_map.with_loader(PAGE) or "", args)
    (inline,) = re.findall(rf'<script id="{early_map.ARGS_ID}" type="application/json">(.*?)</script>', page)
    assert json.loads(inline) == args
    assert "<" not in inline and ">" not in inline
    assert len(re.findall(r"<script\b", page)) == 2 and HOSTILE not in page
    assert f'<link rel="preload" href="{URL}" as="fetch" crossorigin>' in page  # fetched as the page is read
    assert f'data-args="{early_map.ARGS_ID}"' in page and page.count(early_map.LOADER_URL) == 1


def test_a_data_url_is_escaped_in_its_attribute() -> None:
    odd = '/app/static/generated/map-"><script>x</script>.json'
    page = early_map.with_args(early_map.with_loader(PAGE) or "", {"config": {"dataUrl": odd}, "view": {}})
    assert f'href="{html.escape(odd, quote=True)}"' in page
    assert "<script>x" not in page


# --- the configuration ----------------------------------------------------------------------------


def test_no_configuration_before_the_warm_up_has_loaded_the_data(no_warmup: list[str]) -> None:
    assert early_map.early_map_args(wait_s=0) is None


def test_the_configuration_is_what_the_map_page_sends(no_warmup: list[str]) -> None:
    """The component takes the early map only if config and view are equal to what its run sends."""
    no_warmup.append(URL)
    args = early_map.early_map_args(wait_s=0)
    assert args is not None
    layers = args.pop("layers")
    assert args == mapwidget.map_args(URL, mapwidget.MAP_PAGE_HEIGHT)
    assert args["config"]["dataUrl"] == URL and args["height"] == 640
    # The layers a session's first run shows when its URL names none (ui/state.display_choices).
    assert layers == [key for key in TOGGLE_KEYS if key in DEFAULT_VISIBLE] and "border" in layers


# --- the routes, driven as the ASGI server drives them -------------------------------------------


def get(path: str) -> tuple[int, dict[str, str], bytes]:
    """GET ``path`` from the early map's routes: (status, headers, body)."""
    from starlette.applications import Starlette

    app = Starlette(routes=early_map.routes())
    sent: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    scope = {
        "type": "http",
        "method": "GET",
        "path": path,
        "raw_path": path.encode(),
        "query_string": b"",
        "headers": [],
        "scheme": "http",
        "server": ("test", 80),
        "root_path": "",
        "http_version": "1.1",
    }
    # In a thread of its own: after the browser tests, Playwright's event loop runs in this one.
    runner = threading.Thread(target=lambda: asyncio.run(app(scope, receive, send)))
    runner.start()
    runner.join(timeout=30)
    start = next(m for m in sent if m["type"] == "http.response.start")
    headers = {k.decode(): v.decode() for k, v in start["headers"]}
    return start["status"], headers, b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")


@pytest.mark.parametrize("path", early_map.MAP_PAGE_PATHS)
def test_the_map_page_before_the_warm_up_asks_for_its_configuration(path: str) -> None:
    status, headers, body = get(path)
    page = body.decode()
    assert status == 200 and headers["cache-control"] == "no-cache"
    assert headers["content-type"].startswith("text/html")
    assert early_map.LOADER_TAG in page and early_map.ARGS_ID not in page


def test_the_map_page_after_the_warm_up_has_its_configuration(no_warmup: list[str]) -> None:
    no_warmup.append(URL)
    _, _, body = get("/map")
    (inline,) = (s for s in scripts_in(body.decode()) if s.startswith("{"))
    assert json.loads(inline) == json.loads(json.dumps(early_map.early_map_args(wait_s=0)))
    assert json.loads(inline)["config"] == json.loads(json.dumps(mapwidget.map_args(URL, 640)["config"]))


def test_the_configuration_route(no_warmup: list[str]) -> None:
    status, headers, body = get(early_map.EARLY_MAP_URL)
    assert status == 503 and headers["cache-control"] == "no-store"  # the page draws its map itself
    no_warmup.append(URL)
    status, _, body = get(early_map.EARLY_MAP_URL)
    assert status == 200 and json.loads(body)["config"]["dataUrl"] == URL


def test_other_pages_are_left_to_streamlit() -> None:
    paths = {getattr(route, "path", None) for route in early_map.routes()}
    assert paths == {*early_map.MAP_PAGE_PATHS, early_map.EARLY_MAP_URL}


def test_no_routes_when_streamlits_index_is_not_as_expected(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(early_map, "map_page_html", lambda: None)
    assert early_map.routes() == []


def test_the_dashboard_serves_the_routes() -> None:
    import dashboard

    assert {getattr(r, "path", None) for r in dashboard.app._user_routes} >= set(early_map.MAP_PAGE_PATHS)


# --- the scripts ----------------------------------------------------------------------------------


def test_the_scripts_name_the_loader_where_the_server_serves_it() -> None:
    assert f'const LOADER = "{early_map.LOADER_URL}";' in COMPONENT_JS.read_text(encoding="utf-8")
    assert (ROOT / early_map.LOADER_URL.removeprefix("/app/")).is_file()


def test_the_loader_builds_no_markup() -> None:
    source = "\n".join(line.split("//", 1)[0] for line in LOADER_JS.read_text(encoding="utf-8").splitlines())
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function"):
        assert sink not in source, sink
