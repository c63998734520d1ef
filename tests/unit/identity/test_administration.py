"""Administrators: list, change, deactivate users; subscriptions; the first admin."""

from datetime import timedelta

import pytest

from tests.unit.identity.builders import make_user
from tutor_platform.identity.adapters.outbound.memory.store import InMemoryIdentityStore
from tutor_platform.identity.application.update_user import UserChanges
from tutor_platform.identity.container import IdentityContainer
from tutor_platform.identity.domain.errors import (
    InvalidAccessToken,
    InvalidRefreshToken,
    OwnAccessChange,
    UserNotFound,
)
from tutor_platform.identity.domain.user import User
from tutor_platform.identity.ports.repositories import UserQuery
from tutor_platform.shared.clock import FixedClock
from tutor_platform.shared.errors import ValidationFailed
from tutor_platform.shared.ids import new_id
from tutor_platform.shared.pagination import PageRequest

PASSWORD = "violet-tractor-lamp"


@pytest.fixture
def admin(store: InMemoryIdentityStore) -> User:
    user = make_user(username="boss", role="admin", password_hash=f"fake$1${PASSWORD}")
    store.users[user.id] = user
    return user


@pytest.fixture
def ann(store: InMemoryIdentityStore) -> User:
    user = make_user(username="ann", full_name="Ann Lee", password_hash=f"fake$1${PASSWORD}")
    store.users[user.id] = user
    return user


async def test_list_filters_and_pages(
    identity: IdentityContainer, store: InMemoryIdentityStore, admin: User, ann: User
) -> None:
    page = await identity.list_users().execute(UserQuery(q=" LEE "), PageRequest())
    assert [u.id for u in page.items] == [ann.id]
    page = await identity.list_users().execute(UserQuery(role="admin"), PageRequest())
    assert [u.id for u in page.items] == [admin.id]
    page = await identity.list_users().execute(UserQuery(), PageRequest(limit=1, offset=1))
    assert (page.total, page.limit, page.offset, [u.id for u in page.items]) == (2, 1, 1, [ann.id])


async def test_list_rejects_bad_filters(identity: IdentityContainer) -> None:
    with pytest.raises(ValidationFailed) as raised:
        await identity.list_users().execute(UserQuery(role="root", q="a\x00"), PageRequest())
    assert {e.field for e in raised.value.errors} == {"role", "q"}


async def test_deactivation_ends_sessions_and_tokens_at_once(
    identity: IdentityContainer, store: InMemoryIdentityStore, admin: User, ann: User
) -> None:
    pair = await identity.log_in().execute("ann", PASSWORD)
    await identity.deactivate_user().execute(admin.id, ann.id)
    assert store.users[ann.id].is_active is False
    with pytest.raises(InvalidAccessToken):
        await identity.authenticator().authenticate(pair.access_token)
    with pytest.raises(InvalidRefreshToken):
        await identity.refresh_session().execute(pair.refresh_token)
    view = await identity.update_user().execute(admin.id, ann.id, UserChanges(is_active=True))
    assert view.is_active
    with pytest.raises(InvalidAccessToken):
        await identity.authenticator().authenticate(pair.access_token)


async def test_admins_cannot_lock_themselves_out(identity: IdentityContainer, admin: User) -> None:
    with pytest.raises(OwnAccessChange):
        await identity.deactivate_user().execute(admin.id, admin.id)
    with pytest.raises(OwnAccessChange):
        await identity.update_user().execute(admin.id, admin.id, UserChanges(role="student"))
    view = await identity.update_user().execute(admin.id, admin.id, UserChanges(plan="premium"))
    assert (view.role, view.plan) == ("admin", "premium")


async def test_update_role_and_plan(identity: IdentityContainer, admin: User, ann: User) -> None:
    view = await identity.update_user().execute(
        admin.id, ann.id, UserChanges(role="instructor", plan="premium")
    )
    assert (view.role, view.plan, view.is_active) == ("instructor", "premium", True)
    with pytest.raises(UserNotFound):
        await identity.update_user().execute(admin.id, new_id(), UserChanges(role="student"))


async def test_subscription_expiry_makes_the_plan_free(
    identity: IdentityContainer, clock: FixedClock, ann: User
) -> None:
    ends = clock.now() + timedelta(days=30)
    set_view = await identity.set_subscription().execute(ann.id, "premium", ends)
    assert (set_view.plan, set_view.ends_at, set_view.is_active) == ("premium", ends, True)
    assert (await identity.get_user().execute(ann.id)).plan == "premium"
    clock.advance(days=30)
    view = await identity.get_subscription().execute(ann.id)
    assert (view.plan, view.is_active) == ("premium", False)
    assert (await identity.get_user().execute(ann.id)).plan == "free"


async def test_create_admin_derives_a_free_username(
    identity: IdentityContainer, store: InMemoryIdentityStore
) -> None:
    taken = make_user(username="root")
    store.users[taken.id] = taken
    view = await identity.create_admin().execute("Root@Example.com", PASSWORD)
    assert (view.role, view.username) == ("admin", "root-2")
    named = await identity.create_admin().execute("x@example.com", PASSWORD, "chief", "C. H.")
    assert (named.username, named.full_name) == ("chief", "C. H.")


async def test_first_admin_is_created_once(
    identity: IdentityContainer, store: InMemoryIdentityStore
) -> None:
    first = await identity.ensure_first_admin().execute("root@example.com", PASSWORD)
    assert first is not None
    assert first.role == "admin"
    assert await identity.ensure_first_admin().execute("root@example.com", PASSWORD) is None
    assert await identity.ensure_first_admin().execute("other@example.com", PASSWORD) is None
    assert await identity.ensure_first_admin().execute("", "") is None
    assert len(store.users) == 1


async def test_first_admin_takes_over_an_existing_account(
    identity: IdentityContainer, store: InMemoryIdentityStore, ann: User
) -> None:
    pair = await identity.log_in().execute("ann", PASSWORD)
    view = await identity.ensure_first_admin().execute(ann.email.upper(), "operator-chosen-pw")
    assert view is not None
    assert (view.id, view.role) == (ann.id, "admin")
    with pytest.raises(InvalidRefreshToken):
        await identity.refresh_session().execute(pair.refresh_token)
    assert await identity.log_in().execute("ann", "operator-chosen-pw")


async def test_first_admin_password_must_follow_the_policy(identity: IdentityContainer) -> None:
    with pytest.raises(ValidationFailed):
        await identity.ensure_first_admin().execute("root@example.com", "short")
