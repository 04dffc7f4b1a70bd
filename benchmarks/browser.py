"""First page load in headless system Chromium: bytes transferred (compressed, as on the wire) and the
time from navigation to the first chart drawn; the floor is a static HTML page with the same figure."""

from __future__ import annotations

import functools
import gzip
import json
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

from flask import Flask, Response, request
from werkzeug.serving import make_server

from dashboard.plotly_bundle import BUNDLE

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-quic",
]

# Runs before any page script (DevTools init script, outside the page's CSP): the first animation
# frame where a Plotly graph has drawn its traces.
FIRST_CHART = """(() => {
  const tick = () => {
    const g = document.querySelector('.js-plotly-plot');
    if (g && g._fullData && g._fullData.length && g.querySelector('.main-svg')) {
      window.__firstChart = performance.now();
      return;
    }
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
})();"""

STATIC_PAGE = """<!DOCTYPE html>
<html lang="fr"><head><meta charset="utf-8"><title>floor</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body><div id="chart" style="height:%dpx"></div>
<script src="/plotly.js"></script>
<script>Plotly.newPlot("chart", %s, {responsive: true, displaylogo: false});</script>
</body></html>"""


def floor_app(figure: dict) -> Flask:
    """A bare static site: the same figure and the same Plotly bundle, pre-compressed, nothing else."""
    app = Flask("floor")
    height = int((figure.get("layout") or {}).get("height") or 360)
    page = gzip.compress((STATIC_PAGE % (height, json.dumps(figure))).encode(), 9)
    bundle_br = BUNDLE.with_name(BUNDLE.name + ".br").read_bytes()

    @app.get("/")
    def index() -> Response:
        response = Response(page, mimetype="text/html")
        response.headers["Content-Encoding"] = "gzip"
        return response

    @app.get("/plotly.js")
    def plotly() -> Response:
        if "br" in request.headers.get("Accept-Encoding", ""):
            response = Response(bundle_br, mimetype="application/javascript")
            response.headers["Content-Encoding"] = "br"
            return response
        return Response(BUNDLE.read_bytes(), mimetype="application/javascript")

    return app


@contextmanager
def serve(app: Flask) -> Iterator[str]:
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()


def _add_bytes(total: list[int], event: dict) -> None:
    total[0] += event["encodedDataLength"]


def first_loads(browser, url: str, runs: int) -> list[dict]:
    """`runs` first visits, each in a fresh browser context (empty HTTP cache)."""
    results = []
    for _ in range(runs):
        context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="fr-BE")
        page = context.new_page()
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        transferred = [0]
        cdp.on("Network.loadingFinished", functools.partial(_add_bytes, transferred))
        page.add_init_script(FIRST_CHART)
        page.goto(url, wait_until="load")
        deadline = time.monotonic() + 30
        first = None
        while first is None and time.monotonic() < deadline:
            first = page.evaluate("window.__firstChart || null")
            if first is None:
                page.wait_for_timeout(20)
        if first is None:
            raise RuntimeError(f"no chart drawn within 30 s at {url}")
        page.wait_for_load_state("networkidle")
        results.append({"bytes": transferred[0], "first_chart_ms": first})
        context.close()
    return results


@contextmanager
def chromium(path: str):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()
