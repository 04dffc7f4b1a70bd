"""The deck's content (shared by presentation mode, the PPTX and the PDF) against the source figures."""

from __future__ import annotations

import datetime as dt

import pytest

from dashboard.views.deck import SLIDE_KEYS, DeckContext, build_deck, parse_date, parse_slides


def _deck(session, commune="tournai", year=2024, lang="fr", slides=SLIDE_KEYS):
    return build_deck(
        session,
        DeckContext(commune=commune, year=year, lang=lang, council_date=dt.date(2025, 1, 27), slides=slides),
    )


def _slide(deck, key):
    return next(s for s in deck.slides if s.key == key)


def test_deck001_parse_slides_keeps_known_keys_in_order_once():
    assert parse_slides("ris,title,ris,bogus,trend") == ("ris", "title", "trend")
    assert parse_slides("nothing-valid") == SLIDE_KEYS
    assert parse_slides(None) == SLIDE_KEYS
    assert parse_slides(["title"]) == SLIDE_KEYS


def test_deck002_parse_date_accepts_iso_only():
    assert parse_date("2025-01-27") == dt.date(2025, 1, 27)
    assert parse_date("27/01/2025") is None
    assert parse_date(42) is None


def test_deck003_tournai_2024_has_every_slide_with_the_source_figures(session):
    deck = _deck(session)
    assert deck.slide_keys() == list(SLIDE_KEYS)
    assert deck.omitted == []
    title = _slide(deck, "title")
    assert "2024" in title.title and title.subtitle == "Tournai"
    assert title.stats[0].value == "27 janvier 2025"
    trend = _slide(deck, "trend")
    assert trend.stats[0].label == "Services de support" and trend.stats[0].value == "36 → 78"
    assert trend.stats[1].value == "84 → 114"
    support = trend.figure.data[0]
    assert list(support.x) == [2019, 2020, 2021, 2022, 2023, 2024]
    assert list(support.text) == ["36", "64", "69", "76", "78", "78"]
    art60 = _slide(deck, "art60")
    assert art60.stats[0].value == "205" and "2024" in art60.stats[0].label
    assert art60.stats[1].value == "+12"  # 193 in 2023
    assert sum(art60.figure.data[0].x) == 205


def test_deck004_partial_counts_are_flagged_not_shown_as_drops(session):
    deck = _deck(session)
    ris = _slide(deck, "ris")
    assert ris.partial and ris.stats[0].partial and ris.stats[0].value == "1\u202f736"
    assert "30/11/2024" in ris.partial_note
    # The change shown compares complete years only (2022 → 2023), never the partial 2024.
    assert "2022" in ris.stats[1].label and "2024" not in ris.stats[1].label
    contracts = _slide(deck, "contracts")
    # Only the Ville's 2024 count stops at 25/10/2024: the joint count (3) is complete, the joint
    # share of the year's total is not.
    assert contracts.partial and contracts.stats[0].value == "3" and not contracts.stats[0].partial
    assert contracts.stats[1].partial
    assert "25/10/2024" in contracts.partial_note
    ticks = list(contracts.figure.data[0].x)
    assert ticks == ["2023", "2024*"]
    hatched = {trace.name: list(trace.marker.pattern.shape) for trace in contracts.figure.data}
    assert list(hatched.values()) == [["", ""], ["", "/"], ["", ""]]  # CPAS, Ville, joint


def test_deck005_radars_show_the_four_support_services_of_the_year(session):
    radars = _slide(_deck(session), "radars")
    assert len(radars.figure.data) == 4
    assert all(trace.type == "scatterpolar" for trace in radars.figure.data)
    assert radars.figure.layout.showlegend is False
    titles = [a.text for a in radars.figure.layout.annotations]
    assert any("22/25" in text for text in titles)


def test_deck006_commune_without_data_leaves_slides_out_with_a_note(session):
    deck = _deck(session, commune="mons", year=None, lang="en")
    assert "contracts" not in deck.slide_keys()
    assert ("contracts", "“Joint contracts” is left out: no data for Mons.") in deck.omitted
    assert deck.slides[0].key == "title"
    assert any("Joint contracts" in line for line in deck.slides[0].bullets)
    synergies = _slide(deck, "synergies")
    assert sum(int(s.value) for s in synergies.stats) == 35


def test_deck007_order_and_choice_are_kept(session):
    deck = _deck(session, slides=("ris", "title"))
    assert deck.slide_keys() == ["ris", "title"]


@pytest.mark.parametrize("lang", ["fr", "nl", "en"])
def test_deck008_every_language_builds(session, lang):
    deck = _deck(session, lang=lang)
    assert len(deck.slides) == len(SLIDE_KEYS)
    assert all(slide.title for slide in deck.slides)
    if lang == "nl":
        assert _slide(deck, "ris").stats[0].value == "1.736"


def test_deck009_iweps_non_published_is_never_zero(session):
    iweps = _slide(_deck(session), "iweps")
    labels = [a.text for a in iweps.figure.layout.annotations]
    assert any("non diffusé" in text for text in labels)
    assert any("4,05" in text and "3,59" in text for text in labels)
