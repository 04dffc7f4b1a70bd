"""Validation of data files: every problem is reported with its place, and nothing is written."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from sqlalchemy import func, select

from dashboard.db import models as M
from dashboard.importer.load import load_directory, read_directory
from dashboard.importer.problems import ValidationFailed
from dashboard.importer.specs import parse_deadline
from tests.conftest import DATA_DIR


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(DATA_DIR, target)
    return target


def _replace(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def _problems(data_dir: Path):
    with pytest.raises(ValidationFailed) as info:
        read_directory(data_dir)
    return info.value.problems


def test_imp001_default_data_is_valid():
    bundle = read_directory(DATA_DIR)
    counts = bundle.counts()
    assert counts["tournai"]["matrix"] == 60
    assert counts["ottignies-louvain-la-neuve"]["pst_actions"] == 43


def test_imp002_level_out_of_range_is_located(data_copy):
    _replace(data_copy / "tournai" / "matrix.csv", "2024,rh,fonctionnement,4,", "2024,rh,fonctionnement,7,")
    problems = _problems(data_copy)
    assert len(problems) == 1
    p = problems[0]
    assert (p.file, p.row, p.column, p.value) == ("tournai/matrix.csv", 2, "level", "7")
    assert p.expected == "val.level_range" and "between 0 and 5" in p.message()


def test_imp003_every_problem_at_once(data_copy):
    _replace(data_copy / "tournai" / "matrix.csv", "2024,rh,management,5,", "deux mille,rh,management,5,")
    _replace(
        data_copy / "tournai" / "matrix.csv",
        "2024,informatique,fonctionnement,5,",
        "2024,inconnu,fonctionnement,5,",
    )
    _replace(data_copy / "tournai" / "ris.csv", "2017,1826,", "2017,1.826,5,")
    problems = _problems(data_copy)
    columns = {(p.file, p.column) for p in problems}
    assert ("tournai/matrix.csv", "year") in columns
    assert ("tournai/matrix.csv", "service") in columns
    assert any(p.file == "tournai/ris.csv" for p in problems)
    year_problem = next(p for p in problems if p.column == "year")
    assert year_problem.value == "deux mille" and year_problem.expected == "val.year_number"


def test_imp004_duplicate_key(data_copy):
    path = data_copy / "tournai" / "matrix.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join([*lines, lines[1]]), encoding="utf-8")
    problems = _problems(data_copy)
    assert any(p.expected == "val.unique_key" and "already on row 2" in p.message() for p in problems)


def test_imp005_missing_and_extra_columns(data_copy):
    _replace(data_copy / "tournai" / "ris.csv", "year,beneficiaries,", "annee,beneficiaries,")
    problems = _problems(data_copy)
    assert {p.column for p in problems if p.file == "tournai/ris.csv"} >= {"year", "annee"}


def test_imp006_non_diffuse_with_a_number_is_refused(data_copy):
    _replace(
        data_copy / "tournai" / "indicator_values.csv",
        "iweps_4,region,Wallonie,,non_diffuse",
        "iweps_4,region,Wallonie,0,non_diffuse",
    )
    problems = _problems(data_copy)
    assert any(p.column == "value" and "non_diffuse" in p.message() for p in problems)


def test_imp007_incomplete_matrix(data_copy):
    path = data_copy / "tournai" / "matrix.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text(
        "".join(line for line in lines if not line.startswith("2024,creches,management")), encoding="utf-8"
    )
    problems = _problems(data_copy)
    assert any("missing: management" in p.message() for p in problems)


def test_imp008_nothing_written_when_invalid(session, data_copy):
    before = session.scalar(select(func.count()).select_from(M.MatrixLevel))
    _replace(data_copy / "tournai" / "matrix.csv", "2024,rh,fonctionnement,4,", "2024,rh,fonctionnement,9,")
    with pytest.raises(ValidationFailed):
        load_directory(session, data_copy, replace=True)
    assert session.scalar(select(func.count()).select_from(M.MatrixLevel)) == before


def test_imp009_not_utf8_and_empty_files(data_copy):
    (data_copy / "tournai" / "ris.csv").write_bytes("year,beneficiaries\n2017,1826\xe9".encode("latin-1"))
    (data_copy / "tournai" / "ris_households.csv").write_text("", encoding="utf-8")
    problems = _problems(data_copy)
    messages = {p.file: p.message() for p in problems}
    assert "UTF-8" in messages["tournai/ris.csv"]
    assert "empty" in messages["tournai/ris_households.csv"]


def test_imp010_unknown_file_and_directory(data_copy):
    (data_copy / "tournai" / "surprise.csv").write_text("a\n1\n", encoding="utf-8")
    (data_copy / "nowhere").mkdir()
    problems = _problems(data_copy)
    assert {p.file for p in problems} >= {"tournai/surprise.csv", "nowhere/"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2025", (2025, 2025)),
        ("2025-2026", (2025, 2026)),
        ("2019-2024", (2019, 2024)),
        ("À déterminer", (None, None)),
        ("", (None, None)),
        ("2024 en volgende jaren", (2024, None)),
    ],
)
def test_imp011_deadline_parsing(text, expected):
    assert parse_deadline(text) == expected


def test_imp012_problem_message_names_everything():
    from dashboard.importer.problems import Problem

    message = str(Problem("tournai/matrix.csv", 5, "level", "7", "a level between 0 and 5"))
    assert message == "tournai/matrix.csv, row 5, column level: found '7' — expected a level between 0 and 5"
