"""A user uploads a file: quota reserved first, bytes streamed to storage, then the record."""

from collections.abc import Mapping
from contextlib import suppress
from uuid import UUID

from tutor_platform.media.application.content_writer import ContentWriter
from tutor_platform.media.application.views import FileInfo
from tutor_platform.media.domain.errors import StorageUnavailable
from tutor_platform.media.domain.file import PRIVATE, storage_key_for, visibility_problem
from tutor_platform.media.domain.filenames import clean_filename
from tutor_platform.media.domain.quota import UploadPolicy, UploadReservation
from tutor_platform.media.ports.storage import FileStorage
from tutor_platform.media.ports.unit_of_work import UnitOfWorkFactory
from tutor_platform.media.ports.uploads import UploadSource
from tutor_platform.shared.clock import Clock
from tutor_platform.shared.errors import FieldError, ValidationFailed
from tutor_platform.shared.ids import new_id


class UploadFile:
    """Never holds the file in memory; a failed upload leaves no bytes and no reservation.

    The quota is checked against the owner's files (soft-deleted ones included) plus the
    reservations of uploads still running, under a per-owner lock.
    """

    def __init__(
        self,
        uow_factory: UnitOfWorkFactory,
        writer: ContentWriter,
        storage: FileStorage,
        policy: UploadPolicy,
        clock: Clock,
    ) -> None:
        self._uow_factory = uow_factory
        self._writer = writer
        self._storage = storage
        self._policy = policy
        self._clock = clock

    async def execute(self, owner_id: UUID, source: UploadSource) -> FileInfo:
        filename = clean_filename(source.filename)
        file_id = new_id()
        key = storage_key_for(file_id)
        size = self._policy.reservation_size(source.declared_size)
        reservation = UploadReservation.start(file_id, owner_id, size, self._clock.now())
        lapsed = await self._reserve(reservation)
        try:
            for stale in lapsed:
                await self._storage.delete(storage_key_for(stale.id))
            written = await self._writer.write_upload(
                key, source.chunks(), filename=filename, policy=self._policy, limit=size
            )
            if written.size == 0:
                raise ValidationFailed(errors=[FieldError("file", "must not be empty")])
            visibility = _visibility(await source.fields())
            file = written.as_file(file_id, owner_id, filename, visibility, self._clock.now())
            async with self._uow_factory() as uow:
                await uow.uploads.remove(file_id)
                await uow.files.add(file)
                await uow.commit()
        except BaseException:
            await self._abandon(reservation)
            raise
        return FileInfo.of(file)

    async def _reserve(self, reservation: UploadReservation) -> list[UploadReservation]:
        """Set the bytes aside, or ``StorageQuotaExceeded``. The owner's lapsed reservations
        (uploads whose process died) are dropped and returned, to delete their bytes."""
        owner_id, now = reservation.owner_id, reservation.created_at
        async with self._uow_factory() as uow:
            await uow.uploads.lock_owner(owner_id, now)
            lapsed = await uow.uploads.take_expired(owner_id, now)
            used = await uow.files.bytes_used(owner_id)
            reserved = await uow.uploads.bytes_reserved(owner_id, now)
            self._policy.check_quota(used, reserved, reservation.size)
            await uow.uploads.add(reservation)
            await uow.commit()
        return lapsed

    async def _abandon(self, reservation: UploadReservation) -> None:
        """Release the reservation and any bytes; the error that got here is the one reported."""
        async with self._uow_factory() as uow:
            await uow.uploads.remove(reservation.id)
            await uow.commit()
        with suppress(StorageUnavailable):
            await self._storage.delete(storage_key_for(reservation.id))


def _visibility(fields: Mapping[str, str]) -> str:
    value = fields.get("visibility", PRIVATE)
    problem = visibility_problem(value)
    if problem is not None:
        raise ValidationFailed(errors=[FieldError("visibility", problem)])
    return value
