"""Import problems read in the reader's language: keys + parameters, rendered in fr, nl and en."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from dashboard.cli import main
from dashboard.i18n import CATALOGUE_DIR, LANGUAGES, has_key
from dashboard.importer.problems import ValidationFailed, problem
from dashboard.importer.service import prepare_import
from dashboard.importer.tables import UnreadableFile, read_csv_text
from dashboard.views import importer as view
from tests.conftest import DATA_DIR
from tests.unit.test_import_files import MATRIX_HEADER, matrix_rows, workbook
from tests.unit.test_import_page import _text

IMPORTER_DIR = Path(__file__).resolve().parents[2] / "dashboard" / "importer"


def _bad_workbook() -> bytes:
    """Level 7, a level written in words, a duplicate register and a year given as text."""
    rows = [
        MATRIX_HEADER,
        *matrix_rows(2025, "rh", [7, 2, 3, 3, 3]),
        *matrix_rows(2025, "informatique", [1, 1, "quatre", 1, 1]),
        [2025, "rh", "management", 2],
        ["deux mille", "rh", "fonctionnement", 2],
    ]
    return workbook({"matrix": rows})


@pytest.fixture
def failure(session) -> ValidationFailed:
    with pytest.raises(ValidationFailed) as info:
        prepare_import(session, [("annuel.xlsx", _bad_workbook())], "tournai")
    return info.value


def _by_key(failure: ValidationFailed) -> dict[str, object]:
    return {p.expected: p for p in failure.problems}


def test_imi001_problems_keep_stable_keys_and_parameters(failure):
    found = _by_key(failure)
    assert set(found) == {"val.level_range", "val.int", "val.unique_key", "val.year_number"}
    duplicate = found["val.unique_key"]
    assert dict(duplicate.params) == {"columns": "year, service, register", "row": "3"}
    assert (found["val.level_range"].row, found["val.level_range"].value) == (2, "7")


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        (
            "fr",
            [
                "un niveau entre 0 et 5",
                "un nombre entier",
                "une combinaison unique de year, service, register (déjà présente à la ligne 3)",
                "une année écrite comme un nombre entier entre 1990 et 2100",
                "annuel.xlsx, feuille Matrices, ligne 2, colonne Niveau : trouvé '7' — attendu : un niveau",
                "4 problème(s) trouvé(s), rien n'a été écrit",
            ],
        ),
        (
            "nl",
            [
                "een niveau tussen 0 en 5",
                "een geheel getal",
                "een unieke combinatie van year, service, register (al aanwezig op rij 3)",
                "een jaar geschreven als een geheel getal tussen 1990 en 2100",
                "annuel.xlsx, blad Matrices, rij 2, kolom Niveau: gevonden '7' — verwacht: een niveau",
                "4 probleem/problemen gevonden, niets werd geschreven",
            ],
        ),
        (
            "en",
            [
                "a level between 0 and 5",
                "a whole number",
                "a unique combination of year, service, register (already on row 3)",
                "a year written as a whole number between 1990 and 2100 (e.g. 2024)",
                "annuel.xlsx, sheet Matrices, row 2, column Niveau: found '7' — expected a level between 0 and 5",
                "4 problem(s) found, nothing was written",
            ],
        ),
    ],
)
def test_imi002_report_in_each_language(failure, lang, words):
    report = failure.report(lang)
    for word in words:
        assert word in report, (lang, word, report)
    others = {"fr": "niveau entre", "nl": "niveau tussen", "en": "level between"}
    for other, text in others.items():
        if other != lang:
            assert text not in report


def test_imi003_page_table_in_the_page_language(failure):
    text = _text(view.problems_report(failure.problems, "nl"))
    for word in (
        "Bestand",
        "Blad",
        "Rij",
        "Kolom",
        "Gevonden waarde",
        "Verwacht",
        "een niveau tussen 0 en 5",
    ):
        assert word in text
    assert "level between" not in text and "val.level_range" not in text
    text = _text(view.problems_report(failure.problems, "fr"))
    assert "Attendu" in text and "un nombre entier" in text and "a whole number" not in text


def test_imi004_english_wording_is_unchanged():
    p = problem("tournai/matrix.csv", 5, "level", "7", "val.level_range")
    assert str(p) == "tournai/matrix.csv, row 5, column level: found '7' — expected a level between 0 and 5"
    assert p.message("nl") == "een niveau tussen 0 en 5"
    literal = problem("x.csv", None, None, None, "some validator's own text")
    assert str(literal) == "x.csv — expected some validator's own text"


def _validation(lang: str) -> dict[str, str]:
    return json.loads((CATALOGUE_DIR / lang / "validation.json").read_text(encoding="utf-8"))


def test_imi005_every_validation_key_in_every_language_and_used_keys_exist():
    reference = _validation("fr")
    for lang in LANGUAGES:
        entries = _validation(lang)
        assert set(entries) == set(reference), lang
        for key, text in entries.items():
            placeholders = set(re.findall(r"{(\w+)}", text))
            assert placeholders == set(re.findall(r"{(\w+)}", reference[key])), (lang, key)
    used = set()
    for path in IMPORTER_DIR.glob("*.py"):
        used |= set(re.findall(r"\"(val\.[a-z0-9_.]+)\"", path.read_text(encoding="utf-8")))
    assert len(used) > 40
    assert sorted(k for k in used if not has_key(k)) == []
    assert used <= set(reference)


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('cli-i18n') / 'cli.sqlite3'}"
    result = CliRunner().invoke(main, ["init-db", "--database-url", url, "--data-dir", str(DATA_DIR)])
    assert result.exit_code == 0, result.output
    return url


def test_imi006_cli_reports_in_english_by_default_and_lang_on_request(db, tmp_path: Path):
    path = tmp_path / "annuel.xlsx"
    path.write_bytes(_bad_workbook())
    english = CliRunner().invoke(main, ["import", str(path), "--commune", "tournai", "--database-url", db])
    assert english.exit_code == 1
    assert "— expected a level between 0 and 5" in english.output
    dutch = CliRunner().invoke(
        main, ["import", str(path), "--commune", "tournai", "--lang", "nl", "--database-url", db]
    )
    assert dutch.exit_code == 1
    assert "rij 2, kolom Niveau: gevonden '7' — verwacht: een niveau tussen 0 en 5" in dutch.output
    assert "level between" not in dutch.output
    xml = tmp_path / "pst.xml"
    xml.write_bytes(b"<PST><unclosed></PST>")
    french = CliRunner().invoke(
        main, ["pst-import", str(xml), "--commune", "tournai", "--lang", "fr", "--database-url", db]
    )
    assert french.exit_code == 1
    assert "attendu : du XML bien formé" in french.output, french.output


def test_imi007_unreadable_csv_reason_is_translated_too():
    with pytest.raises(UnreadableFile) as info:
        read_csv_text("", "tournai/ris.csv")
    found = problem(info.value.file, None, None, None, info.value.key, **info.value.params)
    assert str(found) == "tournai/ris.csv — expected a readable CSV file (the file is empty (no header line))"
    assert found.message("fr") == "un fichier CSV lisible (le fichier est vide (pas de ligne d'en-tête))"
    assert found.message("nl") == "een leesbaar CSV-bestand (het bestand is leeg (geen kopregel))"
