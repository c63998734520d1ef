"""/sessions over HTTP: start, list and search, read, rename, delete, clear, and every error
path (with nothing changed).

Runs in the SQLite pass only: what it checks is the HTTP side (routing, validation,
authorization, error bodies, serialization) over repositories whose database-specific behaviour
the repository contracts and the `both_databases` tests cover on PostgreSQL too."""

from typing import Any

import pytest

from tests.integration.accounts import Account, Client, MakeAccount, assert_error
from tests.integration.tutoring.conftest import (
    API,
    Chat,
    MakeCourse,
    MakeSession,
    MakeTutor,
    Snapshot,
    exchange,
)

UNKNOWN = "0190f5d2-7c1a-7b3e-9a51-3f6d2c8e4b10"


async def test_starting_a_session(client: Client, chat: Chat) -> None:
    session = chat.session
    assert (session["user_id"], session["tutor_id"]) == (chat.student.id, chat.tutor["id"])
    assert (session["title"], session["message_count"], session["last_message_at"]) == (
        "Chat with Pip",
        0,
        None,
    )
    assert session["created_at"].endswith("Z")
    titled = await client.post(
        f"{API}/sessions",
        json={"tutor_id": chat.tutor["id"], "title": "  Cells  "},
        headers=chat.student.headers,
    )
    assert titled.status_code == 201
    assert titled.json()["title"] == "Cells"


async def test_a_session_needs_an_active_tutor_the_user_may_see(
    client: Client,
    make_account: MakeAccount,
    make_course: MakeCourse,
    make_tutor: MakeTutor,
    snapshot: Snapshot,
) -> None:
    teacher = await make_account("teacher", role="instructor")
    student = await make_account("student")
    draft = await make_course(teacher, sections=0, published=False)
    hidden = await make_tutor(teacher, draft.id)
    inactive = await make_tutor(teacher, is_active=False)
    before = await snapshot()
    for tutor_id in (hidden["id"], inactive["id"], UNKNOWN):
        response = await client.post(
            f"{API}/sessions", json={"tutor_id": tutor_id}, headers=student.headers
        )
        error = assert_error(response, 422, "VALIDATION_ERROR")
        assert error["errors"][0]["field"] == "tutor_id"
    assert await snapshot() == before


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"title": "Cells"}, "tutor_id"),
        ({"tutor_id": "{tutor}", "title": "   "}, "title"),
        ({"tutor_id": "{tutor}", "title": "t" * 201}, "title"),
        ({"tutor_id": "{tutor}", "title": "two\nlines"}, "title"),
        ({"tutor_id": "{tutor}", "mood": "happy"}, "mood"),
        ({"tutor_id": "not-a-uuid"}, "tutor_id"),
    ],
)
async def test_invalid_sessions_are_refused(
    client: Client, chat: Chat, snapshot: Snapshot, body: dict[str, Any], field: str
) -> None:
    before = await snapshot()
    sent = {key: value.format(tutor=chat.tutor["id"]) for key, value in body.items()}
    response = await client.post(f"{API}/sessions", json=sent, headers=chat.student.headers)
    error = assert_error(response, 422, "VALIDATION_ERROR")
    assert error["errors"][0]["field"] == field
    assert await snapshot() == before


async def test_my_sessions_newest_activity_first(
    client: Client, chat: Chat, make_session: MakeSession, make_tutor: MakeTutor
) -> None:
    other_tutor = await make_tutor(chat.teacher, name="Other")
    quiet = await make_session(chat.student, chat.tutor["id"], title="Quiet")
    elsewhere = await make_session(chat.student, other_tutor["id"], title="Elsewhere")
    await exchange(client, chat.student, chat.session["id"], "What is a loop?")
    await make_session(chat.teacher, chat.tutor["id"])

    response = await client.get(f"{API}/sessions", headers=chat.student.headers)
    body = response.json()
    assert [s["id"] for s in body["items"]] == [chat.session["id"], elsewhere["id"], quiet["id"]]
    assert (body["total"], body["limit"], body["offset"]) == (3, 20, 0)
    assert body["items"][0]["message_count"] == 2
    of_tutor = await client.get(
        f"{API}/sessions", params={"tutor_id": other_tutor["id"]}, headers=chat.student.headers
    )
    assert [s["id"] for s in of_tutor.json()["items"]] == [elsewhere["id"]]
    page = await client.get(
        f"{API}/sessions", params={"limit": 1, "offset": 2}, headers=chat.student.headers
    )
    assert [s["id"] for s in page.json()["items"]] == [quiet["id"]]


async def test_q_searches_titles_and_message_text(
    client: Client, chat: Chat, make_session: MakeSession
) -> None:
    titled = await make_session(chat.student, chat.tutor["id"], title="All about LOOPS")
    await exchange(client, chat.student, chat.session["id"], "How do loops work?")
    await make_session(chat.student, chat.tutor["id"], title="Unrelated")

    async def search(q: str) -> list[str]:
        response = await client.get(
            f"{API}/sessions", params={"q": q}, headers=chat.student.headers
        )
        assert response.status_code == 200
        return [s["id"] for s in response.json()["items"]]

    assert sorted(await search("loops")) == sorted([chat.session["id"], titled["id"]])
    assert await search("DO LOOPS") == [chat.session["id"]]
    assert await search("100%") == []


@pytest.mark.parametrize(
    "params", [{"limit": 0}, {"limit": 101}, {"offset": -1}, {"tutor_id": "x"}, {"q": "q" * 201}]
)
async def test_bad_list_parameters_are_refused(
    client: Client, chat: Chat, params: dict[str, Any]
) -> None:
    response = await client.get(f"{API}/sessions", params=params, headers=chat.student.headers)
    assert_error(response, 422, "VALIDATION_ERROR")


async def test_only_the_owner_and_admins_read_a_session(
    client: Client, chat: Chat, other: Account, admin: Account
) -> None:
    url = f"{API}/sessions/{chat.session['id']}"
    assert (await client.get(url, headers=chat.student.headers)).json() == chat.session
    assert (await client.get(url, headers=admin.headers)).json() == chat.session
    assert_error(await client.get(url, headers=other.headers), 404, "NOT_FOUND")
    assert_error(await client.get(url, headers=chat.teacher.headers), 404, "NOT_FOUND")
    assert_error(await client.get(url), 401, "UNAUTHENTICATED")
    unknown = f"{API}/sessions/{UNKNOWN}"
    assert_error(await client.get(unknown, headers=chat.student.headers), 404, "NOT_FOUND")


async def test_renaming_a_session(
    client: Client, chat: Chat, other: Account, admin: Account, snapshot: Snapshot
) -> None:
    url = f"{API}/sessions/{chat.session['id']}"
    renamed = await client.patch(url, json={"title": " Loops "}, headers=chat.student.headers)
    assert renamed.status_code == 200
    assert renamed.json()["title"] == "Loops"
    assert renamed.json()["updated_at"] >= chat.session["updated_at"]
    before = await snapshot()
    assert_error(
        await client.patch(url, json={"title": "x"}, headers=other.headers), 404, "NOT_FOUND"
    )
    assert_error(
        await client.patch(url, json={"title": "x"}, headers=admin.headers), 403, "FORBIDDEN"
    )
    for body in ({"title": ""}, {"title": "x" * 201}, {}, {"title": "a", "tutor_id": UNKNOWN}):
        response = await client.patch(url, json=body, headers=chat.student.headers)
        assert_error(response, 422, "VALIDATION_ERROR")
    assert await snapshot() == before


async def test_deleting_a_session_deletes_its_messages(
    client: Client, chat: Chat, other: Account, admin: Account, snapshot: Snapshot
) -> None:
    made = await exchange(client, chat.student, chat.session["id"], "What is a list?")
    url = f"{API}/sessions/{chat.session['id']}"
    before = await snapshot()
    assert_error(await client.delete(url, headers=other.headers), 404, "NOT_FOUND")
    assert_error(await client.delete(url, headers=admin.headers), 403, "FORBIDDEN")
    assert await snapshot() == before

    assert (await client.delete(url, headers=chat.student.headers)).status_code == 204
    assert_error(await client.get(url, headers=chat.student.headers), 404, "NOT_FOUND")
    message = f"{API}/messages/{made['user_message']['id']}"
    assert_error(await client.get(message, headers=chat.student.headers), 404, "NOT_FOUND")
    assert_error(await client.delete(url, headers=chat.student.headers), 404, "NOT_FOUND")


async def test_clearing_a_session_keeps_it_empty(
    client: Client, chat: Chat, other: Account, admin: Account, snapshot: Snapshot
) -> None:
    await exchange(client, chat.student, chat.session["id"], "What is a list?")
    await exchange(client, chat.student, chat.session["id"], "And a tuple?")
    url = f"{API}/sessions/{chat.session['id']}"
    before = await snapshot()
    for who, status, code in ((other, 404, "NOT_FOUND"), (admin, 403, "FORBIDDEN")):
        assert_error(await client.delete(f"{url}/messages", headers=who.headers), status, code)
    assert await snapshot() == before

    cleared = await client.delete(f"{url}/messages", headers=chat.student.headers)
    assert cleared.status_code == 204
    session = (await client.get(url, headers=chat.student.headers)).json()
    assert (session["message_count"], session["last_message_at"]) == (0, None)
    messages = (await client.get(f"{url}/messages", headers=chat.student.headers)).json()
    assert messages == {"items": [], "has_more": False}
