/* Heritage maps, offline: the borders of Natural Earth and the regions of Kazakhstan
   (geokz) are shipped with the site, so no tile server is needed; OpenStreetMap tiles
   only when the site sets data-tiles. Points come from a JSON data block named by
   data-points; their symbols are the legend's under the map, drawn by the server
   (core/map_thumbnails.py), so that the map, its legend and the thumbnails agree. Region
   names are in the page's language and shown only where they fit. An item's map
   (data-layout="item") names its places beside them; the overview groups crowded places
   into clusters (Leaflet.markercluster). Markers and clusters are buttons a keyboard
   reaches. The same places are listed in the page for readers without JavaScript. */
(function () {
  "use strict";
  const PAGE_LANGUAGE = document.documentElement.lang;
  const LANGUAGE = ["kk", "ru", "en"].includes(PAGE_LANGUAGE) ? PAGE_LANGUAGE : "en";
  const CITIES = new Set(["KZ-71", "KZ-75", "KZ-79"]); // Astana, Almaty, Shymkent
  // Where a place's name may go, in the order tried: a side and an offset from the marker.
  const PLACINGS = [
    ["right", [10, 0]],
    ["left", [-10, 0]],
    ["right", [10, -14]],
    ["right", [10, 14]],
    ["left", [-10, -14]],
    ["left", [-10, 14]],
    ["top", [0, -10]],
    ["bottom", [0, 10]],
  ];

  function popup(point) {
    const wrapper = document.createElement("div");
    const link = document.createElement("a");
    link.href = point.url;
    link.textContent = point.name;
    wrapper.appendChild(link);
    if (point.parent) {
      const parent = document.createElement("div");
      parent.textContent = point.parent;
      wrapper.appendChild(parent);
    }
    return wrapper;
  }

  function leafletCredit(title) {
    const link = document.createElement("a");
    link.href = "https://leafletjs.com";
    link.title = title;
    link.textContent = "Leaflet";
    return link.outerHTML;
  }

  // A marker drawn with the legend's symbol, named for screen readers (Leaflet makes
  // it a button: tabindex 0, role button; Enter opens its popup).
  const SymbolIcon = L.DivIcon.extend({
    createIcon(oldIcon) {
      const div = L.DivIcon.prototype.createIcon.call(this, oldIcon);
      div.replaceChildren(this.options.symbol.cloneNode(true));
      div.setAttribute("aria-label", this.options.label);
      return div;
    },
  });

  // A cluster: its count, large and readable, and a name that says what it holds.
  const ClusterIcon = L.DivIcon.extend({
    createIcon(oldIcon) {
      const div = L.DivIcon.prototype.createIcon.call(this, oldIcon);
      const count = document.createElement("span");
      count.textContent = this.options.count;
      div.replaceChildren(count);
      div.setAttribute("aria-label", this.options.label);
      return div;
    },
  });

  function clusterIcon(cluster, label) {
    const count = cluster.getChildCount();
    const size = count < 10 ? 36 : count < 100 ? 42 : 48;
    return new ClusterIcon({
      className: "map-cluster",
      iconSize: [size, size],
      count: count,
      label: label.replace("{count}", count),
    });
  }

  function regionName(feature) {
    const properties = feature.properties;
    const name = properties["name_" + LANGUAGE] || properties.name_en;
    // Russian names the regions by adjectives ("Абайская"): область goes with them.
    const city = CITIES.has(properties.iso_3166_2);
    return LANGUAGE === "ru" && !city ? name + " обл." : name;
  }

  // Even–odd test of a [lon, lat] point against a GeoJSON (multi)polygon.
  function contains(geometry, lon, lat) {
    const multi = geometry.type === "MultiPolygon";
    const polygons = multi ? geometry.coordinates : [geometry.coordinates];
    let inside = false;
    for (const ring of polygons.flat()) {
      for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
        const [x1, y1] = ring[i];
        const [x2, y2] = ring[j];
        if (y1 > lat !== y2 > lat && lon < x1 + ((lat - y1) * (x2 - x1)) / (y2 - y1)) {
          inside = !inside;
        }
      }
    }
    return inside;
  }

  // The region a place lies in (the cities are holes in the regions around them).
  function regionAt(regions, point) {
    return regions.features.find((f) => contains(f.geometry, point.lon, point.lat));
  }

  // The first view, drawn at once (not animated): a reader (or a test) clicking a
  // marker as soon as the map is ready finds it where it stays. One place: its region
  // and the names around it. Several: all of them, with room for their names.
  function frame(map, points, regions, regionBounds, named, areaBounds) {
    const width = map.getSize().x;
    const credits = map.attributionControl.getContainer().offsetHeight;
    if (areaBounds) {
      // A record with an area: the property and its buffer zone, and its places.
      const bounds = L.latLngBounds(areaBounds.getSouthWest(), areaBounds.getNorthEast());
      points.forEach((point) => bounds.extend([point.lat, point.lon]));
      map.fitBounds(bounds, {
        paddingTopLeft: [24, 24],
        paddingBottomRight: [named ? Math.min(160, width / 5) : 24, 24 + credits],
        maxZoom: 14,
        animate: false,
      });
    } else if (points.length === 1) {
      const point = points[0];
      const region = regionAt(regions, point);
      const bounds = region
        ? L.geoJSON(region).getBounds().extend([point.lat, point.lon])
        : L.latLng(point.lat, point.lon).toBounds(600000);
      map.fitBounds(bounds, { padding: [24, 24], maxZoom: 7, animate: false });
      if (map.getZoom() < 5) {
        map.setView([point.lat, point.lon], 5, { animate: false });
      }
    } else if (named) {
      // Room for the names (right, mostly) and above the credits at the bottom.
      const bounds = L.latLngBounds(points.map((point) => [point.lat, point.lon]));
      map.fitBounds(bounds, {
        paddingTopLeft: [width < 600 ? 24 : 48, 32],
        paddingBottomRight: [Math.min(160, width / 5), 24 + credits],
        maxZoom: 9,
        animate: false,
      });
    } else {
      // The overview: the whole country, and any place beyond it.
      const bounds = L.latLngBounds(regionBounds.getSouthWest(), regionBounds.getNorthEast());
      points.forEach((point) => bounds.extend([point.lat, point.lon]));
      map.fitBounds(bounds, {
        paddingTopLeft: [16, 16],
        paddingBottomRight: [16, 8 + credits],
        animate: false,
      });
    }
  }

  function overlaps(box, boxes) {
    return boxes.some(
      (other) =>
        box.left < other.right &&
        other.left < box.right &&
        box.top < other.bottom &&
        other.top < box.bottom,
    );
  }

  function within(box, outer) {
    return (
      box.left >= outer.left &&
      box.right <= outer.right &&
      box.top >= outer.top &&
      box.bottom <= outer.bottom
    );
  }

  // The most names that can go without overlapping each other or the markers: each
  // name's free placings, then a search (depth first, bounded) over their combinations.
  function placeNamesApart(options, steps = 20000) {
    let best = [];
    const chosen = [];
    function visit(i, count) {
      if (--steps < 0 || count + options.length - i <= best.filter(Boolean).length) return;
      if (i === options.length) {
        best = chosen.slice();
        return;
      }
      for (const option of options[i]) {
        if (!overlaps(option.box, chosen.filter(Boolean).map((c) => c.box))) {
          chosen.push(option);
          visit(i + 1, count + 1);
          chosen.pop();
        }
      }
      chosen.push(null);
      visit(i + 1, count);
      chosen.pop();
    }
    visit(0, 0);
    return best;
  }

  // Names that do not clutter: the places' names first, as many as can go beside their
  // markers (a hidden one is still the marker's name, popup and tooltip); then the
  // regions', largest first, where they fit inside their region on screen and overlap
  // neither a name nor a marker.
  function declutter(map, placeNames, regionNames) {
    const container = map.getContainer();
    const frameBox = container.getBoundingClientRect();
    const taken = [...container.querySelectorAll(".leaflet-marker-icon")].map((icon) =>
      icon.getBoundingClientRect(),
    );
    const options = placeNames.map((tooltip) =>
      PLACINGS.map(([direction, offset]) => {
        Object.assign(tooltip.options, { direction, offset });
        tooltip.update();
        return { direction, offset, box: tooltip.getElement().getBoundingClientRect() };
      }).filter((option) => within(option.box, frameBox) && !overlaps(option.box, taken)),
    );
    const placed = placeNamesApart(options);
    placeNames.forEach((tooltip, i) => {
      if (placed[i]) {
        const { direction, offset } = placed[i];
        Object.assign(tooltip.options, { direction, offset });
        tooltip.update();
        taken.push(placed[i].box);
      }
      tooltip.getElement().classList.toggle("map-name-hidden", !placed[i]);
    });
    for (const { tooltip, bounds } of regionNames) {
      const element = tooltip.getElement();
      if (!element) continue;
      element.classList.remove("map-name-hidden");
      const box = element.getBoundingClientRect();
      const west = map.latLngToContainerPoint(bounds.getSouthWest());
      const east = map.latLngToContainerPoint(bounds.getNorthEast());
      const fits = east.x - west.x >= box.width * 0.8 && west.y - east.y >= box.height * 1.2;
      const shown = fits && within(box, frameBox) && !overlaps(box, taken);
      if (shown) taken.push(box);
      element.classList.toggle("map-name-hidden", !shown);
    }
  }

  async function fetchJSON(url) {
    const response = await fetch(url);
    if (!response.ok) throw new Error(`${url}: ${response.status}`);
    return response.json();
  }

  // Hands the browser back its main thread between the steps of drawing a map, so that
  // no step blocks a reader's tap or scroll for long (Lighthouse's total blocking time).
  const breathe = () => new Promise((resolve) => setTimeout(resolve));

  async function draw(element) {
    const data = element.dataset;
    const points = data.pointsUrl
      ? await fetchJSON(data.pointsUrl)
      : JSON.parse(document.getElementById(data.points).textContent);
    const legend = document.getElementById(data.legend);
    const symbols = {};
    const present = new Set(points.map((point) => point.kind));
    legend.querySelectorAll("[data-kind]").forEach((entry) => {
      symbols[entry.dataset.kind] = entry.querySelector("svg");
      if (!present.has(entry.dataset.kind)) entry.remove();
    });
    const named = data.layout === "item";
    const map = L.map(element, {
      scrollWheelZoom: false,
      zoomSnap: 0.25,
      zoomControl: false,
      maxZoom: data.tiles ? 18 : 12,
    });
    map.setView([48.0, 67.0], 4);
    map.createPane("regionNames").classList.add("map-region-names");
    L.control.zoom({ zoomInTitle: data.zoomInTitle, zoomOutTitle: data.zoomOutTitle }).addTo(map);
    map.attributionControl.setPrefix(leafletCredit(data.leafletTitle));
    if (data.tiles) {
      const osm = document.createElement("span");
      osm.textContent = data.osmCredit;
      L.tileLayer(data.tiles, { attribution: osm.innerHTML, maxZoom: 18 }).addTo(map);
    }
    const [countries, regions] = await Promise.all([
      fetchJSON(data.borders),
      fetchJSON(data.regions),
    ]);
    await breathe();
    const fill = data.tiles ? 0.2 : 1;
    // Kazakhstan is drawn by its regions, over its neighbours: one source for its border.
    // Natural Earth's Kazakhstan, below, only fills the slivers where the two differ.
    L.geoJSON(countries, {
      interactive: false,
      style: (feature) => ({
        stroke: feature.properties.name !== "Kazakhstan",
        color: "#b3bec7",
        weight: 1,
        fillColor: "#f6f7f8",
        fillOpacity: fill,
      }),
    }).addTo(map);
    await breathe();
    const regionLayer = L.geoJSON(regions, {
      interactive: false,
      style: { color: "#5d7a86", weight: 1, fillColor: "#e3f1f5", fillOpacity: fill },
    }).addTo(map);
    // The record's area, where staff uploaded one: the property filled, its buffer zone
    // dashed around it.
    let areaBounds = null;
    if (data.area) {
      const areaLayer = L.geoJSON(JSON.parse(document.getElementById(data.area).textContent), {
        interactive: false,
        style: (feature) =>
          feature.properties.zone === "buffer"
            ? { color: "#8a5a00", weight: 2, dashArray: "6 4", fill: false }
            : { color: "#005a73", weight: 2, fillColor: "#00799a", fillOpacity: 0.3 },
      }).addTo(map);
      areaBounds = areaLayer.getBounds();
    }
    await breathe();
    // The credits come from the server, escaped, with their sources linked.
    map.attributionControl.addAttribution(data.bordersCredit);
    map.attributionControl.addAttribution(data.regionsCredit);

    // Each region's bounds from the layer already drawn, not from its GeoJSON read again.
    const regionNames = regionLayer
      .getLayers()
      .map((layer) => ({
        bounds: layer.getBounds(),
        tooltip: L.tooltip({
          permanent: true,
          direction: "center",
          className: "map-region-name",
          pane: "regionNames",
          interactive: false,
        })
          .setLatLng([layer.feature.properties.label[1], layer.feature.properties.label[0]])
          .setContent(regionName(layer.feature)),
      }))
      .sort((a, b) => area(b.bounds) - area(a.bounds));
    regionNames.forEach(({ tooltip }) => map.openTooltip(tooltip));
    await breathe();

    const fallback = Object.values(symbols)[0];
    const markers = points.map((point) =>
      L.marker([point.lat, point.lon], {
        icon: new SymbolIcon({
          className: "map-marker",
          iconSize: [24, 24], // WCAG 2.2 target size: 24 × 24 CSS pixels at least
          symbol: symbols[point.kind] || fallback,
          label: point.name,
        }),
        riseOnHover: true,
      })
        .bindPopup(popup(point))
        .bindTooltip(
          point.name,
          named
            ? { permanent: true, direction: "right", offset: [10, 0], className: "map-place-name" }
            : { direction: "top", offset: [0, -10] },
        ),
    );
    await breathe();
    let places;
    if (!named && L.markerClusterGroup) {
      places = L.markerClusterGroup({
        maxClusterRadius: 40,
        showCoverageOnHover: false,
        chunkedLoading: true, // thousands of places without freezing the page
        iconCreateFunction: (cluster) => clusterIcon(cluster, data.clusterLabel),
      });
      places.addLayers(markers);
    } else {
      places = L.featureGroup(markers);
    }
    // Framed before the places are added: the clusters are made at the final zoom, with
    // no animation still under way when the map says it is ready.
    frame(map, points, regions, regionLayer.getBounds(), named, areaBounds);
    places.addTo(map);
    legend.hidden = !legend.children.length;

    const placeNames = named ? markers.map((marker) => marker.getTooltip()) : [];
    const tidy = () => {
      declutter(map, placeNames, regionNames);
      element.dataset.zoom = map.getZoom();
    };
    map.on("zoomend moveend resize", tidy);
    if (places.on) places.on("animationend spiderfied unspiderfied", tidy);
    tidy();
    element.dataset.ready = "true";
  }

  function area(bounds) {
    return (bounds.getEast() - bounds.getWest()) * (bounds.getNorth() - bounds.getSouth());
  }

  function drawAndReport(element) {
    draw(element).catch((error) => {
      element.dataset.ready = "error";
      console.error(error);
    });
  }

  // The vendored scripts are deferred like this one, some included after it (with the
  // map): start once they have all run. A map is drawn when it comes near the screen:
  // one further down a page costs a phone nothing while the page loads.
  function start() {
    const maps = document.querySelectorAll("[data-map]");
    if (!("IntersectionObserver" in window)) {
      maps.forEach(drawAndReport);
      return;
    }
    const observer = new IntersectionObserver(
      (entries) => {
        entries
          .filter((entry) => entry.isIntersecting)
          .forEach((entry) => {
            observer.unobserve(entry.target);
            drawAndReport(entry.target);
          });
      },
      { rootMargin: "200px 0px" },
    );
    maps.forEach((element) => observer.observe(element));
  }

  let started = false;
  const startOnce = () => {
    if (!started) {
      started = true;
      start();
    }
  };
  document.addEventListener("DOMContentLoaded", startOnce);
  window.addEventListener("load", startOnce);
  if (document.readyState === "complete") startOnce();
})();
