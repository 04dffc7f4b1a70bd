"""The synergy form: pick one (or 'new'), every field of the register, status moves included."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import html
from sqlalchemy.orm import Session

from dashboard import ids
from dashboard.db import enums as E
from dashboard.editing import rows
from dashboard.i18n import t
from dashboard.queries import communes as commune_q
from dashboard.queries import synergies as synergy_q
from dashboard.views.staff import message_area

NEW = "__new__"
SELECTS = {"status": E.SynergyStatus, "mode": E.Mode, "pilot": E.Pilot}
NUMBERS = ("report_year", "started_year")
TEXTAREAS = ("objective_text", "means", "expected_result", "result")
TEXTS = ("title", "responsible", "deadline")
# every field the form posts, in one fixed order (callback outputs and states follow it)
FIELDS = (
    "ref",
    "title",
    "service",
    "status",
    "report_year",
    "started_year",
    "mode",
    "pilot",
    "responsible",
    "objectives",
    "objective_text",
    "means",
    "expected_result",
    "result",
    "deadline",
)


def field_id(name: str) -> dict[str, str]:
    return {"type": ids.GSYN_FIELD, "field": name}


def empty_values() -> dict[str, object]:
    values: dict[str, object] = dict.fromkeys(FIELDS, "")
    values.update(status=E.SynergyStatus.PLANNED.value, objectives=[], report_year=None, started_year=None)
    return values


def values_of(session: Session, commune: str, ref: str) -> dict[str, object] | None:
    cid = rows.commune_id(session, commune)
    row = rows.find_synergy(session, cid, ref)
    if row is None:
        return None
    values = rows.synergy_values(session, row)
    values["ref"] = ref
    return {
        name: ("" if values.get(name) is None and name not in NUMBERS else values.get(name))
        for name in FIELDS
    }


def pick_options(session: Session, commune: str, lang: str) -> list[dict]:
    frame = synergy_q.synergies(session, commune=commune)
    options = [{"label": t("gsyn.new", lang), "value": NEW}]
    options += [
        {"label": f"{ref} — {title[:80]} ({t('status.one.' + status, lang)})", "value": ref}
        for ref, title, status in zip(frame["ref"], frame["title"], frame["status"], strict=True)
    ]
    return options


def _title(name: str, lang: str) -> str:
    return t("gsyn.ref" if name == "ref" else f"gsyn.field.{name}", lang)


def _control(name: str, session: Session, commune: str, lang: str, value: object):
    common = {"id": field_id(name), "value": value}
    if name == "service":
        services = commune_q.services(session, commune=commune)
        options = [{"label": n, "value": c} for c, n in zip(services["code"], services["name"], strict=True)]
        return dbc.Select(options=options, **common)
    if name in SELECTS:
        prefix = "status.one" if name == "status" else name
        options = [{"label": t(f"{prefix}.{m.value}", lang), "value": m.value} for m in SELECTS[name]]
        if name != "status":
            options.insert(0, {"label": t("gsyn.none", lang), "value": ""})
        return dbc.Select(options=options, **common)
    if name in NUMBERS:
        return dbc.Input(type="number", min=1990, max=2100, step=1, **common)
    if name in TEXTAREAS:
        return dbc.Textarea(rows=2, maxLength=4000, **common)
    return dbc.Input(type="text", maxLength=500 if name == "title" else 80, **common)


def _field(name: str, session: Session, commune: str, lang: str, value: object):
    """A labelled control. Dict ids cannot be a label's `for`, so controls sit inside their label
    (and the objective checkboxes, each with its own label, in a fieldset with a legend)."""
    if name == "objectives":
        options = [{"label": t(f"objective.{m.value}", lang), "value": m.value} for m in E.Objective]
        return html.Fieldset(
            [
                html.Legend(_title(name, lang), className="form-label fs-6 mb-1"),
                dbc.Checklist(options=options, id=field_id(name), value=value, inline=True),
            ]
        )
    return html.Label(
        [
            html.Span(_title(name, lang), className="form-label d-block mb-1"),
            _control(name, session, commune, lang, value),
        ],
        className="d-block w-100",
    )


def form(session: Session, commune: str, lang: str) -> list:
    values = empty_values()
    services = commune_q.services(session, commune=commune)
    values["service"] = services["code"].iloc[0] if not services.empty else ""
    wide = {"title", "objective_text", "means", "expected_result", "result", "objectives"}
    fields = [
        dbc.Col(
            _field(name, session, commune, lang, values[name]), md=12 if name in wide else 4, className="mb-3"
        )
        for name in FIELDS
    ]
    return [
        dbc.Label(t("gsyn.pick", lang), html_for=ids.GSYN_PICK),
        dbc.Select(
            id=ids.GSYN_PICK, options=pick_options(session, commune, lang), value=NEW, className="mb-4"
        ),
        dbc.Row(fields),
        dbc.Button(t("gestion.save", lang), id=ids.GSYN_SAVE, color="primary", n_clicks=0),
        message_area(ids.GSYN_MESSAGE),
    ]
