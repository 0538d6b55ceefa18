"""corridor.naming: neutral place names, Armenian usage first when both are shown."""

from __future__ import annotations

import dataclasses

import pytest

from corridor.naming import DEFAULT_NAMING, NAMING_LABELS, NAMINGS, Naming, native_names, place_name
from corridor.records import Dataset


@pytest.mark.parametrize(
    ("place_id", "naming", "expected"),
    [
        ("lachin", "both", "Berdzor / Lachin"),
        ("lachin", "hy", "Berdzor"),
        ("lachin", "az", "Lachin"),
        ("stepanakert", "both", "Stepanakert / Khankendi"),
        ("stepanakert", "hy", "Stepanakert"),
        ("stepanakert", "az", "Khankendi"),
        ("shusha", "both", "Shushi / Shusha"),
        ("aghavno", "both", "Aghavno / Zabukh"),
        ("lisagor", "az", "Turshsu"),
        ("mets_shen", "both", "Mets Shen / Böyük Qaladərəsi"),
        # identical names are shown once
        ("kornidzor", "both", "Kornidzor"),
        ("kornidzor", "hy", "Kornidzor"),
        ("kornidzor", "az", "Kornidzor"),
        ("hakari_bridge", "both", "Hakari bridge"),
        # Azerbaijani usages read in Azerbaijani outlets (geo/places.geojson name_source)
        ("goris", "both", "Goris / Gorus"),
        ("goris", "az", "Gorus"),
        ("yerevan", "az", "İrəvan"),
        ("tegh", "both", "Tegh / Dığ"),
    ],
)
def test_place_name(dataset: Dataset, place_id: str, naming: Naming, expected: str) -> None:
    assert place_name(dataset.place(place_id), naming) == expected


def test_default_naming_is_both(dataset: Dataset) -> None:
    assert DEFAULT_NAMING == "both"
    assert place_name(dataset.place("lachin")) == "Berdzor / Lachin"


def test_identical_names_are_never_doubled(dataset: Dataset) -> None:
    for place in dataset.places:
        label = place_name(place, "both")
        if place.name_hy == place.name_az:
            assert label == place.name_hy
        else:
            assert label == f"{place.name_hy} / {place.name_az}"


def test_both_always_puts_the_armenian_usage_first(dataset: Dataset) -> None:
    lachin = dataset.place("lachin")
    swapped = dataclasses.replace(lachin, name_hy="Lachin", name_az="Berdzor")
    assert place_name(swapped, "both") == "Lachin / Berdzor"


@pytest.mark.parametrize(
    ("place_id", "expected"),
    [
        ("lachin", "Բերձոր · Laçın"),
        ("stepanakert", "Ստեփանակերտ · Xankəndi"),
        ("goris", "Գորիս"),  # no Azerbaijani native form
        ("baku", "Բաքու · Bakı"),
        ("hakari_bridge", "Həkəri körpüsü"),  # Azerbaijani form only
        ("kornidzor", "Կոռնիձոր"),  # no Azerbaijani native form
    ],
)
def test_native_names(dataset: Dataset, place_id: str, expected: str) -> None:
    assert native_names(dataset.place(place_id)) == expected


def test_every_naming_has_a_label() -> None:
    assert set(NAMINGS) == set(NAMING_LABELS) == {"both", "hy", "az"}
    assert NAMINGS[0] == DEFAULT_NAMING
    assert all(label.strip() for label in NAMING_LABELS.values())
