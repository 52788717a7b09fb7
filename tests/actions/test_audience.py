"""Guessing the audience from a message, and the user setting it."""

import pytest
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.audience import infer_audience
from actions.set_audience import ActionSetAudience
from tests.actions.factories import tracker


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Mijn zoon van 9 heeft autisme en de school wil hem niet", "ouder"),
        ("onze dochter zit al 3 weken thuis", "ouder"),
        ("mag ik zelf zeggen wat ik vind? mn mentor luistert nooit", None),
        ("mag ik zelf zeggen wat ik vind? m'n mentor luistert nooit", "leerling"),
        ("ik zit in groep 8 en ik wil niet naar het sbo", "leerling"),
        ("ik ben 14 en word gepest", "leerling"),
        ("mijn ouders willen dat ik naar een andere school ga", "leerling"),
        ("wat is een opp", None),
        ("mijn zoon zegt dat zijn juf hem negeert", "ouder"),
        ("ik ben 45 en mijn kind heeft adhd", "ouder"),
    ],
)
def test_infer_audience(text, expected):
    assert infer_audience(text) == expected


def test_pupil_choice_repeats_the_last_answer_in_pupil_words(knowledge):
    dispatcher = CollectingDispatcher()
    events = ActionSetAudience().run(
        dispatcher, tracker(intent="audience_leerling", slots={"last_article": "hoorrecht"}), {}
    )
    assert dispatcher.messages[0]["response"] == "utter_audience_leerling"
    assert dispatcher.messages[1]["text"].startswith("Leerlinguitleg hoorrecht.")
    assert SlotSet("audience", "leerling") in events


def test_parent_choice_does_not_repeat(knowledge):
    dispatcher = CollectingDispatcher()
    ActionSetAudience().run(
        dispatcher, tracker(intent="audience_ouder", slots={"last_article": "hoorrecht"}), {}
    )
    assert [m["response"] for m in dispatcher.messages] == ["utter_audience_ouder"]
