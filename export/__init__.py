"""The briefing pack: slides built from dated events, and their offline exports.

Pure Python, no Streamlit: ``briefing`` (the saved selection of events), ``slides`` (what each
slide shows and what changed since the previous one), one module per output format
(``static_map``, ``pdf``, ``pptx``, ``png``, ``html``) and ``pack`` (all of them, with progress).
Run ``python -m export --out DIR`` to build the pack without the UI.
"""
