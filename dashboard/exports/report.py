"""The annual synergy report as data: the sections of the Walloon template (AGW of 28 March 2019),
filled from the database for one commune and year, with every label in the reader's language.

The PDF and XLSX writers (report_pdf, report_xlsx) only lay this out, so both files always say
the same thing. Values stay typed (int, float, date, str; None for missing) until a writer
formats them: the PDF per locale, the XLSX as real numbers and dates.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

import pandas as pd
import plotly.graph_objects as go
from sqlalchemy.orm import Session

from dashboard.figures import matrix as fig_matrix
from dashboard.i18n import normalise_language, t
from dashboard.queries import communes as commune_q
from dashboard.queries import contracts as contract_q
from dashboard.queries import matrix as matrix_q
from dashboard.queries import synergies as synergy_q

GROUPS = ("support", "autre")  # the template's order: support services, then the others


class ReportUnavailable(LookupError):
    """Unknown commune, or a year for which the commune has no report data."""


@dataclass(frozen=True)
class Column:
    header: str
    kind: str = "text"  # text | int | amount | date | percent
    width: float = 1.0  # relative width in the PDF


@dataclass
class ReportTable:
    columns: list[Column]
    rows: list[list[Any]]
    title: str | None = None
    footer: list[list[Any]] = field(default_factory=list)
    note: str | None = None


@dataclass
class Block:
    """A heading, then optionally a chart and one or more tables; `empty` is said when there is no row."""

    heading: str | None
    tables: list[ReportTable] = field(default_factory=list)
    radar: go.Figure | None = None
    empty: str | None = None


@dataclass
class Section:
    key: str
    number: int
    title: str
    intro: str
    blocks: list[Block]


@dataclass
class Report:
    commune: str
    commune_name: str
    year: int
    lang: str
    generated: dt.date
    sections: list[Section]
    region: str = "wallonie"

    @property
    def legal_basis(self) -> str:
        """Wallonia: the AGW template; Brussels: art. 26bis of the organic law (no regional template)."""
        return t("rep.legal.bruxelles" if self.region == "bruxelles" else "rep.legal", self.lang)

    @property
    def title(self) -> str:
        return t("rep.title", self.lang)

    def filename(self, extension: str) -> str:
        return f"{self.commune}-rapport-synergies-{self.year}.{extension}"


def report_years(session: Session, commune: str) -> list[int]:
    """Years for which the commune has synergies, matrices or joint contracts: the years a report can cover."""
    years = set(synergy_q.synergies(session, commune=commune)["report_year"].dropna().astype(int))
    years |= set(matrix_q.matrix_levels(session, commune=commune)["year"].astype(int))
    years |= set(contract_q.contracts(session, commune=commune)["report_year"].dropna().astype(int))
    return sorted(years, reverse=True)


def build_report(
    session: Session, *, commune: str, year: int, lang: str | None = None, today: dt.date | None = None
) -> Report:
    """Everything the report shows, or ReportUnavailable with a one-line reason."""
    lang = normalise_language(lang)
    table = commune_q.communes(session, commune=commune)
    if table.empty:
        known = ", ".join(commune_q.commune_slugs(session))
        raise ReportUnavailable(t("rep.error.commune", lang, commune=str(commune)[:60], known=known))
    years = report_years(session, commune)
    if year not in years:
        listed = ", ".join(str(y) for y in years) or "—"
        raise ReportUnavailable(t("rep.error.year", lang, commune=commune, year=year, years=listed))
    row = table.iloc[0]
    name = str(row["name_nl"] if lang == "nl" and row["name_nl"] else row["name"])
    synergies = synergy_q.synergies(session, commune=commune, years=[year])
    levels = matrix_q.matrix_levels(session, commune=commune, years=[year])
    sections = [
        _done_and_ongoing(synergies, lang),
        _planned(synergies, lang),
        _matrices(levels, lang),
        _synthesis(session, commune, year, levels, lang),
        _contracts(session, commune, year, lang),
    ]
    return Report(commune, name, year, lang, today or dt.date.today(), sections, region=str(row["region"]))


def _text(value: Any) -> str | None:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    return str(value).strip() or None


def _label(prefix: str, code: Any, lang: str) -> str | None:
    code = _text(code)
    return t(f"{prefix}.{code}", lang) if code else None


def _objectives(record: dict, lang: str) -> str | None:
    """The objective as the source writes it, else the template's categories."""
    codes = [c for c in str(record.get("objectives") or "").split(";") if c]
    written = _text(record.get("objective_text"))  # already names the categories when it has them
    return written or ", ".join(t(f"objective.{c}", lang) for c in codes) or None


def _by_group(df: pd.DataFrame, lang: str):
    for group in GROUPS:
        part = df[df["group"] == group]
        yield group, t(f"rep.group.{group}", lang), part


def _done_and_ongoing(synergies: pd.DataFrame, lang: str) -> Section:
    df = synergies[synergies["status"].isin(["realisee", "en_cours"])]
    columns = [
        Column(t("exp.col.title", lang), width=3),
        Column(t("rep.col.objective", lang), width=1.8),
        Column(t("exp.col.mode", lang), width=1.1),
        Column(t("rep.col.pilot", lang), width=0.9),
        Column(t("exp.col.responsible", lang), width=1.5),
        Column(t("exp.col.status", lang), width=1.15),
        Column(t("rep.col.results", lang), width=2.95),
    ]
    blocks = []
    for _group, heading, part in _by_group(df, lang):
        blocks.append(Block(heading, empty=t("rep.none", lang) if part.empty else None))
        for service_name, rows in part.groupby("service_name", sort=False):
            rows = rows.sort_values(
                "status", key=lambda s: s.map({"realisee": 0, "en_cours": 1}), kind="stable"
            )
            body = [
                [
                    r["title"],
                    _objectives(r, lang),
                    _label("mode", r["mode"], lang),
                    _label("pilot", r["pilot"], lang),
                    _text(r["responsible"]),
                    _label("status.one", r["status"], lang),
                    _text(r["result"]),
                ]
                for r in rows.to_dict("records")
            ]
            blocks.append(Block(None, [ReportTable(columns, body, title=str(service_name))]))
    return Section("done", 1, t("rep.s1.title", lang), t("rep.s1.intro", lang), blocks)


def _planned(synergies: pd.DataFrame, lang: str) -> Section:
    df = synergies[synergies["status"] == "projetee"]
    columns = [
        Column(t("exp.col.service", lang), width=1.4),
        Column(t("exp.col.title", lang), width=2.6),
        Column(t("rep.col.objective", lang), width=1.5),
        Column(t("exp.col.mode", lang), width=1.0),
        Column(t("rep.col.pilot", lang), width=0.8),
        Column(t("exp.col.responsible", lang), width=1.2),
        Column(t("exp.col.means", lang), width=1.4),
        Column(t("exp.col.expected_result", lang), width=1.8),
        Column(t("exp.col.deadline", lang), width=0.9),
    ]
    blocks = []
    for _group, heading, part in _by_group(df, lang):
        body = [
            [
                r["service_name"],
                r["title"],
                _objectives(r, lang),
                _label("mode", r["mode"], lang),
                _label("pilot", r["pilot"], lang),
                _text(r["responsible"]),
                _text(r["means"]),
                _text(r["expected_result"]),
                _text(r["deadline"]) or t("rep.to_be_set", lang),
            ]
            for r in part.to_dict("records")
        ]
        tables = [ReportTable(columns, body)] if body else []
        blocks.append(Block(heading, tables, empty=None if body else t("rep.none", lang)))
    return Section("planned", 2, t("rep.s2.title", lang), t("rep.s2.intro", lang), blocks)


def _matrices(levels: pd.DataFrame, lang: str) -> Section:
    register_labels = {r: t(f"register.{r}", lang) for r in matrix_q.REGISTERS}
    level_labels = {n: t(f"level.{n}", lang) for n in range(matrix_q.MAX_LEVEL + 1)}
    columns = [
        Column(t("exp.col.register", lang), width=3),
        Column(t("exp.col.level", lang), "int", width=0.8),
        Column(t("rep.col.level_name", lang), width=1.4),
    ]
    wrapped = {r: fig_matrix.wrap(label, 16) for r, label in register_labels.items()}  # fits the page
    blocks = []
    if levels.empty:
        blocks.append(Block(None, empty=t("rep.none", lang)))
    ordered = levels.assign(_g=levels["group"].map({g: i for i, g in enumerate(GROUPS)}))
    for (_g, _code, service_name), part in ordered.groupby(["_g", "service", "service_name"], sort=False):
        part = part.sort_values("register_position")
        body = [
            [register_labels.get(r, r), int(level), level_labels.get(int(level))]
            for r, level in zip(part["register"], part["level"], strict=True)
        ]
        total = int(part["level"].sum())
        footer = [[t("rep.total_of", lang, maximum=matrix_q.MAX_LEVEL * len(part)), total, None]]
        figure = fig_matrix.radar(
            part.assign(series=str(service_name)),
            series_column="series",
            register_labels=wrapped,
            level_labels=level_labels,
            lang=lang,
            title=str(service_name),  # the image names its service when copied out of the report
            line_width=3,
            font_size=15,
        )
        # Room for the long register names on both sides of the polygon.
        figure.update_layout(showlegend=False, margin={"l": 150, "r": 150, "t": 64, "b": 56})
        blocks.append(Block(str(service_name), [ReportTable(columns, body, footer=footer)], radar=figure))
    return Section("matrices", 3, t("rep.s3.title", lang), t("rep.s3.intro", lang), blocks)


def _synthesis(session: Session, commune: str, year: int, levels: pd.DataFrame, lang: str) -> Section:
    blocks = []
    for _group, heading, part in _by_group(levels, lang):
        if part.empty:
            blocks.append(Block(heading, empty=t("rep.none", lang)))
            continue
        services = list(dict.fromkeys(part["service_name"]))
        n = len(services)
        grid = part.pivot_table(index="register", columns="service_name", values="level", aggfunc="sum")
        columns = [Column(t("exp.col.register", lang), width=1.5)]
        columns += [Column(str(s), "int", width=1) for s in services]
        columns.append(Column(t("rep.col.total_of", lang, maximum=matrix_q.MAX_LEVEL * n), "int", width=1))
        body = []
        for register in matrix_q.REGISTERS:
            if register not in grid.index:
                continue
            values = [_int(grid.loc[register].get(s)) for s in services]
            body.append([t(f"register.{register}", lang), *values, sum(v for v in values if v is not None)])
        per_service = [_int(part[part["service_name"] == s]["level"].sum()) for s in services]
        footer = [[t("rep.total_of", lang, maximum=25), *per_service, sum(per_service)]]
        group_max = 25 * n
        blocks.append(
            Block(
                heading,
                [
                    ReportTable(
                        columns,
                        body,
                        footer=footer,
                        note=t("rep.s4.group_total", lang, total=sum(per_service), maximum=group_max),
                    )
                ],
            )
        )
    history = matrix_q.synthesis(session, commune=commune)
    history = history[history["year"] <= year]
    columns = [
        Column(t("exp.col.year", lang), width=0.8),
        Column(t("exp.col.group", lang), width=2),
        Column(t("exp.col.total", lang), "int", width=0.8),
        Column(t("exp.col.maximum", lang), "int", width=0.9),
        Column(t("exp.col.percent", lang), "percent", width=1.2),
        Column(t("exp.col.change", lang), "int", width=0.9),
        Column(t("exp.col.origin", lang), width=2),
    ]
    body = [
        [
            str(int(r["year"])),
            t(f"group.{r['group']}", lang),
            _int(r["total"]),
            _int(r["maximum"]),
            None if pd.isna(r["percent"]) else float(r["percent"]),
            _int(r["change"]),
            t(f"exp.origin.{r['origin']}", lang)
            + (" — " + t("rep.disagrees", lang) if r["disagrees"] else ""),
        ]
        for r in history.to_dict("records")
    ]
    blocks.append(
        Block(
            t("rep.s4.history", lang),
            [ReportTable(columns, body)] if body else [],
            empty=None if body else t("rep.none", lang),
        )
    )
    return Section("synthesis", 4, t("rep.s4.title", lang), t("rep.s4.intro", lang), blocks)


def _int(value: Any) -> int | None:
    if value is None or pd.isna(value):
        return None
    return int(value)


def _contracts(session: Session, commune: str, year: int, lang: str) -> Section:
    counts = contract_q.contract_counts(session, commune=commune)
    counts = counts[counts["year"] <= year]
    count_columns = [
        Column(t("exp.col.year", lang), width=0.8),
        Column(t("body.cpas", lang), "int", width=1),
        Column(t("body.commune", lang), "int", width=1),
        Column(t("body.conjoint", lang), "int", width=1),
        Column(t("exp.col.note", lang), width=4),
    ]
    count_rows = []
    for y, part in counts.groupby("year"):
        by_body = dict(zip(part["body"], part["count"], strict=True))
        notes = [
            t("rep.partial", lang, body=t(f"body.{r['body']}", lang), date=_date(r["counted_until"], lang))
            + (f" ({r['note']})" if _text(r["note"]) else "")
            for r in part.to_dict("records")
            if r["partial"]
        ]
        count_rows.append(
            [
                str(int(y)),
                *(_int(by_body.get(b)) for b in ("cpas", "commune", "conjoint")),
                "; ".join(notes) or None,
            ]
        )
    contract_columns = [
        Column(t("exp.col.title", lang), width=4),
        Column(t("exp.col.type", lang), width=1),
        Column(t("exp.col.procedure", lang), width=1.2),
        Column(t("exp.col.estimated_amount", lang), "amount", width=1.4),
        Column(t("exp.col.planned_award_date", lang), "date", width=1.3),
    ]

    procedures = contract_q.procedures(session)
    abbreviations = dict(zip(procedures["code"], procedures["abbreviation"], strict=True))

    def contract_rows(stage: str) -> list[list[Any]]:
        df = contract_q.contracts(session, commune=commune, stage=stage, years=[year])
        return [
            [
                r["title"],
                _label("contract_type", r["type"], lang),
                abbreviations.get(r["procedure"], r["procedure"]),
                None if pd.isna(r["estimated_amount"]) else float(r["estimated_amount"]),
                r["planned_award_date"] if isinstance(r["planned_award_date"], dt.date) else None,
            ]
            for r in df.to_dict("records")
        ]

    legend = " · ".join(
        f"{a} = {n}" for a, n in zip(procedures["abbreviation"], procedures["name"], strict=True)
    )
    blocks = []
    for heading, columns, rows, note in (
        (t("rep.s5.awarded", lang), count_columns, count_rows, None),
        (t("rep.s5.joint", lang), contract_columns, contract_rows("conjoint"), legend),
        (
            t("rep.s5.pipeline", lang),
            contract_columns,
            contract_rows("candidat"),
            t("rep.missing_amount", lang),
        ),
    ):
        tables = [ReportTable(columns, rows, note=note)] if rows else []
        blocks.append(Block(heading, tables, empty=None if rows else t("rep.none", lang)))
    return Section("contracts", 5, t("rep.s5.title", lang), t("rep.s5.intro", lang), blocks)


def _date(value: Any, lang: str) -> str:
    from dashboard.i18n import fmt_date

    return fmt_date(value, lang) if isinstance(value, dt.date) else "—"
