"""One transaction over the progress, activity and study-time repositories."""

from collections.abc import Callable
from typing import Protocol

from tutor_platform.progress.ports.figures import ProgressFigures
from tutor_platform.progress.ports.progress import ProgressRepository
from tutor_platform.progress.ports.streaks import ActivityRepository
from tutor_platform.progress.ports.study_time import StudyTimeRepository
from tutor_platform.shared.unit_of_work import UnitOfWork


class ProgressUnitOfWork(UnitOfWork, Protocol):
    @property
    def progress(self) -> ProgressRepository: ...

    @property
    def activity(self) -> ActivityRepository: ...

    @property
    def study_time(self) -> StudyTimeRepository: ...

    @property
    def figures(self) -> ProgressFigures: ...


ProgressUnitOfWorkFactory = Callable[[], ProgressUnitOfWork]
