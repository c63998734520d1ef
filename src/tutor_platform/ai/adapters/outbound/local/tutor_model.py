"""``LocalTutorModel``: an offline, deterministic tutor that answers from the course passages.

As a tutor it answers from the best passage it was given (and a second one from another
lesson when that one covers words of the question the first does not), quoting whole
Markdown blocks, so no heading, table or code fence is ever cut; it names the lesson and the
section, cites the passages as ``[n]``, and ends with a guiding question built from the key
terms that lesson marks (its bold terms and code names). When the course does not cover the
question it says so plainly and names the other courses that may. Asked for a lesson draft it
outlines the lesson and names the instructions it could not carry out; asked for a narration
it gives plain whole sentences of the lesson (``writing``). Asked for other text (a synthesis,
the overview of a plan) it gathers whole sentences of the material: the ideas the lessons
share, or what the instruction asks about, cited as ``[n]`` (``composing``). Free-text answers
are graded by the rubric's keywords (or, without keywords, by the words of its guidance).
"""

from collections.abc import AsyncIterator, Iterable

from tutor_platform.ai.adapters.outbound.local.composing import compose
from tutor_platform.ai.adapters.outbound.local.teaching import teach
from tutor_platform.ai.adapters.outbound.local.text import (
    stem,
    term_forms,
    terms,
    words,
)
from tutor_platform.ai.adapters.outbound.local.writing import draft_outline, listing, narration
from tutor_platform.ai.adapters.outbound.support import (
    estimate_tokens,
    prompt_tokens,
    split_words,
)
from tutor_platform.ai.ports.model import (
    GradingRequest,
    RubricGrade,
    StreamItem,
    TextDelta,
    TutorPrompt,
    TutorReply,
)

MODEL_ID = "local-retrieval-1"
_RUBRIC_VERBS = frozenset(
    terms("explain describe mention discuss include show answer student should must expect")
)


class LocalTutorModel:
    """The ``local`` provider: no network, no key, the same answer for the same prompt."""

    provider = "local"

    async def reply(self, prompt: TutorPrompt) -> TutorReply:
        content = _answer(prompt)
        return TutorReply(
            content=content,
            provider=self.provider,
            model_id=MODEL_ID,
            tokens_in=prompt_tokens(prompt),
            tokens_out=estimate_tokens(content),
            finish_reason="stop",
        )

    async def stream(self, prompt: TutorPrompt) -> AsyncIterator[StreamItem]:
        reply = await self.reply(prompt)
        for piece in split_words(reply.content):
            yield TextDelta(piece)
        yield reply

    async def grade(self, request: GradingRequest) -> RubricGrade:
        if not request.answer.strip():
            improvement = "Write an answer to the question."
            return RubricGrade(0.0, "No answer was given.", [], [improvement])
        keywords = _unique(k.strip() for k in request.rubric_keywords if k.strip())
        if keywords:
            return _grade_by_keywords(request.answer, keywords)
        return _grade_by_guidance(request.answer, request.rubric_guidance or request.question)

    async def health(self) -> bool:
        return True


def _answer(prompt: TutorPrompt) -> str:
    if prompt.task == "tutor":
        return teach(prompt)
    if prompt.task == "draft" and prompt.passages:
        return draft_outline(prompt)
    if prompt.task == "narration" and prompt.passages:
        script = narration(prompt)
        if script:
            return script
    return compose(prompt)


def _grade_by_keywords(answer: str, keywords: list[str]) -> RubricGrade:
    present = {stem(word) for word in words(answer)}
    found = [k for k in keywords if _keyword_terms(k) <= present]
    missing = [k for k in keywords if k not in found]
    score = round(len(found) / len(keywords), 4)
    feedback = f"Your answer covers {len(found)} of {len(keywords)} key points."
    if found:
        feedback += f" It mentions {listing(found)}."
    if missing:
        feedback += f" It does not mention {listing(missing)}."
    return RubricGrade(
        score,
        feedback,
        [f"Mentions {k}." for k in found],
        [f"Explain {k} and how it relates to the question." for k in missing],
    )


def _keyword_terms(keyword: str) -> set[str]:
    content = terms(keyword)
    return set(content) if content else {stem(w) for w in words(keyword)}


def _grade_by_guidance(answer: str, guidance: str) -> RubricGrade:
    expected = {t: form for t, form in term_forms(guidance).items() if t not in _RUBRIC_VERBS}
    if not expected:
        return RubricGrade(0.0, "There is no rubric to grade this answer against.", [], [])
    present = set(terms(answer))
    covered = [form for term, form in expected.items() if term in present]
    missing = [form for term, form in expected.items() if term not in present]
    score = round(len(covered) / len(expected), 4)
    feedback = f"Your answer touches {len(covered)} of {len(expected)} ideas the rubric expects."
    if missing:
        feedback += f" Consider also addressing: {listing(missing[:5])}."
    return RubricGrade(
        score,
        feedback,
        [f"Addresses {listing(covered[:5])}."] if covered else [],
        [f"Address {listing(missing[:5])}."] if missing else [],
    )


def _unique(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(items))
