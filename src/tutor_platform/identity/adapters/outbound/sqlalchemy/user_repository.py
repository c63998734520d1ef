"""Users on SQLAlchemy; unique constraints decide duplicates, even under a race."""

from uuid import UUID

from sqlalchemy import ColumnElement, func, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from tutor_platform.identity.adapters.outbound.sqlalchemy.mappers import (
    copy_user_to_row,
    user_from_row,
)
from tutor_platform.identity.adapters.outbound.sqlalchemy.tables import UserRow
from tutor_platform.identity.domain.errors import EmailTaken, UsernameTaken, UserNotFound
from tutor_platform.identity.domain.user import User, normalize_email
from tutor_platform.identity.ports.repositories import UserQuery
from tutor_platform.shared.auth import Role
from tutor_platform.shared.pagination import PageRequest


class SqlAlchemyUserRepository:
    """Users in one session; ``changed_ids`` lists the users added or updated through it."""

    def __init__(self, session: AsyncSession) -> None:
        self._session = session
        self.changed_ids: set[UUID] = set()

    async def get(self, user_id: UUID) -> User | None:
        row = await self._session.get(UserRow, user_id)
        return None if row is None else user_from_row(row)

    async def get_by_email(self, email: str) -> User | None:
        return await self._one(UserRow.email_normalized == normalize_email(email))

    async def get_by_username(self, username: str) -> User | None:
        return await self._one(UserRow.username == username)

    async def add(self, user: User) -> None:
        self._session.add(copy_user_to_row(user, UserRow()))
        await self._flush()
        self.changed_ids.add(user.id)

    async def update(self, user: User) -> None:
        row = await self._session.get(UserRow, user.id)
        if row is None:
            raise UserNotFound()
        copy_user_to_row(user, row)
        await self._flush()
        self.changed_ids.add(user.id)

    async def search(self, query: UserQuery, page: PageRequest) -> tuple[list[User], int]:
        conditions = []
        if query.role is not None:
            conditions.append(UserRow.role == query.role)
        if query.is_active is not None:
            conditions.append(UserRow.is_active.is_(query.is_active))
        if query.q:
            text = query.q.lower()
            conditions.append(
                or_(
                    UserRow.email_normalized.contains(text, autoescape=True),
                    UserRow.username.contains(text, autoescape=True),
                    func.lower(UserRow.full_name).contains(text, autoescape=True),
                )
            )
        total = await self._session.scalar(
            select(func.count()).select_from(UserRow).where(*conditions)
        )
        rows = await self._session.scalars(
            select(UserRow)
            .where(*conditions)
            .order_by(UserRow.created_at, UserRow.id)
            .limit(page.limit)
            .offset(page.offset)
        )
        return [user_from_row(row) for row in rows], int(total or 0)

    async def admin_exists(self) -> bool:
        found = await self._session.scalar(
            select(UserRow.id).where(UserRow.role == Role.ADMIN).limit(1)
        )
        return found is not None

    async def _one(self, condition: ColumnElement[bool]) -> User | None:
        row = await self._session.scalar(select(UserRow).where(condition))
        return None if row is None else user_from_row(row)

    async def _flush(self) -> None:
        try:
            await self._session.flush()
        except IntegrityError as exc:
            message = str(exc.orig).lower()
            if "username" in message:
                raise UsernameTaken() from exc
            if "email" in message:
                raise EmailTaken() from exc
            raise
