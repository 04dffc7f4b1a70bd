"""Server-side rules from the quality issue: the document language, the unknown-environment and
debug rules, and the translated 404 page."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from dashboard import create_app
from dashboard.config import Settings
from dashboard.document import with_language
from dashboard.i18n import LANGUAGES, t
from dashboard.security import ConfigurationError, debug_allowed, secret_key


@pytest.fixture(scope="module")
def app(settings, engine):
    return create_app(settings, engine=engine)


@pytest.mark.parametrize(
    ("query", "expected"),
    [("", "fr"), ("?lang=nl", "nl"), ("?lang=en&commune=tournai", "en"), ("?lang=xx", "fr"),
     ('?lang="><script>', "fr")],
)
def test_qua001_html_lang_is_set_on_the_server(app, query, expected):
    for path in ("/", "/synergies", "/no-such-page"):
        html = app.server.test_client().get(path + query).get_data(as_text=True)
        assert f'<html lang="{expected}">' in html, (path, query)
        assert html.count("<html") == 1


def test_qua002_with_language_adds_or_replaces_the_attribute():
    assert with_language('<!DOCTYPE html><html lang="fr"><body>', "nl") == '<!DOCTYPE html><html lang="nl"><body>'
    assert with_language("<html><head>", "en") == '<html lang="en"><head>'
    assert with_language("<html class='x' lang=fr>", "nl") == "<html lang=\"nl\" class='x'>"


def test_qua003_unknown_environment_is_refused(tmp_path):
    with pytest.raises(ConfigurationError, match="DASHBOARD_ENV"):
        secret_key(Settings(environment="prod", secret_key="k" * 40))


def test_qua004_debug_only_in_development(settings, engine, monkeypatch):
    assert debug_allowed(Settings(environment="development"))
    assert not debug_allowed(Settings(environment="test"))
    assert not debug_allowed(Settings(environment="production"))
    monkeypatch.setenv("FLASK_DEBUG", "1")
    production = Settings(database_url=settings.database_url, environment="production", secret_key="s" * 48)
    app = create_app(production, engine=engine)
    assert app.server.debug is False
    response = app.server.test_client().get("/")
    assert response.status_code == 200


def test_qua005_cli_refuses_debug_outside_development(monkeypatch):
    from dashboard.cli import main

    monkeypatch.setenv("DASHBOARD_ENV", "test")
    result = CliRunner().invoke(main, ["serve", "--debug", "--database-url", "sqlite:///:memory:"])
    assert result.exit_code != 0
    assert "--debug is refused" in result.output


def test_qua006_not_found_page_is_translated(app):
    import dash

    page = next(p for p in dash.page_registry.values() if p["module"].endswith("not_found_404"))
    with app.server.test_request_context("/nowhere"):
        for lang in LANGUAGES:
            text = str(page["layout"](lang=lang, commune="tournai"))
            assert t("notfound.title", lang) in text and t("notfound.message", lang) in text


def test_qua007_no_cdn_or_external_font_in_the_page_or_assets(app):
    """Offline and private: every script, stylesheet and font comes from the app itself."""
    import re

    from dashboard.config import PROJECT_DIR

    html = app.server.test_client().get("/?commune=tournai").get_data(as_text=True)
    references = re.findall(r"""(?:src|href)=["']([^"']+)["']""", html)
    assert references, "the page references its scripts and styles"
    assert [r for r in references if not r.startswith("/") or r.startswith("//")] == []
    for sheet in sorted((PROJECT_DIR / "assets").glob("*.css")):
        text = sheet.read_text(encoding="utf-8")
        assert not re.search(r"@import", text), sheet.name
        external = re.findall(r"""url\(\s*["']?((?:https?:)?//[^)"']*)""", text)
        assert external == [], (sheet.name, external)
    for script in sorted((PROJECT_DIR / "assets").glob("*.js")):
        assert not re.search(r"https?://", script.read_text(encoding="utf-8")), script.name


@pytest.mark.parametrize(
    ("path", "preloaded"),
    [("/synthese?commune=tournai", True), ("/matrices", True), ("/", False), ("/connexion", False)],
)
def test_qua008_chart_scripts_preloaded_only_where_charts_are(app, path, preloaded):
    page = app.server.test_client().get(path).get_data(as_text=True)
    assert "{%preload%}" not in page
    links = [line for line in page.splitlines() if 'rel="preload"' in line]
    assert ("plotly.min.js" in "".join(links)) is preloaded
    assert ("async-graph.js" in "".join(links)) is preloaded
