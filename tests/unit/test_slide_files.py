"""The deck as PPTX and PDF, read back with python-pptx and pypdf and checked against the data.

These build the files without chart images (as on a machine without Chromium: the chart's text
alternative takes its place); tests/browser/test_slide_files.py checks the real images.
"""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest
from click.testing import CliRunner
from pptx import Presentation
from pypdf import PdfReader

from dashboard.exports import slides as slide_files
from dashboard.views.deck import DeckContext, build_deck


def normalise(text: str) -> str:
    """Locale spaces (narrow no-break, no-break) as plain spaces, for comparing with the figures."""
    return re.sub(r"[\u202f\u00a0]", " ", text)


def pptx_texts(data: bytes) -> tuple[list[str], list[str]]:
    prs = Presentation(io.BytesIO(data))
    slides, notes = [], []
    for slide in prs.slides:
        parts = [shape.text_frame.text for shape in slide.shapes if shape.has_text_frame]
        slides.append(normalise("\n".join(parts)))
        notes.append(normalise(slide.notes_slide.notes_text_frame.text))
    return slides, notes


@pytest.fixture
def deck(session):
    return build_deck(
        session, DeckContext(commune="tournai", year=2024, lang="fr", council_date=dt.date(2025, 1, 27))
    )


def test_sfile001_pptx_has_one_slide_per_deck_slide_with_the_figures(deck):
    slides, notes = pptx_texts(slide_files.build(deck, "pptx", images={}))
    assert len(slides) == len(deck.slides) == 8
    by_key = dict(zip(deck.slide_keys(), slides, strict=True))
    notes_by_key = dict(zip(deck.slide_keys(), notes, strict=True))
    assert "27 janvier 2025" in by_key["title"] and "Tournai" in by_key["title"]
    assert "36 → 78" in by_key["trend"] and "84 → 114" in by_key["trend"]
    assert "2019: 36/100" in notes_by_key["trend"] and "2024: 78/100" in notes_by_key["trend"]
    assert "205" in by_key["art60"] and "205" in notes_by_key["art60"]
    assert "1 736 (partiel)" in by_key["ris"] and "30/11/2024" in by_key["ris"]
    assert "3 (partiel)" in by_key["contracts"] and "25/10/2024" in by_key["contracts"]
    assert "2024: CPAS 107" in notes_by_key["contracts"]


def test_sfile002_pdf_has_one_landscape_page_per_slide_with_the_figures(deck):
    reader = PdfReader(io.BytesIO(slide_files.build(deck, "pdf", images={})))
    assert len(reader.pages) == 8
    assert all(page.mediabox.width > page.mediabox.height for page in reader.pages)
    texts = [normalise(page.extract_text()) for page in reader.pages]
    by_key = dict(zip(deck.slide_keys(), texts, strict=True))
    assert "36 → 78" in by_key["trend"]
    assert "205" in by_key["art60"]
    assert "1 736 (partiel)" in by_key["ris"]


def test_sfile003_unknown_format_is_refused(deck):
    with pytest.raises(ValueError, match="unknown slide format"):
        slide_files.build(deck, "key", images={})


def test_sfile004_cli_refuses_unknown_commune_and_year(settings):
    from dashboard.cli import main

    url = settings.database_url
    runner = CliRunner()
    result = runner.invoke(
        main, ["slides", "--commune", "nowhere", "--format", "pdf", "-o", "x.pdf", "--database-url", url]
    )
    assert result.exit_code == 1 and "unknown commune 'nowhere'" in result.output
    result = runner.invoke(
        main,
        [
            "slides",
            "--commune",
            "tournai",
            "--year",
            "1990",
            "--format",
            "pdf",
            "-o",
            "x.pdf",
            "--database-url",
            url,
        ],
    )
    assert result.exit_code == 1 and "no data for 1990" in result.output
    result = runner.invoke(
        main,
        [
            "slides",
            "--commune",
            "tournai",
            "--slides",
            "title,nope",
            "--format",
            "pdf",
            "-o",
            "x.pdf",
            "--database-url",
            url,
        ],
    )
    assert result.exit_code == 1 and "unknown slide(s) nope" in result.output
