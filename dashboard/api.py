"""Read-only open-data API: GET /api/v1/<dataset>.json|.csv with commune, year and service filters.

Every answer is data or a JSON error with a 4xx status; never a stack trace. CSV
text cells that a spreadsheet would run as a formula are neutralised.
"""

from __future__ import annotations

import csv
import io
import json
import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pandas as pd
from flask import Blueprint, Response, request
from sqlalchemy.orm import Session

from dashboard.exports.safety import neutralise
from dashboard.queries import brussels, communes, contracts, matrix, pst, social, synergies
from dashboard.runtime import db_session

MAX_PARAM_LENGTH = 200
MAX_VALUES = 50


@dataclass(frozen=True)
class Dataset:
    description: str
    query: Callable[..., pd.DataFrame]
    params: frozenset[str]  # which of commune / year / service apply


def _synthesis(session: Session, *, commune=None, years=()):
    return matrix.synthesis(session, commune=commune, years=years)


def _joint(session: Session, *, commune=None, years=()):
    return contracts.contracts(session, commune=commune, stage="conjoint", years=years)


def _pipeline(session: Session, *, commune=None, years=()):
    return contracts.contracts(session, commune=commune, stage="candidat", years=years)


C, Y, S = "commune", "year", "service"
DATASETS: dict[str, Dataset] = {
    "communes": Dataset(
        "Communes with INS code, region, province and arrondissement", communes.communes, frozenset({C})
    ),
    "services": Dataset(
        "Services of each commune and their group (support / other)", communes.services, frozenset({C})
    ),
    "synergies": Dataset("The synergy register", synergies.synergies, frozenset({C, Y, S})),
    "matrix": Dataset(
        "Cooperation-matrix levels (0..5) per service, year and register",
        matrix.matrix_levels,
        frozenset({C, Y, S}),
    ),
    "synthesis": Dataset(
        "Group totals per year, computed from the matrices or as reported", _synthesis, frozenset({C, Y})
    ),
    "contract-counts": Dataset(
        "Public contracts awarded per year and body (partial counts flagged)",
        contracts.contract_counts,
        frozenset({C, Y}),
    ),
    "joint-contracts": Dataset("Joint public contracts", _joint, frozenset({C, Y})),
    "contract-pipeline": Dataset("Contracts that could become joint", _pipeline, frozenset({C, Y})),
    "ris": Dataset("Yearly average integration-income (RIS) beneficiaries", social.ris, frozenset({C, Y})),
    "ris-households": Dataset(
        "RIS beneficiaries by household category", social.ris_households, frozenset({C})
    ),
    "placements": Dataset(
        "Art. 60 §7, art. 61 and SINE placements by employer category", social.placements, frozenset({C, Y})
    ),
    "indicators": Dataset(
        "IWEPS, health, housing and labour-market indicators by territory", social.indicators, frozenset({C})
    ),
    "key-figures": Dataset(
        "Key figures of the CPAS services and social-policy report", social.key_figures, frozenset({C})
    ),
    "pst-actions": Dataset(
        "Strategic-plan actions with objectives, dates, status and indicators", pst.actions, frozenset({C})
    ),
    "pst-budget": Dataset(
        "Strategic-plan budget annex by year and economic group", pst.budget, frozenset({C})
    ),
    "staffing": Dataset("Real vs theoretical FTE per service and body", brussels.staffing, frozenset({C})),
    "software-costs": Dataset(
        "Multi-year software cost comparison (computed and printed totals)",
        brussels.cost_comparison,
        frozenset({C}),
    ),
    "wepulse": Dataset(
        "Positions of each body on the WePulse programme domains", brussels.wepulse, frozenset({C})
    ),
}


class BadRequest(Exception):
    def __init__(self, status: int, message: str):
        self.status = status
        self.message = message
        super().__init__(message)


def _error(status: int, message: str) -> Response:
    return Response(
        json.dumps({"error": message, "status": status}, ensure_ascii=False),
        status=status,
        mimetype="application/json",
    )


def _values(name: str) -> list[str]:
    raw = request.args.getlist(name)
    values = [v.strip() for item in raw for v in item.split(",") if v.strip()]
    if len(values) > MAX_VALUES or any(len(v) > MAX_PARAM_LENGTH for v in values):
        raise BadRequest(400, f"parameter {name!r} is too long")
    return values


def parse_params(dataset: Dataset, session: Session) -> dict[str, Any]:
    unknown = sorted(set(request.args) - {C, Y, S})
    if unknown:
        raise BadRequest(400, f"unknown parameter(s): {', '.join(unknown)}; use commune, year, service")
    not_applicable = sorted(p for p in request.args if p not in dataset.params)
    if not_applicable:
        raise BadRequest(400, f"parameter(s) {', '.join(not_applicable)} do not apply to this dataset")
    kwargs: dict[str, Any] = {}
    commune_values = _values(C)
    if commune_values:
        if len(commune_values) > 1:
            raise BadRequest(400, "give one commune")
        slug = commune_values[0]
        if slug not in communes.commune_slugs(session):
            raise BadRequest(404, f"unknown commune {slug[:60]!r}; see /api/v1/communes.json")
        kwargs["commune"] = slug
    years = _values(Y)
    if years:
        if not all(y.isdigit() and 1990 <= int(y) <= 2100 for y in years):
            raise BadRequest(400, "year must be a year between 1990 and 2100 (several: year=2023,2024)")
        kwargs["years"] = [int(y) for y in years]
    services = _values(S)
    if services:
        kwargs["services"] = services
    return kwargs


def _jsonable(value: Any) -> Any:
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if hasattr(value, "item"):
        return value.item()
    return value


def to_csv(df: pd.DataFrame) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(df.columns)
    for row in df.itertuples(index=False):
        writer.writerow(["" if (v := _jsonable(x)) is None else neutralise(v) for x in row])
    return buffer.getvalue()


def create_blueprint() -> Blueprint:
    api = Blueprint("api_v1", __name__, url_prefix="/api/v1")

    @api.get("")
    @api.get("/")
    def index() -> Response:
        body = {
            "datasets": {
                name: {
                    "description": d.description,
                    "parameters": sorted(d.params),
                    "json": f"/api/v1/{name}.json",
                    "csv": f"/api/v1/{name}.csv",
                }
                for name, d in DATASETS.items()
            }
        }
        return Response(json.dumps(body, ensure_ascii=False, indent=1), mimetype="application/json")

    @api.get("/<string:name>.<string:fmt>")
    def dataset(name: str, fmt: str) -> Response:
        if fmt not in ("json", "csv"):
            return _error(404, f"unknown format {fmt[:20]!r}; use .json or .csv")
        spec = DATASETS.get(name)
        if spec is None:
            return _error(404, f"unknown dataset {name[:60]!r}; see /api/v1")
        try:
            with db_session() as session:
                kwargs = parse_params(spec, session)
                df = spec.query(session, **kwargs)
        except BadRequest as exc:
            return _error(exc.status, exc.message)
        if fmt == "csv":
            response = Response(to_csv(df), mimetype="text/csv")
            response.headers["Content-Disposition"] = f'attachment; filename="{name}.csv"'
            return response
        records = [{k: _jsonable(v) for k, v in row.items()} for row in df.to_dict(orient="records")]
        return Response(
            json.dumps({"dataset": name, "count": len(records), "rows": records}, ensure_ascii=False),
            mimetype="application/json",
        )

    @api.errorhandler(404)
    def not_found(_exc: Exception) -> Response:
        return _error(404, "not found; see /api/v1")

    @api.errorhandler(405)
    def not_allowed(_exc: Exception) -> Response:
        return _error(405, "read-only API: only GET is allowed")

    return api
