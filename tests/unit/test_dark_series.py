"""Dark theme series colours: every colour the figure builders use has a swap that reads on the dark
paper (WCAG contrast ratios computed here, not asserted by hand)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from dashboard.figures import themes
from dashboard.figures.themes import (
    COLOURS,
    DARK_INKS,
    DARK_LINES,
    DARK_SERIES,
    DARK_SURFACES,
    RECOLOUR,
    recolour_maps,
)

FIGURES = Path(themes.__file__).resolve().parent
HEX = re.compile(r"#[0-9A-Fa-f]{6}\b")
PAPER = COLOURS["dark"]["paper"]
INK = COLOURS["dark"]["ink"]


def luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    la, lb = luminance(a), luminance(b)
    return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)


def builder_colours() -> dict[str, str]:
    """Every colour literal in the figure builders -> where it is written (themes.py excluded)."""
    found: dict[str, str] = {}
    for path in sorted(FIGURES.glob("*.py")):
        if path.name == "themes.py":
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            for colour in HEX.findall(line):
                found.setdefault(colour.upper(), f"{path.name}:{number}")
    return found


def test_dark001_contrast_helper_matches_wcag_reference_values():
    assert contrast("#000000", "#FFFFFF") == pytest.approx(21.0)
    assert contrast("#777777", "#FFFFFF") == pytest.approx(4.48, abs=0.01)


def test_dark002_every_builder_colour_is_mapped():
    found = builder_colours()
    assert len(found) > 20  # the scan really reads the builders
    missing = {colour: where for colour, where in found.items() if colour not in RECOLOUR["dark"]}
    assert missing == {}


@pytest.mark.parametrize("source,target", sorted(DARK_SERIES.items()))
def test_dark003_series_colours_read_as_text_on_dark_paper(source, target):
    # Series colours are also used for labels (textfont in the series colour): the text threshold.
    assert contrast(target, PAPER) >= 4.5, (source, target, round(contrast(target, PAPER), 2))


def test_dark004_inks_read_and_lines_show():
    for source, target in DARK_INKS.items():
        assert contrast(target, PAPER) >= 4.5, (source, target)
    for source, target in DARK_LINES.items():
        assert target in (COLOURS["dark"]["grid"], COLOURS["dark"]["line"]), source
    assert contrast(COLOURS["dark"]["line"], PAPER) >= 3


def test_dark005_ink_reads_on_every_dark_surface():
    for source, target in DARK_SURFACES.items():
        assert contrast(INK, target) >= 4.5, (source, target)


def test_dark006_no_two_series_merge_and_keys_are_canonical():
    assert len(set(DARK_SERIES.values())) == len(DARK_SERIES)
    groups = [DARK_SERIES, DARK_INKS, DARK_LINES, DARK_SURFACES]
    keys = [key for group in groups for key in group]
    assert len(keys) == len(set(keys))  # a colour has one role
    assert all(re.fullmatch(r"#[0-9A-F]{6}", key) for key in keys)
    assert recolour_maps()["light"] == {} and recolour_maps()["contrast"] == {}


def test_dark007_route_serves_the_swaps(settings, engine):
    from dashboard import create_app

    client = create_app(settings, engine=engine).server.test_client()
    body = client.get("/themes/plotly.json").get_json()
    assert body["recolour"]["dark"] == RECOLOUR["dark"]
