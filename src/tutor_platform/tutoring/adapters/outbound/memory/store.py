"""The state behind the in-memory repositories, with transactions: a unit of work works on a
copy of the committed state and replaces it on commit (nothing else is seen before that)."""

import copy
from dataclasses import dataclass, field
from uuid import UUID

from tutor_platform.tutoring.domain.feedback import Feedback
from tutor_platform.tutoring.domain.message import Message
from tutor_platform.tutoring.domain.session import ChatSession
from tutor_platform.tutoring.domain.tutor import Tutor


@dataclass
class TutoringState:
    tutors: dict[UUID, Tutor] = field(default_factory=dict)
    sessions: dict[UUID, ChatSession] = field(default_factory=dict)
    messages: dict[UUID, Message] = field(default_factory=dict)
    feedback: dict[UUID, Feedback] = field(default_factory=dict)
    figure_events: list[str] = field(default_factory=list)

    def copy(self) -> "TutoringState":
        return copy.deepcopy(self)


@dataclass
class InMemoryTutoringStore:
    """``committed`` is what a new unit of work sees; ``commits`` counts the commits."""

    committed: TutoringState = field(default_factory=TutoringState)
    commits: int = 0
