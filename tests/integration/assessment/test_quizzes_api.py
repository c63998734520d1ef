"""Writing and reading quizzes over HTTP: the authoring view for authors, the quiz to take
for learners, lists, changes, deletion, and the refused writes that need a world of their own
(changing nothing); bad bodies are in ``test_quizzes_bad_input.py``.

Runs in the SQLite pass only: what it checks is the HTTP side (routing, validation,
authorization, error bodies, serialization) over repositories whose database-specific behaviour
the repository contracts and the `both_databases` tests cover on PostgreSQL too."""

from tests.integration.accounts import Account, Client, MakeAccount, assert_error
from tests.integration.assessment.conftest import (
    API,
    MODEL_ANSWER,
    Classroom,
    MakeQuiz,
    Snapshot,
    quiz_body,
    submit,
    true_false,
)
from tests.integration.catalog.conftest import MakeCourse


async def test_an_author_gets_the_quiz_with_answers_and_generated_option_ids(
    classroom: Classroom,
) -> None:
    quiz = classroom.quiz

    assert quiz["course_id"] == classroom.course.id
    assert quiz["lesson_id"] == classroom.course.lesson_ids[0]
    assert quiz["passing_score"] == 0.7
    assert quiz["max_attempts"] is None
    assert quiz["is_premium"] is False
    assert quiz["max_points"] == 7
    assert quiz["created_by"] == classroom.teacher.id
    single, multiple, tf, short, free = quiz["questions"]
    assert [o["id"] for o in single["options"]] == ["a", "b", "four"]
    assert single["correct_option_ids"] == ["b"]
    assert multiple["correct_option_ids"] == ["zero", "empty"]
    assert (tf["correct"], tf["options"], tf["rubric"]) == (True, None, None)
    assert short["accepted_answers"] == ["ValueError"]
    assert free["rubric"] == {
        "keywords": ["specific", "bug"],
        "guidance": "Mentions hidden bugs.",
        "model_answer": MODEL_ANSWER,
    }
    assert free["explanation"] == "A bare except hides bugs."


async def test_a_learner_gets_the_questions_without_any_answer(
    client: Client, classroom: Classroom
) -> None:
    response = await client.get(
        f"{API}/quizzes/{classroom.quiz['id']}", headers=classroom.student.headers
    )

    assert response.status_code == 200
    quiz = response.json()
    assert set(quiz) == {
        "id",
        "course_id",
        "lesson_id",
        "title",
        "passing_score",
        "is_premium",
        "max_attempts",
        "max_points",
        "questions",
    }
    assert [set(q) for q in quiz["questions"]] == [
        {"id", "kind", "prompt", "points", "lesson_id", "options"},
        {"id", "kind", "prompt", "points", "lesson_id", "options"},
        {"id", "kind", "prompt", "points", "lesson_id"},
        {"id", "kind", "prompt", "points", "lesson_id"},
        {"id", "kind", "prompt", "points", "lesson_id"},
    ]
    assert {q["lesson_id"] for q in quiz["questions"]} == {classroom.course.lesson_ids[0]}
    assert quiz["questions"][0]["options"] == [
        {"id": "a", "text": "3"},
        {"id": "b", "text": "3.5"},
        {"id": "four", "text": "4"},
    ]


async def test_the_authoring_view_is_for_the_course_instructor_and_admins(
    client: Client, classroom: Classroom, make_account: MakeAccount, admin: Account
) -> None:
    url = f"{API}/quizzes/{classroom.quiz['id']}/authoring"
    rival = await make_account("rival", role="instructor")

    mine = await client.get(url, headers=classroom.teacher.headers)
    admins = await client.get(url, headers=admin.headers)

    assert mine.json() == classroom.quiz
    assert admins.status_code == 200
    assert_error(await client.get(url, headers=rival.headers), 403, "FORBIDDEN")
    assert_error(await client.get(url, headers=classroom.member.headers), 403, "FORBIDDEN")


async def test_a_course_lists_its_quizzes_oldest_first_without_questions(
    client: Client, classroom: Classroom, make_quiz: MakeQuiz
) -> None:
    second = await make_quiz(
        classroom.teacher, classroom.course.id, title="Premium", is_premium=True
    )
    url = f"{API}/courses/{classroom.course.id}/quizzes"

    page = (await client.get(url, params={"limit": 1}, headers=classroom.student.headers)).json()
    everything = (await client.get(url, headers=classroom.student.headers)).json()

    assert (page["total"], page["limit"], page["offset"]) == (2, 1, 0)
    assert [q["id"] for q in everything["items"]] == [classroom.quiz["id"], second["id"]]
    assert everything["items"][1] == {
        "id": second["id"],
        "course_id": classroom.course.id,
        "lesson_id": None,
        "title": "Premium",
        "passing_score": 0.7,
        "is_premium": True,
        "max_attempts": None,
        "max_points": 7,
        "question_count": 5,
        "attempts_used": 0,
        "best_score": None,
    }


async def test_the_quiz_list_shows_my_attempts_and_best_score(
    client: Client, classroom: Classroom
) -> None:
    quiz_id = classroom.quiz["id"]
    tf = classroom.question("true_false")
    for answer in (False, True, False):
        await submit(client, classroom.student, quiz_id, {tf: answer})
    await submit(client, classroom.member, quiz_id, {})
    url = f"{API}/courses/{classroom.course.id}/quizzes"

    mine = (await client.get(url, headers=classroom.student.headers)).json()["items"][0]
    members = (await client.get(url, headers=classroom.member.headers)).json()["items"][0]
    authors = (await client.get(url, headers=classroom.teacher.headers)).json()["items"][0]

    assert (mine["attempts_used"], mine["best_score"]) == (3, 0.1428)
    assert (members["attempts_used"], members["best_score"]) == (1, 0.0)
    assert (authors["attempts_used"], authors["best_score"]) == (0, None)


async def test_a_question_tests_the_lesson_its_author_names_or_the_quizs(
    client: Client, classroom: Classroom, make_quiz: MakeQuiz
) -> None:
    first, second = classroom.course.lesson_ids[:2]

    quiz = await make_quiz(
        classroom.teacher,
        classroom.course.id,
        lesson_id=first,
        questions=[true_false(), true_false(lesson_id=second)],
    )
    detached = await make_quiz(classroom.teacher, classroom.course.id, questions=[true_false()])
    changed = await client.patch(
        f"{API}/quizzes/{detached['id']}",
        json={"lesson_id": second, "questions": [true_false(), true_false(lesson_id=first)]},
        headers=classroom.teacher.headers,
    )

    assert [q["lesson_id"] for q in quiz["questions"]] == [first, second]
    assert [q["lesson_id"] for q in detached["questions"]] == [None]
    assert [q["lesson_id"] for q in changed.json()["questions"]] == [second, first]


async def test_a_question_lesson_must_be_a_lesson_of_the_quizs_course(
    client: Client, classroom: Classroom, make_course: MakeCourse, snapshot: Snapshot
) -> None:
    elsewhere = await make_course(classroom.teacher, sections=1, lessons_per_section=1)
    before = await snapshot()
    bad = [
        true_false(lesson_id=elsewhere.lesson_ids[0]),
        true_false(),
        true_false(lesson_id="01900000-0000-7000-8000-000000000000"),
    ]

    created = await client.post(
        f"{API}/courses/{classroom.course.id}/quizzes",
        json=quiz_body(questions=bad),
        headers=classroom.teacher.headers,
    )
    patched = await client.patch(
        f"{API}/quizzes/{classroom.quiz['id']}",
        json={"questions": bad},
        headers=classroom.teacher.headers,
    )
    not_an_id = await client.post(
        f"{API}/courses/{classroom.course.id}/quizzes",
        json=quiz_body(questions=[true_false(lesson_id="lesson one")]),
        headers=classroom.teacher.headers,
    )

    for response in (created, patched):
        assert_error(response, 422, "VALIDATION_ERROR")
        assert [e["field"] for e in response.json()["errors"]] == [
            "questions[0].lesson_id",
            "questions[2].lesson_id",
        ]
    assert_error(not_an_id, 422, "VALIDATION_ERROR")
    assert await snapshot() == before


async def test_a_premium_quiz_is_for_premium_members_and_authors(
    client: Client, classroom: Classroom, make_quiz: MakeQuiz, admin: Account
) -> None:
    quiz = await make_quiz(classroom.teacher, classroom.course.id, is_premium=True)
    url = f"{API}/quizzes/{quiz['id']}"

    refused = await client.get(url, headers=classroom.student.headers)
    codes = [
        (await client.get(url, headers=who.headers)).status_code
        for who in (classroom.member, classroom.teacher, admin)
    ]

    assert_error(refused, 403, "PREMIUM_REQUIRED")
    assert codes == [200, 200, 200]


async def test_quizzes_of_an_unpublished_course_are_hidden(
    client: Client, make_course: MakeCourse, make_quiz: MakeQuiz, make_account: MakeAccount
) -> None:
    teacher = await make_account("drafter", role="instructor")
    student = await make_account("curious")
    draft = await make_course(teacher, sections=1, lessons_per_section=1, published=False)
    quiz = await make_quiz(teacher, draft.id)

    assert_error(
        await client.get(f"{API}/quizzes/{quiz['id']}", headers=student.headers), 404, "NOT_FOUND"
    )
    assert_error(
        await client.get(f"{API}/courses/{draft.id}/quizzes", headers=student.headers),
        404,
        "NOT_FOUND",
    )
    own = await client.get(f"{API}/quizzes/{quiz['id']}", headers=teacher.headers)
    assert own.status_code == 200


async def test_a_change_keeps_what_is_not_sent_and_replaces_questions(
    client: Client, classroom: Classroom
) -> None:
    url = f"{API}/quizzes/{classroom.quiz['id']}"
    headers = classroom.teacher.headers

    renamed = await client.patch(
        url,
        json={
            "title": "  Renamed  ",
            "max_attempts": 3,
            "passing_score": 0.6667,
            "lesson_id": None,
        },
        headers=headers,
    )
    replaced = await client.patch(url, json={"questions": [true_false(points=4)]}, headers=headers)
    unlimited = await client.patch(url, json={"max_attempts": None}, headers=headers)

    assert renamed.status_code == 200, renamed.text
    body = renamed.json()
    assert (body["title"], body["max_attempts"], body["passing_score"], body["lesson_id"]) == (
        "Renamed",
        3,
        0.6667,
        None,
    )
    assert body["questions"] == classroom.quiz["questions"]
    assert [q["kind"] for q in replaced.json()["questions"]] == ["true_false"]
    assert replaced.json()["questions"][0]["id"] not in {q["id"] for q in body["questions"]}
    assert replaced.json()["max_points"] == 4
    assert unlimited.json()["max_attempts"] is None
    assert unlimited.json()["title"] == "Renamed"


async def test_deleting_a_quiz_makes_it_gone(client: Client, classroom: Classroom) -> None:
    url = f"{API}/quizzes/{classroom.quiz['id']}"

    deleted = await client.delete(url, headers=classroom.teacher.headers)

    assert deleted.status_code == 204
    assert_error(await client.get(url, headers=classroom.teacher.headers), 404, "NOT_FOUND")
    assert_error(await client.delete(url, headers=classroom.teacher.headers), 404, "NOT_FOUND")


async def test_a_lesson_of_another_course_is_refused(
    client: Client, classroom: Classroom, make_course: MakeCourse, snapshot: Snapshot
) -> None:
    other = await make_course(classroom.teacher, sections=1, lessons_per_section=1)
    before = await snapshot()

    response = await client.post(
        f"{API}/courses/{classroom.course.id}/quizzes",
        json=quiz_body(lesson_id=other.lesson_ids[0]),
        headers=classroom.teacher.headers,
    )

    error = assert_error(response, 422, "VALIDATION_ERROR")
    assert [e["field"] for e in error["errors"]] == ["lesson_id"]
    assert await snapshot() == before


async def test_writing_to_an_unknown_course_or_quiz_is_404(
    client: Client, classroom: Classroom
) -> None:
    missing = "0190c2d4-5b7e-7c66-9f6e-1a2b3c4d5e6f"
    headers = classroom.teacher.headers

    assert_error(
        await client.post(f"{API}/courses/{missing}/quizzes", json=quiz_body(), headers=headers),
        404,
        "NOT_FOUND",
    )
    assert_error(
        await client.patch(f"{API}/quizzes/{missing}", json={"title": "x"}, headers=headers),
        404,
        "NOT_FOUND",
    )
    assert_error(
        await client.get(f"{API}/courses/{missing}/quizzes", headers=headers), 404, "NOT_FOUND"
    )
