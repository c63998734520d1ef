"""Connecting Google Drive: OAuth 2.0 authorization code with PKCE (S256) and a single-use
state bound to the user, tokens encrypted at rest, refresh before expiry, ``invalid_grant``
ending the connection, revocation on disconnect; against a fake Google speaking the real wire
format.

Runs in the SQLite pass only, except the tests marked ``both_databases``: what it checks is the
OAuth flow and the HTTP side; the stored rows are plain reads and writes by primary key."""

from typing import Any

import pytest
from dependency_injector import providers
from litestar import Litestar
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncEngine

from tests.fakes.google_server import FakeGoogle
from tests.fakes.log_capture import rendered_logs
from tests.integration.accounts import Client, MakeAccount, assert_error
from tests.integration.integrations.drive_support import (
    CALLBACK,
    DRIVE,
    authorization_url,
    connect,
    consent,
    drive_settings,
    query_of,
)
from tests.support.clock import utc_now
from tutor_platform.bootstrap.settings import Settings
from tutor_platform.integrations.adapters.outbound.sqlalchemy.tables import (
    DriveAuthorizationStateRow,
    DriveConnectionRow,
)
from tutor_platform.shared.clock import FixedClock


@pytest.fixture
def settings(database_url: str, served_google: FakeGoogle) -> Settings:
    return drive_settings(database_url, served_google.url)


async def _connections(engine: AsyncEngine) -> list[Any]:
    async with engine.connect() as connection:
        rows = await connection.execute(select(DriveConnectionRow.__table__))
        return list(rows.all())


async def test_the_authorization_url_asks_for_offline_access_with_pkce(
    client: Client, make_account: MakeAccount, google: FakeGoogle
) -> None:
    ann = await make_account("ann")
    url = await authorization_url(client, ann)
    assert url.startswith(f"{google.url}/o/oauth2/v2/auth?")
    query = query_of(url)
    assert query["response_type"] == "code"
    assert query["client_id"] == "fake-client-id"
    assert query["redirect_uri"] == CALLBACK
    assert query["scope"] == "https://www.googleapis.com/auth/drive.readonly"
    assert query["code_challenge_method"] == "S256"
    assert len(query["code_challenge"]) == 43
    assert query["access_type"] == "offline"
    assert query["prompt"] == "consent"
    assert len(query["state"]) >= 32
    assert query["state"] != query_of(await authorization_url(client, ann))["state"]


async def test_the_whole_flow_connects_and_stores_the_tokens_encrypted(
    client: Client, make_account: MakeAccount, google: FakeGoogle, db_engine: AsyncEngine
) -> None:
    ann = await make_account("ann")
    assert (await client.get(DRIVE, headers=ann.headers)).json()["connected"] is False
    back = consent(await authorization_url(client, ann))
    with rendered_logs() as logs:
        page = await client.get(f"{DRIVE}/callback", params=back)
    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/html")
    assert "connected" in page.text

    exchange = google.token_requests[-1]
    assert exchange["grant_type"] == "authorization_code"
    assert exchange["client_secret"] == "fake-client-secret"
    assert len(exchange["code_verifier"]) >= 43

    status = (await client.get(DRIVE, headers=ann.headers)).json()
    assert status["connected"] is True
    assert status["email"] == "teacher@example.com"
    assert status["scope"] == "https://www.googleapis.com/auth/drive.readonly"

    [row] = await _connections(db_engine)
    [access] = google.access_tokens
    [refresh] = google.refresh_tokens
    stored = f"{row.access_token_encrypted}{row.refresh_token_encrypted}"
    assert access not in stored
    assert refresh not in stored
    assert access not in logs.getvalue()
    assert refresh not in logs.getvalue()
    assert back["code"] not in logs.getvalue()
    assert access not in page.text


async def test_a_bad_state_is_400_and_stores_nothing(
    client: Client, make_account: MakeAccount, google: FakeGoogle, db_engine: AsyncEngine
) -> None:
    ann, bob = await make_account("ann"), await make_account("bob")
    back = consent(await authorization_url(client, ann))
    cases = [
        {"code": back["code"]},
        {"code": back["code"], "state": "not-a-state-we-made"},
        {"code": back["code"], "state": "x" * 300},
    ]
    for params in cases:
        assert_error(await client.get(f"{DRIVE}/callback", params=params), 400, "BAD_REQUEST")
    foreign = await client.get(f"{DRIVE}/callback", params=back, headers=bob.headers)
    assert_error(foreign, 400, "BAD_REQUEST")
    spent = await client.get(f"{DRIVE}/callback", params=back)
    body = assert_error(spent, 400, "BAD_REQUEST")
    assert "state" in body["detail"]
    assert await _connections(db_engine) == []
    assert [r for r in google.token_requests if r.get("grant_type") == "authorization_code"] == []


async def test_an_expired_state_is_400(
    client: Client,
    make_account: MakeAccount,
    google: FakeGoogle,
    app: Litestar,
    db_engine: AsyncEngine,
) -> None:
    ann = await make_account("ann")
    clock = FixedClock(utc_now())
    app.state.container.clock.override(providers.Object(clock))
    back = consent(await authorization_url(client, ann))
    clock.advance(minutes=10, seconds=1)
    assert_error(await client.get(f"{DRIVE}/callback", params=back), 400, "BAD_REQUEST")
    assert await _connections(db_engine) == []


async def test_access_denied_at_google_is_400_and_spends_the_state(
    client: Client, make_account: MakeAccount, google: FakeGoogle, db_engine: AsyncEngine
) -> None:
    ann = await make_account("ann")
    google.deny_next()
    back = consent(await authorization_url(client, ann))
    assert back["error"] == "access_denied"
    body = assert_error(await client.get(f"{DRIVE}/callback", params=back), 400, "BAD_REQUEST")
    assert "not granted" in body["detail"]
    assert await _connections(db_engine) == []
    async with db_engine.connect() as connection:
        states = (await connection.execute(select(DriveAuthorizationStateRow.__table__))).all()
    assert states == []


async def test_a_code_google_refuses_is_400(
    client: Client, make_account: MakeAccount, google: FakeGoogle, db_engine: AsyncEngine
) -> None:
    ann = await make_account("ann")
    back = consent(await authorization_url(client, ann))
    google.codes.clear()
    assert_error(await client.get(f"{DRIVE}/callback", params=back), 400, "BAD_REQUEST")
    assert await _connections(db_engine) == []


async def test_an_expired_access_token_is_refreshed_first(
    client: Client, make_account: MakeAccount, google: FakeGoogle
) -> None:
    ann = await make_account("ann")
    await connect(client, ann)
    google.expire_access_tokens()
    with rendered_logs() as logs:
        files = await client.get(f"{DRIVE}/files", headers=ann.headers)
    assert files.status_code == 200, files.text
    for token in [*google.access_tokens, *google.refresh_tokens]:
        assert token not in logs.getvalue()
    refreshes = [r for r in google.token_requests if r["grant_type"] == "refresh_token"]
    assert len(refreshes) == 1
    again = await client.get(f"{DRIVE}/files", headers=ann.headers)
    assert again.status_code == 200
    assert len([r for r in google.token_requests if r["grant_type"] == "refresh_token"]) == 1


async def test_a_refresh_token_google_refuses_disconnects_and_says_reconnect(
    client: Client, make_account: MakeAccount, google: FakeGoogle, db_engine: AsyncEngine
) -> None:
    ann = await make_account("ann")
    await connect(client, ann)
    tokens = [*google.access_tokens, *google.refresh_tokens]
    google.revoke_everything()
    with rendered_logs() as logs:
        answer = await client.get(f"{DRIVE}/files", headers=ann.headers)
    body = assert_error(answer, 409, "CONFLICT")
    assert "reconnect" in body["detail"].lower()
    assert not [token for token in tokens if token in logs.getvalue() or token in answer.text]
    assert (await client.get(DRIVE, headers=ann.headers)).json()["connected"] is False
    assert await _connections(db_engine) == []


async def test_disconnect_revokes_at_google_and_forgets_the_tokens(
    client: Client, make_account: MakeAccount, google: FakeGoogle, db_engine: AsyncEngine
) -> None:
    ann = await make_account("ann")
    await connect(client, ann)
    [refresh] = google.refresh_tokens
    assert (await client.delete(DRIVE, headers=ann.headers)).status_code == 204
    assert google.revoked == [refresh]
    assert await _connections(db_engine) == []
    assert (await client.get(DRIVE, headers=ann.headers)).json()["connected"] is False
    assert (await client.delete(DRIVE, headers=ann.headers)).status_code == 204
    assert_error(await client.get(f"{DRIVE}/files", headers=ann.headers), 409, "CONFLICT")


async def test_disconnect_keeps_the_connection_when_google_is_down(
    client: Client,
    make_account: MakeAccount,
    google: FakeGoogle,
    db_engine: AsyncEngine,
    app: Litestar,
) -> None:
    ann = await make_account("ann")
    await connect(client, ann)
    oauth = app.state.container.integrations.google_oauth()
    oauth._endpoints = type(oauth._endpoints)(
        oauth._endpoints.authorize_url, oauth._endpoints.token_url, "http://127.0.0.1:9/revoke"
    )
    assert_error(await client.delete(DRIVE, headers=ann.headers), 503, "UNAVAILABLE")
    assert len(await _connections(db_engine)) == 1


async def test_every_route_needs_a_token(client: Client) -> None:
    for method, path in [
        ("GET", f"{DRIVE}/authorize"),
        ("GET", DRIVE),
        ("GET", f"{DRIVE}/files"),
        ("DELETE", DRIVE),
    ]:
        assert_error(await client.request(method, path), 401, "UNAUTHENTICATED")
    answer = await client.post(f"{DRIVE}/files/abc/import", json={"as": "file"})
    assert_error(answer, 401, "UNAUTHENTICATED")
