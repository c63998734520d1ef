"""Access tokens as JWTs: HS256 with the secret key, or an asymmetric key pair."""

from collections import OrderedDict
from datetime import UTC, datetime
from typing import Any
from uuid import UUID

import jwt

from tutor_platform.identity.domain.access import AccessClaims, AccessGrant, IssuedAccessToken
from tutor_platform.identity.domain.errors import InvalidAccessToken
from tutor_platform.shared.auth import Plan, Role
from tutor_platform.shared.clock import Clock
from tutor_platform.shared.errors import TokenExpired
from tutor_platform.shared.ids import new_id

TOKEN_TYPE = "access"  # noqa: S105 (a claim value, not a secret)
HEADER_TYPE = "at+jwt"
_REQUIRED = ["sub", "role", "plan", "ver", "iat", "exp", "jti", "iss", "aud", "type"]
VERIFIED_CACHE_SIZE = 4096


class JwtTokenIssuer:
    """Signs with one algorithm and accepts only that one (no ``alg`` confusion, no ``none``).

    Claims: ``sub, role, plan, iat, exp, jti, iss, aud, type="access"`` and ``ver`` (the user's
    token version). The header's ``typ`` is ``at+jwt``. Expiry is checked against system time.

    The claims of recently verified tokens are kept (keyed by the whole token, so by its
    signature too) to skip repeating the signature check; their expiry is checked every time.
    """

    def __init__(
        self,
        *,
        algorithm: str,
        secret_key: str,
        private_key: str,
        public_key: str,
        issuer: str,
        audience: str,
        ttl_seconds: int,
        clock: Clock,
    ) -> None:
        symmetric = algorithm.startswith("HS")
        self._algorithm = algorithm
        self._signing_key = secret_key if symmetric else private_key
        self._verifying_key = secret_key if symmetric else public_key
        self._issuer = issuer
        self._audience = audience
        self._ttl = ttl_seconds
        self._clock = clock
        self._verified: OrderedDict[str, AccessClaims] = OrderedDict()

    def issue(self, grant: AccessGrant) -> IssuedAccessToken:
        issued_at = int(self._clock.now().timestamp())
        payload = {
            "sub": str(grant.user_id),
            "role": grant.role,
            "plan": grant.plan,
            "ver": grant.token_version,
            "iat": issued_at,
            "exp": issued_at + self._ttl,
            "jti": str(new_id()),
            "iss": self._issuer,
            "aud": self._audience,
            "type": TOKEN_TYPE,
        }
        token = jwt.encode(
            payload, self._signing_key, algorithm=self._algorithm, headers={"typ": HEADER_TYPE}
        )
        return IssuedAccessToken(token=token, expires_in=self._ttl)

    def verify(self, token: str) -> AccessClaims:
        claims = self._verified.get(token)
        if claims is None:
            claims = self._decode(token)
            self._verified[token] = claims
            if len(self._verified) > VERIFIED_CACHE_SIZE:
                self._verified.popitem(last=False)
        if claims.expires_at <= self._clock.now():
            self._verified.pop(token, None)
            raise TokenExpired("The access token has expired.")
        return claims

    def _decode(self, token: str) -> AccessClaims:
        try:
            decoded = jwt.api_jwt.decode_complete(
                token,
                self._verifying_key,
                algorithms=[self._algorithm],
                audience=self._audience,
                issuer=self._issuer,
                options={"require": _REQUIRED, "strict_aud": True},
            )
        except jwt.ExpiredSignatureError:
            raise TokenExpired("The access token has expired.") from None
        except (jwt.PyJWTError, ValueError, TypeError):
            raise InvalidAccessToken() from None
        return _claims(decoded["header"], decoded["payload"])


def _claims(header: dict[str, Any], payload: dict[str, Any]) -> AccessClaims:
    if header.get("typ") != HEADER_TYPE or payload.get("type") != TOKEN_TYPE:
        raise InvalidAccessToken()
    try:
        version = payload["ver"]
        if not isinstance(version, int) or isinstance(version, bool):
            raise TypeError("ver")
        return AccessClaims(
            user_id=UUID(str(payload["sub"])),
            role=Role(payload["role"]),
            plan=Plan(payload["plan"]),
            token_version=version,
            issued_at=datetime.fromtimestamp(payload["iat"], UTC),
            expires_at=datetime.fromtimestamp(payload["exp"], UTC),
            token_id=str(payload["jti"]),
        )
    except (KeyError, TypeError, ValueError, OverflowError):
        raise InvalidAccessToken() from None
