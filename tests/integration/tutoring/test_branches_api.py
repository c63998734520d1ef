"""Regenerate an answer, edit a question (a branch), select a branch: the history and the
tutor's context follow the current branch; bad input changes nothing.

Runs on both databases: the current branch is kept by the repository (flags maintained on
select), whose SQL differs between SQLite and PostgreSQL."""

from typing import Any

import pytest

from tests.integration.accounts import Client, MakeAccount, assert_error
from tests.integration.tutoring.conftest import API, Chat, Snapshot, exchange
from tests.unit.tutoring.doubles import ScriptedModel

pytestmark = pytest.mark.both_databases


async def history(client: Client, chat: Chat, **params: Any) -> list[dict[str, Any]]:
    response = await client.get(
        f"{API}/sessions/{chat.session['id']}/messages",
        params=params,
        headers=chat.student.headers,
    )
    assert response.status_code == 200, response.text
    items: list[dict[str, Any]] = response.json()["items"]
    return items


def contents(items: list[dict[str, Any]]) -> list[str]:
    return [m["content"] for m in items]


async def regenerate(client: Client, chat: Chat, message_id: str) -> Any:
    return await client.post(
        f"{API}/messages/{message_id}/regenerate", headers=chat.student.headers
    )


async def test_a_regenerated_answer_is_current_and_the_old_one_an_alternative(
    client: Client, chat: Chat, scripted: ScriptedModel
) -> None:
    first = await exchange(client, chat.student, chat.session["id"], "What is 1.1?")
    old = first["assistant_message"]
    scripted.pieces = ["A second ", "answer."]

    response = await regenerate(client, chat, old["id"])

    assert response.status_code == 201, response.text
    new = response.json()
    assert (new["role"], new["content"]) == ("assistant", "A second answer.")
    assert new["reply_to_id"] == new["parent_id"] == first["user_message"]["id"]
    assert new["alternatives"] == [old["id"], new["id"]]
    items = await history(client, chat)
    assert [m["id"] for m in items] == [first["user_message"]["id"], new["id"]]
    assert items[1]["alternatives"] == [old["id"], new["id"]]
    kept = await client.get(f"{API}/messages/{old['id']}", headers=chat.student.headers)
    assert kept.json()["content"] == first["assistant_message"]["content"]
    assert scripted.prompts[-1].message == "What is 1.1?", "the same question, asked again"


async def test_an_edit_is_a_new_branch_and_select_brings_the_old_one_back(
    client: Client, chat: Chat, scripted: ScriptedModel
) -> None:
    one = await exchange(client, chat.student, chat.session["id"], "First question")
    two = await exchange(client, chat.student, chat.session["id"], "Second question")
    three = await exchange(client, chat.student, chat.session["id"], "Third question")
    scripted.pieces = ["Edited ", "answer."]

    response = await client.patch(
        f"{API}/messages/{two['user_message']['id']}",
        json={"content": "Second, better"},
        headers=chat.student.headers,
    )

    assert response.status_code == 201, response.text
    body = response.json()
    edited, answer = body["user_message"], body["assistant_message"]
    assert edited["parent_id"] == one["assistant_message"]["id"]
    assert edited["alternatives"] == [two["user_message"]["id"], edited["id"]]
    assert answer["parent_id"] == edited["id"]
    assert contents(await history(client, chat)) == [
        "First question",
        one["assistant_message"]["content"],
        "Second, better",
        "Edited answer.",
    ]
    history_sent = [turn.content for turn in scripted.prompts[-1].history]
    assert history_sent == ["First question", one["assistant_message"]["content"]]

    selected = await client.post(
        f"{API}/messages/{two['user_message']['id']}/select", headers=chat.student.headers
    )
    assert selected.status_code == 200, selected.text
    assert selected.json()["id"] == two["user_message"]["id"]
    ids = [m["id"] for m in await history(client, chat)]
    assert ids == [
        one["user_message"]["id"],
        one["assistant_message"]["id"],
        two["user_message"]["id"],
        two["assistant_message"]["id"],
        three["user_message"]["id"],
        three["assistant_message"]["id"],
    ]

    await exchange(client, chat.student, chat.session["id"], "Fourth question")
    history_sent = [turn.content for turn in scripted.prompts[-1].history]
    assert "Second, better" not in history_sent
    assert history_sent[-2:] == ["Third question", three["assistant_message"]["content"]]


async def test_history_pages_follow_the_current_branch(
    client: Client, chat: Chat, scripted: ScriptedModel
) -> None:
    made = [await exchange(client, chat.student, chat.session["id"], f"q{n}") for n in range(3)]
    for _ in range(2):
        await regenerate(client, chat, made[2]["assistant_message"]["id"])
    newest = await client.get(
        f"{API}/sessions/{chat.session['id']}/messages",
        params={"limit": 2},
        headers=chat.student.headers,
    )
    page = newest.json()
    assert page["has_more"]
    assert contents(page["items"])[0] == "q2"
    older = await history(client, chat, limit=10, before_id=page["items"][0]["id"])
    answers = [made[n]["assistant_message"]["content"] for n in range(2)]
    assert contents(older) == ["q0", answers[0], "q1", answers[1]]


async def test_a_failed_regeneration_leaves_the_old_answer_current(
    client: Client, chat: Chat, scripted: ScriptedModel
) -> None:
    first = await exchange(client, chat.student, chat.session["id"], "What is 1.1?")
    scripted.fail_after = 0

    response = await regenerate(client, chat, first["assistant_message"]["id"])

    assert_error(response, 502, "UPSTREAM_ERROR")
    ids = [m["id"] for m in await history(client, chat)]
    assert ids == [first["user_message"]["id"], first["assistant_message"]["id"]]


async def test_bad_branch_requests_are_refused_and_change_nothing(
    client: Client, chat: Chat, make_account: MakeAccount, snapshot: Snapshot
) -> None:
    made = await exchange(client, chat.student, chat.session["id"], "What is 1.1?")
    question, answer = made["user_message"]["id"], made["assistant_message"]["id"]
    stranger = await make_account("stranger")
    other_session = (
        await client.post(
            f"{API}/sessions", json={"tutor_id": chat.tutor["id"]}, headers=stranger.headers
        )
    ).json()
    theirs = await exchange(client, stranger, other_session["id"], "Mine")
    before = await snapshot()
    own = chat.student.headers

    assert_error(await regenerate(client, chat, question), 422, "VALIDATION_ERROR")
    assert_error(
        await regenerate(client, chat, theirs["assistant_message"]["id"]), 404, "NOT_FOUND"
    )
    edit = f"{API}/messages/{answer}"
    assert_error(
        await client.patch(edit, json={"content": "x"}, headers=own), 422, "VALIDATION_ERROR"
    )
    mine = f"{API}/messages/{question}"
    for body in ({"content": "   "}, {"content": "x", "extra": 1}, {}):
        assert_error(await client.patch(mine, json=body, headers=own), 422, "VALIDATION_ERROR")
    for other in (theirs["user_message"]["id"], theirs["assistant_message"]["id"]):
        assert_error(
            await client.patch(f"{API}/messages/{other}", json={"content": "x"}, headers=own),
            404,
            "NOT_FOUND",
        )
        assert_error(
            await client.post(f"{API}/messages/{other}/select", headers=own), 404, "NOT_FOUND"
        )
    assert await snapshot() == before
