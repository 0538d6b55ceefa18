"""The Map page's day panel as one HTML fragment: the day's events to choose from, the event, its
status and what each side said, and what was in progress.

Built in Python, escaped here, and only inserted by the browser (``static/app/day_panel.js``), so
the panel a step shows before the server answers is the very text the server would send.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from corridor.text import escape

NO_EVENT_YET = "No event has happened by this day."
NOT_ON_DAY = "No event on this day; the latest event before it is shown."
CHOOSE_LEGEND = "Events on this day"


def event_choice(titles: Mapping[str, str], selected: str | None) -> str:
    """Radio buttons for a day with several events (none for one event or none)."""
    if len(titles) < 2:
        return ""
    options = "".join(
        f'<label class="cm-day-choice"><input type="radio" name="cm-day-event" value="{escape(eid)}"'
        + (" checked" if eid == selected else "")
        + f"> {escape(title)}</label>"
        for eid, title in titles.items()
    )
    return f'<fieldset class="cm-day-events"><legend>{CHOOSE_LEGEND}</legend>{options}</fieldset>'


def panel_html(
    *,
    titles: Mapping[str, str],
    selected: str | None,
    status: str,
    annotation: str,
    not_on_day: bool,
    in_progress: Sequence[str],
) -> str:
    """The panel for one day. ``titles`` (id -> plain title) and ``in_progress`` (plain lines) are
    escaped here; ``status`` and ``annotation`` are HTML already built from escaped data."""
    parts = [event_choice(titles, selected)]
    if selected is None:
        parts.append(f'<div class="cm-day-info" role="note">{NO_EVENT_YET}</div>')
    else:
        if not_on_day:
            parts.append(f'<p class="cm-day-caption">{NOT_ON_DAY}</p>')
        parts.append(status)
        parts.append(annotation)
    parts.extend(f'<p class="cm-day-caption">{escape(line)}</p>' for line in in_progress)
    return "".join(parts)
