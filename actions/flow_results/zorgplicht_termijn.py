"""Zorgplicht-termijn: the decision date and where today stands."""

from datetime import date
from typing import Any, Dict

from rasa_sdk.executor import CollectingDispatcher

from actions.decision_term import DecisionTerm
from actions.dutch_dates import format_date
from actions.flow_definitions import Flow, flow_book
from actions.flow_result import FlowResultAction, article_step, explain, person_button
from actions.flow_summary import Summary

AUDIENCE = "ouder"


def position_text(flow: Flow, days_left: int) -> str:
    """ "Dat is nog 12 dagen", "vandaag", or "5 dagen geleden verstreken"."""
    if days_left > 1:
        return flow.text("days_left", dagen=days_left)
    if days_left == 1:
        return flow.text("one_day_left")
    if days_left == 0:
        return flow.text("last_day")
    if days_left == -1:
        return flow.text("passed_yesterday")
    return flow.text("passed", dagen=-days_left)


class ActionZorgplichtTermijnResult(FlowResultAction):
    flow_id = "zorgplicht_termijn"

    def respond(
        self, flow: Flow, answers: Dict[str, Any], dispatcher: CollectingDispatcher, today: date
    ) -> Summary:
        summary = Summary(flow, answers)
        if answers["zt_schriftelijk"] != "ja":
            # No written registration (or unsure): no term runs yet.
            reason = flow.text("not_written" if answers["zt_schriftelijk"] == "nee" else "unsure_written")
            dispatcher.utter_message(text=reason)
            explain(dispatcher, "zorgplicht-aanmelden", AUDIENCE)
            summary.outcome = [reason]
            summary.next_steps = [article_step("zorgplicht-aanmelden", AUDIENCE)]
            return summary

        term = DecisionTerm(
            date.fromisoformat(answers["zt_aanmelddatum"]), extended=answers["zt_verlenging"] == "ja"
        )
        days_left = term.days_left(today)
        lines = [
            flow.text(
                "decision_date",
                beslisdatum=format_date(term.deadline),
                weken=term.weeks,
                aanmelddatum=format_date(term.received),
            ),
            position_text(flow, days_left),
        ]
        if answers["zt_verlenging"] == "onbekend":
            longest = DecisionTerm(term.received, extended=True)
            lines.append(flow.text("extension_unknown", beslisdatum_verlengd=format_date(longest.deadline)))
        dispatcher.utter_message(text="\n\n".join(lines))
        summary.outcome = lines

        if days_left < 0:
            explain(dispatcher, "zorgplicht-termijn-verlopen", AUDIENCE)
            ladder = flow_book.get("escalatieladder").start_button
            dispatcher.utter_message(text=flow.text("passed_ladder"), buttons=[ladder, person_button(flow)])
            summary.next_steps = [
                article_step("zorgplicht-termijn-verlopen", AUDIENCE),
                flow.text("passed_ladder"),
            ]
        else:
            dispatcher.utter_message(text=flow.text("waiting"))
            summary.next_steps = [flow.text("waiting"), article_step("zorgplicht-termijn", AUDIENCE)]
        return summary
