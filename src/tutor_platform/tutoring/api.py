"""Tutoring's public face: what other contexts (learning, media, assessment) may use.

The DTOs are the ``TutorModel`` port's frozen dataclasses, re-exported: ``TutorReply`` (a
generated text with its provider, model and token counts), ``RubricGrade`` (a score from 0 to
1 with feedback) and ``CoursePassage`` (course text to generate from).
"""

from collections.abc import Sequence
from uuid import UUID

from tutor_platform.tutoring.application.find_tutor import FindTutor
from tutor_platform.tutoring.application.generate_text import GenerateText, TextRequest
from tutor_platform.tutoring.application.grade_free_text import GradeFreeText
from tutor_platform.tutoring.domain.errors import TutorNotFound
from tutor_platform.tutoring.ports.tutor_model import CoursePassage, RubricGrade, TutorReply

__all__ = ["CoursePassage", "RubricGrade", "TutorNotFound", "TutorReply", "TutoringFacade"]


class TutoringFacade:
    """Tutors and AI text for other contexts. AI calls raise ``UpstreamFailed`` (502) when
    the provider fails after its retries."""

    def __init__(
        self, *, find_tutor: FindTutor, generate_text: GenerateText, grade_free_text: GradeFreeText
    ) -> None:
        self._find_tutor = find_tutor
        self._generate_text = generate_text
        self._grade_free_text = grade_free_text

    async def tutor_exists(self, tutor_id: UUID) -> bool:
        return await self._find_tutor.execute(tutor_id) is not None

    async def tutor_course(self, tutor_id: UUID) -> UUID | None:
        """The course the tutor teaches (None: no course); ``TutorNotFound`` when unknown."""
        tutor = await self._find_tutor.execute(tutor_id)
        if tutor is None:
            raise TutorNotFound()
        return tutor.course_id

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
    ) -> TutorReply:
        """An AI model's answer to ``instruction`` (a lesson script, a draft...), written from
        ``material`` when given; the default provider unless ``provider`` is named."""
        request = TextRequest(
            instruction=instruction,
            system_prompt=system_prompt,
            material=material,
            provider=provider,
            model_id=model_id,
            temperature=temperature,
            max_output_tokens=max_output_tokens,
        )
        return await self._generate_text.execute(request)

    async def grade_free_text(
        self, question: str, answer: str, keywords: Sequence[str] = (), guidance: str = ""
    ) -> RubricGrade:
        """Grade a free-text answer against rubric ``keywords`` and/or ``guidance``."""
        return await self._grade_free_text.execute(question, answer, keywords, guidance)
