"""Browser and server settings shared by the benchmark tools (no project imports, so a tool can
serve another checkout of the repository without importing this one's packages)."""

from __future__ import annotations

import os
import socket

from playwright.sync_api import ViewportSize

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
VIEWPORT: ViewportSize = {"width": 1600, "height": 1000}
MAP_IFRAME = "iframe[title='streamlit_folium.st_folium']"
SLIDER = "[data-testid=stSlider] input[type=range], [data-testid=stSlider] [role=slider]"


def free_port() -> int:
    """A free TCP port on the loopback interface."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])
