"""When Wegwijzer is not sure what the user means, or thinks the question is
outside passend onderwijs.

Two close candidates become "Bedoel je ...?" buttons; after two such turns
in a row the user is offered a person: a parent whose real question keeps
landing here is being misunderstood, whatever the model thinks.
"""

from typing import Any, Dict, List

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.answer_article import knowledge_base
from actions.school_lookup import names_just_a_school, send_answer
from actions.sop.replies import INFO_INTENT

# A candidate below this confidence is a guess, not worth a button.
MIN_CANDIDATE_CONFIDENCE = 0.15
NOT_UNDERSTOOD = {"nlu_fallback", "out_of_scope"}
# Marks a reply that did not answer the question: the SWV report counts these.
UNANSWERED = {"unanswered": True}


def misunderstandings_in_a_row(tracker: Tracker) -> int:
    """User turns at the end of the conversation that Wegwijzer could not answer."""
    count = 0
    for event in reversed(tracker.events):
        if event.get("event") != "user":
            continue
        intent = ((event.get("parse_data") or {}).get("intent") or {}).get("name")
        if intent not in NOT_UNDERSTOOD:
            break
        count += 1
    return count


def candidate_buttons(tracker: Tracker, limit: int = 2) -> List[Dict[str, str]]:
    """Buttons for the best-ranked intents that have an article."""
    buttons = []
    for ranked in tracker.latest_message.get("intent_ranking") or []:
        if len(buttons) == limit or ranked.get("confidence", 0) < MIN_CANDIDATE_CONFIDENCE:
            break
        article = knowledge_base.for_intent(ranked.get("name"))
        if article is not None:
            buttons.append({"title": article.title, "payload": f"/{ranked['name']}"})
    return buttons


class ActionClarify(Action):
    def name(self) -> str:
        return "action_clarify"

    def run(
        self,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: Dict[str, Any],
    ) -> List[Dict[str, Any]]:
        if names_just_a_school(tracker.latest_message):
            # Just a name ("regenboog", "het talent college") asks about that school.
            send_answer(dispatcher, tracker.latest_message, INFO_INTENT)
            return []
        if misunderstandings_in_a_row(tracker) >= 2:
            dispatcher.utter_message(response="utter_offer_person", json_message=UNANSWERED)
            return []
        if tracker.get_intent_of_latest_message(skip_fallback_intent=False) == "out_of_scope":
            dispatcher.utter_message(response="utter_out_of_scope", json_message=UNANSWERED)
            return []
        candidates = candidate_buttons(tracker)
        if candidates:
            dispatcher.utter_message(
                response="utter_did_you_mean",
                buttons=[*candidates, {"title": "Iets anders", "payload": "/clarify_other"}],
                json_message=UNANSWERED,
            )
        else:
            dispatcher.utter_message(response="utter_default", json_message=UNANSWERED)
        return []
