"""The AI capability's DI container: the root container chooses the models, the embedder
and where the metered usage is kept."""

from collections.abc import Mapping

from dependency_injector import containers, providers

from tutor_platform.ai.api import AiFacade
from tutor_platform.ai.application.generate_text import GenerateText
from tutor_platform.ai.application.grade_free_text import GradeFreeText
from tutor_platform.ai.application.support.meter import AiMeter
from tutor_platform.ai.application.support.prices import ModelPrices, parse_prices
from tutor_platform.ai.ports.embedder import Embedder
from tutor_platform.ai.ports.model import TutorModels
from tutor_platform.ai.ports.usage import UsageLedger
from tutor_platform.shared.clock import Clock


class AiContainer(containers.DeclarativeContainer):
    """Use cases over the tutor models and the embedder it is given."""

    tutor_models: providers.Dependency[TutorModels] = providers.Dependency()
    embedder: providers.Dependency[Embedder] = providers.Dependency()
    usage_ledger: providers.Dependency[UsageLedger] = providers.Dependency()
    clock: providers.Dependency[Clock] = providers.Dependency()
    ai_prices: providers.Dependency[str] = providers.Dependency()
    default_models: providers.Dependency[Mapping[str, str]] = providers.Dependency()

    prices = providers.Singleton(ModelPrices, providers.Callable(parse_prices, ai_prices))
    meter = providers.Singleton(AiMeter, usage_ledger, clock, prices, default_models)
    generate_text = providers.Factory(GenerateText, tutor_models, meter)
    grade_free_text = providers.Factory(GradeFreeText, tutor_models, meter)
    facade = providers.Singleton(
        AiFacade, generate_text=generate_text, grade_free_text=grade_free_text
    )
