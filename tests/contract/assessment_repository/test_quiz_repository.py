"""Quizzes are stored with their questions, in order, and come back as they were."""

from dataclasses import replace
from decimal import Decimal

from tests.contract.assessment_repository.conftest import Backend, at, every_kind
from tutor_platform.assessment.domain.quiz import Question, QuestionKind
from tutor_platform.shared.ids import new_id
from tutor_platform.shared.pagination import PageRequest


async def test_a_quiz_round_trips_with_every_question_kind(backend: Backend) -> None:
    course_id = await backend.course()
    lesson_id = await backend.lesson(course_id)
    quiz = await backend.quiz(
        course_id,
        lesson_id=lesson_id,
        passing_score=Decimal("0.6667"),
        is_premium=True,
        max_attempts=3,
    )

    async with backend.uow_factory() as uow:
        stored = await uow.quizzes.get(quiz.id)

    assert stored == quiz
    assert stored is not None
    assert stored.passing_score == Decimal("0.6667")
    assert [q.kind for q in stored.questions] == [q.kind for q in every_kind()]


async def test_an_unknown_quiz_is_none(backend: Backend) -> None:
    async with backend.uow_factory() as uow:
        assert await uow.quizzes.get(new_id()) is None


async def test_nothing_is_stored_without_commit(backend: Backend) -> None:
    course_id = await backend.course()
    quiz = await backend.quiz(course_id)
    async with backend.uow_factory() as uow:
        await uow.quizzes.delete(quiz.id)

    async with backend.uow_factory() as uow:
        assert await uow.quizzes.get(quiz.id) == quiz


async def test_update_replaces_the_questions_and_keeps_them_otherwise(backend: Backend) -> None:
    quiz = await backend.quiz()
    renamed = replace(quiz, title="Renamed", max_attempts=None, updated_at=at(5))
    new_question = Question(
        id=new_id(), kind=QuestionKind.TRUE_FALSE, prompt="New?", points=4, correct=False
    )
    replaced = replace(renamed, questions=(new_question,))

    async with backend.uow_factory() as uow:
        await uow.quizzes.update(renamed)
        await uow.commit()
    async with backend.uow_factory() as uow:
        after_rename = await uow.quizzes.get(quiz.id)
        await uow.quizzes.update(replaced)
        await uow.commit()
    async with backend.uow_factory() as uow:
        after_replace = await uow.quizzes.get(quiz.id)

    assert after_rename == renamed
    assert after_replace == replaced
    assert after_replace is not None
    assert after_replace.max_points == 4


async def test_a_course_lists_its_quizzes_oldest_first_in_pages(backend: Backend) -> None:
    course_id = await backend.course()
    made = [await backend.quiz(course_id, title=f"Q{n}", created_at=at(n)) for n in (3, 1, 2)]
    await backend.quiz()

    async with backend.uow_factory() as uow:
        first, total = await uow.quizzes.of_course(course_id, PageRequest(limit=2))
        second, _ = await uow.quizzes.of_course(course_id, PageRequest(limit=2, offset=2))
        everything = await uow.quizzes.all_of_course(course_id)

    assert total == 3
    assert [q.title for q in first + second] == ["Q1", "Q2", "Q3"]
    assert [q.title for q in everything] == ["Q1", "Q2", "Q3"]
    assert {q.id: q.questions for q in everything} == {m.id: m.questions for m in made}


async def test_deleting_a_quiz_deletes_its_attempts(backend: Backend) -> None:
    quiz = await backend.quiz()
    user = new_id()
    await backend.attempt(quiz, user)

    async with backend.uow_factory() as uow:
        await uow.quizzes.delete(quiz.id)
        await uow.commit()
    async with backend.uow_factory() as uow:
        gone = await uow.quizzes.get(quiz.id)
        attempts, total = await uow.attempts.search(quiz.id, None, PageRequest())

    assert gone is None
    assert (attempts, total) == ([], 0)
