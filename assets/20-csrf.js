/* CSRF token on every state-changing request of a logged-in user (Dash callbacks included).
 * The server sets the `dashboard_csrf` cookie only after login; Flask-WTF checks the header
 * against the session. An inline script would break the Content-Security-Policy, hence this file. */
(function () {
  "use strict";
  var COOKIE = "dashboard_csrf";
  var HEADER = "X-CSRFToken";
  var SAFE = { GET: true, HEAD: true, OPTIONS: true, TRACE: true };

  function token() {
    var match = document.cookie.match(new RegExp("(?:^|;\\s*)" + COOKIE + "=([^;]*)"));
    return match ? decodeURIComponent(match[1].replace(/^"|"$/g, "")) : null;
  }

  function sameOrigin(url) {
    try {
      return new URL(url, window.location.href).origin === window.location.origin;
    } catch (e) {
      return false;
    }
  }

  var originalFetch = window.fetch;
  window.fetch = function (input, init) {
    var request = typeof input === "string" || input instanceof URL ? null : input;
    var url = request ? request.url : String(input);
    var method = ((init && init.method) || (request && request.method) || "GET").toUpperCase();
    var value = token();
    if (value && !SAFE[method] && sameOrigin(url)) {
      var headers = new Headers((init && init.headers) || (request && request.headers) || {});
      headers.set(HEADER, value);
      init = Object.assign({}, init || {}, { headers: headers });
    }
    return originalFetch.call(this, input, init);
  };
})();
