"""A learner's mastery of each lesson of a course, in course order, with its evidence.

A learner sees their own; the course's instructor and admins see any learner's (``user_id``).
Anyone else asking for another learner, and an unknown learner, get 404; a course hidden from
the caller is 404 too. Lessons without evidence show the prior (``p_init``).
"""

from dataclasses import dataclass
from datetime import datetime
from typing import Final
from uuid import UUID

from tutor_platform.assessment.application.support.mastery_tracing import course_mastery
from tutor_platform.assessment.application.support.quiz_access import QuizAccess
from tutor_platform.assessment.domain.errors import UserNotFound
from tutor_platform.assessment.domain.mastery import CourseBkt, untraced
from tutor_platform.assessment.ports.accounts import UserDirectory
from tutor_platform.assessment.ports.courses import CourseCatalog
from tutor_platform.assessment.ports.unit_of_work import AssessmentUnitOfWorkFactory
from tutor_platform.shared.auth import Principal

P_MASTERY_DIGITS: Final = 6
"""``p_mastery`` is shown to this many decimal places (kept unrounded)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class LessonMasteryView:
    lesson_id: UUID
    title: str
    p_mastery: float
    mastered: bool
    evidence: int
    last_evidence_at: datetime | None


@dataclass(frozen=True, slots=True)
class MasteryReport:
    """The learner's mastery of each lesson, and the parameters it was traced with."""

    bkt: CourseBkt
    lessons: list[LessonMasteryView]


class GetMastery:
    def __init__(
        self,
        uow_factory: AssessmentUnitOfWorkFactory,
        access: QuizAccess,
        catalog: CourseCatalog,
        users: UserDirectory,
    ) -> None:
        self._uow_factory = uow_factory
        self._access = access
        self._catalog = catalog
        self._users = users

    async def execute(
        self, principal: Principal, course_id: UUID, user_id: UUID | None = None
    ) -> MasteryReport:
        await self._access.ensure_course_visible(principal, course_id)
        learner = principal.user_id if user_id is None else user_id
        if learner != principal.user_id and not (
            await self._access.edits_course(principal, course_id)
            and await self._users.exists(learner)
        ):
            raise UserNotFound()
        async with self._uow_factory() as uow:
            bkt, traced = await course_mastery(uow, learner, course_id)
        views = []
        for section in await self._catalog.sections(course_id):
            for lesson in section.lessons:
                mastery = traced.get(lesson.id) or untraced(learner, course_id, lesson.id, bkt)
                views.append(
                    LessonMasteryView(
                        lesson_id=lesson.id,
                        title=lesson.title,
                        p_mastery=round(mastery.p_mastery, P_MASTERY_DIGITS),
                        mastered=mastery.mastered(bkt.parameters),
                        evidence=mastery.evidence,
                        last_evidence_at=mastery.last_evidence_at,
                    )
                )
        return MasteryReport(bkt, views)
