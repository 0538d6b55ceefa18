// The corridor map in the page itself: a Streamlit v2 component (no iframe) that draws a Leaflet map
// with CorridorMap (static/app/corridor_map.js) and applies each run's state to it.
//
// Python (ui/mapwidget.py) sends, with each run, the map's configuration (layers/mapconfig.py), its
// first view, its height and the day's state (layers/step.py). On its first mount in this document
// the script adds Leaflet, Leaflet.markercluster and corridor_map.js (with their stylesheets) to the
// page from the app's own server, and fetches the map data at the same time. A rerun only applies
// the new state to the map that is there: the map is never rebuilt, so pan and zoom survive.
// Nothing here builds HTML from data: labels and popups come escaped from Python.

const STATIC = "/app/static"; // layers/assets.py STATIC_URL
const STYLES = [
  STATIC + "/vendor/leaflet/leaflet.css",
  STATIC + "/vendor/leaflet-markercluster/MarkerCluster.css",
  STATIC + "/app/corridor_map.css"
];
const SCRIPTS = [
  STATIC + "/vendor/leaflet/leaflet.js",
  STATIC + "/vendor/leaflet-markercluster/leaflet.markercluster.js",
  STATIC + "/app/corridor_map.js"
];

// Once per document: the page keeps them across reruns and page switches.
function loadAssets() {
  if (!window.__corridorAssets) {
    STYLES.forEach(function (href) {
      const link = document.createElement("link");
      link.rel = "stylesheet";
      link.href = href;
      document.head.appendChild(link);
    });
    window.__corridorAssets = Promise.all(SCRIPTS.map(function (src) {
      return new Promise(function (resolve, reject) {
        const script = document.createElement("script");
        script.src = src;
        script.async = false; // fetched together, run in this order
        script.onload = resolve;
        script.onerror = function () { reject(new Error("could not load " + src)); };
        document.head.appendChild(script);
      });
    }));
    window.__corridorAssets.catch(function () { window.__corridorAssets = null; }); // retry on the next mount
  }
  return window.__corridorAssets;
}

// The map data of the last URL asked for, kept for the next map's mount (coming back from another
// page draws the map again without downloading its data again).
function fetchData(url) {
  const held = window.__corridorData;
  if (held && held.url === url) { return held.promise; }
  const promise = fetch(url, { credentials: "same-origin" }).then(function (r) {
    if (!r.ok) { throw new Error("HTTP " + r.status); }
    return r.json();
  });
  promise.catch(function () { window.__corridorData = null; }); // asked again by the next mount
  window.__corridorData = { url: url, promise: promise };
  return promise;
}

function showError(host, message) {
  const box = document.createElement("div");
  box.className = "cm-error";
  box.setAttribute("role", "alert");
  box.textContent = message;
  host.appendChild(box);
}

function mount(host, data) {
  const self = host.__corridor;
  const loading = fetchData(data.config.dataUrl);
  loading.catch(function () {}); // reported by CorridorMap.init, once the map is there to show it
  loadAssets().then(function () {
    if (!host.isConnected) { return; }
    const L = window.L;
    const view = data.view;
    const previous = window.CorridorMap;
    if (previous && previous.map && !previous.map.getContainer().isConnected) { previous.map.remove(); }
    const cm = previous && previous.map ? previous.create() : previous;
    const map = L.map(host, {
      center: view.center, zoom: view.zoom, minZoom: view.minZoom, maxZoom: view.maxZoom,
      maxBounds: view.maxBounds, zoomControl: true
    });
    L.control.scale().addTo(map);
    window.CorridorMap = cm;
    window.map = map; // for the tests and a person at the browser's console
    cm.init(map, data.config, loading);
    self.cm = cm;
    cm.apply(self.state);
  }).catch(function (err) {
    showError(host, "The map could not be drawn (" + err.message + "). Reload the page to try again.");
  });
}

export default function (component) {
  const { parentElement } = component;
  const data = component.data[0]; // sent in a one-item list (ui/mapwidget.py: no pandas look-up)
  let host = parentElement.querySelector(".cm-map-host");
  if (host && host.__corridor.url !== data.config.dataUrl) { // other map data: a new map, not a restyle
    host.remove(); // mount() removes its Leaflet map (no longer in the page) before drawing the new one
    host = null;
  }
  if (!host) {
    host = document.createElement("div");
    host.className = "cm-map-host";
    host.__corridor = { state: data.state, cm: null, url: data.config.dataUrl };
    parentElement.appendChild(host);
    mount(host, data);
  }
  host.style.height = data.height + "px";
  const self = host.__corridor;
  self.state = data.state;
  if (self.cm) { self.cm.apply(data.state); }
}
