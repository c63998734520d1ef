"""What the offline model writes to an instruction from course material (task ``text``: a
synthesis of lessons, the overview of a mentor plan or of a learning path).

It cannot write new material, so it gathers whole sentences of the material, as the tutor
quotes whole blocks. Asked how lessons connect (what they share), it lists the ideas that
passages of two or more lessons share (a key term, else a word each of them uses, the more
common first), each with a sentence of two lessons; otherwise the sentences of the passages
closest to the instruction (the first ones when it names none of their words). Notes that are
not course passages (the plan itself) come first, as they are. Items cite their passages as
``[n]`` when the instruction asks for markers.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

from tutor_platform.ai.adapters.outbound.local.blocks import key_terms
from tutor_platform.ai.adapters.outbound.local.text import term_forms, terms
from tutor_platform.ai.adapters.outbound.local.writing import inline, prose_sentences
from tutor_platform.ai.ports.model import CoursePassage, TutorPrompt
from tutor_platform.shared.words import STOP_WORDS

MAX_IDEAS: Final = 4
MAX_LEADS: Final = 4
LEAD_SENTENCES: Final = 2
NOTHING_TO_WRITE_FROM: Final = (
    "There is no course material to write this from, so I would rather not guess."
)
_CONNECTING: Final = frozenset(terms("share connect connection common link together"))
_INSTRUCTION_TERMS: Final = frozenset(
    terms(
        "write create make give short brief summary summarise summarize script overview outline "
        "recap draft narration narrate lesson lessons course second seconds minute word words "
        "passage passages number numbered cite idea ideas share connect connection learner plan "
        "goal encourage start first path"
    )
)
_GENERIC: Final = frozenset(
    terms(
        "use make take give get need keep put show help work way thing part example instead "
        "new good same one two three time times"
    )
)


@dataclass(frozen=True, slots=True)
class _Source:
    number: int
    passage: CoursePassage
    sentences: list[str]

    @property
    def lesson(self) -> str:
        return str(self.passage.lesson_id)


def compose(prompt: TutorPrompt) -> str:
    """The text for ``prompt``: its notes, then the shared ideas or the relevant sentences of
    its course passages as a Markdown list."""
    marks = "[n]" in prompt.message
    notes = [
        f"{passage.title}: {passage.text.strip()}"
        for passage in prompt.passages
        if passage.lesson_id is None and passage.text.strip()
    ]
    sources = [
        _Source(number, passage, [inline(s) for s in prose_sentences(passage.text)])
        for number, passage in enumerate(prompt.passages, start=1)
        if passage.lesson_id is not None
    ]
    sources = [source for source in sources if source.sentences]
    connect = bool(_CONNECTING & set(terms(prompt.message)))
    items = (connect and _shared_ideas(sources, marks)) or _leads(sources, prompt.message, marks)
    parts = [*notes, "\n".join(f"- {item}" for item in items)] if items else notes
    return "\n\n".join(parts) or NOTHING_TO_WRITE_FROM


def _shared_ideas(sources: Sequence[_Source], marks: bool) -> list[str]:
    """One item per term that passages of two or more lessons use (key terms first, then the
    terms used most), each with the first sentence of two lessons that holds it."""
    lessons = {source.lesson for source in sources}
    if len(lessons) < 2:
        return []
    used: dict[str, set[str]] = {}
    counts: dict[str, int] = {}
    for source in sources:
        for sentence in source.sentences:
            for term in terms(sentence):
                if len(term) > 2 and term not in _INSTRUCTION_TERMS | _GENERIC | STOP_WORDS:
                    used.setdefault(term, set()).add(source.lesson)
                    counts[term] = counts.get(term, 0) + 1
    marked = {term for s in sources for key in key_terms(s.passage.text) for term in terms(key)}
    shared = [term for term, where in used.items() if len(where) >= 2]
    shared.sort(key=lambda term: (term not in marked, -len(used[term]), -counts[term], -len(term)))
    items: list[str] = []
    quoted: set[str] = set()
    for term in shared:
        found = _first_sentences(sources, term)
        if len(found) < 2 or {sentence for _, sentence in found} <= quoted:
            continue
        quoted |= {sentence for _, sentence in found}
        form = _form(term, [sentence for _, sentence in found])
        (first, said), (second, also) = found
        items.append(
            f"**{form}**, in \u201c{first.passage.title}\u201d: {said}{_mark(first, marks)} "
            f"And in \u201c{second.passage.title}\u201d: {also}{_mark(second, marks)}"
        )
        if len(items) == MAX_IDEAS:
            break
    return items


def _first_sentences(sources: Sequence[_Source], term: str) -> list[tuple[_Source, str]]:
    """The first sentence holding ``term`` in each of the first two lessons that have one."""
    found: dict[str, tuple[_Source, str]] = {}
    for source in sources:
        if source.lesson in found:
            continue
        sentence = next((s for s in source.sentences if term in terms(s)), None)
        if sentence is not None:
            found[source.lesson] = (source, sentence)
        if len(found) == 2:
            break
    return list(found.values())


def _leads(sources: Sequence[_Source], instruction: str, marks: bool) -> list[str]:
    """The sentences of each passage that share the most words with the instruction (the
    passages at least half as close as the closest), else each passage's first sentences."""
    asked = set(terms(instruction)) - _INSTRUCTION_TERMS
    overlap = {s.number: max(len(asked & set(terms(x))) for x in s.sentences) for s in sources}
    best = max(overlap.values(), default=0)
    chosen = [s for s in sources if best and overlap[s.number] * 2 >= best] or list(sources)
    items = []
    for source in chosen[:MAX_LEADS]:
        said = [x for x in source.sentences if asked & set(terms(x))] or source.sentences
        where = f"**{source.passage.title}**"
        if source.passage.heading:
            where += f", *{source.passage.heading}*"
        items.append(f"{where}: {' '.join(said[:LEAD_SENTENCES])}{_mark(source, marks)}")
    return items


def _form(term: str, sentences: Sequence[str]) -> str:
    """The word ``term`` came from in the first sentence that holds it."""
    for sentence in sentences:
        form = term_forms(sentence).get(term)
        if form:
            return form
    return term


def _mark(source: _Source, marks: bool) -> str:
    return f" [{source.number}]" if marks else ""
