"""The figures one joint-council deck needs, for one commune and report year, as DataFrames.

Each function reuses the page queries (one definition of every figure in the app) and only
narrows them to what a slide shows; nothing here knows about slides or Dash.
"""

from __future__ import annotations

import pandas as pd
from sqlalchemy.orm import Session

from dashboard.queries import contracts as contracts_q
from dashboard.queries import matrix as matrix_q
from dashboard.queries import social as social_q
from dashboard.queries import synergies as synergies_q

SYNERGY_STATUSES = ("realisee", "en_cours", "projetee")


def synthesis_history(session: Session, *, commune: str, year: int | None) -> pd.DataFrame:
    """Group totals of the synthesis grid up to the report year (a later year is not history yet)."""
    df = matrix_q.synthesis(session, commune=commune)
    if year is not None:
        df = df[df["year"] <= year]
    return df.reset_index(drop=True)


def support_levels(session: Session, *, commune: str, year: int | None) -> tuple[int | None, pd.DataFrame]:
    """The support services' register levels of the report year, else of the latest year before it.

    Returns (year shown, levels); the year differs from the report year when that year has no matrix.
    """
    years = matrix_q.detail_years(session, commune=commune)
    candidates = [y for y in years if year is None or y <= year]
    if not candidates:
        return None, pd.DataFrame(columns=matrix_q.LEVEL_COLUMNS)
    shown = candidates[0]
    levels = matrix_q.matrix_levels(session, commune=commune, years=[shown])
    return shown, levels[levels["group"] == "support"].reset_index(drop=True)


def report_synergies(session: Session, *, commune: str, year: int | None) -> pd.DataFrame:
    """Synergies of the report year; all of them when the commune's register has no year at all."""
    df = synergies_q.synergies(session, commune=commune, years=[year] if year is not None else ())
    if df.empty and year is not None:
        undated = synergies_q.synergies(session, commune=commune)
        df = undated[undated["report_year"].isna()]
    return df.reset_index(drop=True)


def contract_history(session: Session, *, commune: str, year: int | None) -> pd.DataFrame:
    """Per year up to the report year: contracts awarded by body (long), partial counts flagged."""
    df = contracts_q.contract_counts(session, commune=commune)
    if year is not None:
        df = df[df["year"] <= year]
    return df.reset_index(drop=True)


def joint_contracts(session: Session, *, commune: str, year: int | None) -> pd.DataFrame:
    """The joint contracts listed in the report of the year."""
    return contracts_q.contracts(
        session, commune=commune, stage="conjoint", years=[year] if year is not None else ()
    )


def ris_history(session: Session, *, commune: str, year: int | None) -> pd.DataFrame:
    df = social_q.ris(session, commune=commune)
    if year is not None:
        df = df[df["year"] <= year]
    return df.reset_index(drop=True)


def art60(
    session: Session, *, commune: str, year: int | None
) -> tuple[int | None, pd.DataFrame, pd.DataFrame]:
    """Article 60 §7 placements by employer for the report year (else the latest year before it).

    Returns (year shown, detail rows, per-year totals with the printed total beside the sum).
    """
    detail = social_q.placements(session, commune=commune, schemes=["art60"])
    totals = social_q.placement_totals(session, commune=commune)
    totals = totals[totals["scheme"] == "art60"]
    years = sorted({int(y) for y in detail["year"]} | {int(y) for y in totals["year"]}, reverse=True)
    candidates = [y for y in years if year is None or y <= year]
    if not candidates:
        return None, detail.iloc[0:0], totals.iloc[0:0]
    shown = candidates[0]
    return (
        shown,
        detail[detail["year"] == shown].reset_index(drop=True),
        totals[totals["year"] <= shown].reset_index(drop=True),
    )


def iweps(session: Session, *, commune: str) -> pd.DataFrame:
    """The IWEPS indicators of the commune, one row per indicator and territory ('non diffusé' = NaN)."""
    return social_q.indicators(session, commune=commune, themes=["iweps"])
