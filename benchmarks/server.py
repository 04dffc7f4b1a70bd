"""A real server to measure: gunicorn workers on a given database, their peak memory, HTTP traffic."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import requests

from dashboard.config import PROJECT_DIR

GUNICORN = Path(sys.executable).with_name("gunicorn")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def gunicorn(
    database_url: str, *, workers: int = 1, env: dict | None = None
) -> Iterator[tuple[str, subprocess.Popen]]:
    """gunicorn with the production config (deploy/gunicorn.conf.py) on a loopback port."""
    port = free_port()
    environment = {**os.environ, "DATABASE_URL": database_url, "DASHBOARD_ENV": "development", **(env or {})}
    process = subprocess.Popen(
        [
            str(GUNICORN),
            "-c",
            str(PROJECT_DIR / "deploy" / "gunicorn.conf.py"),
            "--workers",
            str(workers),
            "--bind",
            f"127.0.0.1:{port}",
            "dashboard.wsgi:server",
        ],
        cwd=PROJECT_DIR,
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                if (
                    requests.get(base + "/", timeout=5).status_code == 200
                    and len(worker_pids(process.pid)) >= workers
                ):
                    break
            except requests.ConnectionError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"gunicorn did not start: {process.stderr.read().decode()[-2000:]}")
            time.sleep(0.3)
        yield base, process
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()


def worker_pids(master: int) -> list[int]:
    pids = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == master:
            pids.append(int(stat.parent.name))
    return pids


def peak_rss_mb(pid: int) -> float:
    """VmHWM: the highest resident set size the process has had."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no VmHWM for {pid}")


class HttpClient:
    """The few calls benchmarks.callbacks needs, over HTTP (keep-alive)."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.session = requests.Session()
        self.session.headers["Accept-Encoding"] = "br, gzip"

    def get(self, path: str):
        response = self.session.get(self.base + path, timeout=60)
        response.get_json = response.json
        return response

    def post(self, path: str, json: dict):
        response = self.session.post(self.base + path, json=json, timeout=60)
        response.get_json = response.json
        return response
