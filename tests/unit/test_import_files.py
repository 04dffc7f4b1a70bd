"""Import of workbooks and CSV files: the bad-file corpus, replace/confirm rules, interruption.

Every bad file must get its expected message and leave the database exactly as it was
(a dump of every table before and after is compared).
"""

from __future__ import annotations

import io
import struct
import zipfile

import pytest
from openpyxl import Workbook
from sqlalchemy import event, select
from sqlalchemy.orm import Session

from dashboard.db import models as M
from dashboard.i18n import has_key
from dashboard.importer.export import export_commune_workbook, export_dataset
from dashboard.importer.problems import ValidationFailed
from dashboard.importer.safety import MAX_FILE_BYTES, RefusedFile
from dashboard.importer.service import apply_plan, prepare_import
from dashboard.importer.template import build_workbook
from dashboard.importer.workbook import column_label, dataset_label

MATRIX_HEADER = ["year", "service", "register", "level"]
REGISTERS = ["fonctionnement", "management", "competences", "formalisation", "ressources"]


def dump(session: Session) -> dict[str, list[tuple]]:
    """Every row of every table, sorted, to compare the database before and after."""
    session.flush()
    out = {}
    for table in M.Base.metadata.sorted_tables:
        rows = session.execute(select(table)).all()
        out[table.name] = sorted(tuple(map(repr, r)) for r in rows)
    return out


def workbook(sheets: dict[str, list[list[object]]]) -> bytes:
    """A workbook with French headers: sheets maps dataset -> [header codes, *rows]."""
    book = Workbook()
    book.remove(book.active)
    for dataset, rows in sheets.items():
        sheet = book.create_sheet(dataset_label(dataset))
        header, *body = rows
        sheet.append([column_label(c) if has_key(f"imp.column.{c}") else c for c in header])
        for row in body:
            sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def matrix_rows(year: int, service: str, levels: list[int]) -> list[list[object]]:
    return [[year, service, register, level] for register, level in zip(REGISTERS, levels, strict=True)]


def zip_bytes(members: dict[str, bytes], compression=zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _encrypted() -> bytes:
    from msoffcrypto.format.ooxml import OOXMLFile

    out = io.BytesIO()
    OOXMLFile(io.BytesIO(build_workbook())).encrypt("secret", out)
    return out.getvalue()


def _macro() -> bytes:
    archive = zipfile.ZipFile(io.BytesIO(build_workbook()))
    members = {info.filename: archive.read(info) for info in archive.infolist()}
    members["xl/vbaProject.bin"] = b"\xd0\xcf\x11\xe0 fake VBA project"
    return zip_bytes(members)


def _bomb() -> bytes:
    members = {"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook/>"}
    members["xl/worksheets/sheet1.xml"] = b"\0" * (80 * 1024 * 1024)
    return zip_bytes(members)


def _lying_bomb() -> bytes:
    """A bomb whose headers claim 1000 bytes for a 30 MB member: never inflated past the claim."""
    name = b"xl/worksheets/sheet1.xml"
    members = {"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook/>", name.decode(): b"\0" * (30 << 20)}
    data = bytearray(zip_bytes(members))
    for signature, size_at, name_at in ((b"PK\x03\x04", 22, 30), (b"PK\x01\x02", 24, 46)):
        pos = data.find(signature)
        while pos >= 0:
            if data[pos + name_at : pos + name_at + len(name)] == name:
                struct.pack_into("<I", data, pos + size_at, 1000)
            pos = data.find(signature, pos + 4)
    return bytes(data)


# (id, file name, bytes factory, expected refusal code)
REFUSED = [
    ("empty", "vide.xlsx", lambda: b"", "empty"),
    ("blank-csv", "matrix.csv", lambda: b"  \n\n", "empty"),
    ("too-large", "gros.xlsx", lambda: b"PK\x03\x04" + b"x" * (MAX_FILE_BYTES + 1), "too_large"),
    ("renamed-pdf", "modele.xlsx", lambda: b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF", "pdf"),
    ("encrypted", "protege.xlsx", _encrypted, "encrypted"),
    ("legacy-xls", "ancien.xls", lambda: bytes.fromhex("D0CF11E0A1B11AE1") + b"\0" * 600, "legacy"),
    ("macro-vba", "macro.xlsx", _macro, "macro"),
    ("macro-xlsm", "macro.xlsm", lambda: build_workbook(), "macro"),
    ("zip-bomb", "bombe.xlsx", _bomb, "bomb"),
    ("zip-bomb-lying-sizes", "bombe2.xlsx", _lying_bomb, "corrupt"),
    (
        "docx-not-workbook",
        "lettre.xlsx",
        lambda: zip_bytes({"[Content_Types].xml": b"<T/>", "word/document.xml": b"<w/>"}),
        "not_workbook",
    ),
    ("truncated-zip", "casse.xlsx", lambda: build_workbook()[:3000], "corrupt"),
    ("binary-csv", "matrix.csv", lambda: b"year,level\n\x00\x01\x02", "binary"),
    ("image-named-csv", "photo.png", lambda: b"\x89PNG\r\n\x1a\n....", "extension"),
]


@pytest.mark.parametrize(("name", "factory", "code"), [r[1:] for r in REFUSED], ids=[r[0] for r in REFUSED])
def test_imf001_hostile_files_are_refused_and_nothing_changes(session, name, factory, code):
    before = dump(session)
    with pytest.raises(RefusedFile) as info:
        prepare_import(session, [(name, factory())], "tournai")
    assert info.value.code == code
    message = info.value.message("fr")
    assert name in message and len(message) < 300
    assert dump(session) == before


def _problems(session, files, slug="tournai", **kwargs) -> list[str]:
    before = dump(session)
    with pytest.raises(ValidationFailed) as info:
        prepare_import(session, files, slug, **kwargs)
    assert dump(session) == before
    return [str(p) for p in info.value.problems]


def _one(problems: list[str], *fragments: str) -> str:
    found = [p for p in problems if all(f in p for f in fragments)]
    assert found, f"no problem with {fragments} in {problems}"
    return found[0]


def test_imf002_level_out_of_range_and_wrong_type_are_reported_with_their_cell(session):
    rows = [
        MATRIX_HEADER,
        *matrix_rows(2025, "rh", [7, 2, 3, 3, 3]),
        *matrix_rows(2025, "informatique", [1, 1, "quatre", 1, 1]),
    ]
    problems = _problems(session, [("annuel.xlsx", workbook({"matrix": rows}))])
    assert _one(problems, "annuel.xlsx, sheet Matrices, row 2, column Niveau", "'7'", "level between 0 and 5")
    assert _one(problems, "row 9, column Niveau", "'quatre'", "a whole number")
    assert len(problems) == 2


def test_imf003_year_as_text_unknown_service_duplicate_register(session):
    rows = [
        MATRIX_HEADER,
        ["deux mille vingt-cinq", "rh", "management", 2],
        *matrix_rows(2025, "cuisine", [1, 1, 1, 1, 1]),
        *matrix_rows(2025, "rh", [2, 2, 2, 2, 2]),
        [2025, "rh", "fonctionnement", 3],
    ]
    problems = _problems(session, [("annuel.xlsx", workbook({"matrix": rows}))])
    _one(problems, "row 2, column Année", "deux mille", "a year written as a whole number")
    _one(problems, "row 13", "a unique combination of year, service, register", "already on row 8")
    # the unknown service is a cross-file rule: it runs once the cells themselves are valid
    fixed = [MATRIX_HEADER, *matrix_rows(2025, "cuisine", [1, 1, 1, 1, 1])]
    problems = _problems(session, [("annuel.xlsx", workbook({"matrix": fixed}))])
    _one(problems, "row 2, column Service", "'cuisine'", "a service code of services.csv")


def test_imf004_extra_column_and_unknown_sheet(session):
    rows = [[*MATRIX_HEADER, "commentaire"], [2025, "rh", "management", 2, "vu"]]
    book = workbook({"matrix": rows})
    problems = _problems(session, [("annuel.xlsx", book)])
    _one(problems, "row 1, column commentaire", "only these columns")
    problems = _problems(session, [("budget.csv", b"year,amount\n2025,12\n")])
    _one(problems, "budget.csv", "'budget'", "a sheet or file named after a dataset")


def test_imf005_formula_cells_are_refused_with_their_place(session):
    rows = [MATRIX_HEADER, *matrix_rows(2025, "rh", [1, 2, 3, 4, 5])]
    rows[3][3] = "=1+2"
    problems = _problems(session, [("annuel.xlsx", workbook({"matrix": rows}))])
    assert _one(problems, "row 4, column Niveau", "'=1+2'", "not a formula")
    assert len(problems) == 1  # the refused cell is not reported a second time as empty


def test_imf006_missing_commune_sheet_for_a_new_commune(session):
    rows = [MATRIX_HEADER, *matrix_rows(2025, "rh", [1, 2, 3, 4, 5])]
    problems = _problems(session, [("nouvelle.xlsx", workbook({"matrix": rows}))], slug="nouvelle-commune")
    _one(problems, "'nouvelle-commune'", "a Commune sheet describing the new commune")


def test_imf007_year_option_refuses_rows_of_other_years(session):
    rows = [MATRIX_HEADER, *matrix_rows(2024, "rh", [1, 2, 3, 4, 5])]
    problems = _problems(session, [("annuel.xlsx", workbook({"matrix": rows}))], year=2025)
    _one(problems, "row 2, column Année", "the year 2025 (given with --year)")


def test_imf008_every_problem_is_reported_at_once(session):
    rows = [MATRIX_HEADER, *[[2025, "rh", "management", level] for level in (6, 7, 8, -1)]]
    problems = _problems(session, [("annuel.xlsx", workbook({"matrix": rows}))])
    assert sum("level between 0 and 5" in p for p in problems) == 4


@pytest.mark.parametrize("commune", ["tournai", "ottignies-louvain-la-neuve", "molenbeek-saint-jean", "mons"])
def test_imf010_reimporting_an_export_changes_nothing(session, commune):
    data = export_commune_workbook(session, commune)
    plan = prepare_import(session, [(f"{commune}.xlsx", data)], commune)
    assert not plan.has_changes, plan.summary()
    assert plan.totals().unchanged > 0


def test_imf011_a_change_needs_confirmation_and_replaces_that_year_only(session):
    csv = export_dataset(session, "matrix", "csv", "tournai").decode()
    old = "2024,rh,fonctionnement,4,"
    assert old in csv
    changed = csv.replace(old, "2024,rh,fonctionnement,2,")
    plan = prepare_import(session, [("matrix.csv", changed.encode())], "tournai")
    assert (plan.diffs["matrix"].changed, plan.diffs["matrix"].added, plan.diffs["matrix"].removed) == (
        1,
        0,
        0,
    )
    before = dump(session)
    with pytest.raises(PermissionError):
        apply_plan(session, plan, confirmed=False)
    assert dump(session) == before
    synergy_ids = sorted(session.scalars(select(M.Synergy.id)))
    service_ids = sorted(session.scalars(select(M.Service.id)))
    apply_plan(session, plan, confirmed=True)
    # rows the import does not change keep their ids (an audit trail may point at them)
    assert sorted(session.scalars(select(M.Synergy.id))) == synergy_ids
    assert sorted(session.scalars(select(M.Service.id))) == service_ids
    levels = (
        session.execute(
            select(M.MatrixLevel.level)
            .join(M.Service, M.Service.id == M.MatrixLevel.service_id)
            .where(
                M.Service.code == "rh", M.MatrixLevel.year == 2024, M.MatrixLevel.register == "fonctionnement"
            )
        )
        .scalars()
        .all()
    )
    assert levels == [2]
    # the same file again: nothing to do
    assert not prepare_import(session, [("matrix.csv", changed.encode())], "tournai").has_changes


def test_imf012_replacing_a_year_removes_only_that_years_missing_rows(session):
    before_other_years = session.scalar(
        select(M.SynthesisReported.total).where(M.SynthesisReported.year == 2019).limit(1)
    )
    header = "year,group,total,maximum\n"
    plan = prepare_import(
        session, [("synthesis_reported.csv", (header + "2024,support,78,100\n").encode())], "tournai"
    )
    diff = plan.diffs["synthesis_reported"]
    assert (diff.unchanged, diff.removed) == (0, 1) or (diff.unchanged + diff.changed, diff.removed) == (1, 1)
    apply_plan(session, plan, confirmed=True)
    years = session.scalars(select(M.SynthesisReported.year).where(M.SynthesisReported.year == 2024)).all()
    assert len(years) == 1
    assert (
        session.scalar(select(M.SynthesisReported.total).where(M.SynthesisReported.year == 2019).limit(1))
        == before_other_years
    )


def test_imf013_an_import_interrupted_midway_writes_nothing(engine):
    """A failure after half the rows were inserted rolls the whole import back."""
    rows = [MATRIX_HEADER]
    for service in ("rh", "informatique", "marches-publics", "maintenance"):
        rows += matrix_rows(2025, service, [1, 2, 3, 4, 5])
    data = workbook({"matrix": rows})
    inserted = {"n": 0}

    def interrupt(*_args):
        inserted["n"] += 1
        if inserted["n"] == 40:
            raise RuntimeError("power cut")

    with Session(engine) as session:
        before = dump(session)
    event.listen(M.MatrixLevel, "after_insert", interrupt)
    try:
        with pytest.raises(RuntimeError, match="power cut"), Session(engine) as session, session.begin():
            plan = prepare_import(session, [("annuel.xlsx", data)], "tournai")
            apply_plan(session, plan, confirmed=True)
    finally:
        event.remove(M.MatrixLevel, "after_insert", interrupt)
    assert inserted["n"] == 40
    with Session(engine) as session:
        assert dump(session) == before
