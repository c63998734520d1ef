"""The base of every SQLAlchemy repository: one table, Core statements, rows mapped by name.

A context's repository names its ``table`` and ``entity`` and inherits get, add, update,
delete, page and count; it overrides ``_entity``/``_values`` only for nested or renamed
fields, and writes the queries its port adds as Core statements on the same table. A
repository of rows without one ``id`` (composite keys, upserted counters) extends
``CoreRepository``: the session and ``_write`` without the entity methods.
"""

from collections.abc import Iterable, Sequence
from typing import Any, ClassVar, Generic, TypeVar

from sqlalchemy import (
    ColumnElement,
    CursorResult,
    Select,
    Table,
    bindparam,
    delete,
    func,
    select,
    update,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

from tutor_platform.shared.pagination import PageRequest
from tutor_platform.shared.persistence.mapping import to_entity, to_values

E = TypeVar("E")


def dialect_insert(dialect: str, table: Table) -> postgresql.Insert | sqlite.Insert:
    """An ``INSERT`` that takes ``ON CONFLICT`` clauses on the database ``dialect``."""
    return postgresql.insert(table) if dialect == "postgresql" else sqlite.insert(table)


def insert(session: AsyncSession, table: Table) -> postgresql.Insert | sqlite.Insert:
    """An ``INSERT`` that takes ``ON CONFLICT`` clauses on the session's database."""
    return dialect_insert(session.get_bind().dialect.name, table)


def greatest(session: AsyncSession, a: Any, b: Any) -> ColumnElement[Any]:
    """The larger of two values: ``GREATEST`` on PostgreSQL, two-argument ``MAX`` on SQLite."""
    if session.get_bind().dialect.name == "postgresql":
        return func.greatest(a, b)
    return func.max(a, b)


class CoreRepository:
    """Core statements on one unit of work's session."""

    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def _write(self, statement: Any) -> int:
        """Run an UPDATE or DELETE; the number of rows it matched."""
        result = await self._session.execute(
            statement, execution_options={"synchronize_session": False}
        )
        return result.rowcount if isinstance(result, CursorResult) else 0


class Repository(CoreRepository, Generic[E]):
    """Entities of type ``entity`` stored in ``table``, keyed by its ``id`` column.

    ``not_found`` is the domain error ``update`` raises when the entity's row is gone.
    """

    table: ClassVar[Table]
    entity: type[E]
    not_found: ClassVar[type[Exception] | None] = None
    _by_id: ClassVar[Select[Any]]

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if "table" in cls.__dict__:
            cls._by_id = select(cls.table).where(cls.table.c.id == bindparam("id"))

    def _entity(self, row: Any) -> E:
        """The entity of one row (override for nested or renamed fields)."""
        return to_entity(row, self.entity)

    def _values(self, entity: E) -> dict[str, Any]:
        """The column values of an entity (override for nested or renamed fields)."""
        return to_values(entity, self.table)

    async def get(self, entity_id: Any) -> E | None:
        row = (await self._session.execute(self._by_id, {"id": entity_id})).first()
        return None if row is None else self._entity(row)

    async def add(self, entity: E) -> None:
        await self._session.execute(self.table.insert().values(self._values(entity)))

    async def update(self, entity: E) -> None:
        """Write every column of ``entity``; ``not_found()`` when its row is gone."""
        values = self._values(entity)
        query = update(self.table).where(self.table.c.id == values["id"]).values(values)
        if await self._write(query) == 0 and self.not_found is not None:
            raise self.not_found()

    async def delete(self, entity_id: Any) -> None:
        await self._write(delete(self.table).where(self.table.c.id == entity_id))

    async def count(self, *conditions: ColumnElement[bool]) -> int:
        total = await self._session.scalar(
            select(func.count()).select_from(self.table).where(*conditions)
        )
        return int(total or 0)

    async def page(
        self,
        page: PageRequest,
        *conditions: ColumnElement[bool],
        order_by: Sequence[ColumnElement[Any]],
    ) -> tuple[list[E], int]:
        """One page of the rows that meet ``conditions``, and how many meet them."""
        total = await self.count(*conditions)
        query = select(self.table).where(*conditions).order_by(*order_by)
        return await self._slice(query, page), total

    async def first(self, *conditions: ColumnElement[bool]) -> E | None:
        row = (await self._session.execute(select(self.table).where(*conditions))).first()
        return None if row is None else self._entity(row)

    async def all(
        self, *conditions: ColumnElement[bool], order_by: Sequence[ColumnElement[Any]] = ()
    ) -> list[E]:
        query = select(self.table).where(*conditions).order_by(*order_by)
        return self._entities(await self._session.execute(query))

    async def _slice(self, query: Select[Any], page: PageRequest) -> list[E]:
        """The entities of ``query``'s rows in ``page``."""
        rows = await self._session.execute(query.limit(page.limit).offset(page.offset))
        return self._entities(rows)

    def _entities(self, rows: Iterable[Any]) -> list[E]:
        return [self._entity(row) for row in rows]
