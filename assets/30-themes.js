/* Display themes: light, dark, high contrast. The theme is an attribute on <html> (data-theme, and
   data-bs-theme for Bootstrap), styled in 30-themes.css; charts get the theme's colours from
   /themes/plotly.json (defined once, in dashboard/figures/themes.py). Chosen in the filter bar,
   remembered in localStorage (through a dcc.Store) and carried by ?theme= in the URL. */
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
    gd.__themed = theme;
    window.Plotly.relayout(gd, update);
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
