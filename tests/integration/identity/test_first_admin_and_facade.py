"""The first admin at start-up, and the identity facade used by the CLI and the worker.

Runs in the SQLite pass only: what it checks is the HTTP side (routing, validation,
authorization, error bodies, serialization) over repositories whose database-specific behaviour
the repository contracts and the `both_databases` tests cover on PostgreSQL too."""

from datetime import timedelta
from functools import partial

import pytest
from litestar import Litestar
from litestar.testing import AsyncTestClient

from tests.conftest import make_settings
from tests.integration.identity.conftest import PASSWORD, Client, assert_error, in_app_loop
from tests.unit.identity.builders import make_refresh_token
from tutor_platform.bootstrap.app import create_app
from tutor_platform.bootstrap.settings import Settings
from tutor_platform.identity.adapters.outbound.sqlalchemy.unit_of_work import (
    SqlAlchemyIdentityUnitOfWork,
)
from tutor_platform.identity.api import IdentityFacade
from tutor_platform.shared.errors import Conflict, ValidationFailed


@pytest.fixture
def settings(database_url: str) -> Settings:
    """Without the periodic purge job, which would race the purge a test here calls itself."""
    return make_settings(database_url, refresh_token_purge_interval_seconds=0)


async def admins(client: Client, email: str) -> list[dict[str, object]]:
    login = await client.post("/api/v1/auth/login", json={"login": email, "password": PASSWORD})
    assert login.status_code == 200, login.text
    headers = {"Authorization": f"Bearer {login.json()['access_token']}"}
    listed = await client.get("/api/v1/users?role=admin", headers=headers)
    items: list[dict[str, object]] = listed.json()["items"]
    return items


async def test_first_admin_is_created_at_start_up_once(database_url: str, clean_db: None) -> None:
    settings = make_settings(
        database_url, first_admin_email="Root@Example.com", first_admin_password=PASSWORD
    )
    for _ in range(2):
        async with AsyncTestClient(app=create_app(settings, migrate_on_start=False)) as client:
            found = await admins(client, "root@example.com")
            assert [(a["email"], a["username"], a["role"]) for a in found] == [
                ("Root@Example.com", "root", "admin")
            ]


async def test_without_settings_no_admin_is_made(client: Client) -> None:
    response = await client.post("/api/v1/auth/login", json={"login": "root", "password": PASSWORD})
    assert_error(response, 401, "UNAUTHENTICATED")


async def test_facade_create_admin_for_the_command_line(
    client: Client, facade: IdentityFacade
) -> None:
    view = in_app_loop(
        client, partial(facade.create_admin, "ops@example.com", PASSWORD, None, " Ops Team ")
    )
    assert (view.role, view.username, view.full_name) == ("admin", "ops", "Ops Team")
    assert [a["username"] for a in await admins(client, "ops")] == ["ops"]
    with pytest.raises(Conflict):
        in_app_loop(client, partial(facade.create_admin, "OPS@example.com", PASSWORD))
    with pytest.raises(ValidationFailed):
        in_app_loop(client, partial(facade.create_admin, "x@example.com", "short"))


async def test_facade_authenticator_is_the_apps(app: Litestar, facade: IdentityFacade) -> None:
    assert app.state.authenticator is facade.authenticator


async def test_facade_purges_expired_refresh_tokens(
    client: Client, app: Litestar, facade: IdentityFacade
) -> None:
    view = in_app_loop(client, partial(facade.create_admin, "ops@example.com", PASSWORD))
    now = app.state.container.clock().now()
    uow_factory = partial(SqlAlchemyIdentityUnitOfWork, app.state.container.session_factory())

    async def add_tokens() -> None:
        async with uow_factory() as uow:
            for age in (2, 1):
                await uow.refresh_tokens.add(
                    make_refresh_token(
                        view.id,
                        created_at=now - timedelta(days=31),
                        expires_at=now - timedelta(days=age),
                    )
                )
            await uow.refresh_tokens.add(make_refresh_token(view.id, created_at=now))
            await uow.commit()

    in_app_loop(client, add_tokens)
    assert in_app_loop(client, facade.purge_expired_refresh_tokens) == 2
    assert in_app_loop(client, facade.purge_expired_refresh_tokens) == 0
