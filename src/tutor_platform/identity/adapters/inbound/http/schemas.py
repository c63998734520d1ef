"""Request and response bodies of identity's HTTP API."""

from datetime import datetime
from typing import Annotated, Any
from uuid import UUID

import msgspec

from tutor_platform.identity.domain.password_policy import (
    MAX_PASSWORD_LENGTH,
    MIN_PASSWORD_LENGTH,
)
from tutor_platform.identity.domain.validation import (
    EMAIL_REGEX,
    MAX_EMAIL_LENGTH,
    MAX_FULL_NAME_LENGTH,
    PRINTABLE_REGEX,
    USERNAME_REGEX,
)
from tutor_platform.shared.auth import Plan, Role
from tutor_platform.shared.http.paging import PageResponse, named
from tutor_platform.shared.http.requests import StrictRequest

UtcDateTime = Annotated[datetime, msgspec.Meta(tz=True)]
Email = Annotated[
    str,
    msgspec.Meta(
        max_length=MAX_EMAIL_LENGTH,
        pattern=rf"^\s*{EMAIL_REGEX}\s*$",
        extra={"message": "must be an email address such as ann@example.com"},
        description="Unique, compared case-insensitively; surrounding spaces are trimmed.",
        examples=["ann@example.com"],
    ),
]
Username = Annotated[
    str,
    msgspec.Meta(
        pattern=rf"^\s*{USERNAME_REGEX.replace('a-z', 'A-Za-z')}\s*$",
        extra={"message": "must be 3 to 32 characters: letters, digits, '.', '_' or '-'"},
        description="3-32 of a-z 0-9 _ . - (stored lower-case, trimmed); unique.",
        examples=["ann.lee"],
    ),
]
NewPassword = Annotated[
    str,
    msgspec.Meta(
        min_length=MIN_PASSWORD_LENGTH,
        max_length=MAX_PASSWORD_LENGTH,
        description="Not containing the email's local part or the username; not a common one.",
    ),
]
FullName = Annotated[
    str,
    msgspec.Meta(
        max_length=MAX_FULL_NAME_LENGTH,
        pattern=f"^{PRINTABLE_REGEX}$",
        extra={"message": "must not contain control characters such as line breaks"},
        description="Trimmed.",
    ),
]


class RegisterRequest(StrictRequest):
    email: Email
    username: Username
    password: NewPassword
    full_name: FullName = ""


class CreateUserRequest(RegisterRequest):
    role: Role = Role.STUDENT
    plan: Plan = Plan.FREE


class LoginRequest(StrictRequest):
    login: Annotated[str, msgspec.Meta(description="Email (any case) or username.")]
    password: str


class TokenForm(StrictRequest):
    """The OAuth2 password grant form (used by the OpenAPI page's Authorize button)."""

    username: Annotated[str, msgspec.Meta(description="Email (any case) or username.")]
    password: str
    grant_type: str | None = None
    scope: str = ""
    client_id: str | None = None
    client_secret: str | None = None


class RefreshRequest(StrictRequest):
    refresh_token: Annotated[
        str | None, msgspec.Meta(description="Omit to use the refresh_token cookie.")
    ] = None


class ProfilePatch(StrictRequest):
    full_name: FullName | msgspec.UnsetType = msgspec.UNSET
    username: Username | msgspec.UnsetType = msgspec.UNSET
    preferences: Annotated[
        dict[str, Any] | msgspec.UnsetType,
        msgspec.Meta(description="A JSON merge patch (RFC 7386): null deletes a key."),
    ] = msgspec.UNSET


class PasswordChangeRequest(StrictRequest):
    current_password: str
    new_password: NewPassword


class UserPatch(StrictRequest):
    role: Role | msgspec.UnsetType = msgspec.UNSET
    is_active: bool | msgspec.UnsetType = msgspec.UNSET
    plan: Plan | msgspec.UnsetType = msgspec.UNSET


class SubscriptionRequest(StrictRequest):
    plan: Plan
    ends_at: Annotated[
        UtcDateTime | None, msgspec.Meta(description="Omit or null: the plan has no end.")
    ] = None


class TokenResponse(msgspec.Struct):
    access_token: str
    refresh_token: str
    token_type: str
    expires_in: Annotated[int, msgspec.Meta(description="Seconds until the access token expires.")]


class UserResponse(msgspec.Struct):
    id: UUID
    email: str
    username: str
    full_name: str
    role: Role
    is_active: bool
    preferences: dict[str, Any]
    plan: Annotated[Plan, msgspec.Meta(description="The plan in force now.")]
    created_at: datetime
    updated_at: datetime


UserListResponse = Annotated[PageResponse[UserResponse], named("UserListResponse")]


class SubscriptionResponse(msgspec.Struct):
    plan: Plan
    started_at: datetime
    ends_at: datetime | None
    is_active: bool
