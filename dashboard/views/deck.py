"""The joint-council slide deck as content: one `Slide` per slide, with its chart, key figures and notes.

Built once from the live data and rendered three ways: the web presentation mode, the PPTX and
the PDF. Nothing here knows about Dash or file formats; a slide without data for the commune is
left out and said so (`Deck.omitted`), a partial count is flagged (`Slide.partial`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import pandas as pd
import plotly.graph_objects as go
from sqlalchemy.orm import Session

from dashboard.figures import projector
from dashboard.i18n import fmt_currency, fmt_date, fmt_number, fmt_percent, fmt_signed, t
from dashboard.queries import communes as communes_q
from dashboard.queries import contracts as contracts_q
from dashboard.queries import presentation as q
from dashboard.queries.matrix import REGISTERS

SLIDE_KEYS = ("title", "trend", "radars", "synergies", "contracts", "ris", "art60", "iweps")
MAX_HIGHLIGHTS = 4


def parse_slides(value: object) -> tuple[str, ...]:
    """'title,trend,radars' → the known keys in that order, once each; every slide when none is valid."""
    if not isinstance(value, str):
        return SLIDE_KEYS
    keys = tuple(dict.fromkeys(k.strip() for k in value[:400].split(",") if k.strip() in SLIDE_KEYS))
    return keys or SLIDE_KEYS


def parse_date(value: object) -> dt.date | None:
    """The council's date from the URL (ISO yyyy-mm-dd); anything else is no date."""
    if not isinstance(value, str):
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


@dataclass(frozen=True)
class DeckContext:
    commune: str
    year: int | None
    lang: str = "fr"
    council_date: dt.date | None = None
    slides: tuple[str, ...] = SLIDE_KEYS


@dataclass
class Stat:
    label: str
    value: str
    note: str = ""
    partial: bool = False


@dataclass
class Slide:
    key: str
    title: str
    subtitle: str = ""
    figure: go.Figure | None = None
    figure_alt: str = ""
    stats: list[Stat] = field(default_factory=list)
    bullets: list[str] = field(default_factory=list)
    bullets_title: str = ""
    partial: bool = False
    partial_note: str = ""
    notes: list[str] = field(default_factory=list)  # speaker notes: the figures, said in full


@dataclass
class Deck:
    context: DeckContext
    commune_name: str
    slides: list[Slide]
    omitted: list[tuple[str, str]]  # (slide key, why it is left out)

    def slide_keys(self) -> list[str]:
        return [s.key for s in self.slides]


def slide_label(key: str, lang: str) -> str:
    return t(f"pres.slide.{key}", lang)


def build_deck(session: Session, ctx: DeckContext) -> Deck:
    """The slides chosen in `ctx.slides`, in that order; those without data go to `omitted`."""
    info = communes_q.communes(session, commune=ctx.commune)
    if info.empty:
        raise ValueError(f"unknown commune: {ctx.commune}")
    row = info.iloc[0].to_dict()
    name = str(row["name_nl"] if ctx.lang == "nl" else row["name"])
    builders = {
        "title": _title,
        "trend": _trend,
        "radars": _radars,
        "synergies": _synergies,
        "contracts": _contracts,
        "ris": _ris,
        "art60": _art60,
        "iweps": _iweps,
    }
    slides: list[Slide] = []
    omitted: list[tuple[str, str]] = []
    for key in ctx.slides:
        slide = builders[key](session, ctx, name, row)
        if slide is None:
            omitted.append((key, t("pres.omitted", ctx.lang, slide=slide_label(key, ctx.lang), commune=name)))
        else:
            slides.append(slide)
    if slides and slides[0].key == "title" and omitted:
        slides[0].bullets_title = t("pres.omitted.title", ctx.lang)
        slides[0].bullets = [why for _, why in omitted]
    return Deck(context=ctx, commune_name=name, slides=slides, omitted=omitted)


# --- one builder per slide: (session, ctx, commune name, commune row) -> Slide | None -------------


def _year_text(ctx: DeckContext) -> str:
    return str(ctx.year) if ctx.year is not None else t("pres.no_year", ctx.lang)


def _title(session: Session, ctx: DeckContext, name: str, row: dict) -> Slide:
    lang = ctx.lang
    date = fmt_date(ctx.council_date, lang, "long") if ctx.council_date else t("pres.date.none", lang)
    slide = Slide(
        key="title",
        title=t("pres.title.heading", lang, year=_year_text(ctx)),
        subtitle=name,
        stats=[Stat(t("pres.title.council", lang), date)],
    )
    slide.notes = [t("pres.title.notes", lang, commune=name, year=_year_text(ctx), date=date)]
    return slide


def _trend(session: Session, ctx: DeckContext, name: str, row: dict) -> Slide | None:
    lang = ctx.lang
    history = q.synthesis_history(session, commune=ctx.commune, year=ctx.year)
    if history.empty:
        return None
    groups = {g: t(f"group.{g}", lang) for g in history["group"].unique()}
    figure = projector.trend(
        history,
        group_labels=groups,
        value_text=lambda total, maximum: t("pres.score", lang, total=total, maximum=maximum),
        axis_title=t("pres.trend.axis", lang),
        lang=lang,
    )
    stats, notes = [], []
    for group, rows in history.groupby("group", sort=False):
        rows = rows.sort_values("year")
        first, last = rows.iloc[0], rows.iloc[-1]
        value = t(
            "pres.trend.value",
            lang,
            first=int(first["total"]),
            last=int(last["total"]),
            maximum=int(last["maximum"]),
        )
        years = t(
            "pres.trend.years",
            lang,
            first=int(first["year"]),
            last=int(last["year"]),
            maximum=int(last["maximum"]),
        )
        stats.append(Stat(groups[group], value, years))
        series = ", ".join(f"{int(r.year)}: {int(r.total)}/{int(r.maximum)}" for r in rows.itertuples())
        notes.append(f"{groups[group]} — {series}")
    return Slide(
        key="trend",
        title=t("pres.trend.title", lang),
        subtitle=t("pres.trend.subtitle", lang, commune=name),
        figure=figure,
        figure_alt=" · ".join(notes),
        stats=stats,
        notes=notes,
    )


def _radars(session: Session, ctx: DeckContext, name: str, row: dict) -> Slide | None:
    lang = ctx.lang
    shown, levels = q.support_levels(session, commune=ctx.commune, year=ctx.year)
    if levels.empty:
        return None
    totals = levels.groupby("service", sort=False)["level"].agg(["sum", "count"])
    service_names = dict(zip(levels["service"], levels["service_name"], strict=False))
    titles = {
        s: f"{projector.wrap(service_names[s], 36, 1)}<br><b>{t('pres.score', lang, total=int(r['sum']), maximum=int(r['count']) * 5)}</b>"
        for s, r in totals.iterrows()
    }
    registers = {r: t(f"register.short.{r}", lang) for r in REGISTERS}
    figure = projector.radars(levels, service_titles=titles, register_labels=registers, lang=lang)
    notes = []
    for service, rows in levels.groupby("service", sort=False):
        detail = ", ".join(f"{t(f'register.{r.register}', lang)} {int(r.level)}" for r in rows.itertuples())
        score = t(
            "pres.score",
            lang,
            total=int(totals.loc[service, "sum"]),
            maximum=int(totals.loc[service, "count"]) * 5,
        )
        notes.append(f"{service_names[service]} — {score}: {detail}")
    legend = ", ".join(f"{registers[r]} = {t(f'register.{r}', lang)}" for r in REGISTERS)
    slide = Slide(
        key="radars",
        title=t("pres.radars.title", lang, year=shown),  # no subtitle: the radars get its height
        figure=figure,
        figure_alt="; ".join(notes),
        stats=[],
        notes=[*notes, legend],
    )
    if ctx.year is not None and shown != ctx.year:
        slide.partial_note = t("pres.older", lang, year=shown, report=ctx.year)
    slide.bullets = [f"{t('pres.radars.subtitle', lang)} — {legend}"]
    return slide


def _shorten(text: object, width: int = 110) -> str:
    value = " ".join(str(text).split())
    return value if len(value) <= width else value[: width - 1].rstrip() + "…"


def _synergies(session: Session, ctx: DeckContext, name: str, row: dict) -> Slide | None:
    lang = ctx.lang
    df = q.report_synergies(session, commune=ctx.commune, year=ctx.year)
    if df.empty:
        return None
    counts = {s: int((df["status"] == s).sum()) for s in q.SYNERGY_STATUSES}
    stats = [Stat(t(f"status.{s}", lang), fmt_number(counts[s], lang)) for s in q.SYNERGY_STATUSES]
    done = df[df["status"] == "realisee"].drop_duplicates("service")
    planned = df[df["status"] == "projetee"]
    highlights = [f"✓ {_shorten(r.title)} ({r.service_name})" for r in done.head(MAX_HIGHLIGHTS).itertuples()]
    for r in planned.head(MAX_HIGHLIGHTS - 1).itertuples():
        deadline = f" — {r.deadline}" if isinstance(r.deadline, str) and r.deadline else ""
        highlights.append(f"→ {_shorten(r.title)}{deadline}")
    notes = [
        t("pres.synergies.notes", lang, total=len(df), **counts),
        *[f"{t('status.one.realisee', lang)}: {r.title}" for r in done.head(MAX_HIGHLIGHTS).itertuples()],
        *[f"{t('status.one.projetee', lang)}: {r.title}" for r in planned.itertuples()],
    ]
    slide = Slide(
        key="synergies",
        title=t("pres.synergies.title", lang, year=_year_text(ctx)),
        subtitle=t("pres.synergies.subtitle", lang, total=fmt_number(len(df), lang)),
        stats=stats,
        bullets=highlights,
        bullets_title=t("pres.synergies.highlights", lang),
        notes=notes,
    )
    if ctx.year is not None and df["report_year"].isna().all():
        slide.partial_note = t("pres.synergies.undated", lang)
    return slide


def _contracts(session: Session, ctx: DeckContext, name: str, row: dict) -> Slide | None:
    lang = ctx.lang
    counts = q.contract_history(session, commune=ctx.commune, year=ctx.year)
    if counts.empty:
        return None
    summary = contracts_q.contract_summary(counts).sort_values("year")
    partial_rows = counts[counts["partial"]]
    partial_years = sorted(int(y) for y in partial_rows["year"].unique())
    partial_cells = {(int(r.year), str(r.body)) for r in partial_rows.itertuples()}
    bodies = {b: t(f"body.{b}", lang) for b in ("cpas", "commune", "conjoint")}
    figure = projector.contracts(
        summary,
        body_labels=bodies,
        partial_cells=partial_cells,
        lang=lang,
        count_text=lambda v: fmt_number(v, lang),
    )
    last = summary.iloc[-1]
    year = int(last["year"])
    is_partial = year in partial_years
    until = partial_rows[partial_rows["year"] == year]["counted_until"].dropna()
    partial_note = (
        t("pres.partial.until", lang, year=year, date=fmt_date(until.iloc[0], lang))
        if is_partial and len(until)
        else ""
    )
    stats = [
        Stat(
            t("pres.contracts.joint", lang, year=year),
            fmt_number(last["conjoint"], lang),
            partial=(year, "conjoint") in partial_cells,  # the joint count itself may be complete
        ),
        Stat(
            t("pres.contracts.share", lang),
            fmt_percent(last["joint_share"], lang, 1),
            t("pres.contracts.of", lang, total=fmt_number(last["total"], lang)),
            partial=is_partial,
        ),
    ]
    joint = q.joint_contracts(session, commune=ctx.commune, year=ctx.year)
    top = joint.sort_values("estimated_amount", ascending=False, na_position="last").head(MAX_HIGHLIGHTS)
    bullets = [
        f"{_shorten(r.title, 70)} — {fmt_currency(r.estimated_amount, lang, 0) if pd.notna(r.estimated_amount) else t('pres.amount.unknown', lang)}"
        for r in top.itertuples()
    ]
    notes = [
        f"{int(r.year)}: {bodies['cpas']} {r.cpas}, {bodies['commune']} {r.commune_count}, {bodies['conjoint']} {r.conjoint}"
        + (f" ({t('pres.partial', lang)})" if int(r.year) in partial_years else "")
        for r in summary.itertuples()
    ]
    if partial_note:
        notes.append(partial_note)
    return Slide(
        key="contracts",
        title=t("pres.contracts.title", lang),
        subtitle=t("pres.contracts.subtitle", lang, count=fmt_number(len(joint), lang)),
        figure=figure,
        figure_alt="; ".join(notes),
        stats=stats,
        bullets=bullets,
        bullets_title=t("pres.contracts.largest", lang) if bullets else "",
        partial=is_partial,
        partial_note=partial_note,
        notes=notes,
    )


def _ris(session: Session, ctx: DeckContext, name: str, row: dict) -> Slide | None:
    lang = ctx.lang
    df = q.ris_history(session, commune=ctx.commune, year=ctx.year)
    if df.empty:
        return None
    last = df.iloc[-1]
    is_partial = bool(last["partial"])
    until = fmt_date(last["counted_until"], lang) if is_partial and pd.notna(last["counted_until"]) else ""
    figure = projector.ris(
        df,
        number=lambda v: fmt_number(v, lang, 0),
        partial_label=f"({t('pres.partial', lang)})" if is_partial else "",
        axis_title=t("pres.ris.axis", lang),
        lang=lang,
    )
    stats = [
        Stat(
            t("pres.ris.latest", lang, year=int(last["year"])),
            fmt_number(last["beneficiaries"], lang, 0),
            t("pres.at", lang, date=until) if is_partial else "",
            partial=is_partial,
        )
    ]
    complete = df[~df["partial"].astype(bool)]
    if len(complete) >= 2:
        a, b = complete.iloc[-2], complete.iloc[-1]
        stats.append(
            Stat(
                t("pres.ris.change", lang, first=int(a["year"]), last=int(b["year"])),
                fmt_signed(b["beneficiaries"] - a["beneficiaries"], lang, 0),
            )
        )
    first = df.iloc[0]
    stats.append(
        Stat(t("pres.ris.first", lang, year=int(first["year"])), fmt_number(first["beneficiaries"], lang, 0))
    )
    notes = [", ".join(f"{int(r.year)}: {fmt_number(r.beneficiaries, lang, 0)}" for r in df.itertuples())]
    partial_note = t("pres.partial.ris", lang, year=int(last["year"]), date=until) if is_partial else ""
    if partial_note:
        notes.append(partial_note)
    return Slide(
        key="ris",
        title=t("pres.ris.title", lang),
        subtitle=t("pres.ris.subtitle", lang, first=int(first["year"]), last=int(last["year"])),
        figure=figure,
        figure_alt=notes[0],
        stats=stats,
        partial=is_partial,
        partial_note=partial_note,
        notes=notes,
    )


def _art60(session: Session, ctx: DeckContext, name: str, row: dict) -> Slide | None:
    lang = ctx.lang
    shown, detail, totals = q.art60(session, commune=ctx.commune, year=ctx.year)
    if shown is None or detail.empty:
        return None
    figure = projector.art60(detail, number=lambda v: fmt_number(v, lang), lang=lang)
    by_year = totals.set_index("year")
    current = by_year.loc[shown] if shown in by_year.index else None
    total = (
        int(current["reported_total"])
        if current is not None and pd.notna(current["reported_total"])
        else int(detail["count"].sum())
    )
    stats = [Stat(t("pres.art60.total", lang, year=shown), fmt_number(total, lang))]
    earlier = by_year[by_year.index < shown]
    if not earlier.empty:
        prev_year = int(earlier.index.max())
        prev = earlier.loc[prev_year]
        prev_total = prev["reported_total"] if pd.notna(prev["reported_total"]) else prev["total"]
        stats.append(
            Stat(
                t("pres.art60.change", lang, year=prev_year),
                fmt_signed(total - int(prev_total), lang),
                t("pres.art60.previous", lang, year=prev_year, total=fmt_number(prev_total, lang)),
            )
        )
    if current is not None and bool(current["disagrees"]):
        stats.append(Stat(t("pres.art60.disagrees", lang), fmt_number(current["total"], lang), partial=True))
    notes_rows = detail[detail["note"].notna() & (detail["note"].astype(str) != "")]
    bullets = [f"{r.employer_label}: {fmt_number(r.count, lang)} — {r.note}" for r in notes_rows.itertuples()]
    notes = [f"{r.employer_label}: {fmt_number(r.count, lang)}" for r in detail.itertuples()]
    notes.insert(0, f"{t('pres.art60.total', lang, year=shown)}: {fmt_number(total, lang)}")
    slide = Slide(
        key="art60",
        title=t("pres.art60.title", lang, year=shown),
        subtitle=t("pres.art60.subtitle", lang),
        figure=figure,
        figure_alt="; ".join(notes),
        stats=stats,
        bullets=bullets,
        bullets_title=t("pres.art60.notes", lang) if bullets else "",
        notes=notes + bullets,
    )
    if ctx.year is not None and shown != ctx.year:
        slide.partial_note = t("pres.older", lang, year=shown, report=ctx.year)
    return slide


def _iweps(session: Session, ctx: DeckContext, name: str, row: dict) -> Slide | None:
    lang = ctx.lang
    df = q.iweps(session, commune=ctx.commune)
    if df.empty:
        return None
    regions = df[df["territory_level"] == "region"]["territory_name"].dropna()
    region_name = str(regions.iloc[0]) if len(regions) else t("territory.region", lang)
    non_diffuse = t("soc.non_diffuse", lang)

    def value_text(value: float, unit: str) -> str:
        number = float(value)
        if unit == "€":
            return fmt_currency(number, lang, 0 if number >= 1000 else 2)
        if unit == "%":
            return fmt_percent(number, lang, 2)
        return fmt_number(number, lang, 0 if number.is_integer() else 2)

    figure = projector.benchmark(
        df,
        commune_name=name,
        region_name=region_name,
        value_text=value_text,
        non_diffuse=non_diffuse,
        lang=lang,
    )
    indicators = df["code"].nunique()
    commune_rows = df[df["territory_level"] == "commune"]
    region_rows = df[df["territory_level"] == "region"].set_index("code")["value"]
    higher = sum(
        1
        for r in commune_rows.itertuples()
        if pd.notna(r.value) and pd.notna(region_rows.get(r.code)) and r.value > region_rows.get(r.code)
    )
    comparable = sum(
        1 for r in commune_rows.itertuples() if pd.notna(r.value) and pd.notna(region_rows.get(r.code))
    )
    notes = []
    for _code, rows in df.groupby("code", sort=False):
        first = rows.iloc[0]
        values = ", ".join(
            f"{r.territory_name}: {value_text(r.value, str(first['unit'])) if pd.notna(r.value) else non_diffuse}"
            for r in rows.itertuples()
        )
        notes.append(f"{first['name']} ({first['reference_period']}) — {values}")
    return Slide(
        key="iweps",
        title=t("pres.iweps.title", lang),
        subtitle=t("pres.iweps.subtitle", lang, commune=name, region=region_name),
        figure=figure,
        figure_alt=" · ".join(notes),
        stats=[
            Stat(t("pres.iweps.count", lang), fmt_number(indicators, lang)),
            Stat(
                t("pres.iweps.higher", lang, region=region_name),
                t("pres.iweps.higher.value", lang, count=higher, total=comparable),
            ),
        ],
        notes=notes,
    )
