"""What the tutor model adapters share: prompt text, grading, streaming pieces, error sorting."""

import re
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Annotated

import msgspec
import structlog

from tutor_platform.ai.ports.model import (
    CoursePassage,
    GradingRequest,
    RubricGrade,
    StreamItem,
    TutorPrompt,
    TutorReply,
    UngradableAnswer,
)
from tutor_platform.shared.resilience import Failure
from tutor_platform.shared.resilience.http import http_status_failure as http_status_failure
from tutor_platform.shared.resilience.http import transport_failure as http_transport_failure

logger = structlog.get_logger("tutor_platform.upstream")

GRADER_INSTRUCTION = (
    "You grade a student's free-text answer against a rubric. Judge only the content, not the "
    "style. Reply with a JSON object and nothing else: "
    '{"score": number from 0 to 1, "feedback": string addressed to the student, '
    '"strengths": [string], "improvements": [string]}.'
)
_WORD = re.compile(r"\s*\S+\s*")
_JSON_OBJECT = re.compile(r"\{.*\}", re.DOTALL)


class MalformedResponse(Exception):
    """The provider answered, but not with something we can use."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def split_words(text: str) -> list[str]:
    """``text`` as one piece per word with the whitespace that follows it; the pieces
    concatenate back to ``text`` exactly."""
    pieces = _WORD.findall(text)
    return pieces if pieces else ([text] if text else [])


def estimate_tokens(*texts: str) -> int:
    """A provider-independent token count: whitespace-separated words."""
    return sum(len(text.split()) for text in texts)


def prompt_tokens(prompt: TutorPrompt) -> int:
    """The estimated size of everything a prompt sends."""
    return estimate_tokens(
        prompt.system_prompt,
        prompt.message,
        *(turn.content for turn in prompt.history),
        *(passage.text for passage in prompt.passages),
    )


TEACHING_POLICY = (
    "How to teach: guide the learner to the answer with questions, hints and small examples "
    "rather than lecturing; check their understanding with one question at the end. Never hand "
    "over the answer to a graded exercise, quiz or project: give a hint or the next step "
    "instead. Be accurate and brief."
)
CITING_RULE = (
    "Answer from the numbered course passages below. After each sentence that uses a passage, "
    "cite it with its number in square brackets, like [1] or [2][3]. Cite only these numbers. "
    "If the passages do not cover the question, say so plainly instead of answering from "
    "general knowledge."
)


def passage_label(number: int, passage: CoursePassage) -> str:
    """``[n] Lesson "Title", section "Heading"``: how a passage is introduced in a prompt."""
    label = f'[{number}] Lesson "{passage.title}"'
    return f'{label}, section "{passage.heading}"' if passage.heading else label


def course_material(passages: Sequence[CoursePassage]) -> str:
    """The numbered passages with the rule to cite them, for a system instruction."""
    numbered = [
        f"{passage_label(n, passage)}\n{passage.text.strip()}"
        for n, passage in enumerate(passages, start=1)
    ]
    return "\n\n".join([CITING_RULE, *numbered])


def uncovered_notice(prompt: TutorPrompt) -> str:
    """What the model is told when no passage of the course is relevant to the message."""
    notice = (
        "No passage of this tutor's course covers the learner's message. Tell them plainly, "
        "in one or two sentences, that the course does not cover it; do not answer it from "
        "general knowledge and do not cite anything."
    )
    if prompt.other_courses:
        titles = ", ".join(f'"{title}"' for title in prompt.other_courses)
        notice += f" These other courses of the platform may cover it: {titles}."
    return notice


def system_instruction(prompt: TutorPrompt) -> str:
    """The tutor's own prompt, the teaching policy (when teaching), then the numbered course
    passages with the citing rule, or the notice that the course does not cover the message."""
    parts = [prompt.system_prompt.strip()]
    if prompt.task == "tutor":
        parts.append(TEACHING_POLICY)
    if prompt.passages:
        parts.append(course_material(prompt.passages))
    elif prompt.uncovered:
        parts.append(uncovered_notice(prompt))
    return "\n\n".join(part for part in parts if part)


def grading_message(request: GradingRequest) -> str:
    """The user message of a grading call: the question, the rubric and the answer."""
    lines = [f"Question:\n{request.question}", ""]
    if request.rubric_keywords:
        lines.append("Key points the answer should cover:")
        lines += [f"- {keyword}" for keyword in request.rubric_keywords]
        lines.append("")
    if request.rubric_guidance:
        lines += [f"Guidance for the grader:\n{request.rubric_guidance}", ""]
    lines.append(f"Student's answer:\n{request.answer}")
    return "\n".join(lines)


class GradeReply(msgspec.Struct, frozen=True):
    """The one shape every provider's grade must have (Gemini ``response_schema``, OpenAI
    ``json_schema``, AI-Core's JSON ``content``); unknown fields are ignored."""

    score: Annotated[float, msgspec.Meta(ge=0, le=1)]
    feedback: str
    strengths: list[str] = msgspec.field(default_factory=list)
    improvements: list[str] = msgspec.field(default_factory=list)


def parse_grade(text: str | None) -> RubricGrade:
    """A grade from a model's JSON answer (a surrounding code fence is tolerated).

    Raises ``MalformedResponse`` unless it decodes as a :class:`GradeReply`: a number
    ``score`` in 0-1, a string ``feedback`` and lists of strings ``strengths`` and
    ``improvements``.
    """
    match = _JSON_OBJECT.search(text or "")
    if match is None:
        raise MalformedResponse("grade is not a JSON object")
    try:
        reply = msgspec.json.decode(match.group(), type=GradeReply)
    except msgspec.DecodeError as exc:
        raise MalformedResponse(f"grade does not validate: {exc}") from None
    return RubricGrade(reply.score, reply.feedback, list(reply.strengths), list(reply.improvements))


@dataclass(frozen=True, slots=True)
class GradeAnswer:
    """A provider's answer to a grading request: its text and the usage it reported."""

    text: str | None
    tokens_in: int | None = None
    tokens_out: int | None = None


def _total(counts: list[int | None]) -> int | None:
    known = [count for count in counts if count is not None]
    return sum(known) if known else None


async def grade_with_one_retry(
    provider: str, ask: Callable[[], Awaitable[GradeAnswer]]
) -> RubricGrade:
    """Ask for a grade; ask once more if the answer is malformed, then give up. The grade
    carries the usage the provider reported for both calls."""
    answers: list[GradeAnswer] = []
    for attempt in (1, 2):
        answer = await ask()
        answers.append(answer)
        try:
            grade = parse_grade(answer.text)
        except MalformedResponse as exc:
            logger.warning(
                "upstream_call",
                provider=provider,
                action="grade",
                attempt=attempt,
                outcome="malformed",
                reason=exc.reason,
            )
        else:
            return replace(
                grade,
                tokens_in=_total([a.tokens_in for a in answers]),
                tokens_out=_total([a.tokens_out for a in answers]),
            )
    raise UngradableAnswer(provider)


def transport_failure(exc: Exception) -> Failure | None:
    """The shared HTTP failures, plus a malformed answer (never retried)."""
    if isinstance(exc, MalformedResponse):
        return Failure(False, f"malformed: {exc.reason}")
    return http_transport_failure(exc)


def reply_log_fields(item: StreamItem | TutorReply) -> Mapping[str, object]:
    """Token counts of a reply, for the call's log line."""
    if isinstance(item, TutorReply):
        return {"tokens_in": item.tokens_in, "tokens_out": item.tokens_out}
    return {}
