"""Mastery storage on every backend: only the first attempt at a question is evidence, a
person's grade changes it, traced lessons are kept per learner and course, and two updates of
one lesson take turns (on the databases)."""

import asyncio
from datetime import timedelta
from functools import partial
from uuid import UUID

from sqlalchemy.ext.asyncio import AsyncEngine

from tests.contract.assessment_repository.conftest import Backend
from tests.contract.search_index.catalog_rows import CatalogRows
from tests.support.clock import T0
from tutor_platform.assessment.adapters.outbound.sqlalchemy.unit_of_work import (
    SqlAlchemyAssessmentUnitOfWork,
)
from tutor_platform.assessment.application.retrace_course_mastery import RetraceCourseMastery
from tutor_platform.assessment.application.support.mastery_tracing import record_evidence
from tutor_platform.assessment.domain.mastery import (
    BktParameters,
    CourseBkt,
    Evidence,
    EvidenceSource,
    p_mastery,
)
from tutor_platform.shared.ids import new_id
from tutor_platform.shared.persistence.engine import create_session_factory


def evidence(
    user: UUID,
    course: UUID,
    lesson: UUID,
    question: UUID,
    correct: bool,
    seconds: int,
    source: str = EvidenceSource.ATTEMPT,
) -> Evidence:
    return Evidence(
        id=new_id(),
        user_id=user,
        course_id=course,
        lesson_id=lesson,
        question_id=question,
        source=source,
        source_id=new_id(),
        correct=correct,
        observed_at=T0 + timedelta(seconds=seconds),
    )


async def test_only_the_first_attempt_at_a_question_is_evidence(backend: Backend) -> None:
    course = await backend.course()
    lesson = await backend.lesson(course)
    user, question = new_id(), new_id()
    first = evidence(user, course, lesson, question, True, 1)
    retry = evidence(user, course, lesson, question, False, 2)
    review = evidence(user, course, lesson, question, False, 3, EvidenceSource.REVIEW)
    again = evidence(user, course, lesson, question, True, 4, EvidenceSource.REVIEW)
    someone_else = evidence(new_id(), course, lesson, question, False, 5)

    async with backend.uow_factory() as uow:
        stored = await uow.mastery.add_evidence([first, retry, review, again, someone_else])
        await uow.commit()
    async with backend.uow_factory() as uow:
        kept = (await uow.mastery.evidence(user, [lesson]))[lesson]

    assert stored == [first, review, again, someone_else]
    assert kept == [first, review, again]


async def test_a_regrade_changes_the_evidence_of_that_attempt_and_question(
    backend: Backend,
) -> None:
    course = await backend.course()
    lesson = await backend.lesson(course)
    user, question = new_id(), new_id()
    item = evidence(user, course, lesson, question, False, 1)
    async with backend.uow_factory() as uow:
        await uow.mastery.add_evidence([item])
        await uow.commit()

    async with backend.uow_factory() as uow:
        changed = await uow.mastery.regrade(item.source_id, question, True)
        unknown = await uow.mastery.regrade(new_id(), question, True)
        await uow.commit()
    async with backend.uow_factory() as uow:
        kept = (await uow.mastery.evidence(user, [lesson]))[lesson]

    assert changed is not None
    assert changed.correct is True
    assert unknown is None
    assert [e.correct for e in kept] == [True]


async def test_traced_lessons_are_kept_per_learner_and_course(backend: Backend) -> None:
    course, other_course = await backend.course(), await backend.course()
    lesson, other_lesson = await backend.lesson(course), await backend.lesson(other_course)
    user = new_id()
    async with backend.uow_factory() as uow:
        await record_evidence(
            uow,
            user,
            course,
            [
                evidence(user, course, lesson, new_id(), True, 1),
                evidence(user, course, lesson, new_id(), True, 2),
            ],
        )
        await record_evidence(
            uow,
            user,
            other_course,
            [evidence(user, other_course, other_lesson, new_id(), False, 3)],
        )
        await uow.commit()

    async with backend.uow_factory() as uow:
        (traced,) = await uow.mastery.of_course(user, course)
        nobody = await uow.mastery.of_course(new_id(), course)

    assert traced.lesson_id == lesson
    assert traced.p_mastery == p_mastery([True, True])
    assert (traced.evidence, traced.last_evidence_at) == (2, T0 + timedelta(seconds=2))
    assert nobody == []


async def test_concurrent_evidence_of_one_lesson_is_all_traced(
    db_engine: AsyncEngine, clean_db: None
) -> None:
    factory = partial(SqlAlchemyAssessmentUnitOfWork, create_session_factory(db_engine))
    backend = Backend(factory, db_engine.dialect.name, CatalogRows(db_engine))
    course = await backend.course()
    lesson = await backend.lesson(course)
    user = new_id()
    start = asyncio.Event()

    async def answer(seconds: int) -> None:
        await start.wait()
        async with factory() as uow:
            item = evidence(user, course, lesson, new_id(), True, seconds)
            await record_evidence(uow, user, course, [item])
            await asyncio.sleep(0.05)
            await uow.commit()

    tasks = [asyncio.create_task(answer(seconds)) for seconds in range(6)]
    start.set()
    await asyncio.gather(*tasks)
    async with factory() as uow:
        (traced,) = await uow.mastery.of_course(user, course)

    assert traced.evidence == 6
    assert traced.p_mastery == p_mastery([True] * 6)


async def test_a_courses_parameters_are_versioned_and_traced_with(backend: Backend) -> None:
    course = await backend.course()
    lesson = await backend.lesson(course)
    user = new_id()
    mine = BktParameters(p_init=0.3, p_transit=0.2, p_slip=0.05, p_guess=0.2)
    theirs = BktParameters(p_init=0.2, p_transit=0.1, p_slip=0.1, p_guess=0.3)

    async with backend.uow_factory() as uow:
        default = await uow.mastery.parameters(course)
        first = await uow.mastery.set_parameters(
            CourseBkt(course_id=course, parameters=mine, updated_by=user, updated_at=T0)
        )
        second = await uow.mastery.set_parameters(
            CourseBkt(course_id=course, parameters=theirs, updated_by=user, updated_at=T0)
        )
        await record_evidence(
            uow, user, course, [evidence(user, course, lesson, new_id(), True, 1)]
        )
        await uow.commit()
    async with backend.uow_factory() as uow:
        stored = await uow.mastery.parameters(course)
        (kept,) = await uow.mastery.of_course(user, course)

    assert (default.version, default.parameters, default.custom) == (0, BktParameters(), False)
    assert (first.version, second.version) == (1, 2)
    assert (stored.parameters, stored.version, stored.updated_by) == (theirs, 2, user)
    assert stored.updated_at == T0
    assert kept.parameters_version == 2
    assert kept.p_mastery == p_mastery([True], theirs)


async def test_learners_traced_with_earlier_parameters_are_found_and_traced_again(
    backend: Backend,
) -> None:
    course = await backend.course()
    lesson = await backend.lesson(course)
    first, second = sorted([new_id(), new_id()])
    mine = BktParameters(p_init=0.3, p_transit=0.2, p_slip=0.05, p_guess=0.2)
    async with backend.uow_factory() as uow:
        for user, correct in ((first, True), (second, False)):
            answer = evidence(user, course, lesson, new_id(), correct, 1)
            await record_evidence(uow, user, course, [answer])
        await uow.commit()
    async with backend.uow_factory() as uow:
        bkt = await uow.mastery.set_parameters(
            CourseBkt(course_id=course, parameters=mine, updated_by=first, updated_at=T0)
        )
        await uow.commit()
    async with backend.uow_factory() as uow:
        stale = await uow.mastery.stale_learners(course, bkt.version, 10)
        one = await uow.mastery.stale_learners(course, bkt.version, 1)
        elsewhere = await uow.mastery.stale_learners(await backend.course(), 0, 10)

    retraced = await RetraceCourseMastery(backend.uow_factory).execute(course)
    again = await RetraceCourseMastery(backend.uow_factory).execute(course)
    async with backend.uow_factory() as uow:
        left = await uow.mastery.stale_learners(course, bkt.version, 10)
        (kept,) = await uow.mastery.of_course(first, course)

    assert (stale, one, elsewhere) == ([first, second], [first], [])
    assert (retraced.learners, again.learners, left) == (2, 0, [])
    assert kept.parameters_version == bkt.version
    assert kept.p_mastery == p_mastery([True], mine)
