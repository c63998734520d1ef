"""Calls to Drive with a user's access token, refreshed before it expires.

A token Google rejects (401) is refreshed once and the call tried again; a refresh token Google
refuses (``invalid_grant``) ends the connection: it is deleted and the caller told to
reconnect. Tokens stored under an older encryption key are re-encrypted with the newest one
when used.
"""

from collections.abc import Awaitable, Callable
from typing import TypeVar
from uuid import UUID

from tutor_platform.integrations.domain.connection import DriveConnection
from tutor_platform.integrations.domain.errors import (
    DriveNotConfigured,
    DriveNotConnected,
    DriveReconnectNeeded,
    DriveTokenRejected,
    GrantRevoked,
)
from tutor_platform.integrations.ports.google import GoogleOAuth
from tutor_platform.integrations.ports.unit_of_work import IntegrationsUnitOfWorkFactory
from tutor_platform.shared.clock import Clock

T = TypeVar("T")


def configured(oauth: GoogleOAuth | None) -> GoogleOAuth:
    """The OAuth client, or ``DriveNotConfigured`` (503) without ``GOOGLE_CLIENT_ID``."""
    if oauth is None:
        raise DriveNotConfigured()
    return oauth


class DriveSession:
    def __init__(
        self, uow_factory: IntegrationsUnitOfWorkFactory, oauth: GoogleOAuth | None, clock: Clock
    ) -> None:
        self._uow_factory = uow_factory
        self._oauth = oauth
        self._clock = clock

    async def run(self, user_id: UUID, call: Callable[[str], Awaitable[T]]) -> T:
        """``call(access_token)`` for the user's connection (``DriveNotConnected`` without)."""
        connection = await self._fresh(await self._connection(user_id), force=False)
        try:
            return await call(connection.access_token)
        except DriveTokenRejected:
            connection = await self._fresh(connection, force=True)
        try:
            return await call(connection.access_token)
        except DriveTokenRejected:
            raise DriveReconnectNeeded() from None

    async def _connection(self, user_id: UUID) -> DriveConnection:
        configured(self._oauth)
        async with self._uow_factory() as uow:
            connection = await uow.connections.get(user_id)
            if connection is None:
                raise DriveNotConnected()
            if await uow.connections.stale_keys(user_id):
                await uow.connections.save(connection)
                await uow.commit()
        return connection

    async def _fresh(self, connection: DriveConnection, *, force: bool) -> DriveConnection:
        if not force and not connection.needs_refresh(self._clock.now()):
            return connection
        if connection.refresh_token is None:
            await self._forget(connection.user_id)
            raise DriveReconnectNeeded()
        try:
            tokens = await configured(self._oauth).refresh(connection.refresh_token)
        except GrantRevoked:
            await self._forget(connection.user_id)
            raise DriveReconnectNeeded() from None
        refreshed = connection.refreshed(tokens)
        async with self._uow_factory() as uow:
            await uow.connections.save(refreshed)
            await uow.commit()
        return refreshed

    async def _forget(self, user_id: UUID) -> None:
        async with self._uow_factory() as uow:
            await uow.connections.remove(user_id)
            await uow.commit()
