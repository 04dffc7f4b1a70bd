"""The deck as files for councils that present from their own laptop: PPTX (python-pptx) and PDF (reportlab).

Both are laid out from the same `Deck` as presentation mode: one slide (one landscape page) per deck
slide, its chart as a 16:9 image rendered by kaleido in the system Chromium, its key figures as text,
and — in the PPTX — the speaker notes with every figure said in full. python-pptx is the maintained
library for writing PowerPoint files from Python; reportlab is the long-standing PDF writer with TrueType
font embedding (so fr-BE narrow no-break spaces, arrows and check marks survive).
"""

from __future__ import annotations

import io
import logging
from collections.abc import Callable
from functools import cache
from pathlib import Path

from dashboard.exports.images import ImagesUnavailable, figure_to_png
from dashboard.i18n import t
from dashboard.views.deck import Deck, Slide

log = logging.getLogger(__name__)

FORMATS = {
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "pdf": "application/pdf",
}
# CSS pixels of the chart, 16:9, near the web deck's chart at 1024×768 so the type keeps its weight;
# rendered at scale 2.5 (2560×1440 pixels) for a sharp projection.
IMAGE_SIZE = (1024, 576)
IMAGE_SCALE = 2.5
ImageFor = Callable[[Slide], bytes | None]


def render_images(deck: Deck) -> dict[str, bytes | None]:
    """Each slide's chart as PNG; None for a slide without chart, or for all when Chromium is missing
    (the files then carry the chart's text alternative in its place, and the log says why)."""
    images: dict[str, bytes | None] = {}
    for slide in deck.slides:
        if slide.figure is None:
            images[slide.key] = None
            continue
        try:
            images[slide.key] = figure_to_png(
                slide.figure, width=IMAGE_SIZE[0], height=IMAGE_SIZE[1], scale=IMAGE_SCALE
            )
        except ImagesUnavailable as error:
            log.warning("slide %s without its chart image: %s", slide.key, error)
            images[slide.key] = None
    return images


def file_name(deck: Deck, fmt: str) -> str:
    year = deck.context.year or "all"
    return f"synergies-{deck.context.commune}-{year}-{deck.context.lang}.{fmt}"


def build(deck: Deck, fmt: str, images: dict[str, bytes | None] | None = None) -> bytes:
    if fmt not in FORMATS:
        raise ValueError(f"unknown slide format {fmt!r}; expected pptx or pdf")
    images = render_images(deck) if images is None else images
    return build_pptx(deck, images) if fmt == "pptx" else build_pdf(deck, images)


def _stat_lines(slide: Slide, lang: str) -> list[tuple[str, str, str]]:
    """(label, value, note) with the partial mark written out: files have no badge."""
    out = []
    for stat in slide.stats:
        value = f"{stat.value} ({t('pres.partial', lang)})" if stat.partial else stat.value
        out.append((stat.label, value, stat.note))
    return out


def _footer(deck: Deck, number: int) -> str:
    where = " · ".join(str(p) for p in (deck.commune_name, deck.context.year) if p)
    return f"{where} — {t('pres.ui.counter', deck.context.lang, number=number, total=len(deck.slides))}"


# --- PPTX -------------------------------------------------------------------------------------------


def build_pptx(deck: Deck, images: dict[str, bytes | None]) -> bytes:
    from pptx import Presentation
    from pptx.dml.color import RGBColor
    from pptx.enum.text import PP_ALIGN
    from pptx.util import Inches, Pt

    lang = deck.context.lang
    prs = Presentation()
    prs.slide_width, prs.slide_height = Inches(13.333), Inches(7.5)
    blank = prs.slide_layouts[6]
    black, accent = RGBColor(0, 0, 0), RGBColor(0x00, 0x72, 0xB2)

    def text_box(slide, left, top, width, height, paragraphs, *, align=None):
        """paragraphs: (text, size in pt, bold, colour or None)."""
        frame = slide.shapes.add_textbox(Inches(left), Inches(top), Inches(width), Inches(height)).text_frame
        frame.word_wrap = True
        for index, (text, size, bold, colour) in enumerate(paragraphs):
            paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
            paragraph.text = text
            paragraph.font.size = Pt(size)
            paragraph.font.bold = bold
            paragraph.font.color.rgb = colour or black
            if align is not None:
                paragraph.alignment = align
        return frame

    core = prs.core_properties
    core.title = deck.slides[0].title if deck.slides else ""
    core.language = {"fr": "fr-BE", "nl": "nl-BE", "en": "en-GB"}[lang]

    for number, item in enumerate(deck.slides, start=1):
        slide = prs.slides.add_slide(blank)
        if item.key == "title":
            text_box(slide, 0.8, 1.6, 11.7, 1.6, [(item.title, 44, True, None)], align=PP_ALIGN.CENTER)
            text_box(slide, 0.8, 3.2, 11.7, 1.0, [(item.subtitle, 36, True, accent)], align=PP_ALIGN.CENTER)
            lines = [(f"{label}: {value}", 24, False, None) for label, value, _ in _stat_lines(item, lang)]
            text_box(slide, 0.8, 4.4, 11.7, 1.0, lines, align=PP_ALIGN.CENTER)
            if item.bullets:
                text_box(
                    slide,
                    1.5,
                    5.4,
                    10.3,
                    1.6,
                    [(item.bullets_title, 14, True, None)] + [(b, 12, False, None) for b in item.bullets],
                )
        else:
            text_box(slide, 0.4, 0.25, 12.5, 0.8, [(item.title, 32, True, None)])
            if item.subtitle:
                text_box(slide, 0.4, 1.0, 12.5, 0.5, [(item.subtitle, 16, False, None)])
            image = images.get(item.key)
            has_chart = item.figure is not None
            side_left = 9.45 if has_chart else 0.4
            side_width = 3.5 if has_chart else 12.5
            if image:
                slide.shapes.add_picture(io.BytesIO(image), Inches(0.4), Inches(1.6), width=Inches(8.9))
            elif has_chart:
                text_box(slide, 0.4, 1.6, 8.9, 5.0, [(item.figure_alt, 14, False, None)])
            paragraphs: list = []
            for label, value, note in _stat_lines(item, lang):
                paragraphs += [(label, 14, True, None), (value, 30 if has_chart else 40, True, accent)]
                if note:
                    paragraphs.append((note, 12, False, None))
            if item.partial_note:
                paragraphs.append((item.partial_note, 13, True, None))
            if item.bullets:
                if item.bullets_title:
                    paragraphs.append((item.bullets_title, 13, True, None))
                paragraphs += [(f"• {b}", 12 if has_chart else 18, False, None) for b in item.bullets]
            if paragraphs:
                text_box(slide, side_left, 1.6, side_width, 5.3, paragraphs)
        text_box(slide, 0.4, 7.0, 12.5, 0.35, [(_footer(deck, number), 10, False, None)])
        notes = [item.title, *item.notes]
        if item.partial_note and item.partial_note not in notes:
            notes.append(item.partial_note)
        slide.notes_slide.notes_text_frame.text = "\n".join(notes)

    out = io.BytesIO()
    prs.save(out)
    return out.getvalue()


# --- PDF --------------------------------------------------------------------------------------------

_FONT_CANDIDATES = (
    Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
    Path("/usr/share/fonts/TTF/DejaVuSans.ttf"),
)


@cache
def _fonts() -> tuple[str, str, bool]:
    """(regular, bold, full Unicode?): DejaVu when the system has it, else reportlab's own Vera."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    for regular in _FONT_CANDIDATES:
        bold = regular.with_name("DejaVuSans-Bold.ttf")
        if regular.exists() and bold.exists():
            pdfmetrics.registerFont(TTFont("DeckSans", str(regular)))
            pdfmetrics.registerFont(TTFont("DeckSans-Bold", str(bold)))
            return "DeckSans", "DeckSans-Bold", True
    import reportlab

    folder = Path(reportlab.__file__).parent / "fonts"
    pdfmetrics.registerFont(TTFont("DeckSans", str(folder / "Vera.ttf")))
    pdfmetrics.registerFont(TTFont("DeckSans-Bold", str(folder / "VeraBd.ttf")))
    return "DeckSans", "DeckSans-Bold", False


_FALLBACK = str.maketrans({"\u202f": "\u00a0", "→": "->", "✓": "+", "≠": "!=", "−": "-", "’": "'"})


def build_pdf(deck: Deck, images: dict[str, bytes | None]) -> bytes:
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.utils import ImageReader, simpleSplit
    from reportlab.pdfgen import canvas

    regular, bold, unicode_ok = _fonts()
    lang = deck.context.lang

    def clean(text: str) -> str:
        return text if unicode_ok else text.translate(_FALLBACK)

    width, height = landscape(A4)
    margin = 28.0
    out = io.BytesIO()
    pdf = canvas.Canvas(out, pagesize=(width, height))
    pdf.setTitle(clean(deck.slides[0].title if deck.slides else "")), pdf.setAuthor(deck.commune_name)
    pdf.setSubject(t("pres.title.council", lang))

    def paragraph(
        text: str,
        x: float,
        y: float,
        box_width: float,
        size: float,
        font: str = regular,
        colour=(0, 0, 0),
        leading: float | None = None,
        centre: bool = False,
    ) -> float:
        """Write wrapped text from top line `y` down; returns the y below it."""
        leading = leading or size * 1.22
        pdf.setFont(font, size)
        pdf.setFillColorRGB(*colour)
        for line in simpleSplit(clean(text), font, size, box_width):
            if centre:
                pdf.drawCentredString(x + box_width / 2, y - size, line)
            else:
                pdf.drawString(x, y - size, line)
            y -= leading
        return y

    accent = (0.0, 0.447, 0.698)
    for number, item in enumerate(deck.slides, start=1):
        top = height - margin
        if item.key == "title":
            y = paragraph(item.title, margin, height * 0.72, width - 2 * margin, 34, bold, centre=True)
            y = paragraph(item.subtitle, margin, y - 10, width - 2 * margin, 30, bold, accent, centre=True)
            for label, value, _ in _stat_lines(item, lang):
                y = paragraph(f"{label}: {value}", margin, y - 14, width - 2 * margin, 18, centre=True)
            if item.bullets:
                y = paragraph(item.bullets_title, margin + 60, y - 20, width - 2 * margin - 120, 12, bold)
                for line in item.bullets:
                    y = paragraph(line, margin + 60, y - 2, width - 2 * margin - 120, 11)
        else:
            y = paragraph(item.title, margin, top, width - 2 * margin, 24, bold)
            if item.subtitle:
                y = paragraph(item.subtitle, margin, y - 2, width - 2 * margin, 12)
            body_top = y - 8
            has_chart = item.figure is not None
            side_x = margin + (width - 2 * margin) * 0.7 + 12 if has_chart else margin
            side_w = width - margin - side_x
            if has_chart:
                chart_w = (width - 2 * margin) * 0.7
                chart_h = chart_w * 9 / 16
                image = images.get(item.key)
                if image:
                    pdf.drawImage(
                        ImageReader(io.BytesIO(image)), margin, body_top - chart_h, chart_w, chart_h
                    )
                else:
                    paragraph(item.figure_alt, margin, body_top, chart_w, 10)
            y = body_top
            for label, value, note in _stat_lines(item, lang):
                y = paragraph(label, side_x, y, side_w, 11, bold)
                y = paragraph(value, side_x, y, side_w, 24 if has_chart else 34, bold, accent)
                if note:
                    y = paragraph(note, side_x, y, side_w, 10)
                y -= 6
            if item.partial_note:
                y = paragraph(item.partial_note, side_x, y - 2, side_w, 10.5, bold) - 4
            if item.bullets:
                if item.bullets_title:
                    y = paragraph(item.bullets_title, side_x, y, side_w, 11, bold)
                for line in item.bullets:
                    y = paragraph(f"• {line}", side_x, y - 2, side_w, 9.5 if has_chart else 14)
        pdf.setStrokeColorRGB(0.45, 0.45, 0.45)
        pdf.line(margin, margin + 14, width - margin, margin + 14)
        paragraph(_footer(deck, number), margin, margin + 10, width - 2 * margin, 8)
        pdf.showPage()
    pdf.save()
    return out.getvalue()
