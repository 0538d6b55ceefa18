"""The Map page's HTML with the map's loader in it, and the map that loader draws ahead of the page.

Streamlit serves one index.html for every page. For the Map page (``/`` and ``/map``) the server
(dashboard.py's ``st.App``) serves the same file with one more script, static/app/map_loader.js, and,
once the server's warm-up has loaded the data, the map's configuration and a preload of its data
(before that, the loader asks ``EARLY_MAP_URL``). While Streamlit's own scripts start and the first
run is on its way, the loader loads Leaflet and the map data and draws the base map off screen; the
map component takes that map when it mounts (issue 13's cold start). Nothing else changes: without the
loader (another page first, or an index.html this module does not recognise) the component loads the
same files itself, as before.
"""

from __future__ import annotations

import functools
import html
import json
import logging
from pathlib import Path
from typing import Any

from layers.assets import STATIC_URL

LOG = logging.getLogger(__name__)

EARLY_MAP_URL = "/api/early-map"
LOADER_URL = f"{STATIC_URL}/app/map_loader.js"
MAP_PAGE_PATHS = ("/", "/map")  # dashboard.py: the Map page is the default page, at /map
ARGS_ID = "cm-early-map"
LOADER_TAG = f'<script src="{LOADER_URL}" data-early="{EARLY_MAP_URL}" async></script>'
WAIT_FOR_WARMUP_S = 30.0
HEAD_END = "</head>"


def with_loader(index_html: str) -> str | None:
    """``index_html`` with the loader's script at the end of its head; None without one ``</head>``."""
    if index_html.count(HEAD_END) != 1:
        return None
    return index_html.replace(HEAD_END, LOADER_TAG + "\n" + HEAD_END)


def with_args(page: str, args: dict[str, Any]) -> str:
    """The Map page (``with_loader``'s) with the early map's configuration in it, and its map data
    asked for as the page is read: the loader then needs no request of its own before it starts."""
    as_json = json.dumps(args, separators=(",", ":"))
    for char, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):  # no </script> in it
        as_json = as_json.replace(char, escaped)
    data_url = html.escape(str(args["config"]["dataUrl"]), quote=True)
    head = (
        f'<link rel="preload" href="{data_url}" as="fetch" crossorigin>\n'
        f'<script id="{ARGS_ID}" type="application/json">{as_json}</script>\n'
    )
    return page.replace(LOADER_TAG, head + LOADER_TAG.replace(" async>", f' data-args="{ARGS_ID}" async>'))


@functools.cache
def map_page_html() -> str | None:
    """Streamlit's index.html with the loader in it; None (and a log line) if it cannot be made."""
    from streamlit import file_util  # noqa: PLC0415

    index = Path(file_util.get_static_dir()) / "index.html"
    try:
        page = with_loader(index.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        LOG.warning("the Map page is served without its early map: %s", exc)
        return None
    if page is None:
        LOG.warning("the Map page is served without its early map: %s has no single </head>", index)
    return page


def early_map_args(wait_s: float = WAIT_FOR_WARMUP_S) -> dict[str, Any] | None:
    """What the Map page's component is sent for a session without imported events, besides the
    day's state (ui/mapwidget.map_args), and the layers it shows by default; None if the server's
    warm-up, which loads the same data, has not done so within ``wait_s``."""
    from ui import warmup  # noqa: PLC0415

    url = warmup.loaded_bundle_url(wait_s)
    if url is None:
        return None
    from layers.catalogue import DEFAULT_VISIBLE, TOGGLE_KEYS  # noqa: PLC0415
    from ui import mapwidget  # noqa: PLC0415 - imported by the warm-up that loaded url

    layers = [key for key in TOGGLE_KEYS if key in DEFAULT_VISIBLE]  # as the page's first run shows them
    return {**mapwidget.map_args(url, mapwidget.MAP_PAGE_HEIGHT), "layers": layers}


def routes() -> list[Any]:
    """The Starlette routes: the Map page's HTML and the early map's configuration. None when
    Streamlit's index.html is not as expected (Streamlit then serves every page as it does)."""
    import anyio.to_thread  # noqa: PLC0415
    from starlette.requests import Request  # noqa: PLC0415
    from starlette.responses import HTMLResponse, JSONResponse, Response  # noqa: PLC0415
    from starlette.routing import Route  # noqa: PLC0415

    page = map_page_html()
    if page is None:
        return []

    async def map_page(_request: Request) -> Response:
        args = early_map_args(wait_s=0)  # in the page if the warm-up is done (no waiting); else the loader asks
        body = page if args is None else with_args(page, args)
        return HTMLResponse(body, headers={"Cache-Control": "no-cache"})  # as Streamlit serves index.html

    async def early_map(_request: Request) -> Response:
        args = await anyio.to_thread.run_sync(early_map_args)
        if args is None:  # not loaded, or failed: the page draws its map itself, and reports the problem
            return JSONResponse({"error": "no map data loaded"}, status_code=503, headers={"Cache-Control": "no-store"})
        return JSONResponse(args, headers={"Cache-Control": "no-store"})

    return [
        *(Route(path, map_page, methods=["GET", "HEAD"]) for path in MAP_PAGE_PATHS),
        Route(EARLY_MAP_URL, early_map, methods=["GET"]),
    ]
