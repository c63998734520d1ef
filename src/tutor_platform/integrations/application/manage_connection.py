"""The caller's Drive connection: how it stands, and disconnecting it."""

from dataclasses import dataclass
from datetime import datetime

from tutor_platform.integrations.application.support.drive_session import configured
from tutor_platform.integrations.ports.google import GoogleOAuth
from tutor_platform.integrations.ports.unit_of_work import IntegrationsUnitOfWorkFactory
from tutor_platform.shared.auth import Principal


@dataclass(frozen=True, slots=True)
class ConnectionView:
    connected: bool
    scope: str | None = None
    connected_at: datetime | None = None
    email: str | None = None


class GetDriveConnection:
    def __init__(
        self, uow_factory: IntegrationsUnitOfWorkFactory, oauth: GoogleOAuth | None
    ) -> None:
        self._uow_factory = uow_factory
        self._oauth = oauth

    async def execute(self, principal: Principal) -> ConnectionView:
        configured(self._oauth)
        async with self._uow_factory() as uow:
            connection = await uow.connections.get(principal.user_id)
        if connection is None:
            return ConnectionView(connected=False)
        return ConnectionView(True, connection.scope, connection.connected_at, connection.email)


class DisconnectDrive:
    """Revokes the grant at Google, then deletes the tokens. If Google cannot be reached, the
    connection stays (503) so that nothing is left granted without the user knowing."""

    def __init__(
        self, uow_factory: IntegrationsUnitOfWorkFactory, oauth: GoogleOAuth | None
    ) -> None:
        self._uow_factory = uow_factory
        self._oauth = oauth

    async def execute(self, principal: Principal) -> None:
        oauth = configured(self._oauth)
        async with self._uow_factory() as uow:
            connection = await uow.connections.get(principal.user_id)
        if connection is None:
            return
        await oauth.revoke(connection.refresh_token or connection.access_token)
        async with self._uow_factory() as uow:
            await uow.connections.remove(principal.user_id)
            await uow.commit()
