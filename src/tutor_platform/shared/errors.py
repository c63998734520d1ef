"""Domain errors shared by every context.

Each error names a stable ``code``; the HTTP shell maps codes to status codes, so nothing
below the adapters knows about HTTP.
"""

from dataclasses import dataclass
from typing import ClassVar, Literal

ErrorCode = Literal[
    "BAD_REQUEST",
    "UNAUTHENTICATED",
    "TOKEN_EXPIRED",
    "FORBIDDEN",
    "PREMIUM_REQUIRED",
    "NOT_FOUND",
    "METHOD_NOT_ALLOWED",
    "NOT_ACCEPTABLE",
    "CONFLICT",
    "PAYLOAD_TOO_LARGE",
    "UNSUPPORTED_MEDIA_TYPE",
    "RANGE_NOT_SATISFIABLE",
    "VALIDATION_ERROR",
    "RATE_LIMITED",
    "QUOTA_EXCEEDED",
    "INTERNAL_ERROR",
    "UPSTREAM_ERROR",
    "UNAVAILABLE",
]
"""Every ``error_code`` a client can receive (the OpenAPI document lists them as an enum)."""


@dataclass(frozen=True, slots=True)
class FieldError:
    """One invalid input field and why."""

    field: str
    message: str


class DomainError(Exception):
    """Base of every error a use case may raise on purpose."""

    code: ClassVar[ErrorCode] = "BAD_REQUEST"
    default_detail: ClassVar[str] = "The request could not be processed."

    def __init__(self, detail: str | None = None) -> None:
        self.detail = detail or self.default_detail
        super().__init__(self.detail)


class BadRequest(DomainError):
    code = "BAD_REQUEST"


class NotFound(DomainError):
    code = "NOT_FOUND"
    default_detail = "The resource was not found."


class NotAcceptable(DomainError):
    code = "NOT_ACCEPTABLE"
    default_detail = "The response cannot be given in a media type the Accept header allows."


class Conflict(DomainError):
    code = "CONFLICT"
    default_detail = "The request conflicts with the current state of the resource."


class Forbidden(DomainError):
    code: ClassVar[ErrorCode] = "FORBIDDEN"
    default_detail = "You are not allowed to do this."


class PremiumRequired(Forbidden):
    code = "PREMIUM_REQUIRED"
    default_detail = "This feature needs a premium plan."


class Unauthenticated(DomainError):
    code: ClassVar[ErrorCode] = "UNAUTHENTICATED"
    default_detail = "Authentication is required."


class TokenExpired(Unauthenticated):
    code = "TOKEN_EXPIRED"
    default_detail = "The token has expired."


class ValidationFailed(DomainError):
    code = "VALIDATION_ERROR"
    default_detail = "The request is not valid."

    def __init__(self, detail: str | None = None, errors: list[FieldError] | None = None) -> None:
        super().__init__(detail)
        self.errors = errors or []


class PayloadTooLarge(DomainError):
    code = "PAYLOAD_TOO_LARGE"
    default_detail = "The request body is too large."


class UnsupportedMediaType(DomainError):
    code = "UNSUPPORTED_MEDIA_TYPE"
    default_detail = "This media type is not supported."


class RateLimited(DomainError):
    code: ClassVar[ErrorCode] = "RATE_LIMITED"
    default_detail = "Too many requests; try again later."

    def __init__(self, retry_after: int, detail: str | None = None) -> None:
        super().__init__(detail)
        self.retry_after = max(1, retry_after)


class QuotaExceeded(RateLimited):
    code = "QUOTA_EXCEEDED"
    default_detail = "The daily quota for this feature is used up."


class UpstreamFailed(DomainError):
    code = "UPSTREAM_ERROR"
    default_detail = "An upstream provider failed."


class Unavailable(DomainError):
    """A dependency is down; ``retry_after`` is the seconds a client should wait."""

    code = "UNAVAILABLE"
    default_detail = "The service is not available right now."

    def __init__(self, detail: str | None = None, retry_after: int = 5) -> None:
        super().__init__(detail)
        self.retry_after = max(1, retry_after)
