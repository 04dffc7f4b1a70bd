"""The data version changes with every write; an edited database is never reloaded from data/."""

from __future__ import annotations

from dashboard.db.meta import DEFAULT_DATA, EDITED, ORIGIN, data_version, get_meta, mark_changed


def test_met001_default_data_has_a_version(session):
    assert data_version(session) != ""
    assert get_meta(session, ORIGIN) == DEFAULT_DATA


def test_met002_a_write_changes_the_version_and_the_origin(session):
    before = data_version(session)
    returned = mark_changed(session)
    session.flush()
    assert data_version(session) == returned != before
    assert get_meta(session, ORIGIN) == EDITED
