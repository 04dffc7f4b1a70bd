"""Wire the performance pieces into an app: one partial Plotly bundle, compression, the result cache."""

from __future__ import annotations

import os
from pathlib import Path

import plotly.io as pio
from dash import Dash

from dashboard import cache, compression, plotly_bundle
from dashboard.config import Settings

JSON_ENGINE = "json"


def install(app: Dash, settings: Settings) -> None:
    """Call before security.install: its hooks must see the answers these hooks make."""
    plotly_bundle.install(app.server)
    compression.install(app.server, Path(app.config.assets_folder))
    cache.install(app.server, os.environ.get("CACHE_REDIS_URL") or None)
    # Dash writes every callback answer with plotly.io.json; its orjson engine first walks the whole
    # component tree in Python, ~40 % slower than the standard json engine on our answers (same JSON;
    # benchmarks/, callback server time). Plotly's own documented switch, set once per process.
    pio.json.config.default_engine = JSON_ENGINE
