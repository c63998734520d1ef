"""Messages over HTTP: sending (with the offline model and with doubles), retries with a
client_message_id, provider failures, attachments, keyset paging, reading and deleting, and
every error path (with nothing changed).

Runs in the SQLite pass only: what it checks is the HTTP side (routing, validation,
authorization, error bodies, serialization) over repositories whose database-specific behaviour
the repository contracts and the `both_databases` tests cover on PostgreSQL too."""

from typing import Any

import pytest
from litestar import Litestar
from litestar.testing import AsyncTestClient

from tests.conftest import make_settings
from tests.integration.accounts import Account, Client, account_maker, assert_error
from tests.integration.catalog.passage_support import IndexSettled, index_settled, index_worker
from tests.integration.media.conftest import post_file
from tests.integration.tutoring.conftest import (
    API,
    Chat,
    MakeSession,
    MakeTutor,
    Snapshot,
    exchange,
    send,
)
from tests.unit.media import samples
from tests.unit.tutoring.doubles import ScriptedModel
from tutor_platform.bootstrap.app import create_app
from tutor_platform.bootstrap.settings import Settings

UNKNOWN = "0190f5d2-7c1a-7b3e-9a51-3f6d2c8e4b10"

__all__ = ["index_settled", "index_worker"]


async def messages(client: Client, who: Account, session_id: str, **params: Any) -> Any:
    response = await client.get(
        f"{API}/sessions/{session_id}/messages", params=params, headers=who.headers
    )
    assert response.status_code == 200, response.text
    return response.json()


async def test_the_offline_tutor_answers_from_the_course(
    client: Client, chat: Chat, index_settled: IndexSettled
) -> None:
    await index_settled()
    response = await send(client, chat.student, chat.session["id"], "What is lesson 1.2 about?")
    assert response.status_code == 201, response.text
    body = response.json()
    question, answer = body["user_message"], body["assistant_message"]
    assert (question["role"], question["content"], question["metadata"]) == (
        "user",
        "What is lesson 1.2 about?",
        None,
    )
    assert (question["attachments"], question["client_message_id"]) == ([], None)
    assert (answer["role"], answer["reply_to_id"], answer["session_id"]) == (
        "assistant",
        question["id"],
        chat.session["id"],
    )
    assert "Content of lesson 1.2." in answer["content"]
    assert answer["content"].rstrip().endswith("?"), "ends with a guiding question"
    metadata = answer["metadata"]
    assert (metadata["provider"], metadata["model_id"], metadata["finish_reason"]) == (
        "local",
        "local-retrieval-1",
        "stop",
    )
    assert metadata["tokens_in"] > 0
    assert metadata["tokens_out"] > 0
    assert metadata["latency_ms"] >= 0
    session = await client.get(f"{API}/sessions/{chat.session['id']}", headers=chat.student.headers)
    assert session.json()["message_count"] == 2
    assert session.json()["last_message_at"] == answer["created_at"]
    fetched = await client.get(f"{API}/messages/{answer['id']}", headers=chat.student.headers)
    assert fetched.json() == answer


async def test_the_ai_gets_the_tutor_the_lessons_and_the_history(
    client: Client, chat: Chat, scripted: ScriptedModel, index_settled: IndexSettled
) -> None:
    await index_settled()
    second = "What is the content of lesson 1.1 and of lesson 1.2?"
    await exchange(client, chat.student, chat.session["id"], "First question")
    await exchange(client, chat.student, chat.session["id"], second)
    prompt = scripted.prompts[-1]
    assert (prompt.system_prompt, prompt.message) == ("Be kind.", second)
    assert [turn.content for turn in prompt.history] == [
        "First question",
        "Here is what the course says.",
    ]
    assert {p.title for p in prompt.passages} == {"Lesson 1.1", "Lesson 1.2"}
    assert str(prompt.tutor_id) == chat.tutor["id"]


async def test_a_retry_with_the_same_client_message_id_returns_the_first_result(
    client: Client, chat: Chat, scripted: ScriptedModel, snapshot: Snapshot
) -> None:
    first = await send(client, chat.student, chat.session["id"], "Hi", client_message_id="k-1")
    assert first.status_code == 201
    before = await snapshot()

    again = await send(client, chat.student, chat.session["id"], "Hi", client_message_id="k-1")

    assert again.status_code == 200
    assert again.json() == first.json()
    assert len(scripted.prompts) == 1
    assert await snapshot() == before
    reused = await send(client, chat.student, chat.session["id"], "Bye", client_message_id="k-1")
    assert_error(reused, 409, "CONFLICT")
    assert await snapshot() == before


async def test_a_provider_failure_is_502_and_keeps_the_user_message(
    client: Client, chat: Chat, scripted: ScriptedModel
) -> None:
    scripted.fail_after = 0
    failed = await send(client, chat.student, chat.session["id"], "Hi", client_message_id="k")
    assert_error(failed, 502, "UPSTREAM_ERROR")
    stored = await messages(client, chat.student, chat.session["id"])
    assert [(m["role"], m["content"]) for m in stored["items"]] == [("user", "Hi")]

    scripted.fail_after = None
    retried = await send(client, chat.student, chat.session["id"], "Hi", client_message_id="k")
    assert retried.status_code == 201
    assert retried.json()["user_message"] == stored["items"][0]
    assert len((await messages(client, chat.student, chat.session["id"]))["items"]) == 2


async def test_a_provider_without_its_key_is_an_upstream_error(
    client: Client, chat: Chat, make_tutor: MakeTutor, make_session: MakeSession
) -> None:
    tutor = await make_tutor(chat.teacher, provider="gemini")
    session = await make_session(chat.student, tutor["id"])
    response = await send(client, chat.student, session["id"], "Hello?")
    body = assert_error(response, 502, "UPSTREAM_ERROR")
    assert "gemini" in body["detail"]
    stored = await messages(client, chat.student, session["id"])
    assert [m["role"] for m in stored["items"]] == ["user"]


BAD_MESSAGES: list[tuple[dict[str, Any], str]] = [
    ({}, "content"),
    ({"content": ""}, "content"),
    ({"content": " \n\t "}, "content"),
    ({"content": "x" * 8001}, "content"),
    ({"content": "hi", "client_message_id": ""}, "client_message_id"),
    ({"content": "hi", "client_message_id": "k" * 65}, "client_message_id"),
    ({"content": "hi", "attachments": [UNKNOWN]}, "attachments"),
    ({"content": "hi", "attachments": ["nope"]}, "attachments[0]"),
    ({"content": "hi", "attachments": [UNKNOWN] * 11}, "attachments"),
    ({"content": "hi", "role": "assistant"}, "role"),
]


@pytest.mark.parametrize(("body", "field"), BAD_MESSAGES)
async def test_invalid_messages_are_refused(
    client: Client, chat: Chat, snapshot: Snapshot, body: dict[str, Any], field: str
) -> None:
    before = await snapshot()
    response = await client.post(
        f"{API}/sessions/{chat.session['id']}/messages", json=body, headers=chat.student.headers
    )
    error = assert_error(response, 422, "VALIDATION_ERROR")
    assert field in {e["field"] for e in error["errors"]}
    assert await snapshot() == before


async def test_only_the_owner_sends_and_only_to_an_available_tutor(
    client: Client, chat: Chat, other: Account, admin: Account, snapshot: Snapshot
) -> None:
    before = await snapshot()
    session_id = chat.session["id"]
    assert_error(await send(client, None, session_id, "hi"), 401, "UNAUTHENTICATED")
    assert_error(await send(client, other, session_id, "hi"), 404, "NOT_FOUND")
    assert_error(await send(client, admin, session_id, "hi"), 403, "FORBIDDEN")
    assert_error(await send(client, chat.student, UNKNOWN, "hi"), 404, "NOT_FOUND")
    assert await snapshot() == before
    off = await client.patch(
        f"{API}/tutors/{chat.tutor['id']}",
        json={"is_active": False},
        headers=chat.teacher.headers,
    )
    assert off.status_code == 200
    before = await snapshot()
    assert_error(await send(client, chat.student, session_id, "hi"), 409, "CONFLICT")
    assert await snapshot() == before


async def test_images_go_to_the_ai_and_other_files_are_referenced(
    client: Client, chat: Chat, scripted: ScriptedModel
) -> None:
    image = await post_file(client, chat.student, samples.png(), "photo.png")
    notes = await post_file(client, chat.student, b"my notes", "notes.txt")
    ids = [image.json()["id"], notes.json()["id"]]
    response = await send(client, chat.student, chat.session["id"], "Look", attachments=ids)
    assert response.status_code == 201, response.text
    assert response.json()["user_message"]["attachments"] == ids
    [prompt] = scripted.prompts
    assert [(i.content_type, i.data) for i in prompt.images] == [("image/png", samples.png())]


async def test_attachments_must_be_the_callers_own_live_files(
    client: Client, chat: Chat, other: Account, snapshot: Snapshot
) -> None:
    theirs = (await post_file(client, other, samples.png(), "theirs.png")).json()["id"]
    gone = (await post_file(client, chat.student, samples.png(), "gone.png")).json()["id"]
    deleted = await client.delete(f"{API}/files/{gone}", headers=chat.student.headers)
    assert deleted.status_code == 204
    before = await snapshot()
    for file_id in (theirs, gone):
        response = await send(client, chat.student, chat.session["id"], "x", attachments=[file_id])
        error = assert_error(response, 422, "VALIDATION_ERROR")
        assert error["errors"][0]["field"] == "attachments"
    assert await snapshot() == before


async def test_messages_page_backwards_with_before_id(
    client: Client, chat: Chat, scripted: ScriptedModel, admin: Account
) -> None:
    session_id = chat.session["id"]
    made = [await exchange(client, chat.student, session_id, f"Q{n}") for n in range(3)]
    ids = [m["id"] for e in made for m in (e["user_message"], e["assistant_message"])]

    newest = await messages(client, chat.student, session_id, limit=4)
    assert ([m["id"] for m in newest["items"]], newest["has_more"]) == (ids[2:], True)
    older = await messages(
        client, chat.student, session_id, limit=4, before_id=newest["items"][0]["id"]
    )
    assert ([m["id"] for m in older["items"]], older["has_more"]) == (ids[:2], False)
    everything = await messages(client, chat.student, session_id)
    assert [m["id"] for m in everything["items"]] == ids
    assert await messages(client, admin, session_id) == everything


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"limit": 0}, "limit"),
        ({"limit": 101}, "limit"),
        ({"before_id": "nope"}, "before_id"),
        ({"before_id": UNKNOWN}, "before_id"),
    ],
)
async def test_bad_paging_parameters_are_refused(
    client: Client, chat: Chat, params: dict[str, Any], field: str
) -> None:
    response = await client.get(
        f"{API}/sessions/{chat.session['id']}/messages", params=params, headers=chat.student.headers
    )
    error = assert_error(response, 422, "VALIDATION_ERROR")
    assert error["errors"][0]["field"] == field


async def test_before_id_of_another_session_is_refused(
    client: Client, chat: Chat, make_session: MakeSession
) -> None:
    other_session = await make_session(chat.student, chat.tutor["id"])
    made = await exchange(client, chat.student, other_session["id"], "Elsewhere")
    response = await client.get(
        f"{API}/sessions/{chat.session['id']}/messages",
        params={"before_id": made["user_message"]["id"]},
        headers=chat.student.headers,
    )
    assert_error(response, 422, "VALIDATION_ERROR")


async def test_other_users_do_not_see_messages(
    client: Client, chat: Chat, other: Account, admin: Account
) -> None:
    made = await exchange(client, chat.student, chat.session["id"], "Private")
    url = f"{API}/messages/{made['user_message']['id']}"
    assert_error(await client.get(url, headers=other.headers), 404, "NOT_FOUND")
    assert (await client.get(url, headers=admin.headers)).json() == made["user_message"]
    listing = f"{API}/sessions/{chat.session['id']}/messages"
    assert_error(await client.get(listing, headers=other.headers), 404, "NOT_FOUND")
    assert_error(
        await client.get(f"{API}/messages/{UNKNOWN}", headers=admin.headers), 404, "NOT_FOUND"
    )


async def test_deleting_a_question_deletes_its_answer(
    client: Client, chat: Chat, other: Account, admin: Account, snapshot: Snapshot
) -> None:
    first = await exchange(client, chat.student, chat.session["id"], "One")
    second = await exchange(client, chat.student, chat.session["id"], "Two")
    url = f"{API}/messages/{second['user_message']['id']}"
    before = await snapshot()
    assert_error(await client.delete(url, headers=other.headers), 404, "NOT_FOUND")
    assert_error(await client.delete(url, headers=admin.headers), 403, "FORBIDDEN")
    assert await snapshot() == before

    assert (await client.delete(url, headers=chat.student.headers)).status_code == 204
    left = await messages(client, chat.student, chat.session["id"])
    assert [m["id"] for m in left["items"]] == [
        first["user_message"]["id"],
        first["assistant_message"]["id"],
    ]
    session = await client.get(f"{API}/sessions/{chat.session['id']}", headers=chat.student.headers)
    assert session.json()["message_count"] == 2
    assert session.json()["last_message_at"] == first["assistant_message"]["created_at"]
    assert_error(await client.delete(url, headers=chat.student.headers), 404, "NOT_FOUND")


async def test_deleting_an_answer_lets_a_retry_ask_again(
    client: Client, chat: Chat, scripted: ScriptedModel
) -> None:
    first = await send(client, chat.student, chat.session["id"], "Hi", client_message_id="k")
    answer = first.json()["assistant_message"]
    deleted = await client.delete(f"{API}/messages/{answer['id']}", headers=chat.student.headers)
    assert deleted.status_code == 204
    left = await messages(client, chat.student, chat.session["id"])
    assert [m["role"] for m in left["items"]] == ["user"]

    again = await send(client, chat.student, chat.session["id"], "Hi", client_message_id="k")
    assert again.status_code == 201
    assert again.json()["assistant_message"]["id"] != answer["id"]
    assert len(scripted.prompts) == 2


async def test_sending_is_rate_limited_per_user(
    database_url: str, clean_db: None, settings: Settings, snapshot: Snapshot
) -> None:
    limited = make_settings(
        database_url,
        storage_dir=settings.storage_dir,
        rate_limit_enabled=True,
        rate_limit_ai_messages="2/minute",
    )
    app: Litestar = create_app(limited, migrate_on_start=False)
    async with AsyncTestClient(app=app) as client:
        make = account_maker(client, app)
        teacher, student = await make("teacher", role="instructor"), await make("student")
        tutor = await client.post(f"{API}/tutors", json={"name": "P"}, headers=teacher.headers)
        session = await client.post(
            f"{API}/sessions", json={"tutor_id": tutor.json()["id"]}, headers=student.headers
        )
        session_id = session.json()["id"]
        for n in range(2):
            assert (await send(client, student, session_id, f"Q{n}")).status_code == 201
        before = await snapshot()
        assert_error(await send(client, student, session_id, "Q3"), 429, "RATE_LIMITED")
        streamed = await client.post(
            f"{API}/sessions/{session_id}/messages/stream",
            json={"content": "Q4"},
            headers=student.headers,
        )
        assert_error(streamed, 429, "RATE_LIMITED")
        assert await snapshot() == before
        other_session = await client.post(
            f"{API}/sessions", json={"tutor_id": tutor.json()["id"]}, headers=teacher.headers
        )
        mine = await send(client, teacher, other_session.json()["id"], "Mine")
        assert mine.status_code == 201, "the limit is per user"
