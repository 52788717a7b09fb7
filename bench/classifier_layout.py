"""NLU cost per message with the logistic regression's weights column-major
(bot/logistic_regression.py) and row-major (as scikit-learn leaves them), on the
trained model, alternating in one process so this machine's drift falls on both.

    .venv/rasa/bin/python bench/classifier_layout.py [--messages 150] [--rounds 3] [--record]

Parses held-out FAQ questions (tests/nlu) with Rasa's own parse_message and
reports the CPU time per message of the whole NLU pipeline. Runs in the Rasa
environment.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import statistics
import sys
import time
from pathlib import Path

import numpy as np
from rasa.core.agent import Agent

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]
from nlu_eval import held_out_texts  # noqa: E402
from report import publish  # noqa: E402

FAQ_FILES = ("zorgplicht", "opp", "tlv", "escalatieladder", "thuiszitten", "ondersteuning")


async def _cpu_ms_per_message(agent: Agent, texts: list[str]) -> float:
    spent = []
    for text in texts:
        started = time.thread_time()
        await agent.parse_message(text)
        spent.append((time.thread_time() - started) * 1000)
    return statistics.mean(spent)


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--messages", type=int, default=150)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--record", action="store_true", help="append the results to bench/RESULTS.md")
    args = parser.parse_args()
    logging.disable(logging.WARNING)
    agent = Agent.load(str(ROOT / "models" / "wegwijzer.tar.gz"))
    [classifier] = [
        node._component
        for node in agent.processor.graph_runner._instantiated_nodes.values()
        if hasattr(getattr(node, "_component", None), "clf")
    ]
    layouts = {
        "column-major (bot/logistic_regression.py)": np.asfortranarray(classifier.clf.coef_),
        "row-major (scikit-learn's, Rasa's classifier)": np.ascontiguousarray(classifier.clf.coef_),
    }
    texts = held_out_texts(*FAQ_FILES)[: args.messages]
    asyncio.run(_cpu_ms_per_message(agent, texts[:10]))  # warm-up
    results: dict[str, list[float]] = {name: [] for name in layouts}
    for _ in range(args.rounds):
        for name, weights in layouts.items():
            classifier.clf.coef_ = weights
            results[name].append(asyncio.run(_cpu_ms_per_message(agent, texts)))
    shape = " x ".join(str(n) for n in classifier.clf.coef_.shape)
    body = [
        f"{len(texts)} held-out FAQ questions per round, {args.rounds} alternating rounds; weights {shape} "
        "(intents x features). CPU ms per message for the whole NLU pipeline (parse_message).",
        "",
        "| weights | per round | mean |",
        "|---|---|---|",
        *(
            f"| {name} | {' / '.join(f'{v:.1f}' for v in values)} | {statistics.mean(values):.1f} |"
            for name, values in results.items()
        ),
    ]
    publish("Logistic regression's weight layout", ".venv/rasa/bin/python", body, args.record)
    return 0


if __name__ == "__main__":
    sys.exit(main())
