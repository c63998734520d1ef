"""Refresh-token rotation: single use, reuse revokes the family, one winner under a race."""

import asyncio

import pytest

from tests.unit.identity.builders import make_user
from tutor_platform.identity.adapters.outbound.memory.store import InMemoryIdentityStore
from tutor_platform.identity.application.support.views import TokenPair
from tutor_platform.identity.container import IdentityContainer
from tutor_platform.identity.domain.errors import InvalidRefreshToken
from tutor_platform.shared.clock import FixedClock

PASSWORD = "violet-tractor-lamp"


@pytest.fixture
async def first_pair(identity: IdentityContainer, store: InMemoryIdentityStore) -> TokenPair:
    user = make_user(username="ann", password_hash=f"fake$1${PASSWORD}")
    store.users[user.id] = user
    return await identity.log_in().execute("ann", PASSWORD)


async def test_refresh_rotates_within_the_family(
    identity: IdentityContainer, store: InMemoryIdentityStore, first_pair: TokenPair
) -> None:
    second = await identity.refresh_session().execute(first_pair.refresh_token)
    assert second.refresh_token != first_pair.refresh_token
    assert len({t.family_id for t in store.refresh_tokens.values()}) == 1
    third = await identity.refresh_session().execute(second.refresh_token)
    assert third.access_token


async def test_a_token_is_single_use_and_reuse_revokes_the_family(
    identity: IdentityContainer, store: InMemoryIdentityStore, first_pair: TokenPair
) -> None:
    second = await identity.refresh_session().execute(first_pair.refresh_token)
    with pytest.raises(InvalidRefreshToken):
        await identity.refresh_session().execute(first_pair.refresh_token)
    assert all(t.revoked_at is not None for t in store.refresh_tokens.values())
    with pytest.raises(InvalidRefreshToken):
        await identity.refresh_session().execute(second.refresh_token)


async def test_two_concurrent_refreshes_have_exactly_one_winner(
    identity: IdentityContainer, first_pair: TokenPair
) -> None:
    results = await asyncio.gather(
        identity.refresh_session().execute(first_pair.refresh_token),
        identity.refresh_session().execute(first_pair.refresh_token),
        return_exceptions=True,
    )
    assert sum(isinstance(r, TokenPair) for r in results) == 1
    assert sum(isinstance(r, InvalidRefreshToken) for r in results) == 1


async def test_unknown_and_expired_tokens_are_refused(
    identity: IdentityContainer, clock: FixedClock, first_pair: TokenPair
) -> None:
    with pytest.raises(InvalidRefreshToken):
        await identity.refresh_session().execute("not-a-token")
    clock.advance(seconds=3600)
    with pytest.raises(InvalidRefreshToken):
        await identity.refresh_session().execute(first_pair.refresh_token)


async def test_a_deactivated_users_token_is_refused(
    identity: IdentityContainer, store: InMemoryIdentityStore, first_pair: TokenPair
) -> None:
    next(iter(store.users.values())).is_active = False
    with pytest.raises(InvalidRefreshToken):
        await identity.refresh_session().execute(first_pair.refresh_token)


async def test_logout_revokes_the_family_and_is_idempotent(
    identity: IdentityContainer, store: InMemoryIdentityStore, first_pair: TokenPair
) -> None:
    await identity.log_out().execute(first_pair.refresh_token)
    await identity.log_out().execute(first_pair.refresh_token)
    await identity.log_out().execute("unknown")
    with pytest.raises(InvalidRefreshToken):
        await identity.refresh_session().execute(first_pair.refresh_token)


async def test_logout_leaves_other_sessions_alone(
    identity: IdentityContainer, first_pair: TokenPair
) -> None:
    other = await identity.log_in().execute("ann", PASSWORD)
    await identity.log_out().execute(first_pair.refresh_token)
    assert await identity.refresh_session().execute(other.refresh_token)


async def test_purge_deletes_only_expired_tokens(
    identity: IdentityContainer,
    store: InMemoryIdentityStore,
    clock: FixedClock,
    first_pair: TokenPair,
) -> None:
    clock.advance(seconds=1800)
    await identity.log_in().execute("ann", PASSWORD)
    clock.advance(seconds=1800)
    assert await identity.purge_expired_refresh_tokens().execute() == 1
    assert len(store.refresh_tokens) == 1


@pytest.fixture
def graceful(identity: IdentityContainer) -> IdentityContainer:
    """The same identity with a 5-second reuse grace period."""
    identity.refresh_reuse_grace_seconds.override(5)
    identity.refresh_rotation_key.override("rotation-key")
    return identity


async def test_a_reuse_within_the_grace_period_gets_the_pair_already_issued(
    graceful: IdentityContainer,
    store: InMemoryIdentityStore,
    clock: FixedClock,
    first_pair: TokenPair,
) -> None:
    second = await graceful.refresh_session().execute(first_pair.refresh_token)
    clock.advance(seconds=5)
    again = await graceful.refresh_session().execute(first_pair.refresh_token)
    assert again.refresh_token == second.refresh_token
    assert all(t.revoked_at is None for t in store.refresh_tokens.values())
    assert len(store.refresh_tokens) == 2
    assert await graceful.refresh_session().execute(second.refresh_token)


async def test_a_reuse_after_the_grace_period_revokes_the_family(
    graceful: IdentityContainer,
    store: InMemoryIdentityStore,
    clock: FixedClock,
    first_pair: TokenPair,
) -> None:
    second = await graceful.refresh_session().execute(first_pair.refresh_token)
    clock.advance(seconds=6)
    with pytest.raises(InvalidRefreshToken):
        await graceful.refresh_session().execute(first_pair.refresh_token)
    assert all(t.revoked_at is not None for t in store.refresh_tokens.values())
    with pytest.raises(InvalidRefreshToken):
        await graceful.refresh_session().execute(second.refresh_token)


async def test_no_grace_once_the_new_token_was_used_or_the_family_revoked(
    graceful: IdentityContainer, clock: FixedClock, first_pair: TokenPair
) -> None:
    second = await graceful.refresh_session().execute(first_pair.refresh_token)
    await graceful.refresh_session().execute(second.refresh_token)
    with pytest.raises(InvalidRefreshToken):
        await graceful.refresh_session().execute(first_pair.refresh_token)
    await graceful.log_out().execute(second.refresh_token)
    with pytest.raises(InvalidRefreshToken):
        await graceful.refresh_session().execute(first_pair.refresh_token)


async def test_concurrent_refreshes_within_the_grace_period_share_one_pair(
    graceful: IdentityContainer, first_pair: TokenPair
) -> None:
    results = await asyncio.gather(
        *(graceful.refresh_session().execute(first_pair.refresh_token) for _ in range(3))
    )
    assert len({pair.refresh_token for pair in results}) == 1
