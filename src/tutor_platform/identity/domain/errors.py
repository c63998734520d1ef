"""Errors of the identity context; each states the fact and maps to a SPEC error code."""

from tutor_platform.shared.errors import Conflict, Forbidden, NotFound, Unauthenticated


class EmailTaken(Conflict):
    default_detail = "An account with this email already exists."


class UsernameTaken(Conflict):
    default_detail = "This username is already taken."


class UserNotFound(NotFound):
    default_detail = "The user was not found."


class InvalidCredentials(Unauthenticated):
    default_detail = "The login or the password is wrong."


class AccountInactive(Forbidden):
    default_detail = "This account is deactivated."


class WrongCurrentPassword(Forbidden):
    default_detail = "The current password is wrong."


class InvalidRefreshToken(Unauthenticated):
    default_detail = "The refresh token is not valid; log in again."


class InvalidAccessToken(Unauthenticated):
    default_detail = "The access token is not valid."


class OwnAccessChange(Conflict):
    default_detail = "Administrators cannot demote or deactivate their own account."
