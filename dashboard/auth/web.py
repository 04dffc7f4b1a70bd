"""Sessions, CSRF and login throttling on the Flask server under Dash.

- Flask-Login keeps the user id in Flask's signed session cookie (HttpOnly, SameSite=Lax,
  Secure outside development: set by dashboard.security). The id includes a fragment of the
  password hash, so changing a password ends every other session.
- Flask-WTF's CSRFProtect checks every state-changing request: the login/logout forms carry
  a hidden token; Dash callback POSTs of a logged-in user carry it in the X-CSRFToken header,
  added by assets/20-csrf.js from the `dashboard_csrf` cookie (readable by our scripts only:
  same-origin). Anonymous callback POSTs are read-only by construction (every write checks
  the actor) and need no session, so the public site works without cookies.
- Flask-Limiter throttles login attempts per client address and per username. Storage is
  in-process memory unless RATELIMIT_STORAGE_URI (e.g. redis://host:6379/0) is set, which
  a multi-worker deployment needs to share counters. LOGIN_RATE_LIMIT overrides the limit.
"""

from __future__ import annotations

import os
from urllib.parse import urlsplit

from dash import Dash
from flask import Blueprint, jsonify, redirect, request, session
from flask_limiter import Limiter
from flask_limiter.errors import RateLimitExceeded
from flask_limiter.util import get_remote_address
from flask_login import LoginManager, login_user, logout_user
from flask_wtf.csrf import CSRFError, CSRFProtect, generate_csrf

from dashboard.auth.current import SessionUser, current_actor, is_logged_in
from dashboard.auth.permissions import ANONYMOUS, actor_for
from dashboard.config import Settings
from dashboard.runtime import EXTENSION_KEY

LOGIN_PATH = "/auth/login"
LOGOUT_PATH = "/auth/logout"
LOGIN_PAGE = "/connexion"
AFTER_LOGIN = "/gestion/synergies"
CALLBACK_PATH = "/_dash-update-component"
CSRF_COOKIE = "dashboard_csrf"
CSRF_HEADER = "X-CSRFToken"
DEFAULT_LOGIN_LIMIT = "5 per minute;30 per hour"
DEFAULT_USERNAME_LIMIT = "20 per hour"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})


def session_id(user) -> str:
    return f"{user.id}:{user.password_hash[-12:]}"


def safe_next(target: object) -> str:
    """Only a local path (no scheme, no host, no '//' trick) may follow a login."""
    if not isinstance(target, str) or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return AFTER_LOGIN
    parts = urlsplit(target)
    return target if not parts.scheme and not parts.netloc else AFTER_LOGIN


def install(app: Dash, settings: Settings) -> None:
    """Call before dashboard.security.install (which sets the secret key and cookie flags)."""
    server = app.server
    secure = settings.environment != "development"  # same rule as the session cookie (dashboard.security)
    server.config.update(
        WTF_CSRF_CHECK_DEFAULT=False,  # checked in _protect below, with the Dash exception
        WTF_CSRF_TIME_LIMIT=None,  # the token lives as long as the session
        WTF_CSRF_HEADERS=[CSRF_HEADER],
        REMEMBER_COOKIE_HTTPONLY=True,
        REMEMBER_COOKIE_SAMESITE="Lax",
        REMEMBER_COOKIE_SECURE=secure,
    )
    csrf = CSRFProtect(server)
    manager = LoginManager(server)
    manager.session_protection = "basic"
    manager.login_view = None

    @manager.user_loader
    def load_user(value: str):
        user_id = value.partition(":")[0]
        if not user_id.isdigit():
            return None
        sessions = server.extensions[EXTENSION_KEY].sessions
        from dashboard.db import models as M

        with sessions() as db:
            user = db.get(M.User, int(user_id))
            if user is None or session_id(user) != value:
                return None
            actor = actor_for(user)
        return None if actor is ANONYMOUS else SessionUser(actor, value)

    limiter = Limiter(
        get_remote_address,
        app=server,
        storage_uri=os.environ.get("RATELIMIT_STORAGE_URI") or "memory://",
        default_limits=[],
        headers_enabled=True,
    )
    server.extensions["dashboard_limiter"] = limiter

    @server.before_request
    def _protect():
        if request.method in SAFE_METHODS or request.routing_exception is not None:
            return None  # nothing will run: let Flask answer 404/405 as usual
        if request.path.endswith(CALLBACK_PATH) and not is_logged_in():
            return None
        csrf.protect()
        return None

    @server.after_request
    def _csrf_cookie(response):
        if is_logged_in():
            response.set_cookie(
                CSRF_COOKIE, generate_csrf(), samesite="Lax", secure=secure, httponly=False, path="/"
            )
        return response

    blueprint = Blueprint("auth", __name__)

    def _username_key() -> str:
        from dashboard.auth.accounts import normalise_username

        return "user:" + normalise_username(request.form.get("username"))[:60]

    @blueprint.post(LOGIN_PATH)
    @limiter.limit(lambda: os.environ.get("LOGIN_RATE_LIMIT") or DEFAULT_LOGIN_LIMIT)
    @limiter.limit(DEFAULT_USERNAME_LIMIT, key_func=_username_key)
    def login():
        from dashboard.auth.accounts import authenticate

        lang = request.form.get("lang") if request.form.get("lang") in ("fr", "nl", "en") else "fr"
        sessions = server.extensions[EXTENSION_KEY].sessions
        with sessions() as db, db.begin():
            user = authenticate(db, request.form.get("username"), request.form.get("password"))
            value = session_id(user) if user else None
            actor = actor_for(user) if user else None
        if value is None:
            return redirect(f"{LOGIN_PAGE}?error=credentials&lang={lang}", 303)
        session.clear()  # a fresh session (and CSRF token) for the logged-in user
        login_user(SessionUser(actor, value))
        target = request.form.get("next")
        return redirect(safe_next(target) if target else f"{AFTER_LOGIN}?lang={lang}", 303)

    @blueprint.get("/auth/csrf-token")
    def csrf_token():
        """The session's CSRF token (same-origin reads only), for scripts and tests."""
        response = jsonify(token=generate_csrf())
        response.headers["Cache-Control"] = "no-store"
        return response

    @blueprint.get("/auth/whoami")
    def whoami():
        """Who the session belongs to (for the staff scripts and the tests); never cached."""
        actor = current_actor()
        response = jsonify(user=actor.username or None, roles=[list(r) for r in actor.roles])
        response.headers["Cache-Control"] = "no-store"
        return response

    @blueprint.post(LOGOUT_PATH)
    def logout():
        lang = request.form.get("lang") if request.form.get("lang") in ("fr", "nl", "en") else "fr"
        logout_user()
        session.clear()
        response = redirect(f"{LOGIN_PAGE}?done=logout&lang={lang}", 303)
        response.delete_cookie(CSRF_COOKIE, path="/")
        return response

    server.register_blueprint(blueprint)

    @server.errorhandler(RateLimitExceeded)
    def _too_many(error):
        if request.path == LOGIN_PATH:
            return redirect(f"{LOGIN_PAGE}?error=too_many", 303)
        return error.get_response()

    @server.errorhandler(CSRFError)
    def _csrf_refused(error):
        if request.path == LOGIN_PATH:
            return redirect(f"{LOGIN_PAGE}?error=expired", 303)
        return error.description, 400


__all__ = ["current_actor", "install"]
