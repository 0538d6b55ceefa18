/*
 * CorridorMap: draws the corridor layers once and applies each date's state.
 *
 * The Python side (layers/) builds every feature, escapes every string that becomes HTML, and
 * computes each date's state with the time model. This file only draws and restyles: it holds no
 * rule about dates except "an event is shown once its day has come".
 *
 * One CorridorMap draws one Leaflet map. window.CorridorMap is the current one; the page's map
 * component (static/app/map_component.js) makes a fresh one with CorridorMap.create() each time
 * it mounts a new map (the page is one document: Map and Briefing pages come and go in it).
 */
(function () {
  "use strict";

  function create() {
    var PANES = [
      ["cm-basemap", 200], ["cm-graticule", 210], ["cm-rivers", 300], ["cm-nk", 350], ["cm-nkao", 370],
      ["cm-border", 380], ["cm-band", 390], ["cm-edges", 400], ["cm-route", 410], ["cm-region-labels", 600], ["cm-events", 615], ["cm-events-day", 617], ["cm-places", 620], ["cm-clusters", 624],
      ["cm-events-current", 627], ["cm-checkpoint", 630]
    ];
    var CANVAS_EVENT_THRESHOLD = 2000;
    var MIN_ZOOM = 6, MAX_ZOOM = 16;  // layers/mapconfig.py: the page passes them; folium does not
    var MINOR_LABEL_ZOOM = 10;  // below this zoom only towns and cities keep their labels

    var CM = {
      map: null, cfg: null, data: null, userMoved: false, groups: {}, routes: {}, bands: {}, places: {},
      checkpoints: {}, region: {}, events: null, pending: null, state: null, tiles: {}, lastFit: null
    };

    function el(tag, cls, text) {
      var node = document.createElement(tag);
      if (cls) { node.className = cls; }
      if (text !== undefined) { node.textContent = text; }
      return node;
    }

    // ``loading`` (optional): a promise of the map data that the caller has already asked for
    // (map_component.js fetches it while Leaflet loads); otherwise cfg.data, or cfg.dataUrl fetched.
    CM.init = function (map, cfg, loading) {
      CM.map = map;
      CM.cfg = cfg;
      var container = map.getContainer();
      container.style.background = cfg.style.water;
      container.classList.add("cm-map");
      PANES.forEach(function (p) { map.createPane(p[0]).style.zIndex = p[1]; });
      // folium (the exported page, layers/mapview.py) passes min_zoom/max_zoom to tile layers only, and
      // that map has none by default: without a finite maximum Leaflet.markercluster throws "Map has no
      // maxZoom specified", and it builds one grid per zoom level between the two, so the range also
      // sets the cost of a step.
      if (map.options.minZoom === undefined) { map.setMinZoom(MIN_ZOOM); }
      if (map.options.maxZoom === undefined) { map.setMaxZoom(MAX_ZOOM); }
      map.attributionControl.setPrefix(false);
      map.attributionControl.addAttribution(cfg.attribution);
      addControls(map, cfg);
      var zoomClass = function () {
        container.classList.toggle("cm-zoom-low", map.getZoom() < MINOR_LABEL_ZOOM);
      };
      map.on("zoomend", zoomClass);
      zoomClass();
      map.on("moveend zoomend resize", CM.placeLabelsSoon);
      // Until the user moves the map, keep the home view fitted when its box is resized
      // (Streamlit lays the page out again after the first draw; full screen).
      var touched = function () { CM.userMoved = true; };
      map.on("dragstart", touched);
      L.DomEvent.on(container, "wheel dblclick touchstart keydown", touched);
      if (map.zoomControl) { L.DomEvent.on(map.zoomControl.getContainer(), "click", touched); }
      map.on("resize", function () {
        if (!CM.userMoved && CM.data) { CM.resetView(); }
      });
      // Leaflet listens for the window's resizes only; the map's box also changes with the page.
      if (window.ResizeObserver) {
        new ResizeObserver(function () { map.invalidateSize({ pan: false }); }).observe(container);
      }
      var data = loading || (cfg.data ? Promise.resolve(cfg.data) : CM.fetchData(cfg.dataUrl));
      data.then(CM.load).catch(function (err) {
        showError("Map data could not be loaded (" + err.message + ").");
      });
    };

    CM.fetchData = function (url) {
      return fetch(url, { credentials: "same-origin" }).then(function (r) {
        if (!r.ok) { throw new Error("HTTP " + r.status); }
        return r.json();
      });
    };

    function showError(message) {
      var box = el("div", "cm-error", message);
      box.setAttribute("role", "alert");
      CM.map.getContainer().appendChild(box);
    }

    function fullscreenIcon() {
      // Drawn, not a font glyph: Debian's Chromium fonts have no U+26F6.
      var ns = "http://www.w3.org/2000/svg";
      var svg = document.createElementNS(ns, "svg");
      svg.setAttribute("viewBox", "0 0 16 16");
      svg.setAttribute("width", "16");
      svg.setAttribute("height", "16");
      svg.setAttribute("aria-hidden", "true");
      var path = document.createElementNS(ns, "path");
      path.setAttribute("d", "M1 6V1h5M10 1h5v5M15 10v5h-5M6 15H1v-5");
      path.setAttribute("fill", "none");
      path.setAttribute("stroke", "#222");
      path.setAttribute("stroke-width", "2");
      svg.appendChild(path);
      return svg;
    }

    // A Leaflet bar button: a link that acts as a button, with its label for screen readers.
    function barButton(cls, label, content, onClick) {
      var button = el("a", cls);
      button.appendChild(content);
      button.href = "#";
      button.title = label;
      button.setAttribute("role", "button");
      button.setAttribute("aria-label", label);
      L.DomEvent.on(button, "click", function (e) {
        L.DomEvent.preventDefault(e);
        onClick();
      });
      return button;
    }

    function addControls(map, cfg) {
      var Home = L.Control.extend({
        options: { position: "topleft" },
        onAdd: function () {
          var wrap = el("div", "leaflet-bar cm-buttons");
          wrap.appendChild(barButton("cm-home", "Reset view", document.createTextNode("\u2302"), function () {
            CM.resetView(true);
          }));
          wrap.appendChild(barButton("cm-fullscreen", "Full screen", fullscreenIcon(), CM.toggleFullscreen));
          L.DomEvent.disableClickPropagation(wrap);
          return wrap;
        }
      });
      new Home().addTo(map);

      var Legend = L.Control.extend({
        options: { position: "topleft" },
        onAdd: function () {
          var box = el("div", "cm-legend");
          var title = el("button", "cm-legend-title", "Legend");
          title.type = "button";
          // Collapsed by default: the page shows the legend under the map; this one is for full screen.
          box.classList.add("cm-legend-collapsed");
          title.setAttribute("aria-expanded", "false");
          L.DomEvent.on(title, "click", function (e) {
            L.DomEvent.stop(e);
            var collapsed = box.classList.toggle("cm-legend-collapsed");
            title.setAttribute("aria-expanded", collapsed ? "false" : "true");
            CM.placeLabelsSoon();  // the open legend covers labels; the closed one gives them back
          });
          L.DomEvent.disableClickPropagation(box);
          box.appendChild(title);
          cfg.legend.forEach(function (row) {
            var line = el("div", "cm-legend-row cm-legend-row-" + row.kind);
            var sw = el("span", "cm-swatch cm-swatch-" + row.kind);
            sw.style.borderColor = row.color;
            if (row.kind === "circle" || row.kind === "band") { sw.style.background = row.color; }
            if (row.kind === "cluster") { sw.style.background = row.color; sw.textContent = "n"; }
            line.appendChild(sw);
            line.appendChild(el("span", "", row.label));
            box.appendChild(line);
          });
          return box;
        }
      });
      new Legend().addTo(map);

      var Stamp = L.Control.extend({
        options: { position: "topright" },
        onAdd: function () {
          var box = el("div", "cm-stamp");
          box.setAttribute("aria-live", "polite");
          CM.stamp = box;
          return box;
        }
      });
      new Stamp().addTo(map);

      // A note about the region outlines on this day (where the data disagree, or a former outline).
      var Note = L.Control.extend({
        options: { position: "topleft" },  // under the legend button: empty land at the home view
        onAdd: function () {
          var box = el("div", "cm-map-note");
          box.setAttribute("role", "note");
          box.style.display = "none";
          CM.note = box;
          return box;
        }
      });
      new Note().addTo(map);
    }

    CM.resetView = function (animate) {
      CM.map.fitBounds(CM.cfg.home, { animate: !!animate });
    };

    CM.toggleFullscreen = function () {
      var container = CM.map.getContainer();
      var doc = document;
      if (doc.fullscreenElement) {
        doc.exitFullscreen();
      } else if (container.requestFullscreen && doc.fullscreenEnabled) {
        container.requestFullscreen().catch(function () { container.classList.toggle("cm-pseudo-full"); });
      } else {
        container.classList.toggle("cm-pseudo-full");
      }
      setTimeout(function () { CM.map.invalidateSize(); }, 200);
    };

    var renderers = {};
    // Leaflet draws a path in its renderer's pane, not the layer's: one SVG renderer per pane keeps
    // the z-order of panes (basemap under labels under routes).
    function svgIn(pane) {
      if (!renderers[pane]) { renderers[pane] = L.svg({ padding: 0.5, pane: pane }); }
      return renderers[pane];
    }

    function group(key) {
      if (!CM.groups[key]) { CM.groups[key] = L.layerGroup(); }
      return CM.groups[key];
    }

    CM.load = function (data) {
      var s = CM.cfg.style;

      L.geoJSON(data.basemap, {
        pane: "cm-basemap", interactive: false, renderer: svgIn("cm-basemap"),
        style: function (f) {
          var code = (f.properties.cls.match(/cm-land-(arm|aze)/) || [])[1];
          return { className: f.properties.cls, color: s.land.stroke, weight: 0.8,
                   fillColor: code ? s.landFocus[code.toUpperCase()] : s.land.fill, fillOpacity: 1 };
        }
      }).addTo(group("basemap"));
      loadCountryLabels(data.basemap.labels || []);

      L.geoJSON(data.graticule, {
        pane: "cm-graticule", interactive: false, renderer: svgIn("cm-graticule"),
        style: function (f) {
          return { className: f.properties.cls, color: s.graticule.color, weight: s.graticule.weight,
                   dashArray: s.graticule.dash };
        }
      }).addTo(group("graticule"));

      if (data.rivers) { loadRivers(data.rivers, s); }
      if (data.nkao) {
        L.geoJSON(data.nkao, {
          pane: "cm-nkao", renderer: svgIn("cm-nkao"),
          style: function (f) {
            return { className: f.properties.cls, color: s.nkao.color, weight: s.nkao.weight, dashArray: s.nkao.dash,
                     fill: false };
          },
          onEachFeature: function (f, layer) { layer.bindPopup(f.properties.popup, { maxWidth: 380 }); }
        }).addTo(group("nkao"));
      }
      if (data.nk2020) { loadRegion(data.nk2020, "nk2020", "cm-nk"); }
      if (data.edges) { loadRegion(data.edges, "edges", "cm-edges"); }

      L.geoJSON(data.border, {
        pane: "cm-border", interactive: false, renderer: svgIn("cm-border"),
        style: function (f) {
          return { className: f.properties.cls, color: s.border.color, weight: s.border.weight, fill: false };
        }
      }).addTo(group("border"));

      data.band.features.forEach(function (f) {
        var layer = L.geoJSON(f, {
          pane: "cm-band", renderer: svgIn("cm-band"),
          style: { className: f.properties.cls, color: s.band.color, weight: 1.2, dashArray: s.band.dash,
                   fillColor: s.band.fill, fillOpacity: s.band.fill_opacity }
        });
        layer.bindPopup(f.properties.popup, { maxWidth: 360 });
        layer.bindTooltip("5 km band: illustrative, not an official boundary",
                          { sticky: true, className: "cm-warning-tip" });
        CM.bands[f.properties.route_id] = layer;
      });

      data.corridor.features.forEach(function (f) {
        var layer = L.geoJSON(f, {
          pane: "cm-route", renderer: svgIn("cm-route"),
          style: { className: f.properties.cls, weight: 5, dashArray: f.properties.schematic ? s.schematicDash : null,
                   lineCap: "butt" }
        });
        layer.bindPopup(f.properties.popup, { maxWidth: 380 });
        CM.routes[f.properties.id] = layer;
      });

      data.places.features.forEach(function (f) {
        var ll = [f.geometry.coordinates[1], f.geometry.coordinates[0]];
        var marker = L.circleMarker(ll, {
          pane: "cm-places", renderer: svgIn("cm-places"), className: f.properties.cls,
          radius: f.properties.major ? s.place.radius_px + 2 : s.place.radius_px,
          color: s.place.color, weight: 1.5, fillColor: s.place.fill, fillOpacity: 1
        });
        marker.bindPopup(f.properties.popup, { maxWidth: 380 });
        marker.bindTooltip(f.properties.names.both, {
          permanent: true, direction: f.properties.label_dir, offset: f.properties.label_offset,
          className: "cm-label" + (f.properties.major ? " cm-label-major" : " cm-label-minor")
        });
        marker.addTo(group("places"));
        var kind = (f.properties.cls.match(/cm-place-(\w+)/) || [])[1];
        CM.places[f.properties.id] = { marker: marker, names: f.properties.names,
                                       rank: kind in PRIORITY ? PRIORITY[kind] : PRIORITY.place };
      });

      data.checkpoint.features.forEach(function (f) {
        var ll = [f.geometry.coordinates[1], f.geometry.coordinates[0]];
        var parts = [];
        if (f.properties.uncertainty_m) {
          parts.push(L.circle(ll, {
            pane: "cm-checkpoint", renderer: svgIn("cm-checkpoint"), radius: f.properties.uncertainty_m,
            className: "cm-uncertainty", color: s.checkpoint.color, weight: 1.2, dashArray: "3 4",
            fillColor: s.checkpoint.uncertainty_fill, fillOpacity: 0.08, interactive: false
          }));
        }
        var marker = L.circleMarker(ll, {
          pane: "cm-checkpoint", renderer: svgIn("cm-checkpoint"), className: f.properties.cls, radius: s.checkpoint.radius_px,
          color: "#ffffff", weight: 2.5, fillColor: s.checkpoint.color, fillOpacity: 1
        });
        marker.bindPopup(f.properties.popup, { maxWidth: 380 });
        marker.bindTooltip(f.properties.names.both, {
          permanent: true, direction: "right", offset: [12, 0], className: "cm-label cm-label-checkpoint"
        });
        parts.push(marker);
        CM.checkpoints[f.properties.id] = { layer: L.featureGroup(parts), names: f.properties.names,
                                            marker: marker, covers: f.properties.covers || [],
                                            rank: PRIORITY.checkpoint };
      });

      buildEvents(data.events, s);
      CM.data = data;
      CM.resetView();
      if (CM.pending) {
        var state = CM.pending;
        CM.pending = null;
        draw(state);
      }
    };

    // Before the first state (static/app/map_loader.js draws the map ahead of the page): put the
    // groups of these layers on the map, so that the first state mostly restyles what is drawn.
    // Shows no day (no data-day, an empty stamp); the first state draws everything as usual.
    CM.prime = function (layers) {
      if (!CM.data || CM.state) { return; }
      var on = { basemap: true };
      layers.forEach(function (k) { on[k] = true; });
      Object.keys(CM.groups).forEach(function (key) {
        if (on[key] && !CM.map.hasLayer(CM.groups[key])) { CM.groups[key].addTo(CM.map); }
      });
      CM.placeLabelsSoon();
    };

    function loadRivers(rivers, s) {
      L.geoJSON(rivers, {
        pane: "cm-rivers", renderer: svgIn("cm-rivers"),
        style: function (f) {
          return { className: f.properties.cls, color: s.river.color, weight: s.river.weight, fill: false };
        },
        onEachFeature: function (f, layer) { layer.bindPopup(f.properties.popup, { maxWidth: 380 }); }
      }).addTo(group("rivers"));
      // Sized by their text (iconSize null), so the box the labels are placed by is the text's own.
      CM.riverLabels = (rivers.labels || []).map(function (lab) {
        return L.marker([lab.lonlat[1], lab.lonlat[0]], {
          pane: "cm-region-labels", interactive: false, keyboard: false,
          icon: L.divIcon({ className: "cm-river-label", html: lab.name, iconSize: null, iconAnchor: [-4, 16] })
        }).addTo(group("rivers"));
      });
    }

    // The country names flank their shared border (layers/basemap.py puts each point just inside its
    // country): the western name ends at its point and the eastern one starts at its point, so they
    // never run together, however far the map zooms out. Sized by their text; placeLabels sets the
    // margins that put the text on its side of the point.
    function loadCountryLabels(labels) {
      var mean = labels.reduce(function (sum, lab) { return sum + lab.lonlat[0] / labels.length; }, 0);
      CM.countryLabels = labels.map(function (lab) {
        var marker = L.marker([lab.lonlat[1], lab.lonlat[0]], {
          pane: "cm-graticule", interactive: false, keyboard: false,
          icon: L.divIcon({ className: "cm-country-label", html: lab.name, iconSize: null })
        }).addTo(group("basemap"));
        var align = labels.length < 2 ? "centre" : lab.lonlat[0] < mean ? "end" : "start";
        return { marker: marker, align: align };
      });
    }

    // Dated region features: drawn once, restyled per day from state.region (current / former / hidden).
    function loadRegion(collection, key, pane) {
      collection.features.forEach(function (f) {
        var layer = L.geoJSON(f, { pane: pane, renderer: svgIn(pane), style: { className: f.properties.cls } });
        layer.bindPopup(f.properties.popup, { maxWidth: 400 });
        if (f.properties.tip) {
          layer.bindTooltip(f.properties.tip.current, { sticky: true, className: "cm-region-tip" });
        }
        CM.region[f.properties.id] = { layer: layer, key: key, tip: f.properties.tip || null, how: null };
      });
    }

    function regionStyle(item, how) {
      var s = CM.cfg.style;
      if (item.key === "edges") {
        return { color: s.edges.color, weight: s.edges.weight, fill: false, opacity: 0.9 };
      }
      if (how === "former") {
        return { color: s.nkFormer.color, weight: s.nkFormer.weight, opacity: s.nkFormer.opacity,
                 dashArray: s.nkFormer.dash, fill: false };
      }
      return { color: s.nkArea.color, weight: s.nkArea.weight, opacity: 1, dashArray: null, fill: true,
               fillColor: s.nkArea.fill, fillOpacity: s.nkArea.fill_opacity };
    }

    function markRegion(item, how) {
      item.layer.eachLayer(function (path) {
        setClass(path, "cm-outline-current", how === "current");
        setClass(path, "cm-outline-former", how === "former");
      });
    }

    function applyRegion(state) {
      Object.keys(CM.region).forEach(function (id) {
        var item = CM.region[id];
        var how = (state.region || {})[id] || "current";
        var g = group(item.key);
        if (how === "hidden") { g.removeLayer(item.layer); item.how = how; return; }
        if (how !== item.how) {
          item.layer.setStyle(regionStyle(item, how));
          if (item.tip) { item.layer.setTooltipContent(item.tip[how]); }
          item.how = how;
        }
        g.addLayer(item.layer);
      });
    }

    // Events are drawn once, when their day first comes, and never restyled: a step moves markers
    // between the base layer (plain, or clustered when there are many) and the top layer, which holds
    // the day's own events as separate, emphasised markers.
    function buildEvents(ev, s) {
      var n = ev.id.length;
      var renderer = n > CANVAS_EVENT_THRESHOLD ? L.canvas({ padding: 0.5, pane: "cm-events" }) : svgIn("cm-events");
      var order = [];
      for (var i = 0; i < n; i++) { order.push(i); }
      order.sort(function (a, b) { return ev.day[a] - ev.day[b]; });
      var index = {};
      var rank = new Array(n);
      for (var j = 0; j < n; j++) { index[ev.id[j]] = j; rank[order[j]] = j; }
      // Above style.event.cluster_above events, the ones up to the day shown are clustered
      // (Leaflet.markercluster) below cluster_until_zoom; the day's own events never are (drawn on top).
      // The export's offline HTML inlines Leaflet only: without the plugin the events are not clustered.
      var clustered = n > s.event.cluster_above && typeof L.markerClusterGroup === "function";
      var base = clustered ? L.markerClusterGroup({
        clusterPane: "cm-clusters", maxClusterRadius: 70, disableClusteringAtZoom: s.event.cluster_until_zoom,
        showCoverageOnHover: false, spiderfyOnMaxZoom: false, animate: false, iconCreateFunction: clusterIcon
      }) : L.layerGroup();
      var top = L.layerGroup();
      group("events").addLayer(base);
      group("events").addLayer(top);
      CM.events = { cols: ev, order: order, index: index, rank: rank, markers: new Array(n), tops: {}, shown: 0,
                    current: {}, base: base, top: top, clustered: clustered };
      CM.map.getContainer().classList.toggle("cm-events-clustered", clustered);
      CM.events.make = function (i, current) {
        // Without clusters the day's events sit under the places (halos around them); with clusters they
        // go above the clusters, as orange rings with a light fill, so the counts under them stay readable.
        var dayPane = clustered ? "cm-events-current" : "cm-events-day";
        var m = L.circleMarker([ev.lat[i], ev.lon[i]], current ? {
          pane: dayPane, renderer: svgIn(dayPane), className: "cm-event cm-event-current",
          radius: s.event.current_radius_px, color: clustered ? s.event.current : "#ffffff", weight: clustered ? 3 : 2,
          fillColor: s.event.current, fillOpacity: clustered ? 0.3 : 0.6
        } : {
          pane: "cm-events", renderer: renderer, className: "cm-event",
          radius: s.event.radius_px, color: "#ffffff", weight: 1, fillColor: s.event.color, fillOpacity: 0.6
        });
        m.bindPopup("<b>" + ev.title[i] + "</b><br>" + ev.date[i]);
        return m;
      };
    }

    // The count is set as text (never HTML); the size grows with the count so large clusters read first.
    function clusterIcon(cluster) {
      var count = cluster.getChildCount();
      var size = count < 10 ? 30 : count < 100 ? 36 : count < 1000 ? 44 : 52;
      var label = el("span", "cm-cluster-count", count.toLocaleString("en-GB"));
      label.title = count.toLocaleString("en-GB") + " events up to the day shown: click to zoom in";
      return L.divIcon({ html: label, className: "cm-cluster", iconSize: L.point(size, size) });
    }

    function markRoute(layer, how) {
      layer.eachLayer(function (path) {
        setClass(path, "cm-route-in-use", how === "in_use");
        setClass(path, "cm-route-past", how === "past");
      });
    }

    function setRoute(id, how, state) {
      var layer = CM.routes[id];
      var band = CM.bands[id];
      var g = group("corridor");
      var bg = group("band");
      if (how === "hidden") {
        g.removeLayer(layer);
        if (band) { bg.removeLayer(band); }
        return;
      }
      var inUse = how === "in_use";
      layer.setStyle({ color: inUse ? state.routeColor : state.pastColor, opacity: inUse ? 1 : 0.45,
                       weight: inUse ? 5 : 3 });
      g.addLayer(layer);
      markRoute(layer, how);
      if (inUse) {
        layer.bindTooltip("Schematic route, not the surveyed road", { sticky: true, className: "cm-warning-tip" });
        layer.bringToFront();
      }
      if (band) {
        if (inUse) { bg.addLayer(band); } else { bg.removeLayer(band); }
      }
    }

    function applyEvents(state) {
      var E = CM.events;
      var cols = E.cols;
      var lo = 0, hi = E.order.length;
      while (lo < hi) {  // first position whose day is after the state's day
        var mid = (lo + hi) >> 1;
        if (cols.day[E.order[mid]] <= state.dayNumber) { lo = mid + 1; } else { hi = mid; }
      }
      var target = lo;
      var next = {};
      state.currentEvents.forEach(function (id) {
        var idx = E.index[id];
        if (idx !== undefined && E.rank[idx] < target) { next[idx] = true; }
      });
      var add = [], drop = [];
      var base = function (i) {
        if (!E.markers[i]) { E.markers[i] = E.make(i, false); }
        return E.markers[i];
      };
      var k, i;
      for (k = E.shown; k < target; k++) {
        i = E.order[k];
        if (!next[i]) { add.push(base(i)); }
      }
      for (k = target; k < E.shown; k++) {
        i = E.order[k];
        if (!E.current[i]) { drop.push(E.markers[i]); }
      }
      // The previous day's events go back into the base layer (if still shown); the new day's leave it.
      Object.keys(E.current).forEach(function (key) {
        var idx = +key;
        if (next[idx]) { return; }
        E.top.removeLayer(E.tops[idx]);
        if (E.rank[idx] < target) { add.push(base(idx)); }
      });
      Object.keys(next).forEach(function (key) {
        var idx = +key;
        if (E.current[idx]) { return; }
        if (E.rank[idx] < E.shown) { drop.push(E.markers[idx]); }
        if (!E.tops[idx]) { E.tops[idx] = E.make(idx, true); }
        E.top.addLayer(E.tops[idx]);
      });
      if (E.clustered) {
        // One bulk call each: the clusters are recomputed once per step, not once per marker. A long
        // jump back (Home) would remove more markers than stay: clearing and re-adding is faster.
        if (drop.length > target) {
          E.base.clearLayers();
          add = [];
          for (k = 0; k < target; k++) {
            i = E.order[k];
            if (!next[i]) { add.push(base(i)); }
          }
        } else if (drop.length) {
          E.base.removeLayers(drop);
        }
        if (add.length) { E.base.addLayers(add); }
      } else {
        drop.forEach(function (m) { E.base.removeLayer(m); });
        add.forEach(function (m) { E.base.addLayer(m); });
      }
      E.shown = target;
      E.current = next;
    }

    function setClass(layer, cls, on) {
      var node = layer.getElement && layer.getElement();
      if (node) { node.classList.toggle(cls, on); }
    }

    function applyTiles(choice) {
      var urls = {
        osm: ["https://tile.openstreetmap.org/{z}/{x}/{y}.png", "Tiles © OpenStreetMap contributors"],
        satellite: ["https://server.arcgisonline.com/ArcGIS/rest/services/World_Imagery/MapServer/tile/{z}/{y}/{x}",
                    "Imagery © Esri and its data providers"]
      };
      Object.keys(CM.tiles).forEach(function (key) {
        if (key !== choice) { CM.map.removeLayer(CM.tiles[key]); }
      });
      if (urls[choice]) {
        if (!CM.tiles[choice]) {
          CM.tiles[choice] = L.tileLayer(urls[choice][0], { attribution: urls[choice][1], maxZoom: 18, pane: "cm-graticule" });
        }
        CM.tiles[choice].addTo(CM.map);
      }
    }

    // The server's state for the current run (sent with each rerun: static/app/map_component.js). A
    // day drawn ahead of the server (CM.foresee, from static/app/day_panel.js when the date slider
    // moves) holds for HOLD_MS: a run for another day, one the user has already stepped past, is kept
    // but not drawn. day_panel.js holds the panel as long (a test checks the two values agree).
    var HOLD_MS = 4000;
    CM.ahead = null;
    CM.latest = null;
    CM.apply = function (state) {
      CM.latest = state;
      if (CM.ahead && state.day !== CM.ahead.day) { return; }
      CM.release();
    };

    // Draw ``state`` now, before the server's run for its day arrives.
    CM.foresee = function (state) {
      if (CM.latest && CM.latest.day === state.day) { // that run is already here: draw it
        CM.release();
        return;
      }
      window.clearTimeout(CM.holdTimer);
      CM.ahead = { day: state.day };
      CM.holdTimer = window.setTimeout(function () { CM.ahead = null; CM.release(); }, HOLD_MS);
      draw(state);
    };

    // Stop holding: draw the server's latest state, unless it is what is drawn (the run that confirms
    // a day drawn ahead sends the same state: drawing it again would redo the events' work, which at
    // 100,000 events is most of a step).
    CM.release = function () {
      window.clearTimeout(CM.holdTimer);
      CM.ahead = null;
      if (!CM.latest || CM.latest === CM.state) { return; }
      if (CM.data && CM.state && JSON.stringify(CM.latest) === JSON.stringify(CM.state)) {
        CM.state = CM.latest;
        return;
      }
      draw(CM.latest);
    };

    function draw(state) {
      if (!CM.data) {
        CM.pending = state;
        return;
      }
      CM.state = state;
      var map = CM.map;
      var visible = {};
      state.layers.forEach(function (k) { visible[k] = true; });
      visible.basemap = state.tiles === "bundled";

      Object.keys(state.routes).forEach(function (id) { setRoute(id, state.routes[id], state); });

      // Label texts depend only on the naming: re-setting a permanent tooltip's content forces a
      // layout per label, so do it only when the naming changes (not on every date step).
      var renamed = state.naming !== CM.naming;
      CM.naming = state.naming;
      var covered = {};
      Object.keys(CM.checkpoints).forEach(function (id) {
        var cp = CM.checkpoints[id];
        var g = group("checkpoint");
        var shown = state.checkpoints.indexOf(id) >= 0 && visible.checkpoint;
        if (state.checkpoints.indexOf(id) >= 0) { g.addLayer(cp.layer); } else { g.removeLayer(cp.layer); }
        if (renamed) { cp.marker.setTooltipContent(cp.names[state.naming]); }
        if (shown) { cp.covers.forEach(function (pid) { covered[pid] = true; }); }
      });

      if (renamed) {
        Object.keys(CM.places).forEach(function (id) {
          CM.places[id].marker.setTooltipContent(CM.places[id].names[state.naming]);
        });
      }

      applyRegion(state);
      applyEvents(state);
      applyTiles(state.tiles);

      Object.keys(CM.groups).forEach(function (key) {
        var on = key === "basemap" ? visible.basemap : !!visible[key];
        if (on && !map.hasLayer(CM.groups[key])) { CM.groups[key].addTo(map); }
        if (!on && map.hasLayer(CM.groups[key])) { map.removeLayer(CM.groups[key]); }
      });
      // Leaflet re-creates path elements when a layer is re-added: set the route classes again.
      Object.keys(state.routes).forEach(function (id) {
        if (state.routes[id] !== "hidden") { markRoute(CM.routes[id], state.routes[id]); }
      });
      Object.keys(CM.region).forEach(function (id) {
        var item = CM.region[id];
        if (item.how !== "hidden") { markRegion(item, item.how); }
      });
      if (CM.note) {
        var showNote = state.regionNote && visible.nk2020;
        CM.note.innerHTML = showNote ? state.regionNote : "";
        CM.note.style.display = showNote ? "" : "none";
      }
      // After the groups are on the map (adding a marker re-opens its permanent label).
      Object.keys(CM.places).forEach(function (id) {
        var tip = CM.places[id].marker.getTooltip();
        var node = tip && tip.getElement();
        if (node) { node.style.display = covered[id] ? "none" : ""; }
      });

      if (CM.stamp) {
        CM.stamp.innerHTML = "";
        CM.stamp.appendChild(el("div", "cm-stamp-day", ""));
        CM.stamp.firstChild.innerHTML = state.dayLabel;
        var st = el("div", "cm-stamp-status", "");
        st.innerHTML = "Corridor: " + state.statusLabel;
        st.style.borderLeftColor = state.routeColor;
        CM.stamp.appendChild(st);
        CM.stamp.setAttribute("data-day", state.day);
      }
      if (state.fit && JSON.stringify(state.fit) !== CM.lastFit) {
        CM.lastFit = JSON.stringify(state.fit);
        map.fitBounds(state.fit, { maxZoom: 12, animate: false });
      }
      map.getContainer().setAttribute("data-day", state.day);
      CM.placeLabelsSoon();
    }

    // --- Labels: each one legible or hidden, never over another or under the map's controls --------
    // After every date, pan, zoom and resize (the live map and the offline HTML alike), each label
    // is placed inside the map's frame, off its controls (date stamp, note, legend, buttons, scale,
    // attribution) and off every label placed before it, or hidden until a zoom, pan or resize makes
    // room. Labels go in order of PRIORITY: the checkpoint, capitals, cities and towns before villages
    // and other places, then the country names and the rivers. A place label tries the sides of its
    // point (SIDES, from its own side; above and below, also slid sideways so that it still spans its
    // point); a country or river name has its one position. A label would rather not cover another
    // place's dot, but covers one before it is hidden. None is moved away from its point.
    // Cheap on every zoom: one batch of reads (the controls' boxes, the labels' sizes), positions
    // worked out from those numbers, then one batch of writes; never a read after a write.
    var PRIORITY = { checkpoint: 0, capital: 1, city: 2, town: 3, place: 4, country: 5, river: 6 };
    var SIDES = {
      right: ["right", "left", "top", "bottom"], left: ["left", "right", "top", "bottom"],
      top: ["top", "bottom", "right", "left"], bottom: ["bottom", "top", "right", "left"]
    };
    // leaflet.css moves a .leaflet-tooltip-<side> 6 px further from its point (room for its arrow).
    var TIP_SHIFT = { right: [6, 0], left: [-6, 0], top: [0, -6], bottom: [0, 6] };
    var TIP_OUT = 6;  // px out from its point to a label on a side other than its own (layers/places.py DEFAULT_LABEL)
    var SLIDE_KEEP = 12;  // px: a label above or below its point, slid sideways, still spans the point by this much
    var LABEL_GAP = 1;  // px kept clear between a placed label and any other box, so no two touch
    var BORDER_GAP = 8;  // px between a country name and the border it flanks
    // Below this zoom a name flanking the border at 39.42°N would reach past its country (ARMENIA
    // into Nakhchivan at zoom 8): hidden there.
    var COUNTRY_MIN_ZOOM = 9;

    // Place the labels once the browser is about to paint: the moveend, zoomend and resize of one
    // zoom, and a date drawn meanwhile, make one placement, not three.
    CM.placeLabelsSoon = function () {
      if (CM.placing) { return; }
      CM.placing = window.requestAnimationFrame(function () {
        CM.placing = null;
        CM.placeLabels();
      });
    };

    CM.placeLabels = function () {
      if (!CM.map) { return; }
      var items = labelItems();
      var layout = readLayout(items);  // reads
      chooseSpots(items, layout);
      items.forEach(showAt);  // writes
      layout.tips.forEach(function (tip) {  // hover tooltips: none shows under the date stamp or the note
        tip.node.style.visibility = meets(tip.box, layout.stamp) ? "hidden" : "";
      });
    };

    function eachPlace(fn) {
      [CM.places, CM.checkpoints].forEach(function (set) {
        Object.keys(set).forEach(function (id) { fn(set[id]); });
      });
    }

    // Every label now on the map, with its rank, its element and its candidate positions.
    function labelItems() {
      var items = [];
      eachPlace(function (place) {
        var tip = place.marker.getTooltip();
        if (tip && tip.isOpen()) { items.push(tipItem(tip, place.rank, place.marker)); }
      });
      (CM.countryLabels || []).forEach(function (c) {
        if (c.marker.getElement()) { items.push(countryItem(c)); }
      });
      (CM.riverLabels || []).forEach(function (marker) {
        if (marker.getElement()) { items.push(riverItem(marker)); }
      });
      return items;
    }

    function readLayout(items) {
      var container = CM.map.getContainer();
      var frame = container.getBoundingClientRect();
      var inMap = function (node) {
        var r = node.getBoundingClientRect();
        return { left: r.left - frame.left, top: r.top - frame.top, right: r.right - frame.left,
                 bottom: r.bottom - frame.top, width: r.width };
      };
      var nodes = function (selector) { return Array.prototype.slice.call(container.querySelectorAll(selector)); };
      items.forEach(function (item) {
        item.w = item.node.offsetWidth;  // 0: not shown (a minor place zoomed out, a covered place)
        item.h = item.node.offsetHeight;
      });
      var size = CM.map.getSize();
      return {
        frame: { left: 0, top: 0, right: size.x, bottom: size.y },
        controls: nodes(".leaflet-control").map(inMap).filter(function (b) { return b.width > 0; }),
        stamp: nodes(".cm-stamp, .cm-map-note").map(inMap).filter(function (b) { return b.width > 0; }),
        dots: placeDots(),
        tips: nodes(".leaflet-tooltip:not(.cm-label)").map(function (node) { return { node: node, box: inMap(node) }; })
      };
    }

    // The box of every place's dot on the map (worked out, not read), with the marker it belongs to.
    function placeDots() {
      var dots = [];
      eachPlace(function (place) {
        var m = place.marker;
        if (!CM.map.hasLayer(m)) { return; }
        var at = CM.map.latLngToContainerPoint(m.getLatLng());
        var r = m.getRadius() + m.options.weight / 2;
        dots.push({ owner: m, box: { left: at.x - r, top: at.y - r, right: at.x + r, bottom: at.y + r } });
      });
      return dots;
    }

    // Highest priority first: each label takes its first candidate inside the frame that meets no
    // control, no label placed before it and no other place's dot, else the first that meets only
    // dots; a label with neither is left without a spot (hidden).
    function chooseSpots(items, layout) {
      var taken = layout.controls.slice();
      items.filter(function (item) { return item.w > 0; })
        .sort(function (a, b) { return a.rank - b.rank; })
        .forEach(function (item) {
          var dots = layout.dots.filter(function (d) { return d.owner !== item.owner; })
            .map(function (d) { return d.box; });
          var spots = item.spots(item.w, item.h);
          item.spot = firstFit(spots, taken.concat(dots), layout.frame) || firstFit(spots, taken, layout.frame);
          if (item.spot) { taken.push(item.spot.box); }
        });
    }

    function firstFit(spots, blocks, frame) {
      for (var i = 0; i < spots.length; i++) {
        var spot = settle(spots[i], blocks, frame);
        if (spot) { return spot; }
      }
      return null;
    }

    // The spot if it fits; else, for a label above or below its point (spot.slide > 0), the nearest
    // sideways shift that fits and still spans the point: flush with the frame's edge or with a box
    // in its row. Null when none does.
    function settle(spot, blocks, frame) {
      var box = spot.box;
      var shifts = [0];
      if (spot.slide) {
        shifts.push(frame.left - box.left, frame.right - box.right);
        blocks.forEach(function (b) {
          if (b.bottom < box.top - LABEL_GAP || b.top > box.bottom + LABEL_GAP) { return; }
          shifts.push(b.right + LABEL_GAP + 1 - box.left, b.left - LABEL_GAP - 1 - box.right);
        });
        shifts = shifts.filter(function (dx) { return Math.abs(dx) <= spot.slide; })
          .sort(function (a, b) { return Math.abs(a) - Math.abs(b); });
      }
      for (var i = 0; i < shifts.length; i++) {
        var moved = boxAt(box.left + shifts[i], box.top, box.right - box.left, box.bottom - box.top);
        if (within(moved, frame) && !meets(grow(moved, LABEL_GAP), blocks)) {
          return shifts[i] ? { side: spot.side, offset: spot.offset.add(L.point(shifts[i], 0)), box: moved } : spot;
        }
      }
      return null;
    }

    function showAt(item) {
      if (!item.w) { return; }
      if (item.spot) { item.place(item.spot); }
      item.node.style.visibility = item.spot ? "" : "hidden";
      if (item.spot) {
        item.node.removeAttribute("data-label-hidden");
      } else {
        item.node.setAttribute("data-label-hidden", "1");
      }
    }

    // A place or checkpoint label (a permanent Leaflet tooltip): its own side, then the others.
    function tipItem(tip, rank, owner) {
      var home = homeOf(tip);
      return {
        node: tip.getElement(), rank: rank, owner: owner,
        spots: function (w, h) {
          var at = CM.map.latLngToContainerPoint(tip.getLatLng());
          return (SIDES[home.direction] || SIDES.right).map(function (side) {
            var offset = sideOffset(home, side);
            var corner = tipCorner(at, side, offset, w, h);
            var box = boxAt(corner.x + TIP_SHIFT[side][0], corner.y + TIP_SHIFT[side][1], w, h);
            var slide = side === "top" || side === "bottom" ? Math.max(0, w / 2 - SLIDE_KEEP) : 0;
            return { side: side, offset: offset, box: box, slide: slide };
          });
        },
        place: function (spot) { moveTip(tip, spot); }
      };
    }

    function homeOf(tip) {
      if (!tip._cmHome) { tip._cmHome = { direction: tip.options.direction, offset: L.point(tip.options.offset) }; }
      return tip._cmHome;
    }

    // The offset from the point on ``side``: the label's own on its own side (hand-placed in
    // layers/places.py for the home view), TIP_OUT straight out on the others (a hand-placed shift,
    // such as Kornidzor's 34 px down, suits its own side only).
    function sideOffset(home, side) {
      if (side === home.direction) { return home.offset; }
      var out = { right: [TIP_OUT, 0], left: [-TIP_OUT, 0], top: [0, -TIP_OUT], bottom: [0, TIP_OUT] }[side];
      return L.point(out[0], out[1]);
    }

    // The top left corner of a w x h tooltip on ``side`` of the point ``at``, as Leaflet's
    // Tooltip._setPosition works it out (before the CSS margins of TIP_SHIFT).
    function tipCorner(at, side, offset, w, h) {
      var sub = { right: [0, h / 2], left: [w, h / 2], top: [w / 2, h], bottom: [w / 2, 0] }[side];
      return at.subtract(L.point(sub[0], sub[1], true)).add(offset);
    }

    // Put the tooltip at ``spot``: its options say so (Leaflet's own updates on zoom keep it there)
    // and its element moves as Tooltip.update would, from the size already read (no layout read).
    function moveTip(tip, spot) {
      if (tip.options.direction === spot.side && L.point(tip.options.offset).equals(spot.offset)) { return; }
      var node = tip.getElement();
      tip.options.direction = spot.side;
      tip.options.offset = spot.offset;
      var corner = tipCorner(CM.map.latLngToLayerPoint(tip.getLatLng()), spot.side, spot.offset,
                             spot.box.right - spot.box.left, spot.box.bottom - spot.box.top);
      Object.keys(TIP_SHIFT).forEach(function (s) { node.classList.toggle("leaflet-tooltip-" + s, s === spot.side); });
      L.DomUtil.setPosition(node, corner);
    }

    // A country name, on its side of its point (loadCountryLabels), or nowhere when zoomed far out.
    function countryItem(c) {
      var node = c.marker.getElement();
      return {
        node: node, rank: PRIORITY.country, owner: null,
        spots: function (w, h) {
          if (CM.map.getZoom() < COUNTRY_MIN_ZOOM) { return []; }
          var at = markerPoint(c.marker);
          var dx = { end: -BORDER_GAP - w, start: BORDER_GAP, centre: -w / 2 }[c.align];
          var dy = -h / 2;
          return [{ margin: [dx, dy], box: boxAt(at.x + dx, at.y + dy, w, h) }];
        },
        place: function (spot) {
          var left = spot.margin[0] + "px", top = spot.margin[1] + "px";
          if (node.style.marginLeft !== left) { node.style.marginLeft = left; }
          if (node.style.marginTop !== top) { node.style.marginTop = top; }
        }
      };
    }

    // A river name where its icon anchor puts it (Leaflet's margins on the element).
    function riverItem(marker) {
      var node = marker.getElement();
      return {
        node: node, rank: PRIORITY.river, owner: null,
        spots: function (w, h) {
          var at = markerPoint(marker);
          var left = at.x + parseFloat(node.style.marginLeft || 0), top = at.y + parseFloat(node.style.marginTop || 0);
          return [{ box: boxAt(left, top, w, h) }];
        },
        place: function () {}
      };
    }

    // Where Leaflet puts a marker's element (Marker._setPos rounds its layer point), in the map's frame.
    function markerPoint(marker) {
      return CM.map.layerPointToContainerPoint(CM.map.latLngToLayerPoint(marker.getLatLng()).round());
    }

    function boxAt(left, top, w, h) {
      return { left: left, top: top, right: left + w, bottom: top + h };
    }

    function grow(box, by) {
      return { left: box.left - by, top: box.top - by, right: box.right + by, bottom: box.bottom + by };
    }

    function within(box, frame) {
      return box.left >= frame.left && box.right <= frame.right && box.top >= frame.top && box.bottom <= frame.bottom;
    }

    // Whether ``box`` overlaps any of ``boxes`` (touching is not overlapping).
    function meets(box, boxes) {
      return boxes.some(function (b) {
        return box.left < b.right && b.left < box.right && box.top < b.bottom && b.top < box.bottom;
      });
    }

    CM.create = create;
    return CM;
  }

  window.CorridorMap = create();
})();
