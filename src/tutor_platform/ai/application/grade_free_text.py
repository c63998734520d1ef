"""For the assessment context: grade a free-text answer against a rubric with the default
AI provider, metered as feature ``grading``.

Tokens are the usage the provider reported with the grade; a provider that reports none
(the local rules, SAP AI Core) is metered by words: the question, answer and rubric in,
the feedback out."""

from collections.abc import Sequence
from uuid import UUID

from tutor_platform.ai.application.support.meter import AiMeter
from tutor_platform.ai.ports.model import GradingRequest, RubricGrade, TutorModels

GRADING = "grading"


def _reported(tokens: int | None, *texts: str) -> int:
    """The provider's count, else the words of ``texts``."""
    return tokens if tokens is not None else sum(len(text.split()) for text in texts)


class GradeFreeText:
    def __init__(self, models: TutorModels, meter: AiMeter) -> None:
        self._models = models
        self._meter = meter

    async def execute(
        self,
        question: str,
        answer: str,
        keywords: Sequence[str] = (),
        guidance: str = "",
        course_id: UUID | None = None,
    ) -> RubricGrade:
        """A score from 0 to 1 with feedback; ``UpstreamFailed`` (502) when the provider
        fails."""
        request = GradingRequest(
            question=question,
            answer=answer,
            rubric_keywords=tuple(keywords),
            rubric_guidance=guidance,
        )
        model = self._models.get()
        grade = await model.grade(request)
        await self._meter.record(
            provider=model.provider,
            model_id=self._meter.default_model(model.provider),
            feature=GRADING,
            course_id=course_id,
            tokens_in=_reported(grade.tokens_in, question, answer, guidance, *keywords),
            tokens_out=_reported(
                grade.tokens_out, grade.feedback, *grade.strengths, *grade.improvements
            ),
        )
        return grade
