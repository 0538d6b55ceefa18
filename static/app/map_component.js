// The corridor map in the page itself: a Streamlit v2 component (no iframe) that draws a Leaflet map
// with CorridorMap (static/app/corridor_map.js) and applies each run's state to it.
//
// Python (ui/mapwidget.py) sends, with each run, the map's configuration (layers/mapconfig.py), its
// first view, its height and the day's state (layers/step.py). On its first mount in this document
// the component takes the map that static/app/map_loader.js drew ahead of the page, if it was drawn
// with the same configuration and view; otherwise it draws one, with Leaflet, Leaflet.markercluster,
// corridor_map.js and the map data loaded by map_loader.js. A rerun only applies the new state to
// the map that is there: the map is never rebuilt, so pan and zoom survive.
// Nothing here builds HTML from data: labels and popups come escaped from Python.

const LOADER = "/app/static/app/map_loader.js"; // layers/assets.py STATIC_URL

// window.CorridorLoader (static/app/map_loader.js): the Map page's HTML has it from the start;
// another page's first map loads it here.
function loader() {
  if (window.CorridorLoader) { return Promise.resolve(window.CorridorLoader); }
  if (!window.__corridorLoader) {
    window.__corridorLoader = new Promise(function (resolve, reject) {
      const script = document.createElement("script");
      script.src = LOADER;
      script.onload = function () { resolve(window.CorridorLoader); };
      script.onerror = function () {
        window.__corridorLoader = null; // tried again by the next mount
        reject(new Error("could not load " + LOADER));
      };
      document.head.appendChild(script);
    });
  }
  return window.__corridorLoader;
}

function showError(host, message) {
  const box = document.createElement("div");
  box.className = "cm-error";
  box.setAttribute("role", "alert");
  box.textContent = message;
  host.appendChild(box);
}

// Make the current map this host's: the page's (window.CorridorMap), with this run's state drawn.
function attach(host, map, cm) {
  const previous = window.CorridorMap;
  if (previous && previous !== cm && previous.map && !previous.map.getContainer().isConnected) {
    previous.map.remove(); // the map of a page that is gone
  }
  window.CorridorMap = cm;
  window.map = map; // for the tests and a person at the browser's console
  host.__corridor.cm = cm;
  cm.apply(host.__corridor.state);
}

function mount(host, data) {
  loader().then(function (load) {
    const loading = load.fetchData(data.config.dataUrl);
    loading.catch(function () {}); // reported by CorridorMap.init, once the map is there to show it
    return load.loadAssets().then(function () {
      if (!host.isConnected) { return; }
      const L = window.L;
      const cm = window.CorridorMap.map ? window.CorridorMap.create() : window.CorridorMap;
      const map = L.map(host, load.mapOptions(data.view));
      L.control.scale().addTo(map);
      cm.init(map, data.config, loading);
      attach(host, map, cm);
    });
  }).catch(function (err) {
    showError(host, "The map could not be drawn (" + err.message + "). Reload the page to try again.");
  });
}

// The map map_loader.js drew ahead of the page for this configuration, moved into place; or null.
function adoptEarly(parentElement, data) {
  const early = window.CorridorLoader && window.CorridorLoader.claimEarly(data.config, data.view);
  if (!early) { return null; }
  const host = early.host;
  host.classList.remove("cm-map-early");
  host.setAttribute("data-drawn-early", "true");
  host.removeAttribute("aria-hidden");
  ["left", "top", "width", "visibility"].forEach(function (name) { host.style.removeProperty(name); });
  host.style.position = "relative"; // what Leaflet gives a map's container (off screen it was absolute)
  host.__corridor = { state: data.state, cm: null, url: data.config.dataUrl };
  parentElement.appendChild(host);
  host.style.height = data.height + "px";
  early.map.invalidateSize({ pan: false });
  attach(host, early.map, early.cm);
  return host;
}

export default function (component) {
  const { parentElement } = component;
  const data = component.data[0]; // sent in a one-item list (ui/mapwidget.py: no pandas look-up)
  let host = parentElement.querySelector(".cm-map-host");
  if (host && host.__corridor.url !== data.config.dataUrl) { // other map data: a new map, not a restyle
    host.remove(); // mount() removes its Leaflet map (no longer in the page) before drawing the new one
    host = null;
  }
  if (!host) { host = adoptEarly(parentElement, data); }
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
