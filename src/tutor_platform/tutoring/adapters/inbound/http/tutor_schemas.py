"""Request and response bodies of the tutors API."""

from datetime import datetime
from typing import Annotated
from uuid import UUID

import msgspec

from tutor_platform.ai.api import ProviderName
from tutor_platform.shared.http.paging import PageResponse, named
from tutor_platform.shared.http.requests import StrictRequest, given
from tutor_platform.tutoring.application.create_tutor import NewTutor
from tutor_platform.tutoring.application.update_tutor import TutorChanges
from tutor_platform.tutoring.domain.tutor import (
    DEFAULT_TEMPERATURE,
    MAX_DESCRIPTION_LENGTH,
    MAX_KNOWLEDGE_BASE_ID_LENGTH,
    MAX_MODEL_ID_LENGTH,
    MAX_NAME_LENGTH,
    MAX_SYSTEM_PROMPT_LENGTH,
    MAX_TEMPERATURE,
    MIN_TEMPERATURE,
    TutorFields,
)

Name = Annotated[
    str,
    msgspec.Meta(
        min_length=1,
        max_length=MAX_NAME_LENGTH,
        description="Trimmed; 1-100 characters, no control characters.",
    ),
]
Description = Annotated[str, msgspec.Meta(max_length=MAX_DESCRIPTION_LENGTH)]
SystemPrompt = Annotated[
    str,
    msgspec.Meta(
        max_length=MAX_SYSTEM_PROMPT_LENGTH,
        description="Instructions for the AI; shown only to those who may change the tutor.",
    ),
]
ModelId = Annotated[
    str,
    msgspec.Meta(
        min_length=1,
        max_length=MAX_MODEL_ID_LENGTH,
        description="The provider's model; omitted: the provider's default model.",
    ),
]
KnowledgeBaseId = Annotated[
    str,
    msgspec.Meta(
        max_length=MAX_KNOWLEDGE_BASE_ID_LENGTH,
        description="A knowledge base of the AI-Core provider (passed through).",
    ),
]
Temperature = Annotated[float, msgspec.Meta(ge=MIN_TEMPERATURE, le=MAX_TEMPERATURE)]


class TutorCreate(StrictRequest):
    name: Name
    provider: ProviderName = "local"
    course_id: Annotated[
        UUID | None, msgspec.Meta(description="A course you may change; null: no course.")
    ] = None
    description: Description = ""
    model_id: ModelId | None = None
    knowledge_base_id: KnowledgeBaseId | None = None
    system_prompt: SystemPrompt = ""
    temperature: Temperature = DEFAULT_TEMPERATURE
    is_active: bool = True

    def command(self) -> NewTutor:
        return NewTutor(
            name=self.name,
            provider=self.provider,
            course_id=self.course_id,
            description=self.description,
            model_id=self.model_id,
            knowledge_base_id=self.knowledge_base_id or None,
            system_prompt=self.system_prompt,
            temperature=self.temperature,
            is_active=self.is_active,
        )


class TutorPatch(StrictRequest):
    name: Name | msgspec.UnsetType = msgspec.UNSET
    provider: Annotated[
        ProviderName | msgspec.UnsetType,
        msgspec.Meta(
            description="A new provider without model_id resets the model to its default."
        ),
    ] = msgspec.UNSET
    course_id: Annotated[
        UUID | msgspec.UnsetType | None,
        msgspec.Meta(description="A course you may change; null detaches the tutor."),
    ] = msgspec.UNSET
    description: Description | msgspec.UnsetType = msgspec.UNSET
    model_id: ModelId | msgspec.UnsetType = msgspec.UNSET
    knowledge_base_id: Annotated[
        KnowledgeBaseId | msgspec.UnsetType | None, msgspec.Meta(description="null clears it.")
    ] = msgspec.UNSET
    system_prompt: SystemPrompt | msgspec.UnsetType = msgspec.UNSET
    temperature: Temperature | msgspec.UnsetType = msgspec.UNSET
    is_active: bool | msgspec.UnsetType = msgspec.UNSET

    def changes(self) -> TutorChanges:
        knowledge_base_id = "" if self.knowledge_base_id is None else given(self.knowledge_base_id)
        return TutorChanges(
            fields=TutorFields(
                name=given(self.name),
                description=given(self.description),
                provider=given(self.provider),
                model_id=given(self.model_id),
                knowledge_base_id=knowledge_base_id,
                system_prompt=given(self.system_prompt),
                temperature=given(self.temperature),
                is_active=given(self.is_active),
            ),
            course_id=given(self.course_id),
            detach=self.course_id is None,
        )


class TutorResponse(msgspec.Struct, kw_only=True):
    id: UUID
    course_id: UUID | None
    name: str
    description: str
    provider: ProviderName
    model_id: str
    knowledge_base_id: str | None
    system_prompt: Annotated[
        str | None,
        msgspec.Meta(
            description="null unless you may change the tutor (its creator, the instructor of "
            "its course, an admin)."
        ),
    ]
    temperature: float
    rating: Annotated[
        float | None,
        msgspec.Meta(description="Mean of the current detailed feedback ratings; null: none."),
    ]
    total_feedbacks: Annotated[int, msgspec.Meta(description="How many detailed ratings.")]
    is_active: bool
    created_by: UUID
    created_at: datetime
    updated_at: datetime


TutorListResponse = Annotated[PageResponse[TutorResponse], named("TutorListResponse")]
