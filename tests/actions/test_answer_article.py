"""action_answer_article: the right article, in the user's words, with sources and follow-ups."""

from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.answer_article import ActionAnswerArticle
from tests.actions.factories import tracker


def _run(t):
    dispatcher = CollectingDispatcher()
    events = ActionAnswerArticle().run(dispatcher, t, {})
    return dispatcher.messages, events


def test_real_term_article_answers_with_its_sources():
    [message], events = _run(tracker(intent="zorgplicht_termijn"))
    assert "6 weken" in message["text"]
    assert "4 weken" in message["text"]
    assert message["custom"]["sources"][0]["ref"].startswith("002_1017caeb53e816e6.txt")
    assert SlotSet("last_article", "zorgplicht-termijn") in events


def test_more_and_related_articles_become_buttons(knowledge):
    messages, _ = _run(tracker(intent="leerling_hoorrecht", slots={"audience": "ouder"}))
    assert messages[0]["buttons"] == [
        {"title": "Meer weten", "payload": "/article_more"},
        {"title": "Vraag opp-uitleg?", "payload": "/opp_uitleg"},
    ]


def test_parent_gets_parent_words(knowledge):
    messages, _ = _run(tracker(intent="leerling_hoorrecht", slots={"audience": "ouder"}))
    assert messages[0]["text"] == "Ouderuitleg hoorrecht.\n\nOudervervolg hoorrecht."
    assert len(messages) == 1


def test_pupil_gets_pupil_words(knowledge):
    messages, _ = _run(tracker(intent="leerling_hoorrecht", slots={"audience": "leerling"}))
    assert messages[0]["text"] == "Leerlinguitleg hoorrecht.\n\nLeerlingvervolg hoorrecht."


def test_article_without_pupil_version_falls_back_to_main_text(knowledge):
    messages, _ = _run(tracker(intent="opp_uitleg", slots={"audience": "leerling"}))
    assert messages[0]["text"].startswith("Ouderuitleg opp-uitleg.")


def test_pupil_is_inferred_from_the_message_and_may_correct_it(knowledge):
    messages, events = _run(
        tracker(
            "mag ik zelf iets zeggen over mijn plan? mijn mentor zegt van niet", intent="leerling_hoorrecht"
        )
    )
    assert messages[0]["text"].startswith("Leerlinguitleg")
    assert messages[1]["response"] == "utter_audience_inferred_leerling"
    assert SlotSet("audience", "leerling") in events


def test_parent_is_inferred_silently(knowledge):
    messages, events = _run(tracker("mag mijn dochter meepraten over haar plan", intent="leerling_hoorrecht"))
    assert messages[0]["text"].startswith("Ouderuitleg")
    assert len(messages) == 1
    assert SlotSet("audience", "ouder") in events


def test_unknown_audience_is_asked_once_when_a_pupil_version_exists(knowledge):
    messages, events = _run(tracker("hoe zit het met hoorrecht", intent="leerling_hoorrecht"))
    assert messages[1]["response"] == "utter_audience_offer_leerling"
    assert SlotSet("audience_asked", True) in events
    messages, _ = _run(
        tracker("hoe zit het met hoorrecht", intent="leerling_hoorrecht", slots={"audience_asked": True})
    )
    assert len(messages) == 1


def test_unknown_intent_falls_back_to_rephrase_prompt():
    messages, events = _run(tracker(intent="no_such_intent"))
    assert [m["response"] for m in messages] == ["utter_default"]
    assert events == []
