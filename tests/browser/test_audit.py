"""Every registered page, audited in a real browser with every other origin blocked (issue 7):

- smoke: it loads, draws its charts, a filter changes the chart (or the view) and the URL;
- accessibility: axe-core finds no serious or critical violation; Tab reaches every control
  and the focus is visible on each stop; no chart tells series apart by colour alone;
- offline and privacy: no request leaves the app, the console stays empty, no graph offers
  Plotly's "send to cloud" / Chart Studio button;
- security: the headers on the page and on every asset, and no Content-Security-Policy violation.

The pages come from PAGE_MODULES, so a page merged later is audited without editing this file.
Screenshots: tests/artifacts/audit-<page>.png and audit-<page>-filtered.png.
"""

from __future__ import annotations

import dash
import pytest

from tests.browser.audit import Audit, registered_pages, richest_url, visit

PAGES = registered_pages()


@pytest.fixture(scope="session")
def audits(browser, live_app, live_server) -> dict[str, Audit]:
    """Audit each page once, lazily, for all the tests below."""
    cache: dict[str, Audit] = {}

    def get(key: str) -> Audit:
        if key not in cache:
            page = next(p for p in PAGES if p.key == key)
            cache[key] = visit(browser, live_server, richest_url(live_app, page), key)
        return cache[key]

    return get


def _loaded(audit: Audit) -> Audit:
    assert audit.errors == [], audit.errors
    assert audit.status == 200, audit.status
    return audit


def test_aud000_every_registered_page_is_audited(live_app):
    registered = {p["module"] for p in dash.page_registry.values() if p["module"].startswith("dashboard.")}
    assert registered <= {p.module for p in PAGES}, registered - {p.module for p in PAGES}


@pytest.mark.parametrize("key", [p.key for p in PAGES])
def test_aud001_page_loads_and_a_filter_changes_chart_and_url(audits, key):
    audit = _loaded(audits(key))
    assert audit.console_errors() == []
    if not audit.filter_candidates:
        return  # a page without any filter (not even the shared bar), e.g. a sign-in form
    assert audit.filter_control, f"no filter of {audit.url} changed the URL"
    assert audit.url_after_filter != audit.url
    assert audit.content_changed, f"{audit.filter_control} changed the URL but not the view"
    if audit.graphs:
        assert audit.charts_changed, f"{audit.filter_control} changed the URL but no chart"


@pytest.mark.parametrize("key", [p.key for p in PAGES])
def test_aud002_no_serious_or_critical_axe_violation(audits, key):
    audit = _loaded(audits(key))
    assert audit.serious_axe() == []


@pytest.mark.parametrize("key", [p.key for p in PAGES])
def test_aud003_keyboard_reaches_every_control_with_visible_focus(audits, key):
    audit = _loaded(audits(key))
    assert audit.tab_stops >= 3  # skip link, brand, at least one filter
    assert audit.unreached == [], "controls Tab never reaches"
    assert audit.focus_invisible == [], "focus stops without a visible outline"


@pytest.mark.parametrize("key", [p.key for p in PAGES])
def test_aud007_colour_is_never_the_only_carrier_of_meaning(audits, key):
    audit = _loaded(audits(key))
    assert audit.colour_only == []


@pytest.mark.parametrize("key", [p.key for p in PAGES])
def test_aud004_offline_nothing_leaves_the_app(audits, key):
    audit = _loaded(audits(key))
    assert audit.blocked == []
    assert audit.console_errors() == []


@pytest.mark.parametrize("key", [p.key for p in PAGES])
def test_aud005_no_send_to_cloud_button(audits, key):
    audit = _loaded(audits(key))
    if audit.modebar_expected:  # the deck's projector charts have no modebar at all
        assert audit.modebar_buttons > 0  # the modebar was drawn, so an absent button means something
    assert audit.cloud_buttons == []
    for config in audit.cloud_configs:
        assert config["showSendToCloud"] is False and not config["showEditInChartStudio"], config


@pytest.mark.parametrize("key", [p.key for p in PAGES])
def test_aud006_security_headers_and_no_csp_violation(audits, key):
    audit = _loaded(audits(key))
    csp = audit.document_headers["content-security-policy"]
    directives = {part.split()[0]: part.split()[1:] for part in csp.split(";") if part.strip()}
    assert directives["script-src"][0] == "'self'"
    assert all(v.startswith("'sha256-") for v in directives["script-src"][1:])
    assert "'unsafe-eval'" not in csp and "'unsafe-inline'" not in directives["script-src"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert audit.responses, "no response recorded"
    for url, status, headers in audit.responses:
        assert headers.get("x-content-type-options") == "nosniff", url
        assert headers.get("referrer-policy") == "same-origin", url
        if status < 300:
            assert "frame-ancestors 'none'" in headers.get("content-security-policy", ""), url
    assert audit.csp_violations == []
