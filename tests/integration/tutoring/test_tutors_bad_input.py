"""Bad input on /tutors: a 422 in the common error body naming the field, and nothing changed.

Nothing here changes the stored data, so the instructor, the course and the tutor are made
once for the module (the shared world of ``tests/integration/conftest.py``), not once per row.

Runs in the SQLite pass only: what it checks is the HTTP side (routing, validation,
authorization, error bodies, serialization) over repositories whose database-specific behaviour
the repository contracts and the `both_databases` tests cover on PostgreSQL too."""

from dataclasses import dataclass
from typing import Any

import pytest

from tests.integration.accounts import Account, Client, MakeAccount, assert_error
from tests.integration.catalog.conftest import course_maker
from tests.integration.tutoring.conftest import API, Body, Snapshot, tutor_maker

UNKNOWN_COURSE = "0190f5d2-7c1a-7b3e-9a51-3f6d2c8e4b10"


@dataclass
class World:
    teacher: Account
    tutor: Body


@pytest.fixture
def client(shared_client: Client) -> Client:
    shared_client.cookies.clear()
    return shared_client


@pytest.fixture(scope="module")
async def world(shared_client: Client, shared_make_account: MakeAccount) -> World:
    teacher = await shared_make_account("teacher", role="instructor")
    course = await course_maker(shared_client)(teacher, sections=1, lessons_per_section=1)
    return World(teacher, await tutor_maker(shared_client)(teacher, course.id))


BAD_TUTORS: list[tuple[dict[str, Any], str]] = [
    ({}, "name"),
    ({"name": "   "}, "name"),
    ({"name": "x" * 101}, "name"),
    ({"name": "Bad\x07bell"}, "name"),
    ({"name": "Pip", "provider": "mistral"}, "provider"),
    ({"name": "Pip", "temperature": 2.5}, "temperature"),
    ({"name": "Pip", "temperature": -0.1}, "temperature"),
    ({"name": "Pip", "description": "d" * 2001}, "description"),
    ({"name": "Pip", "system_prompt": "s" * 20_001}, "system_prompt"),
    ({"name": "Pip", "model_id": ""}, "model_id"),
    ({"name": "Pip", "knowledge_base_id": "k" * 201}, "knowledge_base_id"),
    ({"name": "Pip", "rating": 5}, "rating"),
    ({"name": "Pip", "course_id": "not-a-uuid"}, "course_id"),
    ({"name": "Pip", "course_id": UNKNOWN_COURSE}, "course_id"),
]


@pytest.mark.parametrize(("body", "field"), BAD_TUTORS)
async def test_invalid_tutors_are_refused(
    client: Client, world: World, snapshot: Snapshot, body: dict[str, Any], field: str
) -> None:
    before = await snapshot()
    response = await client.post(f"{API}/tutors", json=body, headers=world.teacher.headers)
    error = assert_error(response, 422, "VALIDATION_ERROR")
    assert field in {e["field"] for e in error["errors"]}
    assert await snapshot() == before


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"temperature": 3}, "temperature"),
        ({"provider": "mistral"}, "provider"),
        ({"name": ""}, "name"),
        ({"rating": 4.5}, "rating"),
        ({"course_id": UNKNOWN_COURSE}, "course_id"),
    ],
)
async def test_invalid_changes_are_refused(
    client: Client, world: World, snapshot: Snapshot, body: dict[str, Any], field: str
) -> None:
    before = await snapshot()
    response = await client.patch(
        f"{API}/tutors/{world.tutor['id']}", json=body, headers=world.teacher.headers
    )
    error = assert_error(response, 422, "VALIDATION_ERROR")
    assert error["errors"][0]["field"] == field
    assert await snapshot() == before


@pytest.mark.parametrize(
    "params", [{"limit": 0}, {"limit": 101}, {"offset": -1}, {"course_id": "nope"}]
)
async def test_bad_list_parameters_are_refused(client: Client, params: dict[str, Any]) -> None:
    assert_error(await client.get(f"{API}/tutors", params=params), 422, "VALIDATION_ERROR")
