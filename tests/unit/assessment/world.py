"""Assessment's use cases over in-memory adapters, wired by the context's own container."""

from dataclasses import dataclass, field
from decimal import Decimal
from functools import partial
from typing import Any
from uuid import UUID

from dependency_injector import providers

from tests.support.clock import T0
from tests.unit.assessment.doubles import (
    FakeCatalog,
    FakeCourse,
    FakeProgress,
    FakeUsers,
    ScriptedAI,
)
from tutor_platform.assessment.adapters.outbound.fsrs_scheduler import FsrsReviewScheduler
from tutor_platform.assessment.adapters.outbound.memory.quota_counter import InMemoryQuotaCounter
from tutor_platform.assessment.adapters.outbound.memory.store import InMemoryAssessmentStore
from tutor_platform.assessment.adapters.outbound.memory.unit_of_work import (
    InMemoryAssessmentUnitOfWork,
)
from tutor_platform.assessment.application.best_score_hand_off import BestScoreHandOff
from tutor_platform.assessment.application.create_quiz import NewQuiz
from tutor_platform.assessment.application.support.free_text_graders import AiFreeTextGrader
from tutor_platform.assessment.container import AssessmentContainer
from tutor_platform.assessment.domain.authoring import OptionDraft, QuestionDraft
from tutor_platform.assessment.domain.events import BestScoreChanged
from tutor_platform.assessment.domain.premium import PremiumFeature
from tutor_platform.assessment.domain.quiz import Quiz, Rubric
from tutor_platform.shared.auth import Plan, Principal, Role
from tutor_platform.shared.clock import FixedClock
from tutor_platform.shared.events import EventBus
from tutor_platform.shared.ids import new_id

LIMITS = {
    PremiumFeature.ADAPTIVE_LEARNING: 5,
    PremiumFeature.LLM_ASSESSMENT: 10,
    PremiumFeature.SYNTHESIS: 3,
    PremiumFeature.MENTOR_SESSION: 2,
}


def person(role: str = Role.STUDENT, plan: str = "free") -> Principal:
    return Principal(user_id=new_id(), role=role, plan=plan)


def premium() -> Principal:
    return person(plan=Plan.PREMIUM)


def instructor() -> Principal:
    return person(Role.INSTRUCTOR)


def admin() -> Principal:
    return person(Role.ADMIN)


def choice(correct: str = "b", **fields: Any) -> QuestionDraft:
    return QuestionDraft(
        kind="single_choice",
        prompt="7 / 2?",
        points=fields.pop("points", 1),
        explanation="True division.",
        options=[OptionDraft("3"), OptionDraft("3.5"), OptionDraft("4")],
        correct_option_ids=[correct],
        **fields,
    )


def free_text(points: int = 2) -> QuestionDraft:
    return QuestionDraft(
        kind="free_text",
        prompt="Why name the exception?",
        points=points,
        rubric=Rubric(("bug",), "Hidden bugs."),
    )


@dataclass
class World:
    catalog: FakeCatalog = field(default_factory=FakeCatalog)
    progress: FakeProgress = field(default_factory=FakeProgress)
    ai: ScriptedAI = field(default_factory=ScriptedAI)
    users: FakeUsers = field(default_factory=FakeUsers)
    counter: InMemoryQuotaCounter = field(default_factory=InMemoryQuotaCounter)
    store: InMemoryAssessmentStore = field(default_factory=InMemoryAssessmentStore)
    clock: FixedClock = field(default_factory=lambda: FixedClock(T0))
    limits: dict[str, int] = field(default_factory=lambda: dict(LIMITS))
    teacher: Principal = field(default_factory=instructor)

    def __post_init__(self) -> None:
        events = EventBus({BestScoreChanged: [BestScoreHandOff(self.progress)]})
        self.container = AssessmentContainer(
            clock=providers.Object(self.clock),
            uow_factory=providers.Object(partial(InMemoryAssessmentUnitOfWork, self.store, events)),
            catalog=providers.Object(self.catalog),
            progress=providers.Object(self.progress),
            ai=providers.Object(self.ai),
            free_text_grader=providers.Object(AiFreeTextGrader(self.ai)),
            scheduler=providers.Object(FsrsReviewScheduler()),
            users=providers.Object(self.users),
            quota_counter=providers.Object(self.counter),
            quota_limits=providers.Object(self.limits),
        )
        self.course: FakeCourse = self.catalog.add(self.teacher.user_id)

    async def quiz(self, *questions: QuestionDraft, **fields: Any) -> Quiz:
        course_id = fields.pop("course_id", self.course.id)
        new = NewQuiz(
            title=fields.pop("title", "Quiz"),
            questions=list(questions) or [choice()],
            **fields,
        )
        return await self.container.create_quiz().execute(self.teacher, course_id, new)

    @property
    def attempts(self) -> int:
        return len(self.store.committed.attempts)

    @property
    def usage(self) -> int:
        return len(self.store.committed.usage)

    def best(self, user: UUID) -> Decimal | None:
        scores = [s for u, _, _, s in self.progress.recorded if u == user]
        return scores[-1] if scores else None
