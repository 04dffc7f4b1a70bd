"""The tables of each page as export-ready DataFrames: the page's own query, its URL filters applied,
headers and codes translated, plus a file name with commune, dataset and year.

One `TableExport` per downloadable table; `PAGE_TABLES` says which tables each page offers.
The filters are read from the same URL parameters (and with the same parsing classes) as the
page itself, so a download holds exactly the rows the user is looking at, unpaginated.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd
from sqlalchemy.orm import Session

from dashboard.i18n import t
from dashboard.queries import brussels as bxl_q
from dashboard.queries import contracts as contract_q
from dashboard.queries import matrix as matrix_q
from dashboard.queries import pst as pst_q
from dashboard.queries import social as social_q
from dashboard.queries import synergies as synergy_q
from dashboard.views.shell import PageContext

# Columns whose values are codes, and the catalogue prefix that names them.
CODE_LABELS = {
    "status": "status.one",
    "pilot": "pilot",
    "mode": "mode",
    "group": "group",
    "body": "body",
    "type": "contract_type",
    "register": "register",
    "scheme": "scheme",
    "territory_level": "territory",
    "kind": "pst.kind",
}


@dataclass(frozen=True)
class TableExport:
    name: str  # the dataset part of the file name, and the id of the download button
    title: str  # catalogue key of the table's title
    columns: tuple[str, ...]  # columns kept, in order; headers are `exp.col.<column>`
    rows: Callable[[Session, PageContext, dict[str, str]], pd.DataFrame]
    yearly: bool = False  # filtered to the selected year (the year goes into the file name)


def _synergies(session: Session, ctx: PageContext, params: dict[str, str]) -> pd.DataFrame:
    from dashboard.views import synergies as view  # views import the shell; keep this module light

    f = view.SynergyFilters.from_params(params, view.service_codes(session, ctx.commune))
    df = synergy_q.synergies(
        session,
        commune=ctx.commune,
        years=[ctx.year] if ctx.year else [],
        services=[f.service] if f.service else [],
        statuses=list(f.statuses),
        groups=[f.group] if f.group else [],
    )
    df = synergy_q.filter_synergies(df, pilots=f.pilots, modes=f.modes, objectives=f.objectives, text=f.q)
    if f.sort:
        df = df.sort_values(f.sort, ascending=not f.desc, kind="stable", na_position="last")
    return df.assign(objectives=df["objectives"].map(lambda codes: _objectives(codes, ctx.lang)))


def _objectives(codes: str, lang: str) -> str:
    return "; ".join(t(f"objective.{c}", lang) for c in codes.split(";") if c)


def _matrix(session: Session, ctx: PageContext, params: dict[str, str]) -> pd.DataFrame:
    return matrix_q.matrix_levels(session, commune=ctx.commune, years=[ctx.year] if ctx.year else [])


def _synthesis_grid(session: Session, ctx: PageContext, params: dict[str, str]) -> pd.DataFrame:
    levels = matrix_q.matrix_levels(session, commune=ctx.commune, years=[ctx.year] if ctx.year else [])
    return matrix_q.service_totals(levels)


def _synthesis_history(session: Session, ctx: PageContext, params: dict[str, str]) -> pd.DataFrame:
    df = matrix_q.synthesis(session, commune=ctx.commune)
    return df.assign(origin=df["origin"].map(lambda o: t(f"exp.origin.{o}", ctx.lang)))


def _counts(session: Session, ctx: PageContext, params: dict[str, str]) -> pd.DataFrame:
    return contract_q.contract_counts(session, commune=ctx.commune)


def _joint(session: Session, ctx: PageContext, params: dict[str, str]) -> pd.DataFrame:
    return contract_q.contracts(session, commune=ctx.commune, stage="conjoint")


def _pipeline(session: Session, ctx: PageContext, params: dict[str, str]) -> pd.DataFrame:
    from dashboard.views.contracts import ContractsView

    v = ContractsView.from_params(params)
    types = [v.pipeline_type] if v.pipeline_type else []
    return contract_q.contracts(session, commune=ctx.commune, stage="candidat", types=types)


def _pst(session: Session, ctx: PageContext, params: dict[str, str]) -> pd.DataFrame:
    from dashboard.views import pst as view

    df = pst_q.actions(session, commune=ctx.commune)
    os_codes = tuple(dict.fromkeys(df["os"])) if not df.empty else ()
    f = view.PstFilters.from_params(params, os_codes)
    df = view.filter_actions(df, f)
    return df.assign(status=df["status"].map(lambda s: t(f"pst.status.{s}", ctx.lang) if s else ""))


def _simple(query: Callable[..., pd.DataFrame]) -> Callable[[Session, PageContext, dict], pd.DataFrame]:
    return lambda session, ctx, params: query(session, commune=ctx.commune)


TABLES: dict[str, TableExport] = {
    table.name: table
    for table in (
        TableExport(
            "synergies",
            "exp.table.synergies",
            (
                "ref",
                "report_year",
                "service_name",
                "group",
                "status",
                "title",
                "objectives",
                "mode",
                "pilot",
                "responsible",
                "result",
                "means",
                "expected_result",
                "deadline",
            ),
            _synergies,
            yearly=True,
        ),
        TableExport(
            "matrix",
            "exp.table.matrix",
            ("year", "service_name", "group", "register", "level"),
            _matrix,
            yearly=True,
        ),
        TableExport(
            "synthesis-grid",
            "exp.table.synthesis_grid",
            ("year", "service_name", "group", "total", "maximum"),
            _synthesis_grid,
            yearly=True,
        ),
        TableExport(
            "synthesis-history",
            "exp.table.synthesis_history",
            (
                "year",
                "group",
                "total",
                "maximum",
                "percent",
                "origin",
                "reported_total",
                "disagrees",
                "change",
            ),
            _synthesis_history,
        ),
        TableExport(
            "contract-counts",
            "exp.table.contract_counts",
            ("year", "body", "count", "counted_until", "partial", "note"),
            _counts,
        ),
        TableExport(
            "joint-contracts",
            "exp.table.joint_contracts",
            (
                "report_year",
                "title",
                "type",
                "procedure",
                "procedure_name",
                "estimated_amount",
                "planned_award_date",
            ),
            _joint,
        ),
        TableExport(
            "contract-pipeline",
            "exp.table.contract_pipeline",
            (
                "report_year",
                "title",
                "type",
                "procedure",
                "procedure_name",
                "estimated_amount",
                "planned_award_date",
            ),
            _pipeline,
        ),
        TableExport(
            "ris",
            "exp.table.ris",
            ("year", "beneficiaries", "counted_until", "partial", "note"),
            _simple(social_q.ris),
        ),
        TableExport(
            "placements",
            "exp.table.placements",
            ("year", "scheme", "employer_label", "count", "note", "counted_until"),
            _simple(social_q.placements),
        ),
        TableExport(
            "indicators",
            "exp.table.indicators",
            (
                "theme",
                "code",
                "name",
                "unit",
                "reference_period",
                "territory_level",
                "territory_name",
                "value",
                "status",
            ),
            _simple(social_q.indicators),
        ),
        TableExport(
            "key-figures",
            "exp.table.key_figures",
            ("label", "value", "unit", "period", "note"),
            _simple(social_q.key_figures),
        ),
        TableExport(
            "pst-budget",
            "exp.table.pst_budget",
            ("year", "budget_section", "kind", "eco_group", "label", "amount"),
            _simple(pst_q.budget),
        ),
        TableExport(
            "pst-actions",
            "exp.table.pst_actions",
            (
                "reference",
                "os_title",
                "op_title",
                "title",
                "start_date",
                "end_date",
                "end_note",
                "status",
                "budget_impact",
                "indicators",
            ),
            _pst,
        ),
        TableExport(
            "staffing",
            "exp.table.staffing",
            ("date", "body", "service", "real_fte", "theoretical_fte", "gap_fte"),
            _simple(bxl_q.staffing),
        ),
        TableExport(
            "software-costs",
            "exp.table.software_costs",
            ("option", "year", "total", "cumulative", "computed_total", "disagrees"),
            _simple(bxl_q.cost_comparison),
        ),
        TableExport(
            "wepulse",
            "exp.table.wepulse",
            ("date", "body", "domain", "position", "note"),
            _simple(bxl_q.wepulse),
        ),
    )
}

# The tables each page offers for download, in the page's order.
PAGE_TABLES: dict[str, tuple[str, ...]] = {
    "synergies": ("synergies",),
    "matrices": ("matrix",),
    "synthesis": ("synthesis-grid", "synthesis-history"),
    "contracts": ("contract-counts", "joint-contracts", "contract-pipeline"),
    "social": ("ris", "placements", "indicators", "key-figures"),
    "pst": ("pst-actions", "pst-budget"),
    "brussels": ("staffing", "software-costs", "wepulse"),
}


def translate(df: pd.DataFrame, columns: tuple[str, ...], lang: str) -> pd.DataFrame:
    """Keep `columns`, name codes in `lang`, and head each column with its translated name."""
    out = df.reindex(columns=list(columns)).copy()
    for column, prefix in CODE_LABELS.items():
        if column in out.columns:
            out[column] = out[column].map(lambda code, p=prefix: _code_label(p, code, lang))
    out.columns = [t(f"exp.col.{c}", lang) for c in columns]
    return out


def _code_label(prefix: str, code: object, lang: str) -> object:
    if code is None or (isinstance(code, float) and pd.isna(code)) or code == "":
        return None
    try:
        return t(f"{prefix}.{code}", lang)
    except KeyError:
        return code  # a code without a label (e.g. an IWEPS status) is shown as written


def table_frame(session: Session, ctx: PageContext, name: str, params: dict[str, str]) -> pd.DataFrame:
    """The table `name` for the view `ctx` and the page's URL `params`, translated, ready to write."""
    spec = TABLES[name]
    return translate(spec.rows(session, ctx, params), spec.columns, ctx.lang)


def slug(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-") or "export"


def filename(ctx: PageContext, name: str, extension: str) -> str:
    """tournai-synergies-2024.csv: commune, dataset and (for yearly tables) the year."""
    parts = [ctx.commune or "commune", name]
    if TABLES[name].yearly and ctx.year:
        parts.append(str(ctx.year))
    return slug("-".join(parts)) + "." + extension
