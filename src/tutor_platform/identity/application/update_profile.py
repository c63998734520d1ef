"""A user changes their own profile: name, username, preferences (a JSON merge patch)."""

from dataclasses import dataclass
from typing import Any
from uuid import UUID

from tutor_platform.identity.application.support.views import UserView
from tutor_platform.identity.domain.errors import UserNotFound
from tutor_platform.identity.domain.merge_patch import merge_patch
from tutor_platform.identity.domain.validation import (
    FieldChecks,
    clean_name,
    clean_username,
    full_name_problem,
    preferences_problem,
    timezone_problem,
    username_problem,
)
from tutor_platform.identity.ports.unit_of_work import IdentityUnitOfWorkFactory
from tutor_platform.shared.clock import Clock


@dataclass(frozen=True, slots=True)
class ProfileChanges:
    """``None`` leaves a field as it is; ``preferences`` is merged, not replaced."""

    full_name: str | None = None
    username: str | None = None
    preferences: dict[str, Any] | None = None


class UpdateProfile:
    def __init__(self, uow_factory: IdentityUnitOfWorkFactory, clock: Clock) -> None:
        self._uow_factory = uow_factory
        self._clock = clock

    async def execute(self, user_id: UUID, changes: ProfileChanges) -> UserView:
        full_name = None if changes.full_name is None else clean_name(changes.full_name)
        username = None if changes.username is None else clean_username(changes.username)
        checks = FieldChecks()
        if full_name is not None:
            checks.check("full_name", full_name_problem(full_name))
        if username is not None:
            checks.check("username", username_problem(username))
        if changes.preferences is not None:
            checks.check("preferences", preferences_problem(changes.preferences))
        checks.raise_if_failed()
        async with self._uow_factory() as uow:
            user = await uow.users.get(user_id)
            if user is None:
                raise UserNotFound()
            if changes.preferences is not None:
                merged = merge_patch(user.preferences, changes.preferences)
                checks.check("preferences", preferences_problem(merged))
                checks.check("preferences.timezone", timezone_problem(merged.get("timezone")))
                checks.raise_if_failed()
                user.preferences = merged
            user.full_name = user.full_name if full_name is None else full_name
            user.username = user.username if username is None else username
            now = self._clock.now()
            user.updated_at = now
            await uow.users.update(user)
            await uow.commit()
        return UserView.of(user, now)
