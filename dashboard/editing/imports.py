"""An import batch in the audit trail: who loaded which files into which commune, and how many rows
each dataset gained, changed or lost. Recorded in the import's own transaction, so a rolled-back
import leaves no trace and every committed import that changed data has its entry."""

from __future__ import annotations

from sqlalchemy.orm import Session

from dashboard.auth.permissions import Actor
from dashboard.editing.audit import Change, record_event


def record_import(session: Session, actor: Actor, plan, filenames: list[str]) -> None:
    """`plan` is the importer's ImportPlan once applied (its per-dataset diffs are the counts)."""
    changes = [
        Change("import", dataset, field, old=None, new=count)
        for dataset, diff in sorted(plan.diffs.items())
        for field, count in (("added", diff.added), ("changed", diff.changed), ("removed", diff.removed))
        if count
    ]
    if not changes:  # a re-import of the same file changed nothing: nothing to record
        return
    record_event(session, actor, kind="import", commune=plan.slug, summary=", ".join(filenames)[:200],
                 changes=changes)
