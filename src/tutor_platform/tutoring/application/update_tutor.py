"""The tutor's creator, its course's instructor or an admin changes a tutor."""

from collections.abc import Mapping
from dataclasses import dataclass
from uuid import UUID

from tutor_platform.shared.auth import Principal
from tutor_platform.shared.clock import Clock
from tutor_platform.tutoring.application.support.tutor_access import TutorAccess
from tutor_platform.tutoring.application.support.views import TutorView
from tutor_platform.tutoring.domain.tutor import TutorFields, apply_fields, cleaned_fields
from tutor_platform.tutoring.ports.unit_of_work import TutoringUnitOfWorkFactory


@dataclass(frozen=True, slots=True)
class TutorChanges:
    """``fields`` to change; a new ``course_id`` (one the caller may change), or ``detach``
    to take the tutor off its course."""

    fields: TutorFields
    course_id: UUID | None = None
    detach: bool = False


class UpdateTutor:
    def __init__(
        self,
        uow_factory: TutoringUnitOfWorkFactory,
        access: TutorAccess,
        clock: Clock,
        default_models: Mapping[str, str],
    ) -> None:
        self._uow_factory = uow_factory
        self._access = access
        self._clock = clock
        self._default_models = default_models

    async def execute(
        self, principal: Principal, tutor_id: UUID, changes: TutorChanges
    ) -> TutorView:
        fields = cleaned_fields(changes.fields)
        async with self._uow_factory() as uow:
            tutor = await self._access.ensure_can_edit(principal, await uow.tutors.lock(tutor_id))
            if changes.course_id is not None and changes.course_id != tutor.course_id:
                await self._access.ensure_can_attach(principal, changes.course_id)
                tutor.course_id = changes.course_id
            if changes.detach:
                tutor.course_id = None
            apply_fields(tutor, fields, self._default_models)
            tutor.updated_at = self._clock.now()
            await uow.tutors.update(tutor)
            await uow.commit()
        return TutorView.of(tutor, editor=True)
