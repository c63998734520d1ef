"""For the assessment context: grade a free-text answer against a rubric with the default
AI provider."""

from collections.abc import Sequence

from tutor_platform.ai.ports.model import GradingRequest, RubricGrade, TutorModels


class GradeFreeText:
    def __init__(self, models: TutorModels) -> None:
        self._models = models

    async def execute(
        self, question: str, answer: str, keywords: Sequence[str] = (), guidance: str = ""
    ) -> RubricGrade:
        """A score from 0 to 1 with feedback; ``UpstreamFailed`` (502) when the provider
        fails."""
        request = GradingRequest(
            question=question,
            answer=answer,
            rubric_keywords=tuple(keywords),
            rubric_guidance=guidance,
        )
        return await self._models.get().grade(request)
