"""POST /auth/register, /auth/login and /auth/token (SPEC 1).

Runs in the SQLite pass only: what it checks is the HTTP side (routing, validation,
authorization, error bodies, serialization) over repositories whose database-specific behaviour
the repository contracts and the `both_databases` tests cover on PostgreSQL too."""

import pytest
from litestar import Litestar
from litestar.testing import AsyncTestClient
from sqlalchemy import select

from tests.conftest import make_settings
from tests.integration.identity.conftest import (
    PASSWORD,
    Account,
    Client,
    MakeAccount,
    Snapshot,
    assert_error,
    in_app_loop,
)
from tutor_platform.bootstrap.app import create_app
from tutor_platform.identity.adapters.outbound.sqlalchemy.tables import UserRow

REGISTER = "/api/v1/auth/register"
LOGIN = "/api/v1/auth/login"
TOKEN = "/api/v1/auth/token"
USER_FIELDS = {
    "id",
    "email",
    "username",
    "full_name",
    "role",
    "is_active",
    "preferences",
    "plan",
    "created_at",
    "updated_at",
}


async def test_register_returns_the_user_without_any_password(client: Client) -> None:
    response = await client.post(
        REGISTER,
        json={
            "email": "Ann@Example.com",
            "username": " Ann ",
            "password": PASSWORD,
            "full_name": "  Ann Lee ",
        },
    )
    assert response.status_code == 201
    body = response.json()
    assert set(body) == USER_FIELDS
    assert body["email"] == "Ann@Example.com"
    assert (body["username"], body["full_name"]) == ("ann", "Ann Lee")
    assert (body["role"], body["plan"], body["is_active"], body["preferences"]) == (
        "student",
        "free",
        True,
        {},
    )
    assert body["created_at"].endswith("Z")
    assert "argon2" not in response.text
    assert PASSWORD not in response.text


@pytest.mark.parametrize(
    "duplicate",
    [
        {"email": "ANN@example.COM", "username": "someone"},
        {"email": "someone@example.com", "username": "ANN"},
    ],
)
async def test_duplicate_email_or_username_is_409(
    client: Client, snapshot: Snapshot, duplicate: dict[str, str]
) -> None:
    await client.post(
        REGISTER, json={"email": "ann@example.com", "username": "ann", "password": PASSWORD}
    )
    before = await snapshot()
    response = await client.post(REGISTER, json={**duplicate, "password": PASSWORD})
    assert_error(response, 409, "CONFLICT")
    assert await snapshot() == before


@pytest.mark.parametrize(
    ("body", "fields"),
    [
        ({"email": "not-an-email", "username": "ann", "password": PASSWORD}, {"email"}),
        ({"email": "a@example.com", "username": "a!", "password": PASSWORD}, {"username"}),
        ({"email": "a@example.com", "username": "ann", "password": "short"}, {"password"}),
        ({"email": "a@example.com", "username": "ann", "password": "x" * 129}, {"password"}),
        ({"email": "a@example.com", "username": "ann", "password": "password123"}, {"password"}),
        (
            {"email": "a@example.com", "username": "annabelle", "password": "my-annabelle-pw"},
            {"password"},
        ),
        (
            {"email": "jonathan@example.com", "username": "ann", "password": "JONATHAN-2026"},
            {"password"},
        ),
        (
            {
                "email": "a@example.com",
                "username": "ann",
                "password": PASSWORD,
                "full_name": "x" * 121,
            },
            {"full_name"},
        ),
        ({"email": "a@example.com", "username": "ann", "password": "ann-password-1"}, {"password"}),
    ],
)
async def test_invalid_fields_are_422_with_errors_and_nothing_stored(
    client: Client, snapshot: Snapshot, body: dict[str, str], fields: set[str]
) -> None:
    before = await snapshot()
    response = await client.post(REGISTER, json=body)
    error = assert_error(response, 422, "VALIDATION_ERROR")
    assert {item["field"] for item in error["errors"]} == fields
    assert await snapshot() == before


@pytest.mark.parametrize(
    "body",
    [
        {"email": "a@example.com", "username": "ann", "password": PASSWORD, "role": "admin"},
        {"email": "a@example.com", "username": "ann", "password": 12345678901},
        {"email": ["a@example.com"], "username": "ann", "password": PASSWORD},
        {"email": "a@example.com", "password": PASSWORD},
        [],
        "text",
        {"email": None, "username": "ann", "password": PASSWORD},
    ],
)
async def test_unknown_fields_bad_types_and_missing_fields_are_422(
    client: Client, snapshot: Snapshot, body: object
) -> None:
    before = await snapshot()
    response = await client.post(REGISTER, json=body)
    assert_error(response, 422, "VALIDATION_ERROR")
    assert await snapshot() == before


@pytest.mark.parametrize("content", [b'{"email": ', b""])
async def test_malformed_or_missing_json_is_400(client: Client, content: bytes) -> None:
    response = await client.post(
        REGISTER, content=content, headers={"Content-Type": "application/json"}
    )
    assert_error(response, 400, "BAD_REQUEST")


@pytest.mark.parametrize("login", ["owner", "OWNER", "owner@example.com", "Owner@EXAMPLE.com"])
async def test_login_with_username_or_email_in_any_case(
    client: Client, owner: Account, login: str
) -> None:
    response = await client.post(LOGIN, json={"login": login, "password": PASSWORD})
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"access_token", "refresh_token", "token_type", "expires_in"}
    assert (body["token_type"], body["expires_in"]) == ("bearer", 900)
    me = await client.get(
        "/api/v1/users/me", headers={"Authorization": f"Bearer {body['access_token']}"}
    )
    assert me.json()["id"] == owner.id


async def test_login_sets_the_refresh_cookie(client: Client, owner: Account) -> None:
    response = await client.post(LOGIN, json={"login": "owner", "password": PASSWORD})
    cookie = response.headers["set-cookie"]
    assert cookie.startswith(f"refresh_token={response.json()['refresh_token']};")
    assert "HttpOnly" in cookie
    assert "SameSite=strict" in cookie
    assert "Path=/api/v1/auth" in cookie
    assert "Secure" not in cookie


async def test_the_cookie_is_secure_in_production(database_url: str) -> None:
    settings = make_settings(
        database_url,
        environment="production",
        secret_key="p" * 40,
        argon2_time_cost=2,
        argon2_memory_cost_kib=19 * 1024,
    )
    app = create_app(settings, migrate_on_start=False)
    async with AsyncTestClient(app=app, base_url="https://testserver.local") as secure_client:
        await secure_client.post(
            REGISTER, json={"email": "p@example.com", "username": "prod", "password": PASSWORD}
        )
        response = await secure_client.post(LOGIN, json={"login": "prod", "password": PASSWORD})
        assert "Secure" in response.headers["set-cookie"]


async def test_wrong_password_and_unknown_user_get_the_same_401(
    client: Client, owner: Account
) -> None:
    wrong = await client.post(LOGIN, json={"login": "owner", "password": "wrong-password-1"})
    unknown = await client.post(LOGIN, json={"login": "nobody", "password": PASSWORD})
    for response in (wrong, unknown):
        assert_error(response, 401, "UNAUTHENTICATED")
        assert "set-cookie" not in response.headers
    assert wrong.json()["detail"] == unknown.json()["detail"]


async def test_inactive_user_is_403(client: Client, owner: Account, admin: Account) -> None:
    await client.delete(f"/api/v1/users/{owner.id}", headers=admin.headers)
    response = await client.post(LOGIN, json={"login": "owner", "password": PASSWORD})
    assert_error(response, 403, "FORBIDDEN")


async def test_login_rehashes_when_argon2_parameters_change(
    client: Client, owner: Account, database_url: str
) -> None:
    async def stored_hash(app: Litestar) -> str:
        async with app.state.container.session_factory()() as session:
            value: str = await session.scalar(
                select(UserRow.password_hash).where(UserRow.username == "owner")
            )
            return value

    stronger = create_app(make_settings(database_url, argon2_time_cost=2), migrate_on_start=False)
    async with AsyncTestClient(app=stronger) as stronger_client:
        assert ",t=1," in in_app_loop(stronger_client, lambda: stored_hash(stronger))
        response = await stronger_client.post(LOGIN, json={"login": "owner", "password": PASSWORD})
        assert response.status_code == 200
        assert ",t=2," in in_app_loop(stronger_client, lambda: stored_hash(stronger))
        again = await stronger_client.post(LOGIN, json={"login": "owner", "password": PASSWORD})
        assert again.status_code == 200


async def test_oauth2_password_form_logs_in(client: Client, owner: Account) -> None:
    response = await client.post(
        TOKEN,
        data={"grant_type": "password", "username": "owner", "password": PASSWORD, "scope": ""},
    )
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"access_token", "token_type", "expires_in", "refresh_token"}
    assert body["token_type"] == "bearer"
    me = await client.get(
        "/api/v1/users/me", headers={"Authorization": f"Bearer {body['access_token']}"}
    )
    assert me.status_code == 200


@pytest.mark.parametrize(
    ("data", "status", "code"),
    [
        ({"username": "owner", "password": "wrong-password-1"}, 401, "UNAUTHENTICATED"),
        (
            {"username": "owner", "password": PASSWORD, "grant_type": "client_credentials"},
            422,
            "VALIDATION_ERROR",
        ),
        ({"username": "owner"}, 422, "VALIDATION_ERROR"),
    ],
)
async def test_oauth2_form_errors(
    client: Client, owner: Account, data: dict[str, str], status: int, code: str
) -> None:
    assert_error(await client.post(TOKEN, data=data), status, code)


async def test_token_endpoint_wants_a_form(client: Client, owner: Account) -> None:
    response = await client.post(TOKEN, json={"username": "owner", "password": PASSWORD})
    assert response.status_code in (415, 422)
    assert response.json()["error_code"] in ("UNSUPPORTED_MEDIA_TYPE", "VALIDATION_ERROR")


async def test_make_account_fixture_covers_roles(make_account: MakeAccount) -> None:
    teacher = await make_account("teacher", role="instructor", plan="premium")
    assert teacher.id
