"""Compressed responses: static files (Dash bundles, assets) compressed once, the rest on the fly.

Static files are the bulk of a first visit (React, Dash, Plotly): each is compressed once per
worker with brotli or gzip and kept in memory, or read from a pre-compressed `.br`/`.gz`
sibling when one exists (the Plotly bundle ships one: compressing 1.3 MB at the highest level
takes seconds). Dynamic answers (HTML, callback JSON) go through Flask-Compress.
"""

from __future__ import annotations

import gzip
import threading
from pathlib import Path

import brotli
from flask import Flask, Response, request
from flask_compress import Compress

STATIC_PREFIXES = ("/assets/", "/_dash-component-suites/", "/_favicon.ico")
COMPRESSIBLE = (
    "application/javascript",
    "text/javascript",
    "text/css",
    "application/json",
    "image/svg+xml",
    "image/x-icon",  # Dash's favicon: 16 kB of bitmap, 3 kB compressed
    "image/vnd.microsoft.icon",
)
MIN_SIZE = 1024
# brotli "br" first: 15-20 % smaller than gzip on JS; every current browser sends it over HTTP(S).
ENCODINGS = ("br", "gzip")


def _accepted(header: str) -> str | None:
    offered = {part.split(";")[0].strip().lower() for part in header.split(",")}
    return next((e for e in ENCODINGS if e in offered), None)


def _compress(data: bytes, encoding: str) -> bytes:
    if encoding == "br":
        return brotli.compress(data, quality=9)
    return gzip.compress(data, compresslevel=9, mtime=0)


class StaticCompressor:
    """Compress each static file once per worker (bounded: the app has a few dozen files)."""

    def __init__(self, assets_folder: Path, max_entries: int = 256) -> None:
        self.assets_folder = assets_folder
        self.max_entries = max_entries
        self._cache: dict[tuple[str, str, str], bytes] = {}
        self._lock = threading.Lock()

    def _precompressed(self, encoding: str) -> bytes | None:
        if not request.path.startswith("/assets/"):
            return None
        suffix = {"br": ".br", "gzip": ".gz"}[encoding]
        candidate = (self.assets_folder / request.path[len("/assets/") :]).resolve()
        if self.assets_folder.resolve() not in candidate.parents:
            return None
        sibling = candidate.with_name(candidate.name + suffix)
        return sibling.read_bytes() if sibling.is_file() else None

    def __call__(self, response: Response) -> Response:
        if (
            request.method != "GET"
            or response.status_code != 200
            or not request.path.startswith(STATIC_PREFIXES)
            or response.mimetype not in COMPRESSIBLE
            or "Content-Encoding" in response.headers
        ):
            return response
        encoding = _accepted(request.headers.get("Accept-Encoding", ""))
        vary = response.headers.get("Vary")
        response.headers["Vary"] = f"{vary}, Accept-Encoding" if vary else "Accept-Encoding"
        if encoding is None:
            return response
        key = (request.path, request.query_string.decode("latin-1"), encoding)
        body = self._cache.get(key)
        if body is None:
            response.direct_passthrough = False
            raw = response.get_data()
            if len(raw) < MIN_SIZE:
                return response
            body = self._precompressed(encoding) or _compress(raw, encoding)
            with self._lock:
                if len(self._cache) < self.max_entries:
                    self._cache[key] = body
        response.direct_passthrough = False
        response.set_data(body)
        response.headers["Content-Encoding"] = encoding
        response.headers["Content-Length"] = str(len(body))
        return response


def install(server: Flask, assets_folder: Path) -> None:
    server.config.setdefault("COMPRESS_ALGORITHM", ["br", "gzip"])
    server.config.setdefault("COMPRESS_BR_LEVEL", 4)  # fast enough per request, smaller than gzip 6
    server.config.setdefault("COMPRESS_MIN_SIZE", 500)
    server.config.setdefault("COMPRESS_STREAMS", False)  # static files: StaticCompressor below
    server.config.setdefault(
        "COMPRESS_MIMETYPES",
        ["text/html", "text/css", "text/plain", "application/json", "application/javascript", "text/csv"],
    )
    Compress(server)
    # Registered after Flask-Compress so it runs before it (Flask runs after_request in reverse).
    server.after_request(StaticCompressor(assets_folder))
