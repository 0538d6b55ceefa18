"""`python -m export` (export/__main__.py): the pack from a briefing file, without the UI; bad input."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from corridor.timemodel import Timeline
from export import __main__ as cli
from export.briefing import Briefing, briefing_json

CHOSEN = ("ev-2022-08-30-new-route", "ev-2023-04-23-checkpoint")


def test_command_line_builds_the_pack_from_a_briefing_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], timeline: Timeline
) -> None:
    briefing = tmp_path / "b.json"
    doc = json.loads(briefing_json(Briefing("CLI run", CHOSEN)))
    doc["events"].append("ev-does-not-exist")
    briefing.write_text(json.dumps(doc), encoding="utf-8")
    status = cli.main(["--out", str(tmp_path / "out"), "--briefing", str(briefing), "--formats", "png,html", "--zip"])
    out, err = capsys.readouterr()
    assert status == 0
    assert "not in the data and were skipped: ev-does-not-exist" in err
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [
        "cli-run-map.html",
        "cli-run-pack.zip",
        "slide-01-2022-08-30-ev-2022-08-30-new-route.png",
        "slide-02-2023-04-23-ev-2023-04-23-checkpoint.png",
    ]
    assert re.search(r"4 files for 2 slides in \d+\.\d s \(CPU time \d+\.\d s\)", out)


def test_command_line_reports_bad_input(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["--out", str(tmp_path), "--formats", "docx"]) == 2
    assert "unknown format(s): docx" in capsys.readouterr().err
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "other"}', encoding="utf-8")
    assert cli.main(["--out", str(tmp_path), "--briefing", str(bad)]) == 2
    assert "is not a briefing file" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == [bad]
