"""The import page's logic: decode an upload, preview what it changes, apply it once confirmed.

Callbacks stay thin and call these. Every step re-checks permission and rebuilds the plan
from the files themselves (the browser only echoes them back), so a forged confirmation
can at most re-run a valid import the user could run anyway. A token — a hash of the
files, commune and year — ties Confirm to the preview the user actually saw.
"""

from __future__ import annotations

import base64
import binascii
import hashlib

from dash import html
from sqlalchemy.orm import Session, sessionmaker

from components.table import Cell, static_table
from dashboard import ids
from dashboard.auth import current_actor
from dashboard.editing.imports import record_import
from dashboard.i18n import fmt_number, t
from dashboard.importer.access import may_import
from dashboard.importer.problems import Problem, ValidationFailed
from dashboard.importer.safety import MAX_FILE_BYTES, MAX_FILES, RefusedFile
from dashboard.importer.service import ImportPlan, apply_plan, prepare_import
from dashboard.importer.workbook import dataset_label

MAX_SHOWN_PROBLEMS = 300
_MAX_ENCODED = MAX_FILE_BYTES * 4 // 3 + 1024


def decode_upload(contents: object, filenames: object) -> list[tuple[str, bytes]]:
    """dcc.Upload's data-URLs as (name, bytes); anything malformed becomes a RefusedFile."""
    if isinstance(contents, str):
        contents, filenames = [contents], [filenames]
    if not isinstance(contents, list) or not isinstance(filenames, list) or len(contents) != len(filenames):
        raise RefusedFile("binary", "?")
    if len(contents) > MAX_FILES:
        raise RefusedFile("too_many", "?", {"count": len(contents), "limit": MAX_FILES})
    files = []
    for content, name in zip(contents, filenames, strict=True):
        name = name[:120] if isinstance(name, str) and name else "?"
        if not isinstance(content, str):
            raise RefusedFile("binary", name)
        if len(content) > _MAX_ENCODED:
            raise RefusedFile("too_large", name, {"size": len(content) * 3 // 4, "limit": MAX_FILE_BYTES})
        _, _, encoded = content.partition(",")
        try:
            files.append((name, base64.b64decode(encoded, validate=True)))
        except (binascii.Error, ValueError) as exc:
            raise RefusedFile("binary", name) from exc
    return files


def _alert(children, color: str, role: str = "alert", className: str = "") -> html.Div:
    """A Bootstrap alert with an ARIA role (dbc.Alert takes none): screen readers hear the outcome."""
    return html.Div(children, className=f"alert alert-{color} {className}".strip(), role=role)


def token(files: list[tuple[str, bytes]], slug: str, year: int | None) -> str:
    digest = hashlib.sha256(f"{slug}|{year}".encode())
    for name, data in files:
        digest.update(name.encode())
        digest.update(hashlib.sha256(data).digest())
    return digest.hexdigest()


def forbidden(lang: str) -> html.Div:
    return _alert(t("imp.forbidden", lang), color="warning", role="alert")


def refused(exc: RefusedFile, lang: str) -> html.Div:
    return _alert(
        [html.Strong(t("imp.refused", lang) + " — "), exc.message(lang)], color="danger", role="alert"
    )


def problems_report(problems: list[Problem], lang: str) -> html.Div:
    shown = problems[:MAX_SHOWN_PROBLEMS]
    rows = [
        [
            p.file,
            p.sheet or "",
            Cell(fmt_number(p.row, lang) if p.row else "", numeric=True),
            p.column or "",
            p.value or "",
            p.message(lang),
        ]
        for p in shown
    ]
    headers = [t(f"imp.col.{k}", lang) for k in ("file", "sheet", "row", "column", "value", "expected")]
    return html.Div(
        [
            _alert(
                t("imp.problems", lang, count=fmt_number(len(problems), lang)), color="danger", role="alert"
            ),
            static_table(
                table_id=ids.IMP_PROBLEMS_TABLE,
                caption=t("imp.problems", lang, count=len(problems)),
                headers=headers,
                rows=rows,
            ),
        ]
    )


def diff_report(plan: ImportPlan, lang: str) -> html.Div:
    rows = [
        [
            dataset_label(name, lang),
            *(
                Cell(fmt_number(getattr(d, k), lang), numeric=True)
                for k in ("added", "changed", "removed", "unchanged")
            ),
        ]
        for name, d in plan.diffs.items()
    ]
    headers = [t(f"imp.col.{k}", lang) for k in ("dataset", "added", "changed", "removed", "unchanged")]
    parts: list = [
        html.H2(t("imp.preview", lang), className="h4 mt-4"),
        static_table(table_id=ids.IMP_DIFF_TABLE, caption=t("imp.preview", lang), headers=headers, rows=rows),
    ]
    if not plan.has_changes:
        parts.append(_alert(t("imp.nothing", lang), color="info", role="status", className="mt-3"))
    elif plan.needs_confirmation:
        parts.append(_alert(t("imp.replace_warning", lang), color="warning", role="alert", className="mt-3"))
    return html.Div(parts)


def preview(sessions: sessionmaker[Session], contents, filenames, slug: str, year: int | None, lang: str):
    """(report, token or None): the validation report or the diff; nothing is written."""
    if not may_import(slug):
        return forbidden(lang), None
    try:
        files = decode_upload(contents, filenames)
        with sessions() as session:
            try:
                plan = prepare_import(session, files, slug, year=year, allow_new=True)
            finally:
                session.rollback()
    except RefusedFile as exc:
        return refused(exc, lang), None
    except ValidationFailed as exc:
        return problems_report(exc.problems, lang), None
    if plan.slug != slug and not may_import(plan.slug):  # a new commune described by the file
        return forbidden(lang), None
    return diff_report(plan, lang), (token(files, slug, year) if plan.has_changes else None)


def confirm(
    sessions: sessionmaker[Session], contents, filenames, slug: str, year: int | None, seen: object, lang: str
):
    """Apply the previewed import in one transaction; the result message."""
    if not may_import(slug):
        return forbidden(lang)
    try:
        files = decode_upload(contents, filenames)
    except RefusedFile as exc:
        return refused(exc, lang)
    if not isinstance(seen, str) or seen != token(files, slug, year):
        return _alert(t("imp.expired", lang), color="warning", role="alert")
    try:
        with sessions() as session, session.begin():
            plan = prepare_import(session, files, slug, year=year, allow_new=True)
            if plan.slug != slug and not may_import(plan.slug):
                return forbidden(lang)  # nothing was written: prepare_import only reads
            totals = apply_plan(session, plan, confirmed=True)
            record_import(session, current_actor(), plan, [name for name, _ in files])
    except RefusedFile as exc:
        return refused(exc, lang)
    except ValidationFailed as exc:
        return problems_report(exc.problems, lang)
    return _alert(
        t(
            "imp.done",
            lang,
            added=fmt_number(totals.added, lang),
            changed=fmt_number(totals.changed, lang),
            removed=fmt_number(totals.removed, lang),
        ),
        color="success",
        role="status",
    )
