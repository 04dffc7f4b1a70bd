"""Data-quality report over what is stored (the `check` command).

Problems (non-zero exit): a reported synthesis total that disagrees with the sum of its
per-register detail, a year missing between a series' first and last year. Notes (exit 0):
partial counts (counted before the year's end — shown as partial, never as a drop) and
services with synergies but no cooperation matrix in any year.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from dashboard.db import models as M

PROBLEM, NOTE = "problem", "note"


@dataclass(frozen=True)
class Finding:
    severity: str
    commune: str
    dataset: str
    message: str

    def __str__(self) -> str:
        return f"{self.severity}: {self.commune} / {self.dataset}: {self.message}"


def run_checks(session: Session, commune: str | None = None) -> list[Finding]:
    query = select(M.Commune).order_by(M.Commune.slug)
    if commune:
        query = query.where(M.Commune.slug == commune)
    communes = list(session.scalars(query))
    if commune and not communes:
        return [Finding(PROBLEM, commune, "-", "unknown commune")]
    findings: list[Finding] = []
    for c in communes:
        findings += _totals_vs_detail(session, c)
        findings += _missing_years(session, c)
        findings += _partial_counts(session, c)
        findings += _services_without_matrix(session, c)
    return findings


def _totals_vs_detail(session: Session, commune: M.Commune) -> list[Finding]:
    detail = session.execute(
        select(
            M.MatrixLevel.year,
            M.Service.group,
            func.sum(M.MatrixLevel.level),
            func.count(func.distinct(M.Service.id)),
        )
        .join(M.Service, M.Service.id == M.MatrixLevel.service_id)
        .where(M.MatrixLevel.commune_id == commune.id)
        .group_by(M.MatrixLevel.year, M.Service.group)
    ).all()
    sums = {(year, group): (int(total), services) for year, group, total, services in detail}
    out = []
    for row in session.scalars(
        select(M.SynthesisReported).where(M.SynthesisReported.commune_id == commune.id)
    ):
        found = sums.get((row.year, row.group))
        if found is None:
            continue  # a year known only as a total
        total, services = found
        if total != row.total or 25 * services != row.maximum:
            out.append(
                Finding(
                    PROBLEM,
                    commune.slug,
                    "synthesis_reported",
                    f"{row.year} {row.group.value}: reported {row.total}/{row.maximum}, "
                    f"detail sums to {total}/{25 * services}",
                )
            )
    return out


_YEAR_SERIES = (
    ("matrix", M.MatrixLevel),
    ("synthesis_reported", M.SynthesisReported),
    ("contract_counts", M.ContractCount),
    ("ris", M.RisYear),
    ("placement_totals", M.PlacementTotal),
)


def _missing_years(session: Session, commune: M.Commune) -> list[Finding]:
    out = []
    for name, model in _YEAR_SERIES:
        years = set(session.scalars(select(model.year).where(model.commune_id == commune.id).distinct()))
        if name == "matrix":  # the history may be known only as totals for early years
            years |= set(
                session.scalars(
                    select(M.SynthesisReported.year).where(M.SynthesisReported.commune_id == commune.id)
                )
            )
        if len(years) < 2:
            continue
        missing = sorted(set(range(min(years), max(years) + 1)) - years)
        if missing:
            out.append(
                Finding(
                    PROBLEM,
                    commune.slug,
                    name,
                    f"years missing between {min(years)} and {max(years)}: {', '.join(map(str, missing))}",
                )
            )
    return out


def _partial_counts(session: Session, commune: M.Commune) -> list[Finding]:
    out = []
    for name, model in (
        ("contract_counts", M.ContractCount),
        ("ris", M.RisYear),
        ("placements", M.Placement),
    ):
        rows = session.execute(
            select(model.year, model.counted_until)
            .where(model.commune_id == commune.id, model.counted_until.is_not(None))
            .distinct()
            .order_by(model.year)
        ).all()
        for year, until in rows:
            if (until.month, until.day) != (12, 31) or until.year != year:
                out.append(
                    Finding(
                        NOTE,
                        commune.slug,
                        name,
                        f"{year} is a partial count (counted until {until.isoformat()})",
                    )
                )
    return out


def _services_without_matrix(session: Session, commune: M.Commune) -> list[Finding]:
    if not session.scalar(
        select(func.count()).select_from(M.MatrixLevel).where(M.MatrixLevel.commune_id == commune.id)
    ):
        return []  # the commune publishes no matrices at all: nothing to compare
    with_matrix = select(M.MatrixLevel.service_id).where(M.MatrixLevel.commune_id == commune.id)
    services = session.scalars(
        select(M.Service.code)
        .where(M.Service.commune_id == commune.id, M.Service.id.not_in(with_matrix))
        .order_by(M.Service.code)
    ).all()
    return [
        Finding(NOTE, commune.slug, "matrix", f"service {code} has no cooperation matrix")
        for code in services
    ]
