"""One owner for session and URL state (issue 14): pages ask ui/state.py, they never touch
``st.session_state`` or ``st.query_params`` themselves, and no page grows past ~150 lines."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PAGES = sorted((ROOT / "app_pages").glob("*.py"))
OWNER = ROOT / "ui" / "state.py"
STATE = re.compile(r"session_state|query_params")
MAX_PAGE_LINES = 180  # the issue's ~150, with room for a docstring


def state_lines(path: Path) -> list[str]:
    """Lines of ``path`` that name session state or the query parameters."""
    return [line for line in path.read_text(encoding="utf-8").splitlines() if STATE.search(line)]


def test_the_pattern_finds_what_it_looks_for() -> None:
    assert STATE.search('st.session_state["date"] = day')
    assert STATE.search("st.query_params.from_dict(params)")
    assert not STATE.search("state.go_to(day, tl)")


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_pages_never_touch_session_state(page: Path) -> None:
    assert state_lines(page) == []


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_pages_are_thin(page: Path) -> None:
    assert len(page.read_text(encoding="utf-8").splitlines()) <= MAX_PAGE_LINES


def test_only_the_owner_writes_the_date_key() -> None:
    """The selected date (keys.DATE) is written in ui/state.py only; widgets read it by key."""
    writers = [
        path.relative_to(ROOT).as_posix()
        for path in [*sorted((ROOT / "ui").glob("*.py")), *PAGES, ROOT / "dashboard.py"]
        if path != OWNER and re.search(r"session_state\[keys\.DATE\]\s*=", path.read_text(encoding="utf-8"))
    ]
    assert writers == []
    assert "session_state[keys.DATE] =" in OWNER.read_text(encoding="utf-8")


def test_in_ui_only_the_owner_touches_session_state() -> None:
    others = [p.name for p in sorted((ROOT / "ui").glob("*.py")) if p != OWNER and state_lines(p)]
    assert others == []
