"""HTTP routes for the documents: GET /exports/report.pdf|.xlsx?commune=…&year=…&lang=…

Plain links (no callback), so the browser downloads the file itself and the home-page card
works with the keyboard and without JavaScript. Bad parameters answer 404/400 with one line.
"""

from __future__ import annotations

import time

from flask import Blueprint, Response, request

from dashboard.exports.report import ReportUnavailable, build_report
from dashboard.i18n import normalise_language
from dashboard.runtime import db_session

MIME = {
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def _text(message: str, status: int) -> Response:
    return Response(message + "\n", status=status, mimetype="text/plain")


def render(fmt: str, *, commune: str, year: int, lang: str) -> tuple[bytes, str]:
    """The report file and its name; raises ReportUnavailable."""
    from dashboard.exports.report_pdf import report_pdf
    from dashboard.exports.report_xlsx import report_xlsx

    with db_session() as session:
        report = build_report(session, commune=commune, year=year, lang=lang)
    content = report_pdf(report) if fmt == "pdf" else report_xlsx(report)
    return content, report.filename(fmt)


def create_blueprint() -> Blueprint:
    exports = Blueprint("exports", __name__, url_prefix="/exports")

    @exports.get("/report.<string:fmt>")
    def report(fmt: str) -> Response:
        if fmt not in MIME:
            return _text("unknown format; use report.pdf or report.xlsx", 404)
        commune = request.args.get("commune", "")[:80]
        year_text = request.args.get("year", "")[:8]
        if not commune or not year_text.isdigit():
            return _text("give commune=<slug> and year=<YYYY>", 400)
        lang = normalise_language(request.args.get("lang"))
        started = time.perf_counter()
        try:
            content, filename = render(fmt, commune=commune, year=int(year_text), lang=lang)
        except ReportUnavailable as error:
            return _text(str(error), 404)
        response = Response(content, mimetype=MIME[fmt])
        response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
        response.headers["Server-Timing"] = f"render;dur={1000 * (time.perf_counter() - started):.0f}"
        return response

    return exports
