"""One exception-to-response function: every error leaves in the SPEC's error body."""

from datetime import UTC, datetime
from typing import Any

import msgspec
import structlog
from litestar import MediaType, Request, Response
from litestar.exceptions import HTTPException, ValidationException

from tutor_platform.shared.errors import DomainError, RateLimited, ValidationFailed
from tutor_platform.shared.http.request_context import current_request_id

logger = structlog.get_logger("tutor_platform.errors")

STATUS_BY_CODE: dict[str, int] = {
    "BAD_REQUEST": 400,
    "UNAUTHENTICATED": 401,
    "TOKEN_EXPIRED": 401,
    "FORBIDDEN": 403,
    "PREMIUM_REQUIRED": 403,
    "NOT_FOUND": 404,
    "METHOD_NOT_ALLOWED": 405,
    "CONFLICT": 409,
    "PAYLOAD_TOO_LARGE": 413,
    "UNSUPPORTED_MEDIA_TYPE": 415,
    "VALIDATION_ERROR": 422,
    "RATE_LIMITED": 429,
    "QUOTA_EXCEEDED": 429,
    "INTERNAL_ERROR": 500,
    "UPSTREAM_ERROR": 502,
    "UNAVAILABLE": 503,
}
CODE_BY_STATUS: dict[int, str] = {
    400: "BAD_REQUEST",
    401: "UNAUTHENTICATED",
    403: "FORBIDDEN",
    404: "NOT_FOUND",
    405: "METHOD_NOT_ALLOWED",
    409: "CONFLICT",
    413: "PAYLOAD_TOO_LARGE",
    415: "UNSUPPORTED_MEDIA_TYPE",
    422: "VALIDATION_ERROR",
    429: "RATE_LIMITED",
    502: "UPSTREAM_ERROR",
    503: "UNAVAILABLE",
}


class FieldErrorBody(msgspec.Struct):
    """One invalid field."""

    field: str
    message: str


class ErrorBody(msgspec.Struct, omit_defaults=True):
    """The body of every error response."""

    detail: str
    error_code: str
    timestamp: str
    request_id: str
    errors: list[FieldErrorBody] | None = None


def error_response(
    status: int,
    code: str,
    detail: str,
    errors: list[FieldErrorBody] | None = None,
    headers: dict[str, str] | None = None,
) -> Response[ErrorBody]:
    """Build an error response in the common body."""
    body = ErrorBody(
        detail=detail,
        error_code=code,
        timestamp=datetime.now(UTC).isoformat().replace("+00:00", "Z"),
        request_id=current_request_id(),
        errors=errors,
    )
    return Response(content=body, status_code=status, media_type=MediaType.JSON, headers=headers)


def _field_errors(extra: Any) -> list[FieldErrorBody]:
    items = extra if isinstance(extra, list) else [extra] if extra else []
    result = []
    for item in items:
        if isinstance(item, dict):
            key = item.get("key") or item.get("field") or "body"
            result.append(FieldErrorBody(field=str(key), message=str(item.get("message", ""))))
    return result


def _from_validation(exc: ValidationException) -> Response[ErrorBody]:
    errors = _field_errors(exc.extra)
    if any("malformed" in e.message.lower() for e in errors) or "malformed" in exc.detail.lower():
        return error_response(400, "BAD_REQUEST", "The request body is not valid JSON.")
    if not errors:
        errors = [FieldErrorBody(field="body", message=exc.detail)]
    return error_response(422, "VALIDATION_ERROR", "The request is not valid.", errors)


def _from_http(exc: HTTPException) -> Response[ErrorBody]:
    status = exc.status_code
    if status >= 500:
        code = CODE_BY_STATUS.get(status, "INTERNAL_ERROR")
        return error_response(status, code, "The server could not handle the request.")
    code = CODE_BY_STATUS.get(status, "BAD_REQUEST")
    headers = {k: v for k, v in (exc.headers or {}).items()}
    return error_response(status, code, exc.detail, headers=headers or None)


def _from_domain(exc: DomainError) -> Response[ErrorBody]:
    status = STATUS_BY_CODE.get(exc.code, 400)
    headers = None
    if isinstance(exc, RateLimited):
        headers = {"Retry-After": str(exc.retry_after)}
    errors = None
    if isinstance(exc, ValidationFailed):
        errors = [FieldErrorBody(field=e.field, message=e.message) for e in exc.errors] or None
    return error_response(status, exc.code, exc.detail, errors, headers)


def exception_to_response(request: Request[Any, Any, Any], exc: Exception) -> Response[ErrorBody]:
    """Map any exception to the error body; unexpected ones are logged and hidden."""
    if isinstance(exc, DomainError):
        return _from_domain(exc)
    if isinstance(exc, ValidationException):
        return _from_validation(exc)
    if isinstance(exc, HTTPException) and exc.status_code < 500:
        return _from_http(exc)
    logger.exception("unhandled_exception", exc_info=exc, path=request.url.path)
    return error_response(500, "INTERNAL_ERROR", "An unexpected error occurred.")
