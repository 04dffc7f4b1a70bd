"""Staff pages through the real app: every editing callback refuses an anonymous visitor and a user of
another commune (answering with a message, never a 500, writing nothing); the pages themselves show
no form to them; an allowed editor's edit lands, in the audit trail and in the public queries."""

from __future__ import annotations

import json

import pytest
from dash._utils import stringify_id
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from dashboard import create_app, ids
from dashboard.auth.web import CSRF_COOKIE
from dashboard.db import models as M
from dashboard.db.meta import data_version
from dashboard.queries import matrix as matrix_q
from tests.accounts_support import drop_users, login, make_users, preserved_history

USERS = (
    ("pg-tournai", "editor", "tournai"),
    ("pg-mons", "editor", "mons"),
    ("pg-mons-admin", "admin", "mons"),
)
STAFF_IDS = (ids.GMAT_MESSAGE, ids.GSYN_MESSAGE, ids.JOURNAL_MESSAGE, ids.ACC_MESSAGE)
REFUSED = {
    "anonymous": "Connectez-vous pour modifier",
    "pg-mons": "pas le droit de modifier les données de « tournai »",
    "pg-mons-admin": "Réservé aux administrateurs de « tournai »",
}


@pytest.fixture(scope="module")
def app(settings, engine):
    make_users(engine, *USERS)
    with preserved_history(engine):
        yield create_app(settings, engine=engine)
    drop_users(engine, *(u for u, _, _ in USERS))


def _client(app, who: str):
    client = app.server.test_client()
    if who != "anonymous":
        assert login(client, who).status_code == 303
    return client


def _matrix(engine) -> tuple[int, str, dict[str, int]]:
    with Session(engine) as session:
        frame = matrix_q.matrix_levels(session, commune="tournai")
    year = int(frame["year"].max())
    service = frame[frame["year"] == year]["service"].iloc[0]
    cells = frame[(frame["year"] == year) & (frame["service"] == service)]
    return year, service, {r: int(v) for r, v in zip(cells["register"], cells["level"], strict=True)}


def _prop(component_id, prop, value):
    return {"id": component_id, "property": prop, "value": value}


def _all(kind: str, key: str, values: dict, prop: str = "value") -> list[dict]:
    return [_prop({"type": kind, key: k}, prop, v) for k, v in values.items()]


def _key(app, key_part: str) -> str:
    """The callback whose name holds `key_part`, or ('input:ID') whose inputs include that id
    (callbacks with the same outputs differ only by a hash in their names)."""
    if key_part.startswith("input:"):
        wanted = key_part.removeprefix("input:")
        return next(
            k for k, v in app.callback_map.items() if any(wanted in str(i["id"]) for i in v["inputs"])
        )
    return next(k for k in app.callback_map if key_part in k)


def _post(client, app, key_part: str, inputs: list, state: list, changed: str):
    key = _key(app, key_part)
    outputs = [
        {"id": o.component_id, "property": o.component_property} for o in app.callback_map[key]["output"]
    ]
    body = {"output": key, "outputs": outputs, "inputs": inputs, "state": state, "changedPropIds": [changed]}
    headers = {}
    cookie = client.get_cookie(CSRF_COOKIE)
    if cookie is not None:
        headers["X-CSRFToken"] = cookie.value
    return client.post("/_dash-update-component", json=body, headers=headers)


def _requests(engine, tournai_event: int) -> dict[str, tuple]:
    """One well-formed request per staff callback, aimed at Tournai's data."""
    year, service, levels = _matrix(engine)
    search = _prop(ids.URL, "search", "?commune=tournai")
    lang = _prop(ids.STAFF_LANG, "data", "fr")
    wanted = {r: (v + 1) % 6 for r, v in levels.items()}
    with Session(engine) as session:
        ref = session.scalar(
            select(M.Synergy.ref).join(M.Commune).where(M.Commune.slug == "tournai").order_by(M.Synergy.ref)
        )
    fields = [
        _prop({"type": ids.GSYN_FIELD, "field": f}, "value", v)
        for f, v in (
            ("ref", "T-HOSTILE"),
            ("title", "x"),
            ("service", service),
            ("status", "projetee"),
            ("report_year", 2025),
            ("started_year", None),
            ("mode", ""),
            ("pilot", ""),
            ("responsible", ""),
            ("objectives", []),
            ("objective_text", ""),
            ("means", ""),
            ("expected_result", ""),
            ("result", ""),
            ("deadline", ""),
        )
    ]
    return {
        "gmat-load": (
            "gmat-note.children...gmat-message",
            [_prop(ids.GMAT_SERVICE, "value", service), _prop(ids.GMAT_YEAR, "value", year)],
            [search, lang],
            f"{ids.GMAT_SERVICE}.value",
        ),
        "gmat-save": (
            "..gmat-note.children@",
            [_prop(ids.GMAT_SAVE, "n_clicks", 1)],
            [
                _prop(ids.GMAT_SERVICE, "value", service),
                _prop(ids.GMAT_YEAR, "value", year),
                _all(ids.GMAT_LEVEL, "register", wanted),
                _all(
                    ids.GMAT_LEVEL,
                    "register",
                    {r: {"type": ids.GMAT_LEVEL, "register": r} for r in wanted},
                    "id",
                ),
                search,
                lang,
            ],
            f"{ids.GMAT_SAVE}.n_clicks",
        ),
        "gsyn-pick": (
            '"field":"ref","type":"gsyn-field"}.disabled',
            [_prop(ids.GSYN_PICK, "value", ref)],
            [search, lang],
            f"{ids.GSYN_PICK}.value",
        ),
        "gsyn-save-new": (
            "gsyn-pick.options",
            [_prop(ids.GSYN_SAVE, "n_clicks", 1)],
            [_prop(ids.GSYN_PICK, "value", "__new__"), *fields, search, lang],
            f"{ids.GSYN_SAVE}.n_clicks",
        ),
        "gsyn-save-edit": (
            "gsyn-pick.options",
            [_prop(ids.GSYN_SAVE, "n_clicks", 1)],
            [_prop(ids.GSYN_PICK, "value", ref), *fields, search, lang],
            f"{ids.GSYN_SAVE}.n_clicks",
        ),
        "journal-undo": (
            "journal-table.children",
            [_all(ids.JOURNAL_UNDO, "event", {tournai_event: 1}, "n_clicks")],
            [search, lang],
            stringify_id({"type": ids.JOURNAL_UNDO, "event": tournai_event}) + ".n_clicks",
        ),
        "acc-submit": (
            "acc-password.value",
            [_prop(ids.ACC_SUBMIT, "n_clicks", 1)],
            [
                _prop(ids.ACC_USERNAME, "value", "intruder"),
                _prop(ids.ACC_PASSWORD, "value", "long enough password"),
                _prop(ids.ACC_ROLE, "value", "admin"),
                _prop(ids.ACC_COMMUNE, "value", "tournai"),
                lang,
            ],
            f"{ids.ACC_SUBMIT}.n_clicks",
        ),
        "acc-deactivate": (
            "..acc-table.children@",
            [_all(ids.ACC_DEACTIVATE, "user", {"pg-tournai": 1}, "n_clicks")],
            [lang],
            stringify_id({"type": ids.ACC_DEACTIVATE, "user": "pg-tournai"}) + ".n_clicks",
        ),
        "acc-remove-role": (
            "input:" + ids.ACC_REMOVE_ROLE,
            [
                [
                    _prop(
                        {"type": ids.ACC_REMOVE_ROLE, "user": "pg-tournai", "commune": "tournai"},
                        "n_clicks",
                        1,
                    )
                ]
            ],
            [lang],
            stringify_id({"type": ids.ACC_REMOVE_ROLE, "user": "pg-tournai", "commune": "tournai"})
            + ".n_clicks",
        ),
        "acc-reset-password": (
            "acc-reset-password.value",
            [_prop(ids.ACC_RESET_SUBMIT, "n_clicks", 1)],
            [
                _prop(ids.ACC_RESET_USERNAME, "value", "pg-tournai"),
                _prop(ids.ACC_RESET_PASSWORD, "value", "long enough password"),
                lang,
            ],
            f"{ids.ACC_RESET_SUBMIT}.n_clicks",
        ),
    }


def _snapshot(engine) -> tuple:
    with Session(engine) as session:
        return (
            data_version(session),
            session.scalar(select(func.count()).select_from(M.AuditEvent)),
            session.scalar(select(func.count()).select_from(M.Synergy)),
            tuple(
                session.execute(
                    select(M.MatrixLevel.id, M.MatrixLevel.level).order_by(M.MatrixLevel.id)
                ).all()
            ),
            tuple(session.execute(select(M.User.username, M.User.active).order_by(M.User.username)).all()),
            tuple(
                session.execute(select(M.User.username, M.User.password_hash).order_by(M.User.username)).all()
            ),
            tuple(
                session.execute(
                    select(M.UserRole.user_id, M.UserRole.commune_slug, M.UserRole.role).order_by(
                        M.UserRole.user_id, M.UserRole.commune_slug
                    )
                ).all()
            ),
        )


@pytest.fixture(scope="module")
def tournai_event(app, engine):
    """A real Tournai edit in the trail, as the target of hostile undo requests."""
    from sqlalchemy.orm import sessionmaker

    from dashboard.auth.permissions import Actor
    from dashboard.editing import set_matrix_levels, undo_event, write_transaction

    year, service, levels = _matrix(engine)
    actor = Actor("pg-tournai", None, (("tournai", "editor"),))
    with write_transaction(sessionmaker(engine)) as session:
        event = set_matrix_levels(
            session,
            actor,
            commune="tournai",
            year=year,
            service=service,
            levels=dict(levels, ressources=(levels["ressources"] + 1) % 6),
        )
        event_id = event.id
    yield event_id
    with write_transaction(sessionmaker(engine)) as session:
        undo_event(session, actor, event_id)


def test_stf001_every_staff_callback_is_covered_here(app, engine, tournai_event):
    staff = {k for k in app.callback_map if any(i in k for i in STAFF_IDS)}
    covered = {_key(app, part) for part, *_ in _requests(engine, tournai_event).values()}
    assert staff == covered


@pytest.mark.parametrize("who", ["anonymous", "pg-mons", "pg-mons-admin"])
def test_stf002_staff_callbacks_refuse_anonymous_and_other_commune(app, engine, tournai_event, who):
    before = _snapshot(engine)
    client = _client(app, who)
    for name, (part, inputs, state, changed) in _requests(engine, tournai_event).items():
        response = _post(client, app, part, inputs, state, changed)
        assert response.status_code == 200, (name, response.status_code)
        text = json.dumps(response.get_json(), ensure_ascii=False)
        expected = REFUSED[who]
        if who == "pg-mons-admin" and not name.startswith("acc-"):
            expected = REFUSED["pg-mons"]  # a Mons admin is no editor of Tournai either
        if who == "pg-mons" and name.startswith("acc-"):
            expected = "Réservé aux administrateurs"
        assert expected in text, (name, text[:300])
    assert _snapshot(engine) == before


@pytest.mark.parametrize(
    "path", ["/gestion/synergies", "/gestion/matrices", "/gestion/journal", "/gestion/comptes"]
)
def test_stf003_staff_pages_show_no_form_to_anonymous(app, path):
    from importlib import import_module

    module = import_module(
        "dashboard.pages."
        + {
            "synergies": "staff_synergies",
            "matrices": "staff_matrices",
            "journal": "staff_journal",
            "comptes": "staff_accounts",
        }[path.split("/")[-1]]
    )
    with app.server.test_request_context(path):
        tree = json.dumps(
            module.layout(commune="tournai").to_plotly_json(),
            default=lambda o: o.to_plotly_json(),
            ensure_ascii=False,
        )
    assert "réservée au personnel connecté" in tree
    for form_id in (ids.GMAT_SAVE, ids.GSYN_SAVE, ids.JOURNAL_TABLE, ids.ACC_SUBMIT):
        assert form_id not in tree


def test_stf004_other_commune_user_sees_no_form(app):
    from dashboard.pages import staff_matrices

    client = _client(app, "pg-mons")
    with client.application.test_request_context("/gestion/matrices"):
        from flask_login import login_user

        from dashboard.auth.current import SessionUser
        from dashboard.auth.permissions import Actor

        login_user(SessionUser(Actor("pg-mons", 0, (("mons", "editor"),)), "0:x"))
        tree = json.dumps(
            staff_matrices.layout(commune="tournai").to_plotly_json(),
            default=lambda o: o.to_plotly_json(),
            ensure_ascii=False,
        )
        mons = json.dumps(
            staff_matrices.layout(commune="mons").to_plotly_json(),
            default=lambda o: o.to_plotly_json(),
            ensure_ascii=False,
        )
    assert "pas de droit de modification" in tree and ids.GMAT_SAVE not in tree
    assert ids.GMAT_SAVE in mons


def test_stf005_allowed_editor_edits_then_undoes_through_the_callbacks(app, engine):
    year, service, levels = _matrix(engine)
    client = _client(app, "pg-tournai")
    requests = _requests(engine, 0)
    part, inputs, state, changed = requests["gmat-save"]
    response = _post(client, app, part, inputs, state, changed)
    assert "Enregistré : 5 modification(s)." in json.dumps(response.get_json(), ensure_ascii=False)
    with Session(engine) as session:
        frame = matrix_q.matrix_levels(session, commune="tournai", years=[year], services=[service])
        event = session.scalars(select(M.AuditEvent).order_by(M.AuditEvent.id.desc())).first()
        event_id, who = event.id, event.username
    assert {r: int(v) for r, v in zip(frame["register"], frame["level"], strict=True)} == {
        r: (v + 1) % 6 for r, v in levels.items()
    }
    assert who == "pg-tournai"
    search = _prop(ids.URL, "search", "?commune=tournai")
    response = _post(
        client,
        app,
        "journal-table.children",
        [_all(ids.JOURNAL_UNDO, "event", {event_id: 1}, "n_clicks")],
        [search, _prop(ids.STAFF_LANG, "data", "fr")],
        stringify_id({"type": ids.JOURNAL_UNDO, "event": event_id}) + ".n_clicks",
    )
    assert f"Modification n° {event_id} annulée." in json.dumps(response.get_json(), ensure_ascii=False)
    assert _matrix(engine)[2] == levels


@pytest.mark.parametrize("lang", ["fr", "nl", "en"])
def test_stf006_every_staff_page_renders_for_an_admin_in_each_language(app, lang):
    from flask_login import login_user

    from dashboard.auth.current import SessionUser
    from dashboard.auth.permissions import Actor
    from dashboard.i18n import t
    from dashboard.pages import login, staff_accounts, staff_journal, staff_matrices, staff_synergies

    name = "Doornik" if lang == "nl" else "Tournai"
    expected = {
        login: t("login.already", lang, user="pg-admin"),
        staff_synergies: t("gsyn.title", lang, commune=name),
        staff_matrices: t("gmat.title", lang, commune=name),
        staff_journal: t("journal.title", lang, commune=name),
        staff_accounts: t("accounts.title", lang),
    }
    with app.server.test_request_context("/gestion"):
        login_user(SessionUser(Actor("pg-admin", 0, (("tournai", "admin"),)), "0:x"))
        for module, heading in expected.items():
            tree = json.dumps(
                module.layout(commune="tournai", lang=lang).to_plotly_json(),
                default=lambda o: o.to_plotly_json(),
                ensure_ascii=False,
            )
            assert heading in tree, (module.__name__, lang)
            assert t("staff.logout", lang) in tree  # the staff bar


def test_stf007_forged_callback_names_or_outputs_are_client_errors(app):
    client = app.server.test_client()
    key = next(k for k in app.callback_map if "journal-table.children" in k)
    undo = [_all(ids.JOURNAL_UNDO, "event", {1: 1}, "n_clicks")]
    bodies = [
        {
            "output": "nope.children",
            "outputs": {"id": "nope", "property": "children"},
            "inputs": [],
            "state": [],
        },
        {
            "output": key,
            "outputs": [
                {"id": "x", "property": "children"},
                {"id": ids.JOURNAL_MESSAGE, "property": "children"},
            ],
            "inputs": undo,
            "state": [],
        },
        {
            "output": key,
            "outputs": [{"id": ids.JOURNAL_TABLE, "property": "children"}],
            "inputs": undo,
            "state": [],
        },
    ]
    for body in bodies:
        assert client.post("/_dash-update-component", json=body).status_code == 400, body["outputs"]
