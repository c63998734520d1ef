"""The UserRepository contract, for the SQLAlchemy adapter and the in-memory fake."""

import asyncio
from datetime import timedelta

import pytest

from tests.contract.user_repository.harness import UnitOfWorkFactory, add_users
from tests.unit.identity.builders import T0, make_user
from tutor_platform.identity.domain.errors import EmailTaken, UsernameTaken, UserNotFound
from tutor_platform.identity.domain.subscription import Subscription
from tutor_platform.identity.ports.repositories import UserQuery
from tutor_platform.shared.ids import new_id
from tutor_platform.shared.pagination import PageRequest


async def test_a_user_round_trips_with_every_field(uow_factory: UnitOfWorkFactory) -> None:
    user = make_user(
        email="Ann.Lee@Example.com",
        full_name="Ann Lée",
        role="instructor",
        is_active=False,
        preferences={"theme": "dark", "nested": {"list": [1, "two", None, {"x": 1.5}]}},
        subscription=Subscription("premium", T0, T0 + timedelta(days=30, microseconds=7)),
        token_version=4,
    )
    await add_users(uow_factory, user)
    async with uow_factory() as uow:
        assert await uow.users.get(user.id) == user
        assert await uow.users.get(new_id()) is None


async def test_email_lookup_ignores_case_username_lookup_is_exact(
    uow_factory: UnitOfWorkFactory,
) -> None:
    user = make_user(email="Ann@Example.com", username="ann")
    await add_users(uow_factory, user)
    async with uow_factory() as uow:
        assert (await uow.users.get_by_email("aNN@example.COM")) == user
        assert await uow.users.get_by_email("ann@example.org") is None
        assert (await uow.users.get_by_username("ann")) == user
        assert await uow.users.get_by_username("an") is None


async def test_duplicate_email_in_another_case_is_taken(uow_factory: UnitOfWorkFactory) -> None:
    await add_users(uow_factory, make_user(email="ann@example.com"))
    async with uow_factory() as uow:
        with pytest.raises(EmailTaken):
            await uow.users.add(make_user(email="ANN@example.com"))


async def test_duplicate_username_is_taken(uow_factory: UnitOfWorkFactory) -> None:
    await add_users(uow_factory, make_user(username="ann"))
    async with uow_factory() as uow:
        with pytest.raises(UsernameTaken):
            await uow.users.add(make_user(username="ann"))


async def test_concurrent_sign_ups_with_one_email_let_exactly_one_in(
    uow_factory: UnitOfWorkFactory,
) -> None:
    async def sign_up(username: str) -> str:
        async with uow_factory() as uow:
            await uow.users.add(make_user(email="race@example.com", username=username))
            await uow.commit()
        return username

    results = await asyncio.gather(sign_up("first"), sign_up("second"), return_exceptions=True)
    assert sum(isinstance(r, str) for r in results) == 1
    assert sum(isinstance(r, EmailTaken) for r in results) == 1
    async with uow_factory() as uow:
        assert (await uow.users.search(UserQuery(), PageRequest()))[1] == 1


async def test_update_saves_changes(uow_factory: UnitOfWorkFactory) -> None:
    user = make_user()
    await add_users(uow_factory, user)
    user.username = "renamed"
    user.preferences = {"language": "de"}
    user.subscription = Subscription("premium", T0 + timedelta(days=1))
    user.updated_at = T0 + timedelta(days=1)
    user.end_sessions(T0 + timedelta(days=2))
    async with uow_factory() as uow:
        await uow.users.update(user)
        await uow.commit()
    async with uow_factory() as uow:
        assert await uow.users.get(user.id) == user


async def test_update_to_a_taken_username_or_unknown_user_fails(
    uow_factory: UnitOfWorkFactory,
) -> None:
    ann, bob = make_user(username="ann"), make_user(username="bob")
    await add_users(uow_factory, ann, bob)
    async with uow_factory() as uow:
        bob.username = "ann"
        with pytest.raises(UsernameTaken):
            await uow.users.update(bob)
    async with uow_factory() as uow:
        with pytest.raises(UserNotFound):
            await uow.users.update(make_user())


async def test_search_filters_orders_and_pages(uow_factory: UnitOfWorkFactory) -> None:
    users = [
        make_user(username="alice", full_name="Alice Smith", at=T0 + timedelta(minutes=1)),
        make_user(username="bob", role="admin", at=T0 + timedelta(minutes=2)),
        make_user(email="carol@smith.org", username="carol", at=T0 + timedelta(minutes=3)),
        make_user(username="dave", is_active=False, at=T0 + timedelta(minutes=4)),
        make_user(username="eve_100", full_name="100% Eve", at=T0 + timedelta(minutes=5)),
    ]
    await add_users(uow_factory, *reversed(users))

    async def names(query: UserQuery, page: PageRequest | None = None) -> tuple[list[str], int]:
        async with uow_factory() as uow:
            found, total = await uow.users.search(query, page or PageRequest())
        return [user.username for user in found], total

    assert await names(UserQuery()) == (["alice", "bob", "carol", "dave", "eve_100"], 5)
    assert await names(UserQuery(role="admin")) == (["bob"], 1)
    assert await names(UserQuery(is_active=False)) == (["dave"], 1)
    assert await names(UserQuery(is_active=True, role="student")) == (
        ["alice", "carol", "eve_100"],
        3,
    )
    assert await names(UserQuery(q="smith")) == (["alice", "carol"], 2)
    assert await names(UserQuery(q="SMITH")) == (["alice", "carol"], 2)
    assert await names(UserQuery(q="100%")) == (["eve_100"], 1)
    assert await names(UserQuery(q="e_1")) == (["eve_100"], 1)
    assert await names(UserQuery(q="%")) == (["eve_100"], 1)
    assert await names(UserQuery(), PageRequest(limit=2, offset=1)) == (["bob", "carol"], 5)
    assert await names(UserQuery(), PageRequest(limit=2, offset=10)) == ([], 5)


async def test_admin_exists(uow_factory: UnitOfWorkFactory) -> None:
    async with uow_factory() as uow:
        assert not await uow.users.admin_exists()
    await add_users(uow_factory, make_user(role="instructor"))
    async with uow_factory() as uow:
        assert not await uow.users.admin_exists()
    await add_users(uow_factory, make_user(role="admin", is_active=False))
    async with uow_factory() as uow:
        assert await uow.users.admin_exists()
