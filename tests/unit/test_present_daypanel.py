"""present.daypanel: the Map page's day panel as one escaped HTML fragment."""

from __future__ import annotations

import re

from present.daypanel import NO_EVENT_YET, NOT_ON_DAY, event_choice, panel_html

HOSTILE = '*bold* <script>x</script> [a](javascript:1) "q" \'s'


def panel(**changes: object) -> str:
    parts: dict[str, object] = {
        "titles": {"ev-a": "First", "ev-b": "Second"},
        "selected": "ev-b",
        "status": '<div class="cm-status">S</div>',
        "annotation": '<div class="cm-event" data-event="ev-b">A</div>',
        "not_on_day": False,
        "in_progress": (),
    }
    parts.update(changes)
    return panel_html(**parts)  # type: ignore[arg-type]


def test_a_day_with_several_events_offers_them_with_the_shown_one_checked() -> None:
    html_text = panel()
    assert re.findall(r'value="([^"]+)"( checked)?>', html_text) == [("ev-a", ""), ("ev-b", " checked")]
    assert "<legend>Events on this day</legend>" in html_text
    assert html_text.index("cm-day-events") < html_text.index("cm-status") < html_text.index("cm-event")


def test_one_event_offers_no_choice() -> None:
    assert event_choice({"ev-a": "First"}, "ev-a") == ""
    assert "cm-day-events" not in panel(titles={"ev-b": "Second"})


def test_before_the_first_event_the_panel_says_so_and_shows_no_event() -> None:
    html_text = panel(titles={}, selected=None)
    assert NO_EVENT_YET in html_text
    assert "cm-event" not in html_text and "cm-status" not in html_text


def test_a_day_without_its_own_event_says_the_latest_is_shown() -> None:
    assert NOT_ON_DAY in panel(not_on_day=True)
    assert NOT_ON_DAY not in panel()


def test_titles_ids_and_in_progress_lines_are_escaped() -> None:
    html_text = panel(titles={'ev-"x"': HOSTILE, "ev-b": "Second"}, in_progress=(f"In progress: {HOSTILE}",))
    assert "<script>" not in html_text
    assert "&lt;script&gt;x&lt;/script&gt;" in html_text
    assert 'value="ev-&quot;x&quot;"' in html_text
    assert html_text.count("&quot;q&quot; &#x27;s") == 2  # the radio label and the caption
