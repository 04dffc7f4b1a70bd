"""Brussels views: staffing real vs theoretical, the software cost comparison, WePulse positions."""

from __future__ import annotations

import pandas as pd
from sqlalchemy import select
from sqlalchemy.orm import Session

from dashboard.db import enums as E
from dashboard.db import models as M
from dashboard.queries._frame import frame

ROUNDING_TOLERANCE = 1.0  # euro per printed cell, see cost_comparison


def staffing(session: Session, *, commune: str | None = None) -> pd.DataFrame:
    statement = (
        select(
            M.Commune.slug,
            M.Staffing.date,
            M.Staffing.body,
            M.Staffing.service,
            M.Staffing.real_fte,
            M.Staffing.theoretical_fte,
            M.Staffing.source_id,
            M.Staffing.section,
        )
        .join(M.Commune)
        .order_by(M.Commune.slug, M.Staffing.date, M.Staffing.position)
    )
    if commune:
        statement = statement.where(M.Commune.slug == commune)
    df = frame(
        session,
        statement,
        ["commune", "date", "body", "service", "real_fte", "theoretical_fte", "source", "section"],
    )
    df.insert(6, "gap_fte", df["real_fte"] - df["theoretical_fte"])
    return df


def cost_lines(session: Session, *, commune: str | None = None) -> pd.DataFrame:
    """Every printed cell of the cost comparison (detail lines and printed totals)."""
    statement = (
        select(
            M.Commune.slug,
            M.CostComparison.option,
            M.CostComparison.line,
            M.CostComparison.year,
            M.CostComparison.amount,
        )
        .join(M.Commune)
        .order_by(M.Commune.slug, M.CostComparison.id)
    )
    if commune:
        statement = statement.where(M.Commune.slug == commune)
    return frame(session, statement, ["commune", "option", "line", "year", "amount"])


def cost_comparison(session: Session, *, commune: str | None = None) -> pd.DataFrame:
    """Per option and year: the yearly and cumulative totals, with the sums recomputed from the detail.

    The printed totals are kept as the figures to show: the source spreadsheet
    rounded each cell to the euro after summing cents, so its totals can differ
    by €1 from a sum of the rounded detail (EOS: 2 230 787 printed, 2 230 786
    summed). `disagrees` flags a difference larger than that rounding.
    """
    columns = [
        "commune",
        "option",
        "year",
        "total",
        "cumulative",
        "computed_total",
        "computed_cumulative",
        "disagrees",
    ]
    lines = cost_lines(session, commune=commune)
    if lines.empty:
        return pd.DataFrame(columns=columns)
    detail_codes = [line.value for line in E.COST_DETAIL_LINES]
    detail = lines[lines["line"].isin(detail_codes)]
    out = (
        detail.groupby(["commune", "option", "year"], sort=False)["amount"]
        .sum()
        .reset_index(name="computed_total")
    )
    out = out.sort_values(["commune", "option", "year"], kind="stable")
    out["computed_cumulative"] = out.groupby(["commune", "option"], sort=False)["computed_total"].cumsum()
    printed = lines[lines["line"].isin(["total", "total_cumule"])].pivot_table(
        index=["commune", "option", "year"], columns="line", values="amount", aggfunc="sum"
    )
    printed = printed.reindex(columns=["total", "total_cumule"]).reset_index()
    printed.columns.name = None
    printed = printed.rename(columns={"total_cumule": "cumulative"})
    out = out.merge(printed, on=["commune", "option", "year"], how="left")
    out["total"] = out["total"].fillna(out["computed_total"])
    out["cumulative"] = out["cumulative"].fillna(out["computed_cumulative"])
    out["disagrees"] = ((out["total"] - out["computed_total"]).abs() > ROUNDING_TOLERANCE) | (
        (out["cumulative"] - out["computed_cumulative"]).abs()
        > ROUNDING_TOLERANCE * out.groupby(["commune", "option"], sort=False).cumcount().add(1)
    )
    return out[columns].reset_index(drop=True)


def cumulative_saving(costs: pd.DataFrame, expensive: str, cheaper: str) -> pd.DataFrame:
    """Year by year, how much the cheaper option has saved in total so far."""
    wide = costs.pivot_table(index="year", columns="option", values="cumulative")
    out = pd.DataFrame({"year": wide.index, "saving": wide[expensive] - wide[cheaper]})
    return out.reset_index(drop=True)


def wepulse(session: Session, *, commune: str | None = None) -> pd.DataFrame:
    statement = (
        select(
            M.Commune.slug,
            M.WePulseStance.date,
            M.WePulseStance.body,
            M.WePulseStance.domain,
            M.WePulseStance.position,
            M.WePulseStance.note,
            M.WePulseStance.source_id,
            M.WePulseStance.section,
        )
        .join(M.Commune)
        .order_by(M.Commune.slug, M.WePulseStance.date, M.WePulseStance.body, M.WePulseStance.id)
    )
    if commune:
        statement = statement.where(M.Commune.slug == commune)
    return frame(
        session, statement, ["commune", "date", "body", "domain", "position", "note", "source", "section"]
    )


def latest_staffing(staffing: pd.DataFrame) -> pd.DataFrame:
    """The rows of the most recent staffing count (one table in the source = one date)."""
    if staffing.empty:
        return staffing
    return staffing[staffing["date"] == staffing["date"].max()].reset_index(drop=True)


def staffing_totals(staffing: pd.DataFrame) -> pd.DataFrame:
    """Per body: real and theoretical FTE summed over its services, and the gap (real − theoretical).

    Sums are rounded to the hundredth: the source gives FTE to one decimal and float sums
    would otherwise show 34.800000000000004.
    """
    columns = ["body", "real_fte", "theoretical_fte", "gap_fte"]
    if staffing.empty:
        return pd.DataFrame(columns=columns)
    out = staffing.groupby("body", sort=False)[["real_fte", "theoretical_fte"]].sum().reset_index()
    out["gap_fte"] = out["real_fte"] - out["theoretical_fte"]
    out[columns[1:]] = out[columns[1:]].round(2)
    return out[columns]


def options_by_cost(costs: pd.DataFrame) -> list[str]:
    """The options of a cost comparison, the most expensive over the whole period first (printed cumulative)."""
    if costs.empty:
        return []
    last = costs.sort_values("year").groupby("option", sort=False)["cumulative"].last()
    return last.sort_values(ascending=False, kind="stable").index.tolist()


def period_totals(costs: pd.DataFrame) -> pd.DataFrame:
    """Per option, the total over the whole period: as printed (last cumulative) and summed from the years.

    The two differ by €1 for EOS in the Molenbeek report (rounding in the source spreadsheet);
    the printed figure is the one to show, the sum lets the page say so.
    """
    columns = ["option", "first_year", "last_year", "years", "printed", "computed"]
    if costs.empty:
        return pd.DataFrame(columns=columns)
    ordered = costs.sort_values("year", kind="stable").groupby("option", sort=False)
    out = pd.DataFrame(
        {
            "first_year": ordered["year"].min(),
            "last_year": ordered["year"].max(),
            "years": ordered["year"].nunique(),
            "printed": ordered["cumulative"].last(),
            "computed": ordered["computed_total"].sum(),
        }
    ).reset_index()
    return out[columns]
