"""Answer a factual question with the article in knowledge/ that covers its intent."""

import logging
from typing import Any, Dict, List

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.knowledge import Article, KnowledgeBase
from actions.settings import settings

logger = logging.getLogger(__name__)

knowledge_base = KnowledgeBase(settings.knowledge_dir)


def render_answer(article: Article) -> Dict[str, Any]:
    """The chat message for an article: the short answer, the next step, its sources."""
    return {
        "text": f"{article.short}\n\n{article.next_step}",
        "json_message": {
            "article": article.id,
            "sources": [{"title": s.title, "ref": s.ref} for s in article.sources],
        },
    }


class ActionAnswerArticle(Action):
    def name(self) -> str:
        return "action_answer_article"

    def run(
        self,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: Dict[str, Any],
    ) -> List[Dict[str, Any]]:
        intent = (tracker.latest_message.get("intent") or {}).get("name")
        article = knowledge_base.for_intent(intent)
        if article is None:
            # A model that knows an intent the knowledge base does not: the
            # validation tests catch this; at run time fail softly.
            logger.warning("no article for intent %s", intent)
            dispatcher.utter_message(response="utter_default")
            return []
        dispatcher.utter_message(**render_answer(article))
        return []
