"""The Sources page under AppTest: statements with all renderings, provenance, corrections, search.

Data text must reach the page either in a table or as HTML escaped by corridor.text, never as
Markdown (which would turn *, _, [ ] and ~ in a quotation into formatting).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from corridor.catalogue import GEO_DIR
from corridor.loader import load_dataset
from corridor.provenance import readme_section
from corridor.text import escape, markdown_text
from present.annotation import statement_html
from present.source_text import source_text_html, source_text_label
from tests.apptest.dashboard_app import open_dashboard_page
from ui import keys

ROOT = Path(__file__).resolve().parents[2]
DASHBOARD = ROOT / "dashboard.py"
TIMEOUT_S = 60
DATASET = load_dataset()
RENDERINGS = [(s, r) for s in DATASET.statements for r in s.renderings]


def open_sources() -> AppTest:
    """The dashboard, moved to the Sources page."""
    return open_dashboard_page("sources")


def frames(at: AppTest) -> list[pd.DataFrame]:
    """Every table on the page, in page order."""
    return [f.value for f in at.dataframe]


def rendering_tables(at: AppTest) -> list[pd.DataFrame]:
    """The statement tables (one per group)."""
    return [f for f in frames(at) if "wording" in f.columns]


def group_headings(at: AppTest) -> list[str]:
    """The group headings' HTML."""
    return [m.value for m in at.markdown if m.value.startswith('<h4 class="cm-source-group">')]


def blank_to_none(value: object) -> object:
    """A table's missing value (NaN or None) as None."""
    return None if value is None or (isinstance(value, float) and pd.isna(value)) else value


@pytest.fixture(scope="module")
def sources() -> AppTest:
    """One Sources page, grouped by speaker, no search."""
    return open_sources()


def test_every_rendering_is_listed_verbatim_with_outlet_date_url_confidence(sources: AppTest) -> None:
    rows = pd.concat(rendering_tables(sources))
    assert len(rows) == len(RENDERINGS)
    by_wording = {(row["wording"], row["outlet"]): row for _, row in rows.iterrows()}
    assert len(by_wording) == len(RENDERINGS)  # one outlet prints a wording once
    for statement, rendering in RENDERINGS:
        source = DATASET.source(rendering.source_id)
        row = by_wording[rendering.text, source.outlet]  # verbatim: the exact stored text is a key
        assert row["outlet"] == source.outlet
        assert blank_to_none(row["url"]) == source.url
        assert row["confidence"] == rendering.confidence
        assert row["said"] == statement.date.label
        assert row["published"] == (source.published.label if source.published else "")


def test_grouped_by_speaker_then_by_event(sources: AppTest) -> None:
    speakers = list(dict.fromkeys(s.speaker for s in DATASET.statements))
    assert group_headings(sources) == [f'<h4 class="cm-source-group">{escape(s)}</h4>' for s in speakers]
    for speaker, frame in zip(speakers, rendering_tables(sources), strict=True):
        assert set(frame["speaker"]) == {speaker}
    at = open_sources()
    at.radio(key=keys.SOURCES_GROUPING).set_value("event").run()
    event_ids = list(dict.fromkeys(s.event_id for s in DATASET.statements))
    labels = [f"{DATASET.event(i).date.label} · {DATASET.event(i).title}" for i in event_ids]
    assert group_headings(at) == [f'<h4 class="cm-source-group">{escape(label)}</h4>' for label in labels]
    assert sum(len(f) for f in rendering_tables(at)) == len(RENDERINGS)


def test_full_wordings_are_escaped_html(sources: AppTest) -> None:
    bodies = [m.value for m in sources.markdown]
    for statement in DATASET.statements:
        expected = " ".join(statement_html(DATASET, statement).split("\n"))
        assert expected in bodies, statement.id


def test_no_data_text_goes_through_markdown(sources: AppTest) -> None:
    for block in sources.markdown:
        assert block.value.lstrip().startswith("<"), block.value[:80]
        assert "\n\n" not in block.value  # a blank line would end the raw-HTML block


def test_every_feature_has_its_provenance(sources: AppTest) -> None:
    (provenance,) = [f for f in frames(sources) if "schematic" in f.columns]
    expected = (
        [p.id for p in DATASET.places]
        + [r.id for r in DATASET.routes]
        + [b.id for b in DATASET.bands]
        + [f["properties"]["A3"] for f in DATASET.borders["features"]]
        + [f["properties"]["id"] for f in DATASET.region["features"]]
        + [f.id for f in DATASET.region_features]
    )
    assert list(provenance["id"]) == expected
    bridge = provenance[provenance["id"] == "hakari_bridge"].iloc[0]
    place = DATASET.place("hakari_bridge")
    assert (bridge["source"], bridge["confidence"], bridge["derived"]) == (place.source, "low", "yes")
    assert bridge["uncertainty_m"] == place.uncertainty_m
    routes = provenance[provenance["layer"] == "routes"]
    assert set(routes["schematic"]) == {"yes"}
    assert all(r.note in set(routes["note"]) for r in DATASET.routes)


def test_corrections_and_caveats_are_stated_from_the_data(sources: AppTest) -> None:
    (listing,) = [m.value for m in sources.markdown if m.value.startswith("<ul>")]
    for statement in DATASET.statements:
        if statement.correction:
            assert escape(statement.correction) in listing
    assert escape(DATASET.bands[0].warning) in listing
    contested = DATASET.event("ev-2024-01-01-dissolution-date")
    assert escape(contested.title) in listing and escape(contested.description) in listing
    readme = (GEO_DIR / "README.md").read_text(encoding="utf-8")
    ne_caveat = readme_section(readme, "admin0_region_ne10m.geojson")
    assert ne_caveat and escape(ne_caveat) in listing


def test_search_narrows_every_section() -> None:
    at = open_sources()
    at.text_input(key=keys.SOURCES_SEARCH).set_value("SERIOUS CONCERN").run()
    rows = pd.concat(rendering_tables(at))
    assert set(rows["statement"]) == {"russia-mfa-2023-04-24-serious-concern"} | {
        s.id for s, r in RENDERINGS if "serious concern" in (r.text + r.note + s.context).lower()
    }
    (listing,) = [m.value for m in at.markdown if m.value.startswith("<ul>")]
    assert listing.count("<li>") == 1 and "serious concern" in listing
    at.text_input(key=keys.SOURCES_SEARCH).set_value("nothing anywhere says this").run()
    assert rendering_tables(at) == []
    assert "No correction matches the search." in [c.value for c in at.caption]


def test_publications_are_listed_with_their_links(sources: AppTest) -> None:
    (publications,) = [f for f in frames(sources) if "kind" in f.columns]
    assert list(publications["id"]) == [s.id for s in DATASET.sources]
    assert [blank_to_none(u) for u in publications["url"]] == [s.url for s in DATASET.sources]


# --- whose words, and the stored text of each source ------------------------------------------


def test_reported_speech_and_paraphrase_are_shown_as_the_outlets_words(sources: AppTest) -> None:
    rows = pd.concat(rendering_tables(sources))
    by_wording = {(row["wording"], row["outlet"]): row for _, row in rows.iterrows()}
    for _, rendering in RENDERINGS:
        whose = by_wording[rendering.text, DATASET.source(rendering.source_id).outlet]["whose_words"]
        if rendering.attribution in ("reported", "paraphrase") or rendering.verbatim_of == "outlet":
            assert whose.startswith("The outlet's words"), (rendering.id, whose)
        else:
            assert "outlet" not in whose, (rendering.id, whose)


def test_each_source_with_stored_text_has_a_collapsed_expander_with_its_paragraphs(sources: AppTest) -> None:
    stored = [s for s in DATASET.sources if s.paragraphs]
    assert stored, "the seed article stores its paragraphs"
    labels = [e.label for e in sources.expander]
    for source in stored:
        (expander,) = [e for e in sources.expander if e.label == markdown_text(source_text_label(source))]
        (block,) = [m.value for m in expander.markdown]
        assert block == source_text_html(source)
        for paragraph in source.paragraphs:
            assert f"<p>{escape(paragraph)}</p>" in block
        assert expander.proto.expanded is False
    assert len([label for label in labels if label.startswith("Stored text")]) == len(stored)


def test_sources_without_stored_text_are_named(sources: AppTest) -> None:
    (block,) = [m.value for m in sources.markdown if m.value.startswith('<div class="cm-source-text-missing">')]
    for source in DATASET.sources:
        assert (f"({escape(source.id)})</li>" in block) is (not source.paragraphs)


def test_search_finds_a_source_by_words_of_its_stored_text() -> None:
    at = open_sources()
    at.text_input(key=keys.SOURCES_SEARCH).set_value("fulfill all the provisions").run()  # only in the seed's text
    stored = [e.label for e in at.expander if e.label.startswith("Stored text")]
    assert stored == [markdown_text(source_text_label(DATASET.source("presstv-2023-04-24")))]


def test_region_outlines_caveats_and_the_missing_river_are_stated(sources: AppTest) -> None:
    headers = [h.value for h in sources.header]
    assert any("where the data disagree" in h for h in headers)
    (block,) = [m.value for m in sources.markdown if m.value.startswith('<div class="cm-region-caveats">')]
    assert "De facto control, not sovereignty" in block
    assert "30 Aug 2022" in block and "Hakari bridge" in block
    assert "Hakari (Akera) river" in block and "not drawn" in block
    assert "former" in block


@pytest.mark.parametrize("page", ["map", "data", "timeline"])
def test_the_grouping_and_the_search_survive_a_visit_to_another_page(page: str) -> None:
    at = open_sources()
    at.radio(key=keys.SOURCES_GROUPING).set_value("event").run()
    at.text_input(key=keys.SOURCES_SEARCH).set_value("serious concern").run()
    headings, rows = group_headings(at), pd.concat(rendering_tables(at))
    assert 0 < len(rows) < len(RENDERINGS)
    assert all("·" in h for h in headings), "grouped by event: each heading is a date and a title"
    at.switch_page(f"app_pages/{page}.py").run()
    assert not at.exception, [e.value for e in at.exception]
    at.switch_page("app_pages/sources.py").run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.radio(key=keys.SOURCES_GROUPING).value == "event"
    assert at.text_input(key=keys.SOURCES_SEARCH).value == "serious concern"
    assert group_headings(at) == headings
    assert pd.concat(rendering_tables(at)).equals(rows)
