"""AI tutors, and who may see and change them.

- Anyone sees an active tutor whose course they may see (a tutor without a course is
  public). An inactive tutor, or one of a course hidden from the caller, is visible only to
  those who may change it; everyone else is told it does not exist (404).
- A tutor may be changed by its creator, by the instructor of its course and by admins;
  anyone else gets 403 FORBIDDEN (as for courses, writes do not hide a tutor behind 404).
- Its system prompt is shown only to those who may change it.
- A tutor is attached to a course only by someone who may change that course: a course the
  caller cannot see is 422 on ``course_id``; one they see but may not change is 403.
"""

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Final
from uuid import UUID

from tutor_platform.ai.api import PROVIDER_NAMES
from tutor_platform.shared.auth import Principal
from tutor_platform.shared.validation import FieldChecks
from tutor_platform.tutoring.domain.validation import (
    max_length_problem,
    name_problem,
)

MAX_NAME_LENGTH: Final = 100
MAX_DESCRIPTION_LENGTH: Final = 2000
MAX_SYSTEM_PROMPT_LENGTH: Final = 20_000
MAX_MODEL_ID_LENGTH: Final = 100
MAX_KNOWLEDGE_BASE_ID_LENGTH: Final = 200
MIN_TEMPERATURE: Final = 0.0
MAX_TEMPERATURE: Final = 2.0
DEFAULT_TEMPERATURE: Final = 0.7


@dataclass(slots=True)
class Tutor:
    """An AI tutor. ``rating`` is the mean of its current detailed feedback ratings (None
    without any) and ``total_feedbacks`` their count; both are kept by the storage."""

    id: UUID
    name: str
    provider: str
    model_id: str
    created_by: UUID
    created_at: datetime
    updated_at: datetime
    course_id: UUID | None = None
    description: str = ""
    knowledge_base_id: str | None = None
    system_prompt: str = ""
    temperature: float = DEFAULT_TEMPERATURE
    rating: float | None = None
    total_feedbacks: int = 0
    is_active: bool = True


@dataclass(frozen=True, slots=True)
class TutorFields:
    """Fields of a tutor as given by a client; ``None`` leaves a field as it is."""

    name: str | None = None
    description: str | None = None
    provider: str | None = None
    model_id: str | None = None
    knowledge_base_id: str | None = None
    system_prompt: str | None = None
    temperature: float | None = None
    is_active: bool | None = None


def cleaned_fields(fields: TutorFields) -> TutorFields:
    """The fields trimmed (name, model id, knowledge base id) and checked; 422 naming every
    bad one."""
    name = None if fields.name is None else fields.name.strip()
    model_id = None if fields.model_id is None else fields.model_id.strip()
    knowledge_base_id = (
        None if fields.knowledge_base_id is None else fields.knowledge_base_id.strip()
    )
    checks = FieldChecks()
    if name is not None:
        checks.check("name", name_problem(name, MAX_NAME_LENGTH))
    if fields.description is not None:
        checks.check("description", max_length_problem(fields.description, MAX_DESCRIPTION_LENGTH))
    if fields.provider is not None and fields.provider not in PROVIDER_NAMES:
        checks.check("provider", f"must be one of {', '.join(PROVIDER_NAMES)}")
    if model_id is not None:
        checks.check("model_id", name_problem(model_id, MAX_MODEL_ID_LENGTH))
    if knowledge_base_id:
        checks.check(
            "knowledge_base_id", name_problem(knowledge_base_id, MAX_KNOWLEDGE_BASE_ID_LENGTH)
        )
    if fields.system_prompt is not None:
        checks.check(
            "system_prompt", max_length_problem(fields.system_prompt, MAX_SYSTEM_PROMPT_LENGTH)
        )
    if fields.temperature is not None and not (
        MIN_TEMPERATURE <= fields.temperature <= MAX_TEMPERATURE
    ):
        checks.check("temperature", f"must be between {MIN_TEMPERATURE} and {MAX_TEMPERATURE}")
    checks.raise_if_failed()
    return replace(fields, name=name, model_id=model_id, knowledge_base_id=knowledge_base_id)


def apply_fields(tutor: Tutor, fields: TutorFields, default_models: Mapping[str, str]) -> None:
    """Take the given (cleaned) fields. A new provider without a model id gets that provider's
    default model; an empty knowledge base id clears it."""
    if fields.provider is not None and fields.provider != tutor.provider:
        tutor.provider = fields.provider
        tutor.model_id = default_models[fields.provider]
    if fields.model_id is not None:
        tutor.model_id = fields.model_id
    if fields.knowledge_base_id is not None:
        tutor.knowledge_base_id = fields.knowledge_base_id or None
    tutor.name = tutor.name if fields.name is None else fields.name
    tutor.description = tutor.description if fields.description is None else fields.description
    if fields.system_prompt is not None:
        tutor.system_prompt = fields.system_prompt
    if fields.temperature is not None:
        tutor.temperature = fields.temperature
    if fields.is_active is not None:
        tutor.is_active = fields.is_active


def can_edit_tutor(principal: Principal | None, tutor: Tutor, edits_course: bool) -> bool:
    """The creator, an admin, or (``edits_course``) the instructor of the tutor's course."""
    if principal is None:
        return False
    return principal.is_admin or principal.user_id == tutor.created_by or edits_course


def is_listed(tutor: Tutor, course_visible: bool) -> bool:
    """Whether everyone who sees the tutor's course sees the tutor (``course_visible`` is
    True for a tutor without a course)."""
    return tutor.is_active and course_visible
