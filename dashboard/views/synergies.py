"""Synergies page: URL parameters ⇄ filters, the filter form, and the results (charts, table, record)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace

import dash_bootstrap_components as dbc
import pandas as pd
from dash import html
from sqlalchemy.orm import Session

from components.cards import empty_state
from components.charts import chart_card
from components.table import Column, TableLabels, data_table, sort_and_page
from dashboard import ids
from dashboard.figures import synergies as fig_syn
from dashboard.i18n import t
from dashboard.queries import communes as commune_q
from dashboard.queries import matrix as matrix_q
from dashboard.queries import synergies as synergy_q
from dashboard.urlstate import page_number
from dashboard.views.shell import PageContext

STATUSES = ("realisee", "en_cours", "projetee")
PILOTS = ("commune", "cpas", "les_deux", "none")
MODES = ("cooperatif", "delegatif", "cooperatif_et_delegatif", "none")
OBJECTIVES = ("satisfaction_citoyen", "performance_administrative", "moyens", "none")
GROUPS = ("support", "autre")
SORT_KEYS = ("service_name", "title", "status", "pilot", "mode", "objectives", "deadline")
PAGE_SIZE = 15
ALL = "all"  # the "every service / every group" choice of a select (a select cannot show an empty value)
MAX_QUERY = 200


def _codes(value: str | None, allowed: tuple[str, ...]) -> tuple[str, ...]:
    if not value:
        return ()
    return tuple(code for code in dict.fromkeys(value.split(",")) if code in allowed)


@dataclass(frozen=True)
class SynergyFilters:
    """The page's view; every field has a URL parameter. Unknown codes are dropped, never an error."""

    service: str | None = None
    group: str | None = None
    statuses: tuple[str, ...] = ()
    pilots: tuple[str, ...] = ()
    modes: tuple[str, ...] = ()
    objectives: tuple[str, ...] = ()
    q: str = ""
    sort: str | None = None
    desc: bool = False
    page: int = 1
    ref: str | None = None
    service_codes: tuple[str, ...] = field(default=(), compare=False, repr=False)

    @classmethod
    def from_params(cls, params: dict[str, str], service_codes: tuple[str, ...]) -> SynergyFilters:
        page = page_number(params.get("page", 1))
        service = params.get("service")
        sort = params.get("sort")
        return cls(
            service=service if service in service_codes else None,
            group=params.get("group") if params.get("group") in GROUPS else None,
            statuses=_codes(params.get("status"), STATUSES),
            pilots=_codes(params.get("pilot"), PILOTS),
            modes=_codes(params.get("mode"), MODES),
            objectives=_codes(params.get("objective"), OBJECTIVES),
            q=str(params.get("q", ""))[:MAX_QUERY],
            sort=sort if sort in SORT_KEYS else None,
            desc=params.get("dir") == "desc",
            page=page,
            ref=str(params["ref"])[:40] if params.get("ref") else None,
            service_codes=service_codes,
        )

    def to_params(self) -> dict[str, object]:
        return {
            "service": self.service,
            "group": self.group,
            "status": ",".join(self.statuses),
            "pilot": ",".join(self.pilots),
            "mode": ",".join(self.modes),
            "objective": ",".join(self.objectives),
            "q": self.q.strip(),
            "sort": self.sort,
            "dir": "desc" if self.desc and self.sort else None,
            "page": self.page if self.page > 1 else None,
            "ref": self.ref,
        }

    def with_changes(self, **changes: object) -> SynergyFilters:
        return replace(self, **changes)


URL_KEYS = ("service", "group", "status", "pilot", "mode", "objective", "q", "sort", "dir", "page", "ref")


def service_codes(session: Session, commune: str) -> tuple[str, ...]:
    return tuple(commune_q.services(session, commune=commune)["code"])


def filter_form(ctx: PageContext, services: pd.DataFrame, f: SynergyFilters) -> html.Form:
    lang = ctx.lang

    def checklist(
        element_id: str, legend_key: str, codes: tuple[str, ...], label_prefix: str, value
    ) -> html.Fieldset:
        return html.Fieldset(
            [
                html.Legend(t(legend_key, lang), className="filter-legend"),
                dbc.Checklist(
                    id=element_id,
                    options=[{"label": t(f"{label_prefix}.{code}", lang), "value": code} for code in codes],
                    value=list(value),
                ),
            ],
            className="mb-3",
        )

    return html.Form(
        [
            html.H2(t("syn.filters", lang), className="h6 text-uppercase filter-heading"),
            html.Div(
                [
                    dbc.Label(t("syn.search", lang), html_for=ids.SYN_SEARCH),
                    dbc.Input(
                        id=ids.SYN_SEARCH,
                        type="search",
                        value=f.q,
                        debounce=True,
                        placeholder=t("syn.search.placeholder", lang),
                        maxLength=MAX_QUERY,
                    ),
                ],
                className="mb-3",
            ),
            html.Div(
                [
                    dbc.Label(t("syn.service", lang), html_for=ids.SYN_SERVICE),
                    dbc.Select(
                        id=ids.SYN_SERVICE,
                        options=[{"label": t("syn.all_services", lang), "value": ALL}]
                        + [
                            {"label": n, "value": c}
                            for c, n in zip(services["code"], services["name"], strict=True)
                        ],
                        value=f.service or ALL,
                    ),
                ],
                className="mb-3",
            ),
            html.Fieldset(
                [
                    html.Legend(t("syn.group", lang), className="filter-legend"),
                    dbc.RadioItems(
                        id=ids.SYN_GROUP,
                        options=[{"label": t("syn.group.all", lang), "value": ALL}]
                        + [{"label": t(f"group.{g}", lang), "value": g} for g in GROUPS],
                        value=f.group or ALL,
                    ),
                ],
                className="mb-3",
            ),
            checklist(ids.SYN_STATUS, "syn.status", STATUSES, "status.one", f.statuses),
            checklist(ids.SYN_PILOT, "syn.pilot", PILOTS, "pilot", f.pilots),
            checklist(ids.SYN_MODE, "syn.mode", MODES, "mode", f.modes),
            checklist(ids.SYN_OBJECTIVE, "syn.objective", OBJECTIVES, "objective", f.objectives),
        ],
        className="filter-form",
        **{"aria-label": t("syn.filters", lang)},
        role="search",
    )


def status_badge(status: str, lang: str) -> html.Span:
    return html.Span(t(f"status.one.{status}", lang), className=f"badge status-badge status-{status}")


def _present(value: object) -> bool:
    return value is not None and value != "" and not (isinstance(value, float) and pd.isna(value))


def _label(prefix: str, code: str | None, lang: str) -> str:
    return t(f"{prefix}.{code}", lang) if _present(code) else t(f"{prefix}.none", lang)


def _objectives_text(codes: str, lang: str) -> str:
    parts = [t(f"objective.{c}", lang) for c in codes.split(";") if c]
    return ", ".join(parts) if parts else t("objective.none", lang)


def _deadline_cell(row: dict, lang: str) -> list:
    content: list = [row["deadline"] if _present(row.get("deadline")) else ""]
    if row.get("deadline_passed"):
        content.append(html.Span(t("syn.deadline_passed", lang), className="badge badge-overdue ms-1"))
    return content


def _service_links(session: Session, ctx: PageContext, f: SynergyFilters) -> list:
    """With one service chosen: a link to its cooperation radar (when it has a matrix)."""
    if not f.service or matrix_q.matrix_levels(session, commune=ctx.commune, services=[f.service]).empty:
        return []
    names = commune_q.services(session, commune=ctx.commune).set_index("code")["name"]
    href = ctx.href("matrices", mode="services", services=f.service)
    if href is None:
        return []
    return [
        html.P(
            html.A(
                t("syn.open_radar", ctx.lang, service=names.get(f.service, f.service)),
                href=href,
                id=ids.SYN_RADAR_LINK,
                className="btn btn-outline-primary btn-sm",
            ),
            className="mb-2",
        )
    ]


def results(session: Session, ctx: PageContext, f: SynergyFilters, *, today: dt.date | None = None) -> list:
    """Everything right of the filter form, rendered for the filters `f`."""
    lang = ctx.lang
    today = today or dt.date.today()
    years = [ctx.year] if ctx.year else []
    everything = synergy_q.synergies(session, commune=ctx.commune, years=years)
    if everything.empty:
        return [empty_state(t("syn.empty.commune", lang, commune=ctx.commune_name))]
    df = synergy_q.filter_synergies(
        everything,
        services=[f.service] if f.service else [],
        statuses=list(f.statuses),
        groups=[f.group] if f.group else [],
        pilots=f.pilots,
        modes=f.modes,
        objectives=f.objectives,
        text=f.q,
    )
    df = df.assign(deadline_passed=synergy_q.deadline_passed(df, today.year))
    count = html.P(
        t("syn.count", lang, count=len(df), total=len(everything)),
        className="result-count mb-2",
        role="status",
        **{"aria-live": "polite"},
    )
    links = _service_links(session, ctx, f)
    if df.empty:
        return [count, *links, empty_state(t("syn.empty.filters", lang))]

    status_labels = {s: t(f"status.{s}", lang) for s in STATUSES}
    pilot_labels = {p: t(f"pilot.{p}", lang) for p in PILOTS}
    objective_labels = {o: t(f"objective.{o}", lang) for o in OBJECTIVES}
    charts = dbc.Row(
        [
            dbc.Col(
                chart_card(
                    ids.SYN_CHART_STATUS,
                    fig_syn.status_by_pilot(
                        df, status_labels=status_labels, pilot_labels=pilot_labels, lang=lang
                    ),
                    title=t("syn.chart.status", lang),
                    filename="synergies-statut",
                    lang=lang,
                ),
                lg=6,
            ),
            dbc.Col(
                chart_card(
                    ids.SYN_CHART_OBJECTIVE,
                    fig_syn.objective_share(
                        synergy_q.objective_shares(df), objective_labels=objective_labels, lang=lang
                    ),
                    title=t("syn.chart.objective", lang),
                    filename="synergies-objectifs",
                    lang=lang,
                ),
                lg=6,
            ),
            dbc.Col(
                chart_card(
                    ids.SYN_CHART_SERVICE,
                    fig_syn.service_by_pilot(df, pilot_labels=pilot_labels, lang=lang),
                    title=t("syn.chart.service", lang),
                    filename="synergies-services",
                    lang=lang,
                ),
                lg=12,
            ),
        ],
        className="g-3 mb-3",
    )
    records = df.to_dict(orient="records")
    for record in records:
        record["status_order"] = STATUSES.index(record["status"])
    sort_field = {"status": "status_order"}.get(f.sort or "", f.sort)
    rows, total, page = sort_and_page(
        records, sort_key=sort_field, descending=f.desc, page=f.page, page_size=PAGE_SIZE
    )
    columns = [
        Column("service_name", t("syn.col.service", lang)),
        Column("title", t("syn.col.title", lang), render=lambda r: html.Span(r["title"], lang=r["language"])),
        Column("status", t("syn.col.status", lang), render=lambda r: status_badge(r["status"], lang)),
        Column("pilot", t("syn.col.pilot", lang), render=lambda r: _label("pilot", r["pilot"], lang)),
        Column("mode", t("syn.col.mode", lang), render=lambda r: _label("mode", r["mode"], lang)),
        Column(
            "objectives",
            t("syn.col.objectives", lang),
            render=lambda r: _objectives_text(r["objectives"], lang),
        ),
        Column("deadline", t("syn.col.deadline", lang), render=lambda r: _deadline_cell(r, lang)),
        Column(
            "detail",
            t("syn.col.detail", lang),
            sortable=False,
            render=lambda r: html.Button(
                [t("syn.detail.open", lang), html.Span(f" : {r['title'][:80]}", className="visually-hidden")],
                id={"type": ids.SYN_DETAIL_BUTTON, "ref": r["ref"]},
                type="button",
                n_clicks=0,
                className="btn btn-sm " + ("btn-primary" if r["ref"] == f.ref else "btn-outline-primary"),
                **{"aria-pressed": "true" if r["ref"] == f.ref else "false"},
            ),
        ),
    ]
    table = data_table(
        table_id=ids.SYN_TABLE,
        columns=columns,
        rows=rows,
        labels=TableLabels(
            caption=t("syn.table.caption", lang),
            sort_ascending=t("table.sort_ascending", lang),
            sort_descending=t("table.sort_descending", lang),
            sort_by=t("table.sort_by", lang),
            page_of=t("table.page_of", lang),
            previous=t("table.previous", lang),
            next=t("table.next", lang),
            rows=t("table.rows", lang),
            empty=t("syn.empty.filters", lang),
        ),
        sort_key=f.sort,
        descending=f.desc,
        page=page,
        page_size=PAGE_SIZE,
        total=total,
        sort_button_id=lambda key: {"type": ids.SYN_SORT_BUTTON, "key": key},
        page_button_id=lambda direction: {"type": ids.SYN_PAGE_BUTTON, "dir": direction},
        row_class=lambda r: " ".join(
            c
            for c in (
                "row-overdue" if r["deadline_passed"] else "",
                "table-active" if r["ref"] == f.ref else "",
            )
            if c
        ),
    )
    selected = next((r for r in records if r["ref"] == f.ref), None)
    return [count, *links, charts, table, detail_panel(selected, ctx)]


def detail_panel(record: dict | None, ctx: PageContext) -> html.Section:
    lang = ctx.lang
    if record is None:
        body = [html.P(t("syn.detail.none", lang), className="mb-0 text-body-secondary")]
        heading = t("syn.detail.title", lang)
    else:
        not_stated = t("syn.not_stated", lang)

        def item(key: str, value: object) -> list:
            text = value if _present(value) else not_stated
            return [
                html.Dt(t(f"syn.field.{key}", lang), className="col-sm-4"),
                html.Dd(text, className="col-sm-8 detail-value"),
            ]

        fields = []
        fields += item("ref", record["ref"])
        fields += item("report_year", int(record["report_year"]) if _present(record["report_year"]) else None)
        fields += item("service", record["service_name"])
        fields += item("status", status_badge(record["status"], lang))
        fields += item("objectives", _objectives_text(record["objectives"], lang))
        fields += item(
            "objective_text",
            html.Span(record["objective_text"], lang=record["language"])
            if record["objective_text"]
            else None,
        )
        fields += item("mode", _label("mode", record["mode"], lang))
        fields += item("pilot", _label("pilot", record["pilot"], lang))
        fields += item("responsible", record["responsible"])
        fields += item(
            "result",
            html.Span(record["result"], lang=record["language"], className="pre-line")
            if record["result"]
            else None,
        )
        if (
            record["status"] == "projetee"
            or record["means"]
            or record["expected_result"]
            or record["deadline"]
        ):
            fields += item("means", record["means"])
            fields += item(
                "expected_result",
                html.Span(record["expected_result"], lang=record["language"])
                if record["expected_result"]
                else None,
            )
            fields += item("deadline", _deadline_cell(record, lang) if record["deadline"] else None)
        if _present(record.get("started_year")):
            fields += item("started_year", int(record["started_year"]))
        fields += item("source", f"{record['source']} — {record['section']}")
        body = [html.Dl(fields, className="row mb-0")]
        heading = record["title"]
        if record["language"] != lang:
            body.insert(0, html.P(t("syn.source_language", lang), className="small text-body-secondary"))
    return html.Section(
        dbc.Card(
            dbc.CardBody(
                [html.H2(heading, className="h5", lang=record["language"] if record else lang), *body]
            )
        ),
        id=ids.SYN_DETAIL,
        className="mt-3 detail-panel",
        **{"aria-label": t("syn.detail.title", lang)},
    )
