"""What the AI model is asked for: a narration script or a lesson draft, scoped to one lesson
within its course outline (the lesson's current text travels as course material)."""

from tutor_platform.media.domain.lesson_material import LessonMaterial
from tutor_platform.media.domain.narration import MAX_SCRIPT_WORDS

SCRIPT_SYSTEM_PROMPT = (
    "You write the narration of short audio and video summaries of course lessons. Speak to "
    "the learner in plain sentences. Use only the lesson material you are given."
)
DRAFT_SYSTEM_PROMPT = (
    "You help an instructor write one lesson of an online course. Write in Markdown, for "
    "learners, and stay within this lesson's place in the course: do not repeat what other "
    "lessons of the outline cover."
)


def course_outline(material: LessonMaterial) -> str:
    """The course's title, sections and lesson titles, with this lesson marked."""
    lines = [f"Course: {material.course_title}", "Outline:"]
    for number, section in enumerate(material.outline, start=1):
        lines.append(f"{number}. {section.title}")
        for title in section.lesson_titles:
            marker = "  <- this lesson" if title == material.lesson_title else ""
            lines.append(f"   - {title}{marker}")
    return "\n".join(lines)


def script_instruction(material: LessonMaterial) -> str:
    return (
        f'Write a narration script that summarises the lesson "{material.lesson_title}" of the '
        f'course "{material.course_title}" in at most {MAX_SCRIPT_WORDS} words (30 to 60 '
        "seconds of speech): plain spoken sentences, no headings, lists, Markdown or stage "
        "directions."
    )


def draft_system_prompt(material: LessonMaterial) -> str:
    return f"{DRAFT_SYSTEM_PROMPT}\n\n{course_outline(material)}"


def draft_instruction(material: LessonMaterial, instructions: str | None) -> str:
    request = (
        f'Write a new draft of the lesson "{material.lesson_title}" of the course '
        f'"{material.course_title}" in Markdown, improving on its current text (given as '
        "course material). Answer with the lesson content only."
    )
    if instructions:
        request += f"\n\nThe instructor asks for this:\n{instructions}"
    return request
