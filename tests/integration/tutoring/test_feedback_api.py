"""Feedback over HTTP: giving and replacing it, the tutor's rating, the admins' list, JSON
Lines export and mark-processed, and every error path (with nothing changed).

Runs in the SQLite pass only: what it checks is the HTTP side (routing, validation,
authorization, error bodies, serialization) over repositories whose database-specific behaviour
the repository contracts and the `both_databases` tests cover on PostgreSQL too."""

import json
from typing import Any

import pytest
from dependency_injector import providers
from litestar import Litestar

from tests.integration.accounts import Account, Client, MakeAccount, assert_error
from tests.integration.tutoring.conftest import API, Chat, MakeSession, Snapshot, exchange
from tutor_platform.tutoring.application.export_feedback import ExportFeedback

UNKNOWN = "0190f5d2-7c1a-7b3e-9a51-3f6d2c8e4b10"


async def rate(client: Client, who: Account, message_id: str, **body: Any) -> Any:
    return await client.post(
        f"{API}/messages/{message_id}/feedback", json=body, headers=who.headers
    )


async def tutor_of(client: Client, chat: Chat) -> dict[str, Any]:
    response = await client.get(f"{API}/tutors/{chat.tutor['id']}")
    body: dict[str, Any] = response.json()
    return body


async def test_feedback_is_created_then_replaced(client: Client, chat: Chat) -> None:
    made = await exchange(client, chat.student, chat.session["id"], "What is a loop?")
    answer = made["assistant_message"]

    first = await rate(
        client,
        chat.student,
        answer["id"],
        feedback_type="detailed",
        rating=4,
        positive_text="Clear",
        improvement_text="More examples",
        allow_training=True,
    )
    assert first.status_code == 201, first.text
    feedback = first.json()
    assert {k: feedback[k] for k in ("message_id", "session_id", "user_id", "tutor_id")} == {
        "message_id": answer["id"],
        "session_id": chat.session["id"],
        "user_id": chat.student.id,
        "tutor_id": chat.tutor["id"],
    }
    assert (feedback["rating"], feedback["quick_reaction"], feedback["processed"]) == (
        4,
        None,
        False,
    )
    assert (await tutor_of(client, chat))["rating"] == 4.0

    second = await rate(
        client, chat.student, answer["id"], feedback_type="quick", quick_reaction="too_hard"
    )
    assert second.status_code == 200
    replaced = second.json()
    assert (replaced["id"], replaced["created_at"]) == (feedback["id"], feedback["created_at"])
    assert (replaced["feedback_type"], replaced["rating"], replaced["allow_training"]) == (
        "quick",
        None,
        False,
    )
    tutor = await tutor_of(client, chat)
    assert (tutor["rating"], tutor["total_feedbacks"]) == (None, 0)


async def test_the_rating_is_the_mean_of_every_users_detailed_rating(
    client: Client, chat: Chat, make_account: MakeAccount, make_session: MakeSession
) -> None:
    for n, stars in enumerate((5, 4, 2)):
        learner = await make_account(f"learner{n}")
        session = await make_session(learner, chat.tutor["id"])
        made = await exchange(client, learner, session["id"], "Question")
        response = await rate(
            client, learner, made["assistant_message"]["id"], feedback_type="detailed", rating=stars
        )
        assert response.status_code == 201
    tutor = await tutor_of(client, chat)
    assert (tutor["rating"], tutor["total_feedbacks"]) == (pytest.approx(11 / 3), 3)


BAD_FEEDBACK: list[tuple[dict[str, Any], str]] = [
    ({}, "feedback_type"),
    ({"feedback_type": "loud", "rating": 3}, "feedback_type"),
    ({"feedback_type": "detailed"}, "rating"),
    ({"feedback_type": "detailed", "rating": 0}, "rating"),
    ({"feedback_type": "detailed", "rating": 6}, "rating"),
    ({"feedback_type": "detailed", "rating": 3.5}, "rating"),
    ({"feedback_type": "quick"}, "quick_reaction"),
    ({"feedback_type": "quick", "quick_reaction": "meh"}, "quick_reaction"),
    ({"feedback_type": "quick", "quick_reaction": "clear", "rating": 5}, "rating"),
    ({"feedback_type": "detailed", "rating": 3, "positive_text": "p" * 2001}, "positive_text"),
    (
        {"feedback_type": "detailed", "rating": 3, "improvement_text": "i" * 2001},
        "improvement_text",
    ),
    ({"feedback_type": "detailed", "rating": 3, "processed": True}, "processed"),
]


@pytest.mark.parametrize(("body", "field"), BAD_FEEDBACK)
async def test_invalid_feedback_is_refused(
    client: Client, chat: Chat, snapshot: Snapshot, body: dict[str, Any], field: str
) -> None:
    made = await exchange(client, chat.student, chat.session["id"], "Question")
    before = await snapshot()
    response = await rate(client, chat.student, made["assistant_message"]["id"], **body)
    error = assert_error(response, 422, "VALIDATION_ERROR")
    assert field in {e["field"] for e in error["errors"]}
    assert await snapshot() == before


async def test_feedback_is_only_on_answers_in_your_own_sessions(
    client: Client, chat: Chat, other: Account, admin: Account, snapshot: Snapshot
) -> None:
    made = await exchange(client, chat.student, chat.session["id"], "Question")
    good = {"feedback_type": "detailed", "rating": 5}
    before = await snapshot()
    on_question = await rate(client, chat.student, made["user_message"]["id"], **good)
    assert_error(on_question, 422, "VALIDATION_ERROR")
    for who in (other, admin):
        response = await rate(client, who, made["assistant_message"]["id"], **good)
        assert_error(response, 404, "NOT_FOUND")
    assert_error(await rate(client, chat.student, UNKNOWN, **good), 404, "NOT_FOUND")
    anonymous = await client.post(
        f"{API}/messages/{made['assistant_message']['id']}/feedback", json=good
    )
    assert_error(anonymous, 401, "UNAUTHENTICATED")
    assert await snapshot() == before


async def test_deleting_a_rated_answer_takes_its_rating_away(client: Client, chat: Chat) -> None:
    made = await exchange(client, chat.student, chat.session["id"], "Question")
    answer_id = made["assistant_message"]["id"]
    await rate(client, chat.student, answer_id, feedback_type="detailed", rating=2)
    deleted = await client.delete(f"{API}/messages/{answer_id}", headers=chat.student.headers)
    assert deleted.status_code == 204
    tutor = await tutor_of(client, chat)
    assert (tutor["rating"], tutor["total_feedbacks"]) == (None, 0)


@pytest.fixture
async def rated(
    client: Client, chat: Chat, make_account: MakeAccount, make_session: MakeSession
) -> list[dict[str, Any]]:
    """Four feedback from four learners: training allowed for the first and third."""
    made = []
    for n in range(4):
        learner = await make_account(f"rater{n}")
        session = await make_session(learner, chat.tutor["id"])
        answer = await exchange(client, learner, session["id"], f"Question {n}")
        response = await rate(
            client,
            learner,
            answer["assistant_message"]["id"],
            feedback_type="detailed",
            rating=n + 1,
            allow_training=n % 2 == 0,
        )
        made.append(response.json())
    return made


async def test_admins_list_export_and_mark_feedback(
    client: Client, admin: Account, rated: list[dict[str, Any]]
) -> None:
    listed = await client.get(
        f"{API}/feedback", params={"allow_training": "true"}, headers=admin.headers
    )
    assert listed.status_code == 200
    assert [f["id"] for f in listed.json()["items"]] == [rated[0]["id"], rated[2]["id"]]
    assert listed.json()["total"] == 2

    marked = await client.post(
        f"{API}/feedback/mark-processed",
        json={"ids": [rated[0]["id"], UNKNOWN]},
        headers=admin.headers,
    )
    assert (marked.status_code, marked.json()) == (200, {"updated": 1})
    todo = await client.get(
        f"{API}/feedback",
        params={"processed": "false", "allow_training": "true"},
        headers=admin.headers,
    )
    assert [f["id"] for f in todo.json()["items"]] == [rated[2]["id"]]

    export = await client.get(f"{API}/feedback/export", headers=admin.headers)
    assert export.status_code == 200
    assert export.headers["content-type"].startswith("application/x-ndjson")
    lines = [json.loads(line) for line in export.text.splitlines()]
    assert [line["id"] for line in lines] == [f["id"] for f in rated]
    assert lines[0]["question"] == "Question 0"
    assert lines[0]["answer"]
    assert lines[0]["processed"] is True
    changed = {"answer", "question", "processed", "updated_at"}
    for line, made in zip(lines, rated, strict=True):
        assert {k: v for k, v in line.items() if k not in changed} == {
            k: v for k, v in made.items() if k not in changed
        }
    filtered = await client.get(
        f"{API}/feedback/export", params={"processed": "false"}, headers=admin.headers
    )
    assert len(filtered.text.splitlines()) == 3


async def test_the_export_reads_in_batches(
    client: Client, admin: Account, rated: list[dict[str, Any]], app: Litestar
) -> None:
    tutoring = app.state.container.tutoring
    tutoring.export_feedback.override(
        providers.Factory(ExportFeedback, tutoring.uow_factory, batch=3)
    )
    export = await client.get(f"{API}/feedback/export", headers=admin.headers)
    assert [json.loads(line)["id"] for line in export.text.splitlines()] == [f["id"] for f in rated]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"ids": []}, "ids"),
        ({"ids": ["x"]}, "ids[0]"),
        ({}, "ids"),
        ({"ids": [UNKNOWN] * 1001}, "ids"),
    ],
)
async def test_bad_mark_processed_bodies_are_refused(
    client: Client,
    admin: Account,
    rated: list[dict[str, Any]],
    snapshot: Snapshot,
    body: dict[str, Any],
    field: str,
) -> None:
    before = await snapshot()
    response = await client.post(f"{API}/feedback/mark-processed", json=body, headers=admin.headers)
    error = assert_error(response, 422, "VALIDATION_ERROR")
    assert error["errors"][0]["field"] == field
    assert await snapshot() == before


@pytest.mark.parametrize("params", [{"processed": "maybe"}, {"limit": 0}, {"offset": -1}])
async def test_bad_feedback_filters_are_refused(
    client: Client, admin: Account, params: dict[str, Any]
) -> None:
    response = await client.get(f"{API}/feedback", params=params, headers=admin.headers)
    assert_error(response, 422, "VALIDATION_ERROR")
