"""One Plotly in the browser: the partial bundle in assets/, not Dash's full 4.8 MB plotly.min.js.

`assets/05-plotly-partial.min.js` (built by tools/plotly-bundle/build.sh, same plotly.js version
as the plotly Python package) defines `window.Plotly` before the renderer starts, so dcc.Graph
uses it and never asks for Dash's own copy; that copy is also unregistered, so Dash refuses to
serve it. A figure using a trace type missing from the bundle would draw nothing:
`missing_trace_types` lets a test compare the figures' types with the bundle's.
"""

from __future__ import annotations

import json
from pathlib import Path

from dash import dcc

from dashboard.config import PROJECT_DIR

BUNDLE = PROJECT_DIR / "assets" / "05-plotly-partial.min.js"
MANIFEST = PROJECT_DIR / "tools" / "plotly-bundle" / "VERSION.json"


def bundled_trace_types(manifest: Path = MANIFEST) -> frozenset[str]:
    return frozenset(json.loads(manifest.read_text(encoding="utf-8"))["traces"].split())


def bundled_version(manifest: Path = MANIFEST) -> str:
    return json.loads(manifest.read_text(encoding="utf-8"))["plotly.js"]


def missing_trace_types(figure_types: set[str]) -> set[str]:
    return set(figure_types) - bundled_trace_types()


def unregister_dash_plotly() -> None:
    """Drop the full plotly.min.js that every Dash() adds to dcc's resources (before the first request)."""
    if not BUNDLE.exists():  # a checkout without the bundle keeps Dash's own Plotly
        return
    dcc._js_dist[:] = [r for r in dcc._js_dist if r.get("namespace") != "plotly"]
