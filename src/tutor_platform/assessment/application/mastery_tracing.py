"""Keeping mastery current inside the transaction of the answer that changed it."""

from collections.abc import Collection, Sequence
from uuid import UUID

from tutor_platform.assessment.domain.mastery import Evidence, traced
from tutor_platform.assessment.ports.unit_of_work import AssessmentUnitOfWork


async def record_evidence(
    uow: AssessmentUnitOfWork, user_id: UUID, course_id: UUID, evidence: Sequence[Evidence]
) -> None:
    """Store new evidence (an attempt keeps only first answers) and retrace the lessons that
    got some. The lock comes after the insert: whichever transaction locks a lesson last
    reads every other one's committed evidence with its own, so none is lost."""
    if not evidence:
        return
    stored = await uow.mastery.add_evidence(evidence)
    lessons = {item.lesson_id for item in stored}
    await uow.mastery.lock(user_id, course_id, lessons)
    await retrace(uow, user_id, course_id, lessons)


async def regrade_evidence(
    uow: AssessmentUnitOfWork,
    user_id: UUID,
    course_id: UUID,
    attempt_id: UUID,
    question_id: UUID,
    correct: bool,
) -> None:
    """A person's grade changed whether an answer was right: retrace its lesson if it was
    evidence."""
    changed = await uow.mastery.regrade(attempt_id, question_id, correct)
    if changed is not None:
        await uow.mastery.lock(user_id, course_id, [changed.lesson_id])
        await retrace(uow, user_id, course_id, [changed.lesson_id])


async def retrace(
    uow: AssessmentUnitOfWork, user_id: UUID, course_id: UUID, lesson_ids: Collection[UUID]
) -> None:
    for lesson_id in sorted(lesson_ids):
        evidence = await uow.mastery.evidence(user_id, lesson_id)
        await uow.mastery.save(traced(user_id, course_id, lesson_id, evidence))
