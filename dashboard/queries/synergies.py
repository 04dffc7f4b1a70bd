"""The register of synergies, filtered, one row per synergy."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
from sqlalchemy import select
from sqlalchemy.orm import Session

from dashboard.db import models as M
from dashboard.queries._frame import frame

SYNERGY_COLUMNS = [
    "commune",
    "ref",
    "report_year",
    "service",
    "service_name",
    "group",
    "status",
    "title",
    "objectives",
    "objective_text",
    "mode",
    "pilot",
    "responsible",
    "result",
    "means",
    "expected_result",
    "deadline",
    "deadline_from",
    "deadline_to",
    "started_year",
    "language",
    "source",
    "section",
]


def synergies(
    session: Session,
    *,
    commune: str | None = None,
    years: Sequence[int] = (),
    services: Sequence[str] = (),
    statuses: Sequence[str] = (),
    groups: Sequence[str] = (),
) -> pd.DataFrame:
    """Synergies with their service; `objectives` is a ';'-joined list of codes ('' when none).

    A synergy without a report year (the source does not say) is kept when no
    year is asked for and dropped when one is: it cannot be placed in a year.
    """
    statement = (
        select(
            M.Commune.slug,
            M.Synergy.ref,
            M.Synergy.report_year,
            M.Service.code,
            M.Service.name,
            M.Service.group,
            M.Synergy.status,
            M.Synergy.title,
            M.Synergy.id,
            M.Synergy.objective_text,
            M.Synergy.mode,
            M.Synergy.pilot,
            M.Synergy.responsible,
            M.Synergy.result,
            M.Synergy.means,
            M.Synergy.expected_result,
            M.Synergy.deadline,
            M.Synergy.deadline_from,
            M.Synergy.deadline_to,
            M.Synergy.started_year,
            M.Synergy.language,
            M.Synergy.source_id,
            M.Synergy.section,
        )
        .join(M.Commune, M.Commune.id == M.Synergy.commune_id)
        .join(M.Service, M.Service.id == M.Synergy.service_id)
        .order_by(M.Commune.slug, M.Service.group.desc(), M.Service.id, M.Synergy.id)
    )
    if commune:
        statement = statement.where(M.Commune.slug == commune)
    if years:
        statement = statement.where(M.Synergy.report_year.in_(list(years)))
    if services:
        statement = statement.where(M.Service.code.in_(list(services)))
    if statuses:
        statement = statement.where(M.Synergy.status.in_(list(statuses)))
    if groups:
        statement = statement.where(M.Service.group.in_(list(groups)))
    df = frame(session, statement, [*SYNERGY_COLUMNS[:8], "id", *SYNERGY_COLUMNS[9:]])
    objectives = _objectives_by_synergy(session, df["id"].tolist())
    df["objectives"] = [objectives.get(i, "") for i in df["id"]]
    return df[SYNERGY_COLUMNS]


def _objectives_by_synergy(session: Session, ids: list[int]) -> dict[int, str]:
    if not ids:
        return {}
    rows = session.execute(
        select(M.SynergyObjective.synergy_id, M.SynergyObjective.objective)
        .where(M.SynergyObjective.synergy_id.in_(ids))
        .order_by(M.SynergyObjective.synergy_id, M.SynergyObjective.position)
    )
    joined: dict[int, list[str]] = {}
    for synergy_id, objective in rows:
        joined.setdefault(synergy_id, []).append(objective.value)
    return {k: ";".join(v) for k, v in joined.items()}


def status_counts(df: pd.DataFrame) -> dict[str, int]:
    """Number of synergies per status code, every status present (0 when none)."""
    counts = df["status"].value_counts().to_dict() if not df.empty else {}
    return {status: int(counts.get(status, 0)) for status in ("realisee", "en_cours", "projetee")}


def filter_synergies(
    df: pd.DataFrame,
    *,
    services: Sequence[str] = (),
    statuses: Sequence[str] = (),
    groups: Sequence[str] = (),
    pilots: Sequence[str] = (),
    modes: Sequence[str] = (),
    objectives: Sequence[str] = (),
    text: str = "",
) -> pd.DataFrame:
    """The register `df` (as synergies() returns it) narrowed by the page's filters, in memory.

    services, statuses and groups keep the rows synergies(services=, statuses=, groups=) would
    read, so a page that needs the unfiltered count as well reads the register once. Free text matches, case- and accent-insensitively, the title, objective, responsible,
    result, means and expected result. An objective filter keeps synergies citing at
    least one of the chosen objectives ('none' keeps those without a stated objective).
    """
    out = df
    if services:
        out = out[out["service"].isin(list(services))]
    if statuses:
        out = out[out["status"].isin(list(statuses))]
    if groups:
        out = out[out["group"].isin(list(groups))]
    if pilots:
        out = out[out["pilot"].isin(list(pilots)) | (("none" in pilots) & out["pilot"].isna())]
    if modes:
        out = out[out["mode"].isin(list(modes)) | (("none" in modes) & out["mode"].isna())]
    if objectives:
        wanted = set(objectives)
        out = out[
            out["objectives"].map(
                lambda codes: (
                    bool(wanted & set(filter(None, codes.split(";")))) or ("none" in wanted and not codes)
                )
            )
        ]
    needle = fold(text.strip())
    if needle:
        haystack = out[["title", "objective_text", "responsible", "result", "means", "expected_result"]]
        joined = haystack.fillna("").agg(" ".join, axis=1).map(fold)
        out = out[joined.str.contains(needle, regex=False)]
    return out


def fold(text: str) -> str:
    """Lower-case without accents, for searching French and Dutch text."""
    import unicodedata

    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def deadline_passed(df: pd.DataFrame, today_year: int) -> pd.Series:
    """Planned synergies whose deadline (its last year) is before the current year.

    An open-ended deadline ('2024 en volgende jaren') or an undetermined one is never passed.
    """
    last = pd.to_numeric(df["deadline_to"], errors="coerce")
    return (df["status"] == "projetee") & last.notna() & (last < today_year)


def objective_shares(df: pd.DataFrame) -> pd.DataFrame:
    """How many synergies cite each objective (a synergy may cite several), and 'none' stated."""
    total = len(df)
    codes = ["satisfaction_citoyen", "performance_administrative", "moyens"]
    counts = {code: int(df["objectives"].map(lambda s, c=code: c in s.split(";")).sum()) for code in codes}
    counts["none"] = int((df["objectives"] == "").sum())
    out = pd.DataFrame({"objective": list(counts), "count": list(counts.values())})
    out["share"] = 100.0 * out["count"] / total if total else 0.0
    return out


def service_status_table(df: pd.DataFrame) -> pd.DataFrame:
    """One row per service that has synergies: its counts per status and in all, support services first."""
    columns = ["service", "service_name", "group", "realisee", "en_cours", "projetee", "total"]
    if df.empty:
        return pd.DataFrame(columns=columns)
    counts = (
        df.groupby(["service", "service_name", "group"], sort=False)["status"]
        .value_counts()
        .unstack(fill_value=0)
    )
    counts = counts.reindex(columns=["realisee", "en_cours", "projetee"], fill_value=0).reset_index()
    counts["total"] = counts[["realisee", "en_cours", "projetee"]].sum(axis=1)
    counts["group_order"] = counts["group"].map({"support": 0}).fillna(1)
    counts = counts.sort_values("group_order", kind="stable")
    return counts[columns].reset_index(drop=True)
