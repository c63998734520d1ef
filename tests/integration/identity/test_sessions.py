"""POST /auth/refresh, /auth/logout, /auth/logout-all and the refresh cookie (SPEC 1).

Runs in the SQLite pass only: what it checks is the HTTP side (routing, validation,
authorization, error bodies, serialization) over repositories whose database-specific behaviour
the repository contracts and the `both_databases` tests cover on PostgreSQL too."""

from datetime import UTC, datetime, timedelta

import pytest
from dependency_injector import providers
from litestar import Litestar

from tests.integration.identity.conftest import (
    PASSWORD,
    Account,
    Client,
    Snapshot,
    assert_error,
    log_in,
)
from tutor_platform.shared.clock import FixedClock

REFRESH = "/api/v1/auth/refresh"
LOGOUT = "/api/v1/auth/logout"
LOGOUT_ALL = "/api/v1/auth/logout-all"
ME = "/api/v1/users/me"


async def refresh(client: Client, token: str) -> dict[str, object]:
    response = await client.post(REFRESH, json={"refresh_token": token})
    assert response.status_code == 200, response.text
    body: dict[str, object] = response.json()
    return body


async def test_refresh_gives_a_new_working_pair(client: Client, owner: Account) -> None:
    body = await refresh(client, owner.refresh_token)
    assert set(body) == {"access_token", "refresh_token", "token_type", "expires_in"}
    assert body["refresh_token"] != owner.refresh_token
    me = await client.get(ME, headers={"Authorization": f"Bearer {body['access_token']}"})
    assert me.json()["id"] == owner.id
    assert await refresh(client, str(body["refresh_token"]))


async def test_reusing_a_spent_token_revokes_the_whole_family(
    client: Client, app: Litestar, owner: Account
) -> None:
    newer = await refresh(client, owner.refresh_token)
    again = await refresh(client, owner.refresh_token)  # within the grace period
    assert again["refresh_token"] == newer["refresh_token"]
    grace = app.state.settings.refresh_token_reuse_grace_seconds
    later = FixedClock(datetime.now(UTC) + timedelta(seconds=grace + 1))
    app.state.container.clock.override(providers.Object(later))
    reuse = await client.post(REFRESH, json={"refresh_token": owner.refresh_token})
    assert_error(reuse, 401, "UNAUTHENTICATED")
    after = await client.post(REFRESH, json={"refresh_token": newer["refresh_token"]})
    assert_error(after, 401, "UNAUTHENTICATED")


async def test_other_sessions_survive_a_revoked_family(client: Client, owner: Account) -> None:
    second = await log_in(client, "owner")
    await refresh(client, owner.refresh_token)
    await client.post(REFRESH, json={"refresh_token": owner.refresh_token})
    assert await refresh(client, second["refresh_token"])


@pytest.mark.parametrize("token", ["", "garbage", "x" * 10_000])
async def test_unknown_refresh_tokens_are_401(client: Client, token: str) -> None:
    response = await client.post(REFRESH, json={"refresh_token": token})
    assert_error(response, 401, "UNAUTHENTICATED")


async def test_refresh_reads_the_cookie_when_the_body_has_none(
    client: Client, owner: Account
) -> None:
    await log_in(client, "owner")
    bodies: list[dict[str, object]] = [{}, {"json": {}}, {"json": {"refresh_token": None}}]
    for kwargs in bodies:
        response = await client.post(REFRESH, **kwargs)  # type: ignore[arg-type]
        assert response.status_code == 200, response.text
        assert client.cookies["refresh_token"] == response.json()["refresh_token"]


async def test_the_body_wins_over_the_cookie(client: Client, owner: Account) -> None:
    cookie_pair = await log_in(client, "owner")
    response = await client.post(REFRESH, json={"refresh_token": owner.refresh_token})
    assert response.status_code == 200
    again = await client.post(REFRESH, json={"refresh_token": owner.refresh_token})
    # The body's token was spent (its successor comes back, within the reuse grace period).
    assert again.json()["refresh_token"] == response.json()["refresh_token"]
    assert await refresh(client, cookie_pair["refresh_token"])


async def test_refresh_without_any_token_is_401(client: Client, snapshot: Snapshot) -> None:
    before = await snapshot()
    body = assert_error(await client.post(REFRESH), 401, "UNAUTHENTICATED")
    assert "refresh token is required" in body["detail"]
    assert await snapshot() == before


async def test_logout_revokes_the_family_and_clears_the_cookie(
    client: Client, owner: Account
) -> None:
    second = await log_in(client, "owner")
    response = await client.post(LOGOUT, json={"refresh_token": owner.refresh_token})
    assert response.status_code == 204
    assert response.content == b""
    cookie = response.headers["set-cookie"]
    assert cookie.startswith("refresh_token=")
    assert "Max-Age=0" in cookie
    assert "Path=/api/v1/auth" in cookie
    assert_error(
        await client.post(REFRESH, json={"refresh_token": owner.refresh_token}),
        401,
        "UNAUTHENTICATED",
    )
    assert await refresh(client, second["refresh_token"])


async def test_logout_with_the_cookie_only(client: Client, owner: Account) -> None:
    pair = await log_in(client, "owner")
    response = await client.post(LOGOUT)
    assert response.status_code == 204
    assert "refresh_token" not in client.cookies
    assert_error(
        await client.post(REFRESH, json={"refresh_token": pair["refresh_token"]}),
        401,
        "UNAUTHENTICATED",
    )


async def test_logout_is_idempotent(client: Client, owner: Account, snapshot: Snapshot) -> None:
    for _ in range(2):
        response = await client.post(LOGOUT, json={"refresh_token": owner.refresh_token})
        assert response.status_code == 204
    before = await snapshot()
    assert (await client.post(LOGOUT, json={"refresh_token": "unknown"})).status_code == 204
    assert (await client.post(LOGOUT)).status_code == 204
    assert await snapshot() == before


async def test_logout_all_ends_every_session_and_access_token(
    client: Client, owner: Account, other: Account
) -> None:
    second = await log_in(client, "owner")
    response = await client.post(LOGOUT_ALL, headers=owner.headers)
    assert response.status_code == 204
    for token in (owner.refresh_token, second["refresh_token"]):
        assert_error(
            await client.post(REFRESH, json={"refresh_token": token}), 401, "UNAUTHENTICATED"
        )
    for access in (owner.access_token, second["access_token"]):
        assert_error(
            await client.get(ME, headers={"Authorization": f"Bearer {access}"}),
            401,
            "UNAUTHENTICATED",
        )
    assert (await client.get(ME, headers=other.headers)).status_code == 200
    fresh = await log_in(client, "owner", PASSWORD)
    assert (
        await client.get(ME, headers={"Authorization": f"Bearer {fresh['access_token']}"})
    ).status_code == 200
