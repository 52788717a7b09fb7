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


def _examples(folder: str) -> dict[str, list[str]]:
    examples: dict[str, list[str]] = {}
    for data in _yaml_files(folder):
        for block in data.get("nlu", []):
            if "intent" in block:
                lines = [line.strip()[2:].strip() for line in block["examples"].splitlines()]
                examples.setdefault(block["intent"], []).extend(line for line in lines if line)
    return examples


def _normalised(text: str) -> str:
    return " ".join("".join(c for c in text.lower() if c.isalnum() or c.isspace()).split())


def test_every_intent_answered_from_knowledge_has_an_article():
    base = KnowledgeBase(ROOT / "knowledge")
    missing = [i for i in _intents_answered_by_articles() if base.for_intent(i) is None]
    assert not missing


def test_every_article_intent_exists_in_the_domain():
    known = _domain_intents()
    for article in KnowledgeBase(ROOT / "knowledge").articles():
        assert set(article.intents) <= known, article.id


def test_every_domain_intent_has_enough_training_examples():
    training = _examples("data/nlu")
    for intent in _domain_intents():
        assert len(training.get(intent, [])) >= 25, f"{intent}: {len(training.get(intent, []))} examples"


def test_no_file_outside_the_topic_layout():
    # bot/domain/<topic>.yml has data/nlu/<topic>.yml and data/rules/<topic>.yml beside it.
    topics = {p.stem for p in (ROOT / "bot" / "domain").glob("*.yml")}
    for folder in ("data/nlu", "data/rules"):
        assert {p.stem for p in Path(ROOT / folder).glob("*.yml")} <= topics, folder


def test_every_intent_has_held_out_examples():
    held_out = _examples("tests/nlu")
    for intent in _domain_intents():
        assert len(held_out.get(intent, [])) >= 6, f"{intent}: fewer than 6 held-out examples in tests/nlu"
    assert set(held_out) <= _domain_intents()


def test_held_out_examples_are_not_in_the_training_data():
    training = {_normalised(t) for texts in _examples("data/nlu").values() for t in texts}
    leaked = [t for texts in _examples("tests/nlu").values() for t in texts if _normalised(t) in training]
    assert not leaked


def test_every_button_in_the_domain_leads_to_a_known_intent():
    known = _domain_intents()
    for domain in _yaml_files("bot/domain"):
        for name, variants in (domain.get("responses") or {}).items():
            for variant in variants:
                for button in variant.get("buttons", []):
                    intent = button["payload"].lstrip("/").split("{")[0]
                    assert intent in known, f"{name}: {button['payload']}"
