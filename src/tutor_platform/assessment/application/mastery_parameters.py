"""A course's BKT parameters: read by whoever sees the course, set by its instructor or an
admin (``GET``/``PUT /courses/{id}/mastery-parameters``).

Setting them stores the four probabilities under the next version (one statement, so two
instructors saving at once get two versions, never one version for two sets). No mastery is
rewritten in that request: each learner's mastery of a lesson keeps the version it was traced
with and is traced again with the new parameters when it is next read or answered
(``mastery_tracing``), and, for the instructor's figures, by a job that the change enqueues
(``MasteryParametersChanged``, ``RetraceCourseMastery``).
"""

from dataclasses import dataclass
from uuid import UUID

from tutor_platform.assessment.application.support.quiz_access import QuizAccess
from tutor_platform.assessment.domain.events import MasteryParametersChanged
from tutor_platform.assessment.domain.mastery import BktParameters, CourseBkt, parameter_problems
from tutor_platform.assessment.ports.unit_of_work import AssessmentUnitOfWorkFactory
from tutor_platform.shared.auth import Principal
from tutor_platform.shared.clock import Clock
from tutor_platform.shared.validation import FieldChecks


@dataclass(frozen=True, slots=True, kw_only=True)
class NewBktParameters:
    p_init: float
    p_transit: float
    p_slip: float
    p_guess: float


class GetMasteryParameters:
    def __init__(self, uow_factory: AssessmentUnitOfWorkFactory, access: QuizAccess) -> None:
        self._uow_factory = uow_factory
        self._access = access

    async def execute(self, principal: Principal, course_id: UUID) -> CourseBkt:
        """404 when the course is unknown or hidden from the caller."""
        await self._access.ensure_course_visible(principal, course_id)
        async with self._uow_factory() as uow:
            return await uow.mastery.parameters(course_id)


class SetMasteryParameters:
    def __init__(
        self, uow_factory: AssessmentUnitOfWorkFactory, access: QuizAccess, clock: Clock
    ) -> None:
        self._uow_factory = uow_factory
        self._access = access
        self._clock = clock

    async def execute(
        self, principal: Principal, course_id: UUID, new: NewBktParameters
    ) -> CourseBkt:
        """404 for an unknown course, 403 unless the caller is its instructor or an admin,
        422 for parameters outside their ranges."""
        await self._access.ensure_course_editor(principal, course_id)
        parameters = BktParameters(
            p_init=new.p_init, p_transit=new.p_transit, p_slip=new.p_slip, p_guess=new.p_guess
        )
        checks = FieldChecks()
        for field, problem in parameter_problems(parameters).items():
            checks.check(field, problem)
        checks.raise_if_failed()
        async with self._uow_factory() as uow:
            saved = await uow.mastery.set_parameters(
                CourseBkt(
                    course_id=course_id,
                    parameters=parameters,
                    updated_by=principal.user_id,
                    updated_at=self._clock.now(),
                )
            )
            uow.record(MasteryParametersChanged(course_id))
            await uow.commit()
        return saved
