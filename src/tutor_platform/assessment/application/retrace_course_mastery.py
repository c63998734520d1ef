"""Tracing a course's mastery again after its BKT parameters changed (the job
``assessment.retrace_mastery``), so that the instructor's figures follow the change: a batch
of learners per transaction, until none is traced with earlier parameters."""

from dataclasses import dataclass
from typing import Final
from uuid import UUID

from tutor_platform.assessment.application.support.mastery_tracing import retrace_learner
from tutor_platform.assessment.ports.unit_of_work import AssessmentUnitOfWorkFactory

RETRACE_MASTERY: Final = "assessment.retrace_mastery"
LEARNERS_PER_BATCH: Final = 100


@dataclass(frozen=True, slots=True)
class RetracedMastery:
    course_id: UUID
    learners: int


class RetraceCourseMastery:
    def __init__(self, uow_factory: AssessmentUnitOfWorkFactory) -> None:
        self._uow_factory = uow_factory

    async def execute(self, course_id: UUID) -> RetracedMastery:
        """Safe to run twice or after another change: it traces what is stale when it runs."""
        retraced = 0
        previous: list[UUID] = []
        while True:
            async with self._uow_factory() as uow:
                bkt = await uow.mastery.parameters(course_id)
                learners = await uow.mastery.stale_learners(
                    course_id, bkt.version, LEARNERS_PER_BATCH
                )
                if not learners or learners == previous:
                    return RetracedMastery(course_id, retraced)
                for user_id in learners:
                    await retrace_learner(uow, user_id, course_id)
                await uow.commit()
            retraced += len(learners)
            previous = learners
