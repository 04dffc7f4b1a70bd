"""Each page in a real browser: it loads without console error, a filter changes the chart and the
URL, a reload restores the view, and the back button steps back through filter changes."""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

import pytest

from tests.browser.conftest import screenshot, wait_js

PAGES = [
    ("/", "home"),
    ("/synergies?commune=molenbeek-saint-jean", "synergies"),
    ("/matrices?commune=tournai", "matrices"),
    ("/synthese?commune=tournai", "synthesis"),
    ("/marches?commune=tournai", "contracts"),
    ("/indicateurs-sociaux?commune=tournai", "social"),
    ("/pst?commune=ottignies-louvain-la-neuve", "pst"),
    ("/bruxelles?commune=molenbeek-saint-jean", "brussels"),
]


def _query(page) -> dict[str, list[str]]:
    return parse_qs(urlparse(page.url).query)


def _check(page, control: str, value: str) -> None:
    """Tick a dbc.Checklist / RadioItems option (its input id is derived from the component id)."""
    kind = (
        "checklist"
        if page.locator(f"#_dbcprivate_checklist_{control}_input_{value}").count()
        else "radioitems"
    )
    page.check(f"#_dbcprivate_{kind}_{control}_input_{value}")


def _traces(page, graph_id: str) -> int:
    return page.evaluate(f"document.querySelector('#{graph_id} .js-plotly-plot').data.length")


def _wait_graph(page, graph_id: str) -> None:
    wait_js(page,
        f"document.querySelector('#{graph_id} .js-plotly-plot') && "
        f"document.querySelector('#{graph_id} .js-plotly-plot').data"
    )


@pytest.mark.parametrize(("path", "name"), PAGES)
def test_brw010_every_page_loads_clean_without_cloud_button(page, path, name):
    page.goto(page.base_url + path)
    page.wait_for_selector("main h1")
    page.wait_for_load_state("networkidle")
    graphs = page.locator(".js-plotly-plot")
    for index in range(graphs.count()):
        assert graphs.nth(index).locator(".main-svg").count() > 0  # every chart drew
    if graphs.count():
        graphs.first.hover()  # the modebar only exists once a chart is hovered
        assert page.locator(".modebar-btn").count() > 0
    assert page.locator("[data-title*='Cloud'], [data-title*='cloud']").count() == 0
    screenshot(page, f"page-{name}")
    assert page.console_log.errors() == []


def test_brw011_synergies_filter_url_reload_back(page):
    page.goto(page.base_url + "/synergies?commune=molenbeek-saint-jean")
    page.wait_for_selector("#syn-results .result-count")
    before = page.inner_text("#syn-results .result-count")
    _check(page, "syn-status", "projetee")
    wait_js(page, "new URL(location.href).searchParams.get('status') === 'projetee'")
    wait_js(page, f"document.querySelector('#syn-results .result-count').innerText !== {before!r}")
    after = page.inner_text("#syn-results .result-count")
    assert after.startswith("31")
    page.reload()
    page.wait_for_selector("#syn-results .result-count")
    assert page.inner_text("#syn-results .result-count") == after
    assert page.is_checked("#_dbcprivate_checklist_syn-status_input_projetee")
    page.go_back()
    wait_js(page, "!new URL(location.href).searchParams.get('status')")
    wait_js(page, f"document.querySelector('#syn-results .result-count').innerText === {before!r}")
    assert page.console_log.errors() == []


def test_brw012_staff_flow_it_ongoing_to_radar_with_hr(page, browser):
    """Issue 3: from home, find Tournai's ongoing IT synergies, open the IT radar, overlay HR, share the link."""
    page.goto(page.base_url + "/?commune=tournai")
    page.wait_for_selector("#home-by-service")
    clicks = 0
    page.click("#home-by-service a[href*='service=informatique'][href*='status=en_cours']")
    clicks += 1
    page.wait_for_selector("#syn-results .result-count")
    query = _query(page)
    assert query["service"] == ["informatique"] and query["status"] == ["en_cours"]
    assert page.locator("#syn-table tbody tr").count() >= 1
    page.click("#syn-radar-link")
    clicks += 1
    _wait_graph(page, "mat-radar")
    assert _traces(page, "mat-radar") == 1
    _check(page, "mat-services", "rh")
    clicks += 1
    wait_js(page, "document.querySelector('#mat-radar .js-plotly-plot').data.length === 2")
    assert set(_query(page)["services"][0].split(",")) == {"informatique", "rh"}
    assert clicks < 5
    screenshot(page, "flow-it-radar-with-hr")
    link = page.url
    fresh = browser.new_context(viewport={"width": 1366, "height": 900})
    other = fresh.new_page()
    other.goto(link)
    _wait_graph(other, "mat-radar")
    assert other.evaluate("document.querySelector('#mat-radar .js-plotly-plot').data.length") == 2
    fresh.close()
    assert page.console_log.errors() == []


def test_brw013_matrices_mode_in_url_and_back(page):
    page.goto(page.base_url + "/matrices?commune=tournai&year=2024")
    _wait_graph(page, "mat-radar")
    _check(page, "mat-mode", "group")
    wait_js(page, "new URL(location.href).searchParams.get('mode') === 'group'")
    _wait_graph(page, "mat-grid")
    assert _traces(page, "mat-grid") == 4  # the four support services
    page.reload()
    _wait_graph(page, "mat-grid")
    page.go_back()
    wait_js(page, "new URL(location.href).searchParams.get('mode') !== 'group'")
    assert page.console_log.errors() == []


def test_brw014_synthesis_measure(page):
    page.goto(page.base_url + "/synthese?commune=tournai")
    _wait_graph(page, "synthesis-trend")
    _check(page, "synthesis-measure", "total")
    wait_js(page, "new URL(location.href).searchParams.get('measure') === 'total'")
    page.reload()
    _wait_graph(page, "synthesis-trend")
    assert page.is_checked("#_dbcprivate_radioitems_synthesis-measure_input_total")
    assert page.console_log.errors() == []


def test_brw015_contracts_partial_and_pipeline_type(page):
    page.goto(page.base_url + "/marches?commune=tournai")
    _wait_graph(page, "con-awarded")
    assert "comptage partiel" in page.inner_text("#con-awarded-table")
    assert "−95" not in page.inner_text("#con-changes-area")
    _check(page, "con-include-partial", "1")
    wait_js(page, "new URL(location.href).searchParams.get('partial') === '1'")
    wait_js(page, "document.querySelector('#con-changes-area').innerText.includes('−95')")
    _check(page, "con-pipeline-type", "services")
    wait_js(page, "new URL(location.href).searchParams.get('type') === 'services'")
    wait_js(page,
        "document.querySelector('#con-pipeline-area .result-count').innerText.startsWith('17')"
    )
    page.reload()
    page.wait_for_selector("#con-pipeline-area .result-count")
    assert page.inner_text("#con-pipeline-area .result-count").startswith("17")
    assert "−95" in page.inner_text("#con-changes-area")
    screenshot(page, "contracts-tournai-partial")
    assert page.console_log.errors() == []


def test_brw016_social_base_year(page):
    page.goto(page.base_url + "/indicateurs-sociaux?commune=tournai")
    _wait_graph(page, "soc-ris-chart")
    assert "2010" in page.inner_text("#soc-ris-growth")
    page.select_option("#soc-base-year", "2019")
    wait_js(page, "new URL(location.href).searchParams.get('base') === '2019'")
    wait_js(page, "document.querySelector('#soc-ris-growth').innerText.includes('2019')")
    page.reload()
    page.wait_for_selector("#soc-ris-growth")
    assert "2019" in page.inner_text("#soc-ris-growth")
    assert "non diffusé" in page.inner_text("#soc-iweps-table")
    screenshot(page, "social-tournai")
    assert page.console_log.errors() == []
