"""``TextWriter`` over the tutoring context's facade (its default AI provider)."""

from tutor_platform.media.ports.authoring import WritingRequest, WrittenText
from tutor_platform.tutoring.api import CoursePassage, TutoringFacade


class TutoringTextWriter:
    def __init__(self, tutoring: TutoringFacade) -> None:
        self._tutoring = tutoring

    async def write(self, request: WritingRequest) -> WrittenText:
        reply = await self._tutoring.generate_text(
            request.instruction,
            system_prompt=request.system_prompt,
            material=[CoursePassage(p.lesson_id, p.title, p.text) for p in request.material],
            max_output_tokens=request.max_output_tokens,
        )
        return WrittenText(reply.content, reply.provider, reply.model_id)
