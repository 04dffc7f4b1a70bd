/* Display themes: light, dark, high contrast. The theme is an attribute on <html> (data-theme, and
   data-bs-theme for Bootstrap), styled in 30-themes.css; charts get the theme's colours from
   /themes/plotly.json (defined once, in dashboard/figures/themes.py). Chosen in the filter bar,
   remembered in localStorage (through a dcc.Store) and carried by ?theme= in the URL.
   A theme may also swap the figure builders' own colours (the "recolour" table of the same JSON:
   the dark theme lightens the series colours); each chart keeps its builder colours aside, so
   going back to light restores them exactly. */
(function () {
  "use strict";
  var THEMES = ["light", "dark", "contrast"];
  var layouts = null;
  var wanted = null;

  function valid(theme) { return THEMES.indexOf(theme) >= 0 ? theme : null; }
  function urlTheme() { return valid(new URL(window.location.href).searchParams.get("theme")); }

  function loadLayouts() {
    if (layouts) { return Promise.resolve(layouts); }
    return fetch("/themes/plotly.json", { credentials: "same-origin" })
      .then(function (r) { return r.json(); })
      .then(function (data) { layouts = data; return data; });
  }

  // --- colour swaps (marker, line, text, pattern, fill, annotation and shape colours) -----------
  var TRACE_PATHS = ["marker.color", "marker.colors", "marker.line.color", "marker.pattern.fgcolor",
    "marker.pattern.bgcolor", "line.color", "fillcolor", "textfont.color", "insidetextfont.color",
    "outsidetextfont.color"];
  var FILLED_TEXT = ["treemap", "sunburst", "pie", "icicle", "funnelarea"];
  var RGB = /^rgba?\(\s*(\d+)\s*,\s*(\d+)\s*,\s*(\d+)\s*(?:,\s*([\d.]+)\s*)?\)$/i;

  function hex2(n) { return ("0" + Math.max(0, Math.min(255, Math.round(n))).toString(16)).slice(-2).toUpperCase(); }
  function parse(colour) {
    if (typeof colour !== "string") { return null; }
    var c = colour.trim(), m;
    if (/^#[0-9a-f]{6}$/i.test(c)) { return { key: c.toUpperCase(), alpha: null }; }
    if (/^#[0-9a-f]{3}$/i.test(c)) {
      return { key: ("#" + c[1] + c[1] + c[2] + c[2] + c[3] + c[3]).toUpperCase(), alpha: null };
    }
    m = RGB.exec(c);
    if (m) { return { key: "#" + hex2(+m[1]) + hex2(+m[2]) + hex2(+m[3]), alpha: m[4] === undefined ? null : +m[4] }; }
    if (c.toLowerCase() === "white") { return { key: "#FFFFFF", alpha: null }; }
    if (c.toLowerCase() === "black") { return { key: "#000000", alpha: null }; }
    return null;
  }
  function swap(colour, table) {
    var p = parse(colour);
    if (!p || !table[p.key]) { return colour; }
    var t = table[p.key];
    if (p.alpha === null) { return t; }
    return "rgba(" + [1, 3, 5].map(function (i) { return parseInt(t.substr(i, 2), 16); }).join(",") + "," + p.alpha + ")";
  }
  function swapAll(value, table) {
    return Array.isArray(value) ? value.map(function (v) { return swap(v, table); }) : swap(value, table);
  }
  function luminance(colour) {
    var p = parse(colour);
    if (!p) { return null; }
    var ch = [1, 3, 5].map(function (i) {
      var c = parseInt(p.key.substr(i, 2), 16) / 255;
      return c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
    });
    return 0.2126 * ch[0] + 0.7152 * ch[1] + 0.0722 * ch[2];
  }
  function ratio(a, b) { return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05); }
  // Text written on a mark: whichever of the theme's ink and paper reads best on the mark's colour.
  function onFill(fill, fallback, l) {
    var f = luminance(fill), ink = luminance(l.font.color), paper = luminance(l.paper_bgcolor);
    if (f === null) { return fallback; }
    return ratio(f, ink) >= ratio(f, paper) ? l.font.color : l.paper_bgcolor;
  }
  function getPath(obj, path) {
    return path.split(".").reduce(function (o, k) { return o && typeof o === "object" ? o[k] : undefined; }, obj);
  }
  // The builder's colours, kept on the object itself (a new figure from Dash brings new objects).
  function original(obj, paths) {
    if (!obj.__builderColours) {
      var kept = {};
      paths.forEach(function (p) { kept[p] = getPath(obj, p); });
      Object.defineProperty(obj, "__builderColours", { value: kept, enumerable: false });
    }
    return obj.__builderColours;
  }
  function same(a, b) { return JSON.stringify(a) === JSON.stringify(b); }

  function traceUpdate(gd, table, l) {
    var update = {};
    (gd.data || []).forEach(function (trace, i) {
      var kept = original(trace, TRACE_PATHS);
      var next = {};
      TRACE_PATHS.forEach(function (p) { if (kept[p] !== undefined) { next[p] = swapAll(kept[p], table); } });
      var textInside = FILLED_TEXT.indexOf(trace.type) >= 0 || trace.textposition === "inside";
      var fills = next["marker.colors"] !== undefined ? next["marker.colors"] : next["marker.color"];
      if (textInside && Object.keys(table).length && fills !== undefined) {
        ["textfont.color", "insidetextfont.color"].forEach(function (p) {
          if (kept[p] === undefined) { return; }
          var text = next[p];
          if (Array.isArray(fills) || Array.isArray(text)) {
            var n = Math.max(Array.isArray(fills) ? fills.length : 0, Array.isArray(text) ? text.length : 0);
            var out = [];
            for (var k = 0; k < n; k++) {
              out.push(onFill(Array.isArray(fills) ? fills[k] : fills, Array.isArray(text) ? text[k] : text, l));
            }
            next[p] = out;
          } else { next[p] = onFill(fills, text, l); }
        });
      }
      Object.keys(next).forEach(function (p) {
        if (same(getPath(trace, p), next[p])) { return; }
        if (!update[p]) { update[p] = []; }
        update[p][i] = next[p];
      });
    });
    Object.keys(update).forEach(function (p) {
      // the other traces keep what they have (unset stays unset)
      for (var i = 0; i < gd.data.length; i++) { if (!(i in update[p])) { update[p][i] = getPath(gd.data[i], p); } }
    });
    return update;
  }

  function layoutSwaps(gd, table, update) {
    var layout = gd.layout;
    var kept = original(layout, ["colorway"]);
    var way = kept.colorway || getPath(layout, "template.layout.colorway");
    if (way) {
      var next = Object.keys(table).length ? swapAll(way, table) : (kept.colorway === undefined ? null : kept.colorway);
      if (!same(layout.colorway === undefined ? null : layout.colorway, next)) { update.colorway = next; }
    }
    [["annotations", ["font.color", "bgcolor", "bordercolor", "arrowcolor"]],
     ["shapes", ["line.color", "fillcolor"]]].forEach(function (pair) {
      (layout[pair[0]] || []).forEach(function (item, i) {
        var keptItem = original(item, pair[1]);
        pair[1].forEach(function (p) {
          if (keptItem[p] === undefined) { return; }
          var value = swap(keptItem[p], table);
          if (!same(getPath(item, p), value)) { update[pair[0] + "[" + i + "]." + p] = value; }
        });
      });
    });
  }

  function relayoutOne(gd, theme) {
    if (!window.Plotly || !gd.layout || !layouts || !layouts[theme]) { return; }
    var l = layouts[theme];
    if (gd.layout.paper_bgcolor === l.paper_bgcolor && gd.__themed === theme) { return; }
    var update = { paper_bgcolor: l.paper_bgcolor, plot_bgcolor: l.plot_bgcolor, "font.color": l.font.color };
    Object.keys(gd.layout).forEach(function (key) {
      if (/^[xy]axis\d*$/.test(key)) {
        Object.keys(l.xaxis).forEach(function (p) { update[key + "." + p] = l.xaxis[p]; });
      } else if (/^polar\d*$/.test(key)) {
        update[key + ".bgcolor"] = l.polar.bgcolor;
        ["radialaxis", "angularaxis"].forEach(function (a) {
          Object.keys(l.polar[a]).forEach(function (p) { update[key + "." + a + "." + p] = l.polar[a][p]; });
        });
      }
    });
    var table = (layouts.recolour && layouts.recolour[theme]) || {};
    layoutSwaps(gd, table, update);
    var traces = traceUpdate(gd, table, l);
    gd.__themed = theme;
    if (Object.keys(traces).length) {
      window.Plotly.update(gd, traces, update);
    } else {
      window.Plotly.relayout(gd, update);
    }
  }

  function relayoutAll(theme) {
    // Presentation charts keep their projector look unless a theme is asked for in the URL.
    document.querySelectorAll(".js-plotly-plot").forEach(function (gd) {
      if (gd.closest(".deck") && !urlTheme()) { return; }
      if (!gd.__themeHook && gd.on) {
        gd.__themeHook = true;
        gd.on("plotly_afterplot", function () { if (wanted) { relayoutOne(gd, wanted); } });
      }
      relayoutOne(gd, theme);
    });
  }

  function apply(theme) {
    theme = valid(theme) || "light";
    wanted = theme;
    var html = document.documentElement;
    html.setAttribute("data-theme", theme);
    html.setAttribute("data-bs-theme", theme === "dark" ? "dark" : "light");
    loadLayouts().then(function () { relayoutAll(theme); }).catch(function () { /* charts keep their look */ });
    return theme;
  }

  function remembered() {
    try {
      var raw = window.localStorage.getItem("theme-store");
      return raw ? valid(JSON.parse(raw)) : null;
    } catch (e) { return null; }
  }

  window.dash_clientside = window.dash_clientside || {};
  window.dash_clientside.themes = {
    fromUrl: function (search, _id, stored) {
      var theme = urlTheme() || valid(stored) || remembered() || "light";
      return apply(theme);
    },
    choose: function (value) {
      var theme = valid(value);
      // Also fired when fromUrl sets the select: then nothing changed and the URL stays as it is.
      if (!theme || theme === document.documentElement.getAttribute("data-theme")) {
        return window.dash_clientside.no_update;
      }
      apply(theme);
      var url = new URL(window.location.href);
      if (url.searchParams.get("theme") !== theme) {
        url.searchParams.set("theme", theme);
        window.history.replaceState(window.history.state, "", url.toString());
      }
      return theme;
    }
  };

  // Charts drawn after the theme was set (page changes, callbacks) get its colours too.
  new MutationObserver(function () {
    if (wanted && wanted !== "light") { loadLayouts().then(function () { relayoutAll(wanted); }); }
  }).observe(document.documentElement, { childList: true, subtree: true });

  // Before Dash renders: avoid a flash of the light theme.
  apply(urlTheme() || remembered() || "light");
})();
