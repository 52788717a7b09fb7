"""The user says who they are; the last answer is repeated in their words."""

from typing import Any, Dict, List

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.answer_article import knowledge_base, send_article
from actions.audience import AUDIENCE_INTENTS


class ActionSetAudience(Action):
    def name(self) -> str:
        return "action_set_audience"

    def run(
        self,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: Dict[str, Any],
    ) -> List[Dict[str, Any]]:
        intent = tracker.get_intent_of_latest_message(skip_fallback_intent=False)
        audience = AUDIENCE_INTENTS.get(intent or "", "ouder")
        dispatcher.utter_message(response=f"utter_audience_{audience}")
        last = knowledge_base.get(tracker.get_slot("last_article") or "")
        # Only re-answer when the words differ for this audience.
        if last is not None and audience == "leerling" and last.has_pupil_version:
            send_article(dispatcher, last, audience)
        return [SlotSet("audience", audience), SlotSet("audience_asked", True)]
