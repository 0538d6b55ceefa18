"""The Timeline page's chart: each event at its map day, spans as bars, coloured by origin."""

from __future__ import annotations

from collections.abc import Sequence

import altair as alt
import pandas as pd
import streamlit as st

from corridor.records import Event

MONTH_MS = 31 * 24 * 3600 * 1000  # no two date ticks closer than a month: labels show month and year
EDGE_PX = 14  # room at both ends of the time axis: an event on the first or last day is drawn whole
# The origin legend above the plot, not at its right: there the last day's point sat against it and
# read as one of its symbols.
# Its symbols as the points are drawn (the spans' rule layer, first, would lend them its paler 0.5).
POINT_OPACITY = 0.85
ORIGIN = alt.Color(
    "origin:N",
    title="Origin",
    legend=alt.Legend(orient="top", direction="horizontal", symbolType="circle", symbolOpacity=POINT_OPACITY),
)
TYPE_LABEL_PX = 240  # event types such as "Strategic developments" whole (Vega cuts labels at 180 px)


def time_chart(rows: pd.DataFrame, shown: Sequence[Event]) -> None:
    """Draw the chart of the table's rows (``shown`` are the same events, in the same order)."""
    chart_rows = rows.assign(
        first=pd.to_datetime([e.date.first for e in shown]),
        last=pd.to_datetime([e.date.last for e in shown]),
        day=pd.to_datetime(rows["map_day"]),
    )
    base = alt.Chart(chart_rows).encode(y=alt.Y("event_type:N", title=None, axis=alt.Axis(labelLimit=TYPE_LABEL_PX)))
    spans = (
        base.transform_filter("datum.first < datum.last")
        .mark_rule(strokeWidth=4, opacity=0.5)
        .encode(x=alt.X("first:T", title=None), x2="last:T", color=ORIGIN)
    )
    points = base.mark_circle(size=90, opacity=POINT_OPACITY).encode(
        x=alt.X(
            "day:T",
            title="Date (map day)",
            axis=alt.Axis(format="%b %Y", labelAngle=0, tickMinStep=MONTH_MS, labelOverlap="greedy"),
            scale=alt.Scale(padding=EDGE_PX),
        ),
        color=ORIGIN,
        tooltip=[
            alt.Tooltip("date:N", title="Date"),
            alt.Tooltip("title:N", title="Title"),
            alt.Tooltip("actors:N", title="Actors"),
            alt.Tooltip("confidence:N", title="Confidence"),
        ],
    )
    st.altair_chart((spans + points).properties(height=alt.Step(28)), width="stretch")
