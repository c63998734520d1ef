"""/sections/{id}/lessons and /lessons over HTTP: premium content, next/previous, moves.

Runs in the SQLite pass only: what it checks is the HTTP side (routing, validation,
authorization, error bodies, serialization) over repositories whose database-specific behaviour
the repository contracts and the `both_databases` tests cover on PostgreSQL too."""

from typing import Any

import pytest

from tests.integration.accounts import Account, Client, MakeAccount, assert_error
from tests.integration.catalog.conftest import API, CatalogSnapshot, CourseIds, MakeCourse

UNKNOWN = "01a2004f-3a5e-7c8d-9e0f-0123456789ab"


@pytest.fixture
async def teacher(make_account: MakeAccount) -> Account:
    return await make_account("teacher", role="instructor")


async def lesson_titles(client: Client, course: CourseIds) -> list[list[str]]:
    """Lesson titles per section; positions must be 1..n in every section."""
    outline = (await client.get(f"{API}/courses/{course.id}", headers=course.owner.headers)).json()
    result = []
    for section in outline["sections"]:
        lessons = section["lessons"]
        assert [x["position"] for x in lessons] == list(range(1, len(lessons) + 1))
        result.append([x["title"] for x in lessons])
    return result


async def test_a_lesson_is_created_with_every_field(
    client: Client, teacher: Account, make_course: MakeCourse
) -> None:
    ids = await make_course(teacher, sections=1, lessons_per_section=2)
    body = {
        "title": " Intro ",
        "content": "# Hello\n\nWorld",
        "estimated_minutes": 25,
        "is_premium": True,
        "position": 1,
    }
    response = await client.post(
        f"{API}/sections/{ids.section_ids[0]}/lessons", json=body, headers=teacher.headers
    )
    assert response.status_code == 201, response.text
    lesson = response.json()
    assert lesson["title"] == "Intro"
    assert (lesson["course_id"], lesson["section_id"]) == (ids.id, ids.section_ids[0])
    assert (lesson["content"], lesson["estimated_minutes"], lesson["is_premium"]) == (
        body["content"],
        25,
        True,
    )
    got = await client.get(f"{API}/lessons/{lesson['id']}", headers=teacher.headers)
    assert got.json() == lesson
    assert await lesson_titles(client, ids) == [["Intro", "Lesson 1.1", "Lesson 1.2"]]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"title": ""}, "title"),
        ({"title": "X", "content": "x" * 200_001}, "content"),
        ({"title": "X", "estimated_minutes": 0}, "estimated_minutes"),
        ({"title": "X", "estimated_minutes": 1441}, "estimated_minutes"),
        ({"title": "X", "position": 4}, "position"),
        ({"title": "X", "is_premium": "yes"}, "is_premium"),
        ({"title": "X", "section_id": UNKNOWN}, "section_id"),
    ],
)
async def test_bad_new_lessons_change_nothing(
    client: Client,
    teacher: Account,
    make_course: MakeCourse,
    catalog_snapshot: CatalogSnapshot,
    body: dict[str, Any],
    field: str,
) -> None:
    ids = await make_course(teacher, sections=1, lessons_per_section=2)
    before = await catalog_snapshot()
    response = await client.post(
        f"{API}/sections/{ids.section_ids[0]}/lessons", json=body, headers=teacher.headers
    )
    error = assert_error(response, 422, "VALIDATION_ERROR")
    assert [e["field"] for e in error["errors"]] == [field]
    assert await catalog_snapshot() == before


async def test_premium_content_is_for_premium_users_the_instructor_and_admins(
    client: Client,
    teacher: Account,
    admin: Account,
    make_account: MakeAccount,
    make_course: MakeCourse,
) -> None:
    ids = await make_course(teacher, sections=1, lessons_per_section=2, premium=[(0, 1)])
    free, premium = ids.lesson_ids
    student = await make_account("learner")
    member = await make_account("member", plan="premium")
    rival = await make_account("rival", role="instructor")
    for headers in ({}, student.headers, rival.headers):
        assert (await client.get(f"{API}/lessons/{free}", headers=headers)).status_code == 200
        response = await client.get(f"{API}/lessons/{premium}", headers=headers)
        assert_error(response, 403, "PREMIUM_REQUIRED")
    for reader in (member, teacher, admin):
        response = await client.get(f"{API}/lessons/{premium}", headers=reader.headers)
        assert response.status_code == 200
        assert response.json()["content"] == "Content of lesson 1.2."


async def test_next_and_previous_cross_sections_and_stop_at_the_ends(
    client: Client, teacher: Account, make_course: MakeCourse
) -> None:
    ids = await make_course(teacher, sections=2, lessons_per_section=2)
    lessons = ids.lesson_ids
    response = await client.get(f"{API}/lessons/{lessons[1]}/next")
    assert response.status_code == 200
    assert response.json()["id"] == lessons[2]
    assert response.json()["content"] == "Content of lesson 2.1."
    previous = await client.get(f"{API}/lessons/{lessons[2]}/previous")
    assert previous.json()["id"] == lessons[1]
    assert_error(await client.get(f"{API}/lessons/{lessons[0]}/previous"), 404, "NOT_FOUND")
    assert_error(await client.get(f"{API}/lessons/{lessons[3]}/next"), 404, "NOT_FOUND")


async def test_next_into_a_premium_lesson_is_locked_for_free_readers(
    client: Client, teacher: Account, make_account: MakeAccount, make_course: MakeCourse
) -> None:
    ids = await make_course(teacher, sections=1, lessons_per_section=2, premium=[(0, 1)])
    free, premium = ids.lesson_ids
    member = await make_account("member", plan="premium")
    student = await make_account("student")
    for headers in ({}, student.headers):
        response = await client.get(f"{API}/lessons/{free}/next", headers=headers)
        assert response.status_code == 200, response.text
        locked = response.json()
        assert (locked["id"], locked["title"], locked["position"]) == (premium, "Lesson 1.2", 2)
        assert (locked["is_premium"], locked["locked"], locked["content"]) == (True, True, None)
        assert locked["section_id"] == ids.section_ids[0]
        assert locked["course_id"] == ids.id
    for reader in (member, teacher):
        response = await client.get(f"{API}/lessons/{free}/next", headers=reader.headers)
        unlocked = response.json()
        assert (unlocked["id"], unlocked["locked"]) == (premium, False)
        assert unlocked["content"] == "Content of lesson 1.2."
    back = await client.get(f"{API}/lessons/{premium}/previous")
    assert (back.json()["id"], back.json()["locked"]) == (free, False)
    assert back.json()["content"] == "Content of lesson 1.1."


async def test_unknown_and_hidden_lessons_are_not_found(
    client: Client,
    teacher: Account,
    make_account: MakeAccount,
    make_course: MakeCourse,
    catalog_snapshot: CatalogSnapshot,
) -> None:
    draft = await make_course(teacher, sections=1, lessons_per_section=2, published=False)
    student = await make_account("member", plan="premium")
    for lesson_id in (UNKNOWN, draft.lesson_ids[0]):
        for path in ("", "/next", "/previous"):
            response = await client.get(f"{API}/lessons/{lesson_id}{path}", headers=student.headers)
            assert_error(response, 404, "NOT_FOUND")
    before = await catalog_snapshot()
    for method, path, body in [
        ("PATCH", "", {"title": "X"}),
        ("DELETE", "", None),
        ("POST", "/move", {"position": 1}),
    ]:
        response = await client.request(
            method, f"{API}/lessons/{UNKNOWN}{path}", json=body, headers=teacher.headers
        )
        assert_error(response, 404, "NOT_FOUND")
    assert await catalog_snapshot() == before


async def test_a_lesson_update_changes_only_the_given_fields(
    client: Client, teacher: Account, make_course: MakeCourse, catalog_snapshot: CatalogSnapshot
) -> None:
    ids = await make_course(teacher, sections=1, lessons_per_section=1)
    url = f"{API}/lessons/{ids.lesson_ids[0]}"
    response = await client.patch(
        url, json={"content": "New text", "is_premium": True}, headers=teacher.headers
    )
    assert response.status_code == 200, response.text
    lesson = response.json()
    assert (lesson["title"], lesson["content"], lesson["is_premium"]) == (
        "Lesson 1.1",
        "New text",
        True,
    )
    before = await catalog_snapshot()
    for body in ({"title": None}, {"estimated_minutes": 2000}, {"position": 1}):
        assert_error(
            await client.patch(url, json=body, headers=teacher.headers), 422, "VALIDATION_ERROR"
        )
    assert await catalog_snapshot() == before


async def test_deleting_a_lesson_closes_the_gap(
    client: Client, teacher: Account, make_course: MakeCourse
) -> None:
    ids = await make_course(teacher, sections=1, lessons_per_section=3)
    response = await client.delete(f"{API}/lessons/{ids.lesson_ids[0]}", headers=teacher.headers)
    assert response.status_code == 204
    assert await lesson_titles(client, ids) == [["Lesson 1.2", "Lesson 1.3"]]


async def test_a_lesson_moves_within_its_section_and_into_another(
    client: Client, teacher: Account, make_course: MakeCourse
) -> None:
    ids = await make_course(teacher, sections=2, lessons_per_section=2)
    first = ids.lesson_ids[0]
    within = await client.post(
        f"{API}/lessons/{first}/move", json={"position": 2}, headers=teacher.headers
    )
    assert within.status_code == 200, within.text
    assert await lesson_titles(client, ids) == [
        ["Lesson 1.2", "Lesson 1.1"],
        ["Lesson 2.1", "Lesson 2.2"],
    ]
    across = await client.post(
        f"{API}/lessons/{first}/move",
        json={"position": 3, "section_id": ids.section_ids[1]},
        headers=teacher.headers,
    )
    assert across.status_code == 200, across.text
    assert (across.json()["section_id"], across.json()["position"]) == (ids.section_ids[1], 3)
    assert await lesson_titles(client, ids) == [
        ["Lesson 1.2"],
        ["Lesson 2.1", "Lesson 2.2", "Lesson 1.1"],
    ]
    lessons = (await client.get(f"{API}/courses/{ids.id}/lessons")).json()["items"]
    assert [x["title"] for x in lessons] == ["Lesson 1.2", "Lesson 2.1", "Lesson 2.2", "Lesson 1.1"]


async def test_a_lesson_move_to_its_own_place_is_a_no_op(
    client: Client, teacher: Account, make_course: MakeCourse, catalog_snapshot: CatalogSnapshot
) -> None:
    ids = await make_course(teacher, sections=1, lessons_per_section=2)
    before = await catalog_snapshot()
    response = await client.post(
        f"{API}/lessons/{ids.lesson_ids[1]}/move",
        json={"position": 2, "section_id": ids.section_ids[0]},
        headers=teacher.headers,
    )
    assert response.status_code == 200
    assert response.json()["position"] == 2
    assert await catalog_snapshot() == before


async def test_bad_lesson_moves_change_nothing(
    client: Client, teacher: Account, make_course: MakeCourse, catalog_snapshot: CatalogSnapshot
) -> None:
    ids = await make_course(teacher, sections=2, lessons_per_section=2)
    other = await make_course(teacher, sections=1, lessons_per_section=0)
    before = await catalog_snapshot()
    url = f"{API}/lessons/{ids.lesson_ids[0]}/move"
    for body, field in [
        ({"position": 3}, "position"),
        ({"position": 4, "section_id": ids.section_ids[1]}, "position"),
        ({"position": 1, "section_id": other.section_ids[0]}, "section_id"),
        ({"position": 1, "section_id": UNKNOWN}, "section_id"),
        ({"position": 0}, "position"),
        ({"section_id": ids.section_ids[1]}, "position"),
    ]:
        response = await client.post(url, json=body, headers=teacher.headers)
        error = assert_error(response, 422, "VALIDATION_ERROR")
        assert [e["field"] for e in error["errors"]] == [field], body
    assert await catalog_snapshot() == before


async def test_another_instructor_may_not_change_lessons(
    client: Client,
    teacher: Account,
    make_account: MakeAccount,
    make_course: MakeCourse,
    catalog_snapshot: CatalogSnapshot,
) -> None:
    rival = await make_account("rival", role="instructor")
    ids = await make_course(teacher, sections=1, lessons_per_section=2)
    before = await catalog_snapshot()
    url = f"{API}/lessons/{ids.lesson_ids[0]}"
    for method, path, body in [
        ("PATCH", "", {"title": "X"}),
        ("POST", "/move", {"position": 2}),
        ("DELETE", "", None),
    ]:
        response = await client.request(method, url + path, json=body, headers=rival.headers)
        assert_error(response, 403, "FORBIDDEN")
    assert await catalog_snapshot() == before
