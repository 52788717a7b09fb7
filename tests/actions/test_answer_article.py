"""action_answer_article, run with rasa_sdk only (no Rasa server)."""

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.answer_article import ActionAnswerArticle


def _tracker(intent: str) -> Tracker:
    return Tracker(
        sender_id="test",
        slots={},
        latest_message={"text": "...", "intent": {"name": intent, "confidence": 0.9}},
        events=[],
        paused=False,
        followup_action=None,
        active_loop={},
        latest_action_name="action_listen",
    )


def test_answers_with_article_text_and_sources():
    dispatcher = CollectingDispatcher()
    events = ActionAnswerArticle().run(dispatcher, _tracker("zorgplicht_termijn"), {})
    assert events == []
    [message] = dispatcher.messages
    assert "6 weken" in message["text"]
    assert "4 weken" in message["text"]
    sources = message["custom"]["sources"]
    assert sources
    assert sources[0]["ref"].startswith("002_1017caeb53e816e6.txt")


def test_unknown_intent_falls_back_to_rephrase_prompt():
    dispatcher = CollectingDispatcher()
    ActionAnswerArticle().run(dispatcher, _tracker("no_such_intent"), {})
    assert [m["response"] for m in dispatcher.messages] == ["utter_default"]
