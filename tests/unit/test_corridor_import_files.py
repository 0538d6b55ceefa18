"""corridor.import_files: an upload read into rows (CSV, GeoJSON, events.json; UTF-8, UTF-16, Windows-1252),
or refused with a message."""

from __future__ import annotations

import pytest

from corridor.errors import DataError
from corridor.import_files import MAX_IMPORT_BYTES, read_table


def test_semicolon_csv_with_bom_is_read() -> None:
    t = read_table("\ufeffevent_date;event_type;notes\n2023-01-01;X;a, b\n".encode(), "x.csv")
    assert t.columns == ("event_date", "event_type", "notes")
    assert t.rows[0]["notes"] == "a, b"


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (b"x" * (MAX_IMPORT_BYTES + 1), "big.csv", "larger than 20 MB"),
        (b"event_date\n\x00\x01\n", "binary.csv", "NUL bytes: it is not a text file"),
        (b'{"type": "FeatureCollection", "features": []}', "none.geojson", "FeatureCollection has no features"),
        (b"event_date,event_type\n", "header.csv", "a header but no rows"),
        (b"   \n", "empty.csv", "empty"),
        (b"date,date\n1,2\n", "twice.csv", "repeated column names"),
        (b'{"type": "Feature"}', "one.geojson", "FeatureCollection"),
        (b"{not json", "broken.json", "not valid JSON"),
    ],
)
def test_unreadable_files_are_refused_with_a_message(data: bytes, name: str, message: str) -> None:
    with pytest.raises(DataError, match=message):
        read_table(data, name)


def test_windows_1252_is_read_with_a_notice() -> None:
    data = "event_date,event_type,notes\n2023-04-23,Protests,Stepanakert – café “Ağdam”\n".encode("cp1252", "replace")
    table = read_table(data, "w.csv")
    assert table.rows[0]["notes"] == "Stepanakert – café “A?dam”"  # ğ is not in Windows-1252: Excel wrote "?"
    (notice,) = table.notices
    assert "not UTF-8" in notice and "Windows-1252" in notice
    latin = read_table(b"event_date,event_type,notes\n2023-04-23,X,\x81\xe9\n", "l.csv")
    assert latin.rows[0]["notes"] == "\x81é" and "Latin-1" in latin.notices[0]
    assert read_table(b"event_date\n2023-01-01\n", "u.csv").notices == ()


def test_utf16_with_a_byte_order_mark_is_read() -> None:
    table = read_table("event_date\tevent_type\n2023-04-23\tProtests\n".encode("utf-16"), "excel.txt")
    assert table.rows == ({"event_date": "2023-04-23", "event_type": "Protests"},)
