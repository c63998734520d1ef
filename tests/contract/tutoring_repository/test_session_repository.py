"""The session repository on every backend: storage, search, and the counters."""

from tests.contract.tutoring_repository.conftest import T0, Backend, at
from tutor_platform.shared.ids import new_id
from tutor_platform.shared.pagination import PageRequest
from tutor_platform.tutoring.ports.repositories import SessionQuery


async def test_a_session_round_trips_and_is_renamed(backend: Backend) -> None:
    session = await backend.session(await backend.tutor(), title="Algebra")
    async with backend.uow_factory() as uow:
        assert await uow.sessions.get(session.id) == session
        await uow.sessions.rename(session.id, "Geometry", at(5))
        await uow.commit()
    async with backend.uow_factory() as uow:
        renamed = await uow.sessions.get(session.id)
        assert renamed is not None
        assert (renamed.title, renamed.updated_at, renamed.created_at) == ("Geometry", at(5), T0)
        assert await uow.sessions.get(new_id()) is None


async def test_the_counters_move_with_each_message(backend: Backend) -> None:
    session = await backend.session(await backend.tutor())
    async with backend.uow_factory() as uow:
        await uow.sessions.record_messages(session.id, 2, at(10))
        await uow.sessions.record_messages(session.id, 1, at(5))
        await uow.commit()
    async with backend.uow_factory() as uow:
        stored = await uow.sessions.get(session.id)
    assert stored is not None
    assert (stored.message_count, stored.last_message_at) == (3, at(10)), "never backwards"


async def test_forgetting_messages_takes_the_newest_left(backend: Backend) -> None:
    session = await backend.session(await backend.tutor())
    older = await backend.message(session, "a", seconds=1)
    newer = await backend.message(session, "b", seconds=2)
    async with backend.uow_factory() as uow:
        assert await uow.messages.delete_with_reply(newer.id) == 1
        await uow.sessions.forget_messages(session.id, 1)
        await uow.commit()
    async with backend.uow_factory() as uow:
        stored = await uow.sessions.get(session.id)
        assert stored is not None
        assert (stored.message_count, stored.last_message_at) == (1, older.created_at)
        await uow.messages.delete_all(session.id)
        await uow.sessions.forget_messages(session.id, 5)
        await uow.commit()
    async with backend.uow_factory() as uow:
        empty = await uow.sessions.get(session.id)
    assert empty is not None
    assert (empty.message_count, empty.last_message_at) == (0, None)


async def test_the_search_is_per_user_newest_activity_first(backend: Backend) -> None:
    tutor, other_tutor = await backend.tutor(), await backend.tutor()
    user = new_id()
    quiet = await backend.session(tutor, user_id=user, title="Quiet", created_at=at(30))
    busy = await backend.session(tutor, user_id=user, title="Busy", created_at=at(1))
    await backend.message(busy, seconds=60)
    elsewhere = await backend.session(other_tutor, user_id=user, title="Else", created_at=at(2))
    await backend.session(tutor, title="Someone else's")
    async with backend.uow_factory() as uow:
        found, total = await uow.sessions.search(SessionQuery(user), PageRequest(10, 0))
        assert ([s.id for s in found], total) == ([busy.id, quiet.id, elsewhere.id], 3)
        with_tutor, _ = await uow.sessions.search(
            SessionQuery(user, tutor_id=other_tutor.id), PageRequest(10, 0)
        )
        assert [s.id for s in with_tutor] == [elsewhere.id]
        page, total = await uow.sessions.search(SessionQuery(user), PageRequest(1, 1))
        assert ([s.id for s in page], total) == ([quiet.id], 3)


async def test_q_matches_titles_and_message_text_in_any_case(backend: Backend) -> None:
    tutor = await backend.tutor()
    user = new_id()
    titled = await backend.session(tutor, user_id=user, title="Photosynthesis basics")
    texted = await backend.session(tutor, user_id=user, title="Other")
    await backend.message(texted, "How does PHOTOSYNTHESIS work?")
    literal = await backend.session(tutor, user_id=user, title="100% sure_thing")
    stranger = await backend.session(tutor, title="photosynthesis too")

    async def search(q: str) -> set[object]:
        async with backend.uow_factory() as uow:
            found, total = await uow.sessions.search(SessionQuery(user, q=q), PageRequest(10, 0))
        assert total == len(found)
        return {s.id for s in found}

    assert await search("photoSYNTHESIS") == {titled.id, texted.id}
    assert await search("0% s") == {literal.id}
    assert await search("e_t") == {literal.id}, "_ is not a wildcard"
    assert await search("%") == {literal.id}, "% is not a wildcard"
    assert stranger.id not in await search("photo")
