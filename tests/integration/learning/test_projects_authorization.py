"""Every /projects route, for each caller: anonymous, a student, another instructor, the
project's creator ("owner"), the instructor of the project's course, and an admin.

Runs in the SQLite pass only: what it checks is the HTTP side (routing, validation,
authorization, error bodies, serialization) over repositories whose database-specific behaviour
the repository contracts and the `both_databases` tests cover on PostgreSQL too."""

from dataclasses import dataclass
from typing import Any

import pytest

from tests.integration.accounts import Account, Client, MakeAccount, assert_error
from tests.integration.learning.conftest import API, MakeCourse

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


@pytest.fixture
async def world(
    client: Client, make_account: MakeAccount, make_course: MakeCourse, admin: Account
) -> World:
    teacher = await make_account("teacher", role="instructor")
    owner = await make_account("owner", role="instructor")
    accounts = {
        "student": await make_account("student"),
        "other instructor": await make_account("rival", role="instructor"),
        "owner": owner,
        "course instructor": teacher,
        "admin": admin,
    }
    course = await make_course(teacher, sections=0)
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


@pytest.mark.parametrize(("method", "path", "body", "actor", "status"), CASES)
async def test_authorization_matrix(
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
