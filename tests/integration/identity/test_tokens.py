"""Bearer access tokens on protected routes: expired, tampered, alg=none, refresh-as-access.

Runs in the SQLite pass only: what it checks is the HTTP side (routing, validation,
authorization, error bodies, serialization) over repositories whose database-specific behaviour
the repository contracts and the `both_databases` tests cover on PostgreSQL too."""

import base64
import json
from datetime import UTC, datetime, timedelta

import jwt
import pytest
from litestar import Litestar

from tests.integration.identity.conftest import Account, Client, assert_error
from tutor_platform.identity.adapters.outbound.jwt.token_issuer import JwtTokenIssuer
from tutor_platform.identity.domain.access import AccessGrant
from tutor_platform.shared.clock import FixedClock

ME = "/api/v1/users/me"


def _b64(data: dict[str, object]) -> str:
    return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()


def _issuer(app: Litestar, at: datetime, **overrides: object) -> JwtTokenIssuer:
    settings = app.state.settings
    values: dict[str, object] = {
        "algorithm": settings.jwt_algorithm,
        "secret_key": settings.secret_key,
        "private_key": "",
        "public_key": "",
        "issuer": settings.jwt_issuer,
        "audience": settings.jwt_audience,
        "ttl_seconds": settings.access_token_ttl_seconds,
        "clock": FixedClock(at),
    }
    values.update(overrides)
    return JwtTokenIssuer(**values)  # type: ignore[arg-type]


def _grant(account: Account, role: str = "student") -> AccessGrant:
    from uuid import UUID

    return AccessGrant(user_id=UUID(account.id), role=role, plan="free", token_version=0)


async def test_no_or_malformed_authorization_is_401(client: Client) -> None:
    for headers in (
        {},
        {"Authorization": "Bearer"},
        {"Authorization": "Basic abc"},
        {"Authorization": "Bearer not.a.jwt"},
    ):
        body = assert_error(await client.get(ME, headers=headers), 401, "UNAUTHENTICATED")
        assert "errors" not in body


async def test_expired_token_is_token_expired(
    client: Client, app: Litestar, owner: Account
) -> None:
    past = datetime.now(UTC) - timedelta(hours=1)
    token = _issuer(app, past).issue(_grant(owner)).token
    response = await client.get(ME, headers={"Authorization": f"Bearer {token}"})
    assert_error(response, 401, "TOKEN_EXPIRED")


async def test_tampered_token_is_401(client: Client, owner: Account) -> None:
    header, payload, signature = owner.access_token.split(".")
    claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    claims["role"] = "admin"
    forged = f"{header}.{_b64(claims)}.{signature}"
    response = await client.get("/api/v1/users", headers={"Authorization": f"Bearer {forged}"})
    assert_error(response, 401, "UNAUTHENTICATED")


async def test_alg_none_is_401(client: Client, owner: Account) -> None:
    claims = jwt.decode(owner.access_token, options={"verify_signature": False})
    unsigned = f"{_b64({'alg': 'none', 'typ': 'at+jwt'})}.{_b64(claims)}."
    response = await client.get(ME, headers={"Authorization": f"Bearer {unsigned}"})
    assert_error(response, 401, "UNAUTHENTICATED")


@pytest.mark.parametrize(
    "overrides",
    [
        {"secret_key": "another-secret-key-that-is-long-enough"},
        {"issuer": "elsewhere"},
        {"audience": "another-api"},
    ],
)
async def test_foreign_tokens_are_401(
    client: Client, app: Litestar, owner: Account, overrides: dict[str, object]
) -> None:
    token = _issuer(app, datetime.now(UTC), **overrides).issue(_grant(owner)).token
    response = await client.get(ME, headers={"Authorization": f"Bearer {token}"})
    assert_error(response, 401, "UNAUTHENTICATED")


async def test_refresh_token_is_never_an_access_token(client: Client, owner: Account) -> None:
    response = await client.get(ME, headers={"Authorization": f"Bearer {owner.refresh_token}"})
    assert_error(response, 401, "UNAUTHENTICATED")


async def test_the_role_comes_from_the_account_not_the_token(
    client: Client, app: Litestar, owner: Account
) -> None:
    token = _issuer(app, datetime.now(UTC)).issue(_grant(owner, role="admin")).token
    response = await client.get("/api/v1/users", headers={"Authorization": f"Bearer {token}"})
    assert_error(response, 403, "FORBIDDEN")


async def test_access_token_claims(owner: Account, app: Litestar) -> None:
    settings = app.state.settings
    claims = jwt.decode(
        owner.access_token,
        settings.secret_key,
        algorithms=["HS256"],
        audience=settings.jwt_audience,
        issuer=settings.jwt_issuer,
    )
    assert claims["sub"] == owner.id
    assert (claims["role"], claims["plan"], claims["type"]) == ("student", "free", "access")
    assert claims["exp"] - claims["iat"] == 900
    assert claims["jti"]
