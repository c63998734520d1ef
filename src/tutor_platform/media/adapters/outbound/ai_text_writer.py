"""``TextWriter`` over the AI capability's facade (its default provider); the task (draft or
narration) and a draft's instructions travel with the request."""

from typing import Final

from tutor_platform.ai.api import AiFacade, CoursePassage
from tutor_platform.media.ports.authoring import WritingRequest, WrittenText

FEATURES: Final = {"draft": "lesson_draft", "narration": "summary_script", "text": "writing"}
"""The usage feature of each writing task."""


class AiTextWriter:
    def __init__(self, ai: AiFacade) -> None:
        self._ai = ai

    async def write(self, request: WritingRequest) -> WrittenText:
        reply = await self._ai.generate_text(
            request.instruction,
            system_prompt=request.system_prompt,
            material=[
                CoursePassage(p.lesson_id, p.title, p.text, heading_line=p.heading_line)
                for p in request.material
            ],
            max_output_tokens=request.max_output_tokens,
            task=request.task,
            instructions=request.instructions,
            feature=FEATURES.get(request.task, "writing"),
            course_id=request.course_id,
        )
        return WrittenText(reply.content, reply.provider, reply.model_id)
