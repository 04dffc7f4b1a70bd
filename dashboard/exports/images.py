"""Charts as PNG or SVG bytes, rendered by kaleido in the machine's own Chromium.

kaleido 1.x drives a headless Chromium (found on the system, never downloaded). Starting it
costs seconds, so one render server is kept warm per process and reused by every export;
kaleido itself owns that singleton.
"""

from __future__ import annotations

import os
import shutil
import threading
import warnings

import plotly.graph_objects as go
import plotly.io as pio

FORMATS = ("png", "svg")
_START_LOCK = threading.Lock()
_STARTED = threading.Event()


class ImagesUnavailable(RuntimeError):
    """No Chromium on this machine, or kaleido could not drive it."""


def chromium_path() -> str | None:
    for candidate in (os.environ.get("CHROME_PATH"), shutil.which("chromium"), shutil.which("chromium-browser")):
        if candidate and os.path.exists(candidate):
            return candidate
    return None


def warm() -> None:
    """Start the shared render server now, so the first export does not pay for it."""
    if _STARTED.is_set():
        return
    with _START_LOCK:
        if _STARTED.is_set():
            return
        path = chromium_path()
        if path is None:
            raise ImagesUnavailable("no Chromium found (install Debian's chromium or set CHROME_PATH)")
        os.environ.setdefault("BROWSER_PATH", path)  # where choreographer looks first
        try:
            import kaleido

            kaleido.start_sync_server(silence_warnings=True)
        except Exception as error:  # kaleido raises several unrelated types
            raise ImagesUnavailable(f"kaleido could not start Chromium: {error}") from error
        _STARTED.set()


def figure_to_image(figure: go.Figure, fmt: str = "png", *, width: int = 1600, height: int = 900,
                    scale: float = 1.0) -> bytes:
    """The figure as image bytes at the given size in CSS pixels (PNG pixels = size × scale)."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown image format {fmt!r}; expected one of {', '.join(FORMATS)}")
    warm()
    try:
        with warnings.catch_warnings():  # plotly passes launch options the warm server ignores
            warnings.filterwarnings("ignore", message="The kopts argument is ignored")
            return pio.to_image(figure, format=fmt, width=width, height=height, scale=scale)
    except Exception as error:
        raise ImagesUnavailable(f"kaleido could not render the chart: {error}") from error


def figure_to_png(figure: go.Figure, *, width: int = 1600, height: int = 900, scale: float = 1.0) -> bytes:
    return figure_to_image(figure, "png", width=width, height=height, scale=scale)


def figure_to_svg(figure: go.Figure, *, width: int = 1600, height: int = 900) -> bytes:
    return figure_to_image(figure, "svg", width=width, height=height)
