"""Errors of the catalog; each states the fact and maps to a SPEC error code."""

from tutor_platform.shared.errors import Conflict, Forbidden, NotFound


class CourseNotFound(NotFound):
    default_detail = "The course was not found."


class SectionNotFound(NotFound):
    default_detail = "The section was not found."


class LessonNotFound(NotFound):
    default_detail = "The lesson was not found."


class NoAdjacentLesson(NotFound):
    default_detail = "There is no lesson in that direction."


class SlugTaken(Conflict):
    default_detail = "A course with this slug already exists."


class NotCourseEditor(Forbidden):
    default_detail = "Only the course's instructor or an administrator may change it."
