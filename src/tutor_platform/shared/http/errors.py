"""One exception-to-response function: every error leaves in the SPEC's error body."""

import re
from datetime import UTC, datetime
from typing import Annotated, Any

import msgspec
import structlog
from litestar import MediaType, Request, Response
from litestar.exceptions import HTTPException, ValidationException

from tutor_platform.shared.errors import (
    DomainError,
    ErrorCode,
    RateLimited,
    Unauthenticated,
    Unavailable,
    ValidationFailed,
)
from tutor_platform.shared.http.request_context import current_request_id
from tutor_platform.shared.http.validation_messages import human_message
from tutor_platform.shared.outage import OUTAGE_RETRY_AFTER_SECONDS, UNAVAILABLE_DETAIL, is_outage

logger = structlog.get_logger("tutor_platform.errors")

STATUS_BY_CODE: dict[ErrorCode, int] = {
    "BAD_REQUEST": 400,
    "UNAUTHENTICATED": 401,
    "TOKEN_EXPIRED": 401,
    "FORBIDDEN": 403,
    "PREMIUM_REQUIRED": 403,
    "NOT_FOUND": 404,
    "METHOD_NOT_ALLOWED": 405,
    "NOT_ACCEPTABLE": 406,
    "CONFLICT": 409,
    "PAYLOAD_TOO_LARGE": 413,
    "UNSUPPORTED_MEDIA_TYPE": 415,
    "RANGE_NOT_SATISFIABLE": 416,
    "VALIDATION_ERROR": 422,
    "RATE_LIMITED": 429,
    "QUOTA_EXCEEDED": 429,
    "INTERNAL_ERROR": 500,
    "UPSTREAM_ERROR": 502,
    "UNAVAILABLE": 503,
}
CODE_BY_STATUS: dict[int, ErrorCode] = {
    400: "BAD_REQUEST",
    401: "UNAUTHENTICATED",
    403: "FORBIDDEN",
    404: "NOT_FOUND",
    405: "METHOD_NOT_ALLOWED",
    406: "NOT_ACCEPTABLE",
    409: "CONFLICT",
    413: "PAYLOAD_TOO_LARGE",
    415: "UNSUPPORTED_MEDIA_TYPE",
    416: "RANGE_NOT_SATISFIABLE",
    422: "VALIDATION_ERROR",
    429: "RATE_LIMITED",
    502: "UPSTREAM_ERROR",
    503: "UNAVAILABLE",
}


class FieldErrorBody(msgspec.Struct):
    """One invalid field."""

    field: Annotated[str, msgspec.Meta(examples=["email"])]
    message: Annotated[str, msgspec.Meta(examples=["must be a valid email address"])]


class ErrorBody(msgspec.Struct, omit_defaults=True):
    """The body of every error response."""

    detail: Annotated[str, msgspec.Meta(examples=["The lesson was not found."])]
    error_code: ErrorCode
    timestamp: Annotated[
        str,
        msgspec.Meta(description="ISO 8601, UTC.", examples=["2026-03-02T09:15:27.412Z"]),
    ]
    request_id: Annotated[str, msgspec.Meta(examples=["0193a1e4-7c2b-7d41-9a0e-5b8f3c6d2e17"])]
    errors: Annotated[
        list[FieldErrorBody] | None,
        msgspec.Meta(description="Only on 422 VALIDATION_ERROR: every invalid field."),
    ] = None


ERROR_BODY_HEADER = "x-tutor-error-body"
"""Marks a response built here; the outermost middleware strips it and rewrites unmarked errors."""


def error_body(
    code: ErrorCode, detail: str, errors: list[FieldErrorBody] | None = None
) -> ErrorBody:
    """The common error body, stamped with the time and the current request id."""
    return ErrorBody(
        detail=detail,
        error_code=code,
        timestamp=datetime.now(UTC).isoformat().replace("+00:00", "Z"),
        request_id=current_request_id(),
        errors=errors,
    )


def error_response(
    status: int,
    code: ErrorCode,
    detail: str,
    errors: list[FieldErrorBody] | None = None,
    headers: dict[str, str] | None = None,
) -> Response[ErrorBody]:
    """Build an error response in the common body."""
    return Response(
        content=error_body(code, detail, errors),
        status_code=status,
        media_type=MediaType.JSON,
        headers={**(headers or {}), ERROR_BODY_HEADER: "1"},
    )


_NAMED_FIELD = re.compile(r"(?:unknown|required) field `([^`]+)`")
_MISSING_PARAMETER = re.compile(r"^Missing required \w+ parameter '([^']+)'")
_MALFORMED = "malformed"


def _field_path(key: str, source: str | None, message: str) -> str:
    """A client-facing field path: ``email``, ``items[1].name`` (never ``$.`` or ``data``)."""
    path = key.replace("$.", "").replace("[...]", "")
    if source == "body" or path == "data" or path.startswith("data["):
        path = path.removeprefix("data")
    if named := _NAMED_FIELD.search(message):
        path = f"{path}.{named.group(1)}" if path else named.group(1)
    return path.lstrip(".") or "body"


def _field_errors(exc: ValidationException) -> list[FieldErrorBody]:
    """Litestar/msgspec validation messages as ``{field, message}`` pairs, in plain words."""
    items = exc.extra if isinstance(exc.extra, list) else [exc.extra] if exc.extra else []
    result = []
    for item in items:
        if isinstance(item, dict):
            message = str(item.get("message", "")).split(" - ", maxsplit=1)[0]
            field = _field_path(str(item.get("key", "")), item.get("source"), message)
            result.append(FieldErrorBody(field=field, message=human_message(message)))
    if not result and (missing := _MISSING_PARAMETER.match(exc.detail)):
        result.append(FieldErrorBody(field=missing.group(1), message="This parameter is required."))
    return result


def _is_missing_body(errors: list[FieldErrorBody]) -> bool:
    """Litestar reports an empty body for a required ``data`` parameter as a missing key."""
    return any(e.field == "body" and e.message in ("'data'", "") for e in errors)


def _from_validation(exc: ValidationException) -> Response[ErrorBody]:
    errors = _field_errors(exc)
    if _MALFORMED in exc.detail.lower() or any(_MALFORMED in e.message.lower() for e in errors):
        return error_response(400, "BAD_REQUEST", "The request body is not valid JSON.")
    if _is_missing_body(errors):
        return error_response(400, "BAD_REQUEST", "A JSON request body is required.")
    if not errors:
        errors = [FieldErrorBody(field="body", message=exc.detail)]
    return error_response(422, "VALIDATION_ERROR", "The request is not valid.", errors)


def code_for_status(status: int) -> ErrorCode:
    """The error code of an HTTP status that no domain error chose."""
    return CODE_BY_STATUS.get(status, "INTERNAL_ERROR" if status >= 500 else "BAD_REQUEST")


def _from_http(exc: HTTPException) -> Response[ErrorBody]:
    status = exc.status_code
    code = code_for_status(status)
    return error_response(status, code, exc.detail, headers=dict(exc.headers or {}))


def _from_domain(exc: DomainError) -> Response[ErrorBody]:
    status = STATUS_BY_CODE.get(exc.code, 400)
    headers = None
    if isinstance(exc, RateLimited | Unavailable):
        headers = {"Retry-After": str(exc.retry_after)}
    elif isinstance(exc, Unauthenticated):
        headers = {"WWW-Authenticate": "Bearer"}
    errors = None
    if isinstance(exc, ValidationFailed):
        errors = [FieldErrorBody(field=e.field, message=e.message) for e in exc.errors] or None
    return error_response(status, exc.code, exc.detail, errors, headers)


OUTAGE_HEADERS: dict[str, str] = {"Retry-After": str(OUTAGE_RETRY_AFTER_SECONDS)}


def outage_response(exc: BaseException, path: str) -> Response[ErrorBody]:
    """503 ``UNAVAILABLE`` with ``Retry-After`` for a dependency that is down (logged in one
    line, without a traceback: the outage itself is not a bug)."""
    logger.warning("dependency_unavailable", error=_one_line(exc), path=path)
    return error_response(503, "UNAVAILABLE", UNAVAILABLE_DETAIL, headers=OUTAGE_HEADERS)


def _one_line(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}".splitlines()[0][:300]


def exception_to_response(request: Request[Any, Any, Any], exc: Exception) -> Response[ErrorBody]:
    """Map any exception to the error body; a dependency outage is 503, other unexpected
    exceptions are logged and hidden (500)."""
    if isinstance(exc, DomainError):
        return _from_domain(exc)
    if isinstance(exc, ValidationException):
        return _from_validation(exc)
    if isinstance(exc, HTTPException) and exc.status_code < 500:
        return _from_http(exc)
    if is_outage(exc):
        return outage_response(exc, request.url.path)
    logger.exception("unhandled_exception", exc_info=exc, path=request.url.path)
    return error_response(500, "INTERNAL_ERROR", "An unexpected error occurred.")
