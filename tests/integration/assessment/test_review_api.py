"""Review by people over HTTP: the queue of answers the grader was unsure of, a person's grade
(recomputing the attempt and the learner's best score), bad grades refused with nothing
changed, and two people grading the same answer at once."""

import asyncio
from typing import Any

import pytest

from tests.integration.accounts import Account, Client, MakeAccount, assert_error
from tests.integration.assessment.conftest import (
    API,
    Body,
    Classroom,
    MakeQuiz,
    Snapshot,
    free_text,
    submit,
    true_false,
)

pytestmark = pytest.mark.both_databases

UNSURE = "It is more specific."
"""Half of the rubric's keywords and far from the model answer: 1 of 2 points, to review."""


async def essay_attempt(
    client: Client, classroom: Classroom, make_quiz: MakeQuiz, answer: str = UNSURE
) -> tuple[Body, Body]:
    quiz = await make_quiz(
        classroom.teacher,
        classroom.course.id,
        questions=[true_false(), free_text()],
        passing_score=0.9,
    )
    tf, essay = (q["id"] for q in quiz["questions"])
    response = await submit(client, classroom.student, quiz["id"], {tf: True, essay: answer})
    assert response.status_code == 201, response.text
    return quiz, response.json()


async def grade(
    client: Client, who: Account, attempt: Body, question_id: str, body: dict[str, Any]
) -> Any:
    return await client.put(
        f"{API}/attempts/{attempt['id']}/results/{question_id}", json=body, headers=who.headers
    )


async def queue(client: Client, who: Account, quiz: Body) -> Any:
    return await client.get(f"{API}/quizzes/{quiz['id']}/review", headers=who.headers)


async def best_score(client: Client, classroom: Classroom, quiz: Body) -> float | None:
    progress = await client.get(
        f"{API}/progress/courses/{classroom.course.id}", headers=classroom.student.headers
    )
    score: float | None = progress.json()["quiz_scores"].get(quiz["id"])
    return score


async def test_an_unsure_grade_waits_in_the_review_queue(
    client: Client, classroom: Classroom, make_quiz: MakeQuiz
) -> None:
    quiz, attempt = await essay_attempt(client, classroom, make_quiz)
    essay = quiz["questions"][1]

    response = await queue(client, classroom.teacher, quiz)

    assert attempt["status"] == "needs_review"
    assert attempt["results"][1]["graded_by"] == "rules"
    assert response.status_code == 200, response.text
    page = response.json()
    assert (page["total"], page["limit"], page["offset"]) == (1, 20, 0)
    (item,) = page["items"]
    assert item["attempt_id"] == attempt["id"]
    assert item["user_id"] == classroom.student.id
    assert (item["question_id"], item["prompt"]) == (essay["id"], essay["prompt"])
    assert (item["answer"], item["awarded_points"], item["max_points"]) == (UNSURE, 1, 2)
    assert item["graded_by"] == "rules"


async def test_a_persons_grade_recomputes_the_attempt_and_the_best_score(
    client: Client, classroom: Classroom, make_quiz: MakeQuiz
) -> None:
    quiz, attempt = await essay_attempt(client, classroom, make_quiz)
    essay_id = quiz["questions"][1]["id"]
    before = await best_score(client, classroom, quiz)

    up = await grade(
        client, classroom.teacher, attempt, essay_id, {"awarded_points": 2, "feedback": "Right."}
    )
    after_up = await best_score(client, classroom, quiz)
    down = await grade(client, classroom.teacher, attempt, essay_id, {"awarded_points": 0.5})

    assert (before, attempt["score"], attempt["passed"]) == (0.6666, 0.6666, False)
    assert up.status_code == 200, up.text
    raised = up.json()
    assert (raised["points"], raised["score"], raised["passed"]) == (3.0, 1.0, True)
    assert raised["status"] == "graded"
    result = raised["results"][1]
    assert (result["awarded_points"], result["correct"], result["feedback"]) == (2, True, "Right.")
    assert (result["graded_by"], result["needs_review"]) == ("instructor", False)
    assert result["reviewed_by"] == classroom.teacher.id
    assert result["reviewed_at"].endswith("Z")
    assert raised["results"][0] == attempt["results"][0]
    assert after_up == 1.0
    lowered = down.json()
    assert (lowered["points"], lowered["score"], lowered["passed"]) == (1.5, 0.5, False)
    assert lowered["results"][1]["feedback"] == "Right."
    assert lowered["results"][1]["correct"] is False
    assert await best_score(client, classroom, quiz) == 0.5
    assert (await queue(client, classroom.teacher, quiz)).json()["total"] == 0


async def test_the_learner_sees_the_persons_grade(
    client: Client, classroom: Classroom, make_quiz: MakeQuiz
) -> None:
    quiz, attempt = await essay_attempt(client, classroom, make_quiz)
    await grade(
        client, classroom.teacher, attempt, quiz["questions"][1]["id"], {"awarded_points": 2}
    )

    mine = await client.get(
        f"{API}/quizzes/{quiz['id']}/attempts", headers=classroom.student.headers
    )

    (seen,) = mine.json()["items"]
    assert (seen["status"], seen["score"], seen["results"][1]["graded_by"]) == (
        "graded",
        1.0,
        "instructor",
    )


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"awarded_points": 2.5}, "awarded_points"),
        ({"awarded_points": -1}, "awarded_points"),
        ({"awarded_points": 1.255}, "awarded_points"),
        ({"awarded_points": "2"}, "awarded_points"),
        ({}, "awarded_points"),
        ({"awarded_points": 1, "feedback": "x" * 5001}, "feedback"),
        ({"awarded_points": 1, "feedback": "bell \u0007"}, "feedback"),
        ({"awarded_points": 1, "score": 1}, None),
    ],
)
async def test_bad_grades_are_422_and_change_nothing(
    client: Client,
    classroom: Classroom,
    make_quiz: MakeQuiz,
    snapshot: Snapshot,
    body: dict[str, Any],
    field: str | None,
) -> None:
    quiz, attempt = await essay_attempt(client, classroom, make_quiz)
    before = await snapshot()

    response = await grade(client, classroom.teacher, attempt, quiz["questions"][1]["id"], body)

    assert_error(response, 422, "VALIDATION_ERROR")
    if field is not None:
        assert field in {error["field"] for error in response.json()["errors"]}
    assert await snapshot() == before


async def test_unknown_attempts_and_questions_are_404(
    client: Client, classroom: Classroom, make_quiz: MakeQuiz, snapshot: Snapshot
) -> None:
    quiz, attempt = await essay_attempt(client, classroom, make_quiz)
    before = await snapshot()
    other_question = classroom.question("free_text")
    unknown = "01900000-0000-7000-8000-000000000000"

    no_attempt = await grade(
        client,
        classroom.teacher,
        {"id": unknown},
        quiz["questions"][1]["id"],
        {"awarded_points": 1},
    )
    no_question = await grade(
        client, classroom.teacher, attempt, other_question, {"awarded_points": 1}
    )
    no_quiz = await queue(client, classroom.teacher, {"id": unknown})

    assert_error(no_attempt, 404, "NOT_FOUND")
    assert_error(no_question, 404, "NOT_FOUND")
    assert_error(no_quiz, 404, "NOT_FOUND")
    assert await snapshot() == before


async def test_two_people_grading_at_once_leave_the_last_grade_and_consistent_totals(
    client: Client, classroom: Classroom, make_quiz: MakeQuiz, make_account: MakeAccount
) -> None:
    admin = await make_account("chief", role="admin")
    quiz, attempt = await essay_attempt(client, classroom, make_quiz)
    essay_id = quiz["questions"][1]["id"]

    responses = await asyncio.gather(
        *(
            grade(client, who, attempt, essay_id, {"awarded_points": points})
            for who, points in [(classroom.teacher, 2), (admin, 0), (classroom.teacher, 1.5)] * 2
        )
    )

    assert [r.status_code for r in responses] == [200] * 6
    stored = (
        await client.get(f"{API}/quizzes/{quiz['id']}/attempts", headers=classroom.teacher.headers)
    ).json()["items"][0]
    result = stored["results"][1]
    assert result["awarded_points"] in (2, 0, 1.5)
    assert stored["points"] == 1 + result["awarded_points"]
    assert stored["score"] == int(stored["points"] / 3 * 10_000) / 10_000
    assert stored["status"] == "graded"
    assert await best_score(client, classroom, quiz) == stored["score"]
