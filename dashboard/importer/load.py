"""Load the default data directory: validate every file first, then write all of it in one transaction.

`load_directory` never commits: the caller owns the transaction, so an exception
anywhere (a bad cell, a constraint, an interruption) leaves the database as it was.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import delete
from sqlalchemy.orm import Session

from dashboard.db import enums as E
from dashboard.db import models as M
from dashboard.db.meta import DATA_FINGERPRINT, DEFAULT_DATA, mark_changed, set_meta
from dashboard.importer.problems import Problem, ValidationFailed, problem
from dashboard.importer.specs import COMMUNE_SPECS, REFERENCE_SPECS, DatasetSpec, parse_deadline
from dashboard.importer.tables import UnreadableFile, read_csv
from dashboard.importer.validate import ValidTable, validate_table

KNOWN_COMMUNE_FILES = {spec.filename for spec in COMMUNE_SPECS}


@dataclass
class Bundle:
    """Everything validated from a data directory, ready to be written."""

    reference: dict[str, ValidTable] = field(default_factory=dict)
    communes: dict[str, dict[str, ValidTable]] = field(default_factory=dict)

    def counts(self) -> dict[str, dict[str, int]]:
        out = {"reference": {name: len(t.rows) for name, t in self.reference.items()}}
        for slug, tables in self.communes.items():
            out[slug] = {name: len(t.rows) for name, t in tables.items()}
        return out


def fingerprint(data_dir: Path) -> str:
    """A hash of every data file, to notice that the default data changed since the database was filled."""
    digest = hashlib.sha256()
    for path in sorted(data_dir.rglob("*.csv")):
        digest.update(path.relative_to(data_dir).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _read(spec: DatasetSpec, path: Path, label: str, problems: list[Problem]) -> ValidTable | None:
    try:
        raw = read_csv(path, label)
    except UnreadableFile as exc:
        problems.append(problem(exc.file, None, None, None, exc.key, **exc.params))
        return None
    table, found = validate_table(spec, raw)
    problems.extend(found)
    return table


def read_directory(data_dir: Path) -> Bundle:
    """Validate every file of a data directory; raise ValidationFailed listing all problems."""
    problems: list[Problem] = []
    bundle = Bundle()
    for spec in REFERENCE_SPECS:
        path = data_dir / spec.filename
        if not path.exists():
            problems.append(problem(spec.filename, None, None, None, "val.file_required"))
            continue
        table = _read(spec, path, spec.filename, problems)
        if table is not None:
            bundle.reference[spec.name] = table
    communes = bundle.reference.get("communes")
    if communes is not None:
        for _, commune in communes.rows:
            bundle.communes[commune.slug] = _read_commune(data_dir, commune.slug, problems)
        known = {c.slug for _, c in communes.rows}
        for directory in sorted(p for p in data_dir.iterdir() if p.is_dir() and p.name != "reference"):
            if directory.name not in known:
                problems.append(
                    problem(f"{directory.name}/", None, None, directory.name, "val.commune_directory")
                )
    problems.extend(cross_check(bundle))
    if problems:
        raise ValidationFailed(problems)
    return bundle


def _read_commune(data_dir: Path, slug: str, problems: list[Problem]) -> dict[str, ValidTable]:
    directory = data_dir / slug
    tables: dict[str, ValidTable] = {}
    if not directory.is_dir():
        return tables
    for path in sorted(directory.glob("*.csv")):
        if path.name not in KNOWN_COMMUNE_FILES:
            problems.append(
                problem(
                    f"{slug}/{path.name}",
                    None,
                    None,
                    path.name,
                    "val.dataset_file",
                    files=", ".join(sorted(KNOWN_COMMUNE_FILES)),
                )
            )
    for spec in COMMUNE_SPECS:
        path = directory / spec.filename
        if path.exists():
            table = _read(spec, path, f"{slug}/{spec.filename}", problems)
            if table is not None:
                tables[spec.name] = table
    return tables


def _codes(table: ValidTable | None, attribute: str = "code") -> set:
    return {getattr(row, attribute) for _, row in table.rows} if table else set()


def _ref_problem(
    table: ValidTable, row: int, column: str, value: object, key: str, **params: object
) -> Problem:
    return problem(table.file, row, column, str(getattr(value, "value", value)), key, table.sheet, **params)


def cross_check(bundle: Bundle) -> list[Problem]:
    """Rules that span rows or files: references between files, completeness of a matrix, PST tree."""
    problems: list[Problem] = []
    sources = _codes(bundle.reference.get("sources"), "id")
    procedures = _codes(bundle.reference.get("procedures"))
    for name, table in bundle.reference.items():
        if name == "sources":
            continue
        problems.extend(_check_sources(table, sources))
    for slug, tables in bundle.communes.items():
        for table in tables.values():
            problems.extend(_check_sources(table, sources))
        services = _codes(tables.get("services"))
        for name in ("synergies", "matrix"):
            table = tables.get(name)
            for row_number, row in table.rows if table else ():
                if row.service not in services:
                    problems.append(
                        _ref_problem(table, row_number, "service", row.service, "val.ref.service")
                    )
        problems.extend(_check_matrix_complete(tables.get("matrix")))
        contracts = tables.get("contracts")
        for row_number, row in contracts.rows if contracts else ():
            if row.procedure not in procedures:
                problems.append(
                    _ref_problem(
                        contracts,
                        row_number,
                        "procedure",
                        row.procedure,
                        "val.one_of",
                        codes=", ".join(sorted(procedures)),
                    )
                )
        problems.extend(_check_indicators(tables))
        problems.extend(_check_pst(slug, tables))
        synthesis = tables.get("synthesis_reported")
        for row_number, row in synthesis.rows if synthesis else ():
            if row.total > row.maximum:
                problems.append(
                    _ref_problem(
                        synthesis,
                        row_number,
                        "total",
                        row.total,
                        "val.total_max",
                        maximum=row.maximum,
                    )
                )
    return problems


def _check_sources(table: ValidTable, sources: set[str]) -> list[Problem]:
    return [
        _ref_problem(table, n, "source", row.source, "val.ref.source")
        for n, row in table.rows
        if row.source not in sources
    ]


def _check_matrix_complete(table: ValidTable | None) -> list[Problem]:
    if table is None or table.rejected:
        return []  # a refused row would show up again as a missing register
    found: dict[tuple[int, str], set[E.Register]] = defaultdict(set)
    first_row: dict[tuple[int, str], int] = {}
    for row_number, row in table.rows:
        found[(row.year, row.service)].add(row.register)
        first_row.setdefault((row.year, row.service), row_number)
    problems = []
    for (year, service), registers in found.items():
        missing = [r.value for r in E.Register if r not in registers]
        if missing:
            problems.append(
                problem(
                    table.file,
                    first_row[(year, service)],
                    "register",
                    f"{service} {year}",
                    "val.registers",
                    table.sheet,
                    missing=", ".join(missing),
                )
            )
    return problems


def _check_indicators(tables: dict[str, ValidTable]) -> list[Problem]:
    values = tables.get("indicator_values")
    if values is None:
        return []
    codes = _codes(tables.get("indicators"))
    problems = []
    for row_number, row in values.rows:
        if row.indicator not in codes:
            problems.append(_ref_problem(values, row_number, "indicator", row.indicator, "val.ref.indicator"))
        if row.status is E.ValueStatus.NOT_PUBLISHED and row.value is not None:
            problems.append(
                _ref_problem(
                    values,
                    row_number,
                    "value",
                    row.value,
                    "val.not_published_empty",
                )
            )
        if row.status is E.ValueStatus.PUBLISHED and row.value is None:
            problems.append(
                _ref_problem(
                    values,
                    row_number,
                    "value",
                    "",
                    "val.published_number",
                )
            )
    return problems


def _check_pst(slug: str, tables: dict[str, ValidTable]) -> list[Problem]:
    problems: list[Problem] = []
    pst_files = [n for n in tables if n.startswith("pst")]
    if not pst_files:
        return problems
    for needed in ("pst", "pst_objectives", "pst_actions"):
        if needed not in tables:
            present = ", ".join(f"{name}.csv" for name in pst_files)
            problems.append(
                problem(f"{slug}/{needed}.csv", None, None, None, "val.pst_file", present=present)
            )
    pst = tables.get("pst")
    if pst is not None and len(pst.rows) != 1:
        problems.append(problem(pst.file, None, None, str(len(pst.rows)), "val.one_plan", pst.sheet))
    objectives = tables.get("pst_objectives")
    levels = {row.code: row.level for _, row in objectives.rows} if objectives else {}
    parents = {row.code: row.parent for _, row in objectives.rows} if objectives else {}
    for row_number, row in objectives.rows if objectives else ():
        if row.level is E.PstLevel.STRATEGIC and row.parent:
            problems.append(_ref_problem(objectives, row_number, "parent", row.parent, "val.pst.no_parent"))
        if row.level is E.PstLevel.OPERATIONAL and levels.get(row.parent) is not E.PstLevel.STRATEGIC:
            problems.append(
                _ref_problem(
                    objectives,
                    row_number,
                    "parent",
                    row.parent or "",
                    "val.pst.strategic_parent",
                )
            )
    actions = tables.get("pst_actions")
    for row_number, row in actions.rows if actions else ():
        if levels.get(row.op) is not E.PstLevel.OPERATIONAL:
            problems.append(
                _ref_problem(
                    actions,
                    row_number,
                    "op",
                    row.op,
                    "val.pst.operational",
                )
            )
        elif row.reference != f"{parents[row.op]}-{row.op}-{row.code}":
            problems.append(
                _ref_problem(
                    actions,
                    row_number,
                    "reference",
                    row.reference,
                    "val.pst.reference",
                    reference=f"{parents[row.op]}-{row.op}-{row.code}",
                )
            )
        if row.start_date and row.end_date and row.end_date < row.start_date:
            problems.append(
                _ref_problem(
                    actions,
                    row_number,
                    "end_date",
                    row.end_date,
                    "val.pst.end_date",
                    start=row.start_date,
                )
            )
    action_codes = _codes(actions)
    for name in ("pst_indicators", "pst_action_budget"):
        table = tables.get(name)
        for row_number, row in table.rows if table else ():
            if row.action not in action_codes:
                problems.append(_ref_problem(table, row_number, "action", row.action, "val.ref.action"))
    return problems


# --- writing ----------------------------------------------------------------------------------


def clear_data(session: Session) -> None:
    """Delete every dataset row (reference data included), keeping the schema, accounts and audit trail."""
    for table in reversed(M.Base.metadata.sorted_tables):
        if table.name != "alembic_version" and table.name not in M.ACCOUNT_TABLES:
            session.execute(delete(table))


def write_bundle(session: Session, bundle: Bundle) -> None:
    ref = bundle.reference
    for _, row in ref["sources"].rows:
        session.add(
            M.Source(
                id=row.id,
                file=row.file,
                title=row.title,
                commune_slug=row.commune,
                language=row.language,
                date=row.date,
            )
        )
    session.flush()
    for _, row in ref["registers"].rows:
        session.add(
            M.Register(
                code=row.code, position=row.position, name=row.name, definition=row.definition, **_prov(row)
            )
        )
    for _, row in ref["levels"].rows:
        session.add(M.Level(level=row.level, name=row.name, definition=row.definition, **_prov(row)))
    for _, row in ref["procedures"].rows:
        session.add(M.Procedure(code=row.code, abbreviation=row.abbreviation, name=row.name, **_prov(row)))
    for _, row in ref["communes"].rows:
        commune = M.Commune(
            slug=row.slug,
            name=row.name,
            name_nl=row.name_nl,
            ins_code=row.ins_code,
            region=row.region,
            province=row.province,
            arrondissement=row.arrondissement,
            **_prov(row),
        )
        commune.administrations = [
            M.Administration(body=E.Body.COMMUNE, name=row.commune_name),
            M.Administration(body=E.Body.CPAS, name=row.cpas_name),
        ]
        session.add(commune)
        session.flush()
        write_commune(session, commune.id, bundle.communes.get(row.slug, {}))
    session.flush()


def _prov(row) -> dict:
    return {"source_id": row.source, "section": row.section or ""}


def _text(value: str | None) -> str:
    return value or ""


def write_commune(
    session: Session,
    commune_id: int,
    tables: dict[str, ValidTable],
    *,
    known_services: dict[str, M.Service] | None = None,
    known_indicators: dict[str, M.Indicator] | None = None,
) -> None:
    """Write one commune's validated tables (the caller has removed what they replace).

    `known_services` / `known_indicators` resolve codes to rows already stored, so an import
    can rewrite synergies or matrix levels without rewriting the services they point to.
    """

    def rows(name: str):
        table = tables.get(name)
        return [row for _, row in table.rows] if table else []

    services = dict(known_services or {})
    for row in rows("services"):
        service = M.Service(
            commune_id=commune_id,
            code=row.code,
            name=row.name,
            group=row.group,
            aliases=_text(row.aliases),
            **_prov(row),
        )
        session.add(service)
        services[row.code] = service
    session.flush()
    for row in rows("synergies"):
        start, end = parse_deadline(row.deadline)
        synergy = M.Synergy(
            commune_id=commune_id,
            service_id=services[row.service].id,
            ref=row.ref,
            report_year=row.report_year,
            status=row.status,
            title=row.title,
            objective_text=_text(row.objective_text),
            mode=row.mode,
            pilot=row.pilot,
            responsible=_text(row.responsible),
            result=_text(row.result),
            means=_text(row.means),
            expected_result=_text(row.expected_result),
            deadline=_text(row.deadline),
            deadline_from=start,
            deadline_to=end,
            started_year=row.started_year,
            language=row.language,
            **_prov(row),
        )
        synergy.objectives = [
            M.SynergyObjective(objective=o, position=i) for i, o in enumerate(row.objectives)
        ]
        session.add(synergy)
    for row in rows("matrix"):
        session.add(
            M.MatrixLevel(
                commune_id=commune_id,
                year=row.year,
                service_id=services[row.service].id,
                register=row.register,
                level=row.level,
                **_prov(row),
            )
        )
    for row in rows("synthesis_reported"):
        session.add(
            M.SynthesisReported(
                commune_id=commune_id,
                year=row.year,
                group=row.group,
                total=row.total,
                maximum=row.maximum,
                **_prov(row),
            )
        )
    for row in rows("contract_counts"):
        session.add(
            M.ContractCount(
                commune_id=commune_id,
                year=row.year,
                body=row.body,
                count=row.count,
                counted_until=row.counted_until,
                note=_text(row.note),
                **_prov(row),
            )
        )
    for position, row in enumerate(rows("contracts")):
        session.add(
            M.Contract(
                commune_id=commune_id,
                stage=row.stage,
                report_year=row.report_year,
                position=position,
                title=row.title,
                type=row.type,
                procedure=row.procedure,
                estimated_amount=row.estimated_amount,
                planned_award_date=row.planned_award_date,
                **_prov(row),
            )
        )
    for row in rows("ris"):
        session.add(
            M.RisYear(
                commune_id=commune_id,
                year=row.year,
                beneficiaries=row.beneficiaries,
                counted_until=row.counted_until,
                note=_text(row.note),
                **_prov(row),
            )
        )
    for row in rows("ris_households"):
        session.add(
            M.RisHousehold(
                commune_id=commune_id, date=row.date, household=row.household, count=row.count, **_prov(row)
            )
        )
    for row in rows("placements"):
        session.add(
            M.Placement(
                commune_id=commune_id,
                year=row.year,
                scheme=row.scheme,
                employer_category=row.employer_category,
                employer_label=row.employer_label,
                count=row.count,
                note=_text(row.note),
                counted_until=row.counted_until,
                **_prov(row),
            )
        )
    for row in rows("placement_totals"):
        session.add(
            M.PlacementTotal(
                commune_id=commune_id, year=row.year, scheme=row.scheme, total=row.total, **_prov(row)
            )
        )
    indicators = dict(known_indicators or {})
    for row in rows("indicators"):
        indicator = M.Indicator(
            commune_id=commune_id,
            code=row.code,
            theme=row.theme,
            name=row.name,
            unit=row.unit,
            reference_period=row.reference_period,
            reference_year=row.reference_year,
            **_prov(row),
        )
        session.add(indicator)
        indicators[row.code] = indicator
    session.flush()
    for row in rows("indicator_values"):
        session.add(
            M.IndicatorValue(
                indicator_id=indicators[row.indicator].id,
                territory_level=row.territory_level,
                territory_name=row.territory_name,
                value=row.value,
                status=row.status,
                **_prov(row),
            )
        )
    for position, row in enumerate(rows("key_figures")):
        session.add(
            M.KeyFigure(
                commune_id=commune_id,
                position=position,
                section_code=row.section_code,
                code=row.code,
                label=row.label,
                value=row.value,
                unit=_text(row.unit),
                period=_text(row.period),
                note=_text(row.note),
                **_prov(row),
            )
        )
    _write_pst(session, commune_id, rows)
    for position, row in enumerate(rows("staffing")):
        session.add(
            M.Staffing(
                commune_id=commune_id,
                date=row.date,
                body=row.body,
                service=row.service,
                position=position,
                real_fte=row.real_fte,
                theoretical_fte=row.theoretical_fte,
                **_prov(row),
            )
        )
    for row in rows("cost_comparison"):
        session.add(
            M.CostComparison(
                commune_id=commune_id,
                option=row.option,
                line=row.line,
                year=row.year,
                amount=row.amount,
                **_prov(row),
            )
        )
    for row in rows("wepulse"):
        session.add(
            M.WePulseStance(
                commune_id=commune_id,
                date=row.date,
                body=row.body,
                domain=row.domain,
                position=row.position,
                note=_text(row.note),
                **_prov(row),
            )
        )
    session.flush()


def _write_pst(session: Session, commune_id: int, rows) -> None:
    plans = rows("pst")
    if not plans:
        return
    plan = plans[0]
    pst = M.Pst(
        commune_id=commune_id,
        body=plan.body,
        title=plan.title,
        start_year=plan.start_year,
        end_year=plan.end_year,
    )
    session.add(pst)
    session.flush()
    objectives: dict[str, M.PstObjective] = {}
    ordered = sorted(rows("pst_objectives"), key=lambda r: r.level is not E.PstLevel.STRATEGIC)
    for position, row in enumerate(ordered):
        objective = M.PstObjective(
            pst_id=pst.id,
            level=row.level,
            code=row.code,
            position=position,
            parent_id=objectives[row.parent].id if row.parent else None,
            title=row.title,
            **_prov(row),
        )
        session.add(objective)
        session.flush()
        objectives[row.code] = objective
    actions: dict[str, M.PstAction] = {}
    for position, row in enumerate(rows("pst_actions")):
        action = M.PstAction(
            pst_id=pst.id,
            objective_id=objectives[row.op].id,
            code=row.code,
            position=position,
            reference=row.reference,
            title=row.title,
            start_date=row.start_date,
            end_date=row.end_date,
            end_note=_text(row.end_note),
            status=row.status,
            budget_impact=row.budget_impact,
            budget_note=_text(row.budget_note),
            context=_text(row.context),
            description=_text(row.description),
            risks=_text(row.risks),
            **_prov(row),
        )
        session.add(action)
        actions[row.code] = action
    session.flush()
    for row in rows("pst_indicators"):
        session.add(
            M.PstIndicator(
                action_id=actions[row.action].id, position=row.position, text=row.text, **_prov(row)
            )
        )
    for row in rows("pst_budget"):
        session.add(
            M.PstBudgetLine(
                pst_id=pst.id,
                year=row.year,
                budget_section=row.budget_section,
                kind=row.kind,
                eco_group=row.eco_group,
                label=row.label,
                amount=row.amount,
                **_prov(row),
            )
        )
    for row in rows("pst_action_budget"):
        session.add(
            M.PstActionBudget(
                action_id=actions[row.action].id,
                year=row.year,
                budget_section=row.budget_section,
                kind=row.kind,
                eco_group=row.eco_group,
                amount=row.amount,
                **_prov(row),
            )
        )


def load_directory(session: Session, data_dir: Path, *, replace: bool = False) -> Bundle:
    """Validate `data_dir` and write it; with `replace`, existing data is removed first (same transaction)."""
    bundle = read_directory(data_dir)
    if replace:
        clear_data(session)
    write_bundle(session, bundle)
    mark_changed(session, origin=DEFAULT_DATA)
    set_meta(session, DATA_FINGERPRINT, fingerprint(data_dir))
    session.flush()
    return bundle
