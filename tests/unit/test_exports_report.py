"""The annual synergy report (PDF and XLSX) opened again and checked against the database,
the /exports/report route and the `report` command. Radars need Chromium: they are tested in
tests/browser/test_exports_browser.py; here the PDF is built without them."""

from __future__ import annotations

import io
import re

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook
from pypdf import PdfReader

from dashboard import create_app
from dashboard.cli import main
from dashboard.exports.report import ReportUnavailable, build_report
from dashboard.exports.report_pdf import report_pdf
from dashboard.exports.report_xlsx import report_xlsx
from dashboard.i18n import fmt_currency, t
from dashboard.queries import contracts as contract_q
from dashboard.queries import synergies as synergy_q


def pdf_text(data: bytes) -> tuple[PdfReader, str]:
    reader = PdfReader(io.BytesIO(data))
    return reader, "\n".join(page.extract_text() for page in reader.pages)


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text)


@pytest.fixture(scope="module")
def tournai_fr(engine):
    from sqlalchemy.orm import Session

    with Session(engine) as session:
        return build_report(session, commune="tournai", year=2024, lang="fr")


def test_rep001_sections_follow_the_template(tournai_fr):
    assert [s.key for s in tournai_fr.sections] == ["done", "planned", "matrices", "synthesis", "contracts"]


def test_rep002_pdf_text_matches_the_data(tournai_fr, session):
    reader, text = pdf_text(report_pdf(tournai_fr, render_radar=None))
    flat = squash(text)
    assert len(reader.pages) > 10
    first = squash(reader.pages[0].extract_text())
    assert "Tournai" in first and "2024" in first and t("rep.annex", "fr") in first
    for number, page in enumerate(reader.pages, start=1):  # page n / N on every page
        assert f"page {number} / {len(reader.pages)}" in squash(page.extract_text())
    for section in tournai_fr.sections:
        assert f"{section.number}. {section.title}" in flat
    # every synergy done, ongoing or planned in 2024 is listed (its title's start, as wrapped text)
    synergies = synergy_q.synergies(session, commune="tournai", years=[2024])
    for title in synergies["title"]:
        assert squash(title)[:25] in flat, title
    # synthesis grid: 78/100 support, 114/200 others (seed 003, 4.1 and 4.2)
    assert t("rep.s4.group_total", "fr", total=78, maximum=100) in flat
    assert t("rep.s4.group_total", "fr", total=114, maximum=200) in flat
    # joint contracts with their amounts in fr-BE format
    joint = contract_q.contracts(session, commune="tournai", stage="conjoint", years=[2024])
    for amount in joint["estimated_amount"].dropna():
        assert fmt_currency(amount, "fr").replace("\u202f", " ").replace("\xa0", " ") in flat.replace(
            "\u202f", " "
        ).replace("\xa0", " ")
    assert "SEPP" in flat and "1 012 085,40" in flat.replace("\u202f", " ").replace("\xa0", " ")


def test_rep003_table_headers_repeat_on_continued_pages(tournai_fr):
    reader, _ = pdf_text(report_pdf(tournai_fr, render_radar=None))
    header = t("rep.col.results", "fr")
    pages_with_header = [i for i, p in enumerate(reader.pages) if header in p.extract_text()]
    section2 = next(i for i, p in enumerate(reader.pages) if t("rep.s2.title", "fr") in p.extract_text())
    # section 1 spans many pages and its table header is on every one of them
    assert set(range(2, section2)) <= set(pages_with_header)


def test_rep004_dutch_and_english(engine):
    from sqlalchemy.orm import Session

    with Session(engine) as session:
        for lang in ("nl", "en"):
            report = build_report(session, commune="tournai", year=2024, lang=lang)
            _, text = pdf_text(report_pdf(report, render_radar=None))
            assert t("rep.s1.title", lang) in squash(text)
            assert t("rep.title", "fr") not in squash(text)


def test_rep005_xlsx_one_sheet_per_section_with_typed_cells(tournai_fr, session):
    book = load_workbook(io.BytesIO(report_xlsx(tournai_fr)))
    assert len(book.sheetnames) == 1 + len(tournai_fr.sections)
    contracts = book.worksheets[5]
    values = [c.value for row in contracts.iter_rows() for c in row if c.value is not None]
    assert 1012085.4 in values  # SEPP, a number
    counts = contract_q.contract_counts(session, commune="tournai")
    for count in counts["count"]:
        assert int(count) in values
    grid = book.worksheets[4]
    grid_values = [c.value for row in grid.iter_rows() for c in row]
    assert 78 in grid_values and 114 in grid_values
    dates = [c for row in contracts.iter_rows() for c in row if c.is_date]
    assert dates  # planned award dates are Excel dates
    assert all(c.data_type != "f" for ws in book.worksheets for row in ws.iter_rows() for c in row)


def test_rep006_formula_title_is_text_in_the_report(session):
    from tests.unit.test_exports_tables import EVIL, _add_evil_synergy

    _add_evil_synergy(session)
    report = build_report(session, commune="tournai", year=2024, lang="fr")
    book = load_workbook(io.BytesIO(report_xlsx(report)))
    cells = [
        c
        for ws in book.worksheets
        for row in ws.iter_rows()
        for c in row
        if c.value and "HYPERLINK" in str(c.value)
    ]
    assert [c.value for c in cells] == ["'" + EVIL]
    assert cells[0].data_type == "s"
    _, text = pdf_text(report_pdf(report, render_radar=None))
    assert "HYPERLINK" in text  # the PDF shows the title as written


def test_rep007_unknown_commune_or_year(session):
    with pytest.raises(ReportUnavailable, match="nowhere"):
        build_report(session, commune="nowhere", year=2024)
    with pytest.raises(ReportUnavailable, match="1999"):
        build_report(session, commune="tournai", year=1999)


def test_rep008_cli_unknown_commune_exits_non_zero(settings, tmp_path):
    url = settings.database_url
    out = tmp_path / "r.pdf"
    result = CliRunner().invoke(
        main,
        [
            "report",
            "--commune",
            "nowhere",
            "--year",
            "2024",
            "--format",
            "pdf",
            "-o",
            str(out),
            "--database-url",
            url,
        ],
    )
    assert result.exit_code != 0
    assert result.output.strip().count("\n") == 0 and "nowhere" in result.output
    assert not out.exists()
    result = CliRunner().invoke(
        main,
        [
            "report",
            "--commune",
            "tournai",
            "--year",
            "1999",
            "--format",
            "xlsx",
            "-o",
            str(out),
            "--database-url",
            url,
        ],
    )
    assert result.exit_code != 0 and "1999" in result.output and not out.exists()


def test_rep009_cli_writes_the_xlsx(settings, tmp_path):
    out = tmp_path / "tournai.xlsx"
    result = CliRunner().invoke(
        main,
        [
            "report",
            "--commune",
            "tournai",
            "--year",
            "2024",
            "--format",
            "xlsx",
            "--lang",
            "nl",
            "-o",
            str(out),
            "--database-url",
            settings.database_url,
        ],
    )
    assert result.exit_code == 0, result.output
    book = load_workbook(out)
    assert book.worksheets[1]["A1"].value == "1. " + t("rep.s1.title", "nl")


@pytest.fixture(scope="module")
def client(settings, engine):
    return create_app(settings, engine=engine).server.test_client()


def test_rep010_route_xlsx_and_errors(client):
    response = client.get("/exports/report.xlsx?commune=tournai&year=2024&lang=en")
    assert response.status_code == 200
    assert 'filename="tournai-rapport-synergies-2024.xlsx"' in response.headers["Content-Disposition"]
    book = load_workbook(io.BytesIO(response.data))
    assert book.worksheets[1]["A1"].value == "1. " + t("rep.s1.title", "en")
    assert client.get("/exports/report.xlsx?commune=nowhere&year=2024").status_code == 404
    assert client.get("/exports/report.xlsx?commune=tournai&year=abc").status_code == 400
    assert client.get("/exports/report.doc?commune=tournai&year=2024").status_code == 404


def test_rep011_brussels_report_cites_the_organic_law(session):
    report = build_report(session, commune="molenbeek-saint-jean", year=2023, lang="fr")
    _, text = pdf_text(report_pdf(report, render_radar=None))
    flat = squash(text)
    assert "26bis" in flat and "28 mars 2019" not in flat
    assert "Molenbeek" in flat
