"""Hostile deep links: parse_view falls back to defaults with a message, and the message is inert.

The map page shows each problem with st.warning, which renders markdown. A link value must
therefore come back inside a code span (where markdown and HTML are shown as text), so that
'?date=[Log in](https://evil.example)' cannot put a link, an image or HTML on the page.
The AppTest half opens the real page with such links: no exception, warnings shown, defaults used.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from corridor.loader import load_dataset
from corridor.naming import DEFAULT_NAMING
from corridor.view import MAX_PARAM_CHARS, ParsedView, View, parse_view
from layers.catalogue import DEFAULT_VISIBLE, TOGGLE_KEYS
from tests.hardening.conftest import assert_markdown_inert

ROOT = Path(__file__).resolve().parents[2]
KNOWN_EVENTS = {e.id: e.anchor for e in load_dataset().events}
DEFAULT_VIEW = View(layers=DEFAULT_VISIBLE)
PARAMS = ("date", "event", "layers", "naming", "tiles")
HOSTILE = (
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "[Log in](https://evil.example/login)",
    "![p](https://t.invalid/p.png)",
    "[x](javascript:alert(1))",
    "`code` **bold** _it_",
    "javascript:alert(1)",
    "2023-04-23<script>",
    "2023-02-30",
    "23/04/2023",
    "\x00\n\r\t",
    "\ud800",
    "%3Cscript%3E",
    "{{7*7}}",
    "ev-2023-04-23-checkpoint\x00",
)


def parse(params: dict[str, Any]) -> ParsedView:
    return parse_view(params, known_layers=TOGGLE_KEYS, default_layers=DEFAULT_VISIBLE, known_events=KNOWN_EVENTS)


def test_a_valid_link_has_no_problem() -> None:
    parsed = parse({"date": "2023-04-23", "event": "ev-2023-04-23-checkpoint", "layers": "corridor,places"})
    assert parsed.problems == ()
    assert parsed.view.day == dt.date(2023, 4, 23)
    assert parsed.view.layers == ("corridor", "places")


@pytest.mark.parametrize("name", PARAMS)
@pytest.mark.parametrize("value", HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_value_falls_back_with_one_inert_message(name: str, value: str) -> None:
    parsed = parse({name: value})
    assert parsed.view == DEFAULT_VIEW
    (problem,) = parsed.problems
    assert len(problem) < 300
    assert_markdown_inert(problem)


@pytest.mark.parametrize("name", PARAMS)
def test_overlong_value_is_ignored(name: str) -> None:
    parsed = parse({name: "[x](https://evil.example)" * (MAX_PARAM_CHARS // 10)})
    assert parsed.view == DEFAULT_VIEW
    (problem,) = parsed.problems
    assert "too long" in problem
    assert_markdown_inert(problem)


@pytest.mark.parametrize(
    "value", [None, [], ["2023-04-23"], ["bad", "2023-04-23"], 20230423, 2.5, {"a": 1}, b"2023-04-23", object()]
)
def test_odd_python_values_never_raise(value: object) -> None:
    parsed = parse({"date": value, "event": value, "layers": value, "naming": value, "tiles": value})
    assert parsed.view.naming == DEFAULT_NAMING
    for problem in parsed.problems:
        assert_markdown_inert(problem)


def test_backticks_cannot_close_the_code_span() -> None:
    (problem,) = parse({"date": "`[x](https://evil.example)`"}).problems
    assert_markdown_inert(problem)
    assert "https://evil.example" in problem, "the value is still shown, as text"


def test_layers_list_names_at_most_five_unknowns_each_shortened() -> None:
    parsed = parse({"layers": ",".join(f"<img src=x onerror=alert({i})>" for i in range(12))})
    (problem,) = parsed.problems
    assert problem.count("`") == 10
    assert_markdown_inert(problem)
    assert parsed.view.layers == DEFAULT_VISIBLE


# --- the real page (AppTest) ----------------------------------------------------------------------


def open_page(params: dict[str, str]) -> AppTest:
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    for name, value in params.items():
        at.query_params[name] = value
    at.run()
    return at


@pytest.mark.parametrize(
    "params",
    [
        {"date": "<script>alert(1)</script>", "layers": "<img src=x onerror=alert(1)>"},
        {"date": "[Log in](https://evil.example)", "event": "![p](https://t.invalid/p.png)", "naming": "<b>x</b>"},
        {"tiles": "javascript:alert(1)", "layers": "none,<svg onload=alert(1)>", "event": "x" * 5000},
    ],
    ids=["script", "markdown", "mixed"],
)
def test_map_page_with_hostile_link_warns_and_uses_defaults(params: dict[str, str]) -> None:
    at = open_page(params)
    assert not at.exception, [e.value for e in at.exception]
    warnings = [w.value for w in at.warning]
    assert len(warnings) == len(params), warnings
    for text in warnings:
        assert_markdown_inert(text)
    assert at.sidebar.select_slider(key="date").value == dt.date(2023, 4, 23)
