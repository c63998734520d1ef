"""Grounded answers over HTTP: citations in the answer, the SSE ``done`` event and the history;
an honest answer when the course does not cover a question, naming another course that may;
markers of passages that were not sent removed; odd messages answered without a 500.

Runs on both databases: the answers rest on each database's own passage retrieval."""

import pytest
from litestar import Litestar

from tests.integration.accounts import Account, Client, MakeAccount, assert_error
from tests.integration.catalog.passage_support import IndexSettled, index_settled, index_worker
from tests.integration.tutoring.conftest import (
    API,
    MakeSession,
    MakeTutor,
    exchange,
    send,
    use_model,
)
from tests.integration.tutoring.sse import parse_events
from tests.unit.tutoring.doubles import ScriptedModel

pytestmark = pytest.mark.both_databases

__all__ = ["index_settled", "index_worker"]

COMPARING = """Python compares values with operators.

## Comparing values

Use `==` to ask whether two values are equal and `!=` for not equal. A single `=` assigns a
name to a value instead.

## Dividing numbers

Floor division `//` drops the fraction: `7 // 2` is `3`.
"""
LOOPS = """## Repeating work

A **for loop** runs a block once for each item. `enumerate` gives the position and the item.
"""
GEOGRAPHY = """## Capitals

Canberra is the capital of Australia, and Wellington is the capital of New Zealand.
"""


async def course_with(client: Client, teacher: Account, title: str, lessons: dict[str, str]) -> str:
    course = await client.post(f"{API}/courses", json={"title": title}, headers=teacher.headers)
    assert course.status_code == 201, course.text
    course_id: str = course.json()["id"]
    section = await client.post(
        f"{API}/courses/{course_id}/sections", json={"title": "Basics"}, headers=teacher.headers
    )
    for lesson_title, content in lessons.items():
        made = await client.post(
            f"{API}/sections/{section.json()['id']}/lessons",
            json={"title": lesson_title, "content": content},
            headers=teacher.headers,
        )
        assert made.status_code == 201, made.text
    published = await client.post(f"{API}/courses/{course_id}/publish", headers=teacher.headers)
    assert published.status_code == 200, published.text
    return course_id


@pytest.fixture
async def grounded(
    client: Client,
    make_account: MakeAccount,
    make_tutor: MakeTutor,
    make_session: MakeSession,
    index_settled: IndexSettled,
) -> tuple[Account, str, str]:
    """A student's session with the tutor of a Python course; a geography course beside it."""
    teacher = await make_account("teacher", role="instructor")
    student = await make_account("student")
    course_id = await course_with(
        client, teacher, "Python basics", {"Operators": COMPARING, "Loops": LOOPS}
    )
    await course_with(client, teacher, "World geography", {"Capitals": GEOGRAPHY})
    await index_settled()
    tutor = await make_tutor(teacher, course_id)
    session = await make_session(student, tutor["id"])
    return student, session["id"], course_id


async def test_an_answer_cites_the_passage_it_rests_on(
    client: Client, grounded: tuple[Account, str, str]
) -> None:
    student, session_id, course_id = grounded

    body = await exchange(client, student, session_id, "What is the difference between = and ==?")

    answer, question = body["assistant_message"], body["user_message"]
    assert question["citations"] == []
    [citation] = answer["citations"]
    assert citation["index"] == 1
    assert (citation["course_id"], citation["title"]) == (course_id, "Operators")
    assert citation["heading"] == "Comparing values"
    assert citation["snippet"].startswith("Use == to ask whether two values are equal")
    assert "[1]" in answer["content"]
    assert "**Operators**" in answer["content"]
    history = await client.get(f"{API}/sessions/{session_id}/messages", headers=student.headers)
    assert history.json()["items"][-1]["citations"] == answer["citations"]


async def test_a_streamed_answer_ends_with_its_citations(
    client: Client, grounded: tuple[Account, str, str]
) -> None:
    student, session_id, _ = grounded

    response = await client.post(
        f"{API}/sessions/{session_id}/messages/stream",
        json={"content": "How do I get the position and the item in a for loop?"},
        headers=student.headers,
    )

    events = parse_events(response.text)
    name, done = events[-1]
    assert name == "done"
    assert [c["title"] for c in done["citations"]] == ["Loops"]
    text = "".join(data["text"] for event, data in events if event == "delta")
    assert text == done["content"]


async def test_a_question_the_course_does_not_cover_gets_an_honest_answer(
    client: Client, grounded: tuple[Account, str, str]
) -> None:
    student, session_id, _ = grounded

    body = await exchange(client, student, session_id, "What is the capital of Australia?")

    answer = body["assistant_message"]
    assert answer["citations"] == []
    assert answer["content"].startswith("This course does not cover")
    assert "**World geography** may cover it" in answer["content"]


async def test_a_follow_up_stays_on_the_lesson_of_the_question_before(
    client: Client, grounded: tuple[Account, str, str]
) -> None:
    student, session_id, _ = grounded
    await exchange(client, student, session_id, "What does floor division // do?")

    body = await exchange(client, student, session_id, "why?")

    assert [c["title"] for c in body["assistant_message"]["citations"]] == ["Operators"]


async def test_markers_of_passages_that_were_not_sent_are_removed(
    app: Litestar, client: Client, grounded: tuple[Account, str, str]
) -> None:
    student, session_id, _ = grounded
    use_model(app, ScriptedModel("Use == [1], not = [3]."))

    body = await exchange(client, student, session_id, "What is the difference between = and ==?")

    answer = body["assistant_message"]
    assert answer["content"] == "Use == [1], not =."
    assert [c["index"] for c in answer["citations"]] == [1]


@pytest.mark.parametrize(
    "content",
    ["?!?! ... ###", "🙂🙂🙂", "¿Cómo comparo dos valores en Python?", "what is the of and it"],
    ids=["symbols", "emoji", "spanish", "stop-words"],
)
async def test_odd_messages_get_an_answer_and_are_kept(
    client: Client, grounded: tuple[Account, str, str], content: str
) -> None:
    student, session_id, _ = grounded

    body = await exchange(client, student, session_id, content)

    assert body["user_message"]["content"] == content
    assert body["assistant_message"]["content"].strip()


async def test_a_message_over_the_cap_is_refused_and_changes_nothing(
    client: Client, grounded: tuple[Account, str, str]
) -> None:
    student, session_id, _ = grounded

    response = await send(client, student, session_id, "why " * 12_500)

    assert_error(response, 422, "VALIDATION_ERROR")
    history = await client.get(f"{API}/sessions/{session_id}/messages", headers=student.headers)
    assert history.json()["items"] == []
