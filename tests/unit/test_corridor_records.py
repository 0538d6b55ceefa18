"""corridor.records: validity on either side of its ends, an outline's state by day, look-ups by id."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from corridor.records import Dataset, Validity

D = dt.date.fromisoformat


@pytest.mark.parametrize(
    ("validity", "day", "holds"),
    [
        (Validity(), D("1990-01-01"), True),
        (Validity(D("2022-08-30"), None), D("2022-08-29"), False),
        (Validity(D("2022-08-30"), None), D("2022-08-30"), True),
        (Validity(None, D("2022-08-30")), D("2022-08-30"), True),
        (Validity(None, D("2022-08-30")), D("2022-08-31"), False),
    ],
)
def test_validity_holds_from_its_first_to_its_last_day_inclusive(validity: Validity, day: dt.date, holds: bool) -> None:
    assert validity.holds_on(day) is holds


def test_an_outline_is_hidden_before_its_days_and_former_or_hidden_after(dataset: Dataset) -> None:
    nk = next(f for f in dataset.region_features if f.id == "nk_de_facto_2020")
    assert nk.dated
    assert [nk.state_on(D(d)) for d in ("2020-11-09", "2020-11-10", "2023-09-20", "2023-09-21")] == [
        "hidden",
        "current",
        "current",
        "former",
    ]
    assert dataclasses.replace(nk, after="hidden").state_on(D("2023-09-21")) == "hidden"


def test_look_ups_by_id_find_the_record_or_raise_key_error(dataset: Dataset) -> None:
    event = dataset.events[0]
    assert dataset.event(event.id) is event
    assert dataset.place("goris").id == "goris"
    assert dataset.source(dataset.sources[0].id) is dataset.sources[0]
    with pytest.raises(KeyError):
        dataset.place("nowhere")
    with_statements = next(e for e in dataset.events if e.statement_ids)
    assert [s.id for s in dataset.statements_of(with_statements)] == list(with_statements.statement_ids)
