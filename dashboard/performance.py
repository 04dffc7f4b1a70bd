"""Wire the performance pieces into an app: one partial Plotly bundle, compression, the result cache."""

from __future__ import annotations

import os
from pathlib import Path

from dash import Dash

from dashboard import cache, compression, plotly_bundle
from dashboard.config import Settings


def install(app: Dash, settings: Settings) -> None:
    """Call before the app's first request (Dash fixes the scripts it serves then)."""
    plotly_bundle.unregister_dash_plotly()
    compression.install(app.server, Path(app.config.assets_folder))
    cache.install(app.server, os.environ.get("CACHE_REDIS_URL") or None)
