"""Warm the first run while the server and the browser boot (issue 13's cold start).

``streamlit run dashboard.py`` serves the app through the ``st.App`` that dashboard.py makes when it
is imported by name (not as a session's ``__main__``); its lifespan, below, starts a thread that
imports what the map page's first run imports and loads the dataset, its timeline and the map data
bundle's URL into the same process-wide caches the pages use. A session that connects before the
thread is done imports and loads the same things itself (Python's import lock and the caches make
the two share the work, never repeat a half-done import).
"""

from __future__ import annotations

import gc
import inspect
import logging
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

LOG = logging.getLogger(__name__)


def warm() -> None:
    """Import the map page's modules, then load the data of a session without imported events and
    prune the map data bundles no one used for a month; a failure is left for the page to report.
    Not pandas (nor pyarrow): the first run does not need it
    (ui/mapwidget.py, ui/daypanel.py), and importing it here held the GIL while the server answered
    the browser (~0.7 s of the cold start)."""
    try:
        from corridor.view import View  # noqa: F401, PLC0415
        from present.annotation import legend_html  # noqa: F401, PLC0415
        from publish.static import prune_bundles  # noqa: PLC0415
        from ui import data, daypanel, display, errors, mapwidget, state, timecontrols  # noqa: F401, PLC0415

        url = data.load_default()
        _loaded.append(url)
        prune_bundles(keep=frozenset({url.rsplit("/", 1)[-1]}))  # bundles unused for a month
        warm_streamlit()
        gc.freeze()  # the loaded dataset lives as long as the process: keep it out of later collections
    except Exception:  # the page's own first run raises it again, with its message on the page
        LOG.debug("warming the first run failed", exc_info=True)


def warm_streamlit() -> None:
    """What Streamlit itself does once per process, in the first session's first run, done here.

    - ``st.set_page_config`` asks whether the page icon is an emoji: the first question compiles
      Streamlit's emoji pattern (~0.1 s), whatever the emoji.
    - The first element sent asks whether Python runs as a REPL with ``inspect.stack()``, whose first
      call maps every loaded module to its file (~0.04 s); ``inspect`` keeps that map for later calls.
    """
    from streamlit import string_util  # noqa: PLC0415

    string_util.is_emoji("\N{WORLD MAP}")
    inspect.stack()


_started: list[threading.Thread] = []
_loaded: list[str] = []  # the map data bundle's URL the warm-up loaded


def start() -> threading.Thread:
    """Warm in a daemon thread (the server does not wait for it)."""
    thread = threading.Thread(target=warm, name="warm-first-run", daemon=True)
    thread.start()
    _started.append(thread)
    return thread


def loaded_bundle_url(timeout_s: float) -> str | None:
    """The URL of the map data bundle the warm-up loaded (for a session without imported events),
    waiting at most ``timeout_s`` for it; None if it is not done by then or failed."""
    for thread in _started:
        thread.join(timeout_s)
    return _loaded[-1] if _loaded else None


@asynccontextmanager
async def lifespan(_app: Any) -> AsyncIterator[None]:
    """The ``st.App`` lifespan: start warming, serve."""
    start()
    yield
