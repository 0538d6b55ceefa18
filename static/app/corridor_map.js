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
      map.on("moveend zoomend resize", function () { window.requestAnimationFrame(CM.clearStamp); });
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
      (data.basemap.labels || []).forEach(function (lab) {
        L.marker([lab.lonlat[1], lab.lonlat[0]], {
          pane: "cm-graticule", interactive: false, keyboard: false,
          icon: L.divIcon({ className: "cm-country-label", html: lab.name, iconSize: [200, 24], iconAnchor: [100, 12] })
        }).addTo(group("basemap"));
      });

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
        CM.places[f.properties.id] = { marker: marker, names: f.properties.names };
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
                                            marker: marker, covers: f.properties.covers || [] };
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

    function loadRivers(rivers, s) {
      L.geoJSON(rivers, {
        pane: "cm-rivers", renderer: svgIn("cm-rivers"),
        style: function (f) {
          return { className: f.properties.cls, color: s.river.color, weight: s.river.weight, fill: false };
        },
        onEachFeature: function (f, layer) { layer.bindPopup(f.properties.popup, { maxWidth: 380 }); }
      }).addTo(group("rivers"));
      (rivers.labels || []).forEach(function (lab) {
        L.marker([lab.lonlat[1], lab.lonlat[0]], {
          pane: "cm-region-labels", interactive: false, keyboard: false,
          icon: L.divIcon({ className: "cm-river-label", html: lab.name, iconSize: [90, 16], iconAnchor: [-4, 16] })
        }).addTo(group("rivers"));
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

    // The server's state for the current run (the StepScript of each rerun). A day drawn ahead of
    // the server (CM.foresee, from static/app/day_panel.js when the date slider moves) holds for
    // HOLD_MS: a run for another day, one the user has already stepped past, is kept but not drawn.
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
      window.requestAnimationFrame(CM.clearStamp);
    }

    // Every label next to its point, inside the map and off the date stamp (and the note under it),
    // after every date, pan, zoom and resize (the live map and the offline HTML alike). A label whose
    // box leaves the map's frame is flipped to the other side of its point (right <-> left, top <->
    // bottom); one that still does not fit, or that meets the stamp or note, is hidden (never moved
    // away from its point).
    var FLIP = { right: "left", left: "right", top: "bottom", bottom: "top" };

    function labelTips() {
      var out = [];
      [CM.places || {}, CM.checkpoints || {}].forEach(function (items) {
        Object.keys(items).forEach(function (id) {
          var tip = items[id].marker && items[id].marker.getTooltip();
          if (tip && tip.getElement()) { out.push(tip); }
        });
      });
      return out;
    }

    function within(box, frame) {
      return box.left >= frame.left && box.right <= frame.right && box.top >= frame.top && box.bottom <= frame.bottom;
    }

    // Each label goes to the first side of its point, in the order of SIDES from its own side, where
    // it stays inside the map's frame and off the date stamp (and the note under it); hidden when no
    // side will do. Reads and writes of the page's layout are batched (all writes, then all reads,
    // one round per side tried), so a date step forces a few layouts, not one per label.
    var SIDES = {
      right: ["right", "left", "top", "bottom"], left: ["left", "right", "top", "bottom"],
      top: ["top", "bottom", "right", "left"], bottom: ["bottom", "top", "right", "left"]
    };

    function setSide(tip, side) {
      if (!tip._cmHome) { tip._cmHome = { direction: tip.options.direction, offset: L.point(tip.options.offset) }; }
      var home = tip._cmHome;
      if (tip.options.direction === side) { return; }
      var d = Math.max(Math.abs(home.offset.x), Math.abs(home.offset.y), 6);
      var offsets = { right: L.point(d, 0), left: L.point(-d, 0), top: L.point(0, -d), bottom: L.point(0, d) };
      tip.options.direction = side;
      tip.options.offset = side === home.direction ? home.offset
        : side === FLIP[home.direction] ? L.point(-home.offset.x, -home.offset.y) : offsets[side];
      tip.update();
    }

    function meets(box, boxes) {
      return boxes.some(function (b) {
        return !(box.right < b.left || box.left > b.right || box.bottom < b.top || box.top > b.bottom);
      });
    }

    CM.clearStamp = function () {
      if (!CM.map) { return; }
      var tips = labelTips();
      tips.forEach(function (tip) { setSide(tip, (tip._cmHome || tip.options).direction); });  // writes
      var frame = CM.map.getContainer().getBoundingClientRect();  // reads
      var boxes = [CM.stamp, CM.note].filter(function (n) { return n && n.style.display !== "none"; })
        .map(function (n) { return n.getBoundingClientRect(); }).filter(function (b) { return b.width > 0; });
      function placed(tip) {
        var node = tip.getElement();
        var box = node.getBoundingClientRect();
        return node.style.display === "none" || box.width === 0 || (within(box, frame) && !meets(box, boxes));
      }
      var unplaced = tips.filter(function (tip) { return !placed(tip); });
      for (var round = 1; round < 4 && unplaced.length; round++) {
        var trying = unplaced.filter(function (tip) { return SIDES[tip._cmHome.direction]; });
        trying.forEach(function (tip) { setSide(tip, SIDES[tip._cmHome.direction][round]); });  // writes
        unplaced = unplaced.filter(function (tip) { return trying.indexOf(tip) < 0 || !placed(tip); });  // reads
      }
      unplaced.forEach(function (tip) { setSide(tip, tip._cmHome.direction); });  // hidden at its own side
      tips.forEach(function (tip) {
        var node = tip.getElement();
        if (unplaced.indexOf(tip) >= 0) { node.setAttribute("data-outside", "1"); } else { node.removeAttribute("data-outside"); }
      });
      // Every tooltip (labels and others): none shows under the stamp or the note.
      var all = Array.prototype.slice.call(CM.map.getContainer().querySelectorAll(".leaflet-tooltip"));
      var hits = all.map(function (tip) {
        var box = tip.getBoundingClientRect();
        return box.width > 0 && meets(box, boxes);
      });
      all.forEach(function (tip, i) {
        tip.style.visibility = hits[i] || tip.getAttribute("data-outside") ? "hidden" : "";
        if (hits[i]) { tip.setAttribute("data-under-stamp", "1"); } else { tip.removeAttribute("data-under-stamp"); }
      });
    };

    CM.create = create;
    return CM;
  }

  window.CorridorMap = create();
})();
