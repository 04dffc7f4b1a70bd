"""Presentation mode as HTML: the deck's slides full-screen, a toolbar, and the presenter's panel.

Every slide is in the page (only the current one shown), so stepping through them is instant and
needs no server round trip; assets/40-presentation.js does the keyboard, the URL and full screen.
The panel (outside the slide view) chooses and orders the slides with plain links that rewrite
`?slides=`, so the choice lives in the URL and survives a reload or a shared link.
"""

from __future__ import annotations

from dash import dcc, html

from dashboard import ids
from dashboard.figures.theme import graph_config
from dashboard.i18n import LANGUAGES, t
from dashboard.urlstate import build_search
from dashboard.views.deck import SLIDE_KEYS, Deck, Slide, slide_label
from dashboard.views.shell import PageContext

PATH = "/presentation"


def deck_search(
    ctx: PageContext, slides: list[str] | tuple[str, ...], date: str | None, **extra: object
) -> str:
    """The query string of a presentation URL: the shared view, the slides (unless all), the date."""
    chosen = None if tuple(slides) == SLIDE_KEYS else ",".join(slides)
    return build_search(
        {"commune": ctx.commune, "year": ctx.year, "lang": ctx.lang, "slides": chosen, "date": date, **extra}
    )


def _stat(stat, lang: str) -> html.Div:
    return html.Div(
        [
            html.Dt(stat.label, className="deck-stat-label"),
            html.Dd(
                [
                    html.Span(stat.value, className="deck-stat-value"),
                    html.Span(t("pres.partial", lang), className="deck-partial-badge")
                    if stat.partial
                    else None,
                ],
                className="deck-stat-dd",
            ),
            html.Dd(stat.note, className="deck-stat-note") if stat.note else None,
        ],
        className="deck-stat",
    )


def _slide(slide: Slide, number: int, total: int, current: int, deck: Deck, lang: str) -> html.Section:
    header = html.Header(
        [
            html.H2(slide.title, className="deck-title", id=f"deck-title-{number}"),
            html.P(slide.subtitle, className="deck-subtitle") if slide.subtitle else None,
        ],
        className="deck-header",
    )
    side: list = []
    if slide.stats:
        side.append(html.Dl([_stat(s, lang) for s in slide.stats], className="deck-stats"))
    if slide.partial_note:
        side.append(html.P(slide.partial_note, className="deck-partial-note"))
    if slide.bullets:
        side.append(
            html.Div(
                [
                    html.H3(slide.bullets_title, className="deck-bullets-title")
                    if slide.bullets_title
                    else None,
                    html.Ul([html.Li(b) for b in slide.bullets], className="deck-bullets"),
                ],
                className="deck-bullets-box",
            )
        )
    body: list = []
    if slide.figure is not None:
        body.append(
            html.Figure(
                [
                    dcc.Graph(
                        id={"type": ids.PRES_GRAPH, "slide": slide.key},
                        figure=slide.figure,
                        config={
                            **graph_config(f"{deck.context.commune}-{slide.key}", lang),
                            "staticPlot": True,
                        },
                        responsive=True,
                        className="deck-graph",
                    ),
                    html.Figcaption(slide.figure_alt, className="visually-hidden"),
                ],
                className="deck-chart",
            )
        )
    body.append(html.Div(side, className="deck-side"))
    return html.Section(
        [
            header,
            html.Div(body, className="deck-body" + (" deck-body--chart" if slide.figure is not None else "")),
            html.Footer(
                [
                    html.Span(" · ".join(str(p) for p in (deck.commune_name, deck.context.year) if p)),
                    html.Span(
                        t("pres.ui.counter", lang, number=number, total=total), className="deck-number"
                    ),
                ],
                className="deck-footer",
            ),
        ],
        id=f"slide-{number}",
        className=f"deck-slide deck-slide--{slide.key}" + (" deck-slide--partial" if slide.partial else ""),
        hidden=number != current,
        role="group",
        **{
            "aria-roledescription": t("pres.ui.slide", lang),
            "aria-labelledby": f"deck-title-{number}",
            "data-key": slide.key,
        },
    )


def _order_links(ctx: PageContext, chosen: tuple[str, ...], date: str | None) -> html.Ol:
    """One row per slide: shown or not, and move up / down, each a link to the URL with the new order."""
    lang = ctx.lang
    rows = []
    order = list(chosen) + [k for k in SLIDE_KEYS if k not in chosen]
    for key in order:
        included = key in chosen
        position = chosen.index(key) if included else -1
        toggled = [k for k in chosen if k != key] if included else [*chosen, key]
        links = [
            html.A(
                ("☑ " if included else "☐ ") + slide_label(key, lang),
                href=PATH + deck_search(ctx, toggled or [key], date),
                className="deck-panel-toggle" + (" is-on" if included else ""),
                role="switch",
                **{"aria-checked": "true" if included else "false"},
            )
        ]
        if included:
            for step, symbol, label in ((-1, "↑", "pres.ui.up"), (1, "↓", "pres.ui.down")):
                target = position + step
                if 0 <= target < len(chosen):
                    moved = list(chosen)
                    moved[position], moved[target] = moved[target], moved[position]
                    links.append(
                        html.A(
                            symbol,
                            href=PATH + deck_search(ctx, moved, date),
                            className="deck-panel-move",
                            title=t(label, lang, slide=slide_label(key, lang)),
                            **{"aria-label": t(label, lang, slide=slide_label(key, lang))},
                        )
                    )
        rows.append(html.Li(links, className="deck-panel-row"))
    return html.Ol(rows, className="deck-panel-list", id=ids.PRES_ORDER)


def _panel(ctx: PageContext, deck: Deck | None, chosen: tuple[str, ...], date: str | None) -> html.Aside:
    lang = ctx.lang
    file_search = deck_search(ctx, chosen, date)
    content: list = [
        html.Div(
            [
                html.H2(t("pres.ui.panel", lang), className="h4 mb-0", id="deck-panel-title"),
                html.Button(
                    "×",
                    className="deck-panel-close",
                    **{"data-deck-action": "panel", "aria-label": t("pres.ui.close", lang)},
                ),
            ],
            className="deck-panel-head",
        ),
        html.H3(t("pres.ui.choose", lang), className="h6 mt-2"),
        html.P(t("pres.ui.choose.help", lang), className="small mb-1"),
        _order_links(ctx, chosen, date),
        html.H3(t("pres.ui.view", lang), className="h6 mt-3"),
        html.Div(
            [
                html.Label(t("filter.commune", lang), htmlFor=ids.PRES_COMMUNE),
                dcc.Dropdown(
                    id=ids.PRES_COMMUNE,
                    options=[{"label": name, "value": slug} for slug, name in ctx.communes],
                    value=ctx.commune,
                    clearable=False,
                ),
                html.Label(t("filter.year", lang), htmlFor=ids.PRES_YEAR),
                dcc.Dropdown(
                    id=ids.PRES_YEAR,
                    options=[{"label": str(y), "value": str(y)} for y in ctx.years],
                    value=str(ctx.year) if ctx.year else None,
                    clearable=True,
                ),
                html.Label(t("pres.ui.date", lang), htmlFor=ids.PRES_DATE),
                dcc.Input(id=ids.PRES_DATE, type="date", value=date or "", className="form-control"),
                html.A(
                    t("pres.ui.apply", lang),
                    id=ids.PRES_APPLY,
                    href=PATH + file_search,
                    className="btn btn-primary mt-2",
                ),
            ],
            className="deck-panel-form",
        ),
        html.P(
            [t("pres.ui.language", lang)]
            + [
                html.A(
                    code.upper(),
                    href=PATH + deck_search(ctx, chosen, date, lang=code),
                    lang=code,
                    className="deck-lang" + (" is-current" if code == lang else ""),
                    **({"aria-current": "true"} if code == lang else {}),
                )
                for code in LANGUAGES
            ],
            className="mt-2",
        ),
        html.H3(t("pres.ui.files", lang), className="h6 mt-3"),
        html.P(
            [
                html.A(
                    t("pres.ui.pptx", lang),
                    href="/exports/slides.pptx" + file_search,
                    className="btn btn-outline-dark me-2",
                    id=ids.PRES_PPTX,
                ),
                html.A(
                    t("pres.ui.pdf", lang),
                    href="/exports/slides.pdf" + file_search,
                    className="btn btn-outline-dark",
                    id=ids.PRES_PDF,
                ),
            ]
        ),
    ]
    if deck is not None and deck.omitted:
        content += [
            html.H3(t("pres.omitted.title", lang), className="h6 mt-3"),
            html.Ul([html.Li(why) for _, why in deck.omitted], className="small"),
        ]
    content += [
        html.H3(t("pres.ui.keys", lang), className="h6 mt-3"),
        html.P(t("pres.ui.keys.help", lang), className="small"),
    ]
    return html.Aside(
        content,
        id=ids.PRES_PANEL,
        className="deck-panel",
        hidden=True,
        **{"aria-labelledby": "deck-panel-title"},
    )


def _toolbar(ctx: PageContext, total: int, current: int, exit_href: str) -> html.Nav:
    lang = ctx.lang

    def button(label: str, action: str, text: str, **extra) -> html.Button:
        return html.Button(
            text,
            className="deck-tool",
            title=label,
            **{"data-deck-action": action, "aria-label": label},
            **extra,
        )

    return html.Nav(
        [
            button(t("pres.ui.previous", lang), "previous", "←"),
            html.Span(
                t("pres.ui.counter", lang, number=current, total=total),
                className="deck-counter",
                id=ids.PRES_COUNTER,
                **{"aria-live": "polite"},
            ),
            button(t("pres.ui.next", lang), "next", "→"),
            button(
                t("pres.ui.panel", lang),
                "panel",
                t("pres.ui.panel.short", lang),
                **{"aria-controls": ids.PRES_PANEL, "aria-expanded": "false"},
            ),
            button(t("pres.ui.fullscreen", lang), "fullscreen", t("pres.ui.fullscreen.short", lang)),
            html.A(
                t("pres.ui.exit", lang), href=exit_href, className="deck-tool deck-exit", id=ids.PRES_EXIT
            ),
        ],
        className="deck-toolbar",
        **{"aria-label": t("pres.ui.toolbar", lang)},
    )


def deck_layout(
    ctx: PageContext, deck: Deck | None, *, chosen: tuple[str, ...], date: str | None, start: int
) -> html.Div:
    """The whole presentation page. `deck` is None when the view is in error (unknown commune)."""
    lang = ctx.lang
    exit_href = "/" + ctx.search()
    if deck is None or not deck.slides:
        message = ctx.error or t("pres.ui.empty", lang)
        slides = [
            html.Section(
                html.P(message, className="deck-empty", role="alert"),
                id="slide-1",
                className="deck-slide",
                **{"data-key": "empty"},
            )
        ]
        total = 1
        start = 1
    else:
        total = len(deck.slides)
        start = min(max(start, 1), total)
        slides = [_slide(s, i, total, start, deck, lang) for i, s in enumerate(deck.slides, start=1)]
    return html.Div(
        [
            html.Div(slides, className="deck-stage", id=ids.PRES_STAGE),
            _toolbar(ctx, total, start, exit_href),
            _panel(ctx, deck, chosen, date),
        ],
        id=ids.PRES_DECK,
        className="deck",
        lang=lang,
        **{
            "data-count": str(total),
            "data-start": str(start),
            "data-exit": exit_href,
            "data-counter": t("pres.ui.counter", lang, number="{n}", total="{total}"),
        },
    )
