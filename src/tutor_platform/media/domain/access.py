"""Who may see, download and change a file."""

from tutor_platform.media.domain.file import StoredFile
from tutor_platform.shared.auth import Principal


def is_owner_or_admin(file: StoredFile, principal: Principal | None) -> bool:
    return principal is not None and (principal.is_admin or principal.user_id == file.owner_id)


def can_view(file: StoredFile, principal: Principal | None) -> bool:
    """The owner and admins see a file, deleted or not; anyone sees a live public file."""
    return is_owner_or_admin(file, principal) or (file.is_public and not file.is_deleted)


def can_download(file: StoredFile, principal: Principal | None) -> bool:
    """The bytes of a deleted file are unavailable to everyone until it is restored."""
    return not file.is_deleted and can_view(file, principal)
