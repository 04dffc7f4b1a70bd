"""One Plotly in the browser: a partial bundle with only the trace types the app draws.

Dash loads plotly.js lazily, when the first dcc.Graph appears, from
`_dash-component-suites/plotly/package_data/plotly.min.js` (its full 4.8 MB copy). This module
answers that very URL with `dashboard/vendor/plotly-partial.min.js` (built by
tools/plotly-bundle/build.sh at the plotly.js version of the plotly Python package), sent
pre-compressed. Pages without a chart never download Plotly at all; pages with one get
~375 kB of brotli instead of ~1.4 MB. A figure using a trace type missing from the bundle
would draw nothing: tests compare the figures' trace types with `bundled_trace_types()`.
"""

from __future__ import annotations

import json
from pathlib import Path

from flask import Flask, Response, request

from dashboard.config import PACKAGE_DIR, PROJECT_DIR

BUNDLE = PACKAGE_DIR / "vendor" / "plotly-partial.min.js"
MANIFEST = PROJECT_DIR / "tools" / "plotly-bundle" / "VERSION.json"
DASH_PLOTLY_PATH = "/_dash-component-suites/plotly/package_data/plotly.min.js"
ENCODINGS = (("br", ".br"), ("gzip", ".gz"))


def bundled_trace_types(manifest: Path = MANIFEST) -> frozenset[str]:
    return frozenset(json.loads(manifest.read_text(encoding="utf-8"))["traces"].split())


def bundled_version(manifest: Path = MANIFEST) -> str:
    return json.loads(manifest.read_text(encoding="utf-8"))["plotly.js"]


class PartialBundle:
    """Serve the bundle (or a pre-compressed copy) in place of Dash's plotly.min.js."""

    def __init__(self, bundle: Path = BUNDLE) -> None:
        self.bodies = {"identity": bundle.read_bytes()}
        for encoding, suffix in ENCODINGS:
            sibling = bundle.with_name(bundle.name + suffix)
            if sibling.is_file():
                self.bodies[encoding] = sibling.read_bytes()
        self.etag = f'"{bundle.stat().st_mtime_ns:x}-{len(self.bodies["identity"]):x}"'

    def __call__(self) -> Response | None:
        if request.method not in ("GET", "HEAD") or not request.path.endswith(DASH_PLOTLY_PATH):
            return None
        if request.headers.get("If-None-Match") == self.etag:
            response = Response(status=304)
        else:
            offered = {
                p.split(";")[0].strip().lower() for p in request.headers.get("Accept-Encoding", "").split(",")
            }
            encoding = next((e for e, _ in ENCODINGS if e in offered and e in self.bodies), "identity")
            response = Response(self.bodies[encoding], mimetype="application/javascript")
            if encoding != "identity":
                response.headers["Content-Encoding"] = encoding
        response.headers["ETag"] = self.etag
        response.headers["Vary"] = "Accept-Encoding"
        response.headers["Cache-Control"] = "public, max-age=86400"
        return response


def install(server: Flask) -> None:
    if BUNDLE.exists():  # a checkout without the bundle keeps Dash's own full Plotly
        server.before_request(PartialBundle())
