"""``LocalTutorModel``: an offline, deterministic tutor that answers from the course passages.

As a tutor it answers from the best passage it was given (and a second one from another
lesson when that one covers words of the question the first does not), quoting whole
Markdown blocks, so no heading, table or code fence is ever cut; it names the lesson and the
section, cites the passages as ``[n]``, and ends with a guiding question built from the key
terms that lesson marks (its bold terms and code names). When the course does not cover the
question it says so plainly and names the other courses that may. Asked for a lesson draft it
outlines the lesson and names the instructions it could not carry out; asked for a narration
it gives plain whole sentences of the lesson (``writing``). Asked for other text (a summary,
a synthesis) it gives the opening sentences of each passage as plain text. Free-text answers
are graded by the rubric's keywords (or, without keywords, by the words of its guidance).
"""

import zlib
from collections.abc import AsyncIterator, Iterable, Sequence
from dataclasses import dataclass

from tutor_platform.ai.adapters.outbound.local.teaching import teach
from tutor_platform.ai.adapters.outbound.local.text import (
    sentences,
    stem,
    term_forms,
    terms,
    words,
)
from tutor_platform.ai.adapters.outbound.local.writing import draft_outline, narration
from tutor_platform.ai.adapters.outbound.support import (
    estimate_tokens,
    prompt_tokens,
    split_words,
)
from tutor_platform.ai.ports.model import (
    ChatTurn,
    CoursePassage,
    GradingRequest,
    ImagePart,
    RubricGrade,
    StreamItem,
    TextDelta,
    TutorPrompt,
    TutorReply,
)

MODEL_ID = "local-retrieval-1"
MAX_QUOTED_SENTENCES = 3
SUMMARY_PASSAGES = 3
SUMMARY_SENTENCES = 2
_SUMMARY_WORDS = frozenset(
    {"summary", "summarise", "summarize", "summarising", "summarizing", "script", "overview"}
    | {"outline", "recap", "draft", "narration", "narrate"}
)
_TOPIC_QUESTIONS = (
    "Can you explain the part about {term} in your own words?",
    "What do you think would change without {term}?",
    "How would you connect {term} to an example from your own life?",
)
_RUBRIC_VERBS = frozenset(
    terms("explain describe mention discuss include show answer student should must expect")
)
_INSTRUCTION_TERMS = frozenset(
    terms(
        "write create make give short brief summary summarise summarize script overview outline "
        "recap draft narration narrate lesson course second minute word"
    )
)
_SUMMARY_QUESTION = "Which idea from this lesson would you explain to a friend first, and why?"
_REPHRASE_QUESTION = "Could you rephrase your question, or tell me which lesson it is about?"


@dataclass(frozen=True, slots=True)
class _Sentence:
    passage: int
    position: int
    text: str
    score: int


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
    opening = _acknowledge_images(prompt.images)
    if _asks_for_summary(prompt.message) and prompt.passages:
        passages = _passages_about(prompt.message, prompt.passages)
        body, question = _summary(passages), _SUMMARY_QUESTION
    else:
        body, question = _retrieve(prompt)
    return " ".join(part for part in (opening, body) if part) + "\n\n" + question


def _acknowledge_images(images: Sequence[ImagePart]) -> str:
    if not images:
        return ""
    count = len(images)
    kinds = ", ".join(_unique(image.content_type for image in images))
    noun = "image" if count == 1 else "images"
    return (
        f"I received {count} {noun} ({kinds}), but I cannot look at images in offline mode, "
        "so I am answering from the course material."
    )


def _asks_for_summary(message: str) -> bool:
    return any(word in _SUMMARY_WORDS for word in words(message))


def _passages_about(message: str, passages: Sequence[CoursePassage]) -> Sequence[CoursePassage]:
    """The passages a summary request names ("summarise the lesson on mitosis"), else all."""
    topic = {t for t in terms(message) if t not in _INSTRUCTION_TERMS and not t.isdigit()}
    named = [p for p in passages if topic & set(terms(f"{p.title} {p.text}"))]
    return named or passages


def _summary(passages: Sequence[CoursePassage]) -> str:
    parts = []
    for passage in passages[:SUMMARY_PASSAGES]:
        lead = " ".join(sentences(passage.text)[:SUMMARY_SENTENCES])
        parts.append(f'"{passage.title}" in short: {lead}' if lead else f'"{passage.title}".')
    return "Here is a short summary of the lesson material. " + " ".join(parts)


def _retrieve(prompt: TutorPrompt) -> tuple[str, str]:
    query = _query_terms(prompt.message, prompt.history)
    ranked = _rank(prompt.passages, set(query))
    if not ranked:
        return _no_match(prompt.passages), _REPHRASE_QUESTION
    chosen = sorted(_with_context(ranked, prompt.passages), key=lambda s: (s.passage, s.position))
    titles = _unique(prompt.passages[s.passage].title for s in chosen)
    quoted = " ".join(s.text for s in chosen)
    source = " and ".join(f'"{title}"' for title in titles)
    noun = "lesson" if len(titles) == 1 else "lessons"
    body = f"Here is what the course says about this (from the {noun} {source}): {quoted}"
    return body, _guiding_question(prompt.message, query, chosen)


def _query_terms(message: str, history: Sequence[ChatTurn]) -> list[str]:
    """The message's terms; a short follow-up ("why?") borrows those of the last question."""
    query = terms(message)
    if len(query) < 2:
        earlier = next((turn.content for turn in reversed(history) if turn.role == "user"), "")
        query += [term for term in terms(earlier) if term not in query]
    return query


def _rank(passages: Sequence[CoursePassage], query: set[str]) -> list[_Sentence]:
    scored = []
    for p, passage in enumerate(passages):
        for position, text in enumerate(sentences(passage.text)):
            score = len(query & set(terms(text)))
            if score:
                scored.append(_Sentence(p, position, text, score))
    return sorted(scored, key=lambda s: (-s.score, s.passage, s.position))


def _with_context(ranked: list[_Sentence], passages: Sequence[CoursePassage]) -> list[_Sentence]:
    """The best sentences (at least half as relevant as the best one); a lone match brings the
    sentence after it, for context."""
    enough = (ranked[0].score + 1) // 2
    chosen = [s for s in ranked[:MAX_QUOTED_SENTENCES] if s.score >= enough]
    if len(chosen) == 1:
        best = chosen[0]
        following = sentences(passages[best.passage].text)[best.position + 1 : best.position + 2]
        chosen += [_Sentence(best.passage, best.position + 1, text, 0) for text in following]
    return chosen


def _no_match(passages: Sequence[CoursePassage]) -> str:
    if not passages:
        return "I do not have any course material on this yet, so I would rather not guess."
    titles = ", ".join(f'"{title}"' for title in _unique(p.title for p in passages))
    return (
        f"I could not find this in the course material I have (lessons {titles}), "
        "so I would rather not guess."
    )


def _guiding_question(message: str, query: list[str], chosen: Sequence[_Sentence]) -> str:
    quoted = {term for sentence in chosen for term in terms(sentence.text)}
    forms = term_forms(message)
    topic = next((forms[t] for t in query if t in quoted and t in forms), None)
    if topic is None:
        return "Which part of this would you like to go through step by step?"
    template = _TOPIC_QUESTIONS[zlib.crc32(message.encode()) % len(_TOPIC_QUESTIONS)]
    return template.format(term=topic)


def _grade_by_keywords(answer: str, keywords: list[str]) -> RubricGrade:
    present = {stem(word) for word in words(answer)}
    found = [k for k in keywords if _keyword_terms(k) <= present]
    missing = [k for k in keywords if k not in found]
    score = round(len(found) / len(keywords), 4)
    feedback = f"Your answer covers {len(found)} of {len(keywords)} key points."
    if found:
        feedback += f" It mentions {_listing(found)}."
    if missing:
        feedback += f" It does not mention {_listing(missing)}."
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
        feedback += f" Consider also addressing: {_listing(missing[:5])}."
    return RubricGrade(
        score,
        feedback,
        [f"Addresses {_listing(covered[:5])}."] if covered else [],
        [f"Address {_listing(missing[:5])}."] if missing else [],
    )


def _listing(items: Sequence[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _unique(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(items))
