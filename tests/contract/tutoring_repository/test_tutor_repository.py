"""The tutor repository on every backend."""

from tests.contract.tutoring_repository.conftest import Backend, at
from tutor_platform.shared.ids import new_id
from tutor_platform.shared.pagination import PageRequest
from tutor_platform.tutoring.ports.repositories import TutorQuery


async def test_a_tutor_round_trips(backend: Backend) -> None:
    tutor = await backend.tutor(
        course_id=new_id(),
        description="Kind",
        knowledge_base_id="kb-1",
        system_prompt="Be brief.",
        temperature=1.25,
        is_active=False,
    )
    async with backend.uow_factory() as uow:
        assert await uow.tutors.get(tutor.id) == tutor
        assert await uow.tutors.lock(tutor.id) == tutor
        assert await uow.tutors.get(new_id()) is None
        assert await uow.tutors.lock(new_id()) is None


async def test_an_update_changes_the_fields_not_the_rating(backend: Backend) -> None:
    tutor = await backend.tutor()
    session = await backend.session(tutor)
    answer = await backend.answer(await backend.message(session))
    await backend.feedback(answer, new_id(), rating=3)
    tutor.name, tutor.temperature, tutor.updated_at = "Renamed", 0.1, at(60)
    tutor.rating, tutor.total_feedbacks = 1.0, 99
    async with backend.uow_factory() as uow:
        await uow.tutors.update(tutor)
        await uow.commit()
    async with backend.uow_factory() as uow:
        stored = await uow.tutors.get(tutor.id)
    assert stored is not None
    assert (stored.name, stored.temperature, stored.updated_at) == ("Renamed", 0.1, at(60))
    assert (stored.rating, stored.total_feedbacks) == (3.0, 1)


async def test_nothing_is_stored_without_a_commit(backend: Backend) -> None:
    tutor = await backend.tutor()
    async with backend.uow_factory() as uow:
        await uow.tutors.delete(tutor.id)
    async with backend.uow_factory() as uow:
        assert await uow.tutors.get(tutor.id) == tutor


async def test_the_search_lists_active_tutors_of_visible_courses_oldest_first(
    backend: Backend,
) -> None:
    shown, hidden = new_id(), new_id()
    free = await backend.tutor(name="Free", created_at=at(1))
    course_tutor = await backend.tutor(name="Course", course_id=shown, created_at=at(2))
    await backend.tutor(name="Hidden", course_id=hidden, created_at=at(3))
    await backend.tutor(name="Off", course_id=shown, is_active=False, created_at=at(4))
    async with backend.uow_factory() as uow:
        assert await uow.tutors.listed_course_ids() == {shown, hidden}
        everyone, total = await uow.tutors.search(TutorQuery(), PageRequest(10, 0))
        assert (len(everyone), total) == (3, 3)
        visible, total = await uow.tutors.search(
            TutorQuery(hidden_courses=frozenset({hidden})), PageRequest(10, 0)
        )
        assert ([t.name for t in visible], total) == (["Free", "Course"], 2)
        of_course, _ = await uow.tutors.search(TutorQuery(course_id=shown), PageRequest(10, 0))
        assert [t.id for t in of_course] == [course_tutor.id]
        page, total = await uow.tutors.search(TutorQuery(), PageRequest(1, 0))
        assert ([t.id for t in page], total) == ([free.id], 3)


async def test_the_rating_is_the_mean_of_the_detailed_ratings(backend: Backend) -> None:
    tutor = await backend.tutor()
    session = await backend.session(tutor)
    answers = [await backend.answer(await backend.message(session, seconds=n)) for n in range(3)]
    await backend.feedback(answers[0], new_id(), rating=5)
    await backend.feedback(answers[1], new_id(), rating=2)
    await backend.feedback(answers[1], new_id(), rating=2)
    await backend.feedback(
        answers[2], new_id(), feedback_type="quick", rating=None, quick_reaction="clear"
    )
    async with backend.uow_factory() as uow:
        stored = await uow.tutors.get(tutor.id)
    assert stored is not None
    assert (stored.rating, stored.total_feedbacks) == (3.0, 3)
    other = await backend.tutor()
    async with backend.uow_factory() as uow:
        await uow.tutors.refresh_rating(other.id)
        await uow.commit()
    async with backend.uow_factory() as uow:
        unrated = await uow.tutors.get(other.id)
    assert unrated is not None
    assert (unrated.rating, unrated.total_feedbacks) == (None, 0)


async def test_deleting_a_tutor_deletes_its_sessions_messages_and_feedback(
    backend: Backend,
) -> None:
    tutor, kept = await backend.tutor(), await backend.tutor()
    session, other = await backend.session(tutor), await backend.session(kept)
    answer = await backend.answer(await backend.message(session))
    await backend.feedback(answer, session.user_id)
    survivor = await backend.message(other)
    async with backend.uow_factory() as uow:
        await uow.tutors.delete(tutor.id)
        await uow.commit()
    async with backend.uow_factory() as uow:
        assert await uow.sessions.get(session.id) is None
        assert await uow.messages.get(answer.id) is None
        assert await uow.feedback.of_user(session.user_id, answer.id) is None
        assert await uow.messages.get(survivor.id) == survivor
