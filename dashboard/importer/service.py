"""Import a commune's yearly data: validate everything, show the diff, then write in one transaction.

`plan_import` reads nothing but the upload and the database, and writes nothing: it
validates every table, merges the file into what is stored (per dataset scope, below),
re-runs the cross-file rules on the merged result and counts rows added / changed /
removed. `apply_plan` then rewrites only the groups of tables that change. Neither
commits: the caller owns the transaction, so an error anywhere leaves the database as it was.

Scope — what a file replaces: year-based datasets replace the years present in the file
(or `--year`); date-based ones the dates; the PST the whole plan; services, indicators and
key figures are updated by code and never removed by an import. A plan that would change
or remove stored rows needs an explicit confirmation (`--replace`, the Confirm button).
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from types import SimpleNamespace

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from dashboard.db import enums as E
from dashboard.db import models as M
from dashboard.db.meta import mark_changed
from dashboard.importer.load import Bundle, cross_check, write_commune
from dashboard.importer.problems import Problem, ValidationFailed, problem
from dashboard.importer.rows import canonical, read_dataset
from dashboard.importer.specs import REFERENCE_SPECS, DatasetSpec, Row
from dashboard.importer.tables import RawTable
from dashboard.importer.validate import ValidTable, validate_table
from dashboard.importer.workbook import SPEC_BY_NAME, Upload, column_label

UPSERT = "upsert"
WHOLE = "whole"
SCOPE: dict[str, str] = {
    "communes": UPSERT,
    "services": UPSERT,
    "indicators": UPSERT,
    "key_figures": UPSERT,
    "synergies": "report_year",
    "matrix": "year",
    "synthesis_reported": "year",
    "contract_counts": "year",
    "contracts": "report_year",
    "ris": "year",
    "ris_households": "date",
    "placements": "year",
    "placement_totals": "year",
    "indicator_values": "indicator",
    "staffing": "date",
    "cost_comparison": "option",
    "wepulse": "date",
    **{
        name: WHOLE
        for name in (
            "pst",
            "pst_objectives",
            "pst_actions",
            "pst_indicators",
            "pst_budget",
            "pst_action_budget",
        )
    },
}
# Tables that refer to each other by code: the diff and the cross-file rules see them together.
# Services and indicators are updated in place (their ids stay), the PST is rewritten as a whole.
GROUPS: tuple[tuple[str, ...], ...] = (
    ("services", "synergies", "matrix"),
    ("indicators", "indicator_values"),
    ("pst", "pst_objectives", "pst_actions", "pst_indicators", "pst_budget", "pst_action_budget"),
)
PST_GROUP = GROUPS[2]
# The plan row has no stored provenance: compare it without.
IGNORED = {"pst": {"source", "section"}}
YEAR_COLUMNS = ("year", "report_year")


def group_of(name: str) -> tuple[str, ...]:
    for group in GROUPS:
        if name in group:
            return group
    return (name,)


@dataclass
class DatasetDiff:
    added: int = 0
    changed: int = 0
    removed: int = 0
    unchanged: int = 0


@dataclass
class ImportPlan:
    slug: str
    source_id: str
    source_file: str
    commune_id: int | None
    diffs: dict[str, DatasetDiff] = field(default_factory=dict)
    merged: dict[str, ValidTable] = field(default_factory=dict)
    commune_row: Row | None = None

    @property
    def needs_confirmation(self) -> bool:
        return any(d.changed or d.removed for d in self.diffs.values())

    @property
    def has_changes(self) -> bool:
        return any(d.added or d.changed or d.removed for d in self.diffs.values())

    def totals(self) -> DatasetDiff:
        total = DatasetDiff()
        for d in self.diffs.values():
            total.added += d.added
            total.changed += d.changed
            total.removed += d.removed
            total.unchanged += d.unchanged
        return total

    def summary(self) -> str:
        lines = [
            f"{name}: +{d.added} ~{d.changed} -{d.removed} ={d.unchanged}" for name, d in self.diffs.items()
        ]
        return "\n".join(lines)


def import_source_id(files: list[tuple[str, bytes]]) -> str:
    """A provenance id derived from the file contents: re-importing the same file changes nothing."""
    digest = hashlib.sha256()
    for _name, data in sorted(files):
        digest.update(data)
    return f"imp-{digest.hexdigest()[:16]}"


def plan_import(
    session: Session,
    upload: Upload,
    slug: str,
    *,
    source_id: str,
    source_file: str,
    year: int | None = None,
    allow_new: bool = False,
) -> ImportPlan:
    """Validate `upload` for commune `slug` and compute what it would change; ValidationFailed if invalid.

    With `allow_new`, a Commune sheet naming a commune that does not exist yet creates it and
    the plan is for that commune (`plan.slug`): the app's page starts from a selected commune.
    """
    problems = list(upload.problems)
    if allow_new:
        slug = _new_commune_slug(session, upload) or slug
    commune = session.scalar(select(M.Commune).where(M.Commune.slug == slug))
    plan = ImportPlan(
        slug=slug, source_id=source_id, source_file=source_file, commune_id=commune.id if commune else None
    )
    valid: dict[str, ValidTable] = {}
    for name, raw in upload.tables.items():
        if not raw.rows:
            continue  # a sheet left empty (the template has them all) says nothing about that dataset
        spec = SPEC_BY_NAME[name]
        table, found = validate_table(spec, _with_source(raw, source_id))
        problems.extend(_labelled(found, name, upload))
        problems.extend(_year_problems(table, year, upload))
        valid[name] = table
    if not valid and not problems:
        problems.append(problem(source_file, None, None, None, "val.data_rows"))
    communes = valid.pop("communes", None)
    if communes is not None:
        rows = [row for _, row in communes.rows]
        if len(rows) != 1 or rows[0].slug != slug:
            found_slugs = ", ".join(r.slug for r in rows) or "none"
            problems.append(
                problem(
                    communes.file, None, "slug", found_slugs, "val.one_commune_row", communes.sheet, slug=slug
                )
            )
        elif not communes.rejected:
            plan.commune_row = rows[0]
            holder = session.scalar(select(M.Commune.slug).where(M.Commune.ins_code == rows[0].ins_code))
            if holder not in (None, slug):
                problems.append(
                    problem(
                        communes.file,
                        communes.rows[0][0],
                        _header("communes", "ins_code", upload),
                        rows[0].ins_code,
                        "val.ins_unused",
                        communes.sheet,
                        holder=holder,
                    )
                )
    if commune is None and communes is None:
        problems.append(problem(source_file, None, None, slug, "val.commune_exists"))
    if problems:
        raise ValidationFailed(problems)

    if communes is not None and plan.commune_row is not None:
        plan.diffs["communes"] = _diff_commune(session, commune, communes)
    touched = {member for name in valid for member in group_of(name)}
    for name in sorted(touched, key=_order):
        stored = _stored(session, commune, name)
        if name not in valid and name in upload.complete:
            # The upload describes this dataset completely even without rows (an eComptes plan).
            valid[name] = ValidTable(spec=SPEC_BY_NAME[name], file=source_file)
        if name not in valid:
            plan.merged[name] = stored
            continue
        merged, diff = _merge(SPEC_BY_NAME[name], valid[name], stored, year)
        plan.merged[name] = merged
        plan.diffs[name] = diff
    problems = cross_check(_bundle(session, plan, source_id))
    if problems:
        raise ValidationFailed([_relabel(p, upload) for p in problems])
    return plan


def _new_commune_slug(session: Session, upload: Upload) -> str | None:
    """The slug of a Commune sheet's single row when no commune has it yet."""
    raw = upload.tables.get("communes")
    if raw is None or len(raw.rows) != 1:
        return None
    candidate = (raw.rows[0][1].get("slug") or "").strip()
    exists = session.scalar(select(M.Commune.id).where(M.Commune.slug == candidate))
    return candidate if candidate and exists is None else None


def _order(name: str) -> int:
    return list(SPEC_BY_NAME).index(name)


def _with_source(raw: RawTable, source_id: str) -> RawTable:
    """Rows without a source get the import's own provenance id."""
    header = raw.header if "source" in raw.header else [*raw.header, "source"]
    rows = [(n, {**cells, "source": cells.get("source") or source_id}) for n, cells in raw.rows]
    return RawTable(file=raw.file, header=header, rows=rows, sheet=raw.sheet)


def _labelled(problems: list[Problem], dataset: str, upload: Upload) -> list[Problem]:
    """Problems named with the headers the user wrote; a refused formula cell is reported once."""
    out = []
    for p in problems:
        header = upload.labels.get((dataset, p.column or ""), p.column)
        if (p.file, p.sheet, p.row, header) in upload.formulas:
            continue
        label = (
            ", ".join(_header(dataset, c.strip(), upload) for c in p.column.split(",")) if p.column else None
        )
        out.append(replace(p, column=label))
    return out


def _header(dataset: str, column: str, upload: Upload) -> str:
    """The header the user wrote for a column, else its French label (else the name as found)."""
    found = upload.labels.get((dataset, column))
    if found:
        return found
    return column_label(column) if SPEC_BY_NAME[dataset].model.model_fields.get(column) else column


def _relabel(p: Problem, upload: Upload) -> Problem:
    """A cross-file problem's column codes shown as the headers of the user's sheet."""
    datasets = {(raw.file, raw.sheet): name for name, raw in upload.tables.items()}
    dataset = datasets.get((p.file, p.sheet))
    if dataset is None or not p.column:
        return p
    labels = [_header(dataset, c.strip(), upload) for c in p.column.split(",")]
    return replace(p, column=", ".join(labels))


def _year_problems(table: ValidTable, year: int | None, upload: Upload) -> list[Problem]:
    if year is None:
        return []
    column = next((c for c in YEAR_COLUMNS if c in table.spec.columns), None)
    if column is None:
        return []
    return [
        problem(
            table.file,
            n,
            column_label(column),
            str(getattr(row, column)),
            "val.year_given",
            table.sheet,
            year=year,
        )
        for n, row in table.rows
        if getattr(row, column) not in (year, None)
    ]


def _stored(session: Session, commune: M.Commune | None, name: str) -> ValidTable:
    spec = SPEC_BY_NAME[name]
    table = ValidTable(spec=spec, file="(database)")
    if commune is None:
        return table
    for cells in read_dataset(session, commune, name):
        table.rows.append((0, spec.model.model_validate(cells)))
    return table


def _comparable(spec: DatasetSpec) -> list[str]:
    ignored = IGNORED.get(spec.name, set())
    return [c for c in spec.columns if c not in ignored]


def _merge(
    spec: DatasetSpec, new: ValidTable, stored: ValidTable, year: int | None
) -> tuple[ValidTable, DatasetDiff]:
    columns = _comparable(spec)
    key_of: Callable[[Row], tuple] = (
        (lambda r: canonical(r, spec.key)) if spec.key else (lambda r: canonical(r, columns))
    )
    in_scope = _scope(spec, new, year)
    diff = DatasetDiff()
    stored_by_key: dict[tuple, list[Row]] = {}
    for _, row in stored.rows:
        stored_by_key.setdefault(key_of(row), []).append(row)
    file_keys = Counter(key_of(row) for _, row in new.rows)
    pending = {k: list(v) for k, v in stored_by_key.items()}
    for _, row in new.rows:
        matches = pending.get(key_of(row))
        if not matches:
            diff.added += 1
            continue
        old = matches.pop(0)
        if canonical(old, columns) == canonical(row, columns):
            diff.unchanged += 1
        else:
            diff.changed += 1
    kept = []
    for _, row in stored.rows:
        if key_of(row) in file_keys:
            continue
        if in_scope(row):
            diff.removed += 1
        else:
            kept.append((0, row))
    # Keyless rows (contracts) matched by content: extra stored copies in scope are removals.
    if not spec.key:
        for key, rest in pending.items():
            if key in file_keys:
                diff.removed += sum(1 for r in rest if in_scope(r))
    merged = ValidTable(
        spec=spec, file=new.file, sheet=new.sheet, rows=kept + list(new.rows), rejected=new.rejected
    )
    return merged, diff


def _scope(spec: DatasetSpec, new: ValidTable, year: int | None) -> Callable[[Row], bool]:
    kind = SCOPE[spec.name]
    if kind == UPSERT:
        return lambda row: False
    if kind == WHOLE:
        return lambda row: True
    values = {getattr(row, kind) for _, row in new.rows}
    if year is not None and kind in YEAR_COLUMNS:
        values.add(year)
    return lambda row: getattr(row, kind) in values


def _diff_commune(session: Session, commune: M.Commune | None, table: ValidTable) -> DatasetDiff:
    row = table.rows[0][1]
    if commune is None:
        return DatasetDiff(added=1)
    spec = SPEC_BY_NAME["communes"]
    stored = spec.model.model_validate(read_dataset(session, commune, "communes")[0])
    same = canonical(stored, spec.columns) == canonical(row, spec.columns)
    return DatasetDiff(unchanged=1) if same else DatasetDiff(changed=1)


def _bundle(session: Session, plan: ImportPlan, source_id: str) -> Bundle:
    """The merged tables with the database's reference codes, for the cross-file rules of load.py."""
    sources = set(session.scalars(select(M.Source.id))) | {source_id}
    procedures = list(session.scalars(select(M.Procedure.code)))
    any_source = next(iter(sources))
    specs = {spec.name: spec for spec in REFERENCE_SPECS}
    reference = {
        "sources": ValidTable(specs["sources"], "(database)", [(0, SimpleNamespace(id=s)) for s in sources]),
        "procedures": ValidTable(
            specs["procedures"],
            "(database)",
            [(0, SimpleNamespace(code=c, source=any_source)) for c in procedures],
        ),
    }
    return Bundle(reference=reference, communes={plan.slug: plan.merged})


# --- writing ----------------------------------------------------------------------------------


def apply_plan(session: Session, plan: ImportPlan, *, confirmed: bool) -> DatasetDiff:
    """Write the plan in the caller's transaction; refuses changes/removals unless `confirmed`."""
    if plan.needs_confirmation and not confirmed:
        raise PermissionError("this import changes or removes stored rows: confirm it (--replace) first")
    if not plan.has_changes:
        return plan.totals()
    session.flush()
    session.expunge_all()  # bulk deletes below must not leave stale objects in the identity map
    if session.get(M.Source, plan.source_id) is None:
        session.add(
            M.Source(
                id=plan.source_id,
                file=plan.source_file[:200],
                title=f"Import {plan.source_file}",
                commune_slug=plan.slug,
                language=E.Language.FR,
            )
        )
        session.flush()
    commune = _write_commune_row(session, plan)
    changed = {name for name, d in plan.diffs.items() if d.added or d.changed or d.removed}
    services = (
        _upsert_services(session, commune.id, plan)
        if "services" in changed
        else _stored_map(session, M.Service, commune.id)
    )
    indicators = (
        _upsert_indicators(session, commune.id, plan)
        if "indicators" in changed
        else _stored_map(session, M.Indicator, commune.id)
    )
    if changed & set(PST_GROUP):
        _delete_group(session, commune.id, PST_GROUP)
        write_commune(
            session, commune.id, {name: plan.merged[name] for name in PST_GROUP if name in plan.merged}
        )
    for name in SCOPE:
        if name not in changed or name in PST_GROUP or name in ("communes", "services", "indicators"):
            continue
        _delete_group(session, commune.id, (name,))
        write_commune(
            session,
            commune.id,
            {name: plan.merged[name]},
            known_services=services,
            known_indicators=indicators,
        )
    mark_changed(session)
    session.flush()
    return plan.totals()


def _stored_map(session: Session, model, commune_id: int) -> dict:
    return {row.code: row for row in session.scalars(select(model).where(model.commune_id == commune_id))}


def _upsert_services(session: Session, commune_id: int, plan: ImportPlan) -> dict[str, M.Service]:
    stored = _stored_map(session, M.Service, commune_id)
    for _, row in plan.merged["services"].rows:
        service = stored.get(row.code) or M.Service(commune_id=commune_id, code=row.code)
        service.name, service.group, service.aliases = row.name, row.group, row.aliases or ""
        service.source_id, service.section = row.source, row.section or ""
        if row.code not in stored:
            session.add(service)
            stored[row.code] = service
    session.flush()
    return stored


def _upsert_indicators(session: Session, commune_id: int, plan: ImportPlan) -> dict[str, M.Indicator]:
    stored = _stored_map(session, M.Indicator, commune_id)
    for _, row in plan.merged["indicators"].rows:
        indicator = stored.get(row.code) or M.Indicator(commune_id=commune_id, code=row.code)
        indicator.theme, indicator.name, indicator.unit = row.theme, row.name, row.unit
        indicator.reference_period, indicator.reference_year = row.reference_period, row.reference_year
        indicator.source_id, indicator.section = row.source, row.section or ""
        if row.code not in stored:
            session.add(indicator)
            stored[row.code] = indicator
    session.flush()
    return stored


def _write_commune_row(session: Session, plan: ImportPlan) -> M.Commune:
    commune = session.get(M.Commune, plan.commune_id) if plan.commune_id else None
    row = plan.commune_row
    if row is None:
        return commune
    if commune is None:
        commune = M.Commune(slug=row.slug)
        session.add(commune)
    commune.name, commune.name_nl, commune.ins_code = row.name, row.name_nl, row.ins_code
    commune.region, commune.province, commune.arrondissement = row.region, row.province, row.arrondissement
    commune.source_id, commune.section = row.source, row.section or ""
    names = {E.Body.COMMUNE: row.commune_name, E.Body.CPAS: row.cpas_name}
    existing = {a.body: a for a in commune.administrations}
    for body, name in names.items():
        if body in existing:
            existing[body].name = name
        else:
            commune.administrations.append(M.Administration(body=body, name=name))
    session.flush()
    return commune


def _delete_group(session: Session, commune_id: int, group: tuple[str, ...]) -> None:
    def run(statement) -> None:
        session.execute(statement.execution_options(synchronize_session=False))

    if group[0] == "synergies":
        synergies = select(M.Synergy.id).where(M.Synergy.commune_id == commune_id)
        run(delete(M.SynergyObjective).where(M.SynergyObjective.synergy_id.in_(synergies)))
        run(delete(M.Synergy).where(M.Synergy.commune_id == commune_id))
    elif group[0] == "matrix":
        run(delete(M.MatrixLevel).where(M.MatrixLevel.commune_id == commune_id))
    elif group[0] == "indicator_values":
        indicators = select(M.Indicator.id).where(M.Indicator.commune_id == commune_id)
        run(delete(M.IndicatorValue).where(M.IndicatorValue.indicator_id.in_(indicators)))
    elif group[0] == "pst":
        plans = select(M.Pst.id).where(M.Pst.commune_id == commune_id)
        actions = select(M.PstAction.id).where(M.PstAction.pst_id.in_(plans))
        run(delete(M.PstActionBudget).where(M.PstActionBudget.action_id.in_(actions)))
        run(delete(M.PstIndicator).where(M.PstIndicator.action_id.in_(actions)))
        run(delete(M.PstBudgetLine).where(M.PstBudgetLine.pst_id.in_(plans)))
        run(delete(M.PstAction).where(M.PstAction.pst_id.in_(plans)))
        run(
            delete(M.PstObjective).where(
                M.PstObjective.pst_id.in_(plans), M.PstObjective.parent_id.is_not(None)
            )
        )
        run(delete(M.PstObjective).where(M.PstObjective.pst_id.in_(plans)))
        run(delete(M.Pst).where(M.Pst.commune_id == commune_id))
    else:
        model = SINGLE_MODELS[group[0]]
        run(delete(model).where(model.commune_id == commune_id))


SINGLE_MODELS = {
    "synthesis_reported": M.SynthesisReported,
    "contract_counts": M.ContractCount,
    "contracts": M.Contract,
    "ris": M.RisYear,
    "ris_households": M.RisHousehold,
    "placements": M.Placement,
    "placement_totals": M.PlacementTotal,
    "key_figures": M.KeyFigure,
    "staffing": M.Staffing,
    "cost_comparison": M.CostComparison,
    "wepulse": M.WePulseStance,
}


def prepare_import(
    session: Session,
    files: list[tuple[str, bytes]],
    slug: str,
    *,
    year: int | None = None,
    allow_new: bool = False,
) -> ImportPlan:
    """Check, read and validate uploaded files; RefusedFile or ValidationFailed when unusable."""
    from dashboard.importer.workbook import read_files

    upload = read_files(files)
    label = ", ".join(name for name, _ in files)
    return plan_import(
        session,
        upload,
        slug,
        source_id=import_source_id(files),
        source_file=label,
        year=year,
        allow_new=allow_new,
    )
