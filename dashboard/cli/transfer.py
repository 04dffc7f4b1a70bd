"""Data transfer commands: the import template, import, export and the data-quality check."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from dashboard.cli import fail, main, settings_for


def _session(database_url: str | None):
    from sqlalchemy.orm import Session

    from dashboard.db.session import make_engine

    return Session(make_engine(settings_for(database_url).database_url))


def _read_inputs(paths: tuple[Path, ...]) -> list[tuple[str, bytes]]:
    files = []
    for path in paths:
        if path.is_dir():
            files += [(p.name, p.read_bytes()) for p in sorted(path.glob("*.csv"))]
        else:
            files.append((path.name, path.read_bytes()))
    return files


@main.command()
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True)
@click.option("--commune", help="Offer this commune's service codes in the drop-downs.")
@click.option("--database-url", help="Overrides DATABASE_URL.")
def template(output: Path, commune: str | None, database_url: str | None) -> None:
    """Write the Excel import template (one sheet per dataset, legend, drop-downs)."""
    from sqlalchemy import select

    from dashboard.db import models as M
    from dashboard.importer.template import build_workbook

    services: list[str] = []
    if commune:
        with _session(database_url) as session:
            found = session.scalar(select(M.Commune).where(M.Commune.slug == commune))
            if found is None:
                fail(f"unknown commune {commune!r}")
            services = list(
                session.scalars(
                    select(M.Service.code).where(M.Service.commune_id == found.id).order_by(M.Service.code)
                )
            )
    output.write_bytes(build_workbook(services=services))
    click.echo(f"template written to {output}")


@main.command("import")
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("--commune", required=True, help="Slug of the commune the data belongs to.")
@click.option(
    "--year", type=click.IntRange(1990, 2100), help="Only this year; rows of other years are errors."
)
@click.option("--dry-run", is_flag=True, help="Validate and show what would change; write nothing.")
@click.option("--replace", is_flag=True, help="Confirm changing/removing stored rows of the file's years.")
@click.option(
    "--lang",
    type=click.Choice(["fr", "nl", "en"]),
    default="en",
    show_default=True,
    help="Language of the problems reported.",
)
@click.option("--database-url", help="Overrides DATABASE_URL.")
def import_(
    files: tuple[Path, ...],
    commune: str,
    year: int | None,
    dry_run: bool,
    replace: bool,
    lang: str,
    database_url: str | None,
) -> None:
    """Import a filled workbook (.xlsx), CSV or JSON files (or a directory of CSV files) for one commune."""
    from dashboard.auth.permissions import CLI
    from dashboard.editing.imports import record_import
    from dashboard.importer.problems import ValidationFailed
    from dashboard.importer.safety import RefusedFile
    from dashboard.importer.service import apply_plan, prepare_import

    inputs = _read_inputs(files)
    if not inputs:
        fail("no file to import")
    with _session(database_url) as session:
        try:
            with session.begin():
                plan = prepare_import(session, inputs, commune, year=year)
                click.echo(plan.summary())
                if dry_run:
                    session.rollback()
                    click.echo("dry run: nothing written")
                    return
                if plan.needs_confirmation and not replace:
                    session.rollback()
                    fail(
                        "the import would change or remove stored rows (see above); rerun with --replace to confirm"
                    )
                totals = apply_plan(session, plan, confirmed=replace)
                record_import(session, CLI, plan, [name for name, _ in inputs])
        except RefusedFile as exc:
            fail(exc.message(lang))
        except ValidationFailed as exc:
            click.echo(exc.report(lang), err=True)
            fail(f"{len(exc.problems)} problem(s) in the file, nothing was written")
    click.echo(f"imported: {totals.added} added, {totals.changed} changed, {totals.removed} removed")


@main.command()
@click.argument("dataset")
@click.option("--format", "fmt", type=click.Choice(["csv", "json", "xlsx"]), default="csv", show_default=True)
@click.option("--commune", help="One commune (import-ready columns); default: all, with a commune column.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True)
@click.option("--database-url", help="Overrides DATABASE_URL.")
def export(dataset: str, fmt: str, commune: str | None, output: Path, database_url: str | None) -> None:
    """Export DATASET (e.g. matrix, synergies; 'all' = every dataset of --commune as one workbook)."""
    from dashboard.importer.export import export_commune_workbook, export_dataset
    from dashboard.importer.workbook import SPEC_BY_NAME

    if dataset != "all" and dataset not in SPEC_BY_NAME:
        fail(f"unknown dataset {dataset!r}; one of: all, {', '.join(SPEC_BY_NAME)}")
    with _session(database_url) as session:
        try:
            if dataset == "all":
                if fmt != "xlsx" or not commune:
                    fail("'all' is exported as one workbook: use --format xlsx --commune SLUG")
                data = export_commune_workbook(session, commune)
            else:
                data = export_dataset(session, dataset, fmt, commune)
        except (LookupError, ValueError) as exc:
            fail(str(exc))
    output.write_bytes(data)
    click.echo(f"{dataset} written to {output}")


@main.command()
@click.option("--commune", help="Only this commune.")
@click.option("--database-url", help="Overrides DATABASE_URL.")
def check(commune: str | None, database_url: str | None) -> None:
    """Data-quality report; exit non-zero when a problem is found."""
    from dashboard.importer.check import run_checks

    with _session(database_url) as session:
        findings = run_checks(session, commune)
    for finding in findings:
        click.echo(str(finding))
    problems = [f for f in findings if f.severity == "problem"]
    if problems:
        fail(f"{len(problems)} data-quality problem(s), first: {problems[0]}")
    click.echo(f"ok: no data-quality problem ({len(findings)} note(s))")
    sys.exit(0)


@main.command("pst-export")
@click.option("--commune", required=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True)
@click.option("--database-url", help="Overrides DATABASE_URL.")
def pst_export(commune: str, output: Path, database_url: str | None) -> None:
    """Export the commune's strategic plan as eComptes PST XML (validated against the schema)."""
    from dashboard.importer.pst_xml import export_pst, validate_xml

    with _session(database_url) as session:
        try:
            data = export_pst(session, commune)
        except LookupError as exc:
            fail(str(exc))
    _, problems = validate_xml(data, output.name)
    if problems:
        fail(f"the export does not validate against the eComptes schema: {problems[0]}")
    output.write_bytes(data)
    click.echo(f"PST written to {output} (valid against the eComptes 201805V1 schema)")


@main.command("pst-import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--commune", required=True)
@click.option("--dry-run", is_flag=True, help="Validate and show what would change; write nothing.")
@click.option("--replace", is_flag=True, help="Confirm replacing the stored plan.")
@click.option(
    "--lang",
    type=click.Choice(["fr", "nl", "en"]),
    default="en",
    show_default=True,
    help="Language of the problems reported.",
)
@click.option("--database-url", help="Overrides DATABASE_URL.")
def pst_import(
    file: Path, commune: str, dry_run: bool, replace: bool, lang: str, database_url: str | None
) -> None:
    """Import an eComptes PST XML file into the commune's strategic plan."""
    from dashboard.auth.permissions import CLI
    from dashboard.editing.imports import record_import
    from dashboard.importer.problems import ValidationFailed
    from dashboard.importer.pst_xml import read_pst_xml
    from dashboard.importer.safety import RefusedFile
    from dashboard.importer.service import apply_plan, import_source_id, plan_import

    data = file.read_bytes()
    with _session(database_url) as session:
        try:
            with session.begin():
                parsed = read_pst_xml(session, file.name, data, commune)
                plan = plan_import(
                    session,
                    parsed.upload,
                    commune,
                    source_id=import_source_id([(file.name, data)]),
                    source_file=file.name,
                )
                for note in parsed.unmapped:
                    click.echo(f"unmapped: {note}")
                click.echo(plan.summary())
                if dry_run:
                    session.rollback()
                    click.echo("dry run: nothing written")
                    return
                if plan.needs_confirmation and not replace:
                    session.rollback()
                    fail(
                        "the import would replace the stored plan (see above); rerun with --replace to confirm"
                    )
                totals = apply_plan(session, plan, confirmed=replace)
                record_import(session, CLI, plan, [file.name])
        except RefusedFile as exc:
            fail(exc.message(lang))
        except ValidationFailed as exc:
            click.echo(exc.report(lang), err=True)
            fail(f"{len(exc.problems)} problem(s) in the file, nothing was written")
    click.echo(f"imported: {totals.added} added, {totals.changed} changed, {totals.removed} removed")
