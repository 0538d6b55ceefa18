"""ui.briefing_clock: the presenter's elapsed-time clock, its HTML checked without a browser: the
same on every rerun, its start kept on the page, restarted only by its Reset button, the key escaped."""

from __future__ import annotations

import pytest

from ui import briefing_clock
from ui.briefing_clock import HEIGHT, START, clock_html, elapsed_clock


def test_the_html_is_the_same_on_every_rerun_and_fully_filled_in() -> None:
    html = clock_html()
    assert html == clock_html()  # so Streamlit keeps its iframe and the clock keeps ticking
    assert "__KEY__" not in html
    assert f'}})("{START}");' in html


def test_it_shows_the_elapsed_time_and_a_reset_button() -> None:
    html = clock_html()
    assert 'id="elapsed"' in html and ">0:00</b>" in html
    assert '<button id="reset" type="button"' in html
    assert 'getElementById("reset").addEventListener("click"' in html


def test_only_the_first_view_and_reset_set_the_start_and_no_key_does() -> None:
    """Stepping with the keys or the clicker reruns the page: the clock listens to no key, and keeps the
    start time on the Streamlit page (window.parent) unless it is not set yet."""
    html = clock_html()
    assert "if (!host[key]) { host[key] = Date.now(); }" in html
    assert html.count("host[key] = Date.now()") == 2  # first view, Reset
    assert "window.parent" in html
    assert "keydown" not in html and "keyup" not in html and "addEventListener" in html
    assert html.count("addEventListener") == 1


def test_the_key_is_escaped_for_the_script(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(briefing_clock, "START", "</script><script>alert(1)</script>")
    html = clock_html()
    assert "<script>alert(1)" not in html
    assert html.count("</script>") == 1  # only the clock's own script ends
    assert "\\u003c/script\\u003e" in html


def test_elapsed_clock_draws_the_html_in_an_iframe(monkeypatch: pytest.MonkeyPatch) -> None:
    drawn: list[tuple[str, int]] = []
    monkeypatch.setattr(briefing_clock.st, "iframe", lambda html, height: drawn.append((html, height)))
    elapsed_clock()
    assert drawn == [(clock_html(), HEIGHT)]
