"""Create an administrator (the command line and the first admin at start-up)."""

import re

from tutor_platform.identity.application.create_user import CreateUser, NewUser
from tutor_platform.identity.application.support.views import UserView
from tutor_platform.identity.domain.validation import clean_username
from tutor_platform.identity.ports.unit_of_work import IdentityUnitOfWorkFactory
from tutor_platform.shared.auth import Plan, Role

_NOT_USERNAME = re.compile(r"[^a-z0-9_.-]")
_MAX_ATTEMPTS = 100


class CreateAdmin:
    """An admin account; without a username, one is derived from the email's local part."""

    def __init__(self, create_user: CreateUser, uow_factory: IdentityUnitOfWorkFactory) -> None:
        self._create_user = create_user
        self._uow_factory = uow_factory

    async def execute(
        self, email: str, password: str, username: str | None = None, full_name: str = ""
    ) -> UserView:
        chosen = username if username is not None else await self._free_username(email)
        return await self._create_user.execute(
            NewUser(email, chosen, password, full_name, role=Role.ADMIN, plan=Plan.FREE)
        )

    async def _free_username(self, email: str) -> str:
        base = _NOT_USERNAME.sub("", clean_username(email.partition("@")[0]))[:32]
        if len(base) < 3:
            base = "admin"
        async with self._uow_factory() as uow:
            for attempt in range(1, _MAX_ATTEMPTS + 1):
                suffix = "" if attempt == 1 else f"-{attempt}"
                candidate = base[: 32 - len(suffix)] + suffix
                if await uow.users.get_by_username(candidate) is None:
                    return candidate
        return base
