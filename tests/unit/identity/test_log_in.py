"""Logging in: same failure for unknown users and wrong passwords, rehash, inactive users."""

import pytest

from tests.unit.identity.builders import make_user
from tests.unit.identity.fakes import CountingPasswordHasher
from tutor_platform.identity.adapters.outbound.memory.store import InMemoryIdentityStore
from tutor_platform.identity.container import IdentityContainer
from tutor_platform.identity.domain.errors import AccountInactive, InvalidCredentials
from tutor_platform.identity.domain.refresh_token import hash_refresh_secret

PASSWORD = "violet-tractor-lamp"


@pytest.fixture
def ann(store: InMemoryIdentityStore) -> str:
    user = make_user(email="Ann@Example.com", username="ann", password_hash=f"fake$1${PASSWORD}")
    store.users[user.id] = user
    return str(user.id)


@pytest.mark.parametrize("login", ["ann", "ANN", "ann@example.com", " ANN@EXAMPLE.COM "])
async def test_login_by_username_or_email_in_any_case(
    identity: IdentityContainer, store: InMemoryIdentityStore, ann: str, login: str
) -> None:
    pair = await identity.log_in().execute(login, PASSWORD)
    assert pair.token_type == "bearer"
    assert pair.expires_in == 900
    assert pair.access_token.split("|")[1] == ann
    [stored] = store.refresh_tokens.values()
    assert stored.token_hash == hash_refresh_secret(pair.refresh_token)
    assert pair.refresh_token not in stored.token_hash


@pytest.mark.parametrize(
    ("login", "password"),
    [
        ("ann", "wrong-password-123"),
        ("nobody", PASSWORD),
        ("nobody@example.com", PASSWORD),
        ("", PASSWORD),
        ("a\x00b", PASSWORD),
        ("x" * 5000, PASSWORD),
    ],
)
async def test_unknown_user_and_wrong_password_fail_alike_after_one_verification(
    identity: IdentityContainer,
    hasher: CountingPasswordHasher,
    store: InMemoryIdentityStore,
    ann: str,
    login: str,
    password: str,
) -> None:
    with pytest.raises(InvalidCredentials) as raised:
        await identity.log_in().execute(login, password)
    assert raised.value.code == "UNAUTHENTICATED"
    assert len(hasher.verified) == 1
    assert store.refresh_tokens == {}


async def test_unknown_user_is_verified_against_the_dummy_hash(
    identity: IdentityContainer, hasher: CountingPasswordHasher
) -> None:
    with pytest.raises(InvalidCredentials):
        await identity.log_in().execute("nobody", PASSWORD)
    assert hasher.verified == [await hasher.dummy_hash()]


async def test_inactive_user_is_forbidden_only_with_the_right_password(
    identity: IdentityContainer, store: InMemoryIdentityStore, ann: str
) -> None:
    user = next(iter(store.users.values()))
    user.is_active = False
    with pytest.raises(InvalidCredentials):
        await identity.log_in().execute("ann", "wrong-password-123")
    with pytest.raises(AccountInactive):
        await identity.log_in().execute("ann", PASSWORD)
    assert store.refresh_tokens == {}


async def test_login_rehashes_when_parameters_changed(
    identity: IdentityContainer,
    hasher: CountingPasswordHasher,
    store: InMemoryIdentityStore,
    ann: str,
) -> None:
    hasher.version = 2
    await identity.log_in().execute("ann", PASSWORD)
    assert next(iter(store.users.values())).password_hash == f"fake$2${PASSWORD}"
    hasher.hashed = 0
    await identity.log_in().execute("ann", PASSWORD)
    assert hasher.hashed == 0


async def test_each_login_starts_its_own_family(
    identity: IdentityContainer, store: InMemoryIdentityStore, ann: str
) -> None:
    await identity.log_in().execute("ann", PASSWORD)
    await identity.log_in().execute("ann", PASSWORD)
    families = {token.family_id for token in store.refresh_tokens.values()}
    assert len(families) == 2
