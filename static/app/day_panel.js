// The Map page's day panel (a Streamlit v2 component: no iframe, in the page itself), and the day
// drawn before the server answers.
//
// Python sends, with each run, for the selected day and the days around it on the date slider
// (by their slider label), what the server sends for that day: the panel's HTML (built and escaped
// in Python, present/daypanel.py) and the map's state (layers/step.py). When the slider's
// value changes (a key, a drag, a click on the track), this script draws that day at once from
// those entries: the panel here, the map through CorridorMap.foresee (static/app/map_component.js). The
// server's rerun then sends the same day, which is drawn again (identical); a run for a day the
// user has already left is not drawn, for HOLD_MS at most. A day with no entry waits for the
// server, as before. Nothing here builds HTML from data: it only inserts what Python escaped.
//
// A session's first run sends the selected day alone (``ask``): the days around it would be parsed
// while the map starts. This script asks for them (the ``ahead`` trigger reruns the date
// step, ui/daypanel.py) when the pointer comes over the date controls or one of them takes the
// focus, and every run after that sends them. Not on its own once the page has loaded: a request
// sent as the user clicked another page's link once left that page empty under its link (seen once
// in the e2e suite; likely Streamlit merging the two waiting requests into one run).

const SLIDER = "[data-testid=stSlider] input[type=range]";
const STEP_BUTTONS = { prev_step: -1, next_step: 1 }; // ui/keys.py PREV and NEXT: st-key-<key>
const HOLD_MS = 4000; // corridor_map.js HOLD_MS: the same (tests/unit/test_layers_contract.py)
const DATE_CONTROLS = ["[data-testid=stSlider]"]
  .concat(Object.keys(STEP_BUTTONS).map(function (k) { return ".st-key-" + k; }))
  .join(", ");

function slider() {
  return document.querySelector(SLIDER);
}

function mapApi() {
  const map = window.CorridorMap; // static/app/map_component.js: the map in this page
  return map && map.map && map.map.getContainer().isConnected ? map : null;
}

function shownHtml(self) {
  const ahead = self.ahead;
  if (ahead && ahead.label !== self.data.label && performance.now() < ahead.until) {
    const entry = self.data.neighbours[ahead.label];
    if (entry) { return entry.html; }
  }
  self.ahead = null;
  return self.data.neighbours[self.data.label].html;
}

function render(self) {
  const html = shownHtml(self);
  if (self.box.__html !== html) {
    self.box.innerHTML = html;
    self.box.__html = html;
  }
  const label = self.ahead ? self.ahead.label : self.data.label;
  self.box.setAttribute("data-day", self.data.neighbours[label].day);
  self.box.setAttribute("data-ahead", String(Object.keys(self.data.neighbours).length - 1));
}

// The pointer or the focus came to ``target``: on the date controls, ask for the days around the
// selected one (once; the first run sent it alone).
function onIntent(self, target) {
  if (self.asked || !self.data || !self.data.ask || gone(self)) { return; }
  if (!target || !target.closest || !target.closest(DATE_CONTROLS)) { return; }
  self.asked = true;
  self.trigger("ahead", true);
}

// A panel from an earlier visit to the page (its listeners stay on the document) does nothing.
function gone(self) {
  if (self.box.isConnected) { return false; }
  if (self.observer) { self.observer.disconnect(); }
  return true;
}

// The slider now shows ``label``: draw that day if the last run sent it. React sets the slider's
// attributes again on re-renders: a label it already showed is no step (after Next drew the next
// day ahead, the slider still reads the day before until the run arrives).
function onSlider(self, label) {
  if (gone(self) || label === self.sliderLabel) { return; }
  self.sliderLabel = label;
  show(self, label);
}

// Draw the day under ``label`` now if the last run sent it; else let the server's runs draw.
function show(self, label) {
  const entry = self.data.neighbours[label];
  const map = mapApi();
  if (!entry) {
    self.ahead = null;
    if (map && map.release) { map.release(); }
    return;
  }
  if (label === self.data.label) {
    self.ahead = null;
  } else {
    self.ahead = { label: label, until: performance.now() + HOLD_MS };
    clearTimeout(self.timer);
    self.timer = setTimeout(function () { render(self); }, HOLD_MS + 10);
  }
  if (map && map.foresee) { map.foresee(entry.map); }
  render(self);
}

// Previous / Next were clicked: the day next to the one shown, in slider order (the entries are
// sent in that order).
function onStepButton(self, event) {
  const button = event.target && event.target.closest && event.target.closest("button");
  if (!button || button.disabled || !self.data || gone(self)) { return; }
  const holder = button.closest("[class*='st-key-']");
  const key = holder && Object.keys(STEP_BUTTONS).find(function (k) { return holder.classList.contains("st-key-" + k); });
  if (!key) { return; }
  const labels = Object.keys(self.data.neighbours);
  const shown = self.ahead ? self.ahead.label : self.data.label;
  const target = labels[labels.indexOf(shown) + STEP_BUTTONS[key]];
  if (target) { show(self, target); }
}

function watch(self) {
  const input = slider();
  if (!input || input === self.input || gone(self)) { return; }
  if (self.observer) { self.observer.disconnect(); }
  self.input = input;
  self.sliderLabel = input.getAttribute("aria-valuetext");
  self.observer = new MutationObserver(function () {
    onSlider(self, input.getAttribute("aria-valuetext"));
  });
  self.observer.observe(input, { attributes: true, attributeFilter: ["aria-valuetext"] });
}

export default function (component) {
  const { parentElement, setTriggerValue } = component;
  const data = component.data[0]; // sent in a one-item list (ui/daypanel.py: no pandas look-up)
  let box = parentElement.querySelector(".cm-day-panel");
  if (!box) {
    box = document.createElement("div");
    box.className = "cm-day-panel";
    box.addEventListener("change", function (event) {
      const target = event.target;
      if (target && target.name === "cm-day-event") { box.__corridor.trigger("event", target.value); }
    });
    parentElement.appendChild(box);
    box.__corridor = { box: box, ahead: null, timer: null, input: null, observer: null, asked: false };
    // A full page run re-creates the slider: look for it again when anything takes the focus.
    document.addEventListener("focusin", function (event) {
      watch(box.__corridor);
      onIntent(box.__corridor, event.target);
    }, true);
    document.addEventListener("pointerover", function (event) { onIntent(box.__corridor, event.target); }, true);
    document.addEventListener("click", function (event) { onStepButton(box.__corridor, event); }, true);
  }
  const self = box.__corridor;
  self.data = data;
  self.trigger = setTriggerValue;
  watch(self);
  render(self);
  return function () {
    if (self.observer) { self.observer.disconnect(); }
    self.input = null;
    clearTimeout(self.timer);
  };
}
