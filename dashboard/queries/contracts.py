"""Public-contract counts (with partial counts marked), joint contracts and the pipeline of candidates."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence

import pandas as pd
from sqlalchemy import select
from sqlalchemy.orm import Session

from dashboard.db import models as M
from dashboard.queries._frame import frame

COUNT_COLUMNS = ["commune", "year", "body", "count", "counted_until", "partial", "note", "source", "section"]
CONTRACT_COLUMNS = [
    "commune",
    "stage",
    "report_year",
    "title",
    "type",
    "procedure",
    "procedure_name",
    "estimated_amount",
    "planned_award_date",
    "source",
    "section",
]


def is_partial(year: int, counted_until: dt.date | None) -> bool:
    """A count taken before the 31 December of its year is partial."""
    return counted_until is not None and counted_until < dt.date(year, 12, 31)


def contract_counts(
    session: Session, *, commune: str | None = None, years: Sequence[int] = ()
) -> pd.DataFrame:
    statement = (
        select(
            M.Commune.slug,
            M.ContractCount.year,
            M.ContractCount.body,
            M.ContractCount.count,
            M.ContractCount.counted_until,
            M.ContractCount.note,
            M.ContractCount.source_id,
            M.ContractCount.section,
        )
        .join(M.Commune)
        .order_by(M.Commune.slug, M.ContractCount.year, M.ContractCount.body)
    )
    if commune:
        statement = statement.where(M.Commune.slug == commune)
    if years:
        statement = statement.where(M.ContractCount.year.in_(list(years)))
    df = frame(session, statement, [c for c in COUNT_COLUMNS if c != "partial"])
    df.insert(5, "partial", [is_partial(y, d) for y, d in zip(df["year"], df["counted_until"], strict=True)])
    return df


def contract_summary(counts: pd.DataFrame) -> pd.DataFrame:
    """Per commune and year: counts by body, the total, the joint share, and whether any count is partial."""
    columns = ["commune", "year", "cpas", "commune_count", "conjoint", "total", "joint_share", "partial"]
    if counts.empty:
        return pd.DataFrame(columns=columns)
    wide = counts.pivot_table(index=["commune", "year"], columns="body", values="count", aggfunc="sum")
    wide = wide.reindex(columns=["cpas", "commune", "conjoint"]).rename(columns={"commune": "commune_count"})
    wide = wide.reset_index()
    wide.columns.name = None
    wide["total"] = wide[["cpas", "commune_count", "conjoint"]].sum(axis=1, min_count=1)
    wide["joint_share"] = 100.0 * wide["conjoint"] / wide["total"]
    partial = counts.groupby(["commune", "year"])["partial"].any().reset_index()
    wide = wide.merge(partial, on=["commune", "year"])
    for column in ("cpas", "commune_count", "conjoint", "total"):
        wide[column] = wide[column].astype("Int64")
    return wide[columns]


def contracts(
    session: Session,
    *,
    commune: str | None = None,
    stage: str | None = None,
    types: Sequence[str] = (),
    years: Sequence[int] = (),
) -> pd.DataFrame:
    statement = (
        select(
            M.Commune.slug,
            M.Contract.stage,
            M.Contract.report_year,
            M.Contract.title,
            M.Contract.type,
            M.Contract.procedure,
            M.Procedure.name,
            M.Contract.estimated_amount,
            M.Contract.planned_award_date,
            M.Contract.source_id,
            M.Contract.section,
        )
        .join(M.Commune)
        .join(M.Procedure)
        .order_by(M.Commune.slug, M.Contract.stage, M.Contract.position)
    )
    if commune:
        statement = statement.where(M.Commune.slug == commune)
    if stage:
        statement = statement.where(M.Contract.stage == stage)
    if types:
        statement = statement.where(M.Contract.type.in_(list(types)))
    if years:
        statement = statement.where(M.Contract.report_year.in_(list(years)))
    return frame(session, statement, CONTRACT_COLUMNS)


def procedures(session: Session) -> pd.DataFrame:
    return frame(
        session,
        select(M.Procedure.code, M.Procedure.abbreviation, M.Procedure.name),
        ["code", "abbreviation", "name"],
    )


BODIES = ("cpas", "commune", "conjoint")


def year_over_year(counts: pd.DataFrame, *, include_partial: bool = False) -> pd.DataFrame:
    """Per body and year: the change from the previous year, in count and in percent.

    A partial count (taken before the year's end) would read as a drop; unless
    `include_partial`, such a change is left empty and `excluded` says why.
    """
    columns = [
        "commune",
        "year",
        "body",
        "count",
        "previous",
        "change",
        "percent_change",
        "partial",
        "excluded",
    ]
    if counts.empty:
        return pd.DataFrame(columns=columns)
    order = {body: i for i, body in enumerate(BODIES)}
    # a few rows per commune: plain Python, where the same steps in pandas cost ~10 ms per view
    records = sorted(
        counts[["commune", "year", "body", "count", "partial"]].to_dict("records"),
        key=lambda r: (r["commune"], order.get(r["body"], len(order)), r["year"]),
    )
    rows = []
    before: dict | None = None
    for record in records:
        same_series = before is not None and (before["commune"], before["body"]) == (
            record["commune"],
            record["body"],
        )
        previous = before["count"] if same_series else None
        previous = None if previous is None or pd.isna(previous) else previous
        partial = bool(record["partial"])
        excluded = (
            (partial or (same_series and bool(before["partial"])))
            and previous is not None
            and not include_partial
        )
        count = record["count"]
        change = None if excluded or previous is None or pd.isna(count) else count - previous
        rows.append(
            {
                **record,
                "partial": partial,
                "previous": previous,
                "change": change,
                "percent_change": 100.0 * change / previous
                if change is not None and previous > 0
                else math.nan,
                "excluded": excluded,
            }
        )
        before = record
    rows.sort(key=lambda r: (r["commune"], r["year"], order.get(r["body"], len(order))))
    out = pd.DataFrame(rows, columns=columns)
    out["previous"] = pd.array(out["previous"].tolist(), dtype="Int64")
    out["change"] = pd.array(out["change"].tolist(), dtype="Int64")
    return out.astype({"excluded": bool, "percent_change": float})


def contract_totals(df: pd.DataFrame, by: str) -> pd.DataFrame:
    """Number of contracts and sum of known estimated amounts per `by` (type or procedure).

    `unknown` counts the contracts whose amount is not known: the sum covers only the others.
    """
    columns = [by, "count", "amount", "unknown"]
    if df.empty:
        return pd.DataFrame(columns=columns)
    amounts = pd.to_numeric(df["estimated_amount"], errors="coerce")
    out = (
        df.assign(_amount=amounts, _unknown=amounts.isna())
        .groupby(by, sort=False)
        .agg(
            count=("title", "size"),
            amount=("_amount", lambda s: s.sum(min_count=1)),
            unknown=("_unknown", "sum"),
        )
        .reset_index()
        .sort_values("count", ascending=False, kind="stable")
    )
    out["unknown"] = out["unknown"].astype(int)
    return out[columns].reset_index(drop=True)
