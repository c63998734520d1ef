"""Every /projects route, for each caller: anonymous, a student, another instructor, the
project's creator ("owner"), the instructor of the project's course, and an admin.

Reads and refused writes change nothing, so they share one world per module (the shared
world of ``tests/integration/conftest.py``); writes that succeed get a world each.

Runs in the SQLite pass only: what it checks is the HTTP side (routing, validation,
authorization, error bodies, serialization) over repositories whose database-specific behaviour
the repository contracts and the `both_databases` tests cover on PostgreSQL too."""

from dataclasses import dataclass
from typing import Any

import pytest

from tests.integration.accounts import Account, Client, MakeAccount, assert_error
from tests.integration.catalog.conftest import API, course_maker

ACTORS = ("anonymous", "student", "other instructor", "owner", "course instructor", "admin")
READERS = dict.fromkeys(ACTORS, 200)
HIDDEN = {"anonymous": 404, "student": 404, "other instructor": 404} | dict.fromkeys(
    ("owner", "course instructor", "admin"), 200
)
AUTHORS = {"anonymous": 401, "student": 403} | dict.fromkeys(
    ("other instructor", "owner", "course instructor", "admin"), 201
)


def editors(success: int) -> dict[str, int]:
    return {"anonymous": 401, "student": 403, "other instructor": 403} | dict.fromkeys(
        ("owner", "course instructor", "admin"), success
    )


@dataclass
class World:
    accounts: dict[str, Account]
    course_id: str
    published: dict[str, Any]
    draft: dict[str, Any]


async def _build_world(client: Client, make_account: MakeAccount) -> World:
    teacher = await make_account("teacher", role="instructor")
    owner = await make_account("owner", role="instructor")
    accounts = {
        "student": await make_account("student"),
        "other instructor": await make_account("rival", role="instructor"),
        "owner": owner,
        "course instructor": teacher,
        "admin": await make_account("chief", role="admin"),
    }
    course = await course_maker(client)(teacher, sections=0)
    made = []
    for is_published in (True, False):
        response = await client.post(
            f"{API}/projects",
            json={"title": "Work", "course_id": course.id, "is_published": is_published},
            headers=owner.headers,
        )
        assert response.status_code == 201, response.text
        made.append(response.json())
    return World(accounts, course.id, made[0], made[1])


@pytest.fixture
async def world(client: Client, make_account: MakeAccount) -> World:
    """A world of the test's own."""
    return await _build_world(client, make_account)


@pytest.fixture
def shared(shared_client: Client) -> Client:
    shared_client.cookies.clear()
    return shared_client


@pytest.fixture(scope="module")
async def shared_world(shared_client: Client, shared_make_account: MakeAccount) -> World:
    """The module's shared world, for the rows that change nothing."""
    return await _build_world(shared_client, shared_make_account)


ROUTES: list[tuple[str, str, dict[str, Any] | None, dict[str, int]]] = [
    ("GET", "/projects", None, READERS),
    ("GET", "/projects/{published}", None, READERS),
    ("GET", "/projects/{draft}", None, HIDDEN),
    ("POST", "/projects", {"title": "New work"}, AUTHORS),
    ("PATCH", "/projects/{published}", {"title": "Renamed"}, editors(200)),
    ("PATCH", "/projects/{draft}", {"title": "Renamed"}, editors(200)),
    ("DELETE", "/projects/{published}", None, editors(204)),
    ("DELETE", "/projects/{draft}", None, editors(204)),
]
CASES = [
    pytest.param(method, path, body, actor, expected[actor], id=f"{method} {path} as {actor}")
    for method, path, body, expected in ROUTES
    for actor in ACTORS
]
CODES = {401: "UNAUTHENTICATED", 403: "FORBIDDEN", 404: "NOT_FOUND"}


def _changes_the_world(case: Any) -> bool:
    """A write that succeeds; every other row (reads, refused writes) changes nothing."""
    method, status = case.values[0], case.values[4]
    return method != "GET" and status < 400


READ_ONLY_CASES = [case for case in CASES if not _changes_the_world(case)]
WRITE_CASES = [case for case in CASES if _changes_the_world(case)]


async def _check(
    client: Client,
    world: World,
    method: str,
    path: str,
    body: dict[str, Any] | None,
    actor: str,
    status: int,
) -> None:
    caller = world.accounts.get(actor)
    url = API + path.format(published=world.published["id"], draft=world.draft["id"])

    response = await client.request(
        method, url, json=body, headers=caller.headers if caller else {}
    )

    if status >= 400:
        assert_error(response, status, CODES[status])
        owner = world.accounts["owner"]
        for project in (world.published, world.draft):
            unchanged = await client.get(f"{API}/projects/{project['id']}", headers=owner.headers)
            assert unchanged.json() == project
    else:
        assert response.status_code == status, response.text


@pytest.mark.parametrize(("method", "path", "body", "actor", "status"), READ_ONLY_CASES)
async def test_authorization_matrix(
    shared: Client,
    shared_world: World,
    method: str,
    path: str,
    body: dict[str, Any] | None,
    actor: str,
    status: int,
) -> None:
    """Reads and refused writes, on the module's shared world (they change nothing)."""
    await _check(shared, shared_world, method, path, body, actor, status)


@pytest.mark.parametrize(("method", "path", "body", "actor", "status"), WRITE_CASES)
async def test_authorization_matrix_writes(
    client: Client,
    world: World,
    method: str,
    path: str,
    body: dict[str, Any] | None,
    actor: str,
    status: int,
) -> None:
    """Writes that succeed, each on a world of its own."""
    await _check(client, world, method, path, body, actor, status)
