"""Constraints live in the schema: bad rows are refused by the database itself."""

from __future__ import annotations

import datetime as dt

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import select, text
from sqlalchemy.exc import IntegrityError, StatementError

from dashboard.db import models as M
from dashboard.db.migrate import current_revision, head_revision


def _ids(session):
    commune = session.scalar(select(M.Commune).where(M.Commune.slug == "tournai"))
    service = session.scalar(
        select(M.Service).where(M.Service.commune_id == commune.id, M.Service.code == "rh")
    )
    return commune, service


def _refused(session, obj) -> None:
    with pytest.raises((IntegrityError, StatementError)), session.begin_nested():
        session.add(obj)
        session.flush()


def test_sch001_migration_matches_models(engine):
    assert current_revision(engine) == head_revision(engine)
    with engine.connect() as connection:
        diff = compare_metadata(
            MigrationContext.configure(connection, opts={"compare_type": True}), M.Base.metadata
        )
    assert diff == []


def test_sch002_level_out_of_range(session):
    commune, service = _ids(session)
    _refused(
        session,
        M.MatrixLevel(
            commune_id=commune.id,
            year=2030,
            service_id=service.id,
            register="management",
            level=7,
            source_id="003",
            section="test",
        ),
    )
    _refused(
        session,
        M.MatrixLevel(
            commune_id=commune.id,
            year=2030,
            service_id=service.id,
            register="management",
            level=-1,
            source_id="003",
            section="test",
        ),
    )


def test_sch003_duplicate_register_for_service_year(session):
    commune, service = _ids(session)
    _refused(
        session,
        M.MatrixLevel(
            commune_id=commune.id,
            year=2024,
            service_id=service.id,
            register="management",
            level=3,
            source_id="003",
            section="test",
        ),
    )


def test_sch004_unknown_enumeration_value(session):
    commune, _service = _ids(session)
    with pytest.raises((IntegrityError, StatementError, LookupError)), session.begin_nested():
        session.execute(
            text(
                'INSERT INTO synthesis_reported (commune_id, year, "group", total, maximum, source_id, section)'
                " VALUES (:c, 2031, 'bogus', 1, 25, '003', 'test')"
            ),
            {"c": commune.id},
        )


def test_sch005_negative_count(session):
    commune, _ = _ids(session)
    _refused(
        session,
        M.ContractCount(
            commune_id=commune.id, year=2031, body="cpas", count=-3, source_id="003", section="test"
        ),
    )
    _refused(
        session, M.RisYear(commune_id=commune.id, year=2031, beneficiaries=-1, source_id="003", section="t")
    )


def test_sch006_service_of_another_commune(session):
    """The composite foreign key: a level cannot point at another commune's service."""
    mons = session.scalar(select(M.Commune).where(M.Commune.slug == "mons"))
    _, tournai_service = _ids(session)
    _refused(
        session,
        M.MatrixLevel(
            commune_id=mons.id,
            year=2024,
            service_id=tournai_service.id,
            register="management",
            level=3,
            source_id="004",
            section="test",
        ),
    )


def test_sch007_non_diffuse_must_be_null(session):
    indicator = session.scalar(select(M.Indicator).where(M.Indicator.code == "iweps_1"))
    _refused(
        session,
        M.IndicatorValue(
            indicator_id=indicator.id,
            territory_level="commune",
            territory_name="X",
            value=0,
            status="non_diffuse",
            source_id="003",
            section="t",
        ),
    )


def test_sch008_total_above_maximum(session):
    commune, _ = _ids(session)
    _refused(
        session,
        M.SynthesisReported(
            commune_id=commune.id,
            year=2031,
            group="support",
            total=120,
            maximum=100,
            source_id="003",
            section="t",
        ),
    )


def test_sch009_pst_dates_in_order(session):
    action = session.scalar(select(M.PstAction).where(M.PstAction.code == "A1"))
    with pytest.raises(IntegrityError), session.begin_nested():
        action.end_date = dt.date(2000, 1, 1)
        session.flush()


def test_sch010_unknown_source(session):
    commune, _ = _ids(session)
    _refused(
        session,
        M.ContractCount(
            commune_id=commune.id, year=2031, body="cpas", count=3, source_id="nope", section="test"
        ),
    )
