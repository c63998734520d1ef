"""A user lists their own sessions, newest activity first; ``q`` searches their titles and
the text of their messages."""

from uuid import UUID

from tutor_platform.shared.auth import Principal
from tutor_platform.shared.pagination import Page, PageRequest
from tutor_platform.tutoring.domain.session import ChatSession
from tutor_platform.tutoring.ports.repositories import SessionQuery
from tutor_platform.tutoring.ports.unit_of_work import TutoringUnitOfWorkFactory


class ListSessions:
    def __init__(self, uow_factory: TutoringUnitOfWorkFactory) -> None:
        self._uow_factory = uow_factory

    async def execute(
        self,
        principal: Principal,
        page: PageRequest,
        tutor_id: UUID | None = None,
        q: str | None = None,
    ) -> Page[ChatSession]:
        query = SessionQuery(user_id=principal.user_id, tutor_id=tutor_id, q=q or None)
        async with self._uow_factory() as uow:
            sessions, total = await uow.sessions.search(query, page)
        return Page(items=sessions, total=total, limit=page.limit, offset=page.offset)
