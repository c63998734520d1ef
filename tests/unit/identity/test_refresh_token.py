"""Refresh token rules: states, reuse detection, opaque secrets stored hashed."""

from datetime import timedelta

from tests.unit.identity.builders import T0, make_refresh_token
from tutor_platform.identity.domain.refresh_token import (
    RefreshTokenState,
    hash_refresh_secret,
    new_refresh_secret,
)
from tutor_platform.shared.ids import new_id


def test_a_fresh_token_is_active_until_it_expires() -> None:
    token = make_refresh_token(new_id())
    assert token.state(T0) is RefreshTokenState.ACTIVE
    assert token.state(token.expires_at) is RefreshTokenState.EXPIRED


def test_a_spent_token_presented_again_is_reuse_even_after_expiry() -> None:
    token = make_refresh_token(new_id(), used_at=T0)
    assert token.state(T0) is RefreshTokenState.USED
    assert token.state(T0 + timedelta(days=365)) is RefreshTokenState.USED


def test_revocation_wins_over_use() -> None:
    token = make_refresh_token(new_id(), used_at=T0, revoked_at=T0)
    assert token.state(T0) is RefreshTokenState.REVOKED


def test_secrets_are_random_and_stored_as_sha256() -> None:
    first, second = new_refresh_secret(), new_refresh_secret()
    assert first != second
    assert len(first) >= 43
    digest = hash_refresh_secret(first)
    assert len(digest) == 64
    assert first not in digest
    assert hash_refresh_secret(first) == digest
