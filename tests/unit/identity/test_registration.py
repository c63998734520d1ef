"""Registering and creating users (self-service and by administrators)."""

import pytest

from tests.unit.identity.fakes import CountingPasswordHasher
from tutor_platform.identity.adapters.outbound.memory.store import InMemoryIdentityStore
from tutor_platform.identity.application.create_user import NewUser
from tutor_platform.identity.container import IdentityContainer
from tutor_platform.identity.domain.errors import EmailTaken, UsernameTaken
from tutor_platform.shared.errors import ValidationFailed

PASSWORD = "violet-tractor-lamp"


async def test_register_creates_a_free_student_without_exposing_the_hash(
    identity: IdentityContainer, store: InMemoryIdentityStore
) -> None:
    view = await identity.register_user().execute(
        " Ann@Example.com ", " Ann.Lee ", PASSWORD, "  Ann Lee  "
    )
    assert (view.email, view.username, view.full_name) == ("Ann@Example.com", "ann.lee", "Ann Lee")
    assert (view.role, view.plan, view.is_active, view.preferences) == ("student", "free", True, {})
    assert not hasattr(view, "password_hash")
    stored = store.users[view.id]
    assert stored.password_hash == f"fake$1${PASSWORD}"
    assert store.commits == 1


async def test_register_reports_every_invalid_field_and_stores_nothing(
    identity: IdentityContainer, store: InMemoryIdentityStore, hasher: CountingPasswordHasher
) -> None:
    with pytest.raises(ValidationFailed) as raised:
        await identity.register_user().execute("nope", "x", "short", "ok")
    assert {e.field for e in raised.value.errors} == {"email", "username", "password"}
    assert store.users == {}
    assert hasher.hashed == 0


async def test_register_applies_the_password_policy(identity: IdentityContainer) -> None:
    with pytest.raises(ValidationFailed) as raised:
        await identity.register_user().execute("ann@example.com", "annlee", "password123")
    assert [e.message for e in raised.value.errors] == ["is too common"]


@pytest.mark.parametrize(
    ("email", "username", "error"),
    [("ANN@example.com", "other", EmailTaken), ("other@example.com", "ANNLEE", UsernameTaken)],
)
async def test_duplicates_conflict_case_insensitively(
    identity: IdentityContainer, email: str, username: str, error: type[Exception]
) -> None:
    await identity.register_user().execute("ann@example.com", "annlee", PASSWORD)
    with pytest.raises(error):
        await identity.register_user().execute(email, username, PASSWORD)


async def test_admin_creates_users_with_role_and_plan(identity: IdentityContainer) -> None:
    view = await identity.create_user().execute(
        NewUser("t@example.com", "teacher", PASSWORD, role="instructor", plan="premium")
    )
    assert (view.role, view.plan) == ("instructor", "premium")


async def test_unknown_role_or_plan_is_invalid(identity: IdentityContainer) -> None:
    with pytest.raises(ValidationFailed) as raised:
        await identity.create_user().execute(
            NewUser("t@example.com", "teacher", PASSWORD, role="root", plan="gold")
        )
    assert {e.field for e in raised.value.errors} == {"role", "plan"}
