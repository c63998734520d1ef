"""Taking quizzes over HTTP: grading of every kind (free text by the offline AI grader),
attempt limits (also under concurrent submissions), the best score in the course progress,
attempt lists, and every refused submission storing nothing."""

import asyncio

import pytest

from tests.integration.accounts import Client, MakeAccount, assert_error
from tests.integration.assessment.conftest import (
    API,
    Classroom,
    FailingModel,
    MakeQuiz,
    Snapshot,
    submit,
    true_false,
)

pytestmark = pytest.mark.both_databases


def all_right(classroom: Classroom) -> dict[str, object]:
    return {
        classroom.question("single_choice"): "b",
        classroom.question("multiple_choice"): ["empty", "zero"],
        classroom.question("true_false"): True,
        classroom.question("short_answer"): "  valueerror. ",
        classroom.question("free_text"): (
            "Catch a specific exception, because a bare except hides every bug."
        ),
    }


async def test_a_perfect_attempt_scores_every_point(client: Client, classroom: Classroom) -> None:
    response = await submit(client, classroom.student, classroom.quiz["id"], all_right(classroom))

    assert response.status_code == 201, response.text
    attempt = response.json()
    assert (attempt["score"], attempt["passed"], attempt["points"], attempt["max_points"]) == (
        1.0,
        True,
        7.0,
        7,
    )
    assert attempt["number"] == 1
    assert attempt["user_id"] == classroom.student.id
    assert attempt["completed_at"].endswith("Z")
    assert [r["question_id"] for r in attempt["results"]] == [
        q["id"] for q in classroom.quiz["questions"]
    ]
    assert all(r["correct"] for r in attempt["results"])
    assert [r["awarded_points"] for r in attempt["results"]] == [1, 2, 1, 1, 2]
    assert attempt["results"][0]["explanation"] == "True division returns a float."
    assert "2 of 2 key points" in attempt["results"][4]["feedback"]
    assert attempt["results"][0]["feedback"] is None
    assert [r["graded_by"] for r in attempt["results"]] == ["exact"] * 4 + ["rules"]
    assert not any(r["needs_review"] for r in attempt["results"])
    assert attempt["status"] == "graded"


async def test_wrong_partial_and_missing_answers(client: Client, classroom: Classroom) -> None:
    answers = {
        classroom.question("single_choice"): "a",
        classroom.question("multiple_choice"): ["zero"],
        classroom.question("true_false"): None,
        classroom.question("free_text"): "It is more specific.",
    }

    attempt = (await submit(client, classroom.student, classroom.quiz["id"], answers)).json()

    assert [r["correct"] for r in attempt["results"]] == [False, False, False, False, True]
    assert [r["awarded_points"] for r in attempt["results"]] == [0, 0, 0, 0, 1]
    assert (attempt["points"], attempt["score"], attempt["passed"]) == (1.0, 0.1428, False)
    assert attempt["results"][4]["needs_review"] is True
    assert attempt["status"] == "needs_review"


async def test_the_best_score_goes_to_the_course_progress(
    client: Client, classroom: Classroom
) -> None:
    quiz_id = classroom.quiz["id"]
    await submit(client, classroom.student, quiz_id, all_right(classroom))
    await submit(client, classroom.student, quiz_id, {})

    progress = await client.get(
        f"{API}/progress/courses/{classroom.course.id}", headers=classroom.student.headers
    )

    assert progress.json()["quiz_scores"] == {quiz_id: 1.0}


async def test_attempts_past_the_limit_are_409_and_not_stored(
    client: Client, classroom: Classroom, make_quiz: MakeQuiz, snapshot: Snapshot
) -> None:
    quiz = await make_quiz(classroom.teacher, classroom.course.id, max_attempts=2)
    codes = [(await submit(client, classroom.student, quiz["id"], {})).status_code for _ in "ab"]
    before = await snapshot()

    refused = await submit(client, classroom.student, quiz["id"], {})
    another_learner = await submit(client, classroom.member, quiz["id"], {})

    assert codes == [201, 201]
    assert_error(refused, 409, "CONFLICT")
    assert another_learner.status_code == 201
    assert len(await snapshot()) == len(before) + 1


async def test_racing_submissions_never_pass_the_limit(
    client: Client, classroom: Classroom, make_quiz: MakeQuiz
) -> None:
    quiz = await make_quiz(
        classroom.teacher, classroom.course.id, max_attempts=3, questions=[true_false()]
    )

    responses = await asyncio.gather(
        *(submit(client, classroom.student, quiz["id"], {}) for _ in range(8))
    )
    listed = await client.get(
        f"{API}/quizzes/{quiz['id']}/attempts", headers=classroom.student.headers
    )

    codes = sorted(r.status_code for r in responses)
    assert codes.count(201) == 3
    assert set(codes) == {201, 409}
    assert sorted(a["number"] for a in listed.json()["items"]) == [1, 2, 3]


async def test_racing_submissions_without_a_limit_are_all_stored(
    client: Client, classroom: Classroom, make_quiz: MakeQuiz
) -> None:
    quiz = await make_quiz(classroom.teacher, classroom.course.id, questions=[true_false()])

    responses = await asyncio.gather(
        *(submit(client, classroom.student, quiz["id"], {}) for _ in range(10))
    )
    listed = await client.get(
        f"{API}/quizzes/{quiz['id']}/attempts", headers=classroom.student.headers
    )

    assert [r.status_code for r in responses] == [201] * 10, [r.text for r in responses]
    assert sorted(a["number"] for a in listed.json()["items"]) == list(range(1, 11))


@pytest.mark.parametrize(
    ("kind", "value"),
    [
        ("single_choice", ["b"]),
        ("single_choice", "nope"),
        ("multiple_choice", "zero"),
        ("multiple_choice", ["zero", "zero"]),
        ("true_false", "true"),
        ("short_answer", 1),
        ("free_text", "x" * 100_000),
        ("free_text", False),
    ],
)
async def test_answers_of_the_wrong_type_are_422_and_store_nothing(
    client: Client, classroom: Classroom, snapshot: Snapshot, kind: str, value: object
) -> None:
    before = await snapshot()
    key = classroom.question(kind)

    response = await submit(client, classroom.student, classroom.quiz["id"], {key: value})

    error = assert_error(response, 422, "VALIDATION_ERROR")
    assert [e["field"] for e in error["errors"]] == [f"answers.{key}"]
    assert await snapshot() == before


async def test_answers_for_unknown_questions_are_422_and_store_nothing(
    client: Client, classroom: Classroom, snapshot: Snapshot, make_quiz: MakeQuiz
) -> None:
    other = await make_quiz(classroom.teacher, classroom.course.id)
    foreign = str(other["questions"][0]["id"])
    before = await snapshot()

    response = await submit(client, classroom.student, classroom.quiz["id"], {foreign: "a"})

    error = assert_error(response, 422, "VALIDATION_ERROR")
    assert error["errors"] == [
        {"field": f"answers.{foreign}", "message": "is not a question of this quiz"}
    ]
    assert await snapshot() == before


@pytest.mark.parametrize(
    "body", [{}, {"answers": []}, {"answers": {}, "extra": 1}, {"answers": {"k" * 65: "a"}}]
)
async def test_malformed_submissions_are_422(
    client: Client, classroom: Classroom, snapshot: Snapshot, body: dict[str, object]
) -> None:
    before = await snapshot()

    response = await client.post(
        f"{API}/quizzes/{classroom.quiz['id']}/attempts",
        json=body,
        headers=classroom.student.headers,
    )

    assert_error(response, 422, "VALIDATION_ERROR")
    assert await snapshot() == before


async def test_a_failing_ai_grader_is_502_and_stores_nothing(
    client: Client, classroom: Classroom, snapshot: Snapshot, failing_ai: FailingModel
) -> None:
    before = await snapshot()

    response = await submit(client, classroom.student, classroom.quiz["id"], all_right(classroom))

    assert_error(response, 502, "UPSTREAM_ERROR")
    assert len(failing_ai.grading_requests) == 1
    assert await snapshot() == before


@pytest.mark.usefixtures("ungrading_ai")
async def test_an_answer_the_ai_cannot_grade_is_left_for_a_person(
    client: Client, classroom: Classroom
) -> None:
    response = await submit(client, classroom.student, classroom.quiz["id"], all_right(classroom))

    assert response.status_code == 201, response.text
    attempt = response.json()
    essay = attempt["results"][4]
    assert (essay["graded_by"], essay["needs_review"]) == ("rules", True)
    assert essay["feedback"].startswith("The AI grader gave no usable grade")
    assert essay["awarded_points"] == 2
    assert attempt["status"] == "needs_review"


async def test_learners_list_their_own_attempts_and_authors_everyones(
    client: Client, classroom: Classroom, make_account: MakeAccount
) -> None:
    quiz_id = classroom.quiz["id"]
    url = f"{API}/quizzes/{quiz_id}/attempts"
    for who in (classroom.student, classroom.member, classroom.student):
        assert (await submit(client, who, quiz_id, {})).status_code == 201

    own = (await client.get(url, headers=classroom.student.headers)).json()
    snooping = (
        await client.get(
            url, params={"user_id": classroom.member.id}, headers=classroom.student.headers
        )
    ).json()
    everyone = (await client.get(url, headers=classroom.teacher.headers)).json()
    members = (
        await client.get(
            url,
            params={"user_id": classroom.member.id, "limit": 1},
            headers=classroom.teacher.headers,
        )
    ).json()

    assert [a["number"] for a in own["items"]] == [2, 1]
    assert {a["user_id"] for a in own["items"]} == {classroom.student.id}
    assert snooping["total"] == 0
    assert everyone["total"] == 3
    assert (members["total"], members["limit"]) == (1, 1)
    assert members["items"][0]["user_id"] == classroom.member.id
    assert own["items"][0]["answers"] == {}
