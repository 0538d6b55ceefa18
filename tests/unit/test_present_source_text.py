"""present.source_text: whose words a rendering is, and a source's stored text as escaped HTML."""

from __future__ import annotations

import pytest

from corridor.records import Attribution, Source, VerbatimOf
from present.source_text import source_text_html, source_text_label, whose_words

HOSTILE = ("<script>alert(1)</script>", '<img src=x onerror="alert(2)">', "a & b \"quoted\" 'single'")


@pytest.mark.parametrize(
    ("attribution", "verbatim_of", "outlets"),
    [
        ("direct", "speaker", False),
        ("official_text", "speaker", False),
        ("reported", "outlet", True),
        ("paraphrase", "outlet", True),
        ("reported", "speaker", True),  # reported speech is the outlet's words whatever the flag says
        ("direct", "outlet", True),
    ],
)
def test_whose_words(attribution: Attribution, verbatim_of: VerbatimOf, outlets: bool) -> None:
    assert whose_words(attribution, verbatim_of).startswith("The outlet's words") is outlets


def test_stored_paragraphs_are_escaped_and_inert() -> None:
    source = Source('x"><script>', "Outlet <b>", "Title", None, None, "news", paragraphs=HOSTILE)
    out = source_text_html(source)
    assert "<script>" not in out and "<img" not in out
    assert 'data-source="x&quot;&gt;&lt;script&gt;"' in out
    assert "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>" in out
    assert "<p>&lt;img src=x onerror=&quot;alert(2)&quot;&gt;</p>" in out
    assert "<p>a &amp; b &quot;quoted&quot; &#x27;single&#x27;</p>" in out
    assert out.count("<p>") == len(HOSTILE)


def test_a_source_with_no_text_says_so() -> None:
    out = source_text_html(Source("s<1>", "Outlet", "Title", None, None, "news"))
    assert "No text stored for this source." in out and 'data-source="s&lt;1&gt;"' in out


def test_label_counts_paragraphs() -> None:
    one = Source("s", "Press TV", "Kremlin", None, None, "news", paragraphs=("p",))
    assert source_text_label(one) == "Stored text: Press TV, Kremlin [s] (1 paragraph)"
    assert source_text_label(Source("s", "O", "T", None, None, "news", paragraphs=("a", "b"))).endswith(
        "(2 paragraphs)"
    )
