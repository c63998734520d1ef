"""Every file route, for each caller (anonymous, another student, another instructor, the
owner, an admin), on a private and on a public file of the owner.

Runs in the SQLite pass only: what it checks is the HTTP side (routing, validation,
authorization, error bodies, serialization) over repositories whose database-specific behaviour
the repository contracts and the `both_databases` tests cover on PostgreSQL too."""

from typing import Any

import pytest

from tests.integration.accounts import Account, Client, MakeAccount, assert_error
from tests.integration.media.conftest import FILES, Upload

ACTORS = ("anonymous", "other", "instructor", "owner", "admin")
CODES = {401: "UNAUTHENTICATED", 403: "FORBIDDEN", 404: "NOT_FOUND"}


def expect(anonymous: int, other: int, owner: int, admin: int) -> dict[str, int]:
    return {
        "anonymous": anonymous,
        "other": other,
        "instructor": other,
        "owner": owner,
        "admin": admin,
    }


ROUTES: list[tuple[str, str, dict[str, Any] | None, dict[str, dict[str, int]]]] = [
    ("GET", "", None, {v: expect(401, 200, 200, 200) for v in ("private", "public")}),
    (
        "GET",
        "/{id}",
        None,
        {"private": expect(404, 404, 200, 200), "public": expect(200, 200, 200, 200)},
    ),
    (
        "GET",
        "/{id}/content",
        None,
        {"private": expect(404, 404, 200, 200), "public": expect(200, 200, 200, 200)},
    ),
    (
        "PATCH",
        "/{id}",
        {"filename": "renamed.txt"},
        {"private": expect(401, 404, 200, 200), "public": expect(401, 403, 200, 200)},
    ),
    (
        "DELETE",
        "/{id}",
        None,
        {"private": expect(401, 404, 204, 204), "public": expect(401, 403, 204, 204)},
    ),
    (
        "POST",
        "/{id}/restore",
        None,
        {"private": expect(401, 404, 200, 200), "public": expect(401, 403, 200, 200)},
    ),
    (
        "DELETE",
        "/{id}/permanent",
        None,
        {v: expect(401, 403, 403, 204) for v in ("private", "public")},
    ),
]
CASES = [
    pytest.param(
        method,
        path,
        body,
        visibility,
        actor,
        expected[visibility][actor],
        id=f"{method} {path or '/'} {visibility} as {actor}",
    )
    for method, path, body, expected in ROUTES
    for visibility in ("private", "public")
    for actor in ACTORS
]


@pytest.fixture
async def callers(
    owner: Account, other: Account, admin: Account, make_account: MakeAccount
) -> dict[str, Account | None]:
    teacher = await make_account("teacher", role="instructor")
    return {
        "anonymous": None,
        "other": other,
        "instructor": teacher,
        "owner": owner,
        "admin": admin,
    }


@pytest.mark.parametrize(("method", "path", "body", "visibility", "actor", "status"), CASES)
async def test_authorization_matrix(
    client: Client,
    upload: Upload,
    callers: dict[str, Account | None],
    owner: Account,
    method: str,
    path: str,
    body: dict[str, Any] | None,
    visibility: str,
    actor: str,
    status: int,
) -> None:
    created = await upload(owner, b"hello", "a.txt", visibility=visibility)
    caller = callers[actor]
    response = await client.request(
        method,
        FILES + path.format(id=created.json()["id"]),
        json=body,
        headers=caller.headers if caller else {},
    )
    if status >= 400:
        assert_error(response, status, CODES[status])
    else:
        assert response.status_code == status, response.text


@pytest.mark.parametrize("actor", ACTORS)
async def test_upload_needs_a_token(
    upload: Upload, callers: dict[str, Account | None], actor: str
) -> None:
    response = await upload(callers[actor], b"hello")
    if actor == "anonymous":
        assert_error(response, 401, "UNAUTHENTICATED")
    else:
        assert response.status_code == 201, response.text
