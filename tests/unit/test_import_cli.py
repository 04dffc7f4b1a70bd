"""The transfer commands end to end on their own SQLite database: exit codes and one-line reasons."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree
from openpyxl import load_workbook
from sqlalchemy import create_engine, text

from dashboard.cli import main
from dashboard.importer.pst_xml import schema
from tests.conftest import DATA_DIR


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('cli') / 'cli.sqlite3'}"
    result = CliRunner().invoke(main, ["init-db", "--database-url", url, "--data-dir", str(DATA_DIR)])
    assert result.exit_code == 0, result.output
    return url


def run(db: str, *args: str):
    return CliRunner().invoke(main, [*args, "--database-url", db])


def _last_line(result) -> str:
    return result.output.strip().splitlines()[-1]


def test_cli001_template_has_sheets_legend_and_dropdowns(db, tmp_path: Path):
    out = tmp_path / "modele.xlsx"
    result = run(db, "template", "-o", str(out), "--commune", "tournai")
    assert result.exit_code == 0, result.output
    book = load_workbook(out)
    assert {"Légende", "Listes", "Matrices", "Synergies", "Commune"} <= set(book.sheetnames)
    matrices = book["Matrices"]
    assert [c.value for c in matrices[1]][:4] == ["Année", "Service", "Registre", "Niveau"]
    rules = {str(rule.sqref): rule for rule in matrices.data_validations.dataValidation}
    assert rules["D2:D500"].type == "whole" and (rules["D2:D500"].formula1, rules["D2:D500"].formula2) == (
        "0",
        "5",
    )
    assert rules["C2:C500"].type == "list" and "Listes" in rules["C2:C500"].formula1
    assert rules["B2:B500"].type == "list"  # Tournai's service codes
    legend_rows = [[c.value for c in row] for row in book["Légende"].iter_rows(min_row=6)]
    assert ["Matrices", "level", "Niveau", "Niveau", "Level", "oui", "0..5"] in legend_rows
    assert book["Listes"].sheet_state == "hidden"


def test_cli002_bad_file_exits_non_zero_with_one_line_reason(db, tmp_path: Path):
    pdf = tmp_path / "rapport.xlsx"
    pdf.write_bytes(b"%PDF-1.5 not a workbook")
    result = run(db, "import", str(pdf), "--commune", "tournai")
    assert result.exit_code == 1
    assert (
        _last_line(result)
        == "error: The file 'rapport.xlsx' is a renamed PDF document, not an Excel workbook (.xlsx)."
    )


def test_cli003_import_dry_run_replace_and_export_neutralised(db, tmp_path: Path):
    records = [
        {
            "ref": "CLI-1",
            "report_year": 2025,
            "service": "rh",
            "status": "projetee",
            "title": '=HYPERLINK("http://x")',
            "language": "fr",
        }
    ]
    source = tmp_path / "synergies.json"
    source.write_text(json.dumps(records), encoding="utf-8")
    dry = run(db, "import", str(source), "--commune", "tournai", "--dry-run")
    assert dry.exit_code == 0 and "synergies: +1" in dry.output and "dry run" in dry.output
    done = run(db, "import", str(source), "--commune", "tournai")
    assert done.exit_code == 0, done.output
    assert _last_line(done) == "imported: 1 added, 0 changed, 0 removed"
    again = run(db, "import", str(source), "--commune", "tournai")
    assert _last_line(again) == "imported: 0 added, 0 changed, 0 removed"
    # the audit trail holds the batch that changed something, not the one that did not
    engine = create_engine(db)
    with engine.connect() as connection:
        events = connection.execute(
            text("SELECT username, commune_slug, summary FROM audit_event WHERE kind = 'import'")
        ).all()
    engine.dispose()
    assert [tuple(e) for e in events] == [("cli", "tournai", "synergies.json")]

    csv_out = tmp_path / "synergies.csv"
    assert (
        run(
            db, "export", "synergies", "--format", "csv", "--commune", "tournai", "-o", str(csv_out)
        ).exit_code
        == 0
    )
    assert "'=HYPERLINK" in csv_out.read_text(encoding="utf-8")
    xlsx_out = tmp_path / "synergies.xlsx"
    assert (
        run(
            db, "export", "synergies", "--format", "xlsx", "--commune", "tournai", "-o", str(xlsx_out)
        ).exit_code
        == 0
    )
    sheet = load_workbook(io.BytesIO(xlsx_out.read_bytes()))["Synergies"]
    cells = [c for row in sheet.iter_rows() for c in row if c.value == '=HYPERLINK("http://x")']
    assert cells and all(c.data_type == "s" for c in cells)  # text, never a formula

    records[0]["status"] = "en_cours"
    source.write_text(json.dumps(records), encoding="utf-8")
    refused = run(db, "import", str(source), "--commune", "tournai")
    assert refused.exit_code == 1 and "rerun with --replace" in _last_line(refused)
    replaced = run(db, "import", str(source), "--commune", "tournai", "--replace")
    assert _last_line(replaced) == "imported: 0 added, 1 changed, 0 removed"


def test_cli004_export_json_for_every_commune_has_a_commune_column(db, tmp_path: Path):
    out = tmp_path / "matrix.json"
    assert run(db, "export", "matrix", "--format", "json", "-o", str(out)).exit_code == 0
    rows = json.loads(out.read_text(encoding="utf-8"))
    assert {r["commune"] for r in rows} == {"tournai"} and len(rows) == 60
    bad = run(db, "export", "nothing", "-o", str(out))
    assert bad.exit_code == 1 and _last_line(bad).startswith("error: unknown dataset 'nothing'")


def test_cli005_check_passes_then_fails_on_a_total_that_disagrees(db, tmp_path: Path):
    ok = run(db, "check")
    assert ok.exit_code == 0, ok.output
    assert "partial count" in ok.output and _last_line(ok).startswith("ok:")
    wrong = tmp_path / "synthesis_reported.csv"
    wrong.write_text("year,group,total,maximum\n2024,support,90,100\n", encoding="utf-8")
    assert run(db, "import", str(wrong), "--commune", "tournai", "--replace").exit_code == 0
    failed = run(db, "check", "--commune", "tournai")
    assert failed.exit_code == 1
    assert _last_line(failed).startswith(
        "error: 1 data-quality problem(s), first: problem: tournai / synthesis_reported: 2024 support: reported 90/100"
    )


def test_cli006_pst_export_validates(db, tmp_path: Path):
    out = tmp_path / "pst.xml"
    result = run(db, "pst-export", "--commune", "ottignies-louvain-la-neuve", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert schema().validate(etree.parse(str(out)))
    none = run(db, "pst-export", "--commune", "tournai", "-o", str(out))
    assert none.exit_code == 1 and _last_line(none) == "error: tournai has no strategic plan"
    dry = run(db, "pst-import", str(out), "--commune", "ottignies-louvain-la-neuve", "--dry-run")
    assert dry.exit_code == 0, dry.output
