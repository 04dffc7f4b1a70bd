"""Cooperation-matrix levels and the synthesis grid derived from them, computed here once.

Vocabulary: a service-year has five register levels (0..5), so a service scores
/25; a group (support services, other services) scores the sum of its services
out of 25 × the number of services with a matrix that year. Years known only
from a printed total use that reported total; where both exist the computed
one is used and a disagreement is flagged.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
from sqlalchemy import select
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


def reported_totals(session: Session, *, commune: str | None = None) -> pd.DataFrame:
    statement = (
        select(
            M.Commune.slug,
            M.SynthesisReported.year,
            M.SynthesisReported.group,
            M.SynthesisReported.total,
            M.SynthesisReported.maximum,
        )
        .join(M.Commune)
        .order_by(M.Commune.slug, M.SynthesisReported.year)
    )
    if commune:
        statement = statement.where(M.Commune.slug == commune)
    return frame(session, statement, ["commune", "year", "group", "reported_total", "reported_maximum"])


def synthesis(
    session: Session,
    *,
    commune: str | None = None,
    years: Sequence[int] = (),
) -> pd.DataFrame:
    """One row per commune, year and group with the total used, its origin and the year-over-year change.

    `origin` is 'computed' when the year has matrix detail, else 'reported'.
    `change` compares with the previous year that has a total for that group.
    """
    levels = matrix_levels(session, commune=commune)
    computed = service_totals(levels)
    if not computed.empty:
        computed = (
            computed.groupby(["commune", "year", "group"])
            .agg(
                computed_total=("total", "sum"),
                computed_maximum=("maximum", "sum"),
                n_services=("service", "nunique"),
            )
            .reset_index()
        )
    else:
        computed = pd.DataFrame(
            columns=["commune", "year", "group", "computed_total", "computed_maximum", "n_services"]
        )
    reported = reported_totals(session, commune=commune)
    merged = computed.merge(reported, on=["commune", "year", "group"], how="outer")
    if merged.empty:
        return pd.DataFrame(columns=SYNTHESIS_COLUMNS)
    has_detail = merged["computed_total"].notna()
    merged["origin"] = has_detail.map({True: "computed", False: "reported"})
    merged["total"] = merged["computed_total"].where(has_detail, merged["reported_total"])
    merged["maximum"] = merged["computed_maximum"].where(has_detail, merged["reported_maximum"])
    both = has_detail & merged["reported_total"].notna()
    merged["disagrees"] = both & (
        (merged["computed_total"] != merged["reported_total"])
        | (merged["computed_maximum"] != merged["reported_maximum"])
    )
    merged["percent"] = 100.0 * merged["total"] / merged["maximum"]
    merged = merged.sort_values(["commune", "group", "year"]).reset_index(drop=True)
    by_series = merged.groupby(["commune", "group"], sort=False)
    merged["previous_year"] = by_series["year"].shift(1)
    merged["change"] = merged["total"] - by_series["total"].shift(1)
    merged["percent_change"] = merged["percent"] - by_series["percent"].shift(1)
    for column in (
        "total",
        "maximum",
        "computed_total",
        "computed_maximum",
        "reported_total",
        "reported_maximum",
        "n_services",
        "previous_year",
        "change",
    ):
        merged[column] = merged[column].astype("Int64")
    merged["disagrees"] = merged["disagrees"].astype(bool)
    if years:
        merged = merged[merged["year"].isin(list(years))]
    order = {g: i for i, g in enumerate(GROUPS)}
    merged = merged.sort_values(
        ["commune", "year", "group"], key=lambda s: s.map(order) if s.name == "group" else s
    )
    return merged[SYNTHESIS_COLUMNS].reset_index(drop=True)


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
