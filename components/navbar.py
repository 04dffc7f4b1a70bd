"""The top bar (sections) and the filter bar (commune / year / language shared by every page)."""

from __future__ import annotations

from dataclasses import dataclass

import dash_bootstrap_components as dbc
from dash import html


@dataclass(frozen=True)
class NavItem:
    label: str
    href: str
    active: bool = False
    disabled: bool = False
    soon_label: str = ""
    current_label: str = ""


@dataclass(frozen=True)
class Choice:
    label: str
    value: str


@dataclass(frozen=True)
class Selector:
    id: str
    label: str
    choices: list[Choice]
    value: str | None
    width: str


def navbar(
    *,
    brand: str,
    brand_href: str,
    nav_label: str,
    toggle_label: str,
    items: list[NavItem],
    toggler_id: str,
    collapse_id: str,
) -> dbc.Navbar:
    links = []
    for item in items:
        if item.disabled:
            links.append(
                dbc.NavItem(
                    html.Span(
                        [item.label, html.Span(f" ({item.soon_label})", className="visually-hidden")],
                        className="nav-link disabled",
                        title=item.soon_label,
                        **{"aria-disabled": "true"},
                    )
                )
            )
        else:
            label = [item.label, html.Span(f" ({item.current_label})", className="visually-hidden")]
            links.append(
                dbc.NavItem(
                    dbc.NavLink(label if item.active else item.label, href=item.href, active=item.active)
                )
            )
    return dbc.Navbar(
        dbc.Container(
            [
                dbc.NavbarBrand(brand, href=brand_href, className="fw-bold"),
                html.Button(
                    html.Span(className="navbar-toggler-icon"),
                    id=toggler_id,
                    className="navbar-toggler",
                    type="button",
                    n_clicks=0,
                    **{"aria-label": toggle_label, "aria-controls": collapse_id, "aria-expanded": "false"},
                ),
                dbc.Collapse(
                    html.Nav(dbc.Nav(links, navbar=True), **{"aria-label": nav_label}),
                    id=collapse_id,
                    is_open=False,
                    navbar=True,
                ),
            ],
            fluid="xxl",
        ),
        dark=True,
        expand="lg",
        className="app-navbar",
    )


def filter_bar(selectors: list[Selector], *, label: str, extra: list | None = None) -> html.Section:
    """Labelled native selects (keyboard- and screen-reader-friendly) in one row under the navbar."""
    fields = [
        html.Div(
            [
                dbc.Label(selector.label, html_for=selector.id, className="filter-label mb-0"),
                dbc.Select(
                    id=selector.id,
                    options=[{"label": c.label, "value": c.value} for c in selector.choices],
                    value=selector.value,
                    style={"width": selector.width},
                ),
            ],
            className="filter-field",
        )
        for selector in selectors
    ]
    return html.Section(
        dbc.Container(html.Div([*fields, *(extra or [])], className="filter-row"), fluid="xxl"),
        className="filter-bar mb-3",
        **{"aria-label": label},
    )
