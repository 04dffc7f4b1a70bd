"""Presentation mode driven with the keyboard in headless Chromium at projector sizes.

At 1024×768 and 1920×1080: every slide is reached with the keys a presenter (or a clicker) uses,
the URL follows the slide, nothing overflows the viewport, and each slide is saved as a
screenshot in tests/artifacts/ to be looked at.
"""

from __future__ import annotations

import pytest

from tests.browser.conftest import ARTIFACTS, wait_js

SIZES = [(1024, 768), (1920, 1080)]
EXPECTED = ["title", "trend", "radars", "synergies", "contracts", "ris", "art60", "iweps"]

OVERFLOW_JS = """() => {
  const w = window.innerWidth, h = window.innerHeight;
  const doc = document.documentElement;
  const bad = [];
  if (doc.scrollHeight > h || doc.scrollWidth > w) bad.push(`document ${doc.scrollWidth}x${doc.scrollHeight}`);
  const slide = document.querySelector('.deck-slide:not([hidden])');
  for (const el of slide.querySelectorAll('*')) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) continue;
    if (el.closest('.visually-hidden')) continue;
    if (r.left < -1 || r.top < -1 || r.right > w + 1 || r.bottom > h + 1) {
      bad.push(`${el.tagName}.${el.className && el.className.baseVal !== undefined ? el.className.baseVal : el.className} ${Math.round(r.left)},${Math.round(r.top)},${Math.round(r.right)},${Math.round(r.bottom)}`);
    }
  }
  for (const el of slide.querySelectorAll('.deck-side, .deck-header, .deck-slide')) {
    if (el.scrollHeight > el.clientHeight + 1) bad.push(`clipped ${el.className} ${el.scrollHeight}>${el.clientHeight}`);
  }
  if (slide.scrollHeight > slide.clientHeight + 1) bad.push(`slide scrolls ${slide.scrollHeight}>${slide.clientHeight}`);
  return bad;
}"""


def _open(browser, live_server, width, height, query):
    context = browser.new_context(viewport={"width": width, "height": height}, locale="fr-BE")
    page = context.new_page()
    log = []
    page.on("console", lambda m: log.append(f"{m.type}: {m.text}"))
    page.on("pageerror", lambda e: log.append(f"pageerror: {e}"))
    page.goto(f"{live_server}/presentation{query}")
    wait_js(page, "document.querySelector('.deck[data-ready=\"1\"]') !== null", 30)
    return context, page, log


def _current(page) -> tuple[int, str]:
    number, key = page.evaluate(
        "() => [parseInt(document.querySelector('.deck').dataset.current, 10),"
        " document.querySelector('.deck-slide:not([hidden])').dataset.key]"
    )
    return number, key


def _settle(page) -> None:
    """Wait until the visible slide's chart (if any) has been drawn at its on-screen size."""
    wait_js(
        page,
        "(() => { const s = document.querySelector('.deck-slide:not([hidden])');"
        " const g = s.querySelector('.js-plotly-plot'); if (!g) return true;"
        " const box = s.querySelector('.deck-chart').getBoundingClientRect();"
        " const svg = g.querySelector('.main-svg');"
        " return svg && Math.abs(svg.getBoundingClientRect().width - box.width) < 3; })()",
        20,
    )
    page.wait_for_timeout(250)


@pytest.mark.parametrize(("width", "height"), SIZES, ids=["1024x768", "1920x1080"])
def test_pres001_keyboard_walks_every_slide_without_overflow(browser, live_server, width, height):
    context, page, log = _open(
        browser, live_server, width, height, "?commune=tournai&year=2024&date=2025-01-27"
    )
    try:
        assert page.evaluate("document.documentElement.dataset.theme") == "contrast"
        keys = ["ArrowRight", " ", "PageDown", "ArrowRight", "PageDown", " ", "ArrowRight"]
        seen = []
        for index in range(len(EXPECTED)):
            number, key = _current(page)
            assert number == index + 1
            assert f"slide={number}" in page.url
            seen.append(key)
            _settle(page)
            problems = page.evaluate(OVERFLOW_JS)
            ARTIFACTS.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(ARTIFACTS / f"presentation-{width}x{height}-{number:02d}-{key}.png"))
            assert problems == [], f"slide {number} ({key}) at {width}x{height}: {problems}"
            if index < len(keys):
                page.keyboard.press(keys[index])
        assert seen == EXPECTED
        page.keyboard.press("End")
        assert _current(page)[0] == len(EXPECTED)
        page.keyboard.press("PageUp")  # a clicker's "back"
        assert _current(page)[0] == len(EXPECTED) - 1
        page.keyboard.press("ArrowLeft")
        assert _current(page)[0] == len(EXPECTED) - 2
        page.keyboard.press("Home")
        assert _current(page) == (1, "title")
        assert "slide=1" in page.url
        assert [m for m in log if m.startswith(("error", "pageerror"))] == []
    finally:
        context.close()


def test_pres002_slide_url_chosen_order_and_escape(browser, live_server):
    context, page, _log = _open(
        browser, live_server, 1024, 768, "?commune=tournai&year=2024&slides=ris,title,trend&slide=2"
    )
    try:
        assert _current(page) == (2, "title")
        keys = page.evaluate("[...document.querySelectorAll('.deck-slide')].map(s => s.dataset.key)")
        assert keys == ["ris", "title", "trend"]
        page.keyboard.press("ArrowRight")
        assert _current(page) == (3, "trend")
        page.keyboard.press("f")
        wait_js(page, "document.fullscreenElement !== null")
        page.keyboard.press("Escape")  # first Esc leaves full screen, not the deck
        wait_js(page, "document.fullscreenElement === null")
        assert "/presentation" in page.url
        page.goto(f"{live_server}/presentation?commune=tournai&year=2024#3")
        wait_js(page, "document.querySelector('.deck[data-ready=\"1\"]') !== null", 30)
        assert _current(page) == (3, "radars")
        page.keyboard.press("Escape")
        page.wait_for_url(lambda url: "/presentation" not in url, timeout=15000)
        assert "commune=tournai" in page.url
    finally:
        context.close()


@pytest.mark.parametrize(("width", "height"), SIZES, ids=["1024x768", "1920x1080"])
def test_pres003_mons_leaves_out_slides_without_data(browser, live_server, width, height):
    context, page, _log = _open(browser, live_server, width, height, "?commune=mons&lang=en")
    try:
        assert page.evaluate(OVERFLOW_JS) == []
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"presentation-mons-{width}x{height}-title.png"))
        keys = page.evaluate("[...document.querySelectorAll('.deck-slide')].map(s => s.dataset.key)")
        assert "contracts" not in keys and "synergies" in keys
        text = page.inner_text(".deck-slide--title")
        assert "Joint contracts" in text and "no data for Mons" in text
        page.click("[data-deck-action=panel]")
        assert page.is_visible(".deck-panel")
        page.keyboard.press("Escape")
        assert not page.is_visible(".deck-panel")
    finally:
        context.close()


def test_pres004_panel_reorders_slides_and_downloads_the_deck_in_dutch(browser, live_server):
    context, page, log = _open(browser, live_server, 1024, 768, "?commune=tournai&year=2024&lang=nl")
    try:
        assert page.inner_text(".deck-slide--title .deck-title").startswith("Jaarverslag")
        page.click("[data-deck-action=panel]")
        assert page.is_visible(".deck-panel")
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "presentation-1024x768-panel-nl.png"))
        href = page.get_attribute(".deck-panel a[href^='/exports/slides.pptx']", "href")
        assert "commune=tournai" in href and "year=2024" in href and "lang=nl" in href
        answer = page.request.get(live_server + href)
        assert answer.status == 200 and answer.body()[:2] == b"PK"  # a PPTX is a zip
        # Move the title slide down one place: the URL keeps the new order and the deck follows.
        page.click(".deck-panel-row:first-child .deck-panel-move")
        wait_js(
            page,
            "location.search.includes('slides=trend%2Ctitle') || location.search.includes('slides=trend,title')",
        )
        wait_js(page, "document.querySelector('.deck[data-ready=\"1\"]') !== null", 30)
        keys = page.evaluate("[...document.querySelectorAll('.deck-slide')].map(s => s.dataset.key)")
        assert keys[:2] == ["trend", "title"]
        assert [m for m in log if m.startswith(("error", "pageerror"))] == []
    finally:
        context.close()
