"""Copy the Natural Earth region outlines from the research pack into geo/, with their provenance.

Reads ``../shared/data/region/`` (see its PROVENANCE.md) and writes four files into geo/. The
geometry is copied unchanged; each feature gets the project's fields (id, title, dates, source,
licence, confidence, caveat) and keeps the Natural Earth identifiers it came with. Run once; the
geo/ files are then the source of truth (documented in geo/README.md).

    .venv/bin/python scripts/build_region.py [--pack ../shared/data/region]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parent.parent
GEO_DIR = REPO_ROOT / "geo"
DEFAULT_PACK = REPO_ROOT.parent / "shared" / "data" / "region"
CRS = {"type": "name", "properties": {"name": "urn:ogc:def:crs:OGC:1.3:CRS84"}}
NE_LICENCE = "Public domain (Natural Earth; 'Made with Natural Earth')"
DE_FACTO = (
    "De facto control, not sovereignty: internationally part of Azerbaijan; "
    "called the Republic of Artsakh by the Armenian side."
)
NK_CAVEAT = (
    "Natural Earth's 1:10m approximation of the line of contact after the 9/10 Nov 2020 statement, "
    "not an officially delimited zone (no dataset of the Russian peacekeeping zone was found)."
)
NK_DISAGREEMENT = (
    "Its corridor strip follows the road used until 30 Aug 2022 (through Lachin town); it does not show "
    "the Aug 2022 re-routing or the handover of Lachin, Sus and Zabukh (26 Aug 2022), so the later roads "
    "and the Hakari bridge may fall outside it. The polygon is shown as published, not edited."
)
NK_FORMER = (
    "After 19-20 Sep 2023 the Azerbaijani army took control of the area: the polygon describes control "
    "until 20 Sep 2023 and is drawn after that only as a faint dashed 'former' outline."
)


def _collection(name: str, features: list[dict[str, Any]]) -> dict[str, Any]:
    return {"type": "FeatureCollection", "name": name, "crs": CRS, "features": features}


def _feature(geometry: dict[str, Any], **props: Any) -> dict[str, Any]:
    return {"type": "Feature", "properties": props, "geometry": geometry}


def _pack_features(pack: Path, filename: str) -> list[dict[str, Any]]:
    """The features of one file of the research pack."""
    return json.loads((pack / filename).read_text(encoding="utf-8"))["features"]


def _one_feature(name: str, src: dict[str, Any], **props: Any) -> dict[str, Any]:
    """A collection of one feature: ``src``'s geometry with the project's properties."""
    return _collection(name, [_feature(src["geometry"], **props)])


def nk_2020(pack: Path) -> dict[str, Any]:
    src = _pack_features(pack, "nk_artsakh_2020_ne_v5.geojson")[0]
    ne = src["properties"]
    return _one_feature(
        "nk_de_facto_2020",
        src,
        id="nk_de_facto_2020",
        title="Area held by the Nagorno-Karabakh (Artsakh) authorities after the 9/10 Nov 2020 statement",
        layer="nk_2020",
        status_note=DE_FACTO,
        valid_from="2020-11-10",
        valid_to="2023-09-20",
        after="former",
        caveat=f"{NK_CAVEAT} {NK_DISAGREEMENT}",
        disagreement=NK_DISAGREEMENT,
        former_note=NK_FORMER,
        source=(
            "Natural Earth v5 ne_10m_admin_0_disputed_areas, feature BRK_A3 B38 "
            f"(NE_ID {ne['NE_ID']}), nvkelso/natural-earth-vector commit 117488dc88, transcribed verbatim"
        ),
        licence=NE_LICENCE,
        confidence="medium",
        area_km2_utm38n=3135,
        ne_brk_a3=ne["BRK_A3"],
        ne_brk_name=ne["BRK_NAME"],
        ne_formal_en=ne["FORMAL_EN"],
        ne_note=ne["NOTE_BRK"],
        ne_id=ne["NE_ID"],
    )


def nkao(pack: Path) -> dict[str, Any]:
    src = _pack_features(pack, "nkao_1991_polygon_derived_ne_v4.geojson")[0]
    props = src["properties"]
    return _one_feature(
        "nkao_1991_derived",
        src,
        id="nkao_1923_1991",
        title="Former Nagorno-Karabakh Autonomous Oblast (NKAO), 1923-1991: historical boundary (derived)",
        layer="nkao",
        status_note="A Soviet-era administrative boundary, shown for reference; not a current line of control.",
        derived=True,
        derivation=props["derivation"],
        caveat=(
            "Derived: approximate, at Natural Earth 1:10m generalisation "
            f"({props['area_km2_utm38n']:,} km2 against the official 4,388 km2)."
        ),
        source="Natural Earth v4.0.0 ne_10m_admin_0_boundary_lines_disputed_areas, 'Former USSR oblast in 1991'",
        licence=NE_LICENCE,
        confidence="low",
        area_km2_utm38n=props["area_km2_utm38n"],
    )


def edges(pack: Path) -> dict[str, Any]:
    src = _pack_features(pack, "lachin_corridor_edges_2020_ne_v5.geojson")
    return _collection(
        "lachin_corridor_edges_2020",
        [
            _feature(
                f["geometry"],
                id=f"corridor_edge_2020_{i}",
                title="Edge of the 2020 Lachin corridor strip (Natural Earth 'Ceasefire Line 2020')",
                layer="edges",
                valid_from="2020-11-10",
                valid_to="2022-08-30",
                after="hidden",
                caveat=(
                    "One side of the corridor strip of the 2020 polygon outside the former NKAO; follows the "
                    "road used until 30 Aug 2022. Natural Earth approximation, not a delimited line."
                ),
                source=(
                    "Natural Earth v5 ne_10m_admin_0_boundary_lines_disputed_areas (commit 6a9da465f6), "
                    f"ne_id {f['properties']['ne_id']}"
                ),
                licence=NE_LICENCE,
                confidence="medium",
                ne_id=f["properties"]["ne_id"],
            )
            for i, f in enumerate(src, start=1)
        ],
    )


RIVER_NOTES = {
    "Vorotan": "Natural Earth's line named Vorotan (alternative name Akera) follows only the lower Akera below "
    "Gubadly; the Hakari (Akera) river at the Hakari bridge is in no Natural Earth layer and is not drawn.",
}


def rivers(pack: Path) -> dict[str, Any]:
    src = _pack_features(pack, "rivers_ne_v4_clipped.geojson")
    return _collection(
        "rivers",
        [
            _feature(
                f["geometry"],
                id=f"river_{f['properties']['name'].lower()}",
                title=f"{f['properties']['name']} river",
                name=f["properties"]["name"],
                layer="rivers",
                caveat=RIVER_NOTES.get(f["properties"]["name"], "Natural Earth 1:10m centreline, generalised."),
                source=f"Natural Earth v4.0.0 {f['properties']['source_layer']}, clipped to 45.5-47.6E 38.9-40.5N",
                licence=NE_LICENCE,
                confidence="medium",
            )
            for f in src
        ],
    )


OUTPUTS = {
    "nk_de_facto_2020.geojson": nk_2020,
    "nkao_1991_derived.geojson": nkao,
    "lachin_corridor_edges_2020.geojson": edges,
    "rivers.geojson": rivers,
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pack", type=Path, default=DEFAULT_PACK)
    args = parser.parse_args(argv)
    for name, build in OUTPUTS.items():
        doc = build(args.pack)
        (GEO_DIR / name).write_text(json.dumps(doc, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        print(f"wrote geo/{name}: {len(doc['features'])} features")
    return 0


if __name__ == "__main__":
    sys.exit(main())
