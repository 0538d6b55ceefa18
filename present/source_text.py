"""The stored text of a source, and whose words a rendering is, for the Sources page.

A reader checks a quote against the paragraphs its source stores (geo/sources.json); every piece
of data goes through corridor.text.escape.
"""

from __future__ import annotations

from corridor.records import Attribution, Source, VerbatimOf
from corridor.text import escape

WHOSE_WORDS: dict[Attribution, str] = {
    "direct": "The speaker's words (direct quotation)",
    "official_text": "The official text's words",
    "reported": "The outlet's words (reported speech), not a quotation of the speaker",
    "paraphrase": "The outlet's words (paraphrase), not the speaker's",
}
OUTLETS_WORDS = "The outlet's words, not a quotation of the speaker"


def whose_words(attribution: Attribution, verbatim_of: VerbatimOf) -> str:
    """Whose words a rendering is: reported speech and paraphrase are always the outlet's."""
    if attribution in ("direct", "official_text") and verbatim_of == "outlet":
        return OUTLETS_WORDS
    return WHOSE_WORDS[attribution]


def source_text_label(source: Source) -> str:
    """The plain-text label of a source's stored text (for an expander: pass through markdown_text)."""
    count = len(source.paragraphs)
    title = f", {source.title}" if source.title else ""
    return f"Stored text: {source.outlet}{title} [{source.id}] ({count} paragraph{'s' * (count != 1)})"


def source_text_html(source: Source) -> str:
    """The paragraphs a source stores, as printed, for checking quotes against (escaped)."""
    if not source.paragraphs:
        return (
            f'<div class="cm-source-text cm-none" data-source="{escape(source.id)}">'
            "No text stored for this source.</div>"
        )
    body = "".join(f"<p>{escape(p)}</p>" for p in source.paragraphs)
    return f'<div class="cm-source-text" data-source="{escape(source.id)}">{body}</div>'
