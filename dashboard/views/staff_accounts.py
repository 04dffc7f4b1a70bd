"""The accounts page: the accounts an admin manages, their roles per commune, and the create/assign form."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import html
from sqlalchemy.orm import Session

from dashboard import ids
from dashboard.auth import accounts
from dashboard.auth.permissions import Actor
from dashboard.db.models import ALL_COMMUNES
from dashboard.i18n import t
from dashboard.queries import communes as commune_q
from dashboard.views.staff import message_area


def _role_text(commune: str, role: str, lang: str) -> str:
    where = t("role.all_communes", lang) if commune == ALL_COMMUNES else commune
    return f"{t('role.' + role, lang)} — {where}"


def _role_item(user, commune: str, role: str, actor: Actor, lang: str) -> html.Li:
    """One role, with a Remove button when the admin manages that commune (never on their own account)."""
    text = _role_text(commune, role, lang)
    if not actor.may_admin(commune) or user.id == actor.user_id:
        return html.Li(text)
    button = html.Button(
        t("accounts.remove_role", lang),
        id={"type": ids.ACC_REMOVE_ROLE, "user": user.username, "commune": commune},
        type="button",
        className="btn btn-sm btn-link text-danger py-0",
        n_clicks=0,
        **{"aria-label": t("accounts.remove_role_label", lang, user=user.username, role=text)},
    )
    return html.Li([text, " ", button])


def table(session: Session, actor: Actor, lang: str) -> dbc.Table:
    """Accounts with a role on a commune the admin manages (every account for an admin of '*')."""
    body = []
    for user in accounts.list_users(session):
        roles = [(r.commune_slug, r.role.value) for r in user.roles]
        if roles and not any(actor.may_admin(c) for c, _ in roles):
            continue
        manageable = all(actor.may_admin(c) for c, _ in roles) and user.id != actor.user_id
        action = (
            html.Button(
                t("accounts.deactivate", lang),
                id={"type": ids.ACC_DEACTIVATE, "user": user.username},
                type="button",
                className="btn btn-sm btn-outline-danger",
                n_clicks=0,
                **{"aria-label": t("accounts.deactivate_label", lang, user=user.username)},
            )
            if user.active and manageable
            else ""
        )
        body.append(
            html.Tr(
                [
                    html.Td(user.username),
                    html.Td(
                        html.Ul(
                            [_role_item(user, c, r, actor, lang) for c, r in roles], className="mb-0 ps-3"
                        )
                    ),
                    html.Td(t("accounts.active" if user.active else "accounts.inactive", lang)),
                    html.Td(action),
                ]
            )
        )
    head = html.Thead(
        html.Tr(
            [html.Th(t(f"accounts.col.{c}", lang), scope="col") for c in ("user", "roles", "state", "action")]
        )
    )
    return dbc.Table([head, html.Tbody(body)], striped=True, size="sm")


def form(session: Session, actor: Actor, lang: str) -> list:
    communes = commune_q.communes(session)
    options = [
        {"label": n, "value": s}
        for s, n in zip(communes["slug"], communes["name"], strict=True)
        if actor.may_admin(s)
    ]
    if actor.may_admin(ALL_COMMUNES):
        options.insert(0, {"label": t("role.all_communes", lang), "value": ALL_COMMUNES})
    role_options = [{"label": t(f"role.{r}", lang), "value": r} for r in ("editor", "admin")]
    return [
        html.H2(t("accounts.create", lang), className="h4 mt-4"),
        dbc.Row(
            [
                dbc.Col(
                    [
                        dbc.Label(t("accounts.col.user", lang), html_for=ids.ACC_USERNAME),
                        dbc.Input(id=ids.ACC_USERNAME, type="text", maxLength=60, autoComplete="off"),
                    ],
                    md=3,
                ),
                dbc.Col(
                    [
                        dbc.Label(t("accounts.password", lang), html_for=ids.ACC_PASSWORD),
                        dbc.Input(
                            id=ids.ACC_PASSWORD, type="password", maxLength=1024, autoComplete="new-password"
                        ),
                    ],
                    md=5,
                ),
                dbc.Col(
                    [
                        dbc.Label(t("accounts.role", lang), html_for=ids.ACC_ROLE),
                        dbc.Select(id=ids.ACC_ROLE, options=role_options, value="editor"),
                    ],
                    md=2,
                ),
                dbc.Col(
                    [
                        dbc.Label(t("accounts.commune", lang), html_for=ids.ACC_COMMUNE),
                        dbc.Select(
                            id=ids.ACC_COMMUNE,
                            options=options,
                            value=options[0]["value"] if options else None,
                        ),
                    ],
                    md=2,
                ),
            ],
            className="mb-3",
        ),
        dbc.Button(t("accounts.submit", lang), id=ids.ACC_SUBMIT, color="primary", n_clicks=0),
        *reset_form(lang),
        message_area(ids.ACC_MESSAGE),
    ]


def reset_form(lang: str) -> list:
    """An admin sets a new password for an account they manage (its open sessions end)."""
    return [
        html.H2(t("accounts.reset.title", lang), className="h4 mt-4"),
        html.P(t("accounts.reset.intro", lang), className="text-body-secondary"),
        dbc.Row(
            [
                dbc.Col(
                    [
                        dbc.Label(t("accounts.col.user", lang), html_for=ids.ACC_RESET_USERNAME),
                        dbc.Input(id=ids.ACC_RESET_USERNAME, type="text", maxLength=60, autoComplete="off"),
                    ],
                    md=3,
                ),
                dbc.Col(
                    [
                        dbc.Label(t("accounts.reset.password", lang), html_for=ids.ACC_RESET_PASSWORD),
                        dbc.Input(
                            id=ids.ACC_RESET_PASSWORD,
                            type="password",
                            maxLength=1024,
                            autoComplete="new-password",
                        ),
                    ],
                    md=5,
                ),
            ],
            className="mb-3",
        ),
        dbc.Button(t("accounts.reset.submit", lang), id=ids.ACC_RESET_SUBMIT, color="primary", n_clicks=0),
    ]
