"""The app shell in a real browser: home page figures, shared filters in the URL, no console error."""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

from tests.browser.conftest import screenshot, wait_js


def _query(page) -> dict[str, list[str]]:
    return parse_qs(urlparse(page.url).query)


def test_brw001_home_loads_with_tournai_figures(page):
    page.goto(page.base_url + "/")
    page.wait_for_selector("#kpi-synthesis-support")
    assert "78 / 100" in page.inner_text("#kpi-synthesis-support")
    assert page.evaluate("document.documentElement.lang") == "fr"
    screenshot(page, "home-tournai")
    assert page.console_log.errors() == []


def test_brw002_commune_and_year_go_to_the_url_and_back(page):
    page.goto(page.base_url + "/")
    page.wait_for_selector("#kpi-synthesis-support")
    page.select_option("#commune-select", "molenbeek-saint-jean")
    wait_js(page,
        "document.querySelector('h1') && document.querySelector('h1').innerText.includes('Molenbeek')"
    )
    assert _query(page)["commune"] == ["molenbeek-saint-jean"]
    page.go_back()
    wait_js(page, "document.querySelector('h1').innerText.includes('Tournai')")
    page.reload()
    page.wait_for_selector("#kpi-synthesis-support")
    assert "Tournai" in page.inner_text("h1")
    assert page.console_log.errors() == []


def test_brw003_language_switch(page):
    page.goto(page.base_url + "/?commune=tournai&year=2024")
    page.wait_for_selector("#kpi-synthesis-support")
    page.select_option("#language-select", "nl")
    wait_js(page, "document.querySelector('h1').innerText.includes('Doornik')")
    assert _query(page)["lang"] == ["nl"]
    assert page.evaluate("document.documentElement.lang") == "nl"
    assert "1.736" in page.inner_text("#kpi-ris")
    screenshot(page, "home-tournai-nl")
    assert page.console_log.errors() == []


def test_brw004_reload_restores_year(page):
    page.goto(page.base_url + "/?commune=tournai&year=2023")
    page.wait_for_selector("#kpi-synthesis-support")
    assert page.input_value("#year-select") == "2023"
    assert "78 / 100" in page.inner_text("#kpi-synthesis-support")
    assert "total rapporté" in page.inner_text("#kpi-synthesis-support")
