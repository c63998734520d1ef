"""The message tree on every backend: the current branch (what a page shows), alternatives,
switching branches, the current answer of a regenerated question, deletes that keep the tree
connected."""

from tests.contract.tutoring_repository.conftest import Backend, at
from tutor_platform.tutoring.domain.message import Message
from tutor_platform.tutoring.domain.session import ChatSession


async def chain(backend: Backend, session: ChatSession, *contents: str) -> list[Message]:
    """Messages each following the one before, a second apart."""
    made: list[Message] = []
    for n, content in enumerate(contents):
        parent = made[-1].id if made else None
        made.append(await backend.message(session, content, seconds=n, parent_id=parent))
    return made


async def shown(backend: Backend, session: ChatSession) -> list[str]:
    async with backend.uow_factory() as uow:
        return [m.content for m in (await uow.messages.page(session.id, None, 100)).items]


async def test_a_switch_shows_the_other_branch_down_to_its_newest_messages(
    backend: Backend,
) -> None:
    session = await backend.session(await backend.tutor())
    q1, a1, q2, a2 = await chain(backend, session, "q1", "a1", "q2", "a2")
    alt = await backend.message(session, "q2'", seconds=10, parent_id=a1.id, is_current=False)
    alt_answer = await backend.message(
        session, "a2'", seconds=11, parent_id=alt.id, is_current=False
    )

    async with backend.uow_factory() as uow:
        assert (await uow.messages.current_leaf(session.id)) == a2
        await uow.messages.make_current(session.id, alt, descend=True)
        await uow.commit()
    assert await shown(backend, session) == ["q1", "a1", "q2'", "a2'"]
    async with backend.uow_factory() as uow:
        leaf = await uow.messages.current_leaf(session.id)
        assert leaf is not None
        assert leaf.id == alt_answer.id
        found = await uow.messages.alternatives([q2, alt, q1])
    assert found == {q2.id: (q2.id, alt.id), alt.id: (q2.id, alt.id), q1.id: (q1.id,)}

    async with backend.uow_factory() as uow:
        await uow.messages.make_current(session.id, q2, descend=True)
        await uow.commit()
    assert await shown(backend, session) == ["q1", "a1", "q2", "a2"]


async def test_a_branch_cut_at_a_message_ends_there(backend: Backend) -> None:
    session = await backend.session(await backend.tutor())
    _, _, q2, _ = await chain(backend, session, "q1", "a1", "q2", "a2")
    async with backend.uow_factory() as uow:
        await uow.messages.make_current(session.id, q2)
        await uow.commit()
    assert await shown(backend, session) == ["q1", "a1", "q2"]
    async with backend.uow_factory() as uow:
        await uow.messages.make_current(session.id, None)
        await uow.commit()
    assert await shown(backend, session) == []


async def test_the_current_answer_of_a_regenerated_question_is_its_reply(
    backend: Backend,
) -> None:
    session = await backend.session(await backend.tutor())
    question = await backend.message(session, "q", seconds=0)
    old = await backend.message(
        session, "old", seconds=1, role="assistant", reply_to_id=question.id, parent_id=question.id
    )
    await backend.message(
        session,
        "newest, not current",
        seconds=3,
        role="assistant",
        reply_to_id=question.id,
        parent_id=question.id,
        is_current=False,
    )
    async with backend.uow_factory() as uow:
        reply = await uow.messages.reply_to(question.id)
    assert reply is not None
    assert reply.id == old.id


async def test_deleting_a_question_keeps_what_followed_it_in_the_tree(backend: Backend) -> None:
    session = await backend.session(await backend.tutor())
    _, a1 = await chain(backend, session, "q1", "a1")
    q2 = await backend.message(session, "q2", seconds=2, parent_id=a1.id)
    a2 = await backend.message(
        session, "a2", seconds=3, role="assistant", reply_to_id=q2.id, parent_id=q2.id
    )
    q3 = await backend.message(session, "q3", created_at=at(4), parent_id=a2.id)
    async with backend.uow_factory() as uow:
        removed = await uow.messages.delete_with_reply(q2.id)
        await uow.commit()
    assert removed == 2
    async with backend.uow_factory() as uow:
        moved = await uow.messages.get(q3.id)
    assert moved is not None
    assert moved.parent_id == a1.id
    assert await shown(backend, session) == ["q1", "a1", "q3"]
