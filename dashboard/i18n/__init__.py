"""Translations and locale-aware formatting.

`t(key, lang)` returns a plain `str` (never a lazy string: Plotly's JSON encoder
cannot serialise those). Each language is a directory of JSON files, one per area
of the app (`fr/core.json`, `fr/pst.json`, …), so that a new page adds its own
file instead of editing a shared one. A key defined in two files is an error;
a test fails when a key is missing from one language.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from functools import cache
from pathlib import Path

from babel import Locale
from babel.dates import format_date
from babel.numbers import format_currency, format_decimal, format_percent

LANGUAGES = ("fr", "nl", "en")
DEFAULT_LANGUAGE = "fr"
LOCALES = {"fr": "fr_BE", "nl": "nl_BE", "en": "en_GB"}
CATALOGUE_DIR = Path(__file__).resolve().parent


def normalise_language(lang: str | None) -> str:
    return lang if lang in LANGUAGES else DEFAULT_LANGUAGE


class CatalogueError(ValueError):
    """Two files of one language define the same key."""


@cache
def catalogue(lang: str) -> dict[str, str]:
    merged: dict[str, str] = {}
    origin: dict[str, str] = {}
    for path in sorted((CATALOGUE_DIR / lang).glob("*.json")):
        with path.open(encoding="utf-8") as handle:
            entries = json.load(handle)
        for key, text in entries.items():
            if key in merged:
                raise CatalogueError(f"{lang}: {key!r} is defined in {origin[key]} and in {path.name}")
            merged[key] = text
            origin[key] = path.name
    return merged


def t(key: str, lang: str | None = None, **values: object) -> str:
    """The text for `key` in `lang` (French when unknown), with {placeholders} filled."""
    lang = normalise_language(lang)
    text = catalogue(lang).get(key) or catalogue(DEFAULT_LANGUAGE).get(key)
    if text is None:
        raise KeyError(f"no translation for {key!r}")
    return str(text.format(**values)) if values else str(text)


def has_key(key: str) -> bool:
    return key in catalogue(DEFAULT_LANGUAGE)


def _missing(value: object) -> bool:
    if value is None:
        return True
    try:
        return bool(math.isnan(value))  # type: ignore[arg-type]
    except TypeError:
        return False


def fmt_number(value: float | int | None, lang: str | None = None, decimals: int | None = None) -> str:
    """1736 → '1 736' (fr), '1.736' (nl); `decimals` fixes the number of decimals."""
    if _missing(value):
        return "—"
    locale = LOCALES[normalise_language(lang)]
    if decimals is None:
        if float(value).is_integer():
            return format_decimal(int(value), locale=locale)
        return format_decimal(value, locale=locale)
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    return format_decimal(value, format=pattern, locale=locale)


@cache
def _pattern(locale: str, kind: str, decimals: int) -> str:
    """The locale's percent or currency pattern with exactly `decimals` decimals."""
    parsed = Locale.parse(locale)
    pattern = (
        parsed.percent_formats[None] if kind == "percent" else parsed.currency_formats["standard"]
    ).pattern
    pattern = pattern.split(";")[0].replace("#,##0.00", "#,##0")
    return pattern.replace("#,##0", "#,##0." + "0" * decimals) if decimals else pattern


def fmt_percent(value: float | None, lang: str | None = None, decimals: int = 2) -> str:
    """`value` in percent units: 3.59 → '3,59 %' (fr), '3,59%' (nl), '3.59%' (en)."""
    if _missing(value):
        return "—"
    locale = LOCALES[normalise_language(lang)]
    return format_percent(value / 100.0, format=_pattern(locale, "percent", decimals), locale=locale)


def fmt_currency(value: float | None, lang: str | None = None, decimals: int = 2) -> str:
    """25193 → '25 193,00 €' (fr), '€ 25.193,00' (nl); `decimals=0` for large round amounts."""
    if _missing(value):
        return "—"
    locale = LOCALES[normalise_language(lang)]
    return format_currency(
        value, "EUR", format=_pattern(locale, "currency", decimals), locale=locale, currency_digits=False
    )


def fmt_date(value: dt.date | None, lang: str | None = None, style: str = "short") -> str:
    """Dates as 25/10/2024 (short) or 25 octobre 2024 (long)."""
    if value is None or _missing(value):
        return "—"
    locale = LOCALES[normalise_language(lang)]
    if style == "long":
        return format_date(value, format="long", locale=locale)
    return format_date(value, format="dd/MM/yyyy", locale=locale)


def fmt_signed(value: float | int | None, lang: str | None = None, decimals: int | None = None) -> str:
    """A change with its sign: '+2', '−3' (a real minus sign), '0'."""
    if _missing(value):
        return "—"
    text = fmt_number(abs(value), lang, decimals)
    if value > 0:
        return "+" + text
    if value < 0:
        return "−" + text
    return text
