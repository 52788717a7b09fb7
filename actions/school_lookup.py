"""Answer questions about schools from the support profiles: "wat biedt De
Regenboog voor dyslexie?", "autisme Zwolle", "is het Talentcollege
rolstoeltoegankelijk?".

One action for both intents: what the message mentions decides the answer
(a named school gets its profile, a need or a place gets a list), so a
question the model files under the other intent is still answered right.
"""

from typing import Any, Dict, List

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.clock import today
from actions.settings import settings
from actions.sop.lookup import named_schools, schools_for_need, suggestions
from actions.sop.replies import INFO_INTENT, Reply, ReplyWriter
from actions.sop.request import SchoolRequest
from actions.sop.search import ProfileIndex
from actions.sop.wording import Wording

profile_index = ProfileIndex(settings.sop_db)
writer = ReplyWriter(Wording(settings.knowledge_dir / "sop"))


def answer(request: SchoolRequest, intent: str) -> Reply:
    """The reply to one school question, from the current profiles."""
    profile_index.refresh()
    if not profile_index.schools:
        return writer.ask("no_schools_loaded")
    towns = profile_index.town_names
    names_a_school = bool(request.school_keys or request.names)
    searching = bool(request.needs or request.place or request.sectors)
    if names_a_school or intent == INFO_INTENT or not searching:
        schools = named_schools(profile_index, request)
        if len(schools) == 1:
            return writer.profile(schools[0].school, request.needs, today())
        if schools:
            return writer.choose(schools, request.needs)
        if names_a_school:
            return writer.not_found(request, towns, suggestions(profile_index, request))
        if not searching:
            similar = suggestions(profile_index, request) if intent == INFO_INTENT else []
            if similar:
                return writer.choose(similar, request.needs, sure=False)
            return writer.ask("ask_school" if intent == INFO_INTENT else "ask_need")
    return writer.listing(request, schools_for_need(profile_index, request), towns)


def send_answer(dispatcher: CollectingDispatcher, message: Dict[str, Any], intent: str) -> None:
    reply = answer(SchoolRequest.from_message(message), intent)
    dispatcher.utter_message(text=reply.text, buttons=reply.buttons, json_message=reply.custom or None)


def names_just_a_school(message: Dict[str, Any]) -> bool:
    return SchoolRequest.from_message(message).is_mostly_a_name()


class ActionSchoolLookup(Action):
    def name(self) -> str:
        return "action_school_lookup"

    def run(
        self,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: Dict[str, Any],
    ) -> List[Dict[str, Any]]:
        intent = tracker.get_intent_of_latest_message(skip_fallback_intent=False) or ""
        send_answer(dispatcher, tracker.latest_message, intent)
        return []
