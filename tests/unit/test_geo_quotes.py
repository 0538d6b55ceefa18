"""Every quote verifiable: each rendering is checked against its source's stored paragraphs.

Every rendering in geo/statements.json must be found, character for character, in the paragraphs
its source stores in geo/sources.json (corridor.quotes.find_rendering: the pieces between ellipses
in order inside one paragraph, each at word boundaries). A rendering whose source stores no
paragraphs fails: every rendering is checked, none is exempt.

The seed article (source 'presstv-2023-04-24') has its own checks below. When the shared research
copy of the article is available (../shared/sources/ beside the repository), its stored paragraphs
are also checked against it line for line.
"""

from __future__ import annotations

import json
import sys
import unicodedata
from pathlib import Path
from typing import Any

import pytest

from corridor.catalogue import GEO_DIR
from corridor.quotes import Found, find_rendering, pieces_of
from corridor.records import Dataset, Statement

SEED = "presstv-2023-04-24"
SHARED_ARTICLE = GEO_DIR.parent.parent / "shared" / "sources" / "presstv-2023-04-24-kremlin-lachin.txt"
STRAIGHT, CURLY_OPEN, CURLY_CLOSE = '"', "\u201c", "\u201d"


def _raw(filename: str, key: str) -> list[dict[str, Any]]:
    """Read the JSON as stored, independently of the loader."""
    return json.loads((GEO_DIR / filename).read_text(encoding="utf-8"))[key]


@pytest.fixture(scope="module")
def paragraphs() -> list[str]:
    seed = next(s for s in _raw("sources.json", "sources") if s["id"] == SEED)
    assert isinstance(seed["paragraphs"], list) and seed["paragraphs"]
    return seed["paragraphs"]


def _seed_renderings() -> list[tuple[str, str]]:
    return [
        (r["id"], r["text"])
        for s in _raw("statements.json", "statements")
        for r in s["renderings"]
        if r["source_id"] == SEED
    ]


SEED_RENDERINGS = _seed_renderings()


def test_there_are_seed_renderings() -> None:
    assert len(SEED_RENDERINGS) >= 7


@pytest.mark.parametrize(("rendering_id", "text"), SEED_RENDERINGS, ids=[rid for rid, _ in SEED_RENDERINGS])
def test_seed_rendering_is_verbatim_in_the_article(paragraphs: list[str], rendering_id: str, text: str) -> None:
    hits = [i for i, p in enumerate(paragraphs) if text in p]
    assert hits, f"{rendering_id}: {text!r} is not in the stored paragraphs character for character"


def test_loader_keeps_paragraphs_and_renderings_unchanged(dataset: Dataset, paragraphs: list[str]) -> None:
    assert list(dataset.source(SEED).paragraphs) == paragraphs
    loaded = {r.id: r.text for s in dataset.statements for r in s.renderings if r.source_id == SEED}
    assert loaded == dict(SEED_RENDERINGS)


def test_paragraphs_are_nfc_and_unescaped(paragraphs: list[str]) -> None:
    for p in paragraphs:
        assert unicodedata.normalize("NFC", p) == p
        assert "&quot;" not in p and "&#" not in p and "\\u" not in p
        assert p == p.strip()


def test_paragraphs_keep_both_kinds_of_closing_quotation_mark(paragraphs: list[str]) -> None:
    text = "\n".join(paragraphs)
    assert f"{STRAIGHT}serious concern{STRAIGHT}" in text
    assert f"{STRAIGHT}no alternative{STRAIGHT}" in text
    assert f"{STRAIGHT}gross violation{STRAIGHT}" in text
    assert text.count(CURLY_CLOSE) == 2
    assert text.count(CURLY_OPEN) == 1


def test_peskov_two_years_earlier_ends_with_comma_then_curly_quote(paragraphs: list[str]) -> None:
    ending = "signed two years earlier,"
    (para,) = [p for p in paragraphs if ending in p]
    assert para.startswith(STRAIGHT + "Russia continues its mediation efforts")  # straight opening mark
    assert ending + CURLY_CLOSE + " Peskov told reporters." in para
    assert ending + STRAIGHT not in para


def test_peskov_contact_is_in_curly_quotes(paragraphs: list[str]) -> None:
    (para,) = [p for p in paragraphs if "Russia will continue to work on this" in p]
    assert para.startswith(CURLY_OPEN) and para.endswith("agreements." + CURLY_CLOSE)


def test_agreement_quote_closes_with_comma_then_straight_quote(paragraphs: list[str]) -> None:
    (para,) = [p for p in paragraphs if "guarantee the security" in p]
    assert "in both directions," + STRAIGHT + " with Yerevan" in para


def _shared_lines() -> list[str]:
    if not SHARED_ARTICLE.is_file():
        pytest.skip(f"shared research copy not present at {SHARED_ARTICLE} (fresh clone without ../shared)")
    return SHARED_ARTICLE.read_text(encoding="utf-8").splitlines()


def test_paragraphs_are_exact_lines_of_the_shared_article(paragraphs: list[str]) -> None:
    lines = _shared_lines()
    missing = [p for p in paragraphs if p not in lines]
    assert not missing, f"stored paragraphs that are not exact lines of {SHARED_ARTICLE.name}: {missing}"
    indices = [lines.index(p) for p in paragraphs]
    assert indices == sorted(indices), "paragraphs are stored out of the article's order"


def test_shared_check_skips_with_its_reason_when_the_file_is_absent(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(sys.modules[__name__], "SHARED_ARTICLE", tmp_path / "absent.txt")
    with pytest.raises(pytest.skip.Exception, match=r"shared research copy not present at .*absent\.txt"):
        _shared_lines()


# --- every rendering, against its source's stored paragraphs ----------------------------------


def _all_renderings() -> list[Any]:
    paragraphs = {s["id"]: s.get("paragraphs") or [] for s in _raw("sources.json", "sources")}
    out = []
    for statement in _raw("statements.json", "statements"):
        for r in statement["renderings"]:
            out.append(pytest.param(r["id"], r["source_id"], r["text"], paragraphs[r["source_id"]], id=r["id"]))
    return out


ALL_RENDERINGS = _all_renderings()


@pytest.mark.parametrize(("rendering_id", "source_id", "text", "paragraphs"), ALL_RENDERINGS)
def test_every_rendering_is_verbatim_in_its_source(
    rendering_id: str, source_id: str, text: str, paragraphs: list[str]
) -> None:
    result = find_rendering(text, paragraphs)
    assert isinstance(result, Found), (
        f"{rendering_id}: not verifiable against source {source_id!r}: {result.reason}; "
        f"first piece not found: {result.piece!r}"
    )


@pytest.mark.parametrize(("rendering_id", "source_id", "text", "paragraphs"), ALL_RENDERINGS)
def test_no_rendering_ends_mid_word(rendering_id: str, source_id: str, text: str, paragraphs: list[str]) -> None:
    last = pieces_of(text)[-1]
    ends = [(p, i + len(last)) for p in paragraphs for i in range(len(p)) if p.startswith(last, i)]
    assert ends, f"{rendering_id}: its last piece {last!r} is not in the stored paragraphs of {source_id!r}"
    cut = [p[end : end + 12] for p, end in ends if end < len(p) and p[end - 1].isalnum() and p[end].isalnum()]
    assert len(cut) < len(ends), f"{rendering_id}: ends mid-word, before {cut[0]!r}"


def test_every_rendering_is_checked() -> None:
    n = sum(len(s["renderings"]) for s in _raw("statements.json", "statements"))
    assert len(ALL_RENDERINGS) == n >= 100


# --- the statements the seed article quotes ---------------------------------------------------


def _renderings_of(dataset: Dataset, text: str) -> list[tuple[Statement, str]]:
    return [(s, r.id) for s in dataset.statements for r in s.renderings if r.source_id == SEED and r.text == text]


@pytest.mark.parametrize(
    ("statement_id", "speaker", "text", "attribution"),
    [
        ("peskov-2023-04-24-no-alternative", "Dmitry Peskov", "no alternative", "direct"),
        (
            "peskov-2023-04-24-mediation",
            "Dmitry Peskov",
            "Russia continues its mediation efforts, and mainly efforts to fulfill all the provisions of the "
            "trilateral documents that were signed two years earlier,",
            "direct",
        ),
        (
            "peskov-2023-04-24-contact",
            "Dmitry Peskov",
            "Russia will continue to work on this with Yerevan and Baku. We continue contact, the situation is "
            "really difficult, it requires additional efforts, and most importantly, it requires the countries "
            "mentioned to understand that there is no alternative to the implementation of the mentioned agreements.",
            "direct",
        ),
        ("armenia-2023-04-23-gross-violation", "Ministry of Foreign Affairs of Armenia", "gross violation", "direct"),
        (
            "trilateral-2020-security-guarantee",
            "Trilateral statement (Aliyev, Pashinyan, Putin)",
            "guarantee the security of persons, vehicles and cargo moving along the Lachin Corridor in both "
            "directions,",
            "direct",
        ),
        (
            "yerevan-2023-04-23-hakari-breach",
            "Armenia (Yerevan)",
            "the establishment of any checkpoints on the Hakari bridge in the Lachin corridor would be in breach "
            "of the affirmed-commitments",
            "reported",
        ),
        ("russia-mfa-2023-04-24-serious-concern", "Ministry of Foreign Affairs of Russia", "serious concern", "direct"),
    ],
)
def test_seed_statement_is_present(
    dataset: Dataset, statement_id: str, speaker: str, text: str, attribution: str
) -> None:
    found = _renderings_of(dataset, text)
    assert len(found) == 1, f"expected one Press TV rendering {text!r}, found {len(found)}"
    statement, rendering_id = found[0]
    assert statement.id == statement_id
    assert statement.speaker == speaker
    rendering = next(r for r in statement.renderings if r.id == rendering_id)
    assert rendering.attribution == attribution


def test_yerevan_breach_is_the_outlets_words(dataset: Dataset) -> None:
    rendering = dataset.statement("yerevan-2023-04-23-hakari-breach").renderings[0]
    assert (rendering.attribution, rendering.verbatim_of) == ("reported", "outlet")


def test_serious_concern_is_attributed_to_the_russian_mfa_with_a_correction(dataset: Dataset) -> None:
    statement = dataset.statement("russia-mfa-2023-04-24-serious-concern")
    assert statement.speaker == "Ministry of Foreign Affairs of Russia"
    assert "Peskov" not in statement.speaker
    assert statement.correction.strip()
    assert "Foreign Ministry" in statement.correction or "MFA" in statement.correction
    assert statement.event_id == "ev-2023-04-24-peskov"


def test_peskov_mediation_is_one_statement_with_two_renderings(dataset: Dataset) -> None:
    earlier = "signed two years earlier,"
    ago = "signed two years ago."
    holders = {
        s.id for s in dataset.statements for r in s.renderings if r.text.endswith(earlier) or r.text.endswith(ago)
    }
    assert holders == {"peskov-2023-04-24-mediation"}, "the two translations must belong to ONE statement"
    statement = dataset.statement("peskov-2023-04-24-mediation")
    by_source = {r.source_id: r.text for r in statement.renderings}
    assert by_source[SEED].endswith(earlier)
    assert by_source["asbarez-2023-04-24"].endswith(ago)
    assert by_source[SEED] != by_source["asbarez-2023-04-24"]
    assert statement.speaker == "Dmitry Peskov"
