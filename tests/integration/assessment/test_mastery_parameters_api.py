"""A course's BKT parameters over HTTP: OATutor's until its instructor sets others, then every
learner's mastery of its lessons is traced with them (what was traced before and what is
answered after), and the mastery says what it was traced with. Who may set them is in the
authorization matrix."""

from typing import Any

import pytest

from tests.integration.accounts import Account, Client, assert_error
from tests.integration.assessment.conftest import API, Classroom, MakeQuiz, submit, true_false
from tutor_platform.assessment.domain.mastery import BktParameters, p_mastery

pytestmark = pytest.mark.both_databases

MINE = {"p_init": 0.3, "p_transit": 0.2, "p_slip": 0.05, "p_guess": 0.2}
THEIRS = {"p_init": 0.05, "p_transit": 0.3, "p_slip": 0.2, "p_guess": 0.1}


async def put_parameters(client: Client, who: Account, course_id: str, body: Any) -> Any:
    return await client.put(
        f"{API}/courses/{course_id}/mastery-parameters", json=body, headers=who.headers
    )


async def mastery(client: Client, who: Account, course_id: str) -> dict[str, Any]:
    response = await client.get(f"{API}/progress/courses/{course_id}/mastery", headers=who.headers)
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def lesson(body: dict[str, Any], lesson_id: str) -> dict[str, Any]:
    return next(item for item in body["items"] if item["lesson_id"] == lesson_id)


async def test_a_courses_parameters_retrace_mastery_and_drive_later_answers(
    client: Client, classroom: Classroom, make_quiz: MakeQuiz
) -> None:
    course, (first, second) = classroom.course.id, classroom.course.lesson_ids[:2]
    quiz = await make_quiz(
        classroom.teacher, course, lesson_id=first, questions=[true_false(), true_false()]
    )
    q1, q2 = (q["id"] for q in quiz["questions"])
    await submit(client, classroom.student, quiz["id"], {q1: True, q2: False})
    before = await mastery(client, classroom.student, course)

    saved = await put_parameters(client, classroom.teacher, course, MINE)
    after = await mastery(client, classroom.student, course)
    later = await make_quiz(classroom.teacher, course, lesson_id=first, questions=[true_false()])
    await submit(client, classroom.student, later["id"], {later["questions"][0]["id"]: True})
    answered = await mastery(client, classroom.student, course)
    await put_parameters(client, classroom.teacher, course, THEIRS)
    changed_again = await mastery(client, classroom.student, course)

    mine, theirs = BktParameters(**MINE), BktParameters(**THEIRS)
    assert lesson(before, first)["p_mastery"] == round(p_mastery([True, False]), 6)
    assert before["parameters"]["custom"] is False
    assert before["parameters"]["p_init"] == 0.1
    assert saved.status_code == 200, saved.text
    assert saved.json() == {
        "course_id": course,
        **MINE,
        "mastered_at": 0.95,
        "custom": True,
        "updated_by": classroom.teacher.id,
        "updated_at": saved.json()["updated_at"],
    }
    assert lesson(after, first)["p_mastery"] == round(p_mastery([True, False], mine), 6)
    assert lesson(after, first)["evidence"] == 2
    assert lesson(after, second)["p_mastery"] == 0.3
    assert {key: after["parameters"][key] for key in MINE} == MINE
    assert lesson(answered, first)["p_mastery"] == round(p_mastery([True, False, True], mine), 6)
    assert lesson(changed_again, first)["p_mastery"] == round(
        p_mastery([True, False, True], theirs), 6
    )
    assert lesson(changed_again, second)["p_mastery"] == 0.05


async def test_parameters_are_read_by_whoever_sees_the_course(
    client: Client, classroom: Classroom
) -> None:
    course = classroom.course.id
    await put_parameters(client, classroom.teacher, course, MINE)

    seen = await client.get(
        f"{API}/courses/{course}/mastery-parameters", headers=classroom.student.headers
    )

    assert seen.status_code == 200, seen.text
    assert {key: seen.json()[key] for key in MINE} == MINE
    assert seen.json()["custom"] is True


@pytest.mark.parametrize(
    ("body", "fields"),
    [
        ({**MINE, "p_init": 1.5}, {"p_init"}),
        ({**MINE, "p_transit": -0.1}, {"p_transit"}),
        ({**MINE, "p_slip": 0}, {"p_slip"}),
        ({**MINE, "p_guess": 1}, {"p_guess"}),
        ({**MINE, "p_slip": 0.6, "p_guess": 0.4}, {"p_guess"}),
        ({key: MINE[key] for key in ("p_init", "p_transit", "p_slip")}, {"p_guess"}),
        ({**MINE, "p_init": "high"}, {"p_init"}),
        ({**MINE, "mastered_at": 0.8}, {"mastered_at"}),
    ],
)
async def test_parameters_out_of_range_are_refused_and_nothing_changes(
    client: Client, classroom: Classroom, body: dict[str, Any], fields: set[str]
) -> None:
    course = classroom.course.id

    refused = await put_parameters(client, classroom.teacher, course, body)
    kept = await client.get(
        f"{API}/courses/{course}/mastery-parameters", headers=classroom.teacher.headers
    )

    error = assert_error(refused, 422, "VALIDATION_ERROR")
    assert {item["field"] for item in error["errors"]} == fields
    assert kept.json()["custom"] is False
    assert kept.json()["p_init"] == 0.1


async def test_an_unknown_course_has_no_parameters(client: Client, classroom: Classroom) -> None:
    unknown = "01900000-0000-7000-8000-000000000000"

    read = await client.get(
        f"{API}/courses/{unknown}/mastery-parameters", headers=classroom.teacher.headers
    )
    written = await put_parameters(client, classroom.teacher, unknown, MINE)

    assert_error(read, 404, "NOT_FOUND")
    assert_error(written, 404, "NOT_FOUND")
