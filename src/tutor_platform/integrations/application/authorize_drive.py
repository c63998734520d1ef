"""Connect Google Drive: start the authorization (a URL to send the user to), then complete it
when Google redirects back with a code and the state."""

import hashlib
import secrets
from uuid import UUID

from tutor_platform.integrations.application.support.drive_session import configured
from tutor_platform.integrations.domain.connection import AuthorizationState, DriveConnection
from tutor_platform.integrations.domain.errors import (
    AuthorizationDenied,
    DriveUnavailable,
    InvalidAuthorizationState,
)
from tutor_platform.integrations.ports.google import DriveApi, GoogleOAuth
from tutor_platform.integrations.ports.unit_of_work import IntegrationsUnitOfWorkFactory
from tutor_platform.shared.auth import Principal
from tutor_platform.shared.clock import Clock

MAX_STATE_LENGTH = 256
MAX_CODE_LENGTH = 2048


def state_hash(state: str) -> str:
    return hashlib.sha256(state.encode("utf-8")).hexdigest()


class StartDriveAuthorization:
    """A new single-use state bound to the caller (10 minutes) and a PKCE verifier."""

    def __init__(
        self, uow_factory: IntegrationsUnitOfWorkFactory, oauth: GoogleOAuth | None, clock: Clock
    ) -> None:
        self._uow_factory = uow_factory
        self._oauth = oauth
        self._clock = clock

    async def execute(self, principal: Principal) -> str:
        oauth = configured(self._oauth)
        state, verifier = secrets.token_urlsafe(32), secrets.token_urlsafe(64)
        record = AuthorizationState.start(
            state_hash(state), principal.user_id, verifier, self._clock.now()
        )
        async with self._uow_factory() as uow:
            await uow.states.add(record)
            await uow.commit()
        return oauth.authorization_url(state, verifier)


class CompleteDriveAuthorization:
    """The state is spent whatever happens next; a missing, unknown, spent, expired or foreign
    one (a signed-in caller who is not its user) is 400 and nothing is stored."""

    def __init__(
        self,
        uow_factory: IntegrationsUnitOfWorkFactory,
        oauth: GoogleOAuth | None,
        api: DriveApi,
        clock: Clock,
    ) -> None:
        self._uow_factory = uow_factory
        self._oauth = oauth
        self._api = api
        self._clock = clock

    async def execute(
        self, state: str | None, code: str | None, error: str | None, caller: Principal | None
    ) -> UUID:
        """The id of the user whose Drive is now connected."""
        oauth = configured(self._oauth)
        if not state or len(state) > MAX_STATE_LENGTH:
            raise InvalidAuthorizationState()
        async with self._uow_factory() as uow:
            record = await uow.states.take(state_hash(state))
            await uow.commit()
        foreign = caller is not None and record is not None and caller.user_id != record.user_id
        if record is None or record.is_expired(self._clock.now()) or foreign:
            raise InvalidAuthorizationState()
        if error is not None:
            raise AuthorizationDenied(f"Google Drive access was not granted ({error[:64]}).")
        if not code or len(code) > MAX_CODE_LENGTH:
            raise AuthorizationDenied("Google sent no authorization code; start again.")
        tokens = await oauth.exchange_code(code, record.code_verifier)
        try:
            email = await self._api.user_email(tokens.access_token)
        except DriveUnavailable:
            email = None
        now = self._clock.now()
        connection = DriveConnection(
            user_id=record.user_id,
            access_token=tokens.access_token,
            refresh_token=tokens.refresh_token,
            expires_at=tokens.expires_at,
            scope=tokens.scope,
            connected_at=now,
            email=email,
        )
        async with self._uow_factory() as uow:
            await uow.connections.save(connection)
            await uow.commit()
        return record.user_id
