/* Heritage maps: borders from Natural Earth shipped with the site, so no tile server is
   needed; OpenStreetMap tiles only when the site sets data-tiles. Points come from a
   JSON data block named by data-points. The same places are listed in the page for
   readers without JavaScript. */
(function () {
  "use strict";
  const COLOURS = { world: "#005a73", intangible: "#b35c00", memory: "#6b3fa0", component: "#00799a" };

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

  // Leaflet's controls and credits take HTML: the page's translated words go in as text.
  function escaped(text) {
    const span = document.createElement("span");
    span.textContent = text;
    return span.innerHTML;
  }

  function leafletCredit(title) {
    const link = document.createElement("a");
    link.href = "https://leafletjs.com";
    link.title = title;
    link.textContent = "Leaflet";
    return link.outerHTML;
  }

  async function draw(element) {
    const labels = element.dataset;
    const points = JSON.parse(document.getElementById(labels.points).textContent);
    const map = L.map(element, { scrollWheelZoom: false, zoomSnap: 0.25, zoomControl: false });
    map.setView([48.0, 67.0], 4);
    L.control.zoom({ zoomInTitle: labels.zoomInTitle, zoomOutTitle: labels.zoomOutTitle }).addTo(map);
    map.attributionControl.setPrefix(leafletCredit(labels.leafletTitle));
    if (labels.tiles) {
      L.tileLayer(labels.tiles, { attribution: escaped(labels.osmCredit), maxZoom: 18 }).addTo(map);
    }
    const response = await fetch(labels.borders);
    const borders = L.geoJSON(await response.json(), {
      interactive: false,
      style: (feature) => ({
        color: "#5d7a86",
        weight: 1,
        fillColor: feature.properties.name === "Kazakhstan" ? "#e3f1f5" : "#f1f3f5",
        fillOpacity: labels.tiles ? 0.2 : 1,
      }),
    }).addTo(map);
    map.attributionControl.addAttribution(escaped(labels.bordersCredit));
    const markers = points.map((point) =>
      L.circleMarker([point.lat, point.lon], {
        radius: point.kind === "component" ? 6 : 8,
        color: "#ffffff",
        weight: 2,
        fillColor: COLOURS[point.kind] || COLOURS.world,
        fillOpacity: 0.95,
      })
        .bindPopup(popup(point))
        .bindTooltip(point.name)
        .addTo(map),
    );
    // The first view is drawn at once, not animated: a reader (or a test) clicking a
    // marker as soon as the map is ready must find it where it stays.
    const bounds = markers.length > 1 ? L.featureGroup(markers).getBounds().pad(0.3) : borders.getBounds();
    if (markers.length === 1) {
      map.setView(markers[0].getLatLng(), 7, { animate: false });
    } else {
      map.fitBounds(bounds, { animate: false });
    }
    element.dataset.ready = "true";
  }

  document.querySelectorAll("[data-map]").forEach((element) => {
    draw(element).catch((error) => {
      element.dataset.ready = "error";
      console.error(error);
    });
  });
})();
