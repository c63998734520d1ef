"""Users on SQLAlchemy; unique constraints decide duplicates, even under a race."""

from collections.abc import Awaitable
from typing import Any, cast
from uuid import UUID

from sqlalchemy import ColumnElement, Table, func, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from tutor_platform.identity.adapters.outbound.sqlalchemy.tables import UserRow
from tutor_platform.identity.domain.errors import EmailTaken, UsernameTaken, UserNotFound
from tutor_platform.identity.domain.subscription import Subscription
from tutor_platform.identity.domain.user import User, normalize_email
from tutor_platform.identity.ports.repositories import UserQuery
from tutor_platform.shared.auth import Role
from tutor_platform.shared.pagination import PageRequest
from tutor_platform.shared.persistence.mapping import to_entity, to_values
from tutor_platform.shared.persistence.repository import Repository

USERS = cast(Table, UserRow.__table__)
_C = USERS.c


def user_from_row(row: Any) -> User:
    """A user from a row of ``users`` (the subscription is three columns)."""
    subscription = Subscription(row.plan, row.plan_started_at, row.plan_ends_at)
    return to_entity(row, User, subscription=subscription)


class SqlAlchemyUserRepository(Repository[User]):
    """Users in one session; ``changed_ids`` lists the users added or updated through it."""

    table = USERS
    entity = User
    not_found = UserNotFound

    def __init__(self, session: AsyncSession) -> None:
        super().__init__(session)
        self.changed_ids: set[UUID] = set()

    def _entity(self, row: Any) -> User:
        return user_from_row(row)

    def _values(self, entity: User) -> dict[str, Any]:
        subscription = entity.subscription
        return to_values(
            entity,
            USERS,
            email_normalized=entity.email_normalized,
            plan=subscription.plan,
            plan_started_at=subscription.started_at,
            plan_ends_at=subscription.ends_at,
        )

    async def get_by_email(self, email: str) -> User | None:
        return await self.first(_C.email_normalized == normalize_email(email))

    async def get_by_username(self, username: str) -> User | None:
        return await self.first(_C.username == username)

    async def add(self, entity: User) -> None:
        await self._unique(super().add(entity))
        self.changed_ids.add(entity.id)

    async def update(self, entity: User) -> None:
        await self._unique(super().update(entity))
        self.changed_ids.add(entity.id)

    async def search(self, query: UserQuery, page: PageRequest) -> tuple[list[User], int]:
        conditions: list[ColumnElement[bool]] = []
        if query.role is not None:
            conditions.append(_C.role == query.role)
        if query.is_active is not None:
            conditions.append(_C.is_active.is_(query.is_active))
        if query.q:
            text = query.q.lower()
            conditions.append(
                or_(
                    _C.email_normalized.contains(text, autoescape=True),
                    _C.username.contains(text, autoescape=True),
                    func.lower(_C.full_name).contains(text, autoescape=True),
                )
            )
        return await self.page(page, *conditions, order_by=(_C.created_at, _C.id))

    async def admin_exists(self) -> bool:
        found = await self._session.scalar(select(_C.id).where(_C.role == Role.ADMIN).limit(1))
        return found is not None

    @staticmethod
    async def _unique(write: Awaitable[None]) -> None:
        """Await ``write``; a broken unique constraint is the domain's error."""
        try:
            await write
        except IntegrityError as exc:
            message = str(exc.orig).lower()
            if "username" in message:
                raise UsernameTaken() from exc
            if "email" in message:
                raise EmailTaken() from exc
            raise
