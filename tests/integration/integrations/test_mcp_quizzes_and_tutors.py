"""MCP tools over quizzes and tutors: the quiz answers never leak, attempts count like REST
ones, the tutor answers in the caller's own session.

Runs in the SQLite pass only (see test_mcp_tools.py)."""

from typing import Any

from tests.integration.accounts import Client, MakeAccount
from tests.integration.assessment.conftest import (
    SECRET_KEYS,
    created,
    quiz_body,
    single_choice,
    true_false,
)
from tests.integration.catalog.conftest import API, MakeCourse
from tests.integration.integrations.mcp_support import call_tool, structured, tool_error
from tests.integration.tutoring.conftest import tutor_maker


def _keys(value: Any) -> set[str]:
    if isinstance(value, dict):
        return set(value) | {k for item in value.values() for k in _keys(item)}
    if isinstance(value, list):
        return {k for item in value for k in _keys(item)}
    return set()


async def test_quizzes_are_listed_without_answers_and_attempts_count_as_over_rest(
    client: Client, make_account: MakeAccount, make_course: MakeCourse
) -> None:
    teacher = await make_account("teacher", role="instructor")
    ann, bob = await make_account("ann"), await make_account("bob")
    course = await make_course(teacher, sections=1, lessons_per_section=1)
    body = quiz_body(questions=[single_choice(), true_false()], max_attempts=2)
    quiz = await created(client, f"/courses/{course.id}/quizzes", teacher, body)
    first, second = (str(q["id"]) for q in quiz["questions"])

    listed = call_tool(client, ann, "list_quizzes", {"course_id": course.id})
    items = structured(listed)["items"]
    assert [(q["id"], q["question_count"]) for q in items] == [(quiz["id"], 2)]
    assert not _keys(listed.structured_content) & SECRET_KEYS

    shown = call_tool(client, ann, "get_quiz", {"quiz_id": quiz["id"]})
    rest_quiz = (await client.get(f"{API}/quizzes/{quiz['id']}", headers=ann.headers)).json()
    tool_quiz = structured(shown)
    for question in tool_quiz["questions"]:
        if question["options"] is None:
            del question["options"]
    assert tool_quiz == rest_quiz
    assert not _keys(shown.structured_content) & SECRET_KEYS

    answers = {first: "b", second: True}
    scored = structured(
        call_tool(client, ann, "submit_quiz", {"quiz_id": quiz["id"], "answers": answers})
    )
    assert scored["score"] == 1.0
    assert scored["passed"]
    assert scored["number"] == 1
    rest = await client.get(f"{API}/quizzes/{quiz['id']}/attempts", headers=ann.headers)
    assert [a["id"] for a in rest.json()["items"]] == [scored["attempt_id"]]
    assert (await client.get(f"{API}/quizzes/{quiz['id']}/attempts", headers=bob.headers)).json()[
        "items"
    ] == []
    progress = structured(call_tool(client, ann, "get_progress", {"course_id": course.id}))
    assert progress["items"][0]["quiz_scores"] == {quiz["id"]: 1.0}
    bobs = structured(call_tool(client, bob, "get_progress", {"course_id": course.id}))
    assert bobs["items"][0]["quiz_scores"] == {}

    wrong = {first: "a", second: False}
    assert (
        structured(
            call_tool(client, ann, "submit_quiz", {"quiz_id": quiz["id"], "answers": wrong})
        )["number"]
        == 2
    )
    spent = call_tool(client, ann, "submit_quiz", {"quiz_id": quiz["id"], "answers": answers})
    rest_spent = await client.post(
        f"{API}/quizzes/{quiz['id']}/attempts", json={"answers": answers}, headers=ann.headers
    )
    assert tool_error(spent, "CONFLICT")["detail"] == rest_spent.json()["detail"]


async def test_a_bad_answer_is_a_validation_error_listing_the_field(
    client: Client, make_account: MakeAccount, make_course: MakeCourse
) -> None:
    teacher = await make_account("teacher", role="instructor")
    ann = await make_account("ann")
    course = await make_course(teacher, sections=1, lessons_per_section=1)
    quiz = await created(
        client, f"/courses/{course.id}/quizzes", teacher, quiz_body(questions=[single_choice()])
    )
    question = str(quiz["questions"][0]["id"])
    result = call_tool(
        client, ann, "submit_quiz", {"quiz_id": quiz["id"], "answers": {question: True}}
    )
    body = tool_error(result, "VALIDATION_ERROR")
    assert body["errors"]
    assert body["errors"][0]["field"].endswith(question)
    assert (await client.get(f"{API}/quizzes/{quiz['id']}/attempts", headers=ann.headers)).json()[
        "items"
    ] == []


async def test_ask_tutor_starts_a_session_of_the_caller_and_continues_it(
    client: Client, make_account: MakeAccount, make_course: MakeCourse
) -> None:
    teacher = await make_account("teacher", role="instructor")
    ann, bob = await make_account("ann"), await make_account("bob")
    course = await make_course(teacher, sections=1, lessons_per_section=1)
    tutor = await tutor_maker(client)(teacher, course.id)

    first = structured(
        call_tool(
            client, ann, "ask_tutor", {"tutor_id": tutor["id"], "question": "What is a loop?"}
        )
    )
    assert first["answer"].strip()
    assert isinstance(first["citations"], list)
    sessions = (await client.get(f"{API}/sessions", headers=ann.headers)).json()["items"]
    assert [s["id"] for s in sessions] == [first["session_id"]]
    again = structured(
        call_tool(
            client,
            ann,
            "ask_tutor",
            {"tutor_id": tutor["id"], "question": "And a list?", "session_id": first["session_id"]},
        )
    )
    assert again["session_id"] == first["session_id"]
    messages = await client.get(
        f"{API}/sessions/{first['session_id']}/messages", headers=ann.headers
    )
    assert len(messages.json()["items"]) == 4

    theirs = call_tool(
        client,
        bob,
        "ask_tutor",
        {"tutor_id": tutor["id"], "question": "Peek?", "session_id": first["session_id"]},
    )
    tool_error(theirs, "NOT_FOUND")
    assert (await client.get(f"{API}/sessions", headers=bob.headers)).json()["items"] == []


async def test_mastery_follows_the_quiz_answers_as_over_rest(
    client: Client, make_account: MakeAccount, make_course: MakeCourse
) -> None:
    teacher = await make_account("teacher", role="instructor")
    ann = await make_account("ann")
    course = await make_course(teacher, sections=1, lessons_per_section=2)
    lesson = course.lesson_ids[0]
    body = quiz_body(questions=[single_choice(), true_false()], lesson_id=lesson)
    quiz = await created(client, f"/courses/{course.id}/quizzes", teacher, body)
    first, second = (str(q["id"]) for q in quiz["questions"])
    call_tool(
        client, ann, "submit_quiz", {"quiz_id": quiz["id"], "answers": {first: "b", second: True}}
    )

    mastery = structured(call_tool(client, ann, "get_mastery", {"course_id": course.id}))
    rest = await client.get(f"{API}/progress/courses/{course.id}/mastery", headers=ann.headers)

    by_lesson = {item["lesson_id"]: item for item in mastery["items"]}
    assert by_lesson[lesson]["evidence"] == 2
    assert by_lesson[lesson]["p_mastery"] > 0.5
    assert [(i["lesson_id"], i["p_mastery"]) for i in rest.json()["items"]] == [
        (i["lesson_id"], i["p_mastery"]) for i in mastery["items"]
    ]
