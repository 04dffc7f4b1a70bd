"""Communes, their administrations and services, and which years have data."""

from __future__ import annotations

import pandas as pd
from sqlalchemy import select, union
from sqlalchemy.orm import Session

from dashboard.db import models as M
from dashboard.queries._frame import frame, plain_value

COMMUNE_COLUMNS = ["slug", "name", "name_nl", "ins_code", "region", "province", "arrondissement"]


def communes(session: Session, *, commune: str | None = None) -> pd.DataFrame:
    statement = select(
        M.Commune.slug,
        M.Commune.name,
        M.Commune.name_nl,
        M.Commune.ins_code,
        M.Commune.region,
        M.Commune.province,
        M.Commune.arrondissement,
    ).order_by(M.Commune.name)
    if commune:
        statement = statement.where(M.Commune.slug == commune)
    return frame(session, statement, COMMUNE_COLUMNS)


def commune_records(session: Session) -> list[dict]:
    """The communes as plain dicts (COMMUNE_COLUMNS), by name, as communes() orders them."""
    statement = select(*(getattr(M.Commune, c) for c in COMMUNE_COLUMNS)).order_by(M.Commune.name)
    return [
        dict(zip(COMMUNE_COLUMNS, (plain_value(v) for v in row), strict=True))
        for row in session.execute(statement)
    ]


def commune_slugs(session: Session) -> list[str]:
    return list(session.scalars(select(M.Commune.slug).order_by(M.Commune.name)))


def administrations(session: Session, *, commune: str) -> pd.DataFrame:
    statement = (
        select(M.Administration.body, M.Administration.name)
        .join(M.Commune)
        .where(M.Commune.slug == commune)
        .order_by(M.Administration.body)
    )
    return frame(session, statement, ["body", "name"])


def services(session: Session, *, commune: str | None = None) -> pd.DataFrame:
    statement = (
        select(M.Commune.slug, M.Service.code, M.Service.name, M.Service.group, M.Service.aliases)
        .join(M.Commune)
        .order_by(M.Commune.slug, M.Service.group.desc(), M.Service.id)
    )
    if commune:
        statement = statement.where(M.Commune.slug == commune)
    return frame(session, statement, ["commune", "code", "name", "group", "aliases"])


def data_years(session: Session, *, commune: str) -> list[int]:
    """Every year for which the commune has some yearly figure, newest first."""
    commune_id = select(M.Commune.id).where(M.Commune.slug == commune).scalar_subquery()
    sources = [
        select(M.Synergy.report_year.label("y")).where(M.Synergy.commune_id == commune_id),
        select(M.MatrixLevel.year).where(M.MatrixLevel.commune_id == commune_id),
        select(M.SynthesisReported.year).where(M.SynthesisReported.commune_id == commune_id),
        select(M.ContractCount.year).where(M.ContractCount.commune_id == commune_id),
        select(M.RisYear.year).where(M.RisYear.commune_id == commune_id),
        select(M.Placement.year).where(M.Placement.commune_id == commune_id),
    ]
    years = session.scalars(select(union(*sources).subquery().c.y)).all()
    return sorted({y for y in years if y is not None}, reverse=True)


# Datasets that only some communes have, with the tables that hold them.
OPTIONAL_DATASETS = {
    "pst": (M.Pst,),
    "brussels": (M.Staffing, M.CostComparison, M.WePulseStance),
}


def communes_with(session: Session, dataset: str) -> pd.DataFrame:
    """The communes (slug, name, name_nl) holding `dataset`, so an empty page can point to them."""
    holders = union(
        *(select(model.commune_id.label("id")) for model in OPTIONAL_DATASETS[dataset])
    ).subquery()
    statement = (
        select(M.Commune.slug, M.Commune.name, M.Commune.name_nl)
        .where(M.Commune.id.in_(select(holders.c.id)))
        .order_by(M.Commune.name)
    )
    return frame(session, statement, ["slug", "name", "name_nl"])
