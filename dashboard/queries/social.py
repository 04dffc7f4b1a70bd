"""Social indicators: integration income (RIS), placements, territorial indicators, key figures."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
from sqlalchemy import select
from sqlalchemy.orm import Session

from dashboard.db import models as M
from dashboard.queries._frame import frame
from dashboard.queries.contracts import is_partial

RIS_COLUMNS = ["commune", "year", "beneficiaries", "counted_until", "partial", "note", "source", "section"]
PLACEMENT_COLUMNS = [
    "commune",
    "year",
    "scheme",
    "employer_category",
    "employer_label",
    "count",
    "note",
    "counted_until",
    "source",
    "section",
]
INDICATOR_COLUMNS = [
    "commune",
    "code",
    "theme",
    "name",
    "unit",
    "reference_period",
    "reference_year",
    "territory_level",
    "territory_name",
    "value",
    "status",
    "source",
    "section",
]


def ris(session: Session, *, commune: str | None = None, years: Sequence[int] = ()) -> pd.DataFrame:
    """Yearly average beneficiaries; `partial` marks a year counted before its end (e.g. at 30/11)."""
    statement = (
        select(
            M.Commune.slug,
            M.RisYear.year,
            M.RisYear.beneficiaries,
            M.RisYear.counted_until,
            M.RisYear.note,
            M.RisYear.source_id,
            M.RisYear.section,
        )
        .join(M.Commune)
        .order_by(M.Commune.slug, M.RisYear.year)
    )
    if commune:
        statement = statement.where(M.Commune.slug == commune)
    if years:
        statement = statement.where(M.RisYear.year.in_(list(years)))
    df = frame(session, statement, [c for c in RIS_COLUMNS if c != "partial"])
    df.insert(4, "partial", [is_partial(y, d) for y, d in zip(df["year"], df["counted_until"], strict=True)])
    return df


def ris_growth(df: pd.DataFrame, base_year: int) -> pd.DataFrame:
    """Growth of each year against `base_year`, in percent (NaN where the base year is missing)."""
    out = df[["commune", "year", "beneficiaries", "partial"]].copy()
    base = out[out["year"] == base_year].set_index("commune")["beneficiaries"]
    out["growth"] = 100.0 * (out["beneficiaries"] / out["commune"].map(base) - 1.0)
    return out


def ris_households(session: Session, *, commune: str | None = None) -> pd.DataFrame:
    statement = (
        select(M.Commune.slug, M.RisHousehold.date, M.RisHousehold.household, M.RisHousehold.count)
        .join(M.Commune)
        .order_by(M.Commune.slug, M.RisHousehold.date, M.RisHousehold.id)
    )
    if commune:
        statement = statement.where(M.Commune.slug == commune)
    return frame(session, statement, ["commune", "date", "household", "count"])


def placements(
    session: Session,
    *,
    commune: str | None = None,
    years: Sequence[int] = (),
    schemes: Sequence[str] = (),
) -> pd.DataFrame:
    statement = (
        select(
            M.Commune.slug,
            M.Placement.year,
            M.Placement.scheme,
            M.Placement.employer_category,
            M.Placement.employer_label,
            M.Placement.count,
            M.Placement.note,
            M.Placement.counted_until,
            M.Placement.source_id,
            M.Placement.section,
        )
        .join(M.Commune)
        .order_by(M.Commune.slug, M.Placement.scheme, M.Placement.id)
    )
    if commune:
        statement = statement.where(M.Commune.slug == commune)
    if years:
        statement = statement.where(M.Placement.year.in_(list(years)))
    if schemes:
        statement = statement.where(M.Placement.scheme.in_(list(schemes)))
    return frame(session, statement, PLACEMENT_COLUMNS)


def placement_totals(session: Session, *, commune: str | None = None) -> pd.DataFrame:
    """Per year and scheme: the sum of the detail, the printed total, and whether they disagree."""
    detail = placements(session, commune=commune)
    columns = ["commune", "year", "scheme", "total", "reported_total", "disagrees"]
    statement = select(
        M.Commune.slug, M.PlacementTotal.year, M.PlacementTotal.scheme, M.PlacementTotal.total
    ).join(M.Commune)
    if commune:
        statement = statement.where(M.Commune.slug == commune)
    reported = frame(session, statement, ["commune", "year", "scheme", "reported_total"])
    if detail.empty and reported.empty:
        return pd.DataFrame(columns=columns)
    summed = detail.groupby(["commune", "year", "scheme"])["count"].sum().reset_index(name="total")
    out = summed.merge(reported, on=["commune", "year", "scheme"], how="outer")
    out["disagrees"] = (
        out["reported_total"].notna() & out["total"].notna() & (out["total"] != out["reported_total"])
    )
    for column in ("total", "reported_total"):
        out[column] = out[column].astype("Int64")
    return out.sort_values(["commune", "scheme", "year"])[columns].reset_index(drop=True)


def indicators(session: Session, *, commune: str | None = None, themes: Sequence[str] = ()) -> pd.DataFrame:
    """Long table: one row per indicator and territory; `value` is missing when not published."""
    statement = (
        select(
            M.Commune.slug,
            M.Indicator.code,
            M.Indicator.theme,
            M.Indicator.name,
            M.Indicator.unit,
            M.Indicator.reference_period,
            M.Indicator.reference_year,
            M.IndicatorValue.territory_level,
            M.IndicatorValue.territory_name,
            M.IndicatorValue.value,
            M.IndicatorValue.status,
            M.IndicatorValue.source_id,
            M.IndicatorValue.section,
        )
        .join(M.Commune, M.Commune.id == M.Indicator.commune_id)
        .join(M.IndicatorValue, M.IndicatorValue.indicator_id == M.Indicator.id)
        .order_by(M.Commune.slug, M.Indicator.id, M.IndicatorValue.id)
    )
    if commune:
        statement = statement.where(M.Commune.slug == commune)
    if themes:
        statement = statement.where(M.Indicator.theme.in_(list(themes)))
    return frame(session, statement, INDICATOR_COLUMNS)


def key_figures(
    session: Session, *, commune: str | None = None, sections: Sequence[str] = ()
) -> pd.DataFrame:
    statement = (
        select(
            M.Commune.slug,
            M.KeyFigure.section_code,
            M.KeyFigure.code,
            M.KeyFigure.label,
            M.KeyFigure.value,
            M.KeyFigure.unit,
            M.KeyFigure.period,
            M.KeyFigure.note,
            M.KeyFigure.source_id,
            M.KeyFigure.section,
        )
        .join(M.Commune)
        .order_by(M.Commune.slug, M.KeyFigure.position)
    )
    if commune:
        statement = statement.where(M.Commune.slug == commune)
    if sections:
        statement = statement.where(M.KeyFigure.section_code.in_(list(sections)))
    return frame(
        session,
        statement,
        ["commune", "section_code", "code", "label", "value", "unit", "period", "note", "source", "section"],
    )
