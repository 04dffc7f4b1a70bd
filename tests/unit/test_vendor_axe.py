"""The vendored axe-core is the one recorded in axe.json (refresh with tests/browser/vendor/refresh-axe.sh)."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

VENDOR = Path(__file__).resolve().parents[1] / "browser" / "vendor"


def test_ven001_axe_matches_its_recorded_version_and_checksum():
    record = json.loads((VENDOR / "axe.json").read_text())
    source = (VENDOR / record["file"]).read_bytes()
    assert hashlib.sha256(source).hexdigest() == record["sha256"]
    assert source.startswith(f"/*! axe v{record['version']}".encode())
    assert record["version"].split(".")[0] == "4"
    assert (VENDOR / "axe-core.LICENSE").exists()
