"""What the offline model writes about a lesson when asked for a draft or a narration.

It cannot write new material. A draft is a well-formed Markdown outline of the lesson as it
is: its headings (the lesson's own as ``#``, its sections as ``##`` and ``###``), each
section's key points as bullets of whole sentences (or its key terms), then a plain paragraph
that names the instructions it could not carry out. A narration is a few plain whole sentences
drawn from the lesson: its title, then the first sentence of each section's prose, within the
length asked for. Neither ever cuts a sentence, heading, table or code fence in half.
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

from tutor_platform.ai.adapters.outbound.local.blocks import Block, blocks, key_terms
from tutor_platform.ai.ports.model import CoursePassage, TutorPrompt
from tutor_platform.shared.prose import is_whole, plain, prose_units, split_sentences

POINTS_PER_SECTION: Final = 3
TERMS_PER_SECTION: Final = 5
NARRATION_WORDS: Final = 150
"""The script length when the request names none (about a minute of speech)."""
NARRATION_SENTENCES: Final = 6
"""At most this many sentences of the lesson: the first of each section, then the second of
each, and so on (spoken in the lesson's order)."""
MIN_SENTENCE_WORDS: Final = 3

_HEADING_LINE: Final = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
_LIST_ITEM: Final = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")
_TABLE_SEPARATOR: Final = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")
_LENGTH_ASKED: Final = re.compile(r"at most (\d+) words", re.IGNORECASE)
_NOT_CARRIED_OUT: Final = (
    "The offline model cannot write new material, so these instructions were not carried out"
)
_OUTLINE_ONLY: Final = (
    "The offline model cannot write new material, so this draft is an outline of the current "
    "lesson: its sections and their key points."
)


@dataclass(frozen=True, slots=True)
class _Section:
    level: int | None
    heading: str | None
    markdown: str


def draft_outline(prompt: TutorPrompt) -> str:
    """The lesson of ``prompt.passages`` as an outline, and what the offline model did not do."""
    title, sections = _lesson(prompt.passages)
    levels = sorted({s.level for s in sections if s.heading and s.level is not None})
    parts = [f"# {inline(title)}"] if title else []
    for section in sections:
        if section.heading:
            depth = 2 if not levels or section.level in (None, levels[0]) else 3
            parts.append(f"{'#' * depth} {inline(section.heading)}")
        points = _key_points(section.markdown)
        if points:
            parts.append("\n".join(f"- {point}" for point in points))
    parts.append(_closing(prompt.instructions))
    return "\n\n".join(parts)


def narration(prompt: TutorPrompt) -> str:
    """A short spoken script of plain whole sentences from ``prompt.passages``."""
    title, sections = _lesson(prompt.passages)
    budget = _word_budget(prompt)
    script: list[str] = []
    if title:
        script.append(f"Here is a short summary of the lesson {plain(title).rstrip('.!?:;,')}.")
    prose = [_spoken_sentences(section.markdown) for section in sections]
    ranked = sorted(
        (
            (rank, number, sentence)
            for number, found in enumerate(prose)
            for rank, sentence in enumerate(found)
        ),
        key=lambda item: (item[0], item[1]),
    )
    words = sum(len(s.split()) for s in script)
    chosen: list[tuple[int, int, str]] = []
    for item in ranked[:NARRATION_SENTENCES]:
        size = len(item[2].split())
        if words + size > budget:
            break
        chosen.append(item)
        words += size
    script += [sentence for _, _, sentence in sorted(chosen, key=lambda item: (item[1], item[0]))]
    return " ".join(script)


def _spoken_sentences(markdown: str) -> list[str]:
    """The section's prose sentences made plain, those that end with a full stop."""
    spoken = (plain(sentence) for sentence in prose_sentences(markdown))
    return [s for s in spoken if s.endswith(".") and len(s.split()) >= MIN_SENTENCE_WORDS]


def _lesson(passages: Sequence[CoursePassage]) -> tuple[str, list[_Section]]:
    """The lesson's title and its sections, in order. The lesson's own top heading (its title)
    opens no section: what follows it belongs to the lesson itself."""
    title = _lesson_title(passages[0]) if passages else ""
    sections: list[_Section] = []
    for passage in passages:
        level, heading = _heading(passage)
        if heading is not None and heading.casefold() == title.casefold() and level in (None, 1):
            heading = None
        sections.append(_Section(level, heading, passage.text))
    return title, sections


def _heading(passage: CoursePassage) -> tuple[int | None, str | None]:
    if passage.heading_line is not None:
        match = _HEADING_LINE.match(passage.heading_line)
        if match and match.group(2):
            return len(match.group(1)), match.group(2)
    if passage.heading:
        return None, passage.heading
    return None, passage.title


def _lesson_title(passage: CoursePassage) -> str:
    """A passage's title without its section ("Lesson: Section" gives "Lesson")."""
    _, heading = _heading(passage)
    if passage.heading_line is not None and heading:
        return passage.title.removesuffix(f": {heading}")
    return passage.title


def _key_points(markdown: str) -> list[str]:
    """Up to a few whole sentences of the section's prose; else its key terms; else what it
    shows (a code example, a table)."""
    points = [inline(s) for s in prose_sentences(markdown)][:POINTS_PER_SECTION]
    if points:
        return points
    terms = [_term(term, markdown) for term in key_terms(markdown)[:TERMS_PER_SECTION]]
    if terms:
        return terms
    return [_describe(block) for block in blocks(markdown) if block.code or _is_table(block)][:2]


def prose_sentences(markdown: str) -> list[str]:
    """The whole sentences of the paragraphs, quotes and list items of ``markdown`` (not of its
    code, tables or headings), in order."""
    return [
        sentence
        for unit in prose_units(markdown)
        for sentence in split_sentences(unit.markdown)
        if is_whole(sentence) and len(sentence.split()) >= MIN_SENTENCE_WORDS
    ]


def _is_table(block: Block) -> bool:
    lines = block.markdown.splitlines()
    return len(lines) >= 2 and "|" in lines[0] and bool(_TABLE_SEPARATOR.match(lines[1]))


def inline(text: str) -> str:
    """Markdown kept when its emphasis, code and links are balanced, else made plain."""
    balanced = (
        text.count("**") % 2 == 0
        and text.replace("**", "").count("*") % 2 == 0
        and text.count("`") % 2 == 0
        and text.count("[") == text.count("]")
    )
    return text if balanced else plain(text)


def _term(term: str, markdown: str) -> str:
    return f"`{term}`" if f"`{term}`" in markdown else f"**{plain(term)}**"


def _describe(block: Block) -> str:
    if block.code:
        language = block.markdown.splitlines()[0].strip("`~ \t").split(" ")[0]
        return f"A {language} code example." if language else "A code example."
    first_row = block.markdown.splitlines()[0].strip().strip("|")
    header = [plain(cell) for cell in first_row.split("|")]
    columns = [cell for cell in header if cell]
    return f"A table of {listing(columns)}." if columns else "A table."


def _closing(instructions: str | None) -> str:
    asked = [
        plain(_LIST_ITEM.sub("", line)).rstrip(" .") for line in (instructions or "").splitlines()
    ]
    asked = [item for item in asked if item]
    if not asked:
        return _OUTLINE_ONLY
    quoted = listing([f"“{item}”" for item in asked])
    return f"This draft is an outline of the current lesson. {_NOT_CARRIED_OUT}: {quoted}."


def _word_budget(prompt: TutorPrompt) -> int:
    """The words the request asks for at most ("at most 150 words"), within the output
    tokens it allows (the offline model counts a word as a token)."""
    asked = _LENGTH_ASKED.search(prompt.message)
    budget = int(asked.group(1)) if asked else NARRATION_WORDS
    if prompt.max_output_tokens is not None:
        budget = min(budget, prompt.max_output_tokens)
    return budget


def listing(items: Sequence[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]
