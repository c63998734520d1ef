"""The owner (or an admin, for audit) pages through a session's messages, newest page first,
each page oldest first (keyset paging: ``before_id`` is the oldest message already shown)."""

from typing import Final
from uuid import UUID

from tutor_platform.shared.auth import Principal
from tutor_platform.tutoring.application.support.alternatives import with_alternatives
from tutor_platform.tutoring.domain.session import ensure_can_read
from tutor_platform.tutoring.domain.validation import fail
from tutor_platform.tutoring.ports.repositories import MessagePage
from tutor_platform.tutoring.ports.unit_of_work import TutoringUnitOfWorkFactory

DEFAULT_MESSAGE_LIMIT: Final = 50
MAX_MESSAGE_LIMIT: Final = 100


class ListMessages:
    def __init__(self, uow_factory: TutoringUnitOfWorkFactory) -> None:
        self._uow_factory = uow_factory

    async def execute(
        self,
        principal: Principal,
        session_id: UUID,
        before_id: UUID | None = None,
        limit: int = DEFAULT_MESSAGE_LIMIT,
    ) -> MessagePage:
        """422 on ``before_id`` when it is not a message of this session (any more)."""
        async with self._uow_factory() as uow:
            session = ensure_can_read(principal, await uow.sessions.get(session_id))
            before = None
            if before_id is not None:
                before = await uow.messages.get(before_id)
                if before is None or before.session_id != session.id:
                    raise fail("before_id", "must be the id of a message of this session")
            page = await uow.messages.page(session.id, before, limit)
            return MessagePage(await with_alternatives(uow, page.items), page.has_more)
