"""The state behind the in-memory repositories, with transactions: a unit of work works on a
copy of the committed state and replaces it on commit (nothing else is seen before that)."""

import copy
from dataclasses import dataclass, field
from uuid import UUID

from tutor_platform.assessment.domain.attempt import Attempt
from tutor_platform.assessment.domain.cards import ReviewCard
from tutor_platform.assessment.domain.mastery import CourseBkt, Evidence, LessonMastery
from tutor_platform.assessment.domain.premium import UsageRecord
from tutor_platform.assessment.domain.quiz import Quiz


@dataclass
class AssessmentState:
    quizzes: dict[UUID, Quiz] = field(default_factory=dict)
    attempts: dict[UUID, Attempt] = field(default_factory=dict)
    usage: list[UsageRecord] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)
    mastery: dict[tuple[UUID, UUID], LessonMastery] = field(default_factory=dict)
    parameters: dict[UUID, CourseBkt] = field(default_factory=dict)
    cards: dict[UUID, ReviewCard] = field(default_factory=dict)
    figures: dict[tuple[object, ...], int] = field(default_factory=dict)
    figure_events: set[str] = field(default_factory=set)

    def copy(self) -> "AssessmentState":
        return copy.deepcopy(self)


@dataclass
class InMemoryAssessmentStore:
    """``committed`` is what a new unit of work sees; ``commits`` counts the commits."""

    committed: AssessmentState = field(default_factory=AssessmentState)
    commits: int = 0
