"""Exports that need Chromium: table and chart downloads clicked in the browser, and the annual
report PDF with its radar charts drawn by kaleido (the system Chromium)."""

from __future__ import annotations

import csv
import io
import time

from pypdf import PdfReader

from dashboard.exports.report import build_report
from dashboard.exports.report_pdf import report_pdf
from dashboard.i18n import t
from dashboard.queries import matrix as matrix_q
from dashboard.queries import synergies as synergy_q
from tests.browser.conftest import screenshot, wait_js


def _png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")


def test_bex001_csv_download_holds_the_filtered_rows(page, session):
    page.goto(page.base_url + "/synergies?commune=tournai&year=2024&status=projetee")
    page.wait_for_selector("main h1")
    page.wait_for_load_state("networkidle")
    button = page.get_by_role(
        "button", name=t("exp.download_as", "fr", table=t("exp.table.synergies", "fr"), format="CSV")
    )
    button.focus()
    with page.expect_download() as info:
        page.keyboard.press("Enter")  # keyboard reachable
    download = info.value
    assert download.suggested_filename == "tournai-synergies-2024.csv"
    with open(download.path(), encoding="utf-8-sig") as handle:
        rows = list(csv.reader(handle))
    expected = synergy_q.synergies(session, commune="tournai", years=[2024], statuses=["projetee"])
    assert len(rows) - 1 == len(expected) > 0
    title = rows[0].index(t("exp.col.title", "fr"))
    assert sorted(r[title] for r in rows[1:]) == sorted(expected["title"])
    assert page.console_log.errors() == []


def test_bex002_png_and_svg_chart_downloads(page):
    page.goto(page.base_url + "/synthese?commune=tournai&year=2024")
    page.wait_for_selector(".chart-card .js-plotly-plot .main-svg")
    page.wait_for_load_state("networkidle")
    card = page.locator(".chart-card").first
    png_button = card.locator("[data-chart-export=png]")
    assert png_button.get_attribute("aria-label").endswith("PNG")
    with page.expect_download() as info:
        png_button.click()
    with open(info.value.path(), "rb") as handle:
        png = handle.read()
    assert _png_size(png) == (1920, 1080)  # presentation resolution
    assert info.value.suggested_filename.endswith(".png")
    with page.expect_download() as info:
        card.locator("[data-chart-export=svg]").click()
    with open(info.value.path(), encoding="utf-8") as handle:
        svg = handle.read()
    assert svg.lstrip().startswith("<svg") and 'width="1280"' in svg
    screenshot(page, "exports-synthesis-chart-buttons")
    assert page.console_log.errors() == []


def test_bex003_modebar_keeps_cloud_off_and_sets_image_size(page):
    page.goto(page.base_url + "/marches?commune=tournai")
    page.wait_for_selector(".js-plotly-plot .main-svg")
    config = page.evaluate("document.querySelector('.js-plotly-plot')._context.toImageButtonOptions")
    assert (config["width"], config["height"], config["scale"]) == (1280, 720, 1.5)
    assert page.evaluate("document.querySelector('.js-plotly-plot')._context.showSendToCloud") is False


def test_bex004_report_pdf_with_radars_first_and_warm(engine, session):
    levels = matrix_q.matrix_levels(session, commune="tournai", years=[2024])
    services = levels["service"].nunique()
    report = build_report(session, commune="tournai", year=2024, lang="fr")
    timings = []
    for _ in range(2):
        started = time.perf_counter()
        data = report_pdf(report)
        timings.append(time.perf_counter() - started)
    reader = PdfReader(io.BytesIO(data))
    images = sum(len(p.images) for p in reader.pages)
    assert images == services == 12  # one radar per service with a 2024 matrix (4 support + 8 others)
    text = "\n".join(p.extract_text() for p in reader.pages)
    assert t("rep.s3.no_chart", "fr") not in text
    print(
        f"\nreport PDF: {len(data):,} bytes, {len(reader.pages)} pages, "
        f"first {timings[0]:.1f} s, warm {timings[1]:.1f} s"
    )


def test_bex005_home_card_links_to_the_report(page):
    page.goto(page.base_url + "/?commune=tournai&year=2024&lang=nl")
    link = page.get_by_role("link", name=t("rep.home.xlsx", "nl"))
    href = link.get_attribute("href")
    assert href == "/exports/report.xlsx?commune=tournai&year=2024&lang=nl"
    with page.expect_download() as info:
        link.click()
    assert info.value.suggested_filename == "tournai-rapport-synergies-2024.xlsx"
    wait_js(page, "document.querySelector('#exp-report-card') !== null")


def test_bex006_report_pdf_route_from_the_running_server(live_server):
    from urllib.request import urlopen

    with urlopen(
        live_server + "/exports/report.pdf?commune=tournai&year=2024&lang=en", timeout=120
    ) as response:
        assert response.headers["Content-Type"] == "application/pdf"
        assert "tournai-rapport-synergies-2024.pdf" in response.headers["Content-Disposition"]
        data = response.read()
    reader = PdfReader(io.BytesIO(data))
    assert sum(len(p.images) for p in reader.pages) == 12
    assert t("rep.s3.title", "en") in "\n".join(p.extract_text() for p in reader.pages)
