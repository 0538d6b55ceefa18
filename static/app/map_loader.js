// Loads what the corridor map needs, once per document, and draws the Map page's map early.
//
// window.CorridorLoader:
// - loadAssets(): Leaflet, Leaflet.markercluster and corridor_map.js (with their stylesheets) from the
//   app's own server, fetched together and run in order; one promise per document.
// - fetchData(url): the map data bundle at url, kept for the next map's mount (coming back from
//   another page draws the map again without downloading its data again).
// - claimEarly(): the map drawn ahead of the page (below), handed over once, or null.
//
// The map component (static/app/map_component.js) loads this script if the page does not have it.
// The Map page's HTML has it from the start (ui/early_map.py adds it to Streamlit's index.html with
// data-early set): it then asks the server for the map's configuration, loads Leaflet and the map
// data while Streamlit's own scripts start, and draws the base map off screen while the page waits
// for its first run. When the component mounts with the same configuration it takes that map, moves
// it into its place and applies the day's state: the slowest part of showing the map (loading
// Leaflet, parsing the data, drawing every feature) is done before the component exists.
(function () {
  "use strict";
  if (window.CorridorLoader) { return; }

  var STATIC = "/app/static"; // layers/assets.py STATIC_URL
  var STYLES = [
    STATIC + "/vendor/leaflet/leaflet.css",
    STATIC + "/vendor/leaflet-markercluster/MarkerCluster.css",
    STATIC + "/app/corridor_map.css"
  ];
  var SCRIPTS = [
    STATIC + "/vendor/leaflet/leaflet.js",
    STATIC + "/vendor/leaflet-markercluster/leaflet.markercluster.js",
    STATIC + "/app/corridor_map.js"
  ];
  // The map's column at the page's first layout: 5/8 of the main area beside the 300 px sidebar
  // (measured at 1024-2560 px wide). A wrong guess only costs a redraw when the map is moved in.
  var SIDEBAR_AND_GAPS = 303.5;
  var COLUMN_SHARE = 5 / 8;
  var IDLE_TIMEOUT_MS = 300; // drawn by then even if the page is never idle (it must be drawn before it shows)

  var assets = null;
  var held = null; // {url, promise}: the last map data asked for
  var early = null; // {key, host, map, cm} once drawn; {cancelled} while on its way

  function loadAssets() {
    if (!assets) {
      STYLES.forEach(function (href) {
        var link = document.createElement("link");
        link.rel = "stylesheet";
        link.href = href;
        document.head.appendChild(link);
      });
      assets = Promise.all(SCRIPTS.map(function (src) {
        return new Promise(function (resolve, reject) {
          var script = document.createElement("script");
          script.src = src;
          script.async = false; // fetched together, run in this order
          script.onload = resolve;
          script.onerror = function () { reject(new Error("could not load " + src)); };
          document.head.appendChild(script);
        });
      }));
      assets.catch(function () { assets = null; }); // tried again by the next mount
    }
    return assets;
  }

  function fetchData(url) {
    if (held && held.url === url) { return held.promise; }
    var promise = fetch(url, { credentials: "same-origin" }).then(function (r) {
      if (!r.ok) { throw new Error("HTTP " + r.status); }
      return r.json();
    });
    promise.catch(function () { held = null; }); // asked again by the next mount
    held = { url: url, promise: promise };
    return promise;
  }

  // What must match for the component to take the early map: the configuration and first view.
  function keyOf(config, view) {
    return JSON.stringify([config, view]);
  }

  // Leaflet map options of the map as it opens (the component uses the same).
  function mapOptions(view) {
    return {
      center: view.center, zoom: view.zoom, minZoom: view.minZoom, maxZoom: view.maxZoom,
      maxBounds: view.maxBounds, zoomControl: true
    };
  }

  function drawEarly(pending, args, loading) {
    if (pending.cancelled || early !== pending) { return; }
    var host = document.createElement("div");
    host.className = "cm-map-host cm-map-early";
    host.setAttribute("aria-hidden", "true");
    var width = Math.max(300, Math.round(window.innerWidth * COLUMN_SHARE - SIDEBAR_AND_GAPS));
    host.style.cssText = "position:absolute;left:-20000px;top:0;width:" + width + "px;height:" +
      args.height + "px;visibility:hidden";
    document.body.appendChild(host);
    var cm = window.CorridorMap.create(); // window.CorridorMap stays as it is until the component takes this one
    var map = window.L.map(host, mapOptions(args.view));
    window.L.control.scale().addTo(map);
    cm.init(map, args.config, loading);
    loading.then(function () { cm.prime(args.layers); }); // after init's own: the data is drawn by then
    early = { key: keyOf(args.config, args.view), host: host, map: map, cm: cm };
  }

  // Load and draw the Map page's map as soon as the page has its configuration: in the page (a
  // JSON script the server adds when its warm-up is done), or else asked of the server
  // (ui/early_map.py) - unless the component has mounted first.
  function startEarly(me) {
    early = { cancelled: false };
    var pending = early;
    var inline = me.dataset.args ? document.getElementById(me.dataset.args) : null;
    var asked = inline ? Promise.resolve(JSON.parse(inline.textContent)) : fetch(me.dataset.early, {
      credentials: "same-origin"
    }).then(function (r) {
      if (!r.ok) { throw new Error("HTTP " + r.status); }
      return r.json();
    });
    asked.then(function (args) {
      if (pending.cancelled) { return; }
      var loading = fetchData(args.config.dataUrl);
      return Promise.all([loadAssets(), loading]).then(function () {
        // When the page is idle: after Streamlit's scripts have started, while the first run is on
        // its way (drawing the map takes the browser's one thread for a few hundred milliseconds).
        var idle = window.requestIdleCallback || function (f) { return window.setTimeout(f, 0); };
        idle(function () { drawEarly(pending, args, loading); }, { timeout: IDLE_TIMEOUT_MS });
      });
    }).catch(function () { pending.cancelled = true; }); // the component draws the map as before
  }

  // The early map if it was drawn with this configuration and view, once; otherwise null (and a
  // map drawn for something else is removed, one on its way is not drawn).
  function claimEarly(config, view) {
    var found = early;
    early = null;
    if (!found) { return null; }
    if (!found.map) { found.cancelled = true; return null; }
    if (found.key === keyOf(config, view) && found.host.isConnected) { return found; }
    found.map.remove();
    found.host.remove();
    return null;
  }

  window.CorridorLoader = {
    loadAssets: loadAssets, fetchData: fetchData, claimEarly: claimEarly, mapOptions: mapOptions
  };
  var me = document.currentScript;
  if (me && me.dataset.early) { startEarly(me); }
})();
