"""Bad input on /projects: a 4xx in the common error body, and nothing created or changed.

Nothing here changes the stored data, so the accounts and the project are made once for the
module (the shared world of ``tests/integration/conftest.py``), not once per row.

Runs in the SQLite pass only: what it checks is the HTTP side (routing, validation,
authorization, error bodies, serialization) over repositories whose database-specific behaviour
the repository contracts and the `both_databases` tests cover on PostgreSQL too."""

from dataclasses import dataclass
from typing import Any

import pytest

from tests.integration.accounts import Account, Client, MakeAccount, assert_error
from tests.integration.catalog.conftest import API
from tests.integration.catalog.projects_support import (
    UNKNOWN,
    create_project,
    listed,
    read_project,
    titles,
)


@dataclass
class World:
    author: Account
    admin: Account
    project: dict[str, Any]


@pytest.fixture
def client(shared_client: Client) -> Client:
    shared_client.cookies.clear()
    return shared_client


@pytest.fixture(scope="module")
async def world(shared_client: Client, shared_make_account: MakeAccount) -> World:
    author = await shared_make_account("author", role="instructor")
    admin = await shared_make_account("chief", role="admin")
    project = await create_project(shared_client, author, summary="Kept", tech_stack=["Kept"])
    return World(author, admin, project)


LONG = "x" * 201
BAD_BODIES: list[tuple[dict[str, Any], str]] = [
    ({"title": ""}, "title"),
    ({"title": "   "}, "title"),
    ({"title": LONG}, "title"),
    ({"title": "Tab\tin title"}, "title"),
    ({"title": 7}, "title"),
    ({"summary": "s" * 2001}, "summary"),
    ({"tech_stack": ["x"] * 31}, "tech_stack"),
    ({"tech_stack": ["Go", "y" * 51]}, "tech_stack[1]"),
    ({"tech_stack": ["  "]}, "tech_stack"),
    ({"tech_stack": [""]}, "tech_stack[0]"),
    ({"tech_stack": "Python"}, "tech_stack"),
    ({"content": "c" * 200_001}, "content"),
    ({"course_id": UNKNOWN}, "course_id"),
    ({"course_id": "not-a-uuid"}, "course_id"),
    ({"thumbnail_file_id": "nope"}, "thumbnail_file_id"),
    ({"is_published": "yes"}, "is_published"),
    ({"owner": "me"}, "owner"),
]


@pytest.mark.parametrize(("fields", "field"), BAD_BODIES, ids=[f for _, f in BAD_BODIES])
async def test_an_invalid_create_is_422_and_creates_nothing(
    client: Client, world: World, fields: dict[str, Any], field: str
) -> None:
    response = await client.post(
        f"{API}/projects", json={"title": "Valid", **fields}, headers=world.author.headers
    )

    body = assert_error(response, 422, "VALIDATION_ERROR")
    assert [error["field"] for error in body["errors"]] == [field]
    assert titles(await listed(client, world.admin)) == ["Portfolio"]


@pytest.mark.parametrize(("fields", "field"), BAD_BODIES, ids=[f for _, f in BAD_BODIES])
async def test_an_invalid_patch_is_422_and_changes_nothing(
    client: Client, world: World, fields: dict[str, Any], field: str
) -> None:
    project = world.project

    response = await client.patch(
        f"{API}/projects/{project['id']}", json=fields, headers=world.author.headers
    )

    body = assert_error(response, 422, "VALIDATION_ERROR")
    assert [error["field"] for error in body["errors"]] == [field]
    assert await read_project(client, project["id"], world.author) == project


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("GET", f"/projects/{UNKNOWN}"),
        ("PATCH", f"/projects/{UNKNOWN}"),
        ("DELETE", f"/projects/{UNKNOWN}"),
        ("GET", "/projects/not-a-uuid"),
        ("PATCH", "/projects/not-a-uuid"),
    ],
)
async def test_an_unknown_project_is_404(
    client: Client, world: World, method: str, path: str
) -> None:
    json = {"title": "x"} if method == "PATCH" else None
    response = await client.request(method, API + path, json=json, headers=world.author.headers)

    assert_error(response, 404, "NOT_FOUND")


@pytest.mark.parametrize("path", ["/projects", f"/projects/{UNKNOWN}"])
async def test_a_bad_token_is_401_on_public_reads(client: Client, path: str) -> None:
    response = await client.get(API + path, headers={"Authorization": "Bearer nonsense"})

    assert_error(response, 401, "UNAUTHENTICATED")


@pytest.mark.parametrize(
    "params", [{"limit": 0}, {"limit": 101}, {"offset": -1}, {"course_id": "x"}]
)
async def test_bad_list_parameters_are_422(client: Client, params: dict[str, Any]) -> None:
    response = await client.get(f"{API}/projects", params=params)

    body = assert_error(response, 422, "VALIDATION_ERROR")
    assert [error["field"] for error in body["errors"]] == list(params)


async def test_a_malformed_body_is_400_and_a_non_json_one_415(client: Client, world: World) -> None:
    malformed = await client.post(
        f"{API}/projects",
        content=b"{",
        headers={**world.author.headers, "Content-Type": "application/json"},
    )
    not_json = await client.post(
        f"{API}/projects",
        content=b"title=x",
        headers={**world.author.headers, "Content-Type": "text/plain"},
    )

    assert_error(malformed, 400, "BAD_REQUEST")
    assert_error(not_json, 415, "UNSUPPORTED_MEDIA_TYPE")
