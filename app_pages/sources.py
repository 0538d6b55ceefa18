"""The Sources page: every statement with all its renderings, every feature's provenance, and every
correction or caveat the data states. Data text is shown in tables, or as HTML escaped by corridor.text;
it never goes through Markdown."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import pandas as pd
import streamlit as st

from corridor.catalogue import GEO_DIR
from corridor.export_table import FEATURE_LAYERS, features_frame
from corridor.filters import row_matches
from corridor.provenance import corrections, region_caveats, rendering_rows
from corridor.text import escape, html_list, markdown_text
from present.annotation import PANEL_CSS, statement_html
from present.source_text import source_text_html, source_text_label, whose_words
from ui import data, keys, state
from ui.errors import load_or_stop

GROUPINGS = {"speaker": "Speaker", "event": "Event"}
RENDERING_COLUMNS = {
    "said": st.column_config.TextColumn("Said", width=110),
    "speaker": "Speaker",
    "outlet": "Outlet",
    "wording": st.column_config.TextColumn("Wording (verbatim, as the outlet prints it)", width="large"),
    "whose_words": st.column_config.TextColumn("Whose words", width="medium"),
    "attribution": "Attribution",
    "published": "Published",
    "url": st.column_config.LinkColumn("URL"),
    "url_note": "No URL because",
    "confidence": "Confidence",
    "note": st.column_config.TextColumn("Note", width="medium"),
    "statement": "Statement id",
}
PROVENANCE_COLUMNS = ["layer", "id", "title", "source", "confidence", "schematic", "derived", "uncertainty_m", "note"]


def html_block(markup: str) -> None:
    """Show escaped HTML as one raw-HTML block (no blank line, so Markdown never parses inside it)."""
    st.markdown(" ".join(markup.split("\n")), unsafe_allow_html=True)


def table(rows: list[dict[str, Any]] | pd.DataFrame, **options: Any) -> None:
    """A read-only table (text in a table is never interpreted as Markdown or HTML)."""
    st.dataframe(pd.DataFrame(rows), hide_index=True, **options)


ds = load_or_stop(data.active_timeline).dataset
st.title("Sources")
st.caption(
    "Every statement as each outlet or official text renders it, word for word; where each feature on the "
    "map comes from; and the corrections and caveats the data itself states."
)
group_col, search_col = st.columns([1, 2])  # both kept across page switches (fixed options: nothing to refit)
grouping = group_col.radio(
    "Group statements by",
    list(GROUPINGS),
    format_func=GROUPINGS.__getitem__,
    key=keys.SOURCES_GROUPING,
    horizontal=True,
    persist_state=state.KEPT,
)
query = search_col.text_input(
    "Search", key=keys.SOURCES_SEARCH, placeholder="Speaker, outlet, words of a quote…", persist_state=state.KEPT
)

st.header("Statements and their renderings")
rows = [
    {**r, "whose_words": whose_words(r["attribution"], r["verbatim_of"])}
    for r in rendering_rows(ds)
    if row_matches(r, query)
]
st.caption(f"{len(rows)} renderings of {len({r['statement'] for r in rows})} statements match.")
groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
for row in rows:
    event = ds.event(row["event"])
    groups[row["speaker"] if grouping == "speaker" else f"{event.date.label} · {event.title}"].append(row)
st.markdown(PANEL_CSS, unsafe_allow_html=True)
for name, items in groups.items():
    html_block(f'<h4 class="cm-source-group">{escape(name)}</h4>')
    table([{c: r[c] for c in RENDERING_COLUMNS} for r in items], column_config=RENDERING_COLUMNS)
    with st.expander("Read these wordings in full"):
        for statement_id in dict.fromkeys(r["statement"] for r in items):
            html_block(statement_html(ds, ds.statement(statement_id)))

st.header("Where each feature comes from")
st.caption("Coordinates' source, confidence, and whether a feature is schematic, derived or illustrative.")
provenance = pd.DataFrame(features_frame(ds, FEATURE_LAYERS).drop(columns="geometry"))[PROVENANCE_COLUMNS]
provenance = provenance[[row_matches(r, query) for r in provenance.to_dict("records")]]
table(provenance, column_config={"source": st.column_config.TextColumn("Source", width="large")})

st.header("The region outlines: what they show, where the data disagree, what is not drawn")
st.caption(
    "Natural Earth outlines of de facto control and of the former NKAO, shown as published: not sovereignty, "
    "not delimited lines."
)
region_notes = html_list([f"{about}: {text}" for about, text in region_caveats(ds)])
html_block(f'<div class="cm-region-caveats">{region_notes}</div>')

st.header("Corrections and caveats")
st.caption("As the data files and geo/README.md state them.")
readme = (GEO_DIR / "README.md").read_text(encoding="utf-8")
notes = [f"{about}: {text}" for about, text in corrections(ds, readme) if row_matches({"a": about, "t": text}, query)]
if notes:
    html_block(html_list(notes))
else:
    st.caption("No correction matches the search.")

st.header("Publications")
publications = [
    {
        "outlet": s.outlet,
        "title": s.title,
        "published": s.published.label if s.published else "",
        "url": s.url,
        "url_note": s.url_note,
        "kind": s.kind,
        "note": s.note,
        "id": s.id,
    }
    for s in ds.sources
]
# The search also reads each source's stored text, so words of a quote find the source it comes from.
matched = [
    (s, p)
    for s, p in zip(ds.sources, publications, strict=True)
    if row_matches({**p, "text": " ".join(s.paragraphs)}, query)
]
table(
    [p for _, p in matched],
    column_config={"url": st.column_config.LinkColumn("URL"), "title": st.column_config.TextColumn(width="large")},
)

st.subheader("Stored source text")
st.caption(
    "The paragraphs each source stores, as printed, so that every quote can be checked against its source. "
    "A quote cut short marks the omission with an ellipsis (…)."
)
for source, _ in matched:
    if source.paragraphs:
        with st.expander(markdown_text(source_text_label(source)), expanded=False):
            html_block(source_text_html(source))
missing = [source for source, _ in matched if not source.paragraphs]
if missing:
    html_block(
        '<div class="cm-source-text-missing"><b>No text stored yet for:</b>'
        + html_list([f"{s.outlet}, {s.title} ({s.id})" for s in missing])
        + "</div>"
    )
