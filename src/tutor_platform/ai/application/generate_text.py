"""For other contexts (lesson scripts, drafts): one answer of an AI model to an instruction,
from the default provider unless another is named; metered with the provider's token counts."""

from collections.abc import Sequence
from dataclasses import dataclass
from uuid import UUID

from tutor_platform.ai.application.support.meter import AiMeter
from tutor_platform.ai.ports.model import (
    CoursePassage,
    Task,
    TutorModels,
    TutorPrompt,
    TutorReply,
)


@dataclass(frozen=True, slots=True, kw_only=True)
class TextRequest:
    """``material``: course passages the text is about (the offline model works from them).
    ``task``: ``text``, ``draft`` (a lesson in Markdown) or ``narration`` (a spoken script of
    plain sentences); ``instructions``: a draft's requester's own (also in ``instruction``)."""

    instruction: str
    system_prompt: str = ""
    material: Sequence[CoursePassage] = ()
    provider: str | None = None
    model_id: str | None = None
    temperature: float = 0.7
    max_output_tokens: int | None = None
    task: Task = "text"
    instructions: str | None = None
    feature: str = "text"
    course_id: UUID | None = None


class GenerateText:
    def __init__(self, models: TutorModels, meter: AiMeter) -> None:
        self._models = models
        self._meter = meter

    async def execute(self, request: TextRequest) -> TutorReply:
        """``UpstreamFailed`` (502) when the provider fails; ``LookupError`` for an unknown
        provider name."""
        prompt = TutorPrompt(
            system_prompt=request.system_prompt,
            message=request.instruction,
            passages=request.material,
            model_id=request.model_id,
            temperature=request.temperature,
            max_output_tokens=request.max_output_tokens,
            task=request.task,
            instructions=request.instructions,
        )
        reply = await self._models.get(request.provider).reply(prompt)
        await self._meter.record(
            provider=reply.provider,
            model_id=reply.model_id,
            feature=request.feature,
            course_id=request.course_id,
            tokens_in=reply.tokens_in,
            tokens_out=reply.tokens_out,
        )
        return reply
