"""Training data, rules and knowledge fit together."""

import itertools
from pathlib import Path

import yaml

from actions.knowledge import KnowledgeBase
from actions.settings import ROOT


def _yaml_files(folder: str) -> list[dict]:
    return [yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted((ROOT / folder).rglob("*.yml"))]


def _domain_intents() -> set[str]:
    return {i for d in _yaml_files("bot/domain") for i in d.get("intents", [])}


def _intents_answered_by_articles() -> set[str]:
    intents = set()
    for data in _yaml_files("data/rules"):
        for rule in data.get("rules", []):
            steps = rule["steps"]
            for step, following in itertools.pairwise(steps):
                if "intent" in step and following.get("action") == "action_answer_article":
                    intents.add(step["intent"])
    return intents


def test_every_intent_answered_from_knowledge_has_an_article():
    base = KnowledgeBase(ROOT / "knowledge")
    missing = [i for i in _intents_answered_by_articles() if base.for_intent(i) is None]
    assert not missing


def test_every_article_intent_exists_in_the_domain():
    known = _domain_intents()
    for article in KnowledgeBase(ROOT / "knowledge").articles():
        assert set(article.intents) <= known, article.id


def test_every_domain_intent_has_enough_training_examples():
    counts: dict[str, int] = {}
    for data in _yaml_files("data/nlu"):
        for block in data.get("nlu", []):
            if "intent" in block:
                lines = [line for line in block["examples"].splitlines() if line.strip().startswith("- ")]
                counts[block["intent"]] = counts.get(block["intent"], 0) + len(lines)
    for intent in _domain_intents():
        assert counts.get(intent, 0) >= 25, f"{intent}: {counts.get(intent, 0)} examples"


def test_no_file_outside_the_topic_layout():
    # bot/domain/<topic>.yml has data/nlu/<topic>.yml and data/rules/<topic>.yml beside it.
    topics = {p.stem for p in (ROOT / "bot" / "domain").glob("*.yml")}
    for folder in ("data/nlu", "data/rules"):
        assert {p.stem for p in Path(ROOT / folder).glob("*.yml")} <= topics, folder
