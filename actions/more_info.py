"""'Meer weten': the detail section of the article answered last."""

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.answer_article import MAX_BUTTONS, article_payload, knowledge_base, related_buttons


class ActionAnswerMore(Action):
    def name(self) -> str:
        return "action_answer_more"

    def run(
        self,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: dict[str, Any],
    ) -> list[dict[str, Any]]:
        article = knowledge_base.get(tracker.get_slot("last_article") or "")
        if article is None:
            dispatcher.utter_message(response="utter_more_without_topic")
            return []
        dispatcher.utter_message(
            text=article.sections["Meer weten"],
            buttons=related_buttons(article, MAX_BUTTONS),
            json_message=article_payload(article),
        )
        return []
