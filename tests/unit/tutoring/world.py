"""Tutoring's use cases over in-memory adapters: a store, courses, files and a model."""

from dataclasses import dataclass, field
from functools import partial
from typing import Any
from uuid import UUID

from tests.support.clock import T0
from tests.unit.tutoring.doubles import FakeCourse, FakeCourses, FakeFiles, OneModel, ScriptedModel
from tutor_platform.shared.auth import Principal, Role
from tutor_platform.shared.clock import FixedClock
from tutor_platform.shared.ids import new_id
from tutor_platform.tutoring.adapters.outbound.memory.store import InMemoryTutoringStore
from tutor_platform.tutoring.adapters.outbound.memory.unit_of_work import (
    InMemoryTutoringUnitOfWork,
)
from tutor_platform.tutoring.application.create_tutor import CreateTutor, NewTutor
from tutor_platform.tutoring.application.send_message import SendMessage
from tutor_platform.tutoring.application.start_session import StartSession
from tutor_platform.tutoring.application.stream_message import StreamMessage
from tutor_platform.tutoring.application.support.conversation import Conversation
from tutor_platform.tutoring.application.support.detached import DetachedTasks
from tutor_platform.tutoring.application.support.tutor_access import TutorAccess
from tutor_platform.tutoring.application.support.views import TutorView
from tutor_platform.tutoring.domain.session import ChatSession

DEFAULT_MODELS = {"local": "local-1", "gemini": "gemini-x", "ai_core": "core-1"}


def person(role: str = Role.STUDENT, plan: str = "free") -> Principal:
    return Principal(user_id=new_id(), role=role, plan=plan)


def instructor() -> Principal:
    return person(Role.INSTRUCTOR)


def admin() -> Principal:
    return person(Role.ADMIN)


@dataclass
class World:
    model: ScriptedModel = field(default_factory=ScriptedModel)
    store: InMemoryTutoringStore = field(default_factory=InMemoryTutoringStore)
    courses: FakeCourses = field(default_factory=FakeCourses)
    files: FakeFiles = field(default_factory=FakeFiles)
    clock: FixedClock = field(default_factory=lambda: FixedClock(T0))
    detached: DetachedTasks = field(default_factory=DetachedTasks)
    history_budget: int = 3000

    @property
    def uow_factory(self) -> Any:
        return partial(InMemoryTutoringUnitOfWork, self.store)

    @property
    def access(self) -> TutorAccess:
        return TutorAccess(self.courses)

    @property
    def models(self) -> OneModel:
        return OneModel(self.model)

    def conversation(self) -> Conversation:
        return Conversation(
            self.uow_factory,
            self.access,
            self.courses,
            self.files,
            self.clock,
            self.history_budget,
        )

    def send_message(self) -> SendMessage:
        return SendMessage(self.conversation(), self.models)

    def stream_message(self) -> StreamMessage:
        return StreamMessage(self.conversation(), self.models, self.detached)

    def course(self, owner: Principal, *, published: bool = True, **fields: Any) -> FakeCourse:
        return self.courses.add(FakeCourse(new_id(), owner.user_id, published, **fields))

    async def tutor(
        self, creator: Principal, course_id: UUID | None = None, **fields: Any
    ) -> TutorView:
        create = CreateTutor(self.uow_factory, self.access, self.clock, DEFAULT_MODELS)
        return await create.execute(
            creator, NewTutor(name=fields.pop("name", "Tutor"), course_id=course_id, **fields)
        )

    async def session(self, user: Principal, tutor_id: UUID) -> ChatSession:
        start = StartSession(self.uow_factory, self.access, self.clock)
        return await start.execute(user, tutor_id)

    @property
    def committed(self) -> Any:
        return self.store.committed
