"""The strategic plan (PST): objectives tree, actions with their indicators, budget annex."""

from __future__ import annotations

import datetime as dt

import pandas as pd
from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from dashboard.db import models as M
from dashboard.queries._frame import frame

ACTION_COLUMNS = [
    "commune",
    "os",
    "os_title",
    "op",
    "op_title",
    "code",
    "reference",
    "title",
    "start_date",
    "end_date",
    "end_note",
    "status",
    "budget_impact",
    "budget_note",
    "indicators",
    "context",
    "description",
    "risks",
    "source",
    "section",
]


def plans(session: Session, *, commune: str | None = None) -> pd.DataFrame:
    statement = select(M.Commune.slug, M.Pst.body, M.Pst.title, M.Pst.start_year, M.Pst.end_year).join(
        M.Commune
    )
    if commune:
        statement = statement.where(M.Commune.slug == commune)
    return frame(session, statement, ["commune", "body", "title", "start_year", "end_year"])


def objectives(session: Session, *, commune: str | None = None) -> pd.DataFrame:
    parent = aliased(M.PstObjective)
    statement = (
        select(M.Commune.slug, M.PstObjective.level, M.PstObjective.code, parent.code, M.PstObjective.title)
        .join(M.Pst, M.Pst.id == M.PstObjective.pst_id)
        .join(M.Commune, M.Commune.id == M.Pst.commune_id)
        .outerjoin(parent, parent.id == M.PstObjective.parent_id)
        .order_by(M.Commune.slug, M.PstObjective.position)
    )
    if commune:
        statement = statement.where(M.Commune.slug == commune)
    return frame(session, statement, ["commune", "level", "code", "parent", "title"])


def actions(session: Session, *, commune: str | None = None) -> pd.DataFrame:
    """Actions with their OS/OP and their indicators joined by newlines."""
    op = aliased(M.PstObjective)
    os_ = aliased(M.PstObjective)
    statement = (
        select(
            M.Commune.slug,
            os_.code,
            os_.title,
            op.code,
            op.title,
            M.PstAction.code,
            M.PstAction.reference,
            M.PstAction.title,
            M.PstAction.start_date,
            M.PstAction.end_date,
            M.PstAction.end_note,
            M.PstAction.status,
            M.PstAction.budget_impact,
            M.PstAction.budget_note,
            M.PstAction.id,
            M.PstAction.context,
            M.PstAction.description,
            M.PstAction.risks,
            M.PstAction.source_id,
            M.PstAction.section,
        )
        .join(M.Pst, M.Pst.id == M.PstAction.pst_id)
        .join(M.Commune, M.Commune.id == M.Pst.commune_id)
        .join(op, op.id == M.PstAction.objective_id)
        .join(os_, os_.id == op.parent_id)
        .order_by(M.Commune.slug, M.PstAction.position)
    )
    if commune:
        statement = statement.where(M.Commune.slug == commune)
    df = frame(session, statement, ACTION_COLUMNS)
    ids = df["indicators"].tolist()
    texts: dict[int, list[str]] = {}
    if ids:
        for action_id, text in session.execute(
            select(M.PstIndicator.action_id, M.PstIndicator.text)
            .where(M.PstIndicator.action_id.in_(ids))
            .order_by(M.PstIndicator.action_id, M.PstIndicator.position)
        ):
            texts.setdefault(action_id, []).append(text)
    df["indicators"] = ["\n".join(texts.get(i, [])) for i in ids]
    return df


def overdue(df: pd.DataFrame, today: dt.date) -> pd.Series:
    """Actions whose end date is past and that are not finished or cancelled."""
    open_status = ~df["status"].isin(["termine", "annule"])
    ended = df["end_date"].map(lambda d: d is not None and not pd.isna(d) and d < today)
    return open_status & ended


def budget(session: Session, *, commune: str | None = None) -> pd.DataFrame:
    statement = (
        select(
            M.Commune.slug,
            M.PstBudgetLine.year,
            M.PstBudgetLine.budget_section,
            M.PstBudgetLine.kind,
            M.PstBudgetLine.eco_group,
            M.PstBudgetLine.label,
            M.PstBudgetLine.amount,
        )
        .join(M.Pst, M.Pst.id == M.PstBudgetLine.pst_id)
        .join(M.Commune, M.Commune.id == M.Pst.commune_id)
        .order_by(M.Commune.slug, M.PstBudgetLine.id)
    )
    if commune:
        statement = statement.where(M.Commune.slug == commune)
    return frame(
        session, statement, ["commune", "year", "budget_section", "kind", "eco_group", "label", "amount"]
    )


def budget_by_year(lines: pd.DataFrame) -> pd.DataFrame:
    """Revenues, expenses and net cost per year (an empty cell counts as nothing known, shown as 0 here)."""
    columns = ["commune", "year", "revenues", "expenses", "net_cost"]
    if lines.empty:
        return pd.DataFrame(columns=columns)
    sums = lines.pivot_table(
        index=["commune", "year"], columns="kind", values="amount", aggfunc="sum", fill_value=0.0
    )
    sums = sums.reindex(columns=["recette", "depense"], fill_value=0.0).reset_index()
    sums.columns.name = None
    sums = sums.rename(columns={"recette": "revenues", "depense": "expenses"})
    sums["net_cost"] = sums["expenses"] - sums["revenues"]
    return sums[columns]


BUDGET_TOTAL_COLUMNS = [
    "commune",
    "year",
    "revenues",
    "expenses",
    "net_cost",
    "revenues_unknown",
    "expenses_unknown",
    "partial",
]


def budget_totals(lines: pd.DataFrame) -> pd.DataFrame:
    """Revenues, expenses and net cost per year, keeping unknown amounts unknown.

    `budget_by_year` fills empty cells with 0, so a year whose revenues were never stated
    would show a revenue of 0 and its whole expense as net cost. Here a total is the sum of
    the amounts the source states; it is missing (NaN) when the year has no stated amount of
    that kind, and `*_unknown` counts the empty cells left out of it (`partial` when any).
    The net cost is missing when either side is. The document's own totals add the stated
    amounts the same way, so complete and partial years both match the printed figures.
    """
    if lines.empty:
        return pd.DataFrame(columns=BUDGET_TOTAL_COLUMNS)
    rows = []
    for (commune, year), group in lines.groupby(["commune", "year"], sort=True):
        row: dict[str, object] = {"commune": commune, "year": int(year)}
        for kind, name in (("recette", "revenues"), ("depense", "expenses")):
            amounts = group.loc[group["kind"] == kind, "amount"].astype(float)
            known = amounts.dropna()
            row[name] = float(known.sum()) if not known.empty else float("nan")
            row[f"{name}_unknown"] = int(amounts.isna().sum())
        rows.append(row)
    totals = pd.DataFrame.from_records(rows)
    totals["net_cost"] = totals["expenses"] - totals["revenues"]  # NaN when either side is unknown
    totals["partial"] = (totals["revenues_unknown"] + totals["expenses_unknown"]) > 0
    return totals[BUDGET_TOTAL_COLUMNS]


def plan_net_cost(totals: pd.DataFrame) -> float:
    """Net cost over the whole plan: the sum of the yearly net costs, NaN if any year's is unknown."""
    if totals.empty or totals["net_cost"].isna().any():
        return float("nan")
    return float(totals["net_cost"].sum())


BUDGET_MATRIX_INDEX = ["budget_section", "kind", "eco_group", "label"]


def budget_matrix(lines: pd.DataFrame) -> pd.DataFrame:
    """The annex as printed: one row per (section, kind, economic group), one column per year.

    Rows keep the order of the source; a cell is NaN where the source left it empty (unknown).
    """
    if lines.empty:
        return pd.DataFrame(columns=BUDGET_MATRIX_INDEX)
    order = lines[BUDGET_MATRIX_INDEX].drop_duplicates()
    years = sorted(int(y) for y in lines["year"].unique())
    wide = lines.pivot_table(
        index=BUDGET_MATRIX_INDEX, columns="year", values="amount", aggfunc="first", dropna=False
    )
    wide = wide.reindex(columns=years)
    wide.columns = [int(c) for c in wide.columns]
    wide.columns.name = None
    return order.merge(wide.reset_index(), on=BUDGET_MATRIX_INDEX, how="left").reset_index(drop=True)


def action_budget(session: Session, *, commune: str, action: str) -> pd.DataFrame:
    """The per-action budget detail of annex 2 for one action (by its code, e.g. `A1`)."""
    statement = (
        select(
            M.PstActionBudget.year,
            M.PstActionBudget.budget_section,
            M.PstActionBudget.kind,
            M.PstActionBudget.eco_group,
            M.PstActionBudget.amount,
        )
        .join(M.PstAction, M.PstAction.id == M.PstActionBudget.action_id)
        .join(M.Pst, M.Pst.id == M.PstAction.pst_id)
        .join(M.Commune, M.Commune.id == M.Pst.commune_id)
        .where(M.Commune.slug == commune, M.PstAction.code == action)
        .order_by(M.PstActionBudget.year, M.PstActionBudget.id)
    )
    return frame(session, statement, ["year", "budget_section", "kind", "eco_group", "amount"])


def source_languages(session: Session) -> dict[str, str]:
    """Language of each source document (PST texts are shown in the language they were written in)."""
    return {
        source_id: getattr(language, "value", language)
        for source_id, language in session.execute(select(M.Source.id, M.Source.language))
    }
