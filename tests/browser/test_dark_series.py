"""Dark theme in the browser: the charts' series colours are swapped for their lighter dark-theme
equivalents (and restored in light), and axe-core finds no serious colour-contrast problem."""

from __future__ import annotations

import pytest

from dashboard import ids
from dashboard.figures.theme import GROUP_COLOURS
from dashboard.figures.themes import COLOURS, RECOLOUR
from tests.browser.audit import AXE, AXE_RUN, BLOCKING_IMPACTS, CHARTS_DRAWN
from tests.browser.conftest import screenshot, wait_js

SUPPORT = GROUP_COLOURS["support"]  # Tol's dark blue, #004488
# The colours of the first chart trace drawn in the support-services colour.
SUPPORT_TRACE = f"""(() => {{
  for (const g of document.querySelectorAll('.js-plotly-plot')) {{
    for (const t of g.data || []) {{
      const kept = t.__builderColours || {{}};
      if ((kept['line.color'] || t.line && t.line.color || '').toUpperCase() === '{SUPPORT}') {{
        return {{line: t.line.color, text: t.textfont && t.textfont.color,
                 paper: g.layout.paper_bgcolor}};
      }}
    }}
  }}
  return null;
}})()"""


def contrast_violations(page) -> list[dict]:
    return [
        v for v in page.evaluate(AXE_RUN) if v["id"] == "color-contrast" and v["impact"] in BLOCKING_IMPACTS
    ]


@pytest.mark.parametrize("path,name", [("/synthese", "synthese"), ("/indicateurs-sociaux", "social")])
def test_dark101_series_swapped_and_contrast_clean(page, path, name):
    page.context.add_init_script(path=str(AXE))
    page.goto(f"{page.base_url}{path}?commune=tournai&year=2024")
    wait_js(page, f"document.getElementById('{ids.THEME_SELECT}') !== null", 30)
    wait_js(page, "document.querySelector('.js-plotly-plot') !== null && " + CHARTS_DRAWN, 30)
    page.select_option(f"#{ids.THEME_SELECT}", "dark")
    wait_js(page, f"document.querySelector('.js-plotly-plot').layout.paper_bgcolor === '{COLOURS['dark']['paper']}'")
    page.wait_for_load_state("networkidle")
    if name == "synthese":
        dark = RECOLOUR["dark"][SUPPORT]
        wait_js(page, f"({SUPPORT_TRACE} || {{}}).line === '{dark}'")
        assert page.evaluate(SUPPORT_TRACE) == {"line": dark, "text": dark, "paper": COLOURS["dark"]["paper"]}
    # no chart keeps a builder colour the dark theme swaps (a swapped colour that is also some
    # other builder colour, such as a light grey, is not counted)
    kept = sorted(k for k, v in RECOLOUR["dark"].items() if k != v and k not in RECOLOUR["dark"].values())
    left = page.evaluate(
        """(kept) => Array.from(document.querySelectorAll('.js-plotly-plot')).flatMap((g) =>
             (g.data || []).flatMap((t) => [t.line && t.line.color, t.marker && t.marker.color,
                                            t.textfont && t.textfont.color]
               .flat().filter((c) => typeof c === 'string' && kept.includes(c.toUpperCase()))))""",
        kept,
    )
    assert left == []
    screenshot(page, f"dark-series-{name}")
    violations = contrast_violations(page)
    assert violations == [], violations
    if name == "synthese":
        # back to light: the builder's colours again
        page.select_option(f"#{ids.THEME_SELECT}", "light")
        wait_js(page, f"({SUPPORT_TRACE} || {{}}).line === '{SUPPORT}'")
        assert page.evaluate(SUPPORT_TRACE)["text"] == SUPPORT
    assert page.console_log.errors() == []


@pytest.fixture
def staff(engine):
    from tests.accounts_support import drop_users, make_users

    make_users(engine, ("brw-dark", "editor", "tournai"))
    yield "brw-dark"
    drop_users(engine, "brw-dark")


DARK_PAGES = ("/", "/synergies", "/matrices", "/marches", "/pst", "/bruxelles", "/gestion/import", "/gestion/synergies")


def test_dark102_every_page_reads_in_dark_with_the_staff_bar(page, staff):
    from tests.browser.test_staff import _login

    page.context.add_init_script(path=str(AXE))
    _login(page, staff)  # the staff bar shows on every page, and the staff pages open
    found = {}
    for path in DARK_PAGES:
        page.goto(f"{page.base_url}{path}?commune=tournai&year=2024&theme=dark")
        wait_js(page, "document.documentElement.dataset.theme === 'dark'")
        page.wait_for_selector("main h1")
        page.wait_for_load_state("networkidle")
        wait_js(page, CHARTS_DRAWN, 30)
        assert page.locator(".staff-bar").count() == 1, path
        violations = contrast_violations(page)
        if violations:
            found[path] = violations
        screenshot(page, "dark-series-page" + path.replace("/", "-").rstrip("-"))
    assert found == {}
    assert page.console_log.errors() == []
