"""HTTP security headers (via Flask-Talisman) and the secret key rules.

The Content-Security-Policy allows scripts only from the app itself plus the hashes of
Dash's own inline scripts (its renderer bootstrap and our clientside callbacks), so
no `unsafe-eval` and no `unsafe-inline` for scripts. Styles need `unsafe-inline`:
Plotly and Dash set style attributes at run time.
"""

from __future__ import annotations

import secrets

from dash import Dash
from flask import abort, request
from flask_talisman import Talisman

from dashboard.config import Settings

ENVIRONMENTS = ("development", "test", "production")
WEAK_SECRETS = frozenset({"", "change-me", "changeme", "secret", "dev", "development"})
MIN_SECRET_LENGTH = 32


class ConfigurationError(RuntimeError):
    """The app must not start with this configuration."""


def check_environment(settings: Settings) -> None:
    """A misspelt DASHBOARD_ENV ("prod") must not silently skip the production rules."""
    if settings.environment not in ENVIRONMENTS:
        raise ConfigurationError(
            f"DASHBOARD_ENV={settings.environment!r} is unknown; use one of {', '.join(ENVIRONMENTS)}"
        )


def debug_allowed(settings: Settings) -> bool:
    """Debug (Dash dev tools, Werkzeug's debugger, tracebacks in answers) is for development only."""
    return settings.environment == "development"


def secret_key(settings: Settings) -> str:
    """The configured SECRET_KEY; in development a random one per process is acceptable."""
    check_environment(settings)
    key = settings.secret_key or ""
    if settings.environment == "production":
        if key.lower() in WEAK_SECRETS or len(key) < MIN_SECRET_LENGTH:
            raise ConfigurationError(
                f"DASHBOARD_ENV=production needs a SECRET_KEY of at least {MIN_SECRET_LENGTH} random characters, "
                'e.g. python -c "import secrets; print(secrets.token_urlsafe(48))"'
            )
        return key
    return key or secrets.token_urlsafe(48)


def content_security_policy() -> dict[str, str | list[str]]:
    return {
        "default-src": "'self'",
        "script-src": ["'self'"],  # + the hashes of the inline scripts, see install()
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:"],
        "font-src": ["'self'", "data:"],
        "connect-src": "'self'",
        "object-src": "'none'",
        "base-uri": "'self'",
        "form-action": "'self'",
        "frame-ancestors": "'none'",
    }


CALLBACK_PATH = "/_dash-update-component"
MAX_CALLBACK_BODY = 256 * 1024


def _is_prop(item: object) -> bool:
    return isinstance(item, dict) and "id" in item and "property" in item


def _is_dependency(item: object) -> bool:
    """One input/state: a dict, or for an ALL/ALLSMALLER wildcard the list of matched dicts."""
    return _is_prop(item) or (isinstance(item, list) and all(_is_prop(i) for i in item))


def _is_output(item: object) -> bool:
    return isinstance(item, dict) or (isinstance(item, list) and all(isinstance(i, dict) for i in item))


# dcc.Location's properties are strings in every request a browser makes; Dash's pages router
# calls str methods on them, so anything else would end in a 500.
STRING_PROPERTIES = frozenset({"pathname", "search", "hash", "href"})


def _strings_where_expected(items: list) -> bool:
    for item in items:
        for prop in item if isinstance(item, list) else [item]:
            value = prop.get("value")
            if prop.get("property") in STRING_PROPERTIES and value is not None and not isinstance(value, str):
                return False
    return True


def refuse_malformed_callbacks() -> None:
    """Dash's dispatcher assumes a well-formed body; a forged one would end in a 500. Answer 400."""
    if request.method != "POST" or not request.path.endswith(CALLBACK_PATH):
        return
    if (request.content_length or 0) > MAX_CALLBACK_BODY:
        abort(413)
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        abort(400)
    outputs = body.get("outputs")
    well_formed = (
        isinstance(body.get("output"), str)
        and isinstance(body.get("inputs", []), list)
        and isinstance(body.get("state", []), list)
        and all(_is_dependency(item) for item in [*body.get("inputs", []), *body.get("state", [])])
        and (isinstance(outputs, dict) or (isinstance(outputs, list) and all(_is_output(o) for o in outputs)))
        and isinstance(body.get("changedPropIds", []), list)
        and _strings_where_expected([*body.get("inputs", []), *body.get("state", [])])
    )
    if not well_formed:
        abort(400)


def _outputs_match(app: Dash, body: dict) -> bool:
    """The body names a registered callback and exactly its outputs (as Dash's renderer always does)."""
    from dash import Output

    spec = app.callback_map.get(body.get("output"))
    if spec is None:
        return False
    defined = spec["output"] if isinstance(spec["output"], (list, tuple)) else [spec["output"]]
    requested = body.get("outputs")
    requested = requested if isinstance(requested, list) else [requested]
    if len(defined) != len(requested):
        return False
    try:
        for output, item in zip(defined, requested, strict=True):
            for one in item if isinstance(item, list) else [item]:
                if Output(one["id"], str(one["property"]).split("@")[0]) != output:
                    return False
    except (KeyError, TypeError, ValueError, AttributeError):
        return False
    return True


def refuse_unknown_outputs(app: Dash):
    """Dash answers a body naming an unknown callback, or other outputs than its own, with a 500
    (its own check raises); that is the client's fault: answer 400."""

    def check() -> None:
        if request.method != "POST" or not request.path.endswith(CALLBACK_PATH):
            return
        body = request.get_json(silent=True)
        if isinstance(body, dict) and not _outputs_match(app, body):
            abort(400)

    return check


def install(app: Dash, settings: Settings) -> None:
    """Call once every inline script (clientside callback) is registered: their hashes go in the CSP."""
    server = app.server
    server.secret_key = secret_key(settings)
    if not debug_allowed(settings):
        # FLASK_DEBUG=1 in a server's environment would otherwise turn Flask's debug mode on.
        server.debug = False
    server.before_request(refuse_malformed_callbacks)
    server.before_request(refuse_unknown_outputs(app))
    production = settings.environment == "production"
    secure_cookies = settings.environment != "development"  # a test server is served over HTTPS too
    server.config.update(
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=secure_cookies,
    )
    talisman = Talisman(
        server,
        content_security_policy=content_security_policy(),
        # TLS is the reverse proxy's job; redirecting here would break the plain-HTTP local install.
        force_https=False,
        strict_transport_security=production,
        session_cookie_secure=secure_cookies,
        frame_options="DENY",
        referrer_policy="same-origin",
        permissions_policy={"geolocation": "()", "camera": "()", "microphone": "()"},
        x_content_type_options=True,
    )
    # Dash registers some inline scripts (the pages router's clientside callbacks) while it
    # handles its first request: serve one internally, then hash every inline script.
    server.test_client().get("/")
    talisman.content_security_policy["script-src"] = ["'self'", *app.csp_hashes()]
