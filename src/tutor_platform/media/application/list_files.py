"""List files: a user's own; every file for administrators. Newest first."""

from dataclasses import dataclass
from uuid import UUID

from tutor_platform.media.application.support.views import FileInfo
from tutor_platform.media.domain.content_types import KINDS
from tutor_platform.media.domain.filenames import query_problem, search_key
from tutor_platform.media.ports.repositories import FileQuery
from tutor_platform.media.ports.unit_of_work import MediaUnitOfWorkFactory
from tutor_platform.shared.auth import Principal
from tutor_platform.shared.errors import FieldError, ValidationFailed
from tutor_platform.shared.pagination import Page, PageRequest


@dataclass(frozen=True, slots=True)
class FileFilter:
    """``deleted``: false (default) lists live files, true the soft-deleted ones.

    ``owner_id`` narrows an administrator's list to one owner; for anyone else, whose list
    holds only their own files, another owner gives an empty list.
    """

    kind: str | None = None
    deleted: bool = False
    q: str | None = None
    owner_id: UUID | None = None


class ListFiles:
    def __init__(self, uow_factory: MediaUnitOfWorkFactory) -> None:
        self._uow_factory = uow_factory

    async def execute(
        self, principal: Principal, filters: FileFilter, page: PageRequest
    ) -> Page[FileInfo]:
        text = (filters.q or "").strip() or None
        errors = []
        if filters.kind is not None and filters.kind not in KINDS:
            errors.append(FieldError("kind", f"must be one of {', '.join(KINDS)}"))
        if text is not None and (problem := query_problem(text)) is not None:
            errors.append(FieldError("q", problem))
        if errors:
            raise ValidationFailed(errors=errors)
        owner_id = filters.owner_id
        if not principal.is_admin:
            if owner_id not in (None, principal.user_id):
                return Page(items=[], total=0, limit=page.limit, offset=page.offset)
            owner_id = principal.user_id
        query = FileQuery(
            owner_id=owner_id,
            kind=filters.kind,
            deleted=filters.deleted,
            q=None if text is None else search_key(text),
        )
        async with self._uow_factory() as uow:
            files, total = await uow.files.search(query, page)
        return Page(
            items=[FileInfo.of(file) for file in files],
            total=total,
            limit=page.limit,
            offset=page.offset,
        )
