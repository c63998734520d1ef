"""A user's own profile, password and sessions."""

import pytest

from tests.unit.identity.builders import make_user
from tests.unit.identity.fakes import CountingPasswordHasher
from tutor_platform.identity.adapters.outbound.memory.store import InMemoryIdentityStore
from tutor_platform.identity.application.update_profile import ProfileChanges
from tutor_platform.identity.container import IdentityContainer
from tutor_platform.identity.domain.errors import (
    InvalidAccessToken,
    InvalidRefreshToken,
    UsernameTaken,
    WrongCurrentPassword,
)
from tutor_platform.identity.domain.user import User
from tutor_platform.shared.clock import FixedClock
from tutor_platform.shared.errors import ValidationFailed

PASSWORD = "violet-tractor-lamp"
NEW_PASSWORD = "orange-bicycle-cloud"


@pytest.fixture
def ann(store: InMemoryIdentityStore) -> User:
    user = make_user(
        email="ann@example.com",
        username="ann",
        password_hash=f"fake$1${PASSWORD}",
        preferences={"theme": "dark", "notifications": {"email": True, "push": False}},
    )
    store.users[user.id] = user
    return user


async def test_preferences_are_merged_names_trimmed(
    identity: IdentityContainer, clock: FixedClock, ann: User
) -> None:
    clock.advance(minutes=5)
    view = await identity.update_profile().execute(
        ann.id,
        ProfileChanges(
            full_name="  Ann Lee ",
            username=" Ann.Lee ",
            preferences={"theme": None, "notifications": {"push": True}, "timezone": "Europe/Oslo"},
        ),
    )
    assert view.full_name == "Ann Lee"
    assert view.username == "ann.lee"
    assert view.preferences == {
        "notifications": {"email": True, "push": True},
        "timezone": "Europe/Oslo",
    }
    assert view.updated_at == clock.now()


async def test_nothing_given_changes_nothing_but_the_timestamp(
    identity: IdentityContainer, ann: User
) -> None:
    view = await identity.update_profile().execute(ann.id, ProfileChanges())
    assert (view.full_name, view.username, view.preferences) == (
        ann.full_name,
        ann.username,
        ann.preferences,
    )


async def test_invalid_profile_changes_nothing(
    identity: IdentityContainer, store: InMemoryIdentityStore, ann: User
) -> None:
    with pytest.raises(ValidationFailed) as raised:
        await identity.update_profile().execute(
            ann.id, ProfileChanges(full_name="x" * 200, username="a b")
        )
    assert {e.field for e in raised.value.errors} == {"full_name", "username"}
    assert store.users[ann.id] == ann


async def test_taken_username_conflicts(
    identity: IdentityContainer, store: InMemoryIdentityStore, ann: User
) -> None:
    other = make_user(username="bob")
    store.users[other.id] = other
    with pytest.raises(UsernameTaken):
        await identity.update_profile().execute(ann.id, ProfileChanges(username="BOB"))


async def test_change_password_needs_the_current_one(
    identity: IdentityContainer, store: InMemoryIdentityStore, ann: User
) -> None:
    with pytest.raises(WrongCurrentPassword) as raised:
        await identity.change_password().execute(ann.id, "wrong-password", NEW_PASSWORD)
    assert raised.value.code == "FORBIDDEN"
    assert store.users[ann.id].password_hash == f"fake$1${PASSWORD}"


@pytest.mark.parametrize("new", ["short", "ann-is-great", "password123", PASSWORD])
async def test_new_password_follows_the_policy(
    identity: IdentityContainer, ann: User, new: str
) -> None:
    with pytest.raises(ValidationFailed) as raised:
        await identity.change_password().execute(ann.id, PASSWORD, new)
    assert {e.field for e in raised.value.errors} == {"new_password"}


async def test_changing_the_password_ends_every_session(
    identity: IdentityContainer, hasher: CountingPasswordHasher, ann: User
) -> None:
    pair = await identity.log_in().execute("ann", PASSWORD)
    await identity.change_password().execute(ann.id, PASSWORD, NEW_PASSWORD)
    with pytest.raises(InvalidRefreshToken):
        await identity.refresh_session().execute(pair.refresh_token)
    with pytest.raises(InvalidAccessToken):
        await identity.authenticator().authenticate(pair.access_token)
    fresh = await identity.log_in().execute("ann", NEW_PASSWORD)
    assert (await identity.authenticator().authenticate(fresh.access_token)).user_id == ann.id


async def test_logout_everywhere_ends_every_session(identity: IdentityContainer, ann: User) -> None:
    first = await identity.log_in().execute("ann", PASSWORD)
    second = await identity.log_in().execute("ann", PASSWORD)
    await identity.log_out_everywhere().execute(ann.id)
    for pair in (first, second):
        with pytest.raises(InvalidRefreshToken):
            await identity.refresh_session().execute(pair.refresh_token)
        with pytest.raises(InvalidAccessToken):
            await identity.authenticator().authenticate(pair.access_token)
