"""Rows of the catalog tables to domain entities and back."""

from typing import Any

from sqlalchemy import Row

from tutor_platform.learning.adapters.outbound.sqlalchemy.tables import (
    CourseRow,
    LessonRow,
    SectionRow,
)
from tutor_platform.learning.domain.catalog import (
    Course,
    Difficulty,
    Lesson,
    LessonSummary,
    Section,
)


def course_from_row(row: CourseRow | Row[Any]) -> Course:
    """A course from an ORM row or a Core row of the courses table (same attribute names)."""
    return Course(
        id=row.id,
        title=row.title,
        slug=row.slug,
        instructor_id=row.instructor_id,
        created_at=row.created_at,
        updated_at=row.updated_at,
        description=row.description,
        subject=row.subject,
        difficulty=Difficulty(row.difficulty),
        prerequisites=[str(item) for item in row.prerequisites or []],
        is_published=row.is_published,
        cover_file_id=row.cover_file_id,
    )


def copy_course_to_row(course: Course, row: CourseRow) -> CourseRow:
    row.id = course.id
    row.title = course.title
    row.slug = course.slug
    row.instructor_id = course.instructor_id
    row.created_at = course.created_at
    row.updated_at = course.updated_at
    row.description = course.description
    row.subject = course.subject
    row.difficulty = course.difficulty
    row.prerequisites = list(course.prerequisites)
    row.is_published = course.is_published
    row.cover_file_id = course.cover_file_id
    return row


def section_from_row(row: Any) -> Section:
    """From anything with the section columns as attributes (ORM row, Core row)."""
    return Section(
        id=row.id,
        course_id=row.course_id,
        title=row.title,
        position=row.position,
        created_at=row.created_at,
        updated_at=row.updated_at,
    )


def section_to_row(section: Section) -> SectionRow:
    return SectionRow(
        id=section.id,
        course_id=section.course_id,
        title=section.title,
        position=section.position,
        created_at=section.created_at,
        updated_at=section.updated_at,
    )


def lesson_from_row(row: LessonRow | Row[Any]) -> Lesson:
    return Lesson(
        id=row.id,
        section_id=row.section_id,
        course_id=row.course_id,
        title=row.title,
        position=row.position,
        created_at=row.created_at,
        updated_at=row.updated_at,
        content=row.content,
        estimated_minutes=row.estimated_minutes,
        is_premium=row.is_premium,
    )


def lesson_summary_from_row(row: Any) -> LessonSummary:
    """From anything with the lesson columns except ``content`` as attributes."""
    return LessonSummary(
        id=row.id,
        section_id=row.section_id,
        course_id=row.course_id,
        title=row.title,
        position=row.position,
        estimated_minutes=row.estimated_minutes,
        is_premium=row.is_premium,
    )


def lesson_to_row(lesson: Lesson) -> LessonRow:
    return LessonRow(
        id=lesson.id,
        section_id=lesson.section_id,
        course_id=lesson.course_id,
        title=lesson.title,
        content=lesson.content,
        position=lesson.position,
        estimated_minutes=lesson.estimated_minutes,
        is_premium=lesson.is_premium,
        created_at=lesson.created_at,
        updated_at=lesson.updated_at,
    )
