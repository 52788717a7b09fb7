"""What every guided flow does when its form is complete: explain from the
articles, state the outcome, and hand over a summary."""

from abc import ABC, abstractmethod
from datetime import date
from typing import Any, Dict, List, Optional, Sequence

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

from actions import clock
from actions.answer_article import article_payload, knowledge_base, sources_payload
from actions.flow_definitions import Flow, flow_book
from actions.flow_summary import Summary, flow_sources
from actions.knowledge import Article
from actions.person import PERSON_PAYLOAD


def _article(article_id: str) -> Article:
    # The flow-file tests check every id; a miss here is a deployment error.
    article = knowledge_base.get(article_id)
    if article is None:
        raise LookupError(f"knowledge/: artikel {article_id} ontbreekt")
    return article


def explain(
    dispatcher: CollectingDispatcher,
    article_id: str,
    audience: Optional[str],
    sections: Sequence[str] = ("Kort", "Volgende stap"),
    buttons: Optional[List[Dict[str, str]]] = None,
) -> None:
    """Sections of an article, with its sources: flows explain only from knowledge/."""
    article = _article(article_id)
    text = "\n\n".join(article.section_for(name, audience) for name in sections)
    dispatcher.utter_message(text=text, buttons=buttons or [], json_message=article_payload(article))


def article_step(article_id: str, audience: Optional[str]) -> str:
    return _article(article_id).section_for("Volgende stap", audience)


def person_button(flow: Flow) -> Dict[str, str]:
    return {"title": flow.text("person_button"), "payload": PERSON_PAYLOAD}


class FlowResultAction(Action, ABC):
    """Runs when a flow's form is done; subclasses build the outcome."""

    @property
    @abstractmethod
    def flow_id(self) -> str: ...

    def name(self) -> str:
        return f"action_{self.flow_id}_result"

    @abstractmethod
    def respond(
        self, flow: Flow, answers: Dict[str, Any], dispatcher: CollectingDispatcher, today: date
    ) -> Summary: ...

    def closing_buttons(self, flow: Flow, summary: Summary) -> List[Dict[str, str]]:
        return []

    def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[str, Any]
    ) -> List[EventType]:
        flow = flow_book.get(self.flow_id)
        answers = {slot: tracker.get_slot(slot) for slot in flow.slots}
        today = clock.today()
        summary = self.respond(flow, answers, dispatcher, today)
        sources = flow_sources(flow)
        dispatcher.utter_message(
            text=flow.text("summary_ready"),
            buttons=self.closing_buttons(flow, summary),
            json_message={
                "sources": sources_payload(sources),
                "summary": summary.as_payload(today, sources),
            },
        )
        return []
