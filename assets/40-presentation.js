/* Presentation mode: keyboard and clicker navigation, one URL per slide, full screen.
   A file in assets/ because the Content-Security-Policy forbids inline scripts.
   Next: → Space PageDown ↓ · previous: ← PageUp ↑ · Home / End · F full screen · Esc leaves. */
(function () {
  "use strict";

  function deck() { return document.querySelector(".deck"); }
  function slides(d) { return Array.prototype.slice.call(d.querySelectorAll(".deck-stage > .deck-slide")); }
  function current(d) { return parseInt(d.getAttribute("data-current") || d.getAttribute("data-start") || "1", 10); }

  function show(d, n) {
    var all = slides(d);
    if (!all.length) { return; }
    n = Math.max(1, Math.min(all.length, n || 1));
    all.forEach(function (el, i) { el.hidden = i + 1 !== n; });
    d.setAttribute("data-current", String(n));
    var counter = d.querySelector(".deck-counter");
    if (counter) {
      counter.textContent = (d.getAttribute("data-counter") || "{n} / {total}")
        .replace("{n}", String(n)).replace("{total}", String(all.length));
    }
    var url = new URL(window.location.href);
    if (url.searchParams.get("slide") !== String(n) || url.hash) {
      url.searchParams.set("slide", String(n));
      url.hash = "";
      window.history.replaceState(window.history.state, "", url.toString());
    }
    // A graph drawn while hidden has no size: let Plotly measure its now-visible box.
    window.dispatchEvent(new Event("resize"));
  }

  // Charts are laid out for a 768-pixel-high viewport and scaled by CSS on taller ones.
  function zoom(d) {
    var f = Math.max(1, Math.min(2, window.innerHeight / 768));
    d.style.setProperty("--deck-zoom", f.toFixed(3));
  }

  function startFromUrl(d) {
    var hash = /^#(\d+)$/.exec(window.location.hash);
    var param = new URL(window.location.href).searchParams.get("slide");
    var n = hash ? parseInt(hash[1], 10) : parseInt(param || d.getAttribute("data-start") || "1", 10);
    show(d, isNaN(n) ? 1 : n);
  }

  function init(d) {
    if (d.getAttribute("data-ready") === "1") { return; }
    d.setAttribute("data-ready", "1");
    var html = document.documentElement;
    var asked = new URL(window.location.href).searchParams.get("theme");
    var theme = ["light", "dark", "contrast"].indexOf(asked) >= 0 ? asked : "contrast"; // projectors: high contrast
    html.setAttribute("data-theme", theme);
    html.setAttribute("data-bs-theme", theme === "dark" ? "dark" : "light");
    html.classList.add("deck-open");
    zoom(d);
    window.addEventListener("resize", function () { var e = deck(); if (e) { zoom(e); } });
    startFromUrl(d);
  }

  function togglePanel(d, open) {
    var panel = d.querySelector(".deck-panel");
    if (!panel) { return; }
    var show_ = open === undefined ? panel.hidden : open;
    panel.hidden = !show_;
    d.querySelectorAll('[data-deck-action="panel"][aria-expanded]').forEach(function (b) {
      b.setAttribute("aria-expanded", String(show_));
    });
    if (show_) {
      var first = panel.querySelector("a, button, input");
      if (first) { first.focus(); }
    }
  }

  function fullscreen() {
    if (document.fullscreenElement) { document.exitFullscreen(); }
    else if (document.documentElement.requestFullscreen) {
      document.documentElement.requestFullscreen().catch(function () { /* refused: stay windowed */ });
    }
  }

  function typing(target) {
    if (!target || !target.closest) { return false; }
    return !!target.closest("input, textarea, select, [contenteditable=true], .Select, .dash-dropdown");
  }

  document.addEventListener("keydown", function (event) {
    var d = deck();
    if (!d || event.altKey || event.ctrlKey || event.metaKey || typing(event.target)) { return; }
    var panel = d.querySelector(".deck-panel");
    var panelOpen = panel && !panel.hidden;
    var key = event.key;
    if (key === "Escape") {
      event.preventDefault();
      if (panelOpen) { togglePanel(d, false); }
      else if (document.fullscreenElement) { document.exitFullscreen(); }
      else { window.location.assign(d.getAttribute("data-exit") || "/"); }
      return;
    }
    if (panelOpen) { return; } // the panel's links and fields keep their own keys
    var onButton = event.target && event.target.closest && event.target.closest("button, a");
    var n = current(d);
    if (key === "ArrowRight" || key === "PageDown" || key === "ArrowDown" || (key === " " && !onButton)) {
      event.preventDefault(); show(d, n + 1);
    } else if (key === "ArrowLeft" || key === "PageUp" || key === "ArrowUp") {
      event.preventDefault(); show(d, n - 1);
    } else if (key === "Home") {
      event.preventDefault(); show(d, 1);
    } else if (key === "End") {
      event.preventDefault(); show(d, slides(d).length);
    } else if (key === "f" || key === "F") {
      event.preventDefault(); fullscreen();
    }
  });

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-deck-action]");
    var d = deck();
    if (!button || !d) { return; }
    var action = button.getAttribute("data-deck-action");
    if (action === "next") { show(d, current(d) + 1); }
    else if (action === "previous") { show(d, current(d) - 1); }
    else if (action === "panel") { togglePanel(d); }
    else if (action === "fullscreen") { fullscreen(); }
  });

  window.addEventListener("hashchange", function () {
    var d = deck();
    if (d) { startFromUrl(d); }
  });

  // Dash renders the page after this script runs, and again on navigation: watch for the deck.
  new MutationObserver(function () {
    var d = deck();
    if (d) { init(d); }
    else { document.documentElement.classList.remove("deck-open"); }
  }).observe(document.documentElement, { childList: true, subtree: true });
})();
