"""The annual synergy report as a PDF to annex to the council's deliberation (reportlab).

Why reportlab: it is pure Python with wheels for every platform (WeasyPrint needs Pango and
cairo from the system; a browser print would tie the clerk's CLI to Chromium for text), its
Platypus layout repeats table headers on every page (`repeatRows`), wraps long cells, keeps a
heading with its table, and embeds the radar PNGs. The Bitstream Vera fonts that reportlab
ships are embedded, so accents and the euro sign print the same everywhere.

Landscape A4: the template's tables have seven to nine columns of prose.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

import plotly.graph_objects as go
import reportlab
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas as pdf_canvas
from reportlab.platypus import (
    CondPageBreak,
    Image,
    KeepTogether,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from dashboard.exports.report import Block, Report, ReportTable
from dashboard.i18n import fmt_currency, fmt_date, fmt_number, fmt_percent, t

log = logging.getLogger(__name__)

PAGE = landscape(A4)
MARGIN = 1.5 * cm
FONT, BOLD, ITALIC = "Vera", "Vera-Bold", "Vera-Italic"
HEADER_FILL = colors.HexColor("#E9ECEF")
RULE = colors.HexColor("#ADB5BD")
INK = colors.HexColor("#212529")
RADAR_SIZE = (760, 460)  # CSS pixels, rendered at 2× for print

RadarRenderer = Callable[[go.Figure], bytes]


def _register_fonts() -> None:
    if FONT in pdfmetrics.getRegisteredFontNames():
        return
    folder = Path(reportlab.__file__).resolve().parent / "fonts"
    for name, file in (
        (FONT, "Vera.ttf"),
        (BOLD, "VeraBd.ttf"),
        (ITALIC, "VeraIt.ttf"),
        ("Vera-BI", "VeraBI.ttf"),
    ):
        pdfmetrics.registerFont(TTFont(name, str(folder / file)))
    pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=BOLD, italic=ITALIC, boldItalic="Vera-BI")


def _styles() -> dict[str, ParagraphStyle]:
    base = ParagraphStyle("base", fontName=FONT, fontSize=9, leading=11.5, textColor=INK)
    return {
        "body": base,
        "small": ParagraphStyle("small", parent=base, fontSize=7.5, leading=9.5),
        "cell": ParagraphStyle("cell", parent=base, fontSize=7.5, leading=9.2),
        "cell_num": ParagraphStyle("cell_num", parent=base, fontSize=7.5, leading=9.2, alignment=2),
        "head": ParagraphStyle("head", parent=base, fontName=BOLD, fontSize=7.5, leading=9.2),
        "head_num": ParagraphStyle(
            "head_num", parent=base, fontName=BOLD, fontSize=7.5, leading=9.2, alignment=2
        ),
        "h1": ParagraphStyle(
            "h1",
            keepWithNext=1,
            parent=base,
            fontName=BOLD,
            fontSize=15,
            leading=19,
            spaceBefore=4,
            spaceAfter=6,
        ),
        "h2": ParagraphStyle(
            "h2",
            keepWithNext=0,  # CondPageBreak keeps it off a page's foot; the table may then split
            parent=base,
            fontName=BOLD,
            fontSize=11.5,
            leading=15,
            spaceBefore=10,
            spaceAfter=4,
        ),
        "h3": ParagraphStyle(
            "h3",
            keepWithNext=0,  # CondPageBreak keeps it off a page's foot; the table may then split
            parent=base,
            fontName=BOLD,
            fontSize=9.5,
            leading=12,
            spaceBefore=6,
            spaceAfter=3,
        ),
        "title": ParagraphStyle("title", parent=base, fontName=BOLD, fontSize=24, leading=30, spaceAfter=14),
        "subtitle": ParagraphStyle("subtitle", parent=base, fontSize=16, leading=21, spaceAfter=22),
        "none": ParagraphStyle("none", parent=base, fontName=ITALIC),
    }


def _p(text: Any, style: ParagraphStyle) -> Paragraph:
    return Paragraph(escape(str(text)).replace("\n", "<br/>"), style)


def format_value(value: Any, kind: str, lang: str) -> str:
    if value is None:
        return "—" if kind != "text" else ""
    if kind == "int":
        return fmt_number(value, lang)
    if kind == "amount":
        return fmt_currency(value, lang)
    if kind == "date":
        return fmt_date(value, lang)
    if kind == "percent":
        return fmt_percent(value, lang, 1)
    return str(value)


def _table(table: ReportTable, lang: str, styles: dict, width: float) -> Table:
    weights = [c.width for c in table.columns]
    widths = [width * w / sum(weights) for w in weights]
    numeric = [c.kind != "text" for c in table.columns]
    header = [
        _p(c.header, styles["head_num" if n else "head"]) for c, n in zip(table.columns, numeric, strict=True)
    ]

    def row(values: list[Any], bold: bool = False) -> list[Paragraph]:
        cells = []
        for value, column, is_number in zip(values, table.columns, numeric, strict=True):
            style = (
                styles["head_num" if is_number else "head"]
                if bold
                else styles["cell_num" if is_number else "cell"]
            )
            cells.append(_p(format_value(value, column.kind, lang), style))
        return cells

    data = [header, *(row(r) for r in table.rows), *(row(r, bold=True) for r in table.footer)]
    commands = [
        ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
        ("LINEBELOW", (0, 0), (-1, 0), 0.8, INK),
        ("GRID", (0, 0), (-1, -1), 0.25, RULE),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]
    if table.footer:
        commands.append(("LINEABOVE", (0, -len(table.footer)), (-1, -1), 0.8, INK))
    return Table(data, colWidths=widths, repeatRows=1, style=TableStyle(commands), hAlign="LEFT")


def _radar_image(figure: go.Figure, render: RadarRenderer | None) -> Image | None:
    if render is None:
        return None
    from dashboard.exports.images import ImagesUnavailable

    try:
        png = render(figure)
    except ImagesUnavailable as error:
        log.warning("radar chart not drawn: %s", error)
        return None
    width = 12.5 * cm
    return Image(io.BytesIO(png), width=width, height=width * RADAR_SIZE[1] / RADAR_SIZE[0])


def default_renderer(figure: go.Figure) -> bytes:
    from dashboard.exports.images import figure_to_png

    return figure_to_png(figure, width=RADAR_SIZE[0], height=RADAR_SIZE[1], scale=2)


def _block(block: Block, report: Report, styles: dict, width: float, render: RadarRenderer | None) -> list:
    lang = report.lang
    heading = [_p(block.heading, styles["h2"])] if block.heading else []
    out: list = []
    if block.radar is not None:
        levels = _table(block.tables[0], lang, styles, width * 0.42)
        image = _radar_image(block.radar, render)
        left = image if image is not None else _p(t("rep.s3.no_chart", lang), styles["none"])
        pair = Table(
            [[left, levels]],
            colWidths=[width * 0.55, width * 0.45],
            hAlign="LEFT",
            style=TableStyle([("VALIGN", (0, 0), (-1, -1), "MIDDLE")]),
        )
        return [KeepTogether([*heading, pair])]
    for index, table in enumerate(block.tables):
        titles = [*(heading if index == 0 else []), *([_p(table.title, styles["h3"])] if table.title else [])]
        # A heading never ends a page (room for it and a few rows), but a table that does not fit
        # the rest of the page starts there and breaks, headers repeated: no half-empty pages.
        parts = [CondPageBreak(4 * cm), *titles] if titles else []
        parts.append(_table(table, lang, styles, width))
        if table.note:
            parts.append(_p(table.note, styles["small"]))
        out.extend(parts)
    if not block.tables:  # a group heading: room for it and the next block's start, so it is never orphaned
        out = [CondPageBreak(6 * cm), *heading] if heading else []
    if block.empty:
        out.append(_p(block.empty, styles["none"]))
    return out


def _title_page(report: Report, styles: dict) -> list:
    lang = report.lang
    story = [
        Spacer(1, 3 * cm),
        _p(report.title, styles["title"]),
        _p(t("rep.subtitle", lang, commune=report.commune_name, year=report.year), styles["subtitle"]),
        _p(t("rep.annex", lang), styles["h2"]),
        _p(report.legal_basis, styles["body"]),
        Spacer(1, 0.4 * cm),
        _p(t("rep.generated", lang, date=fmt_date(report.generated, lang, "long")), styles["body"]),
        Spacer(1, 1.2 * cm),
        _p(t("rep.contents", lang), styles["h2"]),
    ]
    story += [_p(f"{s.number}. {s.title}", styles["body"]) for s in report.sections]
    return [*story, PageBreak()]


def _numbered_canvas(report: Report) -> type:
    """A canvas that writes 'page n / N' once the number of pages is known (two-pass footer)."""

    class NumberedCanvas(pdf_canvas.Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict] = []

        def showPage(self) -> None:
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for state in self._pages:
                self.__dict__.update(state)
                self.setFont(FONT, 7.5)
                self.setFillColor(INK)
                text = t(
                    "rep.page",
                    report.lang,
                    commune=report.commune_name,
                    year=report.year,
                    page=self._pageNumber,
                    pages=total,
                )
                self.drawRightString(PAGE[0] - MARGIN, 0.8 * cm, text)
                super().showPage()
            super().save()

    return NumberedCanvas


def report_pdf(report: Report, *, render_radar: RadarRenderer | None = default_renderer) -> bytes:
    """The report as PDF bytes. `render_radar=None` leaves the radars out (their tables stay)."""
    _register_fonts()
    styles = _styles()
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=PAGE,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN + 0.3 * cm,
        title=f"{report.title} — {report.commune_name} {report.year}",
        author=report.commune_name,
        subject=t("rep.annex", report.lang),
        lang=report.lang,
    )
    width = PAGE[0] - 2 * MARGIN
    story = _title_page(report, styles)
    for index, section in enumerate(report.sections):
        if index:
            story.append(PageBreak())
        story += [_p(f"{section.number}. {section.title}", styles["h1"]), _p(section.intro, styles["body"])]
        for block in section.blocks:
            story += _block(block, report, styles, width, render_radar)
    doc.build(story, canvasmaker=_numbered_canvas(report))
    return buffer.getvalue()
