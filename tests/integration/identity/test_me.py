"""GET/PATCH /users/me, POST /users/me/password, GET /users/me/subscription (SPEC 1).

Runs in the SQLite pass only: what it checks is the HTTP side (routing, validation,
authorization, error bodies, serialization) over repositories whose database-specific behaviour
the repository contracts and the `both_databases` tests cover on PostgreSQL too."""

import pytest

from tests.integration.identity.conftest import (
    NEW_PASSWORD,
    PASSWORD,
    Account,
    Client,
    Snapshot,
    assert_error,
    log_in,
)

ME = "/api/v1/users/me"
PASSWORD_URL = "/api/v1/users/me/password"


async def test_me_shows_the_callers_profile(client: Client, owner: Account) -> None:
    body = (await client.get(ME, headers=owner.headers)).json()
    assert (body["id"], body["username"], body["email"]) == (owner.id, "owner", owner.email)
    assert (body["role"], body["plan"], body["is_active"]) == ("student", "free", True)
    assert "password" not in str(body.keys())


async def test_patch_merges_preferences_and_trims_names(client: Client, owner: Account) -> None:
    first = await client.patch(
        ME,
        headers=owner.headers,
        json={"preferences": {"theme": "dark", "notifications": {"email": True, "push": False}}},
    )
    assert first.status_code == 200
    response = await client.patch(
        ME,
        headers=owner.headers,
        json={
            "full_name": "  Olive Owner  ",
            "username": " Olive ",
            "preferences": {"theme": None, "notifications": {"push": True}, "timezone": "UTC"},
        },
    )
    assert response.status_code == 200
    body = response.json()
    assert (body["full_name"], body["username"]) == ("Olive Owner", "olive")
    assert body["preferences"] == {
        "notifications": {"email": True, "push": True},
        "timezone": "UTC",
    }
    assert body["updated_at"] >= body["created_at"]
    assert (await client.get(ME, headers=owner.headers)).json() == body


async def test_taken_username_is_409_and_nothing_changes(
    client: Client, owner: Account, other: Account, snapshot: Snapshot
) -> None:
    before = await snapshot()
    response = await client.patch(
        ME, headers=owner.headers, json={"username": "OTHER", "full_name": "New"}
    )
    assert_error(response, 409, "CONFLICT")
    assert await snapshot() == before


@pytest.mark.parametrize(
    "body",
    [
        {"email": "new@example.com"},
        {"role": "admin"},
        {"plan": "premium"},
        {"full_name": None},
        {"full_name": 5},
        {"username": "a b"},
        {"username": "xy"},
        {"full_name": "x" * 121},
        {"preferences": None},
        {"preferences": ["not", "an", "object"]},
        {"preferences": {"k": "a\u0000b"}},
        {"preferences": {"a": {"b": {"c": {"d": {"e": {"f": {"g": {"h": {"i": 1}}}}}}}}}},
        {"preferences": {"big": "x" * 20_000}},
    ],
)
async def test_invalid_patches_are_422_and_change_nothing(
    client: Client, owner: Account, snapshot: Snapshot, body: dict[str, object]
) -> None:
    before = await snapshot()
    assert_error(await client.patch(ME, headers=owner.headers, json=body), 422, "VALIDATION_ERROR")
    assert await snapshot() == before


@pytest.mark.parametrize("zone", ["Mars/Olympus", "utc+2", "../../etc/passwd", "", 5])
async def test_a_time_zone_that_is_not_an_iana_name_is_refused(
    client: Client, owner: Account, snapshot: Snapshot, zone: object
) -> None:
    before = await snapshot()
    response = await client.patch(
        ME, headers=owner.headers, json={"preferences": {"timezone": zone}}
    )
    error = assert_error(response, 422, "VALIDATION_ERROR")
    assert error["errors"] == [
        {
            "field": "preferences.timezone",
            "message": "must be an IANA time zone name such as Europe/Paris or UTC",
        }
    ]
    assert await snapshot() == before


async def test_an_iana_time_zone_is_kept_and_null_removes_it(
    client: Client, owner: Account
) -> None:
    kept = await client.patch(
        ME, headers=owner.headers, json={"preferences": {"timezone": "America/Argentina/Salta"}}
    )
    removed = await client.patch(
        ME, headers=owner.headers, json={"preferences": {"timezone": None}}
    )
    assert kept.json()["preferences"] == {"timezone": "America/Argentina/Salta"}
    assert removed.json()["preferences"] == {}


async def test_change_password_ends_every_session(client: Client, owner: Account) -> None:
    second = await log_in(client, "owner")
    response = await client.post(
        PASSWORD_URL,
        headers=owner.headers,
        json={"current_password": PASSWORD, "new_password": NEW_PASSWORD},
    )
    assert response.status_code == 204
    for access in (owner.access_token, second["access_token"]):
        assert_error(
            await client.get(ME, headers={"Authorization": f"Bearer {access}"}),
            401,
            "UNAUTHENTICATED",
        )
    for refresh in (owner.refresh_token, second["refresh_token"]):
        assert_error(
            await client.post("/api/v1/auth/refresh", json={"refresh_token": refresh}),
            401,
            "UNAUTHENTICATED",
        )
    old = await client.post("/api/v1/auth/login", json={"login": "owner", "password": PASSWORD})
    assert_error(old, 401, "UNAUTHENTICATED")
    fresh = await log_in(client, "owner", NEW_PASSWORD)
    me = await client.get(ME, headers={"Authorization": f"Bearer {fresh['access_token']}"})
    assert me.status_code == 200


async def test_wrong_current_password_is_403_and_changes_nothing(
    client: Client, owner: Account, snapshot: Snapshot
) -> None:
    before = await snapshot()
    response = await client.post(
        PASSWORD_URL,
        headers=owner.headers,
        json={"current_password": "not-my-password", "new_password": NEW_PASSWORD},
    )
    assert_error(response, 403, "FORBIDDEN")
    assert await snapshot() == before


@pytest.mark.parametrize(
    "new_password", ["short", "password123", "owner-is-me-2026", PASSWORD, "x" * 129]
)
async def test_new_password_must_follow_the_policy(
    client: Client, owner: Account, snapshot: Snapshot, new_password: str
) -> None:
    before = await snapshot()
    response = await client.post(
        PASSWORD_URL,
        headers=owner.headers,
        json={"current_password": PASSWORD, "new_password": new_password},
    )
    body = assert_error(response, 422, "VALIDATION_ERROR")
    assert {e["field"] for e in body["errors"]} == {"new_password"}
    assert await snapshot() == before


async def test_default_subscription_is_free_and_active(client: Client, owner: Account) -> None:
    body = (await client.get(f"{ME}/subscription", headers=owner.headers)).json()
    assert set(body) == {"plan", "started_at", "ends_at", "is_active"}
    assert (body["plan"], body["ends_at"], body["is_active"]) == ("free", None, True)
    assert body["started_at"].endswith("Z")
