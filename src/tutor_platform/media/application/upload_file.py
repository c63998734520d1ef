"""A user uploads a file: quota reserved first, bytes streamed to storage, then the record."""

from collections.abc import Mapping
from contextlib import suppress
from dataclasses import replace
from uuid import UUID

from tutor_platform.media.application.support.content_writer import ContentWriter
from tutor_platform.media.application.support.views import FileInfo
from tutor_platform.media.domain.errors import StorageUnavailable
from tutor_platform.media.domain.file import Visibility, storage_key_for, visibility_problem
from tutor_platform.media.domain.filenames import clean_filename
from tutor_platform.media.domain.quota import UploadPolicy, UploadReservation
from tutor_platform.media.ports.storage import FileStorage
from tutor_platform.media.ports.unit_of_work import MediaUnitOfWorkFactory
from tutor_platform.media.ports.uploads import UploadSource
from tutor_platform.shared.clock import Clock
from tutor_platform.shared.errors import Conflict, FieldError, ValidationFailed
from tutor_platform.shared.ids import new_id


class UploadFile:
    """Never holds the file in memory; a failed upload leaves no bytes and no reservation.

    The quota is checked against the owner's files (soft-deleted ones included) plus the
    reservations of uploads still running, under a per-owner lock. An announced size bounds the
    upload; an upload of unknown size grows its reservation as its bytes arrive.

    A caller may name the new file's id (an import that may run again): when that file exists
    already, it is the answer and nothing is read or stored again; bytes a dead run left under
    that id are overwritten.
    """

    def __init__(
        self,
        uow_factory: MediaUnitOfWorkFactory,
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

    async def execute(
        self, owner_id: UUID, source: UploadSource, file_id: UUID | None = None
    ) -> FileInfo:
        if file_id is not None and (stored := await self._stored(owner_id, file_id)) is not None:
            return stored
        filename = clean_filename(source.filename)
        file_id = file_id or new_id()
        key = storage_key_for(file_id)
        size = self._policy.reservation_size(source.declared_size)
        wanted = UploadReservation.start(file_id, owner_id, size, self._clock.now())
        needed = 1 if source.declared_size is None else size
        reservation, lapsed = await self._reserve(wanted, needed)

        async def grow(needed: int) -> int:
            nonlocal reservation
            bigger = replace(
                reservation, size=self._policy.grown_reservation(reservation.size, needed)
            )
            reservation, lapsed = await self._reserve(bigger, needed)
            await self._drop(lapsed)
            return reservation.size

        try:
            await self._drop(lapsed)
            written = await self._writer.write_upload(
                key,
                source.chunks(),
                filename=filename,
                policy=self._policy,
                limit=reservation.size,
                grow=grow if source.declared_size is None else None,
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

    async def _drop(self, lapsed: list[UploadReservation]) -> None:
        for stale in lapsed:
            await self._storage.delete(storage_key_for(stale.id))

    async def _stored(self, owner_id: UUID, file_id: UUID) -> FileInfo | None:
        async with self._uow_factory() as uow:
            file = await uow.files.get(file_id)
        if file is None:
            return None
        if file.owner_id != owner_id:
            raise Conflict("The file id is taken.")
        return FileInfo.of(file)

    async def _reserve(
        self, reservation: UploadReservation, needed: int
    ) -> tuple[UploadReservation, list[UploadReservation]]:
        """Set the bytes aside (in place of this upload's earlier reservation, if any): as many
        as wanted, or what the quota has left if that holds ``needed``; else
        ``StorageQuotaExceeded``. Returns the reservation held, and the owner's lapsed
        reservations (uploads whose process died), dropped, to delete their bytes."""
        owner_id, now = reservation.owner_id, self._clock.now()
        async with self._uow_factory() as uow:
            await uow.uploads.lock_owner(owner_id, now)
            await uow.uploads.remove(reservation.id)
            lapsed = await uow.uploads.take_expired(owner_id, now)
            used = await uow.files.bytes_used(owner_id)
            reserved = await uow.uploads.bytes_reserved(owner_id, now)
            size = self._policy.within_quota(used, reserved, reservation.size, needed)
            reservation = replace(reservation, size=size)
            await uow.uploads.add(reservation)
            await uow.commit()
        return reservation, lapsed

    async def _abandon(self, reservation: UploadReservation) -> None:
        """Release the reservation and the bytes, unless another run of the same upload stored
        them as its file; the error that got here is the one reported."""
        async with self._uow_factory() as uow:
            await uow.uploads.remove(reservation.id)
            kept = await uow.files.get(reservation.id)
            await uow.commit()
        if kept is None:
            with suppress(StorageUnavailable):
                await self._storage.delete(storage_key_for(reservation.id))


def _visibility(fields: Mapping[str, str]) -> Visibility:
    value = fields.get("visibility", Visibility.PRIVATE)
    problem = visibility_problem(value)
    if problem is not None:
        raise ValidationFailed(errors=[FieldError("visibility", problem)])
    return Visibility(value)
