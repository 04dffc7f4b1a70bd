"""Keyboard-only use of the shell (skip link, shared filters, navbar, collapsed menu) and the
translated 404 page, in a real browser. Only the keyboard moves the focus and acts here."""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

from tests.browser.conftest import screenshot, wait_js


def _tab_to(page, predicate: str, limit: int = 80, key: str = "Tab") -> None:
    """Press Tab (or `key`) until the focused element satisfies the JS `predicate` (on `e`)."""
    for _ in range(limit):
        page.keyboard.press(key)
        if page.evaluate(f"(() => {{ const e = document.activeElement; return !!e && ({predicate}); }})()"):
            return
    raise AssertionError(f"Tab never reached: {predicate}")


def test_kbd001_skip_link_filters_and_navbar_by_keyboard(page):
    page.goto(page.base_url + "/?commune=tournai")
    page.wait_for_selector("#kpi-synthesis-support")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.classList.contains('skip-link')")
    assert page.evaluate("document.activeElement.getBoundingClientRect().width") > 0  # shown when focused
    page.keyboard.press("Enter")
    wait_js(page, "document.activeElement && document.activeElement.id === 'main-content'")

    _tab_to(page, "e.id === 'commune-select'")
    before = page.evaluate("document.activeElement.value")
    page.keyboard.press("ArrowUp")
    wait_js(page, f"new URL(location.href).searchParams.get('commune') && "
                  f"new URL(location.href).searchParams.get('commune') !== {before!r}")
    commune = parse_qs(urlparse(page.url).query)["commune"][0]
    wait_js(page, f"document.querySelector('#commune-select') && "
                  f"document.querySelector('#commune-select').value === {commune!r}")
    # the page was rendered again for the new commune: the focus stays on the selector (05-a11y.js)
    wait_js(page, "document.activeElement && document.activeElement.id === 'commune-select'")

    # the navbar comes before the filters: back with Shift+Tab
    _tab_to(page, "e.matches('nav a.nav-link') && e.getAttribute('href').startsWith('/synergies')",
            key="Shift+Tab")
    page.keyboard.press("Enter")
    wait_js(page, "location.pathname === '/synergies'")
    assert parse_qs(urlparse(page.url).query)["commune"] == [commune]  # the view is kept
    page.wait_for_selector("main h1")
    assert page.console_log.errors() == []


def test_kbd002_collapsed_menu_opens_with_the_keyboard(browser, live_server):
    context = browser.new_context(viewport={"width": 700, "height": 900}, locale="fr-BE")
    page = context.new_page()
    try:
        page.goto(live_server + "/synthese?commune=tournai")
        page.wait_for_selector("main h1")
        assert not page.is_visible("nav a.nav-link[href^='/synergies']")
        _tab_to(page, "e.id === 'navbar-toggler'")
        page.keyboard.press("Enter")
        wait_js(page, "document.querySelector('#navbar-toggler').getAttribute('aria-expanded') === 'true'")
        page.wait_for_selector("nav a.nav-link[href^='/synergies']", state="visible")
        _tab_to(page, "e.matches('nav a.nav-link') && e.getAttribute('href').startsWith('/synergies')", 5)
        screenshot(page, "keyboard-menu-open")
        page.keyboard.press("Enter")
        wait_js(page, "location.pathname === '/synergies'")
    finally:
        context.close()


def test_kbd003_unknown_address_shows_translated_404(page):
    response = page.goto(page.base_url + "/nulle-part?lang=nl&commune=tournai")
    assert '<html lang="nl">' in response.text()  # set by the server, before any script runs
    page.wait_for_selector("main h1")
    assert page.inner_text("main h1") == "Pagina niet gevonden"
    assert page.evaluate("document.documentElement.lang") == "nl"
    screenshot(page, "not-found-nl")
    page.click("#notfound-home")
    wait_js(page, "location.pathname === '/'")
    page.wait_for_selector("#kpi-synthesis-support")
    assert parse_qs(urlparse(page.url).query)["lang"] == ["nl"]
    assert page.console_log.errors() == []
