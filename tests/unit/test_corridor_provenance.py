"""corridor.provenance: every rendering listed verbatim, and the corrections read from the data."""

from __future__ import annotations

from corridor.provenance import corrections, readme_section, rendering_rows
from corridor.records import Dataset


def test_every_rendering_is_listed_verbatim(dataset: Dataset) -> None:
    rows = rendering_rows(dataset)
    renderings = [r for s in dataset.statements for r in s.renderings]
    assert len(rows) == len(renderings)
    assert [row["wording"] for row in rows] == [r.text for r in renderings]
    peskov = [row for row in rows if row["statement"] == "peskov-2023-04-24-mediation"]
    assert len(peskov) == 2 and len({row["outlet"] for row in peskov}) == 2


def test_corrections_are_read_from_the_data(dataset: Dataset) -> None:
    readme = (
        "## `a.geojson`\nx\n## `admin0_region_ne10m.geojson`\nNE **Overview zoom only**: off by `1.4` km.\n## `b`\n"
    )
    found = dict(corrections(dataset, readme))
    texts = list(found.values())
    for statement in dataset.statements:
        if statement.correction:
            assert statement.correction in texts
    assert dataset.bands[0].warning in texts
    contested = dataset.event("ev-2024-01-01-dissolution-date")
    assert any(contested.title in about and contested.description in text for about, text in found.items())
    assert "NE Overview zoom only: off by 1.4 km." in texts
    assert readme_section(readme, "missing.geojson") == ""
