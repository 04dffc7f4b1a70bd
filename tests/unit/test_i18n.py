"""Every UI string exists in French, Dutch and English; numbers follow the locale."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from dashboard.i18n import (
    LANGUAGES,
    catalogue,
    fmt_currency,
    fmt_date,
    fmt_number,
    fmt_percent,
    fmt_signed,
    t,
)


def test_i18n001_same_keys_in_every_language():
    reference = set(catalogue("fr"))
    for lang in LANGUAGES:
        assert set(catalogue(lang)) == reference, lang
        assert all(isinstance(v, str) and v.strip() for v in catalogue(lang).values()), lang


def test_i18n002_same_placeholders_in_every_language():
    for key, text in catalogue("fr").items():
        expected = set(re.findall(r"{(\w+)}", text))
        for lang in LANGUAGES:
            assert set(re.findall(r"{(\w+)}", catalogue(lang)[key])) == expected, (lang, key)


def _plain(text: str) -> str:
    return text.replace("\u202f", " ").replace("\xa0", " ")


@pytest.mark.parametrize(
    ("lang", "number", "percent", "money"),
    [
        ("fr", "1 736", "3,59 %", "25 193,00 €"),
        ("nl", "1.736", "3,59%", "€ 25.193,00"),
        ("en", "1,736", "3.59%", "€25,193.00"),
    ],
)
def test_i18n003_locale_formats(lang, number, percent, money):
    assert _plain(fmt_number(1736, lang)) == number
    assert _plain(fmt_percent(3.59, lang)) == percent
    assert _plain(fmt_currency(25193, lang)) == money


def test_i18n004_missing_is_not_zero():
    assert fmt_number(None) == "—" and fmt_percent(float("nan")) == "—" and fmt_currency(None) == "—"


def test_i18n005_dates_and_signs():
    assert fmt_date(dt.date(2024, 10, 25), "fr") == "25/10/2024"
    assert fmt_date(dt.date(2024, 10, 25), "nl", "long") == "25 oktober 2024"
    assert fmt_signed(3) == "+3" and fmt_signed(-3) == "−3" and fmt_signed(0) == "0"


def test_i18n006_plain_strings_and_fallback():
    assert type(t("nav.home", "nl")) is str
    assert t("nav.home", "xx") == t("nav.home", "fr")
    with pytest.raises(KeyError):
        t("no.such.key")


def test_i18n007_every_language_has_the_same_area_files():
    from dashboard.i18n import CATALOGUE_DIR

    reference = sorted(p.name for p in (CATALOGUE_DIR / "fr").glob("*.json"))
    assert reference, "no catalogue files"
    for lang in LANGUAGES:
        assert sorted(p.name for p in (CATALOGUE_DIR / lang).glob("*.json")) == reference, lang


def test_i18n008_a_key_defined_twice_is_refused(tmp_path, monkeypatch):
    import json

    from dashboard import i18n

    (tmp_path / "fr").mkdir()
    (tmp_path / "fr" / "a.json").write_text(json.dumps({"x.y": "un"}), encoding="utf-8")
    (tmp_path / "fr" / "b.json").write_text(json.dumps({"x.y": "deux"}), encoding="utf-8")
    monkeypatch.setattr(i18n, "CATALOGUE_DIR", tmp_path)
    i18n.catalogue.cache_clear()
    try:
        with pytest.raises(i18n.CatalogueError, match=r"x\.y"):
            i18n.catalogue("fr")
    finally:
        i18n.catalogue.cache_clear()


@pytest.mark.parametrize(
    ("lang", "expected"), [("nl", "Sint-Jans-Molenbeek"), ("fr", "Molenbeek-Saint-Jean")]
)
def test_i18n009_commune_selector_names_communes_like_the_heading(session, lang, expected):
    from dashboard.views.shell import resolve_context

    ctx = resolve_context(
        session, commune="molenbeek-saint-jean", year=None, lang=lang, default_commune="tournai"
    )
    assert ctx.commune_name == expected
    assert dict(ctx.communes)["molenbeek-saint-jean"] == expected
