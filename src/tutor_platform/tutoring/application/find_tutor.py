"""For other contexts: a tutor by id, whoever may see it."""

from uuid import UUID

from tutor_platform.tutoring.domain.tutor import Tutor
from tutor_platform.tutoring.ports.unit_of_work import TutoringUnitOfWorkFactory


class FindTutor:
    def __init__(self, uow_factory: TutoringUnitOfWorkFactory) -> None:
        self._uow_factory = uow_factory

    async def execute(self, tutor_id: UUID) -> Tutor | None:
        async with self._uow_factory() as uow:
            return await uow.tutors.get(tutor_id)
