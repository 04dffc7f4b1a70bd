"""Lighthouse 12 (npm, installed into benchmarks/scratch/, never committed) in the system Chromium."""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
from pathlib import Path

SCRATCH = Path(__file__).resolve().parent / "scratch" / "lighthouse"


def lighthouse_bin() -> Path | None:
    configured = os.environ.get("LIGHTHOUSE_BIN")
    if configured:
        return Path(configured)
    local = SCRATCH / "node_modules" / ".bin" / "lighthouse"
    if not local.exists() and shutil.which("npm"):
        SCRATCH.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            ["npm", "install", "--prefix", str(SCRATCH), "--no-audit", "--no-fund", "lighthouse@12"],
            check=False,
            capture_output=True,
        )
    return local if local.exists() else None


def audit(url: str, chromium: str, out: Path) -> dict:
    """Performance and accessibility scores (0..1) of `url`, desktop preset."""
    binary = lighthouse_bin()
    if binary is None:
        return {"error": "lighthouse not available (npm install lighthouse@12 failed)"}
    out.parent.mkdir(parents=True, exist_ok=True)
    result = subprocess.run(
        [
            str(binary),
            url,
            "--preset=desktop",
            "--only-categories=performance,accessibility",
            "--output=json",
            f"--output-path={out}",
            "--quiet",
            "--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage",
        ],
        env={**os.environ, "CHROME_PATH": chromium},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    if result.returncode != 0 or not out.exists():
        return {"error": (result.stderr or result.stdout)[-500:]}
    report = json.loads(out.read_text())
    audits = report["audits"]
    failed_a11y = [
        ref["id"]
        for ref in report["categories"]["accessibility"]["auditRefs"]
        if ref.get("weight")
        and (audits[ref["id"]].get("score") is not None)
        and audits[ref["id"]]["score"] < 1
    ]
    return {
        "performance": report["categories"]["performance"]["score"],
        "accessibility": report["categories"]["accessibility"]["score"],
        "fcp_ms": audits["first-contentful-paint"]["numericValue"],
        "lcp_ms": audits["largest-contentful-paint"]["numericValue"],
        "tbt_ms": audits["total-blocking-time"]["numericValue"],
        "failed_accessibility_audits": failed_a11y,
    }


def repeated(url: str, chromium: str, out: Path, runs: int) -> dict:
    """`runs` audits of `url`: the median of each figure, and every run's performance score.

    One Lighthouse run moves by several hundredths on this kind of machine (a shared 2-core VM);
    the median of a few is the figure to compare with a target.
    """
    results = [audit(url, chromium, out.with_name(f"{out.stem}-{i}{out.suffix}")) for i in range(runs)]
    good = [r for r in results if "error" not in r]
    if not good:
        return results[0]
    keys = ("performance", "accessibility", "fcp_ms", "lcp_ms", "tbt_ms")
    return {
        **{key: statistics.median(r[key] for r in good) for key in keys},
        "performance_runs": [r["performance"] for r in good],
        "failed_accessibility_audits": sorted({a for r in good for a in r["failed_accessibility_audits"]}),
        "errors": len(results) - len(good),
    }
