"""The presenter's elapsed-time clock: a small client-side clock beside the 'Up next' line.

It ticks in the browser (no rerun per second). Its start time lives on the Streamlit page
(``window.parent``), set when the presenter view is first shown in the tab, so stepping the slides
with the keys or the clicker (PageUp/PageDown), which reruns the page and may redraw the clock's
iframe, never restarts it; only its Reset button does. No data reaches this HTML.
"""

from __future__ import annotations

import streamlit as st

from corridor.text import js_json

START = "__lachinClockStart"  # the start time (ms since the epoch) on the Streamlit page
HEIGHT = 46

CLOCK_HTML = """<!DOCTYPE html>
<div class="clock" role="timer" aria-live="off">
  <span class="label">Elapsed</span> <b id="elapsed" class="time">0:00</b>
  <button id="reset" type="button" title="Restart the clock at 0:00">Reset</button>
</div>
<style>
  body { margin: 0; font-family: "Source Sans Pro", sans-serif; }
  .clock { display: flex; flex-wrap: wrap; align-items: center; gap: 0.2rem 0.6rem; font-size: 18px; color: #111; }
  .time { font-size: 26px; font-variant-numeric: tabular-nums; min-width: 4.5ch; }
  button { font-size: 15px; padding: 2px 10px; border: 1px solid #888; border-radius: 6px; background: #fff; }
</style>
<script>
(function (key) {
  var host = (window.parent && window.parent !== window) ? window.parent : window;
  if (!host[key]) { host[key] = Date.now(); }
  var out = document.getElementById("elapsed");
  function pad(n) { return (n < 10 ? "0" : "") + n; }
  function show() {
    var s = Math.max(0, Math.floor((Date.now() - host[key]) / 1000));
    var h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60);
    out.textContent = (h ? h + ":" + pad(m) : String(m)) + ":" + pad(s % 60);
  }
  document.getElementById("reset").addEventListener("click", function () { host[key] = Date.now(); show(); });
  show();
  setInterval(show, 1000);
})(__KEY__);
</script>
"""


def clock_html() -> str:
    """The clock's HTML (the same on every rerun, so its iframe is kept)."""
    return CLOCK_HTML.replace("__KEY__", js_json(START))


def elapsed_clock() -> None:
    """Draw the presenter's elapsed-time clock."""
    st.iframe(clock_html(), height=HEIGHT)
