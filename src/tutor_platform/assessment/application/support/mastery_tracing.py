"""Keeping mastery current inside the transaction of the answer that changed it, and reading
it with the course's present parameters."""

from collections import defaultdict
from collections.abc import Collection, Sequence
from uuid import UUID

from tutor_platform.assessment.domain.mastery import (
    CourseBkt,
    Evidence,
    LessonMastery,
    folded,
    traced,
)
from tutor_platform.assessment.ports.unit_of_work import AssessmentUnitOfWork


async def record_evidence(
    uow: AssessmentUnitOfWork, user_id: UUID, course_id: UUID, evidence: Sequence[Evidence]
) -> None:
    """Store new evidence (an attempt keeps only first answers) and update the lessons that
    got some. The lock comes after the insert: whichever transaction locks a lesson last
    reads every other one's committed evidence with its own, so none is lost. Evidence newer
    than a lesson's last is folded onto its kept mastery when that was traced with the
    course's present parameters; otherwise the lesson is retraced."""
    if not evidence:
        return
    stored = await uow.mastery.add_evidence(evidence)
    new: dict[UUID, list[Evidence]] = defaultdict(list)
    for item in stored:
        new[item.lesson_id].append(item)
    if not new:
        return
    current = await uow.mastery.lock(user_id, course_id, new)
    bkt = await uow.mastery.parameters(course_id)
    updated: list[LessonMastery] = []
    stale = []
    for lesson_id, items in new.items():
        mastery = folded(current[lesson_id], items, bkt)
        if mastery is None:
            stale.append(lesson_id)
        else:
            updated.append(mastery)
    await uow.mastery.save([*updated, *await _retraced(uow, user_id, bkt, stale)])


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
        bkt = await uow.mastery.parameters(course_id)
        await uow.mastery.save(await _retraced(uow, user_id, bkt, [changed.lesson_id]))


async def course_mastery(
    uow: AssessmentUnitOfWork, user_id: UUID, course_id: UUID
) -> tuple[CourseBkt, dict[UUID, LessonMastery]]:
    """The course's parameters and the learner's traced lessons of the course, by lesson:
    those traced with earlier parameters are traced again with the present ones (in memory;
    the next answer to the lesson stores it)."""
    bkt = await uow.mastery.parameters(course_id)
    kept = {m.lesson_id: m for m in await uow.mastery.of_course(user_id, course_id)}
    stale = [lesson_id for lesson_id, m in kept.items() if not m.current(bkt.version)]
    for mastery in await _retraced(uow, user_id, bkt, stale):
        kept[mastery.lesson_id] = mastery
    return bkt, kept


async def retrace_learner(uow: AssessmentUnitOfWork, user_id: UUID, course_id: UUID) -> None:
    """Store the learner's lessons of the course traced with earlier parameters traced again
    with the present ones (locked first, so an answer arriving meanwhile takes its turn)."""
    bkt = await uow.mastery.parameters(course_id)
    kept = await uow.mastery.of_course(user_id, course_id)
    stale = [m.lesson_id for m in kept if not m.current(bkt.version)]
    if stale:
        await uow.mastery.lock(user_id, course_id, stale)
        await uow.mastery.save(await _retraced(uow, user_id, bkt, stale))


async def _retraced(
    uow: AssessmentUnitOfWork, user_id: UUID, bkt: CourseBkt, lesson_ids: Collection[UUID]
) -> list[LessonMastery]:
    if not lesson_ids:
        return []
    evidence = await uow.mastery.evidence(user_id, lesson_ids)
    return [
        traced(user_id, bkt.course_id, lesson_id, evidence.get(lesson_id, []), bkt)
        for lesson_id in sorted(lesson_ids)
    ]
