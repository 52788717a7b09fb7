"""Rasa NLU component: the schools, towns, postcode areas and needs a message
mentions, as entities `school`, `plaats`, `postcode` and `behoefte`.

Nothing is learned: actions/sop/mentions.py matches the message against the
support-profile database (WEGWIJZER_SOP_DB) and knowledge/sop/behoeften.yml,
and rebuilds its matcher when either changes. So a school imported today is
found today, and the model never has to be retrained for one.
"""

from __future__ import annotations

from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.extractors.extractor import EntityExtractorMixin
from rasa.shared.nlu.constants import ENTITIES, ENTITY_ATTRIBUTE_CONFIDENCE, TEXT
from rasa.shared.nlu.training_data.message import Message

from actions.settings import settings
from actions.sop.mentions import MentionFinder
from actions.sop.search import ProfileIndex
from actions.sop.wording import Wording


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR, is_trainable=False)
class SchoolEntityExtractor(GraphComponent, EntityExtractorMixin):
    def __init__(self, finder: MentionFinder) -> None:
        self._finder = finder

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> SchoolEntityExtractor:
        index = ProfileIndex(settings.sop_db)
        return cls(MentionFinder(index, Wording(settings.knowledge_dir / "sop")))

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            text = message.get(TEXT)
            if not text:
                continue
            found = [{**m.as_entity(), ENTITY_ATTRIBUTE_CONFIDENCE: 1.0} for m in self._finder.find(text)]
            if found:
                entities = [*message.get(ENTITIES, []), *self.add_extractor_name(found)]
                message.set(ENTITIES, entities, add_to_output=True)
        return messages
