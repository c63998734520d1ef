"""The shared Authenticator: verified token + one user lookup; live role, plan and status."""

from datetime import timedelta

import pytest

from tests.unit.identity.builders import make_user
from tutor_platform.identity.adapters.outbound.memory.store import InMemoryIdentityStore
from tutor_platform.identity.container import IdentityContainer
from tutor_platform.identity.domain.errors import InvalidAccessToken
from tutor_platform.identity.domain.subscription import Subscription
from tutor_platform.identity.domain.user import User
from tutor_platform.shared.auth import Authenticator, Principal
from tutor_platform.shared.clock import FixedClock
from tutor_platform.shared.errors import TokenExpired

PASSWORD = "violet-tractor-lamp"


@pytest.fixture
def ann(store: InMemoryIdentityStore, clock: FixedClock) -> User:
    user = make_user(
        username="ann",
        password_hash=f"fake$1${PASSWORD}",
        subscription=Subscription("premium", clock.now(), clock.now() + timedelta(hours=1)),
    )
    store.users[user.id] = user
    return user


async def test_authenticate_gives_the_principal_with_the_effective_plan(
    identity: IdentityContainer, ann: User, clock: FixedClock
) -> None:
    authenticator: Authenticator = identity.authenticator()
    pair = await identity.log_in().execute("ann", PASSWORD)
    assert await authenticator.authenticate(pair.access_token) == Principal(
        ann.id, "student", "premium"
    )
    clock.advance(minutes=61)
    with pytest.raises(TokenExpired):
        await authenticator.authenticate(pair.access_token)
    fresh = await identity.log_in().execute("ann", PASSWORD)
    assert fresh.access_token.split("|")[3] == "free"
    assert (await authenticator.authenticate(fresh.access_token)).plan == "free"


async def test_current_user_comes_with_the_same_lookup(
    identity: IdentityContainer, ann: User
) -> None:
    pair = await identity.log_in().execute("ann", PASSWORD)
    authenticated = await identity.authenticator().execute(pair.access_token)
    assert authenticated.user.id == ann.id
    assert authenticated.user.username == "ann"


async def test_role_changes_apply_at_once(
    identity: IdentityContainer, ann: User, store: InMemoryIdentityStore
) -> None:
    pair = await identity.log_in().execute("ann", PASSWORD)
    store.users[ann.id].role = "instructor"
    assert (await identity.authenticator().authenticate(pair.access_token)).role == "instructor"


async def test_deactivated_or_deleted_users_are_refused_at_once(
    identity: IdentityContainer, ann: User, store: InMemoryIdentityStore
) -> None:
    pair = await identity.log_in().execute("ann", PASSWORD)
    store.users[ann.id].is_active = False
    with pytest.raises(InvalidAccessToken):
        await identity.authenticator().authenticate(pair.access_token)
    del store.users[ann.id]
    with pytest.raises(InvalidAccessToken):
        await identity.authenticator().authenticate(pair.access_token)


async def test_peek_subject_verifies_without_storage(
    identity: IdentityContainer, ann: User, store: InMemoryIdentityStore
) -> None:
    pair = await identity.log_in().execute("ann", PASSWORD)
    store.users.clear()
    assert identity.authenticator().peek_subject(pair.access_token) == str(ann.id)
    assert identity.authenticator().peek_subject("garbage") is None
    assert identity.authenticator().peek_subject(pair.refresh_token) is None
