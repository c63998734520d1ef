"""Identity's SQLAlchemy unit of work publishes ``UsersChanged`` (the authentication cache's
invalidation) after a commit that added or updated users, and nothing otherwise."""

from dataclasses import replace
from functools import partial

from sqlalchemy.ext.asyncio import AsyncEngine

from tests.support.events import Published
from tests.unit.identity.builders import make_user
from tutor_platform.identity.adapters.outbound.sqlalchemy.unit_of_work import (
    SqlAlchemyIdentityUnitOfWork,
)
from tutor_platform.identity.domain.events import UsersChanged
from tutor_platform.shared.persistence.engine import create_session_factory


async def test_committed_user_changes_are_published_rolled_back_ones_not(
    db_engine: AsyncEngine, clean_db: None
) -> None:
    published = Published()
    factory = partial(SqlAlchemyIdentityUnitOfWork, create_session_factory(db_engine), published)
    ann, bob = make_user(), make_user()
    async with factory() as uow:
        await uow.users.add(ann)
        await uow.users.add(bob)
        await uow.commit()
    async with factory() as uow:
        await uow.users.update(replace(ann, full_name="Ann"))
    async with factory() as uow:
        await uow.users.get(bob.id)
        await uow.commit()
    assert published.events == [UsersChanged(frozenset({ann.id, bob.id}))]
