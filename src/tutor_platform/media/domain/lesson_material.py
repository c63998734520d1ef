"""A lesson within its course outline: what summaries and drafts are written from."""

import re
from dataclasses import dataclass
from typing import Final
from uuid import UUID

_HEADING: Final = re.compile(r"^\s{0,3}#{1,6}\s+(.+?)\s*#*\s*$")


@dataclass(frozen=True, slots=True)
class OutlineSection:
    title: str
    lesson_titles: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class LessonMaterial:
    """One lesson's text with its course's title and outline (sections and lesson titles)."""

    lesson_id: UUID
    course_id: UUID
    course_title: str
    lesson_title: str
    content: str
    outline: tuple[OutlineSection, ...]


@dataclass(frozen=True, slots=True)
class Passage:
    """A titled piece of lesson text, as given to an AI model; ``heading_line`` is the Markdown
    heading that opens it in the lesson (None for text before the first heading)."""

    lesson_id: UUID
    title: str
    text: str
    heading_line: str | None = None


def lesson_passages(material: LessonMaterial) -> list[Passage]:
    """The lesson cut at its Markdown headings, each part titled "Lesson: Heading"; text before
    the first heading keeps the lesson's title. A lesson without content gives its title."""
    passages: list[Passage] = []
    title = material.lesson_title
    opening: str | None = None
    lines: list[str] = []
    in_code = False
    for line in material.content.splitlines():
        if line.lstrip().startswith("```"):
            in_code = not in_code
        heading = None if in_code else _HEADING.match(line)
        if heading is None:
            lines.append(line)
            continue
        _append(passages, material.lesson_id, title, lines, opening)
        title, lines = f"{material.lesson_title}: {heading.group(1)}", []
        opening = line.strip()
    _append(passages, material.lesson_id, title, lines, opening)
    return passages or [Passage(material.lesson_id, material.lesson_title, material.lesson_title)]


def _append(
    passages: list[Passage], lesson_id: UUID, title: str, lines: list[str], opening: str | None
) -> None:
    text = "\n".join(lines).strip()
    if text:
        passages.append(Passage(lesson_id, title, text, opening))
