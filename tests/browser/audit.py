"""One audited visit per registered page, shared by the smoke, accessibility, keyboard, offline,
privacy and header tests (one page load serves them all, so the suite stays short).

The page list is read from the app's own registry (PAGE_MODULES / dash.page_registry), and the
commune of each page's URL is the one whose rendered layout shows the most charts and controls,
so a page merged later is audited without editing this file.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from importlib import import_module
from pathlib import Path
from urllib.parse import urlparse

import dash

import dashboard
from dashboard.queries import communes as commune_q
from dashboard.runtime import EXTENSION_KEY
from tests.browser.conftest import ARTIFACTS, screenshot, wait_js

AXE = Path(__file__).resolve().parent / "vendor" / "axe.min.js"
BLOCKING_IMPACTS = ("serious", "critical")

CSP_LISTENER = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', (e) => {
  window.__cspViolations.push({directive: e.violatedDirective, blocked: e.blockedURI,
                               source: e.sourceFile, line: e.lineNumber, sample: e.sample});
});
"""

AXE_RUN = """axe.run(document, {resultTypes: ['violations']}).then((r) => r.violations.map((v) => ({
  id: v.id, impact: v.impact, help: v.help,
  nodes: v.nodes.slice(0, 5).map((n) => n.target.join(' ') + ' :: ' + (n.failureSummary || '')),
})))"""

# Every control that a keyboard user must be able to reach (visible and enabled).
CONTROLS = "a[href], button, input, select, textarea, summary, [tabindex]:not([tabindex='-1'])"

FOCUS_STEP = """(() => {
  const e = document.activeElement;
  if (!e || e === document.body || e === document.documentElement) return null;
  const seen = e.dataset.kbdSeen === '1';
  e.dataset.kbdSeen = '1';
  const s = getComputedStyle(e);
  // an outline of at least 2px (assets/05-a11y.css): Bootstrap's faint focus shadow alone is not enough
  const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2;
  return {seen, visible: outline,
          what: e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + ' ' + (e.innerText || e.value || '').slice(0, 40)};
})()"""

UNREACHED = """((selector) => {
  const shown = (e) => {
    if (e.disabled || e.closest('[aria-hidden="true"], [inert], fieldset[disabled]')) return false;
    const r = e.getBoundingClientRect();
    const s = getComputedStyle(e);
    return r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && s.display !== 'none';
  };
  const reachedGroups = new Set(Array.from(document.querySelectorAll('input[type=radio][data-kbd-seen]'))
                                  .map((e) => e.name));
  return Array.from(document.querySelectorAll(selector))
    .filter((e) => shown(e) && e.dataset.kbdSeen !== '1')
    .filter((e) => !(e.type === 'radio' && reachedGroups.has(e.name)))
    .map((e) => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + ' ' + (e.innerText || e.name || '').slice(0, 40));
})"""

SIGNATURE = """(() => JSON.stringify({
  charts: Array.from(document.querySelectorAll('.js-plotly-plot')).map((g) => (g.data || []).map(
    (t) => [t.type, t.name, t.x, t.y, t.r, t.theta, t.z, t.values, t.labels, t.text])),
  text: (document.querySelector('#_pages_content') || document.body).innerText,
}))()"""

# Charts where colour alone would tell series apart: several visible traces that neither appear in
# a legend nor carry their own text labels, or a heatmap without its values written in the cells.
# Symbols, dashes and labels are what the figure builders add beside colour (figures/theme.py).
COLOUR_ONLY = """Array.from(document.querySelectorAll('.js-plotly-plot')).flatMap((g) => {
  const id = (g.closest('[id]') || {}).id;
  const layout = g._fullLayout || {};
  // decorative traces (connector lines, shading) carry no data of their own: no hover, no legend
  const decorative = (t) => (t.hoverinfo === 'skip' || t.hoverinfo === 'none') && !t.showlegend;
  const traces = (g._fullData || []).filter((t) => t.visible === true && !decorative(t));
  const labelled = (t) => !!(t.texttemplate || (t.text && t.text.length) ||
                             (t.mode && t.mode.includes('text')) || t.textinfo);
  const problems = [];
  if (traces.length > 1) {
    for (const t of traces) {
      if (!(layout.showlegend && t.showlegend && t.name) && !labelled(t)) problems.push(id + ': ' + (t.name || t.type));
    }
  }
  for (const t of traces.filter((t) => t.type === 'heatmap')) {
    if (!labelled(t) && !(layout.annotations || []).length) problems.push(id + ': heatmap values only as colour');
  }
  return problems;
})"""

CHARTS_DRAWN = """Array.from(document.querySelectorAll('.js-plotly-plot'))
  .every((g) => g.data && g.querySelector('.main-svg'))"""


@dataclass(frozen=True)
class RegisteredPage:
    key: str
    path: str
    module: str


def registered_pages() -> list[RegisteredPage]:
    """Every page module the app factory registers, read without building an app."""
    pages = []
    for name in dashboard.PAGE_MODULES:
        module = import_module(name)
        path = module.PAGE.get("path") or module.PAGE.get("path_template")
        if path and "<" not in path:  # a templated path needs values this audit cannot guess
            pages.append(RegisteredPage(module.KEY, path, name))
    return pages


def _score(layout: object) -> int:
    """How much a rendered layout shows: charts and controls count, empty states and errors do not."""
    if not hasattr(layout, "_traverse"):
        return -100
    score = 0
    for component in [layout, *layout._traverse()]:
        kind = type(component).__name__
        classes = str(getattr(component, "className", "") or "")
        if kind == "Graph":
            score += 3
        elif kind in ("Checklist", "RadioItems", "Select", "Input", "Dropdown", "Button", "Table"):
            score += 1
        if "empty-state" in classes:
            score -= 2
        if getattr(component, "role", None) == "alert":
            score -= 5
    return score


def richest_url(app: dash.Dash, page: RegisteredPage) -> str:
    """The page's path with `?commune=` set to the commune for which it shows the most."""
    registered = next((p for p in dash.page_registry.values() if p["module"] == page.module), None)
    if registered is None or not callable(registered.get("layout")):
        return page.path
    sessions = app.server.extensions[EXTENSION_KEY].sessions
    with sessions() as session:
        slugs = list(commune_q.communes(session)["slug"])
    default = app.server.extensions[EXTENSION_KEY].settings.default_commune
    best, best_score = None, None
    for slug in sorted(slugs, key=lambda s: s != default):  # ties: the default commune
        with app.server.test_request_context(f"{page.path}?commune={slug}"):
            try:
                score = _score(registered["layout"](commune=slug))
            except Exception:  # a page that cannot render for this commune is not the richest
                continue
        if best_score is None or score > best_score:
            best, best_score = slug, score
    return f"{page.path}?commune={best}" if best else page.path


@dataclass
class Audit:
    url: str
    status: int = 0
    document_headers: dict[str, str] = field(default_factory=dict)
    responses: list[tuple[str, int, dict[str, str]]] = field(default_factory=list)
    console: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)
    csp_violations: list[dict] = field(default_factory=list)
    axe_violations: list[dict] = field(default_factory=list)
    graphs: int = 0
    cloud_buttons: list[str] = field(default_factory=list)
    cloud_configs: list[dict] = field(default_factory=list)
    modebar_buttons: int = 0
    tab_stops: int = 0
    unreached: list[str] = field(default_factory=list)
    focus_invisible: list[str] = field(default_factory=list)
    colour_only: list[str] = field(default_factory=list)
    filter_candidates: int = 0
    modebar_expected: bool = False
    filter_control: str | None = None
    url_after_filter: str | None = None
    content_changed: bool = False
    charts_changed: bool = False
    errors: list[str] = field(default_factory=list)

    def serious_axe(self) -> list[dict]:
        return [v for v in self.axe_violations if v["impact"] in BLOCKING_IMPACTS]

    def console_errors(self) -> list[str]:
        return [m for m in self.console if m.startswith(("error", "pageerror"))]


def _keyboard_walk(page, audit: Audit, limit: int = 400) -> None:
    """Tab from the top of the page through every stop until focus comes back round."""
    page.evaluate("document.activeElement && document.activeElement.blur()")
    for _ in range(limit):
        page.keyboard.press("Tab")
        step = page.evaluate(FOCUS_STEP)
        if step is None:
            if audit.tab_stops:
                break
            continue
        if step["seen"]:
            break
        audit.tab_stops += 1
        if not step["visible"]:
            audit.focus_invisible.append(step["what"])
    audit.unreached = page.evaluate(f"({UNREACHED})({json.dumps(CONTROLS)})")


def _cloud_check(page, audit: Audit) -> None:
    graphs = page.locator(".js-plotly-plot")
    audit.graphs = graphs.count()
    for index in range(audit.graphs):
        graph = graphs.nth(index)
        if not graph.is_visible():
            continue  # e.g. a slide of the deck other than the current one; its config is checked below
        graph.scroll_into_view_if_needed()
        graph.hover()
    audit.modebar_buttons = page.locator(".modebar-btn").count()
    audit.modebar_expected = page.evaluate(
        """Array.from(document.querySelectorAll('.js-plotly-plot'))
             .some((g) => g._context && g._context.displayModeBar !== false)"""
    )
    audit.cloud_buttons = page.evaluate(
        """Array.from(document.querySelectorAll('.modebar-btn'))
             .map((b) => (b.getAttribute('data-title') || '') + '|' + (b.getAttribute('data-attr') || ''))
             .filter((t) => /cloud|chart studio|plotly\\.com/i.test(t))"""
    )
    audit.cloud_configs = page.evaluate(
        """Array.from(document.querySelectorAll('.js-plotly-plot')).map((g) => ({
             id: g.parentElement && g.parentElement.id,
             showSendToCloud: g._context && g._context.showSendToCloud,
             showEditInChartStudio: g._context && g._context.showEditInChartStudio}))"""
    )


def _filter_candidates(page) -> list[dict]:
    """The page's own filters (in <main>), then the shared year selector as a fallback."""
    return page.evaluate(
        """(() => {
      const root = document.querySelector('main') || document.querySelector('#_pages_content');
      const out = [];
      const visible = (e) => { const r = e.getBoundingClientRect(); return r.width > 0 && r.height > 0; };
      for (const e of root.querySelectorAll('select, input[type=checkbox], input[type=radio]')) {
        if (e.disabled || !e.id || !visible(e)) continue;
        if (e.tagName === 'SELECT') {
          const other = Array.from(e.options).find((o) => !o.selected && o.value);
          if (other) out.push({kind: 'select', id: e.id, value: other.value});
        } else if (!e.checked) {
          out.push({kind: e.type, id: e.id});
        }
      }
      for (const id of ['year-select', 'language-select', 'commune-select']) {  // the shared filters
        const shared = document.getElementById(id);
        const other = shared && Array.from(shared.options).find((o) => !o.selected && o.value);
        if (other) out.push({kind: 'select', id, value: other.value});
      }
      return out;
    })()"""
    )


def _change_a_filter(page, audit: Audit, tries: int = 6) -> None:
    """Change the page's filters one by one until one changes the URL and a chart (or, on a
    page without charts, the view). Each try starts from the view the previous one left."""
    candidates = _filter_candidates(page)
    audit.filter_candidates = len(candidates)
    for candidate in candidates[:tries]:
        before_url, before = page.url, page.evaluate(SIGNATURE)
        selector = f"[id={json.dumps(candidate['id'])}]"
        if not page.locator(selector).count():
            continue  # the previous change re-rendered the page without it
        if candidate["kind"] == "select":
            page.select_option(selector, candidate["value"])
        else:
            page.check(selector, force=True)
        try:
            wait_js(page, f"location.href !== {json.dumps(before_url)}", timeout=4)
            wait_js(page, f"({SIGNATURE}) !== {json.dumps(before)}", timeout=10)
            wait_js(page, CHARTS_DRAWN, timeout=10)
        except AssertionError:
            continue
        after, before_data = json.loads(page.evaluate(SIGNATURE)), json.loads(before)
        audit.filter_control = f"{candidate['kind']} #{candidate['id']}"
        audit.url_after_filter = page.url
        audit.content_changed = after != before_data
        audit.charts_changed = after["charts"] != before_data["charts"]
        if audit.charts_changed or not audit.graphs:
            return


def visit(browser, base_url: str, path: str, name: str) -> Audit:
    """Load one page offline (every other origin blocked) and record everything the tests check."""
    origin = urlparse(base_url)
    audit = Audit(url=base_url + path)
    context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="fr-BE")

    def route(route_) -> None:
        url = urlparse(route_.request.url)
        if (url.scheme, url.netloc) == (origin.scheme, origin.netloc):
            route_.continue_()
        else:
            audit.blocked.append(route_.request.url)
            route_.abort("blockedbyclient")

    context.route("**/*", route)
    context.add_init_script(script=CSP_LISTENER)
    context.add_init_script(path=str(AXE))
    page = context.new_page()
    page.on("console", lambda m: audit.console.append(f"{m.type}: {m.text}"))
    page.on("pageerror", lambda e: audit.console.append(f"pageerror: {e}"))
    page.on(
        "response",
        lambda r: audit.responses.append((r.url, r.status, r.headers)) if r.url.startswith(base_url) else None,
    )
    try:
        response = page.goto(audit.url)
        audit.status = response.status if response else 0
        audit.document_headers = response.headers if response else {}
        wait_js(page, "document.querySelector('#_pages_content') && "
                      "document.querySelector('#_pages_content').children.length > 0")
        page.wait_for_load_state("networkidle")
        wait_js(page, CHARTS_DRAWN)
        screenshot(page, f"audit-{name}")
        _keyboard_walk(page, audit)
        audit.colour_only = page.evaluate(COLOUR_ONLY)
        audit.axe_violations = page.evaluate(AXE_RUN)
        _cloud_check(page, audit)
        _change_a_filter(page, audit)
        page.wait_for_load_state("networkidle")
        screenshot(page, f"audit-{name}-filtered")
        audit.csp_violations = page.evaluate("window.__cspViolations || []")
    except Exception as exc:  # recorded, so every test of this page reports it
        audit.errors.append(f"{type(exc).__name__}: {exc}")
    finally:
        context.close()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    report = {k: v for k, v in asdict(audit).items() if k != "responses"}
    (ARTIFACTS / f"audit-{name}.json").write_text(json.dumps(report, indent=1, ensure_ascii=False))
    return audit
