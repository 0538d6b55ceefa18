"""Keyboard control for the slides: presentation clickers send PageDown/PageUp, people press arrows.

A one-pixel ``st.iframe`` (the successor of ``components.v1.html``) adds one keydown listener to
the Streamlit page (``window.parent``) that clicks the button whose widget key the pressed key is
bound to, found by Streamlit's ``st-key-<key>`` class. The listener is created in the page's own
realm and installed once per browser tab (a flag on ``window.parent``), so reruns and page
switches never stack listeners and the listener outlives the helper's iframe. Keys are ignored
while focus is in a text field, select box, slider or other input, and when the bound button is
absent (on other pages) or disabled (on the first or last slide); arrow keys also while the focus is
on the map, which is in the page itself (they pan it).

Keys pressed while a run is going (a clicker pressed twice, End then Page Up) are queued and each is
clicked once the run before it has finished, when its button shows that run's state: until then the
buttons are the previous slide's (on slide 1 "Previous" is still disabled just after End). The run's
state is Streamlit's ``data-test-script-state`` on the app's root; without it, keys click at once.
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
  var BUSY = { running: true, rerunRequested: true, stopRequested: true };
  var MAX_QUEUED = 20;
  var NO_RUN_MS = 1000;  // a click that started no run within this: the next key goes
  var STUCK_MS = 15000;  // a run this long: the keys still queued are dropped, not turned later
  var queue = [];
  var waiting = null;  // since a click: {since: ms, started: its run was seen going}
  var timer = null;
  function runState() {
    var root = document.querySelector("[data-testid='stApp']");
    return root ? root.getAttribute("data-test-script-state") : null;
  }
  function busy() { return BUSY[runState()] === true; }
  function button(key) { return document.querySelector(".st-key-" + key + " button"); }
  function clickedRunDone() {
    if (!waiting) { return true; }
    var age = Date.now() - waiting.since;
    if (age > STUCK_MS) { waiting = null; queue.length = 0; return true; }
    if (busy()) { waiting.started = true; return false; }
    if (waiting.started || age > NO_RUN_MS) { waiting = null; }
    return waiting === null;
  }
  function pump() {
    while (clickedRunDone() && queue.length && !busy()) {  // looks first: a finished wait ends here
      var target = button(queue.shift());
      if (!target) { queue.length = 0; break; }  // another page
      if (target.disabled) { continue; }  // the first or last slide: nothing to turn
      if (runState() !== null) { waiting = { since: Date.now(), started: false }; }
      target.click();
    }
    if ((queue.length || waiting) && timer === null) {
      timer = window.setTimeout(function () { timer = null; pump(); }, 50);
    }
  }
  if (window.MutationObserver) {  // a short run is seen even between two of pump's looks
    new MutationObserver(pump).observe(document.documentElement, {
      attributes: true, attributeFilter: ["data-test-script-state"], subtree: true
    });
  }
  document.addEventListener("keydown", function (event) {
    if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) { return; }
    var key = bindings[event.key];
    if (!key) { return; }
    var focus = document.activeElement;
    if (focus && focus !== document.body && focus.closest && focus.closest(EDITABLE)) { return; }
    // Arrow keys pan the map when it has the focus; PageDown/PageUp (clickers), Home and End still turn slides.
    if (event.key.indexOf("Arrow") === 0 && focus && focus.closest && focus.closest(".leaflet-container")) { return; }
    var target = button(key);
    if (!target) { return; }
    var idle = !queue.length && !waiting && !busy();
    if (idle && target.disabled) { return; }
    event.preventDefault();
    if (queue.length < MAX_QUEUED) { queue.push(key); }
    pump();
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
