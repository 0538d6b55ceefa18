"""Keyboard control for the slides: presentation clickers send PageDown/PageUp, people press arrows.

A one-pixel ``st.iframe`` (the successor of ``components.v1.html``) adds one keydown listener to
the Streamlit page (``window.parent``) that clicks the button whose widget key the pressed key is
bound to, found by Streamlit's ``st-key-<key>`` class. The listener is created in the page's own
realm and installed once per browser tab (a flag on ``window.parent``), so reruns and page
switches never stack listeners and the listener outlives the helper's iframe. Keys are ignored
while focus is in a text field, select box, slider or other input, and when the bound button is
absent or disabled (on other pages); arrow keys also while the focus is on the map, which is in the
page itself (they pan it).
"""

from __future__ import annotations

from collections.abc import Mapping

import streamlit as st

from corridor.text import js_json
from ui import keys

SLIDE_KEYS: dict[str, str] = {
    "ArrowRight": keys.SLIDE_NEXT,
    "PageDown": keys.SLIDE_NEXT,
    "ArrowLeft": keys.SLIDE_PREV,
    "PageUp": keys.SLIDE_PREV,
    "Home": keys.SLIDE_FIRST,
    "End": keys.SLIDE_LAST,
}
FLAG = "__lachinSlideKeys"

# Runs in the parent page (injected as a <script> there), never in the helper's iframe.
LISTENER_JS = """
(function (bindings) {
  var EDITABLE = "input, textarea, select, [contenteditable=''], [contenteditable='true'], " +
                 "[role='slider'], [role='combobox'], [role='listbox'], [role='textbox'], [role='spinbutton']";
  document.addEventListener("keydown", function (event) {
    if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) { return; }
    var key = bindings[event.key];
    if (!key) { return; }
    var focus = document.activeElement;
    if (focus && focus !== document.body && focus.closest && focus.closest(EDITABLE)) { return; }
    // Arrow keys pan the map when it has the focus; PageDown/PageUp (clickers), Home and End still turn slides.
    if (event.key.indexOf("Arrow") === 0 && focus && focus.closest && focus.closest(".leaflet-container")) { return; }
    var button = document.querySelector(".st-key-" + key + " button");
    if (!button || button.disabled) { return; }
    event.preventDefault();
    button.click();
  }, true);
})
"""

INSTALL_JS = """
<script>
(function () {
  var host = window.parent;
  if (!host || host === window || host[%(flag)s]) { return; }
  host[%(flag)s] = true;
  var script = host.document.createElement("script");
  script.textContent = %(listener)s + "(" + %(bindings)s + ");";
  host.document.head.appendChild(script);
})();
</script>
"""


def install_js(bindings: Mapping[str, str] = SLIDE_KEYS) -> str:
    """The helper iframe's HTML: installs the listener in the parent page once."""
    return INSTALL_JS % {
        "flag": js_json(FLAG),
        "listener": js_json(LISTENER_JS),
        "bindings": js_json(js_json(dict(bindings))),
    }


def slide_keys(bindings: Mapping[str, str] = SLIDE_KEYS) -> None:
    """Bind Right/PageDown, Left/PageUp, Home and End to the slide buttons (needs a browser)."""
    # HTML given as a string runs with same-origin access to the app, which window.parent needs.
    st.iframe(install_js(bindings), height=1, tab_index=-1)
