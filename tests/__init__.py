"""Test-suite settings that must hold before anything is imported."""

import os

# Every figure a test builds (unit, browser, exports) is validated property by property by Plotly;
# the served app skips that cost (dashboard/figures/spec.py).
os.environ.setdefault("DASHBOARD_VALIDATE_FIGURES", "1")
