"""action_answer_more: the detail of the article answered last."""

from rasa_sdk.executor import CollectingDispatcher

from actions.more_info import ActionAnswerMore
from tests.actions.factories import tracker


def _run(slots):
    dispatcher = CollectingDispatcher()
    ActionAnswerMore().run(dispatcher, tracker(intent="article_more", slots=slots), {})
    return dispatcher.messages


def test_shows_the_detail_section_with_sources(knowledge):
    [message] = _run({"last_article": "hoorrecht"})
    assert message["text"] == "Meer over hoorrecht."
    assert message["custom"]["sources"] == [
        {"title": "Bron hoorrecht", "ref": "002_1017caeb53e816e6.txt r.1"}
    ]
    assert message["buttons"] == [{"title": "Vraag opp-uitleg?", "payload": "/opp_uitleg"}]


def test_without_an_earlier_answer_asks_what_about(knowledge):
    [message] = _run({})
    assert message["response"] == "utter_more_without_topic"
