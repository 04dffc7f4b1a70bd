"""Display themes in the browser: switched from the filter bar, applied to page and charts, remembered."""

from __future__ import annotations

from dashboard import ids
from tests.browser.conftest import screenshot, wait_js

PAPER = "document.querySelector('.js-plotly-plot') && document.querySelector('.js-plotly-plot').layout.paper_bgcolor"


def test_theme101_dark_theme_is_applied_and_remembered(page):
    page.goto(f"{page.base_url}/synthese?commune=tournai&year=2024")
    wait_js(page, f"document.getElementById('{ids.THEME_SELECT}') !== null && {PAPER} !== null", 30)
    assert page.evaluate("document.documentElement.dataset.theme") == "light"
    page.select_option(f"#{ids.THEME_SELECT}", "dark")
    wait_js(page, f"{PAPER} === '#1b1f24'", 15)
    assert page.evaluate("document.documentElement.dataset.bsTheme") == "dark"
    assert "theme=dark" in page.url
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") == "rgb(18, 20, 23)"
    screenshot(page, "theme-dark-synthese")
    # A new visit without ?theme= keeps the choice (localStorage) ...
    page.goto(f"{page.base_url}/?commune=tournai&year=2024")
    wait_js(page, "document.documentElement.dataset.theme === 'dark'", 15)
    wait_js(page, f"(document.getElementById('{ids.THEME_SELECT}') || {{}}).value === 'dark'", 15)
    # ... and presentation mode still opens in high contrast, for the projector.
    page.goto(f"{page.base_url}/presentation?commune=tournai&year=2024")
    wait_js(page, "document.querySelector('.deck[data-ready=\"1\"]') !== null", 30)
    assert page.evaluate("document.documentElement.dataset.theme") == "contrast"
    page.goto(f"{page.base_url}/synthese?commune=tournai&year=2024&theme=contrast")
    wait_js(page, "document.documentElement.dataset.theme === 'contrast'", 15)
    assert page.console_log.errors() == []
