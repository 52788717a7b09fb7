"""bot/nlu_components.py E5IntentClassifier: an intent's score is the mean
similarity of its k nearest training examples."""

import numpy as np
import pytest
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

import bot.nlu_components as components
from bot.nlu_components import E5IntentClassifier


def _unit(angle: float) -> list[float]:
    return [np.cos(angle), np.sin(angle)]


@pytest.fixture
def classifier(monkeypatch):
    # The message embeds to (1, 0): similarity to an example is cos(angle).
    monkeypatch.setattr(components, "_embed", lambda texts: np.array([[1.0, 0.0]]))
    examples = {"aanmelden": [0.3, 1.4, 0.5], "opp": [0.4], "tlv": [1.5, 1.2, 0.9, 0.2]}
    labels = [intent for intent, angles in examples.items() for _ in angles]
    embeddings = np.array([_unit(a) for angles in examples.values() for a in angles], dtype=np.float32)
    return E5IntentClassifier({"k": 2, "temperature": 0.05}, None, None, embeddings, labels)


def test_scores_are_the_mean_of_the_k_best_examples(classifier):
    confidences = classifier._confidences("hoe meld ik aan")
    scores = {"aanmelden": (np.cos(0.3) + np.cos(0.5)) / 2, "opp": np.cos(0.4),
              "tlv": (np.cos(0.2) + np.cos(0.9)) / 2}  # fmt: skip
    weights = {i: np.exp((s - max(scores.values())) / 0.05) for i, s in scores.items()}
    total = sum(weights.values())
    assert list(confidences) == ["aanmelden", "opp", "tlv"]
    for intent, weight in weights.items():
        assert confidences[intent] == pytest.approx(weight / total)


def test_an_intent_with_fewer_than_k_examples_uses_what_it_has(classifier):
    confidences = classifier._confidences("opp")
    # opp's one example (0.4) beats aanmelden's mean of 0.3 and 0.5 (cos is concave).
    assert confidences["opp"] > confidences["aanmelden"] > confidences["tlv"]


def test_a_long_message_is_embedded_by_its_opening_and_its_end():
    words = [f"w{i}" for i in range(200)]
    assert components.head_and_tail(" ".join(words)).split() == words[:40] + words[-40:]
    assert components.head_and_tail("een korte vraag") == "een korte vraag"


def _message_ranked_by_earlier(top: float) -> Message:
    """A message the earlier classifier ranked: "tlv" first at `top`, then eleven others."""
    rest = (1 - top) / 11
    ranking = [{"name": "tlv", "confidence": top}] + [
        {"name": f"intent_{i}", "confidence": rest} for i in range(11)
    ]
    message = Message(data={TEXT: "mag de school mijn kind weigeren"})
    message.set(INTENT, ranking[0])
    message.set(INTENT_RANKING_KEY, ranking)
    return message


def _trusting(classifier: E5IntentClassifier, trust: float | None) -> E5IntentClassifier:
    config = {"k": 2, "temperature": 0.05, "earlier_weight": 0.5, "trust_earlier_at": trust}
    return E5IntentClassifier(config, None, None, classifier._embeddings, classifier._labels)


def test_a_sure_earlier_classifier_stands_and_e5_is_not_run(classifier, monkeypatch):
    monkeypatch.setattr(components, "_embed", lambda texts: pytest.fail("E5 ran"))
    [message] = _trusting(classifier, 0.9).process([_message_ranked_by_earlier(0.93)])
    assert message.get(INTENT)["name"] == "tlv"
    assert [r["name"] for r in message.get(INTENT_RANKING_KEY)] == ["tlv"] + [f"intent_{i}" for i in range(9)]


@pytest.mark.parametrize(("trust", "top"), [(0.9, 0.89), (None, 0.99)])
def test_below_the_threshold_or_without_one_e5_is_averaged_in(classifier, trust, top):
    # E5 puts "aanmelden" first (the message embeds nearest its examples).
    [message] = _trusting(classifier, trust).process([_message_ranked_by_earlier(top)])
    ranking = {r["name"]: r["confidence"] for r in message.get(INTENT_RANKING_KEY)}
    e5 = classifier._confidences("")
    assert ranking["tlv"] == pytest.approx(0.5 * e5["tlv"] + 0.5 * top)
    assert ranking["aanmelden"] == pytest.approx(0.5 * e5["aanmelden"])
