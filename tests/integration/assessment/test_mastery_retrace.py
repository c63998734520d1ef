"""After a course's BKT parameters are set, a job traces its learners' mastery again, so the
instructor's mastery matrix shows what the learners themselves see (in-process jobs; the
retrace itself is in the mastery repository's contract suite on both databases)."""

import asyncio
from typing import Any

from tests.integration.accounts import Client
from tests.integration.assessment.conftest import API, Classroom, MakeQuiz, submit, true_false
from tutor_platform.assessment.domain.mastery import BktParameters, p_mastery

MINE = {"p_init": 0.3, "p_transit": 0.2, "p_slip": 0.05, "p_guess": 0.2}
WAIT_SECONDS = 10.0


async def matrix_cell(client: Client, classroom: Classroom, lesson_id: str) -> Any:
    course = classroom.course.id
    response = await client.get(
        f"{API}/analytics/courses/{course}/mastery", headers=classroom.teacher.headers
    )
    assert response.status_code == 200, response.text
    body = response.json()
    column = [lesson["lesson_id"] for lesson in body["lessons"]].index(lesson_id)
    (row,) = [r for r in body["learners"]["items"] if r["user_id"] == str(classroom.student.id)]
    return row["p_mastery"][column]


async def test_the_mastery_matrix_follows_new_parameters(
    client: Client, classroom: Classroom, make_quiz: MakeQuiz
) -> None:
    course, lesson = classroom.course.id, classroom.course.lesson_ids[0]
    quiz = await make_quiz(
        classroom.teacher, course, lesson_id=lesson, questions=[true_false(), true_false()]
    )
    first, second = (q["id"] for q in quiz["questions"])
    await submit(client, classroom.student, quiz["id"], {first: True, second: False})
    before = await matrix_cell(client, classroom, lesson)

    saved = await client.put(
        f"{API}/courses/{course}/mastery-parameters", json=MINE, headers=classroom.teacher.headers
    )
    expected = round(p_mastery([True, False], BktParameters(**MINE)), 4)
    deadline = asyncio.get_running_loop().time() + WAIT_SECONDS
    after = await matrix_cell(client, classroom, lesson)
    while after != expected and asyncio.get_running_loop().time() < deadline:
        await asyncio.sleep(0.05)
        after = await matrix_cell(client, classroom, lesson)

    assert saved.status_code == 200, saved.text
    assert before == round(p_mastery([True, False]), 4)
    assert after == expected != before
