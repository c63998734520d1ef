"""Self-service sign-up: a student on the free plan."""

from tutor_platform.identity.application.create_user import CreateUser, NewUser
from tutor_platform.identity.application.support.views import UserView
from tutor_platform.shared.auth import Plan, Role


class RegisterUser:
    def __init__(self, create_user: CreateUser) -> None:
        self._create_user = create_user

    async def execute(
        self, email: str, username: str, password: str, full_name: str = ""
    ) -> UserView:
        return await self._create_user.execute(
            NewUser(email, username, password, full_name, role=Role.STUDENT, plan=Plan.FREE)
        )
