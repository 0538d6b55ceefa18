"""The text helpers: the one place where text from data becomes HTML, Markdown or a file name.

Everything shown in a popup, tooltip or label goes through ``escape`` (or ``safe_link``), so a
place name like ``<img src=x onerror=alert(1)>`` is displayed as text and never runs.
"""

from __future__ import annotations

import html
import json
import re
from typing import Any

SAFE_SCHEMES = ("https://", "http://")
_UNSAFE_IN_NAME = re.compile(r"[^A-Za-z0-9._-]+")


def escape(value: object) -> str:
    """HTML-escape any value (quotes included), turning None into an empty string."""
    if value is None:
        return ""
    return html.escape(str(value), quote=True)


def safe_link(url: str | None, label: str) -> str:
    """An <a> to an http(s) URL with escaped text; any other scheme yields the label alone."""
    if not url or not url.lower().startswith(SAFE_SCHEMES):
        return escape(label)
    return f'<a href="{escape(url)}" target="_blank" rel="noopener noreferrer">{escape(label)}</a>'


def js_json(value: Any) -> str:
    """JSON for embedding inside a <script>: '<', '>' and '&' are escaped so that a string
    holding '</script>' cannot end the script element."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def html_list(lines: list[str]) -> str:
    """An HTML bullet list of escaped plain-text lines."""
    return "<ul>" + "".join(f"<li>{escape(line)}</li>" for line in lines) + "</ul>"


MARKDOWN_SPECIALS = "\\`*_{}[]()<>#+-.!|~$:"


def markdown_text(value: object) -> str:
    """Text for places Streamlit renders as Markdown (widget labels, captions): every Markdown
    character is backslash-escaped, so data shows verbatim and links or images never form."""
    text = "" if value is None else str(value)
    return "".join("\\" + ch if ch in MARKDOWN_SPECIALS else ch for ch in text)


def slug(value: str, strip: str = "-") -> str:
    """``value`` safe as a file name or id anywhere: each run of characters other than ASCII letters,
    digits, '.', '_' and '-' becomes one '-', and ``strip`` is stripped from both ends."""
    return _UNSAFE_IN_NAME.sub("-", value).strip(strip)
