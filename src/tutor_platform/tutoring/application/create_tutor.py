"""Instructors and admins create a tutor, optionally for a course they may change."""

from collections.abc import Mapping
from dataclasses import dataclass
from uuid import UUID

from tutor_platform.shared.auth import Principal
from tutor_platform.shared.clock import Clock
from tutor_platform.shared.ids import new_id
from tutor_platform.tutoring.application.support.tutor_access import TutorAccess
from tutor_platform.tutoring.application.support.views import TutorView
from tutor_platform.tutoring.domain.tutor import (
    DEFAULT_TEMPERATURE,
    Tutor,
    TutorFields,
    apply_fields,
    cleaned_fields,
)
from tutor_platform.tutoring.ports.unit_of_work import TutoringUnitOfWorkFactory


@dataclass(frozen=True, slots=True)
class NewTutor:
    """``model_id`` None: the provider's default model."""

    name: str
    provider: str = "local"
    course_id: UUID | None = None
    description: str = ""
    model_id: str | None = None
    knowledge_base_id: str | None = None
    system_prompt: str = ""
    temperature: float = DEFAULT_TEMPERATURE
    is_active: bool = True


class CreateTutor:
    """The caller becomes the tutor's creator. ``default_models`` maps each provider to the
    model a tutor gets when it names none."""

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

    async def execute(self, principal: Principal, new: NewTutor) -> TutorView:
        fields = cleaned_fields(
            TutorFields(
                name=new.name,
                description=new.description,
                provider=new.provider,
                model_id=new.model_id,
                knowledge_base_id=new.knowledge_base_id,
                system_prompt=new.system_prompt,
                temperature=new.temperature,
                is_active=new.is_active,
            )
        )
        if new.course_id is not None:
            await self._access.ensure_can_attach(principal, new.course_id)
        now = self._clock.now()
        provider = fields.provider or new.provider
        tutor = Tutor(
            id=new_id(),
            name="",
            provider=provider,
            model_id=self._default_models[provider],
            created_by=principal.user_id,
            created_at=now,
            updated_at=now,
            course_id=new.course_id,
        )
        apply_fields(tutor, fields, self._default_models)
        async with self._uow_factory() as uow:
            await uow.tutors.add(tutor)
            await uow.commit()
        return TutorView.of(tutor, editor=True)
