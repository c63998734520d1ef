"""Mastery over HTTP: per lesson of the course, from the first attempt at each question (its
own lesson, not the quiz's), kept current by a person's grade, and who may see whose."""

from typing import Any

import pytest

from tests.integration.accounts import Account, Client, MakeAccount, assert_error
from tests.integration.assessment.conftest import (
    API,
    Classroom,
    MakeQuiz,
    free_text,
    submit,
    true_false,
)
from tests.integration.catalog.conftest import MakeCourse
from tutor_platform.assessment.domain.mastery import p_mastery

pytestmark = pytest.mark.both_databases


async def mastery(client: Client, who: Account, course_id: str, **params: str) -> Any:
    return await client.get(
        f"{API}/progress/courses/{course_id}/mastery", params=params, headers=who.headers
    )


def by_lesson(response: Any) -> dict[str, dict[str, Any]]:
    assert response.status_code == 200, response.text
    return {item["lesson_id"]: item for item in response.json()["items"]}


async def two_lesson_quiz(classroom: Classroom, make_quiz: MakeQuiz) -> dict[str, Any]:
    first, second = classroom.course.lesson_ids[:2]
    return await make_quiz(
        classroom.teacher,
        classroom.course.id,
        lesson_id=first,
        questions=[
            true_false(),
            true_false(prompt="Lists are mutable.", lesson_id=second),
            true_false(prompt="Tuples are mutable.", correct=False, lesson_id=second),
            free_text(),
        ],
    )


async def test_mastery_is_traced_per_question_lesson_from_first_attempts(
    client: Client, classroom: Classroom, make_quiz: MakeQuiz
) -> None:
    quiz = await two_lesson_quiz(classroom, make_quiz)
    q1, q2, q3, _ = (q["id"] for q in quiz["questions"])
    first, second = classroom.course.lesson_ids[:2]

    await submit(client, classroom.student, quiz["id"], {q1: True, q2: True, q3: True})
    await submit(client, classroom.student, quiz["id"], {q1: False, q2: True, q3: False})
    seen = by_lesson(await mastery(client, classroom.student, classroom.course.id))

    assert list(seen) == classroom.course.lesson_ids
    assert seen[first]["p_mastery"] == round(p_mastery([True]), 6)
    assert seen[first]["evidence"] == 1
    assert seen[second]["p_mastery"] == round(p_mastery([True, False]), 6)
    assert seen[second]["evidence"] == 2
    assert seen[second]["last_evidence_at"].endswith("Z")
    untouched = seen[classroom.course.lesson_ids[2]]
    assert (untouched["p_mastery"], untouched["evidence"], untouched["mastered"]) == (
        0.1,
        0,
        False,
    )
    assert untouched["last_evidence_at"] is None
    lessons = await client.get(
        f"{API}/courses/{classroom.course.id}/lessons", headers=classroom.student.headers
    )
    assert [item["title"] for item in seen.values()] == [
        lesson["title"] for lesson in lessons.json()["items"]
    ]


async def test_three_right_first_answers_master_a_lesson(
    client: Client, classroom: Classroom, make_quiz: MakeQuiz
) -> None:
    lesson = classroom.course.lesson_ids[3]
    quiz = await make_quiz(
        classroom.teacher, classroom.course.id, lesson_id=lesson, questions=[true_false()] * 3
    )

    await submit(client, classroom.student, quiz["id"], {q["id"]: True for q in quiz["questions"]})

    item = by_lesson(await mastery(client, classroom.student, classroom.course.id))[lesson]
    assert (item["mastered"], item["evidence"]) == (True, 3)
    assert item["p_mastery"] >= 0.95


async def test_a_persons_grade_retraces_the_lesson(
    client: Client, classroom: Classroom, make_quiz: MakeQuiz
) -> None:
    quiz = await two_lesson_quiz(classroom, make_quiz)
    essay = quiz["questions"][3]["id"]
    first = classroom.course.lesson_ids[0]
    attempt = (
        await submit(client, classroom.student, quiz["id"], {essay: "It is more specific."})
    ).json()
    before = by_lesson(await mastery(client, classroom.student, classroom.course.id))[first]

    graded = await client.put(
        f"{API}/attempts/{attempt['id']}/results/{essay}",
        json={"awarded_points": 0},
        headers=classroom.teacher.headers,
    )
    after = by_lesson(await mastery(client, classroom.student, classroom.course.id))[first]

    assert graded.status_code == 200, graded.text
    assert before["p_mastery"] == round(p_mastery([True]), 6)
    assert after["p_mastery"] == round(p_mastery([False]), 6)
    assert after["evidence"] == 1


async def test_the_courses_instructor_sees_any_learners_mastery_and_others_do_not(
    client: Client,
    classroom: Classroom,
    make_quiz: MakeQuiz,
    make_account: MakeAccount,
    make_course: MakeCourse,
) -> None:
    quiz = await two_lesson_quiz(classroom, make_quiz)
    await submit(client, classroom.student, quiz["id"], {quiz["questions"][0]["id"]: True})
    admin = await make_account("chief", role="admin")
    rival = await make_account("rival", role="instructor")
    draft = await make_course(classroom.teacher, sections=1, published=False)
    course, student = classroom.course.id, classroom.student.id
    first = classroom.course.lesson_ids[0]

    teacher_view = by_lesson(await mastery(client, classroom.teacher, course, user_id=student))
    admin_view = by_lesson(await mastery(client, admin, course, user_id=student))
    own_view = by_lesson(await mastery(client, classroom.teacher, course))

    assert teacher_view[first]["evidence"] == admin_view[first]["evidence"] == 1
    assert own_view[first]["evidence"] == 0
    for who, params in [
        (classroom.member, {"user_id": student}),
        (rival, {"user_id": student}),
        (classroom.teacher, {"user_id": "01900000-0000-7000-8000-000000000000"}),
    ]:
        assert_error(await mastery(client, who, course, **params), 404, "NOT_FOUND")
    assert_error(await mastery(client, classroom.student, draft.id), 404, "NOT_FOUND")
    assert_error(
        await mastery(client, classroom.student, course, user_id="me"), 422, "VALIDATION_ERROR"
    )
    anonymous = await client.get(f"{API}/progress/courses/{course}/mastery")
    assert_error(anonymous, 401, "UNAUTHENTICATED")
