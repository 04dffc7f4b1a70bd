"""Account commands: create-user, list-users, set-password, deactivate-user (audited as the 'cli' actor)."""

from __future__ import annotations

import sys

import click

from dashboard.cli import fail, main, settings_for


def _session_factory(database_url: str | None):
    from dashboard.db.migrate import upgrade
    from dashboard.db.session import make_engine, make_session_factory

    engine = make_engine(settings_for(database_url).database_url)
    upgrade(engine)
    return make_session_factory(engine)


def _cli_actor():
    from dashboard.auth.permissions import CLI

    return CLI


def _read_password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    return click.prompt("Password", hide_input=True, confirmation_prompt=True)


@main.command("create-user")
@click.argument("username")
@click.option("--role", type=click.Choice(["editor", "admin"]), required=True)
@click.option("--commune", required=True, help="Commune slug, or '*' for every commune.")
@click.option("--password-stdin", is_flag=True, help="Read the password from the first line of stdin.")
@click.option("--database-url", help="Overrides DATABASE_URL.")
def create_user(
    username: str, role: str, commune: str, password_stdin: bool, database_url: str | None
) -> None:
    """Create an account with one role on one commune (the password is prompted unless --password-stdin)."""
    from dashboard.auth import accounts
    from dashboard.editing import EditRefused, write_transaction

    password = _read_password(password_stdin)
    try:
        with write_transaction(_session_factory(database_url)) as session:
            user = accounts.create_user(
                session, _cli_actor(), username=username, password=password, role=role, commune=commune
            )
            name = user.username
    except EditRefused as exc:
        fail(exc.message("en"))
    click.echo(f"created user {name} ({role} of {commune})")


@main.command("list-users")
@click.option("--database-url", help="Overrides DATABASE_URL.")
def list_users(database_url: str | None) -> None:
    """List accounts with their roles and state."""
    from dashboard.auth import accounts

    with _session_factory(database_url)() as session:
        users = accounts.list_users(session)
        for user in users:
            roles = ", ".join(f"{r.role.value}@{r.commune_slug}" for r in user.roles) or "-"
            state = "active" if user.active else "deactivated"
            click.echo(f"{user.username}\t{state}\t{roles}")
        if not users:
            click.echo("no accounts yet: python -m dashboard create-user NAME --role admin --commune SLUG")


@main.command("deactivate-user")
@click.argument("username")
@click.option("--database-url", help="Overrides DATABASE_URL.")
def deactivate_user(username: str, database_url: str | None) -> None:
    """Deactivate an account: it can no longer log in and its open sessions stop working."""
    from dashboard.auth import accounts
    from dashboard.editing import EditRefused, write_transaction

    try:
        with write_transaction(_session_factory(database_url)) as session:
            accounts.set_active(session, _cli_actor(), username=username, active=False)
    except EditRefused as exc:
        fail(exc.message("en"))
    click.echo(f"deactivated user {accounts.normalise_username(username)}")


@main.command("set-password")
@click.argument("username")
@click.option("--password-stdin", is_flag=True, help="Read the password from the first line of stdin.")
@click.option("--database-url", help="Overrides DATABASE_URL.")
def set_password(username: str, password_stdin: bool, database_url: str | None) -> None:
    """Set a new password (prompted twice unless --password-stdin); the user's open sessions end."""
    from dashboard.auth import accounts
    from dashboard.editing import EditRefused, write_transaction

    factory = _session_factory(database_url)
    with factory() as session:  # an unknown name fails before the password is asked for
        if accounts.find_user(session, username) is None:
            fail(f"unknown user: {accounts.normalise_username(username) or repr(username)}")
    password = _read_password(password_stdin)
    try:
        with write_transaction(factory) as session:
            accounts.set_password(session, _cli_actor(), username=username, password=password)
    except EditRefused as exc:
        fail(exc.message("en"))
    click.echo(
        f"password set for user {accounts.normalise_username(username)}; their open sessions have ended"
    )
