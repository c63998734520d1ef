"""OpenAPI helpers: error responses in the common body, declared per operation."""

from litestar.openapi import ResponseSpec

from tutor_platform.shared.http.errors import ErrorBody

_DESCRIPTIONS = {
    400: "Bad request",
    401: "Missing, invalid or expired access token (UNAUTHENTICATED, TOKEN_EXPIRED)",
    403: "Not allowed (FORBIDDEN, PREMIUM_REQUIRED)",
    404: "Not found, or not yours",
    409: "Conflict with the current state",
    413: "Body too large",
    415: "Unsupported media type",
    422: "Validation failed; `errors` lists the fields",
    429: "Rate limited or quota exceeded; see Retry-After",
    502: "An upstream provider failed",
    503: "Not available",
}


def error_responses(*statuses: int) -> dict[int, ResponseSpec]:
    """Response specs in the common error body for the given status codes."""
    return {
        status: ResponseSpec(
            data_container=ErrorBody, description=_DESCRIPTIONS.get(status, "Error")
        )
        for status in statuses
    }
