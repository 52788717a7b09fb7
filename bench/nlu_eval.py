"""Score a Rasa model's intent classification on the held-out set in tests/nlu.

Shared by the accuracy test (tests/e2e) and the benchmarks: one definition
of the numbers we publish.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
FALLBACK = "nlu_fallback"


@dataclass(frozen=True)
class Example:
    text: str
    intent: str
    topic: str  # the file stem in tests/nlu


@dataclass
class Prediction:
    example: Example
    top: str  # best intent other than nlu_fallback
    fallback: bool  # the FallbackClassifier fired


def load_examples(folder: Path = ROOT / "tests" / "nlu") -> list[Example]:
    examples = []
    for path in sorted(folder.glob("*.yml")):
        for block in yaml.safe_load(path.read_text(encoding="utf-8")).get("nlu", []):
            for line in block.get("examples", "").splitlines():
                text = line.strip().removeprefix("- ").strip()
                if text:
                    examples.append(Example(text, block["intent"], path.stem))
    return examples


def held_out_texts(*topics: str) -> list[str]:
    """The held-out texts of these files in tests/nlu, file by file in the order given."""
    by_topic: dict[str, list[str]] = defaultdict(list)
    for example in load_examples():
        by_topic[example.topic].append(example.text)
    return [text for topic in topics for text in by_topic[topic]]


def load_off_topic(path: Path = ROOT / "tests" / "oos" / "messages.txt") -> list[str]:
    """Messages that must never get a factual answer."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line for line in lines if line.strip() and not line.startswith("#")]


def flow_siblings(root: Path = ROOT / "knowledge") -> set[tuple[str, str]]:
    """(article intent, flow start intent) pairs, both ways round, for every
    article that offers a guided flow (`flow:` in its front matter).

    The article's answer offers the flow first; the flow opens with a
    one-click button to the article the question was most likely about. So
    either answer serves a question about that need.
    """
    from actions.knowledge import KnowledgeBase

    pairs = set()
    for article in KnowledgeBase(root).articles():
        for intent in article.intents if article.flow else ():
            pairs |= {(intent, f"flow_{article.flow}"), (f"flow_{article.flow}", intent)}
    return pairs


def off_topic_answered(parse: Callable[[str], dict]) -> list[str]:
    """The off-topic messages that would get a factual article as their answer."""
    from actions.knowledge import KnowledgeBase

    factual = {i for article in KnowledgeBase(ROOT / "knowledge").articles() for i in article.intents}
    return [text for text in load_off_topic() if parse(text)["intent"]["name"] in factual]


def model_parser(model: Path) -> Callable[[str], dict]:
    """Parses texts with a trained model in this process (the Rasa environment)."""
    import asyncio

    from rasa.core.agent import Agent

    agent, loop = Agent.load(str(model)), asyncio.new_event_loop()
    return lambda text: loop.run_until_complete(agent.parse_message(text))


def predict(examples: Iterable[Example], parse: Callable[[str], dict]) -> list[Prediction]:
    """`parse` returns Rasa's /model/parse result for a text."""
    predictions = []
    for example in examples:
        result = parse(example.text)
        ranking = [r["name"] for r in result.get("intent_ranking", []) if r["name"] != FALLBACK]
        fallback = result["intent"]["name"] == FALLBACK
        predictions.append(Prediction(example, ranking[0] if ranking else FALLBACK, fallback))
    return predictions


@dataclass
class Score:
    predictions: list[Prediction]
    accuracy: float = 0.0
    # Top-1 counting a flow and the article it explains with as the same need.
    served: float = 0.0
    answered_correctly: float = 0.0
    fallback_rate: float = 0.0
    macro_f1: float = 0.0
    per_topic: dict[str, float] = field(default_factory=dict)
    confusions: list[tuple[str, str, int]] = field(default_factory=list)

    @classmethod
    def of(cls, predictions: list[Prediction], siblings: set[tuple[str, str]] | None = None) -> Score:
        n = len(predictions)
        score = cls(predictions)
        score.accuracy = sum(p.top == p.example.intent for p in predictions) / n
        siblings = siblings or set()
        score.served = (
            sum(p.top == p.example.intent or (p.example.intent, p.top) in siblings for p in predictions) / n
        )
        score.answered_correctly = sum(p.top == p.example.intent and not p.fallback for p in predictions) / n
        score.fallback_rate = sum(p.fallback for p in predictions) / n
        by_topic: dict[str, list[bool]] = defaultdict(list)
        for p in predictions:
            by_topic[p.example.topic].append(p.top == p.example.intent)
        score.per_topic = {t: sum(hits) / len(hits) for t, hits in sorted(by_topic.items())}
        score.macro_f1 = _macro_f1(predictions)
        wrong = Counter((p.example.intent, p.top) for p in predictions if p.top != p.example.intent)
        score.confusions = [(gold, got, count) for (gold, got), count in wrong.most_common()]
        return score


def _macro_f1(predictions: list[Prediction]) -> float:
    intents = {p.example.intent for p in predictions}
    f1s = []
    for intent in intents:
        tp = sum(p.top == intent and p.example.intent == intent for p in predictions)
        fp = sum(p.top == intent and p.example.intent != intent for p in predictions)
        fn = sum(p.top != intent and p.example.intent == intent for p in predictions)
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        f1s.append(2 * precision * recall / (precision + recall) if precision + recall else 0.0)
    return sum(f1s) / len(f1s)
