"""A user starts a conversation with an active tutor they may see."""

from uuid import UUID

from tutor_platform.shared.auth import Principal
from tutor_platform.shared.clock import Clock
from tutor_platform.shared.ids import new_id
from tutor_platform.tutoring.application.support.tutor_access import TutorAccess
from tutor_platform.tutoring.domain.session import ChatSession, clean_title, default_title
from tutor_platform.tutoring.domain.validation import fail
from tutor_platform.tutoring.ports.unit_of_work import TutoringUnitOfWorkFactory


class StartSession:
    """Without a title, the session is called "Chat with <tutor name>"."""

    def __init__(
        self, uow_factory: TutoringUnitOfWorkFactory, access: TutorAccess, clock: Clock
    ) -> None:
        self._uow_factory = uow_factory
        self._access = access
        self._clock = clock

    async def execute(
        self, principal: Principal, tutor_id: UUID, title: str | None = None
    ) -> ChatSession:
        cleaned = None if title is None else clean_title(title)
        async with self._uow_factory() as uow:
            tutor = await uow.tutors.get(tutor_id)
            if tutor is None or not await self._access.can_use(principal, tutor):
                raise fail("tutor_id", "must be an active tutor you can see")
            now = self._clock.now()
            session = ChatSession(
                id=new_id(),
                user_id=principal.user_id,
                tutor_id=tutor.id,
                title=cleaned or default_title(tutor.name),
                created_at=now,
                updated_at=now,
            )
            await uow.sessions.add(session)
            await uow.figures.session_started(tutor.id, session.id, now)
            await uow.commit()
        return session
