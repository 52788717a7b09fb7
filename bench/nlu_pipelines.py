"""Compare NLU pipeline variants on the same data, in one run.

    .venv/rasa/bin/python bench/nlu_pipelines.py [--record] [--only NAME ...]
    .venv/rasa/bin/python bench/nlu_pipelines.py --model models/wegwijzer.tar.gz [--record]

Trains an NLU model from data/nlu for the product pipeline (bot/config.yml)
and every variant in bench/pipelines/, then scores each on the held-out
examples (tests/nlu) and the off-topic set (tests/oos/messages.txt): top-1
accuracy, macro-F1, fallback rate, the share of off-topic messages that would
get a factual answer, training time and model size. With --model it scores
that trained model as it is, without training anything.
Runs in the Rasa environment (it loads the models in-process).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
QUIET = {
    "RASA_TELEMETRY_ENABLED": "false",
    "TF_CPP_MIN_LOG_LEVEL": "3",
    "LOG_LEVEL_LIBRARIES": "ERROR",
    "PYTHONWARNINGS": "ignore",
    "SQLALCHEMY_SILENCE_UBER_WARNING": "1",
}
os.environ.update(QUIET)
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

import yaml  # noqa: E402
from nlu_eval import (  # noqa: E402
    Score,
    flow_siblings,
    load_examples,
    load_off_topic,
    model_parser,
    off_topic_answered,
    predict,
)
from report import publish  # noqa: E402


def _pipeline(variant: dict, product: list) -> list:
    """A variant names its whole pipeline, or only what differs from the product's:
    `product_with: {ComponentName: {setting: value}}`; a different `name` there
    replaces that component (with only the settings given)."""
    if "pipeline" in variant:
        return variant["pipeline"]
    changes = variant["product_with"]
    unknown = set(changes) - {component["name"] for component in product}
    if unknown:
        raise SystemExit(f"product_with names components the product does not have: {sorted(unknown)}")

    def changed(component: dict) -> dict:
        change = changes.get(component["name"], {})
        return (
            change if change.get("name", component["name"]) != component["name"] else {**component, **change}
        )

    return [changed(component) for component in product]


def _variants(only: list[str]) -> dict[str, list]:
    product = yaml.safe_load((ROOT / "bot" / "config.yml").read_text())["pipeline"]
    variants = {"product (bot/config.yml)": product}
    for path in sorted((ROOT / "bench" / "pipelines").glob("*.yml")):
        variants[path.stem] = _pipeline(yaml.safe_load(path.read_text()), product)
    return {name: p for name, p in variants.items() if not only or any(o in name for o in only)}


def _without_cache(env: os._Environ) -> dict[str, str]:
    return {k: v for k, v in env.items() if k != "WEGWIJZER_E5_CACHE"}


def _train(number: int, pipeline: list, out: Path) -> tuple[Path, float]:
    config = out / f"config-{number}.yml"
    config.write_text(yaml.safe_dump({"recipe": "default.v1", "language": "nl", "pipeline": pipeline}))
    model_name = f"model-{number}"
    started = time.monotonic()
    subprocess.run(
        [
            str(ROOT / ".venv/rasa/bin/rasa"),
            "train",
            "nlu",
            "--config",
            str(config),
            "--nlu",
            "data/nlu",
            "--out",
            str(out),
            "--fixed-model-name",
            model_name,
        ],
        cwd=ROOT,
        # As `make train` in a fresh clone: E5 on every core, no embeddings cached.
        env={
            **_without_cache(os.environ),
            "PYTHONPATH": str(ROOT),
            "WEGWIJZER_E5_THREADS": str(os.cpu_count()),
        },
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    return out / f"{model_name}.tar.gz", time.monotonic() - started


def _evaluate(model: Path) -> tuple[Score, float, float]:
    parse = model_parser(model)
    started = time.monotonic()
    score = Score.of(predict(load_examples(), parse), flow_siblings())
    per_parse_ms = (time.monotonic() - started) * 1000 / len(score.predictions)
    return score, len(off_topic_answered(parse)) / len(load_off_topic()), per_parse_ms


def _row(name: str, model: Path, train_s: float | None, details: list[str]) -> str:
    score, oos_rate, parse_ms = _evaluate(model)
    training = f"{train_s:.0f} s" if train_s is not None else "—"
    row = (
        f"| {name} | {score.accuracy:.1%} | {score.served:.1%} | {score.macro_f1:.3f} "
        f"| {score.answered_correctly:.1%} "
        f"| {score.fallback_rate:.1%} | {oos_rate:.1%} | {min(score.per_topic.values()):.0%} "
        f"| {training} | {model.stat().st_size / 1e6:.1f} MB | {parse_ms:.0f} ms |"
    )
    worst = ", ".join(f"{g} → {p} ({n})" for g, p, n in score.confusions[:8])
    weakest = sorted(score.per_topic.items(), key=lambda x: x[1])[:3]
    details.append(
        f"- **{name}**: weakest topics "
        + ", ".join(f"{t} {a:.0%}" for t, a in weakest)
        + f"; most confused: {worst or 'none'}"
    )
    print(row, flush=True)
    return row


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--record", action="store_true", help="append the results to bench/RESULTS.md")
    parser.add_argument("--only", nargs="*", default=[], help="variants whose name contains one of these")
    parser.add_argument("--model", type=Path, help="score this trained model instead of training variants")
    args = parser.parse_args()

    rows, details = [], []
    with tempfile.TemporaryDirectory() as tmp:
        for number, (name, pipeline) in enumerate(_variants(args.only).items() if not args.model else []):
            print(f"training {name} ...", flush=True)
            model, train_s = _train(number, pipeline, Path(tmp))
            rows.append(_row(name, model, train_s, details))
        if args.model:
            rows.append(_row(f"trained model {args.model}", args.model, None, details))

    body = [
        f"Held-out: {len(load_examples())} examples in tests/nlu; "
        f"off-topic: {len(load_off_topic())} messages "
        "in tests/oos/messages.txt.",
        "",
        "| pipeline | top-1 | served | macro-F1 | answered correctly | fallback | off-topic answered "
        "| weakest topic | training | model | parse |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
        *rows,
        "",
        "top-1: best intent other than nlu_fallback; served: top-1 right, or the guided flow that the "
        "expected article offers (or the reverse); "
        "answered correctly: top-1 right and no fallback; "
        "off-topic answered: share of off-topic messages that would get a factual article (goal ≤ 5%).",
        "",
        *details,
    ]
    publish("NLU pipelines", ".venv/rasa/bin/python", body, args.record)
    return 0


if __name__ == "__main__":
    sys.exit(main())
