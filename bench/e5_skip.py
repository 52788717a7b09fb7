"""How often could the Rasa server skip the E5 embedding when the n-gram
classifier is already sure, and at what cost in top-1? E5 was about half of the
server's busy time (bench/hotspots.py); bot/config.yml's trust_earlier_at is the
threshold chosen (check one with the variants in bench/pipelines/).

    .venv/rasa/bin/python bench/e5_skip.py [--model models/wegwijzer.tar.gz] [--record]

Parses every held-out question (tests/nlu) with the trained model, noting the
n-gram classifier's ranking just before E5 averages it in, and reports for
several thresholds how often E5 would be skipped and the top-1 accuracy if the
n-gram classifier's answer were kept whenever its confidence reaches the
threshold. The model's own threshold is switched off, so E5 sees every question.
Top-1 only: fallback and off-topic behaviour need a real variant.
Runs in the Rasa environment (it loads the model in-process).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
os.environ.update(
    {"RASA_TELEMETRY_ENABLED": "false", "TF_CPP_MIN_LOG_LEVEL": "3", "PYTHONWARNINGS": "ignore"}
)
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

from nlu_eval import load_examples, model_parser, predict  # noqa: E402
from rasa.shared.nlu.constants import INTENT_RANKING_KEY, TEXT  # noqa: E402
from report import publish  # noqa: E402

import bot.nlu_components as components  # noqa: E402

THRESHOLDS = (0.5, 0.6, 0.7, 0.8, 0.9, 0.95)


def _parse_all(model: Path) -> list[tuple[str, str, float, str]]:
    """(expected, n-gram top, its confidence, ensemble top) per held-out question."""
    before_e5: dict[str, tuple[str, float]] = {}
    process = components.E5IntentClassifier.process

    def noting(self: components.E5IntentClassifier, messages: list) -> list:
        self._config["trust_earlier_at"] = None
        for message in messages:
            ranking = message.get(INTENT_RANKING_KEY) or [{"name": "", "confidence": 0.0}]
            before_e5[message.get(TEXT)] = (ranking[0]["name"], ranking[0]["confidence"])
        return process(self, messages)

    components.E5IntentClassifier.process = noting
    predictions = predict(load_examples(), model_parser(model))
    return [(p.example.intent, *before_e5[p.example.text], p.top) for p in predictions]


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--model", type=Path, default=ROOT / "models" / "wegwijzer.tar.gz")
    parser.add_argument("--record", action="store_true", help="append the results to bench/RESULTS.md")
    args = parser.parse_args()

    rows = _parse_all(args.model)
    count = len(rows)

    def share(hits: int) -> str:
        return f"{hits / count:.1%}"

    table = [
        f"| never (E5 on every question) | 0% | {share(sum(e == f for e, _, _, f in rows))} |",
        *(
            f"| n-gram confidence ≥ {t} | {share(sum(c >= t for _, _, c, _ in rows))} "
            f"| {share(sum((e == n) if c >= t else (e == f) for e, n, c, f in rows))} |"
            for t in THRESHOLDS
        ),
        f"| always (n-gram classifier alone) | 100% | {share(sum(e == n for e, n, _, _ in rows))} |",
    ]
    body = [
        f"Model: {args.model.name}; {count} held-out questions (tests/nlu). Top-1 only.",
        "",
        "| skip E5 when | questions without E5 | top-1 |",
        "|---|---|---|",
        *table,
    ]
    publish("Skipping E5 when the n-gram classifier is sure", ".venv/rasa/bin/python", body, args.record)
    return 0


if __name__ == "__main__":
    sys.exit(main())
