"""Headline figure cards and empty-state messages."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import html


def kpi_card(
    *,
    title: str,
    value: str | None,
    lines: list[str],
    href: str | None = None,
    link_label: str = "",
    badge: str | None = None,
    empty_text: str | None = None,
    card_id: str | None = None,
) -> dbc.Card:
    """A headline figure. Without a value the card says so in words (never a blank or a zero)."""
    body: list = [html.H2(title, className="kpi-title h6 text-body-secondary")]
    if value is None:
        body.append(html.P(empty_text or "—", className="kpi-empty mb-0"))
    else:
        body.append(html.P(value, className="kpi-value mb-1"))
        body.extend(html.P(line, className="kpi-line mb-0 small") for line in lines if line)
    if badge:
        body.append(html.P(html.Span(badge, className="badge badge-partial"), className="mt-2 mb-0"))
    if href and value is not None:
        body.append(
            html.A(link_label, href=href, className="stretched-link kpi-link small mt-2 d-inline-block")
        )
    extra = {"id": card_id} if card_id else {}
    return dbc.Card(dbc.CardBody(body), className="kpi-card h-100", **extra)


def empty_state(message: str, *, role: str = "status") -> html.Div:
    """A clear sentence where a chart or table would be, for missing data."""
    return html.Div(html.P(message, className="mb-0"), className="empty-state", role=role)


def elsewhere(label: str, links: list[tuple[str, str]]) -> html.P | None:
    """'Available for: X, Y' under an empty state, so the user is one click from data that exists."""
    if not links:
        return None
    items: list = [label, " "]
    for index, (text, href) in enumerate(links):
        if index:
            items.append(", ")
        items.append(html.A(text, href=href))
    return html.P(items, className="elsewhere mt-2")
