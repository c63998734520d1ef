"""Every identity route, for each caller (anonymous, other user, owner, admin).

"owner" is the student the request is about (their own token for /users/me, their id in
admin routes, their refresh token in /auth routes); "other" is another student.

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


@pytest.mark.parametrize(("method", "path", "body", "actor", "status"), CASES)
async def test_authorization_matrix(
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
    caller = {"other": other, "owner": owner, "admin": admin}.get(actor)
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
