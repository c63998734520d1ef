"""Every identity route, for each caller (anonymous, other user, owner, admin).

"owner" is the student the request is about (their own token for /users/me, their id in
admin routes, their refresh token in /auth routes); "other" is another student.

Reads and refused writes change nothing, so they share one world per module (the shared
world of ``tests/integration/conftest.py``); writes that succeed get a world each.

Runs in the SQLite pass only: what it checks is the HTTP side (routing, validation,
authorization, error bodies, serialization) over repositories whose database-specific behaviour
the repository contracts and the `both_databases` tests cover on PostgreSQL too.
"""

from collections.abc import Callable
from typing import Any

import pytest

from tests.integration.identity.conftest import (
    NEW_PASSWORD,
    PASSWORD,
    Account,
    Client,
    MakeAccount,
    assert_error,
)

Body = Callable[[Account], Any]
ACTORS = ("anonymous", "other", "owner", "admin")
_counter = iter(range(1_000_000))


def _fresh_user(_: Account) -> dict[str, str]:
    n = next(_counter)
    return {"email": f"new{n}@example.com", "username": f"new{n}", "password": PASSWORD}


ROUTES: list[tuple[str, str, Body | None, dict[str, int]]] = [
    ("POST", "/auth/register", _fresh_user, dict.fromkeys(ACTORS, 201)),
    (
        "POST",
        "/auth/login",
        lambda o: {"login": "owner", "password": PASSWORD},
        dict.fromkeys(ACTORS, 200),
    ),
    (
        "POST",
        "/auth/refresh",
        lambda o: {"refresh_token": o.refresh_token},
        dict.fromkeys(ACTORS, 200),
    ),
    (
        "POST",
        "/auth/logout",
        lambda o: {"refresh_token": o.refresh_token},
        dict.fromkeys(ACTORS, 204),
    ),
    (
        "POST",
        "/auth/logout-all",
        None,
        {"anonymous": 401, "other": 204, "owner": 204, "admin": 204},
    ),
    ("GET", "/users/me", None, {"anonymous": 401, "other": 200, "owner": 200, "admin": 200}),
    (
        "PATCH",
        "/users/me",
        lambda o: {"full_name": "Renamed"},
        {"anonymous": 401, "other": 200, "owner": 200, "admin": 200},
    ),
    (
        "POST",
        "/users/me/password",
        lambda o: {"current_password": PASSWORD, "new_password": NEW_PASSWORD},
        {"anonymous": 401, "other": 204, "owner": 204, "admin": 204},
    ),
    (
        "GET",
        "/users/me/subscription",
        None,
        {"anonymous": 401, "other": 200, "owner": 200, "admin": 200},
    ),
    ("GET", "/users", None, {"anonymous": 401, "other": 403, "owner": 403, "admin": 200}),
    ("POST", "/users", _fresh_user, {"anonymous": 401, "other": 403, "owner": 403, "admin": 201}),
    ("GET", "/users/{owner}", None, {"anonymous": 401, "other": 403, "owner": 403, "admin": 200}),
    (
        "PATCH",
        "/users/{owner}",
        lambda o: {"plan": "premium"},
        {"anonymous": 401, "other": 403, "owner": 403, "admin": 200},
    ),
    (
        "DELETE",
        "/users/{owner}",
        None,
        {"anonymous": 401, "other": 403, "owner": 403, "admin": 204},
    ),
    (
        "PUT",
        "/users/{owner}/subscription",
        lambda o: {"plan": "premium"},
        {"anonymous": 401, "other": 403, "owner": 403, "admin": 200},
    ),
]
CASES = [
    pytest.param(method, path, body, actor, expected[actor], id=f"{method} {path} as {actor}")
    for method, path, body, expected in ROUTES
    for actor in ACTORS
]


def _changes_the_world(case: Any) -> bool:
    """A write that succeeds; every other row (reads, refused writes) changes nothing."""
    method, status = case.values[0], case.values[4]
    return method != "GET" and status < 400


READ_ONLY_CASES = [case for case in CASES if not _changes_the_world(case)]
WRITE_CASES = [case for case in CASES if _changes_the_world(case)]


@pytest.fixture
def shared(shared_client: Client) -> Client:
    shared_client.cookies.clear()
    return shared_client


@pytest.fixture(scope="module")
async def people(shared_make_account: MakeAccount) -> dict[str, Account]:
    """The module's shared world: the owner, another student and an admin."""
    return {
        "owner": await shared_make_account("owner"),
        "other": await shared_make_account("other"),
        "admin": await shared_make_account("chief", role="admin"),
    }


async def _check(
    client: Client,
    owner: Account,
    caller: Account | None,
    method: str,
    path: str,
    body: Body | None,
    status: int,
) -> None:
    headers = caller.headers if caller else {}
    url = "/api/v1" + path.format(owner=owner.id)
    response = await client.request(
        method, url, headers=headers, json=body(owner) if body else None
    )
    if status >= 400:
        assert_error(response, status, "UNAUTHENTICATED" if status == 401 else "FORBIDDEN")
    else:
        assert response.status_code == status, response.text
    if path == "/users/me" and method == "GET" and caller is not None:
        assert response.json()["id"] == caller.id


@pytest.mark.parametrize(("method", "path", "body", "actor", "status"), READ_ONLY_CASES)
async def test_authorization_matrix(
    shared: Client,
    people: dict[str, Account],
    method: str,
    path: str,
    body: Body | None,
    actor: str,
    status: int,
) -> None:
    """Reads and refused writes, on the module's shared world (they change nothing)."""
    await _check(shared, people["owner"], people.get(actor), method, path, body, status)


@pytest.mark.parametrize(("method", "path", "body", "actor", "status"), WRITE_CASES)
async def test_authorization_matrix_writes(
    client: Client,
    owner: Account,
    other: Account,
    admin: Account,
    method: str,
    path: str,
    body: Body | None,
    actor: str,
    status: int,
) -> None:
    """Writes that succeed, each on a world of its own."""
    caller = {"other": other, "owner": owner, "admin": admin}.get(actor)
    await _check(client, owner, caller, method, path, body, status)
