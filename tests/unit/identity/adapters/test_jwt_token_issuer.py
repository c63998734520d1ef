"""Access tokens: claims, pinned algorithm, exp/iss/aud/type checks, tampering, alg=none."""

import base64
import hashlib
import hmac
import json
from datetime import UTC, datetime, timedelta
from typing import Any

import jwt
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ed25519

from tutor_platform.identity.adapters.outbound.jwt.token_issuer import JwtTokenIssuer
from tutor_platform.identity.domain.access import AccessGrant
from tutor_platform.identity.domain.errors import InvalidAccessToken
from tutor_platform.shared.clock import FixedClock
from tutor_platform.shared.errors import TokenExpired
from tutor_platform.shared.ids import new_id

SECRET = "s" * 64
GRANT = AccessGrant(user_id=new_id(), role="student", plan="premium", token_version=3)


def issuer(clock: FixedClock | None = None, **overrides: Any) -> JwtTokenIssuer:
    values: dict[str, object] = {
        "algorithm": "HS256",
        "secret_key": SECRET,
        "private_key": "",
        "public_key": "",
        "issuer": "tutor-platform",
        "audience": "tutor-platform-api",
        "ttl_seconds": 900,
        "clock": clock or FixedClock(datetime.now(UTC)),
    }
    values.update(overrides)
    return JwtTokenIssuer(**values)  # type: ignore[arg-type]


def _b64(data: dict[str, object]) -> str:
    return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()


def test_issued_token_carries_every_claim() -> None:
    issued = issuer().issue(GRANT)
    assert issued.expires_in == 900
    header = jwt.get_unverified_header(issued.token)
    payload = jwt.decode(issued.token, options={"verify_signature": False})
    assert header["alg"] == "HS256"
    assert header["typ"] == "at+jwt"
    assert set(payload) == {"sub", "role", "plan", "ver", "iat", "exp", "jti", "iss", "aud", "type"}
    assert payload["type"] == "access"
    assert payload["exp"] - payload["iat"] == 900
    claims = issuer().verify(issued.token)
    assert (claims.user_id, claims.role, claims.plan, claims.token_version) == (
        GRANT.user_id,
        "student",
        "premium",
        3,
    )


def test_jti_is_unique() -> None:
    first, second = issuer().issue(GRANT).token, issuer().issue(GRANT).token
    assert issuer().verify(first).token_id != issuer().verify(second).token_id


def test_expired_token_is_token_expired() -> None:
    old = issuer(FixedClock(datetime.now(UTC) - timedelta(seconds=901))).issue(GRANT).token
    with pytest.raises(TokenExpired) as raised:
        issuer().verify(old)
    assert raised.value.code == "TOKEN_EXPIRED"


@pytest.mark.parametrize(
    "other",
    [
        {"secret_key": "t" * 64},
        {"issuer": "someone-else"},
        {"audience": "another-api"},
        {"algorithm": "HS512"},
    ],
)
def test_tokens_from_another_key_issuer_audience_or_algorithm_are_refused(
    other: dict[str, Any],
) -> None:
    token = issuer(**other).issue(GRANT).token
    with pytest.raises(InvalidAccessToken):
        issuer().verify(token)


def test_tampered_payload_is_refused() -> None:
    header, _, signature = issuer().issue(GRANT).token.split(".")
    payload = jwt.decode(issuer().issue(GRANT).token, options={"verify_signature": False})
    payload["role"] = "admin"
    with pytest.raises(InvalidAccessToken):
        issuer().verify(f"{header}.{_b64(payload)}.{signature}")


def test_alg_none_is_refused() -> None:
    payload = jwt.decode(issuer().issue(GRANT).token, options={"verify_signature": False})
    unsigned = f"{_b64({'alg': 'none', 'typ': 'at+jwt'})}.{_b64(payload)}."
    with pytest.raises(InvalidAccessToken):
        issuer().verify(unsigned)


def test_a_signed_token_of_another_type_is_refused() -> None:
    now = int(datetime.now(UTC).timestamp())
    claims = {
        "sub": str(GRANT.user_id),
        "role": "student",
        "plan": "free",
        "ver": 0,
        "iat": now,
        "exp": now + 60,
        "jti": "x",
        "iss": "tutor-platform",
        "aud": "tutor-platform-api",
        "type": "refresh",
    }
    refresh_like = jwt.encode(claims, SECRET, algorithm="HS256", headers={"typ": "at+jwt"})
    with pytest.raises(InvalidAccessToken):
        issuer().verify(refresh_like)
    plain_typ = jwt.encode({**claims, "type": "access"}, SECRET, algorithm="HS256")
    with pytest.raises(InvalidAccessToken):
        issuer().verify(plain_typ)


@pytest.mark.parametrize("missing", ["exp", "iss", "aud", "sub", "ver", "type"])
def test_missing_claims_are_refused(missing: str) -> None:
    now = int(datetime.now(UTC).timestamp())
    claims = {
        "sub": str(GRANT.user_id),
        "role": "student",
        "plan": "free",
        "ver": 0,
        "iat": now,
        "exp": now + 60,
        "jti": "x",
        "iss": "tutor-platform",
        "aud": "tutor-platform-api",
        "type": "access",
    }
    del claims[missing]
    token = jwt.encode(claims, SECRET, algorithm="HS256", headers={"typ": "at+jwt"})
    with pytest.raises(InvalidAccessToken):
        issuer().verify(token)


@pytest.mark.parametrize("garbage", ["", "abc", "a.b.c", "Bearer x", "\x00\x01"])
def test_garbage_is_refused(garbage: str) -> None:
    with pytest.raises(InvalidAccessToken):
        issuer().verify(garbage)


def test_asymmetric_keys_sign_privately_and_verify_publicly() -> None:
    key = ed25519.Ed25519PrivateKey.generate()
    private = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    ).decode()
    public = (
        key.public_key()
        .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
        .decode()
    )
    eddsa = issuer(algorithm="EdDSA", private_key=private, public_key=public)
    token = eddsa.issue(GRANT).token
    assert jwt.get_unverified_header(token)["alg"] == "EdDSA"
    assert eddsa.verify(token).user_id == GRANT.user_id
    payload = jwt.decode(token, options={"verify_signature": False})
    signing_input = f"{_b64({'alg': 'HS256', 'typ': 'at+jwt'})}.{_b64(payload)}"
    mac = hmac.new(public.encode(), signing_input.encode(), hashlib.sha256).digest()
    confused = f"{signing_input}.{base64.urlsafe_b64encode(mac).rstrip(b'=').decode()}"
    with pytest.raises(InvalidAccessToken):
        eddsa.verify(confused)
    with pytest.raises(InvalidAccessToken):
        eddsa.verify(issuer().issue(GRANT).token)


def test_a_cached_verification_still_checks_expiry() -> None:
    clock = FixedClock(datetime.now(UTC))
    tokens = issuer(clock)
    token = tokens.issue(GRANT).token
    assert tokens.verify(token).user_id == GRANT.user_id
    clock.advance(seconds=899)
    assert tokens.verify(token).user_id == GRANT.user_id
    clock.advance(seconds=1)
    with pytest.raises(TokenExpired):
        tokens.verify(token)


def test_a_verified_token_does_not_vouch_for_a_tampered_copy() -> None:
    tokens = issuer()
    token = tokens.issue(GRANT).token
    tokens.verify(token)
    header, payload, signature = token.split(".")
    claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    claims["role"] = "admin"
    with pytest.raises(InvalidAccessToken):
        tokens.verify(f"{header}.{_b64(claims)}.{signature}")
