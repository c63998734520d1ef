"""A mentor session's plan: numbered steps towards the learner's goal.

Deterministic: with a course, one step per section that still has lessons to complete (at
most ``MAX_SECTION_STEPS``, in course order), then the course's quizzes; without one, general
study steps. The sections given are those of the lessons relevant to the goal (the caller
chooses them by retrieval); a course with no relevant lesson gets ``uncovered_plan``, which
says so instead of inventing steps. Every plan starts by setting the target and ends with a
weekly reflection.
"""

import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import Final
from uuid import UUID

from tutor_platform.assessment.domain.learning_path import PathLesson

MAX_GOAL_LENGTH: Final = 1000
MAX_SECTION_STEPS: Final = 4
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@dataclass(frozen=True, slots=True)
class MentorSection:
    title: str
    lessons: tuple[PathLesson, ...]


@dataclass(frozen=True, slots=True)
class MentorStep:
    number: int
    title: str
    detail: str
    lesson_ids: tuple[UUID, ...] = ()
    citations: tuple[int, ...] = ()
    """The numbers of the plan's citations that come from ``lesson_ids``."""


def goal_problem(goal: str) -> str | None:
    """For an already trimmed goal."""
    if not 1 <= len(goal) <= MAX_GOAL_LENGTH:
        return f"must be 1 to {MAX_GOAL_LENGTH} characters (surrounding spaces are trimmed)"
    if _CONTROL.search(goal):
        return "must not contain control characters other than line breaks and tabs"
    return None


def mentor_plan(
    goal: str,
    sections: Sequence[MentorSection] | None,
    completed: Collection[UUID] = (),
    quiz_titles: Sequence[str] = (),
) -> list[MentorStep]:
    """The plan for ``goal``, from the course's ``sections`` when there is a course."""
    if sections is None:
        return _plan(goal, _general_steps())
    return _plan(goal, _course_steps(sections, completed, quiz_titles))


def uncovered_plan(goal: str, course_title: str) -> list[MentorStep]:
    """The plan for a goal that no lesson of the course is relevant to: it says so."""
    return _plan(
        goal,
        [
            (
                "Look beyond this course",
                f"\u201c{course_title}\u201d does not cover \u201c{_shortened(goal)}\u201d: "
                "none of its lessons is about it. Search the catalog for a course that is, "
                "or ask the instructor whether it is planned.",
                (),
            )
        ],
    )


def _plan(goal: str, middle: list[tuple[str, str, tuple[UUID, ...]]]) -> list[MentorStep]:
    steps: list[tuple[str, str, tuple[UUID, ...]]] = [
        (
            "Set your target",
            f"Say in one sentence what \u201c{_shortened(goal)}\u201d will let you do, "
            "and how you will know you got there.",
            (),
        ),
        *middle,
    ]
    steps.append(
        (
            "Reflect and adjust",
            "Once a week, explain what you learned in your own words (to a friend or your AI "
            "tutor) and adjust the plan to what still feels hard.",
            (),
        )
    )
    return [
        MentorStep(number, title, detail, lesson_ids)
        for number, (title, detail, lesson_ids) in enumerate(steps, start=1)
    ]


def _shortened(goal: str, limit: int = 120) -> str:
    line = " ".join(goal.split())
    return line if len(line) <= limit else line[: limit - 1].rstrip() + "\u2026"


def _general_steps() -> list[tuple[str, str, tuple[UUID, ...]]]:
    return [
        (
            "Find a course",
            "Search the catalog for the main topics of your goal and pick a course that "
            "starts at your level.",
            (),
        ),
        (
            "Practise a little every day",
            "Plan short daily study sessions: a steady streak beats long, rare ones.",
            (),
        ),
    ]


def _course_steps(
    sections: Sequence[MentorSection], completed: Collection[UUID], quiz_titles: Sequence[str]
) -> list[tuple[str, str, tuple[UUID, ...]]]:
    steps: list[tuple[str, str, tuple[UUID, ...]]] = []
    for section in sections:
        todo = [lesson for lesson in section.lessons if lesson.id not in completed]
        if not todo or len(steps) == MAX_SECTION_STEPS:
            continue
        titles = "; ".join(f"\u201c{lesson.title}\u201d" for lesson in todo)
        steps.append(
            (
                f"Work through \u201c{section.title}\u201d",
                f"Complete these lessons in order: {titles}.",
                tuple(lesson.id for lesson in todo),
            )
        )
    done = [lesson for section in sections for lesson in section.lessons]
    if not steps and done:
        titles = "; ".join(f"\u201c{lesson.title}\u201d" for lesson in done)
        steps.append(
            (
                "Revisit what you learned",
                f"You have completed the lessons of this course for your goal ({titles}): "
                "go through them again and explain each in your own words.",
                tuple(lesson.id for lesson in done),
            )
        )
    if quiz_titles:
        names = ", ".join(f"\u201c{title}\u201d" for title in quiz_titles)
        steps.append(
            (
                "Check yourself",
                f"Take the course's quizzes ({names}) and aim for the passing score before "
                "moving on.",
                (),
            )
        )
    return steps
