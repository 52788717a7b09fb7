"""Answer a factual question with the article in knowledge/ that covers its intent,
in the variant for the user's audience, with its sources and related topics."""

import logging
from typing import Any, Dict, List, Optional, Sequence

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.audience import infer_audience
from actions.flow_definitions import flow_book
from actions.knowledge import Article, KnowledgeBase, Source
from actions.person import PERSON_PAYLOAD
from actions.settings import settings

logger = logging.getLogger(__name__)

knowledge_base = KnowledgeBase(settings.knowledge_dir)

# At most this many buttons under an answer: more do not fit a phone.
MAX_BUTTONS = 4
MORE_BUTTON = {"title": "Meer weten", "payload": "/article_more"}
PERSON_BUTTON = {"title": "Praat met een medewerker", "payload": PERSON_PAYLOAD}
# Under an answer whose article marks a situation that usually needs a person.
# The mark itself (handoff_hint) is written for consultants; users get this.
PERSON_OFFER = {
    "ouder": "Loopt het bij u zo vast? Dan kan een medewerker van het steunpunt met u meedenken.",
    "leerling": "Kom je er zo niet uit? Dan kan een medewerker van het steunpunt je helpen.",
}


def flow_button(article: Article) -> List[Dict[str, str]]:
    """A guided flow that applies this answer to the user's own situation."""
    flow = flow_book.get(article.flow)
    return [flow.start_button] if flow else []


def related_buttons(article: Article, limit: int) -> List[Dict[str, str]]:
    buttons = []
    for related_id in article.related[:limit]:
        related = knowledge_base.get(related_id)
        if related is not None and related.intents:
            buttons.append({"title": related.title, "payload": f"/{related.intents[0]}"})
    return buttons


def sources_payload(sources: Sequence[Source]) -> List[Dict[str, str]]:
    """Sources as the gateway shows them ("Bron: ..."), with their seed lines."""
    return [{"title": source.title, "ref": source.ref} for source in sources]


def article_payload(article: Article) -> Dict[str, Any]:
    """What the gateway needs beside the text: which article, and its sources."""
    payload: Dict[str, Any] = {"article": article.id, "sources": sources_payload(article.sources)}
    if article.handoff_hint:
        # The gateway shows it on the consultant's intake card.
        payload["handoff_hint"] = article.handoff_hint
    return payload


def send_article(dispatcher: CollectingDispatcher, article: Article, audience: Optional[str]) -> None:
    """The short answer, the next step, the sources and follow-up buttons."""
    text = f"{article.section_for('Kort', audience)}\n\n{article.section_for('Volgende stap', audience)}"
    first = [*flow_button(article), MORE_BUTTON]
    if article.handoff_hint:
        # Where the knowledge says people usually need a person, offer one right away.
        text += "\n\n" + PERSON_OFFER["leerling" if audience == "leerling" else "ouder"]
        first.insert(0, PERSON_BUTTON)
    dispatcher.utter_message(
        text=text,
        buttons=[*first, *related_buttons(article, MAX_BUTTONS - len(first))],
        json_message=article_payload(article),
    )


class ActionAnswerArticle(Action):
    def name(self) -> str:
        return "action_answer_article"

    def run(
        self,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: Dict[str, Any],
    ) -> List[Dict[str, Any]]:
        intent = tracker.get_intent_of_latest_message(skip_fallback_intent=False)
        article = knowledge_base.for_intent(intent)
        if article is None:
            # A model that knows an intent the knowledge base does not: the
            # validation tests catch this; at run time fail softly.
            logger.warning("no article for intent %s", intent)
            dispatcher.utter_message(response="utter_default")
            return []

        events: List[Dict[str, Any]] = [SlotSet("last_article", article.id)]
        audience = tracker.get_slot("audience")
        inferred = None
        if audience is None:
            inferred = infer_audience(tracker.latest_message.get("text") or "")
            if inferred:
                audience = inferred
                events.append(SlotSet("audience", inferred))
        send_article(dispatcher, article, audience)

        if inferred == "leerling":
            dispatcher.utter_message(response="utter_audience_inferred_leerling")
        elif audience is None and "leerling" in article.audiences and not tracker.get_slot("audience_asked"):
            dispatcher.utter_message(response="utter_audience_offer_leerling")
            events.append(SlotSet("audience_asked", True))
        return events
