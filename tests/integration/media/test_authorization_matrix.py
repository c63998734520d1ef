"""Every file route, for each caller (anonymous, another student, another instructor, the
owner, an admin), on a private and on a public file of the owner.

Reads and refused writes change nothing, so they share one world per module (the shared
world of ``tests/integration/conftest.py``, whose files live in the worker's default file
directory); writes that succeed get a file each.

Runs in the SQLite pass only: what it checks is the HTTP side (routing, validation,
authorization, error bodies, serialization) over repositories whose database-specific behaviour
the repository contracts and the `both_databases` tests cover on PostgreSQL too."""

from dataclasses import dataclass
from typing import Any

import pytest

from tests.integration.accounts import Account, Client, MakeAccount, assert_error
from tests.integration.media.conftest import FILES, Upload, post_file

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


def _changes_the_world(case: Any) -> bool:
    """A write that succeeds; every other row (reads, refused writes) changes nothing."""
    method, status = case.values[0], case.values[5]
    return method != "GET" and status < 400


READ_ONLY_CASES = [case for case in CASES if not _changes_the_world(case)]
WRITE_CASES = [case for case in CASES if _changes_the_world(case)]


async def _check(
    client: Client,
    file_id: str,
    caller: Account | None,
    method: str,
    path: str,
    body: dict[str, Any] | None,
    status: int,
) -> None:
    response = await client.request(
        method,
        FILES + path.format(id=file_id),
        json=body,
        headers=caller.headers if caller else {},
    )
    if status >= 400:
        assert_error(response, status, CODES[status])
    else:
        assert response.status_code == status, response.text


@dataclass
class World:
    """The module's shared world: the callers and a private and a public file of the owner."""

    callers: dict[str, Account | None]
    files: dict[str, str]


@pytest.fixture
def shared(shared_client: Client) -> Client:
    shared_client.cookies.clear()
    return shared_client


@pytest.fixture(scope="module")
async def world(shared_client: Client, shared_make_account: MakeAccount) -> World:
    owner = await shared_make_account("owner")
    callers: dict[str, Account | None] = {
        "anonymous": None,
        "other": await shared_make_account("other"),
        "instructor": await shared_make_account("teacher", role="instructor"),
        "owner": owner,
        "admin": await shared_make_account("chief", role="admin"),
    }
    files = {}
    for visibility in ("private", "public"):
        created = await post_file(shared_client, owner, b"hello", "a.txt", visibility=visibility)
        assert created.status_code == 201, created.text
        files[visibility] = created.json()["id"]
    return World(callers, files)


@pytest.mark.parametrize(
    ("method", "path", "body", "visibility", "actor", "status"), READ_ONLY_CASES
)
async def test_authorization_matrix(
    shared: Client,
    world: World,
    method: str,
    path: str,
    body: dict[str, Any] | None,
    visibility: str,
    actor: str,
    status: int,
) -> None:
    """Reads and refused writes, on the module's shared world (they change nothing)."""
    file_id = world.files[visibility]
    await _check(shared, file_id, world.callers[actor], method, path, body, status)


@pytest.mark.parametrize(("method", "path", "body", "visibility", "actor", "status"), WRITE_CASES)
async def test_authorization_matrix_writes(
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
    """Writes that succeed, each on a file of its own."""
    created = await upload(owner, b"hello", "a.txt", visibility=visibility)
    await _check(client, created.json()["id"], callers[actor], method, path, body, status)


@pytest.mark.parametrize("actor", ACTORS)
async def test_upload_needs_a_token(
    upload: Upload, callers: dict[str, Account | None], actor: str
) -> None:
    response = await upload(callers[actor], b"hello")
    if actor == "anonymous":
        assert_error(response, 401, "UNAUTHENTICATED")
    else:
        assert response.status_code == 201, response.text
