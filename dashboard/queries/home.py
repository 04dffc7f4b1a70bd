"""The headline figures of one commune and year, gathered from the other queries."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd
from sqlalchemy.orm import Session

from dashboard.queries import contracts as contract_q
from dashboard.queries import matrix as matrix_q
from dashboard.queries import social as social_q
from dashboard.queries import synergies as synergy_q


@dataclass(frozen=True)
class GroupScore:
    group: str
    total: int
    maximum: int
    percent: float
    origin: str
    n_services: int | None
    previous_year: int | None
    change: int | None


@dataclass(frozen=True)
class Headline:
    year: int | None
    scores: dict[str, GroupScore]
    synergy_counts: dict[str, int] | None
    joint_contracts: int | None
    contracts_total: int | None
    contracts_partial_until: dt.date | None  # some body's count stops before the year's end
    joint_partial_until: dt.date | None  # the joint count itself does
    ris: float | None
    ris_counted_until: dt.date | None
    ris_partial: bool
    art60: int | None
    art60_categories: int
    synergies_by_service: pd.DataFrame


def headline(session: Session, *, commune: str, year: int | None) -> Headline:
    scores: dict[str, GroupScore] = {}
    if year is not None:
        for row in matrix_q.synthesis(session, commune=commune, years=[year]).itertuples():
            scores[row.group] = GroupScore(
                group=row.group,
                total=int(row.total),
                maximum=int(row.maximum),
                percent=float(row.percent),
                origin=row.origin,
                n_services=_int_or_none(row.n_services),
                previous_year=_int_or_none(row.previous_year),
                change=_int_or_none(row.change),
            )
    synergy_df = synergy_q.synergies(session, commune=commune, years=[year] if year else [])
    counts = synergy_q.status_counts(synergy_df) if year is not None and not synergy_df.empty else None

    counts_df = contract_q.contract_counts(session, commune=commune, years=[year] if year else [])
    joint = total = None
    partial_until = joint_partial_until = None
    if year is not None and not counts_df.empty:
        joint_rows = counts_df[counts_df["body"] == "conjoint"]
        joint = int(joint_rows["count"].sum()) if not joint_rows.empty else None
        total = int(counts_df["count"].sum())
        partial_rows = counts_df[counts_df["partial"]]
        partial_until = min(partial_rows["counted_until"]) if not partial_rows.empty else None
        joint_partial = partial_rows[partial_rows["body"] == "conjoint"]
        joint_partial_until = min(joint_partial["counted_until"]) if not joint_partial.empty else None

    ris_df = social_q.ris(session, commune=commune, years=[year] if year else [])
    ris_row = ris_df.iloc[0] if year is not None and not ris_df.empty else None

    placements = social_q.placements(
        session, commune=commune, years=[year] if year else [], schemes=["art60"]
    )
    art60 = int(placements["count"].sum()) if year is not None and not placements.empty else None
    by_service = synergy_q.service_status_table(synergy_df if year is not None else synergy_df.iloc[0:0])
    return Headline(
        year=year,
        scores=scores,
        synergy_counts=counts,
        joint_contracts=joint,
        contracts_total=total,
        contracts_partial_until=partial_until,
        joint_partial_until=joint_partial_until,
        ris=None if ris_row is None else float(ris_row["beneficiaries"]),
        ris_counted_until=None if ris_row is None else ris_row["counted_until"],
        ris_partial=bool(ris_row["partial"]) if ris_row is not None else False,
        art60=art60,
        art60_categories=int((placements["count"] > 0).sum()) if art60 is not None else 0,
        synergies_by_service=by_service,
    )


def _int_or_none(value: object) -> int | None:
    if value is None or pd.isna(value):
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        return None
