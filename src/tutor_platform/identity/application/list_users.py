"""Administrators list users, filtered by role, activity and a search text."""

from tutor_platform.identity.application.support.views import UserView
from tutor_platform.identity.domain.validation import (
    FieldChecks,
    has_control_characters,
    role_problem,
)
from tutor_platform.identity.ports.repositories import UserQuery
from tutor_platform.identity.ports.unit_of_work import IdentityUnitOfWorkFactory
from tutor_platform.shared.clock import Clock
from tutor_platform.shared.pagination import Page, PageRequest

MAX_QUERY_LENGTH = 200


class ListUsers:
    def __init__(self, uow_factory: IdentityUnitOfWorkFactory, clock: Clock) -> None:
        self._uow_factory = uow_factory
        self._clock = clock

    async def execute(self, query: UserQuery, page: PageRequest) -> Page[UserView]:
        text = (query.q or "").strip() or None
        checks = FieldChecks()
        if query.role is not None:
            checks.check("role", role_problem(query.role))
        if text is not None and (len(text) > MAX_QUERY_LENGTH or has_control_characters(text)):
            checks.check("q", f"must be at most {MAX_QUERY_LENGTH} printable characters")
        checks.raise_if_failed()
        async with self._uow_factory() as uow:
            users, total = await uow.users.search(
                UserQuery(role=query.role, is_active=query.is_active, q=text), page
            )
        now = self._clock.now()
        return Page(
            items=[UserView.of(user, now) for user in users],
            total=total,
            limit=page.limit,
            offset=page.offset,
        )
