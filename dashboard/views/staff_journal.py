"""The audit-trail table: who, when, what, old value → new value, and an Undo button per change set."""

from __future__ import annotations

import json

import dash_bootstrap_components as dbc
import pandas as pd
from dash import dcc, html
from sqlalchemy.orm import Session

from components.cards import empty_state
from dashboard import ids
from dashboard.i18n import fmt_date, t
from dashboard.queries import audit as audit_q
from dashboard.urlstate import page_number, with_params

UNDOABLE = ("edit", "undo")
MAX_VALUE = 120
PAGE_SIZE = 50
PATH = "/gestion/journal"  # the page's path (dashboard.pages.staff_journal.PATH), for the pager links


def pager(page: int, pages: int, search: str, lang: str) -> html.Nav:
    """Previous / next links (real links: keyboard- and bookmark-friendly) and 'page x of y'."""

    def link(target: int, key: str, component_id: str):
        label = t(key, lang)
        if 1 <= target <= pages and target != page:
            return dcc.Link(
                label,
                id=component_id,
                href=PATH + with_params(search, page=target if target > 1 else None),
                className="btn btn-sm btn-outline-secondary",
            )
        return html.Span(
            label,
            id=component_id,
            className="btn btn-sm btn-outline-secondary disabled",
            **{"aria-disabled": "true"},
        )

    return html.Nav(
        [
            link(page - 1, "journal.page.previous", ids.JOURNAL_PREV),
            html.Span(
                t("journal.page.position", lang, page=page, pages=pages), className="mx-3", role="status"
            ),
            link(page + 1, "journal.page.next", ids.JOURNAL_NEXT),
        ],
        id=ids.JOURNAL_PAGER,
        className="d-flex align-items-center my-2",
        **{"aria-label": t("journal.page.label", lang)},
    )


def _value(text: object, lang: str) -> str:
    if text is None or (isinstance(text, float) and pd.isna(text)):
        return t("journal.empty_value", lang)
    value = json.loads(str(text))
    if isinstance(value, dict):
        value = value.get("title") or "…"
    if isinstance(value, list):
        value = ", ".join(map(str, value))
    shown = str(value) if value != "" else t("journal.empty_value", lang)
    return shown if len(shown) <= MAX_VALUE else shown[: MAX_VALUE - 1] + "…"


def _change_line(row, lang: str) -> html.Li:
    if row.field == "*":
        old = t("journal.created", lang) if row.old is None else _value(row.old, lang)
        new = t("journal.deleted", lang) if row.new is None else _value(row.new, lang)
    else:
        old, new = _value(row.old, lang), _value(row.new, lang)
    where = f"{row.key} · {row.field}" if row.field != "*" else str(row.key)
    return html.Li([html.Span(where, className="text-body-secondary"), f" : {old} → {new}"])


def _when(at, lang: str) -> str:
    stamp = pd.Timestamp(at)
    stamp = stamp.tz_localize("UTC") if stamp.tzinfo is None else stamp
    local = stamp.tz_convert("Europe/Brussels")
    return f"{fmt_date(local.date(), lang)} {local:%H:%M:%S}"


def table(session: Session, commune: str, lang: str, *, page: object = None, search: str = "") -> html.Div:
    """One page (PAGE_SIZE events, newest first) of the trail; `page` is the URL value, `search`
    the page's query string that the previous/next links keep."""
    pages = -(-audit_q.event_count(session, commune=commune) // PAGE_SIZE)
    number = page_number(page, last=max(pages, 1))
    frame = audit_q.journal(session, commune=commune, limit=PAGE_SIZE, offset=(number - 1) * PAGE_SIZE)
    if frame.empty:
        return empty_state(t("journal.empty", lang))
    body = []
    for event_id, rows in frame.groupby("event", sort=False):
        first = rows.iloc[0]
        changes = [
            _change_line(r, lang) for r in rows.itertuples() if r.entity is not None and not pd.isna(r.entity)
        ]
        undone = not pd.isna(first.undone_by)
        if first.kind in UNDOABLE and not undone:
            action = html.Button(
                t("journal.undo", lang),
                id={"type": ids.JOURNAL_UNDO, "event": int(event_id)},
                type="button",
                className="btn btn-sm btn-outline-danger",
                n_clicks=0,
                **{"aria-label": t("journal.undo_label", lang, event=int(event_id))},
            )
        elif undone:
            action = html.Span(
                f"{t('journal.undone', lang)} ({t('journal.event', lang, event=int(first.undone_by))})",
                className="badge text-bg-secondary",
            )
        else:
            action = ""
        body.append(
            html.Tr(
                [
                    html.Td(
                        [
                            _when(first["at"], lang),
                            html.Br(),
                            html.Small(t("journal.event", lang, event=int(event_id))),
                        ]
                    ),
                    html.Td(first.username),
                    html.Td([t(f"journal.kind.{first.kind}", lang), html.Br(), html.Small(first.summary)]),
                    html.Td(html.Ul(changes, className="mb-0 ps-3 small")),
                    html.Td(action),
                ],
                id=f"journal-event-{int(event_id)}",
            )
        )
    head = html.Thead(
        html.Tr(
            [
                html.Th(t(f"journal.col.{c}", lang), scope="col")
                for c in ("when", "who", "what", "changes", "action")
            ]
        )
    )
    rows = html.Div(
        dbc.Table([head, html.Tbody(body)], striped=True, hover=True, size="sm"), className="table-responsive"
    )
    return html.Div([rows, pager(number, pages, search, lang)] if pages > 1 else rows)
