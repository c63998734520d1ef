"""The RefreshTokenRepository contract, for the SQLAlchemy adapter and the in-memory fake."""

import asyncio
from datetime import timedelta

import pytest

from tests.contract.user_repository.harness import UnitOfWorkFactory, add_users
from tests.unit.identity.builders import T0, make_refresh_token, make_user
from tutor_platform.identity.domain.refresh_token import RefreshToken, hash_refresh_secret
from tutor_platform.identity.domain.user import User
from tutor_platform.shared.ids import new_id


@pytest.fixture
async def ann(uow_factory: UnitOfWorkFactory) -> User:
    user = make_user()
    await add_users(uow_factory, user)
    return user


async def add_tokens(uow_factory: UnitOfWorkFactory, *tokens: RefreshToken) -> None:
    async with uow_factory() as uow:
        for token in tokens:
            await uow.refresh_tokens.add(token)
        await uow.commit()


async def stored(uow_factory: UnitOfWorkFactory, token: RefreshToken) -> RefreshToken:
    async with uow_factory() as uow:
        found = await uow.refresh_tokens.get_by_hash(token.token_hash)
    assert found is not None
    return found


async def test_a_token_round_trips_by_its_hash(uow_factory: UnitOfWorkFactory, ann: User) -> None:
    token = make_refresh_token(ann.id, secret="the-secret")
    await add_tokens(uow_factory, token)
    assert await stored(uow_factory, token) == token
    async with uow_factory() as uow:
        assert await uow.refresh_tokens.get_by_hash(hash_refresh_secret("other")) is None


async def test_consume_succeeds_once(uow_factory: UnitOfWorkFactory, ann: User) -> None:
    token = make_refresh_token(ann.id)
    await add_tokens(uow_factory, token)
    for expected in (True, False):
        async with uow_factory() as uow:
            assert await uow.refresh_tokens.consume(token.id, T0) is expected
            await uow.commit()
    assert (await stored(uow_factory, token)).used_at == T0


async def test_revoked_expired_or_unknown_tokens_cannot_be_consumed(
    uow_factory: UnitOfWorkFactory, ann: User
) -> None:
    revoked = make_refresh_token(ann.id, revoked_at=T0)
    expired = make_refresh_token(ann.id, expires_at=T0)
    await add_tokens(uow_factory, revoked, expired)
    async with uow_factory() as uow:
        assert not await uow.refresh_tokens.consume(revoked.id, T0)
        assert not await uow.refresh_tokens.consume(expired.id, T0)
        assert not await uow.refresh_tokens.consume(new_id(), T0)


async def test_two_concurrent_consumers_have_exactly_one_winner(
    uow_factory: UnitOfWorkFactory, ann: User
) -> None:
    token = make_refresh_token(ann.id)
    await add_tokens(uow_factory, token)

    async def consume() -> bool:
        async with uow_factory() as uow:
            won = await uow.refresh_tokens.consume(token.id, T0)
            await uow.commit()
        return won

    assert sorted(await asyncio.gather(consume(), consume())) == [False, True]


async def test_revoke_family_touches_only_that_family(
    uow_factory: UnitOfWorkFactory, ann: User
) -> None:
    family = new_id()
    first = make_refresh_token(ann.id, family_id=family, used_at=T0)
    second = make_refresh_token(ann.id, family_id=family)
    other = make_refresh_token(ann.id)
    await add_tokens(uow_factory, first, second, other)
    later = T0 + timedelta(minutes=1)
    async with uow_factory() as uow:
        assert await uow.refresh_tokens.revoke_family(family, later) == 2
        assert await uow.refresh_tokens.revoke_family(family, later) == 0
        await uow.commit()
    assert (await stored(uow_factory, first)).revoked_at == later
    assert (await stored(uow_factory, second)).revoked_at == later
    assert (await stored(uow_factory, other)).revoked_at is None


async def test_revoke_all_for_user_touches_only_that_user(
    uow_factory: UnitOfWorkFactory, ann: User
) -> None:
    bob = make_user()
    await add_users(uow_factory, bob)
    tokens = [make_refresh_token(ann.id), make_refresh_token(ann.id), make_refresh_token(bob.id)]
    await add_tokens(uow_factory, *tokens)
    async with uow_factory() as uow:
        assert await uow.refresh_tokens.revoke_all_for_user(ann.id, T0) == 2
        await uow.commit()
    assert (await stored(uow_factory, tokens[2])).revoked_at is None


async def test_delete_expired_removes_only_expired_tokens(
    uow_factory: UnitOfWorkFactory, ann: User
) -> None:
    expired = [make_refresh_token(ann.id, expires_at=T0 - timedelta(seconds=s)) for s in (0, 60)]
    alive = make_refresh_token(ann.id, expires_at=T0 + timedelta(seconds=1))
    await add_tokens(uow_factory, *expired, alive)
    async with uow_factory() as uow:
        assert await uow.refresh_tokens.delete_expired(T0) == 2
        await uow.commit()
    assert await stored(uow_factory, alive) == alive
    async with uow_factory() as uow:
        assert await uow.refresh_tokens.get_by_hash(expired[0].token_hash) is None
