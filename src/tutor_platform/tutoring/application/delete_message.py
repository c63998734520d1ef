"""The owner deletes a message of their session.

Deleting a user message deletes the tutor's answer to it too; deleting an answer leaves the
question, which counts as unanswered again (a retry with its ``client_message_id`` asks the
tutor anew). Feedback on a deleted answer goes with it and the tutor's rating is recomputed.
"""

from uuid import UUID

from tutor_platform.shared.auth import Principal
from tutor_platform.tutoring.domain.errors import MessageNotFound, SessionNotFound
from tutor_platform.tutoring.domain.message import MessageRole, ReplyState
from tutor_platform.tutoring.domain.session import ensure_owner
from tutor_platform.tutoring.ports.unit_of_work import TutoringUnitOfWorkFactory


class DeleteMessage:
    def __init__(self, uow_factory: TutoringUnitOfWorkFactory) -> None:
        self._uow_factory = uow_factory

    async def execute(self, principal: Principal, message_id: UUID) -> None:
        async with self._uow_factory() as uow:
            message = await uow.messages.get(message_id)
            if message is None:
                raise MessageNotFound()
            try:
                session = ensure_owner(principal, await uow.sessions.get(message.session_id))
            except SessionNotFound:
                raise MessageNotFound() from None
            await uow.tutors.lock(session.tutor_id)
            removed = await uow.messages.delete_with_reply(message.id)
            question_id = message.reply_to_id
            if (
                message.role == MessageRole.ASSISTANT
                and question_id is not None
                and await uow.messages.reply_to(question_id) is None
            ):
                await uow.messages.set_reply_state(question_id, ReplyState.UNANSWERED)
            await uow.sessions.forget_messages(session.id, removed)
            await uow.tutors.refresh_rating(session.tutor_id)
            await uow.commit()
