"""The AI capability's public face: what tutoring, assessment, media and learning may use.

The model port (``TutorModels``, ``TutorModel``) and its value objects, the ``Embedder`` port,
and :class:`AiFacade` for one-off writing and grading (each call metered: tokens and cost
to the operators' metrics and the usage figures). Every AI call raises ``UpstreamFailed``
(502) when the provider fails after its retries.
"""

from collections.abc import Sequence
from uuid import UUID

from tutor_platform.ai.application.generate_text import GenerateText, TextRequest
from tutor_platform.ai.application.grade_free_text import GradeFreeText
from tutor_platform.ai.application.support.prices import (
    DEFAULT_AI_PRICES,
    ModelPrices,
    parse_prices,
)
from tutor_platform.ai.ports.embedder import Embedder
from tutor_platform.ai.ports.model import (
    PROVIDER_NAMES,
    ChatTurn,
    CoursePassage,
    GradingRequest,
    ImagePart,
    ProviderName,
    ProviderNotConfigured,
    RubricGrade,
    StreamItem,
    Task,
    TextDelta,
    TutorModel,
    TutorModels,
    TutorPrompt,
    TutorReply,
    UngradableAnswer,
)
from tutor_platform.ai.ports.usage import MeteredLine

__all__ = [
    "DEFAULT_AI_PRICES",
    "PROVIDER_NAMES",
    "AiFacade",
    "ChatTurn",
    "CoursePassage",
    "Embedder",
    "GradingRequest",
    "ImagePart",
    "MeteredLine",
    "ModelPrices",
    "ProviderName",
    "ProviderNotConfigured",
    "RubricGrade",
    "StreamItem",
    "Task",
    "TextDelta",
    "TutorModel",
    "TutorModels",
    "TutorPrompt",
    "TutorReply",
    "UngradableAnswer",
    "parse_prices",
]


class AiFacade:
    """Text written or graded by an AI model, for other contexts."""

    def __init__(self, *, generate_text: GenerateText, grade_free_text: GradeFreeText) -> None:
        self._generate_text = generate_text
        self._grade_free_text = grade_free_text

    async def generate_text(
        self,
        instruction: str,
        *,
        system_prompt: str = "",
        material: Sequence[CoursePassage] = (),
        provider: str | None = None,
        model_id: str | None = None,
        temperature: float = 0.7,
        max_output_tokens: int | None = None,
        task: Task = "text",
        instructions: str | None = None,
        feature: str = "text",
        course_id: UUID | None = None,
    ) -> TutorReply:
        """An AI model's answer to ``instruction`` (a lesson script, a draft...), written from
        ``material`` when given; the default provider unless ``provider`` is named.

        ``task`` says what is written: ``text``, ``draft`` (a lesson in Markdown) or
        ``narration`` (a spoken script of plain sentences). ``instructions``: a draft's
        requester's own instructions, also written into ``instruction`` by the caller.
        ``feature`` and ``course_id`` (when known) are kept with the call's usage."""
        request = TextRequest(
            instruction=instruction,
            system_prompt=system_prompt,
            material=material,
            provider=provider,
            model_id=model_id,
            temperature=temperature,
            max_output_tokens=max_output_tokens,
            task=task,
            instructions=instructions,
            feature=feature,
            course_id=course_id,
        )
        return await self._generate_text.execute(request)

    async def grade_free_text(
        self,
        question: str,
        answer: str,
        keywords: Sequence[str] = (),
        guidance: str = "",
        course_id: UUID | None = None,
    ) -> RubricGrade:
        """Grade a free-text answer against rubric ``keywords`` and/or ``guidance``; the
        call's usage is kept as feature ``grading`` of ``course_id`` when known."""
        return await self._grade_free_text.execute(question, answer, keywords, guidance, course_id)
