"""The owner of its session (or an admin, for audit) reads one message."""

from uuid import UUID

from tutor_platform.shared.auth import Principal
from tutor_platform.tutoring.application.support.alternatives import with_alternatives
from tutor_platform.tutoring.domain.errors import MessageNotFound, SessionNotFound
from tutor_platform.tutoring.domain.message import Message
from tutor_platform.tutoring.domain.session import ensure_can_read
from tutor_platform.tutoring.ports.unit_of_work import TutoringUnitOfWorkFactory


class GetMessage:
    def __init__(self, uow_factory: TutoringUnitOfWorkFactory) -> None:
        self._uow_factory = uow_factory

    async def execute(self, principal: Principal, message_id: UUID) -> Message:
        async with self._uow_factory() as uow:
            message = await uow.messages.get(message_id)
            if message is None:
                raise MessageNotFound()
            try:
                ensure_can_read(principal, await uow.sessions.get(message.session_id))
            except SessionNotFound:
                raise MessageNotFound() from None
            return (await with_alternatives(uow, [message]))[0]
