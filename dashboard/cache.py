"""Cache of the filter callbacks' answers, per filter set and data version.

What is cached is the JSON answer of a read-only callback (a chart area, a result list, a page
layout) for one exact request body — the callback, every input and state value, i.e. the
filter set and the language — plus the database's data version (dashboard.db.meta) and the
date. Any import, edit or restore writes a new data version, so every answer computed before
it stops being found: nothing to invalidate by hand, and it holds across workers.
SimpleCache (per process) by default; Redis when CACHE_REDIS_URL is set, so that several
gunicorn workers share one cache.

Only callbacks listed in CACHEABLE_OUTPUTS (pure views of the data) are cached, only for
anonymous viewers (a signed-in user's pages may hold actions the public must never see), and
only answers 200 without a cookie. A cache outage costs speed, never a page.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
import logging
from collections.abc import Callable
from typing import Any, TypeVar

from flask import Flask, Response, current_app, g, has_request_context, request, session
from flask_caching import Cache

from dashboard import ids

log = logging.getLogger(__name__)
EXTENSION_KEY = "commune_cpas_dashboard_cache"
CALLBACK_PATH = "/_dash-update-component"
DEFAULT_TIMEOUT = 3600  # seconds; a data-version change retires entries sooner
MAX_CACHED_BODY = 16 * 1024  # request bodies larger than this are not worth a key
F = TypeVar("F", bound=Callable[..., Any])

# Callbacks whose answer depends only on their inputs and the data (no side effect, no user).
CACHEABLE_OUTPUTS = frozenset(
    {
        "_pages_content",  # a page layout, for a path and URL query
        ids.SYN2_TREND_AREA,
        ids.MAT_RADAR_AREA,
        ids.SYN_RESULTS,
        ids.CON_CHANGES_AREA,
        ids.SOC_RIS_AREA,
        ids.PST_RESULTS,
    }
)


# Public pages whose layout depends only on the URL and the data. Staff pages (import, editing)
# are never cached: what they show depends on who asks.
CACHEABLE_PAGE_PATHS = frozenset(
    {"/", "/synergies", "/matrices", "/synthese", "/marches", "/indicateurs-sociaux", "/pst", "/bruxelles"}
)
# Session keys an anonymous visitor may carry; any other key may mean a signed-in user.
ANONYMOUS_SESSION_KEYS = frozenset({"csrf_token", "_permanent"})


def cache_config(redis_url: str | None) -> dict[str, Any]:
    if redis_url:
        return {
            "CACHE_TYPE": "RedisCache",
            "CACHE_REDIS_URL": redis_url,
            "CACHE_KEY_PREFIX": "dashboard:",
            "CACHE_DEFAULT_TIMEOUT": DEFAULT_TIMEOUT,
        }
    return {"CACHE_TYPE": "SimpleCache", "CACHE_THRESHOLD": 500, "CACHE_DEFAULT_TIMEOUT": DEFAULT_TIMEOUT}


def install(server: Flask, redis_url: str | None) -> Cache:
    """Register the cache and its request hooks (install before compression's hooks run: see performance)."""
    cache = Cache(server, config=cache_config(redis_url))
    server.extensions[EXTENSION_KEY] = cache
    server.before_request(serve_cached_callback)
    server.after_request(store_callback_answer)
    return cache


def _current_cache() -> Cache | None:
    if not has_request_context():
        return None
    return current_app.extensions.get(EXTENSION_KEY)


def anonymous() -> bool:
    """No session key beyond what an anonymous visitor has: erring towards 'signed in' only costs speed."""
    return set(session.keys()) <= ANONYMOUS_SESSION_KEYS


def current_data_version() -> str:
    """Read once per request."""
    version = g.get("_dashboard_data_version")
    if version is None:
        from dashboard.db.meta import data_version
        from dashboard.runtime import db_session

        with db_session() as db:
            version = data_version(db)
        g._dashboard_data_version = version
    return version


def _output_ids(output: str) -> set[str]:
    parts = output.strip(".").split("...") if output.startswith("..") else [output]
    return {part.rsplit(".", 1)[0] for part in parts}


def callback_key(body: dict, version: str) -> str | None:
    """The key of a cacheable callback request, or None when this callback must always run."""
    output = body.get("output")
    if not isinstance(output, str) or not _output_ids(output) & CACHEABLE_OUTPUTS:
        return None
    if "_pages_content" in _output_ids(output):
        paths = [
            item.get("value")
            for item in body.get("inputs") or []
            if isinstance(item, dict)
            and item.get("id") == "_pages_location"
            and item.get("property") == "pathname"
        ]
        if len(paths) != 1 or paths[0] not in CACHEABLE_PAGE_PATHS:
            return None
    canonical = json.dumps(
        [body.get(k) for k in ("output", "inputs", "state", "changedPropIds")],
        sort_keys=True,
        separators=(",", ":"),
    )
    digest = hashlib.sha256(f"{version}|{dt.date.today().isoformat()}|{canonical}".encode()).hexdigest()
    return f"cb:{digest}"


def serve_cached_callback() -> Response | None:
    if request.method != "POST" or not request.path.endswith(CALLBACK_PATH):
        return None
    cache = _current_cache()
    if cache is None or (request.content_length or 0) > MAX_CACHED_BODY or not anonymous():
        return None
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        return None
    try:
        key = callback_key(body, current_data_version())
        hit = cache.get(key) if key else None
    except Exception:  # Redis down: compute as if there were no cache
        log.warning("cache unavailable", exc_info=True)
        return None
    if key is None:
        return None
    if hit is not None:
        response = Response(hit, mimetype="application/json")
        response.headers["X-Dashboard-Cache"] = "hit"
        return response
    g._dashboard_cache_key = key
    return None


def store_callback_answer(response: Response) -> Response:
    key = g.pop("_dashboard_cache_key", None)
    if key is None or response.status_code != 200 or "Set-Cookie" in response.headers:
        return response
    cache = _current_cache()
    try:
        cache.set(key, response.get_data())
    except Exception:
        log.warning("cache unavailable, answer not stored", exc_info=True)
    response.headers["X-Dashboard-Cache"] = "miss"
    return response


def _stable(value: Any) -> Any:
    """The same repr in every worker: set order follows per-process string hashing."""
    if isinstance(value, set | frozenset):
        return ("set", tuple(sorted(map(repr, value))))
    if isinstance(value, dict):
        return ("dict", tuple(sorted((repr(k), _stable(v)) for k, v in value.items())))
    if isinstance(value, list | tuple):
        return tuple(_stable(v) for v in value)
    return value


def cached(name: str, *, skip_first: bool = False) -> Callable[[F], F]:
    """Cache a function of the database and its (hashable-repr) arguments, per data version.

    `skip_first`: the first argument is the database session, not part of the key. Values
    keep their type (pickled), so callers see no difference.
    """

    def decorate(fn: F) -> F:
        @functools.wraps(fn)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            cache = _current_cache()
            if cache is None:
                return fn(*args, **kwargs)
            key_args = args[1:] if skip_first else args
            try:
                parts = (
                    name,
                    current_data_version(),
                    dt.date.today().isoformat(),
                    key_args,
                    sorted(kwargs.items()),
                )
                key = f"fn:{name}:{hashlib.sha256(repr(parts).encode()).hexdigest()}"
                value = cache.get(key)
            except Exception:
                log.warning("cache unavailable, computing %s", name, exc_info=True)
                return fn(*args, **kwargs)
            if value is not None:
                return value
            value = fn(*args, **kwargs)
            try:
                cache.set(key, value)
            except Exception:
                log.warning("cache unavailable, %s not stored", name, exc_info=True)
            return value

        wrapper.uncached = fn  # type: ignore[attr-defined]
        return wrapper  # type: ignore[return-value]

    return decorate
