"""action_clarify: 'Bedoel je ...?' for close calls, a person after two misses."""

from rasa_sdk.executor import CollectingDispatcher

from actions.clarify import ActionClarify
from tests.actions.factories import tracker


def _fallback_turn(intent: str = "nlu_fallback") -> dict:
    return {"event": "user", "parse_data": {"intent": {"name": intent}}}


def _run(t):
    dispatcher = CollectingDispatcher()
    ActionClarify().run(dispatcher, t, {})
    return dispatcher.messages


def test_two_close_candidates_become_buttons_plus_something_else(knowledge):
    ranking = [("nlu_fallback", 0.5), ("opp_uitleg", 0.45), ("opp_instemming", 0.4), ("greet", 0.1)]
    [message] = _run(tracker("opp?", ranking=ranking, events=[_fallback_turn()]))
    assert message["response"] == "utter_did_you_mean"
    assert [b["payload"] for b in message["buttons"]] == ["/opp_uitleg", "/opp_instemming", "/clarify_other"]
    assert message["buttons"][0]["title"] == "Vraag opp-uitleg?"


def test_intents_without_article_are_not_offered(knowledge):
    ranking = [("nlu_fallback", 0.5), ("greet", 0.3), ("opp_uitleg", 0.2)]
    [message] = _run(tracker("hoi opp", ranking=ranking, events=[_fallback_turn()]))
    assert [b["payload"] for b in message["buttons"]] == ["/opp_uitleg", "/clarify_other"]


def test_nothing_likely_asks_to_rephrase(knowledge):
    ranking = [("nlu_fallback", 0.6), ("opp_uitleg", 0.05)]
    [message] = _run(tracker("blub", ranking=ranking, events=[_fallback_turn()]))
    assert message["response"] == "utter_default"


def test_second_miss_in_a_row_offers_a_person(knowledge):
    ranking = [("nlu_fallback", 0.5), ("opp_uitleg", 0.45)]
    events = [_fallback_turn(), {"event": "bot"}, _fallback_turn()]
    [message] = _run(tracker("blub", ranking=ranking, events=events))
    assert message["response"] == "utter_offer_person"


def test_an_understood_turn_in_between_resets_the_count(knowledge):
    ranking = [("nlu_fallback", 0.5), ("opp_uitleg", 0.45)]
    events = [_fallback_turn(), _fallback_turn("greet"), _fallback_turn()]
    [message] = _run(tracker("blub", ranking=ranking, events=events))
    assert message["response"] == "utter_did_you_mean"


def test_off_topic_question_says_what_the_bot_can_do(knowledge):
    [message] = _run(
        tracker("weer morgen?", ranking=[("out_of_scope", 0.8)], events=[_fallback_turn("out_of_scope")])
    )
    assert message["response"] == "utter_out_of_scope"


def test_off_topic_after_a_miss_offers_a_person(knowledge):
    events = [_fallback_turn(), _fallback_turn("out_of_scope")]
    [message] = _run(tracker("weer morgen?", ranking=[("out_of_scope", 0.8)], events=events))
    assert message["response"] == "utter_offer_person"
