"""The AI capability's DI container: the root container chooses the models and the embedder."""

from typing import Any

from dependency_injector import containers, providers

from tutor_platform.ai.api import AiFacade
from tutor_platform.ai.application.generate_text import GenerateText
from tutor_platform.ai.application.grade_free_text import GradeFreeText


class AiContainer(containers.DeclarativeContainer):
    """Use cases over the tutor models and the embedder it is given."""

    tutor_models: providers.Dependency[Any] = providers.Dependency()
    embedder: providers.Dependency[Any] = providers.Dependency()

    generate_text = providers.Factory(GenerateText, tutor_models)
    grade_free_text = providers.Factory(GradeFreeText, tutor_models)
    facade = providers.Singleton(
        AiFacade, generate_text=generate_text, grade_free_text=grade_free_text
    )
