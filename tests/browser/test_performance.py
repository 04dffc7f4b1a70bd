"""In the browser: only the partial Plotly bundle loads (only on pages with a chart), and every chart of every page draws with it
(a trace type missing from the bundle would leave an empty chart, not an error)."""

from __future__ import annotations

import pytest

from dashboard.plotly_bundle import bundled_trace_types, bundled_version
from tests.browser.conftest import screenshot, wait_js

PAGES = [
    ("/?commune=tournai", "home"),
    ("/synergies?commune=molenbeek-saint-jean", "synergies"),
    ("/matrices?commune=tournai", "matrices"),
    ("/synthese?commune=tournai", "synthesis"),
    ("/marches?commune=tournai", "contracts"),
    ("/indicateurs-sociaux?commune=tournai", "social"),
    ("/pst?commune=ottignies-louvain-la-neuve", "pst"),
    ("/bruxelles?commune=molenbeek-saint-jean", "brussels"),
]

# every graph has drawn its traces: plotly adds one layer group per trace type it knows
ALL_DRAWN = """(() => {
  const graphs = [...document.querySelectorAll('.js-plotly-plot')];
  return document.querySelector('h1') && graphs.length >= %d && graphs.every(g => g._fullData &&
    g.querySelector('.main-svg') && g._fullData.every(t => t.visible === false || t._module));
})()"""


@pytest.mark.parametrize(("url", "name"), PAGES, ids=[name for _, name in PAGES])
def test_bpf001_charts_draw_with_the_partial_bundle(page, url, name):
    scripts: list[str] = []
    page.on("request", lambda r: scripts.append(r.url) if r.resource_type == "script" else None)
    page.goto(page.base_url + url)
    wait_js(page, ALL_DRAWN % (0 if name == "home" else 1), timeout=30)
    unknown = page.evaluate(
        """[...document.querySelectorAll('.js-plotly-plot')].flatMap(g => g.data.map(t => t.type || 'scatter'))
             .filter(type => !Plotly.PlotSchema.get().traces[type])"""
    )
    assert unknown == [], f"{name}: trace types not in the bundle: {unknown}"
    plotly = [s for s in scripts if "plotly" in s.lower()]
    assert len(plotly) == (0 if name == "home" else 1), plotly  # loaded once, only where a chart is
    if plotly:
        assert page.evaluate("Plotly.version") == bundled_version()
        assert set(page.evaluate("Object.keys(Plotly.PlotSchema.get().traces)")) == bundled_trace_types()
    screenshot(page, f"performance-{name}")
    assert page.console_log.errors() == []
