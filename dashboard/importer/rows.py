"""A commune's stored data read back as dataset rows — the same columns as the files.

One function per dataset turns ORM rows into dicts of text cells, in the spec's column
order, which then go through the same row models as an import. Export, the import diff
and the round-trip tests all use this, so "what the database holds" has one definition.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from decimal import Decimal
from enum import Enum

from sqlalchemy import select
from sqlalchemy.orm import Session

from dashboard.db import models as M
from dashboard.importer.specs import Row

Cells = dict[str, str]


def cell(value: object) -> str:
    """A value as its canonical text: '' for unknown, codes for enums, ISO dates, plain decimals."""
    if value is None:
        return ""
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, list | tuple):
        return ";".join(cell(v) for v in value)
    if isinstance(value, Decimal):
        text = format(value.normalize(), "f")
        return "0" if text in ("-0", "") else text
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def canonical(row: Row, columns: Iterable[str]) -> tuple[str, ...]:
    """The comparable form of a validated row."""
    return tuple(cell(getattr(row, column)) for column in columns)


def _prov(obj) -> Cells:
    return {"source": obj.source_id, "section": obj.section or ""}


def _all(session: Session, model, *where, order=None) -> list:
    query = select(model).where(*where)
    query = query.order_by(*(order or [model.id]))
    return list(session.scalars(query))


def commune_row(session: Session, commune: M.Commune) -> list[Cells]:
    names = {a.body.value: a.name for a in commune.administrations}
    return [
        {
            **_prov(commune),
            "slug": commune.slug,
            "name": commune.name,
            "name_nl": commune.name_nl,
            "ins_code": commune.ins_code,
            "region": cell(commune.region),
            "province": commune.province or "",
            "arrondissement": commune.arrondissement,
            "commune_name": names.get("commune", ""),
            "cpas_name": names.get("cpas", ""),
        }
    ]


def _services(session: Session, commune_id: int) -> dict[int, str]:
    return dict(
        session.execute(select(M.Service.id, M.Service.code).where(M.Service.commune_id == commune_id)).all()
    )


def _simple(model, columns: tuple[str, ...], order: Callable | None = None):
    def read(session: Session, commune_id: int) -> list[Cells]:
        objs = _all(session, model, model.commune_id == commune_id, order=order(model) if order else None)
        return [{**_prov(o), **{c: cell(getattr(o, c)) for c in columns}} for o in objs]

    return read


def _synergies(session: Session, commune_id: int) -> list[Cells]:
    services = _services(session, commune_id)
    out = []
    for o in _all(session, M.Synergy, M.Synergy.commune_id == commune_id):
        out.append(
            {
                **_prov(o),
                "ref": o.ref,
                "report_year": cell(o.report_year),
                "service": services[o.service_id],
                "status": cell(o.status),
                "title": o.title,
                "objective_text": o.objective_text,
                "objectives": cell([x.objective for x in o.objectives]),
                "mode": cell(o.mode),
                "pilot": cell(o.pilot),
                "responsible": o.responsible,
                "result": o.result,
                "means": o.means,
                "expected_result": o.expected_result,
                "deadline": o.deadline,
                "started_year": cell(o.started_year),
                "language": cell(o.language),
            }
        )
    return out


def _matrix(session: Session, commune_id: int) -> list[Cells]:
    services = _services(session, commune_id)
    return [
        {
            **_prov(o),
            "year": cell(o.year),
            "service": services[o.service_id],
            "register": cell(o.register),
            "level": cell(o.level),
        }
        for o in _all(session, M.MatrixLevel, M.MatrixLevel.commune_id == commune_id)
    ]


def _indicator_values(session: Session, commune_id: int) -> list[Cells]:
    query = (
        select(M.IndicatorValue, M.Indicator.code)
        .join(M.Indicator, M.IndicatorValue.indicator_id == M.Indicator.id)
        .where(M.Indicator.commune_id == commune_id)
        .order_by(M.IndicatorValue.id)
    )
    return [
        {
            **_prov(o),
            "indicator": code,
            "territory_level": cell(o.territory_level),
            "territory_name": o.territory_name,
            "value": cell(o.value),
            "status": cell(o.status),
        }
        for o, code in session.execute(query).all()
    ]


def _pst(session: Session, commune_id: int) -> M.Pst | None:
    return session.scalar(select(M.Pst).where(M.Pst.commune_id == commune_id).order_by(M.Pst.id))


def _pst_plan(session: Session, commune_id: int) -> list[Cells]:
    pst = _pst(session, commune_id)
    if pst is None:
        return []
    # The plan row has no provenance column in the database; its first objective's source stands in.
    first = session.scalar(
        select(M.PstObjective).where(M.PstObjective.pst_id == pst.id).order_by(M.PstObjective.id)
    )
    prov = _prov(first) if first else {"source": "", "section": ""}
    return [
        {
            **prov,
            "section": "",
            "body": cell(pst.body),
            "title": pst.title,
            "start_year": cell(pst.start_year),
            "end_year": cell(pst.end_year),
        }
    ]


def _objective_codes(session: Session, pst_id: int) -> dict[int, str]:
    return dict(
        session.execute(
            select(M.PstObjective.id, M.PstObjective.code).where(M.PstObjective.pst_id == pst_id)
        ).all()
    )


def _action_codes(session: Session, pst_id: int) -> dict[int, str]:
    return dict(
        session.execute(select(M.PstAction.id, M.PstAction.code).where(M.PstAction.pst_id == pst_id)).all()
    )


def _pst_objectives(session: Session, commune_id: int) -> list[Cells]:
    pst = _pst(session, commune_id)
    if pst is None:
        return []
    codes = _objective_codes(session, pst.id)
    objs = _all(
        session,
        M.PstObjective,
        M.PstObjective.pst_id == pst.id,
        order=[M.PstObjective.position, M.PstObjective.id],
    )
    return [
        {
            **_prov(o),
            "level": cell(o.level),
            "code": o.code,
            "parent": codes.get(o.parent_id, ""),
            "title": o.title,
        }
        for o in objs
    ]


_ACTION_TEXT = ("reference", "title", "end_note", "budget_note", "context", "description", "risks")


def _pst_actions(session: Session, commune_id: int) -> list[Cells]:
    pst = _pst(session, commune_id)
    if pst is None:
        return []
    codes = _objective_codes(session, pst.id)
    objs = _all(
        session, M.PstAction, M.PstAction.pst_id == pst.id, order=[M.PstAction.position, M.PstAction.id]
    )
    return [
        {
            **_prov(o),
            "code": o.code,
            "reference": o.reference,
            "op": codes[o.objective_id],
            "title": o.title,
            "start_date": cell(o.start_date),
            "end_date": cell(o.end_date),
            "end_note": o.end_note,
            "status": cell(o.status),
            "budget_impact": cell(o.budget_impact),
            "budget_note": o.budget_note,
            "context": o.context,
            "description": o.description,
            "risks": o.risks,
        }
        for o in objs
    ]


def _pst_indicators(session: Session, commune_id: int) -> list[Cells]:
    pst = _pst(session, commune_id)
    if pst is None:
        return []
    codes = _action_codes(session, pst.id)
    objs = _all(session, M.PstIndicator, M.PstIndicator.action_id.in_(codes))
    return [
        {**_prov(o), "action": codes[o.action_id], "position": cell(o.position), "text": o.text} for o in objs
    ]


def _pst_budget(session: Session, commune_id: int) -> list[Cells]:
    pst = _pst(session, commune_id)
    if pst is None:
        return []
    cols = ("year", "budget_section", "kind", "eco_group", "label", "amount")
    return [
        {**_prov(o), **{c: cell(getattr(o, c)) for c in cols}}
        for o in _all(session, M.PstBudgetLine, M.PstBudgetLine.pst_id == pst.id)
    ]


def _pst_action_budget(session: Session, commune_id: int) -> list[Cells]:
    pst = _pst(session, commune_id)
    if pst is None:
        return []
    codes = _action_codes(session, pst.id)
    cols = ("year", "budget_section", "kind", "eco_group", "amount")
    return [
        {**_prov(o), "action": codes[o.action_id], **{c: cell(getattr(o, c)) for c in cols}}
        for o in _all(session, M.PstActionBudget, M.PstActionBudget.action_id.in_(codes))
    ]


def _by_position(model):
    return [model.position, model.id]


READERS: dict[str, Callable[[Session, int], list[Cells]]] = {
    "services": _simple(M.Service, ("code", "name", "group", "aliases")),
    "synergies": _synergies,
    "matrix": _matrix,
    "synthesis_reported": _simple(M.SynthesisReported, ("year", "group", "total", "maximum")),
    "contract_counts": _simple(M.ContractCount, ("year", "body", "count", "counted_until", "note")),
    "contracts": _simple(
        M.Contract,
        ("stage", "report_year", "title", "type", "procedure", "estimated_amount", "planned_award_date"),
        _by_position,
    ),
    "ris": _simple(M.RisYear, ("year", "beneficiaries", "counted_until", "note")),
    "ris_households": _simple(M.RisHousehold, ("date", "household", "count")),
    "placements": _simple(
        M.Placement,
        ("year", "scheme", "employer_category", "employer_label", "count", "note", "counted_until"),
    ),
    "placement_totals": _simple(M.PlacementTotal, ("year", "scheme", "total")),
    "indicators": _simple(
        M.Indicator, ("code", "theme", "name", "unit", "reference_period", "reference_year")
    ),
    "indicator_values": _indicator_values,
    "key_figures": _simple(
        M.KeyFigure, ("section_code", "code", "label", "value", "unit", "period", "note"), _by_position
    ),
    "pst": _pst_plan,
    "pst_objectives": _pst_objectives,
    "pst_actions": _pst_actions,
    "pst_indicators": _pst_indicators,
    "pst_budget": _pst_budget,
    "pst_action_budget": _pst_action_budget,
    "staffing": _simple(M.Staffing, ("date", "body", "service", "real_fte", "theoretical_fte"), _by_position),
    "cost_comparison": _simple(M.CostComparison, ("option", "line", "year", "amount")),
    "wepulse": _simple(M.WePulseStance, ("date", "body", "domain", "position", "note")),
}


def read_dataset(session: Session, commune: M.Commune, dataset: str) -> list[Cells]:
    """Every stored row of `dataset` for `commune`, as text cells keyed by column."""
    if dataset == "communes":
        return commune_row(session, commune)
    return READERS[dataset](session, commune.id)
