"""Security headers, the Content-Security-Policy the app runs under, and the secret-key rule."""

from __future__ import annotations

import base64
import hashlib
import re

import pytest

from dashboard import create_app
from dashboard.config import Settings
from dashboard.security import ConfigurationError, secret_key


@pytest.fixture(scope="module")
def client(settings, engine):
    return create_app(settings, engine=engine).server.test_client()


def _csp(response) -> dict[str, list[str]]:
    directives = {}
    for part in response.headers["Content-Security-Policy"].split(";"):
        name, *values = part.split()
        directives[name] = values
    return directives


def test_sec001_headers_on_pages_and_api(client):
    for url in ("/", "/synergies", "/api/v1", "/assets/10-app.css"):
        response = client.get(url)
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert response.headers["Referrer-Policy"] == "same-origin"
        assert response.headers["X-Frame-Options"] == "DENY"
        assert _csp(response)["frame-ancestors"] == ["'none'"]


def test_sec002_script_src_is_self_plus_hashes_of_every_inline_script(client):
    response = client.get("/")
    csp = _csp(response)
    scripts = csp["script-src"]
    assert "'unsafe-eval'" not in scripts and "'unsafe-inline'" not in scripts
    html = response.get_data(as_text=True)
    inline = re.findall(r"<script>(.*?)</script>", html, flags=re.S)
    assert inline, "Dash always has an inline renderer bootstrap"
    for body in inline:
        digest = base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in scripts
    assert csp["default-src"] == ["'self'"] and csp["object-src"] == ["'none'"]


def test_sec003_production_refuses_a_missing_or_weak_secret(tmp_path):
    for weak in (None, "change-me", "short"):
        settings = Settings(
            database_url=f"sqlite:///{tmp_path / 'x.sqlite3'}", environment="production", secret_key=weak
        )
        with pytest.raises(ConfigurationError):
            secret_key(settings)
    strong = "k" * 40
    assert secret_key(Settings(environment="production", secret_key=strong)) == strong


def test_sec004_development_gets_a_random_secret():
    first = secret_key(Settings(environment="development"))
    second = secret_key(Settings(environment="development"))
    assert len(first) >= 32 and first != second


def test_sec005_production_app_does_not_start_without_secret(settings, engine):
    production = Settings(database_url=settings.database_url, environment="production", secret_key=None)
    with pytest.raises(ConfigurationError):
        create_app(production, engine=engine)
