"""Cooperation-matrix levels and the synthesis grid derived from them, computed here once.

Vocabulary: a service-year has five register levels (0..5), so a service scores
/25; a group (support services, other services) scores the sum of its services
out of 25 × the number of services with a matrix that year. Years known only
from a printed total use that reported total; where both exist the computed
one is used and a disagreement is flagged.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import pandas as pd
from sqlalchemy import distinct, func, select
from sqlalchemy.orm import Session

from dashboard.db import enums as E
from dashboard.db import models as M
from dashboard.queries._frame import frame

MAX_LEVEL = 5
REGISTERS = [r.value for r in E.Register]
GROUPS = [g.value for g in E.ServiceGroup]

LEVEL_COLUMNS = [
    "commune",
    "year",
    "service",
    "service_name",
    "group",
    "register",
    "register_position",
    "level",
]
SYNTHESIS_COLUMNS = [
    "commune",
    "year",
    "group",
    "total",
    "maximum",
    "origin",
    "n_services",
    "computed_total",
    "computed_maximum",
    "reported_total",
    "reported_maximum",
    "disagrees",
    "percent",
    "previous_year",
    "change",
    "percent_change",
]
INTEGER_COLUMNS = frozenset(
    {
        "total",
        "maximum",
        "computed_total",
        "computed_maximum",
        "reported_total",
        "reported_maximum",
        "n_services",
        "previous_year",
        "change",
    }
)


def matrix_levels(
    session: Session,
    *,
    commune: str | None = None,
    years: Sequence[int] = (),
    services: Sequence[str] = (),
) -> pd.DataFrame:
    statement = (
        select(
            M.Commune.slug,
            M.MatrixLevel.year,
            M.Service.code,
            M.Service.name,
            M.Service.group,
            M.MatrixLevel.register,
            M.Register.position,
            M.MatrixLevel.level,
        )
        .join(M.Commune, M.Commune.id == M.MatrixLevel.commune_id)
        .join(M.Service, M.Service.id == M.MatrixLevel.service_id)
        .join(M.Register, M.Register.code == M.MatrixLevel.register)
        .order_by(
            M.Commune.slug, M.MatrixLevel.year, M.Service.group.desc(), M.Service.id, M.Register.position
        )
    )
    if commune:
        statement = statement.where(M.Commune.slug == commune)
    if years:
        statement = statement.where(M.MatrixLevel.year.in_(list(years)))
    if services:
        statement = statement.where(M.Service.code.in_(list(services)))
    return frame(session, statement, LEVEL_COLUMNS)


def service_totals(levels: pd.DataFrame) -> pd.DataFrame:
    """Per service and year: the sum of its five levels, out of 25."""
    columns = ["commune", "year", "service", "service_name", "group", "total", "maximum"]
    if levels.empty:
        return pd.DataFrame(columns=columns)
    out = (
        levels.groupby(["commune", "year", "service", "service_name", "group"], sort=False)["level"]
        .agg(total="sum", registers="count")
        .reset_index()
    )
    out["maximum"] = out["registers"] * MAX_LEVEL
    return out[columns]


def register_totals(levels: pd.DataFrame) -> pd.DataFrame:
    """Per group, year and register: the sum over the group's services, out of 5 × services."""
    columns = ["commune", "year", "group", "register", "register_position", "total", "maximum"]
    if levels.empty:
        return pd.DataFrame(columns=columns)
    out = (
        levels.groupby(["commune", "year", "group", "register", "register_position"], sort=False)["level"]
        .agg(total="sum", services="count")
        .reset_index()
    )
    out["maximum"] = out["services"] * MAX_LEVEL
    return out.sort_values(["commune", "year", "group", "register_position"])[columns].reset_index(drop=True)


def _computed_totals(
    session: Session, commune: str | None
) -> dict[tuple[str, int, str], tuple[int, int, int]]:
    """(commune, year, group) -> (sum of levels, 5 × levels filled in, services): summed by the database."""
    statement = (
        select(
            M.Commune.slug,
            M.MatrixLevel.year,
            M.Service.group,
            func.sum(M.MatrixLevel.level),
            func.count(M.MatrixLevel.level),
            func.count(distinct(M.MatrixLevel.service_id)),
        )
        .join(M.Commune, M.Commune.id == M.MatrixLevel.commune_id)
        .join(M.Service, M.Service.id == M.MatrixLevel.service_id)
        .group_by(M.Commune.slug, M.MatrixLevel.year, M.Service.group)
    )
    if commune:
        statement = statement.where(M.Commune.slug == commune)
    return {
        (slug, year, E.ServiceGroup(group).value): (int(total or 0), MAX_LEVEL * int(filled), int(services))
        for slug, year, group, total, filled, services in session.execute(statement)
    }


def _reported_totals(session: Session, commune: str | None) -> dict[tuple[str, int, str], tuple[int, int]]:
    statement = select(
        M.Commune.slug,
        M.SynthesisReported.year,
        M.SynthesisReported.group,
        M.SynthesisReported.total,
        M.SynthesisReported.maximum,
    ).join(M.Commune)
    if commune:
        statement = statement.where(M.Commune.slug == commune)
    return {
        (slug, year, E.ServiceGroup(group).value): (total, maximum)
        for slug, year, group, total, maximum in session.execute(statement)
    }


def synthesis(
    session: Session,
    *,
    commune: str | None = None,
    years: Sequence[int] = (),
) -> pd.DataFrame:
    """One row per commune, year and group with the total used, its origin and the year-over-year change.

    `origin` is 'computed' when the year has matrix detail, else 'reported'.
    `change` compares with the previous year that has a total for that group.
    The sums run in the database and the rest over a few rows per commune in plain Python: the
    same steps in pandas cost ~15 ms per call, on every synthesis view.
    """
    computed = _computed_totals(session, commune)
    reported = _reported_totals(session, commune)
    if not computed and not reported:
        return pd.DataFrame(columns=SYNTHESIS_COLUMNS)
    rows: list[dict] = []
    previous: dict[tuple[str, str], dict] = {}
    for key in sorted(computed.keys() | reported.keys(), key=lambda k: (k[0], k[2], k[1])):
        slug, year, group = key
        c_total, c_maximum, n_services = computed.get(key, (None, None, None))
        r_total, r_maximum = reported.get(key, (None, None))
        has_detail = c_total is not None
        total, maximum = (c_total, c_maximum) if has_detail else (r_total, r_maximum)
        percent = 100.0 * total / maximum if maximum else math.nan
        before = previous.get((slug, group))
        row = {
            "commune": slug,
            "year": year,
            "group": group,
            "total": total,
            "maximum": maximum,
            "origin": "computed" if has_detail else "reported",
            "n_services": n_services,
            "computed_total": c_total,
            "computed_maximum": c_maximum,
            "reported_total": r_total,
            "reported_maximum": r_maximum,
            "disagrees": has_detail
            and r_total is not None
            and (c_total != r_total or c_maximum != r_maximum),
            "percent": percent,
            "previous_year": before["year"] if before else None,
            "change": total - before["total"] if before else None,
            "percent_change": percent - before["percent"] if before else math.nan,
        }
        previous[(slug, group)] = row
        if not years or year in years:
            rows.append(row)
    order = {g: i for i, g in enumerate(GROUPS)}
    rows.sort(key=lambda r: (r["commune"], r["year"], order.get(r["group"], len(order))))
    return pd.DataFrame(
        {
            column: pd.array([r[column] for r in rows], dtype="Int64")
            if column in INTEGER_COLUMNS
            else [r[column] for r in rows]
            for column in SYNTHESIS_COLUMNS
        },
        columns=SYNTHESIS_COLUMNS,
    ).astype({"year": "int64", "disagrees": bool, "percent": float, "percent_change": float})


def registers(session: Session) -> pd.DataFrame:
    """The five registers in template order, with their official definitions."""
    statement = select(M.Register.code, M.Register.position, M.Register.name, M.Register.definition).order_by(
        M.Register.position
    )
    return frame(session, statement, ["code", "position", "name", "definition"])


def levels(session: Session) -> pd.DataFrame:
    """Levels 0..5 with their official names and definitions."""
    statement = select(M.Level.level, M.Level.name, M.Level.definition).order_by(M.Level.level)
    return frame(session, statement, ["level", "name", "definition"])


def detail_years(session: Session, *, commune: str) -> list[int]:
    """Years with at least one cooperation matrix, newest first."""
    statement = (
        select(M.MatrixLevel.year)
        .join(M.Commune)
        .where(M.Commune.slug == commune)
        .distinct()
        .order_by(M.MatrixLevel.year.desc())
    )
    return list(session.scalars(statement))
