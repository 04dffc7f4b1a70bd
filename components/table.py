"""An accessible, server-rendered data table: real <table> markup, sortable headers that are buttons
with aria-sort, pagination with buttons, optional row action. State (sort, page) lives in the URL.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import dash_bootstrap_components as dbc
from dash import html


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    sortable: bool = True
    numeric: bool = False
    render: Callable[[dict], Any] | None = None  # cell content from the row; default: the value as text
    class_name: str = ""


@dataclass(frozen=True)
class TableLabels:
    caption: str
    sort_ascending: str  # "trié par ordre croissant" — announced on the active header
    sort_descending: str
    sort_by: str  # "Trier par {column}"
    page_of: str  # "Page {page} sur {pages}"
    previous: str
    next: str
    rows: str  # "{first}–{last} sur {total}"
    empty: str


def data_table(
    *,
    table_id: str,
    columns: Sequence[Column],
    rows: Sequence[dict],
    labels: TableLabels,
    sort_key: str | None,
    descending: bool,
    page: int,
    page_size: int,
    total: int,
    sort_button_id: Callable[[str], dict],
    page_button_id: Callable[[str], dict],
    row_class: Callable[[dict], str] | None = None,
) -> html.Div:
    """Render one page of `rows` (already sorted and sliced by the caller)."""
    pages = max(1, -(-total // page_size))
    header = []
    for column in columns:
        sort_state = "none"
        if column.key == sort_key:
            sort_state = "descending" if descending else "ascending"
        if column.sortable:
            arrow = {"ascending": " ▲", "descending": " ▼", "none": ""}[sort_state]
            content = html.Button(
                [column.label, html.Span(arrow, **{"aria-hidden": "true"})],
                id=sort_button_id(column.key),
                className="table-sort-button",
                type="button",
                title=labels.sort_by.format(column=column.label),
                n_clicks=0,
            )
        else:
            content = column.label
        attrs = {"aria-sort": sort_state} if column.sortable else {}
        header.append(
            html.Th(
                content,
                scope="col",
                className=("text-end " if column.numeric else "") + column.class_name,
                **attrs,
            )
        )
    body = []
    for row in rows:
        cells = []
        for column in columns:
            value = column.render(row) if column.render else row.get(column.key)
            cells.append(
                html.Td(
                    "" if value is None else value,
                    className=("text-end " if column.numeric else "") + column.class_name,
                )
            )
        body.append(html.Tr(cells, className=row_class(row) if row_class else ""))
    if not rows:
        body = [html.Tr(html.Td(labels.empty, colSpan=len(columns), className="text-center fst-italic py-3"))]
    first = (page - 1) * page_size + 1 if total else 0
    last = min(page * page_size, total)
    pager = html.Nav(
        [
            html.Span(
                labels.rows.format(first=first, last=last, total=total),
                className="me-3 small",
                **{"aria-live": "polite"},
            ),
            dbc.ButtonGroup(
                [
                    dbc.Button(
                        labels.previous,
                        id=page_button_id("previous"),
                        disabled=page <= 1,
                        size="sm",
                        outline=True,
                        color="secondary",
                        n_clicks=0,
                    ),
                    html.Span(
                        labels.page_of.format(page=page, pages=pages),
                        className="px-3 align-self-center small",
                    ),
                    dbc.Button(
                        labels.next,
                        id=page_button_id("next"),
                        disabled=page >= pages,
                        size="sm",
                        outline=True,
                        color="secondary",
                        n_clicks=0,
                    ),
                ]
            ),
        ],
        className="d-flex align-items-center justify-content-end mt-2 table-pager",
        **{"aria-label": labels.page_of.format(page=page, pages=pages)},
    )
    return html.Div(
        [
            html.Div(
                html.Table(
                    [
                        html.Caption(labels.caption, className="visually-hidden"),
                        html.Thead(html.Tr(header)),
                        html.Tbody(body),
                    ],
                    className="table table-sm table-hover align-middle data-table mb-0",
                ),
                className="table-responsive",
                tabIndex="0",
                role="region",
                **{"aria-label": labels.caption},
            ),
            pager,
        ],
        id=table_id,
    )


def sort_and_page(
    records: list[dict], *, sort_key: str | None, descending: bool, page: int, page_size: int
) -> tuple[list[dict], int, int]:
    """Sort (missing values last, text case-insensitively) and slice; returns rows, total, clamped page."""
    total = len(records)
    if sort_key:
        present = [r for r in records if r.get(sort_key) not in (None, "")]
        missing = [r for r in records if r.get(sort_key) in (None, "")]
        present.sort(key=lambda r: _sort_value(r[sort_key]), reverse=descending)
        records = present + missing
    pages = max(1, -(-total // page_size))
    page = min(max(1, page), pages)
    return records[(page - 1) * page_size : page * page_size], total, page


def _sort_value(value: Any) -> Any:
    if isinstance(value, str):
        return (1, value.casefold())
    return (0, value)


@dataclass(frozen=True)
class Cell:
    """One cell of a static table: its content and whether it is a number (right-aligned)."""

    content: Any
    numeric: bool = False
    class_name: str = ""


def static_table(
    *,
    table_id: str,
    caption: str,
    headers: Sequence[str | Cell],
    rows: Sequence[Sequence[Any]],
    footer: Sequence[Sequence[Any]] = (),
    caption_visible: bool = False,
    wrap_headers: bool = False,
) -> html.Div:
    """A plain accessible table (caption, column headers, first cell of a row as row header).

    Cells are strings/components or `Cell`s; use `data_table` when the rows need sorting and pages.
    """

    def cell(value: Any, tag: type, **attrs: Any) -> Any:
        item = value if isinstance(value, Cell) else Cell(value)
        classes = " ".join(c for c in ("text-end" if item.numeric else "", item.class_name) if c)
        return tag(item.content, className=classes or None, **attrs)

    head = html.Thead(html.Tr([cell(h, html.Th, scope="col") for h in headers]))

    def body_row(values: Sequence[Any]) -> html.Tr:
        first, *rest = values
        return html.Tr([cell(first, html.Th, scope="row"), *(cell(v, html.Td) for v in rest)])

    parts = [
        html.Caption(caption, className="" if caption_visible else "visually-hidden"),
        head,
        html.Tbody([body_row(r) for r in rows]),
    ]
    if footer:
        parts.append(html.Tfoot([body_row(r) for r in footer], className="fw-bold"))
    return html.Div(
        html.Table(
            parts,
            id=table_id,
            className="table table-sm align-middle data-table mb-0" + (" wrap-headers" if wrap_headers else ""),
        ),
        className="table-responsive",
    )
