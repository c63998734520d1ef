"""The feedback repository on every backend."""

from tests.contract.tutoring_repository.conftest import Backend, at
from tutor_platform.shared.ids import new_id
from tutor_platform.shared.pagination import PageRequest
from tutor_platform.tutoring.ports.repositories import FeedbackQuery


async def test_feedback_round_trips_and_is_replaced(backend: Backend) -> None:
    session = await backend.session(await backend.tutor())
    answer = await backend.answer(await backend.message(session))
    feedback = await backend.feedback(
        answer,
        session.user_id,
        positive_text="Clear",
        improvement_text="Shorter",
        quick_reaction="helpful",
        allow_training=True,
    )
    async with backend.uow_factory() as uow:
        assert await uow.feedback.of_user(session.user_id, answer.id) == feedback
        assert await uow.feedback.of_user(new_id(), answer.id) is None
        feedback.rating, feedback.processed, feedback.updated_at = 1, True, at(30)
        await uow.feedback.update(feedback)
        await uow.commit()
    async with backend.uow_factory() as uow:
        assert await uow.feedback.of_user(session.user_id, answer.id) == feedback


async def test_feedback_is_listed_and_exported_by_filter_in_id_order(backend: Backend) -> None:
    session = await backend.session(await backend.tutor())
    question = await backend.message(session, "Why?")
    answer = await backend.answer(question, "Because.")
    made = [
        await backend.feedback(answer, new_id(), allow_training=n % 2 == 0, processed=n == 0)
        for n in range(5)
    ]
    async with backend.uow_factory() as uow:
        every, total = await uow.feedback.search(FeedbackQuery(), PageRequest(10, 0))
        assert ([f.id for f in every], total) == ([f.id for f in made], 5)
        wanted = FeedbackQuery(processed=False, allow_training=True)
        page, total = await uow.feedback.search(wanted, PageRequest(1, 1))
        assert ([f.id for f in page], total) == ([made[4].id], 2)
        first = await uow.feedback.export_batch(FeedbackQuery(), None, 3)
        rest = await uow.feedback.export_batch(FeedbackQuery(), first[-1].feedback.id, 3)
        assert [row.feedback.id for row in first + rest] == [f.id for f in made]
        assert {(row.answer, row.question) for row in first} == {("Because.", "Why?")}
        exported = await uow.feedback.export_batch(wanted, None, 10)
        assert [row.feedback.id for row in exported] == [made[2].id, made[4].id]


async def test_marking_feedback_processed_counts_the_known_ids(backend: Backend) -> None:
    session = await backend.session(await backend.tutor())
    answer = await backend.answer(await backend.message(session))
    made = [await backend.feedback(answer, new_id()) for _ in range(3)]
    async with backend.uow_factory() as uow:
        assert await uow.feedback.mark_processed({made[0].id, made[1].id, new_id()}) == 2
        await uow.commit()
    async with backend.uow_factory() as uow:
        processed, _ = await uow.feedback.search(FeedbackQuery(processed=True), PageRequest(10, 0))
    assert {f.id for f in processed} == {made[0].id, made[1].id}
