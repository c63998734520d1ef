"""Administration of users and subscriptions (SPEC 1, admin routes).

Runs in the SQLite pass only: what it checks is the HTTP side (routing, validation,
authorization, error bodies, serialization) over repositories whose database-specific behaviour
the repository contracts and the `both_databases` tests cover on PostgreSQL too."""

from datetime import UTC, datetime, timedelta

import jwt
import pytest

from tests.integration.identity.conftest import (
    PASSWORD,
    Account,
    Client,
    MakeAccount,
    Snapshot,
    assert_error,
    log_in,
)
from tests.support.ids import fixed_id

USERS = "/api/v1/users"
UNKNOWN_USER_ID = str(fixed_id(404))


async def test_list_filters_and_pages(
    client: Client, admin: Account, owner: Account, make_account: MakeAccount
) -> None:
    teacher = await make_account("teacher", role="instructor")
    await client.patch(f"{USERS}/me", headers=teacher.headers, json={"full_name": "Tess Teach"})

    async def names(query: str) -> tuple[list[str], int, int, int]:
        response = await client.get(f"{USERS}{query}", headers=admin.headers)
        assert response.status_code == 200, response.text
        body = response.json()
        assert set(body) == {"items", "total", "limit", "offset"}
        return [u["username"] for u in body["items"]], body["total"], body["limit"], body["offset"]

    assert await names("") == (["chief", "owner", "teacher"], 3, 20, 0)
    assert await names("?role=instructor") == (["teacher"], 1, 20, 0)
    assert await names("?role=admin&is_active=true") == (["chief"], 1, 20, 0)
    assert await names("?q=TESS") == (["teacher"], 1, 20, 0)
    assert await names("?q=owner%40example") == (["owner"], 1, 20, 0)
    assert await names("?limit=1&offset=1") == (["owner"], 3, 1, 1)
    await client.delete(f"{USERS}/{owner.id}", headers=admin.headers)
    assert await names("?is_active=false") == (["owner"], 1, 20, 0)


@pytest.mark.parametrize(
    "query",
    [
        "?limit=0",
        "?limit=101",
        "?offset=-1",
        "?limit=abc",
        "?role=root",
        "?is_active=maybe",
        "?offset=99999999999999999999999",
        "?q=%01",
    ],
)
async def test_bad_list_parameters_are_422(client: Client, admin: Account, query: str) -> None:
    assert_error(
        await client.get(f"{USERS}{query}", headers=admin.headers), 422, "VALIDATION_ERROR"
    )


async def test_read_one_user(client: Client, admin: Account, owner: Account) -> None:
    response = await client.get(f"{USERS}/{owner.id}", headers=admin.headers)
    assert response.status_code == 200
    assert response.json()["username"] == "owner"


@pytest.mark.parametrize("user_id", [UNKNOWN_USER_ID, "not-a-uuid", "12345"])
async def test_unknown_user_is_404(client: Client, admin: Account, user_id: str) -> None:
    for method, body in (("GET", None), ("PATCH", {"role": "student"}), ("DELETE", None)):
        response = await client.request(
            method, f"{USERS}/{user_id}", headers=admin.headers, json=body
        )
        assert_error(response, 404, "NOT_FOUND")
    response = await client.put(
        f"{USERS}/{user_id}/subscription", headers=admin.headers, json={"plan": "premium"}
    )
    assert_error(response, 404, "NOT_FOUND")


async def test_admin_creates_users_with_role_and_plan(client: Client, admin: Account) -> None:
    response = await client.post(
        USERS,
        headers=admin.headers,
        json={
            "email": "T@example.com",
            "username": "teach",
            "password": PASSWORD,
            "full_name": "Teacher",
            "role": "instructor",
            "plan": "premium",
        },
    )
    assert response.status_code == 201
    assert (response.json()["role"], response.json()["plan"]) == ("instructor", "premium")
    duplicate = await client.post(
        USERS,
        headers=admin.headers,
        json={"email": "t@EXAMPLE.com", "username": "other2", "password": PASSWORD},
    )
    assert_error(duplicate, 409, "CONFLICT")
    invalid = await client.post(
        USERS,
        headers=admin.headers,
        json={"email": "x@example.com", "username": "x2x", "password": PASSWORD, "role": "root"},
    )
    assert_error(invalid, 422, "VALIDATION_ERROR")


async def test_admin_changes_role_and_plan(client: Client, admin: Account, owner: Account) -> None:
    response = await client.patch(
        f"{USERS}/{owner.id}", headers=admin.headers, json={"role": "instructor", "plan": "premium"}
    )
    assert response.status_code == 200
    assert (response.json()["role"], response.json()["plan"]) == ("instructor", "premium")
    me = (await client.get(f"{USERS}/me", headers=owner.headers)).json()
    assert (me["role"], me["plan"]) == ("instructor", "premium")


async def test_deactivation_stops_tokens_at_once_and_keeps_data(
    client: Client, admin: Account, owner: Account
) -> None:
    response = await client.delete(f"{USERS}/{owner.id}", headers=admin.headers)
    assert response.status_code == 204
    assert_error(await client.get(f"{USERS}/me", headers=owner.headers), 401, "UNAUTHENTICATED")
    assert_error(
        await client.post("/api/v1/auth/refresh", json={"refresh_token": owner.refresh_token}),
        401,
        "UNAUTHENTICATED",
    )
    assert_error(
        await client.post("/api/v1/auth/login", json={"login": "owner", "password": PASSWORD}),
        403,
        "FORBIDDEN",
    )
    kept = (await client.get(f"{USERS}/{owner.id}", headers=admin.headers)).json()
    assert (kept["username"], kept["is_active"]) == ("owner", False)
    reactivated = await client.patch(
        f"{USERS}/{owner.id}", headers=admin.headers, json={"is_active": True}
    )
    assert reactivated.json()["is_active"] is True
    assert await log_in(client, "owner")


async def test_admins_cannot_lock_themselves_out(
    client: Client, admin: Account, snapshot: Snapshot
) -> None:
    before = await snapshot()
    assert_error(await client.delete(f"{USERS}/{admin.id}", headers=admin.headers), 409, "CONFLICT")
    assert_error(
        await client.patch(f"{USERS}/{admin.id}", headers=admin.headers, json={"role": "student"}),
        409,
        "CONFLICT",
    )
    assert await snapshot() == before


@pytest.mark.parametrize(
    "body",
    [
        {"email": "x@example.com"},
        {"role": "root"},
        {"plan": "gold"},
        {"is_active": "yes"},
        {"is_active": None},
    ],
)
async def test_bad_admin_patches_are_422(
    client: Client, admin: Account, owner: Account, snapshot: Snapshot, body: dict[str, object]
) -> None:
    before = await snapshot()
    response = await client.patch(f"{USERS}/{owner.id}", headers=admin.headers, json=body)
    assert_error(response, 422, "VALIDATION_ERROR")
    assert await snapshot() == before


async def test_expired_premium_reads_inactive_and_the_plan_is_free(
    client: Client, admin: Account, owner: Account
) -> None:
    ended = (datetime.now(UTC) - timedelta(days=1)).isoformat()
    response = await client.put(
        f"{USERS}/{owner.id}/subscription",
        headers=admin.headers,
        json={"plan": "premium", "ends_at": ended},
    )
    assert response.status_code == 200
    assert (response.json()["plan"], response.json()["is_active"]) == ("premium", False)
    subscription = (await client.get(f"{USERS}/me/subscription", headers=owner.headers)).json()
    assert (subscription["plan"], subscription["is_active"]) == ("premium", False)
    assert subscription["ends_at"].endswith("Z")
    assert (await client.get(f"{USERS}/me", headers=owner.headers)).json()["plan"] == "free"
    fresh = await log_in(client, "owner")
    assert jwt.decode(fresh["access_token"], options={"verify_signature": False})["plan"] == "free"


async def test_running_premium_and_no_end(client: Client, admin: Account, owner: Account) -> None:
    ends = (datetime.now(UTC) + timedelta(days=30)).replace(microsecond=0)
    response = await client.put(
        f"{USERS}/{owner.id}/subscription",
        headers=admin.headers,
        json={"plan": "premium", "ends_at": ends.isoformat()},
    )
    assert (response.json()["is_active"], response.json()["ends_at"]) == (
        True,
        ends.isoformat().replace("+00:00", "Z"),
    )
    assert (await client.get(f"{USERS}/me", headers=owner.headers)).json()["plan"] == "premium"
    fresh = await log_in(client, "owner")
    assert jwt.decode(fresh["access_token"], options={"verify_signature": False})["plan"] == (
        "premium"
    )
    forever = await client.put(
        f"{USERS}/{owner.id}/subscription", headers=admin.headers, json={"plan": "premium"}
    )
    assert (forever.json()["ends_at"], forever.json()["is_active"]) == (None, True)


@pytest.mark.parametrize(
    "body",
    [
        {"plan": "gold"},
        {"plan": "premium", "ends_at": "2030-01-01T00:00:00"},
        {"plan": "premium", "ends_at": "tomorrow"},
        {"plan": "premium", "extra": 1},
        {},
        {"plan": "premium", "ends_at": "9999-12-31T23:00:00-14:00"},
    ],
)
async def test_bad_subscriptions_are_422(
    client: Client, admin: Account, owner: Account, snapshot: Snapshot, body: dict[str, object]
) -> None:
    before = await snapshot()
    response = await client.put(
        f"{USERS}/{owner.id}/subscription", headers=admin.headers, json=body
    )
    assert_error(response, 422, "VALIDATION_ERROR")
    assert await snapshot() == before
