/* Keep the keyboard focus where it was when Dash re-renders the page.
 *
 * A shared filter (commune, year, language) puts the view in the URL and the page is rendered
 * again: the focused <select> is replaced by a new one and the focus falls back to <body>, so a
 * keyboard or screen-reader user is thrown back to the top. When that happens, focus the element
 * that now carries the same id. Plain file in assets/ (the Content-Security-Policy forbids inline
 * scripts). */
(function () {
  "use strict";
  let lastId = null;
  document.addEventListener("focusin", function (event) {
    lastId = event.target && event.target.id ? event.target.id : null;
  });
  function restore() {
    const active = document.activeElement;
    if (!lastId || (active && active !== document.body && active !== document.documentElement)) {
      return;
    }
    const again = document.getElementById(lastId);
    if (again && typeof again.focus === "function") {
      again.focus({ preventScroll: true });
    }
  }
  new MutationObserver(function () { window.requestAnimationFrame(restore); })
    .observe(document.documentElement, { childList: true, subtree: true });
})();
