"""Bad input on every identity route: the error body with a 4xx status, and nothing changed.

Nothing here changes the stored data, so the accounts are made once for the module (the
shared world of ``tests/integration/conftest.py``), not once per row.

Runs in the SQLite pass only: what it checks is the HTTP side (routing, validation,
authorization, error bodies, serialization) over repositories whose database-specific behaviour
the repository contracts and the `both_databases` tests cover on PostgreSQL too."""

import pytest

from tests.integration.identity.conftest import Account, Client, MakeAccount, Snapshot


@pytest.fixture
def client(shared_client: Client) -> Client:
    shared_client.cookies.clear()
    return shared_client


@pytest.fixture(scope="module")
async def owner(shared_make_account: MakeAccount) -> Account:
    return await shared_make_account("owner")


@pytest.fixture(scope="module")
async def admin(shared_make_account: MakeAccount) -> Account:
    return await shared_make_account("chief", role="admin")


JSON_ROUTES = [
    ("POST", "/auth/register"),
    ("POST", "/auth/login"),
    ("POST", "/auth/refresh"),
    ("POST", "/auth/logout"),
    ("PATCH", "/users/me"),
    ("POST", "/users/me/password"),
    ("POST", "/users"),
    ("PATCH", "/users/{owner}"),
    ("PUT", "/users/{owner}/subscription"),
]
BAD_BODIES: list[tuple[str, bytes, str]] = [
    ("malformed", b'{"a": ', "application/json"),
    ("array", b"[1, 2]", "application/json"),
    ("string", b'"text"', "application/json"),
    ("number", b"42", "application/json"),
    ("unknown field", b'{"surprise": true}', "application/json"),
    (
        "wrong types",
        b'{"email": 1, "login": [], "refresh_token": {}, "full_name": false,'
        b' "current_password": 1, "role": 1, "plan": []}',
        "application/json",
    ),
    (
        "nul bytes",
        b'{"email": "a\\u0000@b.co", "login": "\\u0000", "password": "\\u0000",'
        b' "username": "\\u0000", "refresh_token": "\\u0000"}',
        "application/json",
    ),
    ("lone surrogate", b'{"login": "\\ud800", "password": "x"}', "application/json"),
    ("huge number", b'{"email": 1e999999}', "application/json"),
    ("not json", b"email=a@b.co", "text/plain"),
    ("form", b"email=a%40b.co", "application/x-www-form-urlencoded"),
]


@pytest.mark.parametrize(("label", "content", "media_type"), BAD_BODIES, ids=lambda v: str(v))
@pytest.mark.parametrize(("method", "path"), JSON_ROUTES)
async def test_bad_bodies_are_refused_without_changes(
    client: Client,
    owner: Account,
    admin: Account,
    snapshot: Snapshot,
    method: str,
    path: str,
    label: str,
    content: bytes,
    media_type: str,
) -> None:
    caller = admin if "{owner}" in path or path == "/users" else owner
    headers = {**caller.headers, "Content-Type": media_type}
    before = await snapshot()
    response = await client.request(
        method, "/api/v1" + path.format(owner=owner.id), content=content, headers=headers
    )
    assert 400 <= response.status_code < 500, (label, response.status_code, response.text)
    body = response.json()
    assert {"detail", "error_code", "timestamp", "request_id"} <= body.keys()
    assert await snapshot() == before


@pytest.mark.parametrize(
    "token",
    ["", "a", "a.b", "a.b.c", "eyJhbGciOiJub25lIn0.e30.", "x" * 8000, "Bearer Bearer", "é"],
)
async def test_bad_bearer_tokens_are_401(client: Client, token: str) -> None:
    headers = [(b"authorization", f"Bearer {token}".encode())]
    response = await client.get("/api/v1/users/me", headers=headers)
    assert response.status_code == 401
    assert response.json()["error_code"] == "UNAUTHENTICATED"


NUL = "a\u0000b"
TARGETED: list[tuple[str, str, dict[str, object], int]] = [
    ("POST", "/auth/login", {"login": NUL, "password": NUL}, 422),
    ("POST", "/auth/login", {"login": f"{NUL}@example.com", "password": "x"}, 422),
    (
        "POST",
        "/auth/register",
        {"email": f"{NUL}@example.com", "username": "nul", "password": "violet-tractor-lamp"},
        422,
    ),
    (
        "POST",
        "/auth/register",
        {
            "email": "n@example.com",
            "username": "nul",
            "password": "violet-tractor-lamp",
            "full_name": NUL,
        },
        422,
    ),
    ("POST", "/auth/refresh", {"refresh_token": NUL}, 422),
    ("POST", "/auth/logout", {"refresh_token": NUL}, 422),
    ("PATCH", "/users/me", {"full_name": NUL}, 422),
    ("PATCH", "/users/me", {"username": NUL}, 422),
    ("PATCH", "/users/me", {"preferences": {NUL: 1}}, 422),
    ("POST", "/users/me/password", {"current_password": NUL, "new_password": NUL * 5}, 422),
]


@pytest.mark.parametrize(("method", "path", "body", "status"), TARGETED)
async def test_nul_characters_never_reach_the_database(
    client: Client,
    owner: Account,
    snapshot: Snapshot,
    method: str,
    path: str,
    body: dict[str, object],
    status: int,
) -> None:
    before = await snapshot()
    response = await client.request(method, "/api/v1" + path, json=body, headers=owner.headers)
    assert response.status_code == status, response.text
    assert await snapshot() == before
