"""Hoorrecht, "Mijn stem in mijn plan": the pupil's own list, shared with the
steunpunt only after an explicit yes."""

from datetime import date
from typing import Any, Dict

from rasa_sdk.executor import CollectingDispatcher

from actions.flow_definitions import Flow
from actions.flow_result import FlowResultAction, article_step, explain
from actions.flow_summary import Summary

AUDIENCE = "leerling"


class ActionHoorrechtResult(FlowResultAction):
    flow_id = "hoorrecht"

    def respond(
        self, flow: Flow, answers: Dict[str, Any], dispatcher: CollectingDispatcher, today: date
    ) -> Summary:
        shared = answers["hr_delen"] == "ja"
        dispatcher.utter_message(text=flow.text("shared" if shared else "not_shared"))
        explain(dispatcher, "leerling-hoorrecht", AUDIENCE, sections=("Kort",))
        return Summary(
            flow, answers, next_steps=[article_step("leerling-opp-gesprek", AUDIENCE)], shared=shared
        )
