"""Which passwords are acceptable for an account."""

from collections.abc import Container

MIN_PASSWORD_LENGTH = 10
MAX_PASSWORD_LENGTH = 128
_MIN_IDENTIFIER_LENGTH = 3


class PasswordPolicy:
    """10 to 128 characters, not built on the email's local part or the username, not common.

    ``common_passwords`` holds lower-case passwords; the comparison ignores case. The
    local part and the username are compared case-insensitively; identifiers shorter than
    three characters are only refused as the whole password (containment would refuse almost
    everything).
    """

    def __init__(self, common_passwords: Container[str]) -> None:
        self._common = common_passwords

    def problems(self, password: str, *, email: str, username: str) -> list[str]:
        """Everything wrong with ``password`` for this account (empty when acceptable)."""
        if len(password) < MIN_PASSWORD_LENGTH:
            return [f"must be at least {MIN_PASSWORD_LENGTH} characters"]
        if len(password) > MAX_PASSWORD_LENGTH:
            return [f"must be at most {MAX_PASSWORD_LENGTH} characters"]
        lowered = password.lower()
        found = []
        for label, identifier in (
            ("the email's local part", email.partition("@")[0].strip().lower()),
            ("the username", username.strip().lower()),
        ):
            if identifier and (
                lowered == identifier
                or (len(identifier) >= _MIN_IDENTIFIER_LENGTH and identifier in lowered)
            ):
                found.append(f"must not contain {label}")
        if lowered in self._common:
            found.append("is too common")
        return found
