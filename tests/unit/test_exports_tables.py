"""Table exports: CSV and XLSX files opened again and compared with the data, filters from the URL,
and the formula-injection guard (a synergy titled "=..." must come back as text)."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from dashboard import create_app, ids
from dashboard.db import enums as E
from dashboard.db import models as M
from dashboard.exports import tables as table_exports
from dashboard.exports.download import build_file, tables_section
from dashboard.exports.safety import neutralise
from dashboard.exports.tabular import to_csv, to_xlsx
from dashboard.i18n import t
from dashboard.queries import synergies as synergy_q
from dashboard.views.shell import resolve_context

EVIL = '=HYPERLINK("http://example.invalid","clic")'


def ctx_for(session, commune="tournai", year=2024, lang="fr"):
    return resolve_context(
        session,
        commune=commune,
        year=year,
        lang=lang,
        default_commune="tournai",
        built_pages=frozenset(),
    )


def read_csv(data: bytes) -> list[list[str]]:
    assert data.startswith("\ufeff".encode())  # Excel needs the BOM for accents
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))


@pytest.mark.parametrize("value", ["=1+1", "+32 69", "-2", "@SUM(A1)", "\tx", "\rx"])
def test_exp001_neutralise_prefixes_formula_text(value):
    assert neutralise(value) == "'" + value


def test_exp002_neutralise_leaves_other_values():
    assert neutralise("Réalisée") == "Réalisée"
    assert neutralise(-2) == -2 and neutralise(3.5) == 3.5 and neutralise(None) is None
    assert neutralise("") == ""


def test_exp003_synergies_csv_matches_the_register_with_url_filters(session):
    ctx = ctx_for(session)
    df = table_exports.table_frame(session, ctx, "synergies", {"status": "projetee"})
    expected = synergy_q.synergies(session, commune="tournai", years=[2024], statuses=["projetee"])
    assert len(df) == len(expected) > 0
    rows = read_csv(to_csv(df))
    header, body = rows[0], rows[1:]
    assert header[header.index(t("exp.col.title", "fr"))] == "Intitulé"
    titles = [r[header.index("Intitulé")] for r in body]
    assert titles == [neutralise(x) for x in expected["title"]]
    assert {r[header.index("Statut")] for r in body} == {t("status.one.projetee", "fr")}


def test_exp004_filename_has_commune_dataset_and_year(session):
    ctx = ctx_for(session)
    assert table_exports.filename(ctx, "synergies", "csv") == "tournai-synergies-2024.csv"
    assert table_exports.filename(ctx, "joint-contracts", "xlsx") == "tournai-joint-contracts.xlsx"


def test_exp005_xlsx_types_header_and_values(session):
    ctx = ctx_for(session)
    df = table_exports.table_frame(session, ctx, "contract-counts", {})
    book = load_workbook(io.BytesIO(to_xlsx([("Marchés", df)])))
    sheet = book.active
    header = [c.value for c in sheet[1]]
    assert header == list(df.columns)
    assert sheet[1][0].font.bold and sheet.freeze_panes == "A2"
    count_col = header.index(t("exp.col.count", "fr"))
    counts = [row[count_col].value for row in sheet.iter_rows(min_row=2)]
    assert sorted(counts) == sorted(int(v) for v in df[t("exp.col.count", "fr")])
    assert all(isinstance(v, int) for v in counts)  # numbers, not text
    assert 188 in counts and 107 in counts  # Tournai: Ville 2023, CPAS 2024
    date_col = header.index(t("exp.col.counted_until", "fr"))
    dates = [row[date_col].value for row in sheet.iter_rows(min_row=2) if row[date_col].value]
    assert dates and all(isinstance(d, dt.datetime) for d in dates)  # Excel dates, not strings
    assert dt.datetime(2024, 10, 25) in dates  # the partial 2024 count


def _add_evil_synergy(session) -> None:
    commune = session.scalar(select(M.Commune).where(M.Commune.slug == "tournai"))
    service = session.scalar(select(M.Service).where(M.Service.commune_id == commune.id))
    source = session.scalar(select(M.Source.id))
    session.add(
        M.Synergy(
            commune_id=commune.id,
            service_id=service.id,
            ref="evil-1",
            report_year=2024,
            status=E.SynergyStatus.PLANNED,
            title=EVIL,
            result="+32 69 33 22 11",
            language=E.Language.FR,
            source_id=source,
        )
    )
    session.flush()


def test_exp006_formula_injection_csv_and_xlsx(session):
    _add_evil_synergy(session)
    ctx = ctx_for(session)
    df = table_exports.table_frame(session, ctx, "synergies", {"q": "HYPERLINK"})
    assert len(df) == 1
    rows = read_csv(to_csv(df))
    header = rows[0]
    assert rows[1][header.index("Intitulé")] == "'" + EVIL
    assert rows[1][header.index("Résultat")] == "'+32 69 33 22 11"
    sheet = load_workbook(io.BytesIO(to_xlsx([("Synergies", df)]))).active
    cell = sheet.cell(row=2, column=header.index("Intitulé") + 1)
    assert cell.data_type == "s" and cell.value == "'" + EVIL  # text, never a formula
    formulas = [c for row in sheet.iter_rows() for c in row if c.data_type == "f"]
    assert formulas == []


def test_exp007_every_table_exports_in_every_language(session):
    for commune in ("tournai", "molenbeek-saint-jean", "ottignies-louvain-la-neuve"):
        for lang in ("fr", "nl", "en"):
            ctx = ctx_for(session, commune=commune, year=None, lang=lang)
            for name in table_exports.TABLES:
                df = table_exports.table_frame(session, ctx, name, {})
                assert list(df.columns) == [
                    t(f"exp.col.{c}", lang) for c in table_exports.TABLES[name].columns
                ]
                load_workbook(io.BytesIO(to_xlsx([(name, df)])))  # opens


def test_exp008_pipeline_type_filter_from_url(session):
    ctx = ctx_for(session)
    everything = table_exports.table_frame(session, ctx, "contract-pipeline", {})
    works = table_exports.table_frame(session, ctx, "contract-pipeline", {"type": "services"})
    type_col = t("exp.col.type", "fr")
    assert 0 < len(works) < len(everything)
    assert set(works[type_col]) == {t("contract_type.services", "fr")}


@pytest.fixture(scope="module")
def app(settings, engine):
    return create_app(settings, engine=engine)


def test_exp009_download_payload_and_section(app, session):
    with app.server.app_context():
        payload = build_file("synergies", "xlsx", "?commune=tournai&year=2024&lang=nl&status=realisee")
    assert payload["filename"] == "tournai-synergies-2024.xlsx"
    import base64

    sheet = load_workbook(io.BytesIO(base64.b64decode(payload["content"]))).active
    header = [c.value for c in sheet[1]]
    assert "Titel" in header  # Dutch headers
    done = synergy_q.synergies(session, commune="tournai", years=[2024], statuses=["realisee"])
    assert sheet.max_row - 1 == len(done)
    section = tables_section("contracts", ctx_for(session))
    buttons = [b.id for b in _walk(section) if isinstance(getattr(b, "id", None), dict)]
    assert {"type": ids.EXP_TABLE_BUTTON, "table": "joint-contracts", "fmt": "csv"} in buttons
    assert tables_section("home", ctx_for(session)) is None


def _walk(node):
    out = []
    stack = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, list | tuple):
            stack.extend(item)
        elif hasattr(item, "to_plotly_json"):
            out.append(item)
            stack.append(getattr(item, "children", None))
    return out
