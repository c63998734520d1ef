"""Exceptions to the common error body: domain codes, HTTP exceptions, validation paths."""

import json
from typing import Any

import pytest
from litestar.exceptions import (
    MethodNotAllowedException,
    NotAuthorizedException,
    ValidationException,
)

from tutor_platform.shared.errors import (
    Conflict,
    DomainError,
    FieldError,
    Forbidden,
    NotFound,
    PayloadTooLarge,
    PremiumRequired,
    QuotaExceeded,
    RateLimited,
    TokenExpired,
    Unauthenticated,
    Unavailable,
    UnsupportedMediaType,
    UpstreamFailed,
    ValidationFailed,
)
from tutor_platform.shared.http.errors import exception_to_response


class FakeRequest:
    """Just what the handler reads from a request."""

    class url:  # mimics ``request.url.path``
        path = "/x"


def render(exc: Exception) -> tuple[int, dict[str, Any], dict[str, str]]:
    response = exception_to_response(FakeRequest(), exc)  # type: ignore[arg-type]
    content = response.content
    body = json.loads(response.render(content, response.media_type))  # type: ignore[arg-type]
    return response.status_code, body, dict(response.headers)


@pytest.mark.parametrize(
    ("error", "status", "code"),
    [
        (NotFound(), 404, "NOT_FOUND"),
        (Conflict(), 409, "CONFLICT"),
        (Forbidden(), 403, "FORBIDDEN"),
        (PremiumRequired(), 403, "PREMIUM_REQUIRED"),
        (Unauthenticated(), 401, "UNAUTHENTICATED"),
        (TokenExpired(), 401, "TOKEN_EXPIRED"),
        (PayloadTooLarge(), 413, "PAYLOAD_TOO_LARGE"),
        (UnsupportedMediaType(), 415, "UNSUPPORTED_MEDIA_TYPE"),
        (UpstreamFailed(), 502, "UPSTREAM_ERROR"),
        (Unavailable(), 503, "UNAVAILABLE"),
        (DomainError(), 400, "BAD_REQUEST"),
    ],
)
def test_domain_errors_map_to_their_status(error: DomainError, status: int, code: str) -> None:
    got_status, body, _ = render(error)
    assert (got_status, body["error_code"], body["detail"]) == (status, code, error.detail)
    assert "errors" not in body


def test_rate_limits_carry_retry_after() -> None:
    for error, code in ((RateLimited(30), "RATE_LIMITED"), (QuotaExceeded(90), "QUOTA_EXCEEDED")):
        status, body, headers = render(error)
        assert (status, body["error_code"]) == (429, code)
        assert headers["Retry-After"] == str(error.retry_after)


def test_unauthenticated_asks_for_a_bearer_token() -> None:
    assert render(TokenExpired())[2]["WWW-Authenticate"] == "Bearer"


def test_domain_validation_lists_its_fields() -> None:
    error = ValidationFailed(errors=[FieldError("email", "taken"), FieldError("username", "bad")])
    status, body, _ = render(error)
    assert (status, body["error_code"]) == (422, "VALIDATION_ERROR")
    assert body["errors"] == [
        {"field": "email", "message": "taken"},
        {"field": "username", "message": "bad"},
    ]


def test_litestar_http_exceptions_keep_status_and_headers() -> None:
    status, body, headers = render(MethodNotAllowedException(headers={"allow": "GET"}))
    assert (status, body["error_code"], headers["allow"]) == (405, "METHOD_NOT_ALLOWED", "GET")
    assert render(NotAuthorizedException())[1]["error_code"] == "UNAUTHENTICATED"


def test_unexpected_exceptions_are_hidden() -> None:
    status, body, _ = render(KeyError("users.password_hash"))
    assert (status, body["error_code"]) == (500, "INTERNAL_ERROR")
    assert "password_hash" not in json.dumps(body)


@pytest.mark.parametrize(
    ("extra", "field"),
    [
        (
            {
                "key": "data",
                "message": "Object contains unknown field `nickname`",
                "source": "body",
            },
            "nickname",
        ),
        (
            {"key": "data", "message": "Object missing required field `email`", "source": "body"},
            "email",
        ),
        (
            {"key": "profile", "message": "Object missing required field `city`", "source": "body"},
            "profile.city",
        ),
        (
            {"key": "items[2].name", "message": "Expected `str`, got `int`", "source": "body"},
            "items[2].name",
        ),
        ({"key": "$.tags[...]", "message": "Expected `int`, got `str`", "source": "body"}, "tags"),
        ({"key": "data", "message": "Expected `object`, got `array`", "source": "body"}, "body"),
        ({"key": "limit", "message": "Expected `int`, got `str`", "source": "query"}, "limit"),
    ],
)
def test_validation_field_paths_are_client_names(extra: dict[str, str], field: str) -> None:
    status, body, _ = render(ValidationException(detail="Validation failed", extra=[extra]))
    assert status == 422
    assert [e["field"] for e in body["errors"]] == [field]
    assert " - at " not in body["errors"][0]["message"]


def test_missing_parameter_without_details_names_the_parameter() -> None:
    exc = ValidationException("Missing required header parameter 'x-tenant' for path /x")
    status, body, _ = render(exc)
    assert (status, [e["field"] for e in body["errors"]]) == (422, ["x-tenant"])


def test_malformed_and_empty_bodies_are_400() -> None:
    malformed = ValidationException("JSON is malformed: invalid character (byte 0)")
    empty = ValidationException(
        detail="Validation failed", extra=[{"key": "data", "message": "'data'", "source": "body"}]
    )
    assert render(malformed)[1]["error_code"] == "BAD_REQUEST"
    assert render(empty)[0] == 400
