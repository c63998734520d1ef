"""What tutoring's use cases return when an entity alone would say too much or too little."""

from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from tutor_platform.tutoring.domain.message import Message
from tutor_platform.tutoring.domain.tutor import Tutor


@dataclass(frozen=True, slots=True)
class TutorView:
    """A tutor as one caller sees it: ``system_prompt`` is None unless they may change it."""

    id: UUID
    course_id: UUID | None
    name: str
    description: str
    provider: str
    model_id: str
    knowledge_base_id: str | None
    system_prompt: str | None
    temperature: float
    rating: float | None
    total_feedbacks: int
    is_active: bool
    created_by: UUID
    created_at: datetime
    updated_at: datetime

    @classmethod
    def of(cls, tutor: Tutor, *, editor: bool) -> "TutorView":
        return cls(
            id=tutor.id,
            course_id=tutor.course_id,
            name=tutor.name,
            description=tutor.description,
            provider=tutor.provider,
            model_id=tutor.model_id,
            knowledge_base_id=tutor.knowledge_base_id,
            system_prompt=tutor.system_prompt if editor else None,
            temperature=tutor.temperature,
            rating=tutor.rating,
            total_feedbacks=tutor.total_feedbacks,
            is_active=tutor.is_active,
            created_by=tutor.created_by,
            created_at=tutor.created_at,
            updated_at=tutor.updated_at,
        )


@dataclass(frozen=True, slots=True)
class Exchange:
    """A user message and the tutor's answer; ``replayed`` when a retry with the same
    ``client_message_id`` found them already stored."""

    user_message: Message
    assistant_message: Message
    replayed: bool = False
