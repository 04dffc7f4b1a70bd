"""Deck files with their chart images (kaleido in the system Chromium): the download route and the CLI."""

from __future__ import annotations

import io

from click.testing import CliRunner
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE
from pypdf import PdfReader

from dashboard import create_app
from tests.unit.test_slide_files import normalise, pptx_texts


def test_sfile101_route_serves_the_pptx_of_the_deck_on_screen(settings, engine, chromium_path):
    client = create_app(settings, engine=engine).server.test_client()
    answer = client.get(
        "/exports/slides.pptx?commune=tournai&year=2024&lang=nl&slides=title,trend,radars,art60"
    )
    assert answer.status_code == 200
    assert answer.headers["Content-Disposition"] == 'attachment; filename="synergies-tournai-2024-nl.pptx"'
    prs = Presentation(io.BytesIO(answer.data))
    assert len(prs.slides) == 4
    pictures = [[s for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE] for slide in prs.slides]
    assert [len(p) for p in pictures] == [0, 1, 1, 1]  # the title slide has no chart
    for (picture,) in pictures[1:]:
        assert abs(picture.width / picture.height - 16 / 9) < 0.01
        assert picture.image.size[0] >= 2000  # sharp enough for a projector
    slides, notes = pptx_texts(answer.data)
    assert "Doornik" in slides[0]
    assert "36 → 78" in slides[1]
    assert "205" in slides[3] and "205" in notes[3]


def test_sfile102_route_refuses_bad_parameters(settings, engine):
    client = create_app(settings, engine=engine).server.test_client()
    assert client.get("/exports/slides.key?commune=tournai").status_code == 404
    answer = client.get("/exports/slides.pdf?commune=nowhere")
    assert answer.status_code == 404 and b"nowhere" in answer.data
    answer = client.get("/exports/slides.pdf?commune=tournai&year=1990")
    assert answer.status_code == 404 and b"1990" in answer.data


def test_sfile103_cli_writes_the_pdf_with_images(settings, chromium_path, tmp_path):
    from dashboard.cli import main

    target = tmp_path / "deck.pdf"
    result = CliRunner().invoke(
        main,
        [
            "slides",
            "--commune",
            "tournai",
            "--year",
            "2024",
            "--format",
            "pdf",
            "--lang",
            "en",
            "-o",
            str(target),
            "--database-url",
            settings.database_url,
        ],
    )
    assert result.exit_code == 0, result.output
    reader = PdfReader(str(target))
    assert len(reader.pages) == 8
    assert all(page.images for page in list(reader.pages)[1:3])  # trend and radars carry their chart
    texts = [normalise(page.extract_text()) for page in reader.pages]
    assert "36 → 78" in texts[1]
    assert any("205" in text for text in texts)
    assert any("1,736 (partial)" in text for text in texts)
