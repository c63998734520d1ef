"""Review cards on every backend: one per learner and question, due lists soonest first with
their count, and rescheduling."""

from dataclasses import replace
from datetime import timedelta
from uuid import UUID

from tests.contract.assessment_repository.conftest import Backend, at
from tutor_platform.assessment.domain.cards import ReviewCard
from tutor_platform.assessment.domain.quiz import Quiz
from tutor_platform.shared.ids import new_id


def card(quiz: Quiz, user: UUID, question: int, due_seconds: float) -> ReviewCard:
    return ReviewCard(
        id=new_id(),
        user_id=user,
        course_id=quiz.course_id,
        quiz_id=quiz.id,
        question_id=quiz.questions[question].id,
        lesson_id=None,
        schedule={"state": 1, "step": 0},
        due_at=at(due_seconds),
        last_reviewed_at=at(0),
        reviews=1,
        created_at=at(0),
    )


async def test_a_learner_has_one_card_per_question(backend: Backend) -> None:
    quiz = await backend.quiz()
    user = new_id()
    first = card(quiz, user, 0, 60)
    async with backend.uow_factory() as uow:
        await uow.cards.add_new([first])
        await uow.cards.add_new([card(quiz, user, 0, 5), card(quiz, new_id(), 0, 5)])
        await uow.commit()

    async with backend.uow_factory() as uow:
        mine, total = await uow.cards.due(user, at(3600), None, 10)

    assert (mine, total) == ([(first, quiz.questions[0])], 1)


async def test_due_cards_come_soonest_first_with_their_count(backend: Backend) -> None:
    course = await backend.course()
    quiz, other = await backend.quiz(course), await backend.quiz()
    user = new_id()
    cards = [card(quiz, user, 0, 30), card(quiz, user, 1, 10), card(other, user, 2, 20)]
    later = card(quiz, user, 3, 7200)
    async with backend.uow_factory() as uow:
        await uow.cards.add_new([*cards, later])
        await uow.commit()

    async with backend.uow_factory() as uow:
        first_two, total = await uow.cards.due(user, at(3600), None, 2)
        of_course, course_total = await uow.cards.due(user, at(3600), course, 10)
        nobody, none = await uow.cards.due(new_id(), at(3600), None, 10)

    assert ([c for c, _ in first_two], total) == ([cards[1], cards[2]], 3)
    assert [q for _, q in first_two] == [quiz.questions[1], other.questions[2]]
    assert ([c for c, _ in of_course], course_total) == ([cards[1], cards[0]], 2)
    assert (nobody, none) == ([], 0)


async def test_a_rescheduled_card_is_stored(backend: Backend) -> None:
    quiz = await backend.quiz()
    made = card(quiz, new_id(), 0, 60)
    async with backend.uow_factory() as uow:
        await uow.cards.add_new([made])
        await uow.commit()
    moved = replace(
        made,
        schedule={"state": 2, "stability": 3.2},
        due_at=made.due_at + timedelta(days=3),
        last_reviewed_at=at(120),
        reviews=2,
    )

    async with backend.uow_factory() as uow:
        locked = await uow.cards.lock(made.id)
        await uow.cards.update(moved)
        await uow.commit()
    async with backend.uow_factory() as uow:
        stored = await uow.cards.get(made.id)
        unknown = await uow.cards.lock(new_id())

    assert locked == made
    assert stored == moved
    assert unknown is None
