"""The message repository on every backend: storage, keyset paging, retry keys, replies."""

import pytest

from tests.contract.tutoring_repository.conftest import T0, Backend, at
from tutor_platform.shared.ids import new_id
from tutor_platform.tutoring.domain.message import Message, ReplyState
from tutor_platform.tutoring.ports.repositories import DuplicateClientMessage


async def test_messages_round_trip(backend: Backend) -> None:
    session = await backend.session(await backend.tutor())
    files = (new_id(), new_id())
    question = await backend.message(
        session,
        "Look at this",
        attachments=files,
        client_message_id="key-1",
        reply_state=ReplyState.PENDING,
        reply_claimed_at=at(0),
    )
    answer = await backend.answer(question)
    async with backend.uow_factory() as uow:
        assert await uow.messages.get(question.id) == question
        assert await uow.messages.get(answer.id) == answer
        assert await uow.messages.by_client_id(session.id, "key-1") == question
        assert await uow.messages.by_client_id(session.id, "key-2") is None
        assert await uow.messages.reply_to(question.id) == answer
        assert await uow.messages.reply_to(answer.id) is None


async def test_pages_go_backwards_in_time_oldest_first(backend: Backend) -> None:
    session = await backend.session(await backend.tutor())
    other = await backend.session(await backend.tutor())
    await backend.message(other, seconds=3)
    made = [await backend.message(session, f"m{n}", seconds=n) for n in range(5)]
    async with backend.uow_factory() as uow:
        newest = await uow.messages.page(session.id, None, 2)
        assert ([m.content for m in newest.items], newest.has_more) == (["m3", "m4"], True)
        middle = await uow.messages.page(session.id, newest.items[0], 2)
        assert ([m.content for m in middle.items], middle.has_more) == (["m1", "m2"], True)
        oldest = await uow.messages.page(session.id, middle.items[0], 2)
        assert ([m.content for m in oldest.items], oldest.has_more) == (["m0"], False)
        everything = await uow.messages.page(session.id, None, 5)
        assert (everything.items, everything.has_more) == (made, False)


async def test_messages_of_the_same_instant_are_ordered_by_id(backend: Backend) -> None:
    session = await backend.session(await backend.tutor())
    made = [await backend.message(session, f"m{n}", created_at=T0) for n in range(4)]
    async with backend.uow_factory() as uow:
        first = await uow.messages.page(session.id, None, 2)
        rest = await uow.messages.page(session.id, first.items[0], 10)
    assert [m.id for m in rest.items + list(first.items)] == [m.id for m in made]
    assert not rest.has_more


async def test_a_client_message_id_is_unique_within_a_session(backend: Backend) -> None:
    session = await backend.session(await backend.tutor())
    other = await backend.session(await backend.tutor())
    await backend.message(session, client_message_id="k")
    await backend.message(other, client_message_id="k")
    await backend.message(session)
    await backend.message(session)
    twin = Message(new_id(), session.id, "user", "again", at(9), client_message_id="k")
    with pytest.raises(DuplicateClientMessage):
        async with backend.uow_factory() as uow:
            await uow.messages.add(twin)
    async with backend.uow_factory() as uow:
        assert await uow.messages.get(twin.id) is None


async def test_a_reply_is_claimed_once_unless_the_claim_went_stale(backend: Backend) -> None:
    session = await backend.session(await backend.tutor())
    question = await backend.message(session, reply_state=ReplyState.UNANSWERED)
    async with backend.uow_factory() as uow:
        assert await uow.messages.claim_reply(question.id, at(10), at(0))
        await uow.commit()
    async with backend.uow_factory() as uow:
        assert not await uow.messages.claim_reply(question.id, at(11), at(9))
        assert await uow.messages.claim_reply(question.id, at(20), at(10))
        await uow.commit()
    async with backend.uow_factory() as uow:
        claimed = await uow.messages.get(question.id)
        assert claimed is not None
        assert (claimed.reply_state, claimed.reply_claimed_at) == (ReplyState.PENDING, at(20))
        assert await uow.messages.set_reply_state(question.id, ReplyState.ANSWERED)
        assert not await uow.messages.claim_reply(question.id, at(99), at(99))
        assert not await uow.messages.set_reply_state(new_id(), ReplyState.ANSWERED)


async def test_deleting_a_question_deletes_its_answer_only(backend: Backend) -> None:
    session = await backend.session(await backend.tutor())
    first = await backend.message(session, seconds=0)
    first_answer = await backend.answer(first)
    second = await backend.message(session, seconds=10)
    second_answer = await backend.answer(second)
    async with backend.uow_factory() as uow:
        assert await uow.messages.delete_with_reply(first.id) == 2
        assert await uow.messages.delete_with_reply(second_answer.id) == 1
        assert await uow.messages.delete_with_reply(new_id()) == 0
        await uow.commit()
    async with backend.uow_factory() as uow:
        left = await uow.messages.page(session.id, None, 10)
        assert [m.id for m in left.items] == [second.id]
        assert await uow.messages.get(first_answer.id) is None


async def test_clearing_a_session_counts_every_message(backend: Backend) -> None:
    session = await backend.session(await backend.tutor())
    other = await backend.session(await backend.tutor())
    for n in range(3):
        await backend.answer(await backend.message(session, seconds=10 * n))
    await backend.message(session, seconds=99)
    kept = await backend.message(other)
    async with backend.uow_factory() as uow:
        assert await uow.messages.delete_all(session.id) == 7
        await uow.commit()
    async with backend.uow_factory() as uow:
        assert (await uow.messages.page(session.id, None, 10)).items == []
        assert (await uow.messages.page(other.id, None, 10)).items == [kept]
