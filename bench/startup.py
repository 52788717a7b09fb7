"""Start-up and training time, from a fresh clone of this repository.

    .venv/web/bin/python bench/startup.py [--record]

Clones HEAD into a temporary folder and times, as a newcomer would see it:
1. a cold `make run` (set up both environments, build the spaCy pipeline,
   train, start, until the URL is printed), then Ctrl-C;
2. a warm `make run` in the same clone (everything built and trained);
3. a full retraining from scratch (`scripts/train.sh --force`, no cache);
4. a retraining after one intent got one more example: `scripts/train.sh`
   (Rasa's component cache and our E5 embedding cache reuse what did not
   change), and Rasa's fine-tuning of the previous model (`rasa train
   --finetune --epoch-fraction 0.2`) after one more example.
pip's download cache is whatever this machine has; the report says so.
"""

from __future__ import annotations

import argparse
import itertools
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "scripts"), str(ROOT / "bench")]
from report import publish  # noqa: E402
from services import free_ports  # noqa: E402


def _time_make_run(clone: Path, env: dict[str, str]) -> tuple[float, list[tuple[float, str]]]:
    """Seconds until `make run` prints the URL, and when each setup step began."""
    started = time.monotonic()
    process = subprocess.Popen(
        ["make", "run"],
        cwd=clone,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    steps: list[tuple[float, str]] = []
    try:
        for line in process.stdout:
            elapsed = time.monotonic() - started
            plain = line.strip().replace("\x1b[1m", "").replace("\x1b[0m", "")
            if plain.startswith("==> ") or plain.startswith("Starting the action server"):
                steps.append((elapsed, plain.removeprefix("==> ").split(" (")[0]))
            if "Wegwijzer is running" in line:
                return elapsed, steps
        raise RuntimeError(f"make run exited with {process.wait()} before printing the URL")
    finally:
        # What Ctrl-C does in a terminal: SIGINT to the whole foreground group.
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGINT)
        process.wait(60)


# Rasa's fine-tuning, in the Rasa environment with scripts/env.sh's settings.
FINETUNE = (
    'source scripts/env.sh && "$RASA_VENV/bin/rasa" train --config bot/config.yml --domain bot/domain '
    "--data data --out models --fixed-model-name wegwijzer "
    "--finetune models/wegwijzer.tar.gz --epoch-fraction 0.2"
)


def _add_example(clone: Path, text: str) -> None:
    """One more training example for the first intent of data/nlu/zorgplicht.yml."""
    path = clone / "data" / "nlu" / "zorgplicht.yml"
    lines = path.read_text(encoding="utf-8").splitlines()
    first = next(i for i, line in enumerate(lines) if line.strip() == "examples: |")
    indent = lines[first + 1][: len(lines[first + 1]) - len(lines[first + 1].lstrip())]
    lines.insert(first + 1, f"{indent}- {text}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _timed(command: list[str], clone: Path, env: dict[str, str]) -> str:
    """Seconds a command took, or why it failed."""
    started = time.monotonic()
    done = subprocess.run(
        command, cwd=clone, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    if done.returncode:
        return "failed: " + (done.stdout.strip().splitlines() or ["?"])[-1][:120]
    return f"{time.monotonic() - started:.0f} s"


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--record", action="store_true", help="append the table to bench/RESULTS.md")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        clone = Path(tmp) / "wegwijzer"
        subprocess.run(["git", "clone", "--quiet", str(ROOT), str(clone)], check=True)
        port, rasa_port, actions_port = free_ports(3)
        env = {
            **os.environ,
            "WEGWIJZER_PORT": str(port),
            "WEGWIJZER_RASA_PORT": str(rasa_port),
            "WEGWIJZER_ACTIONS_PORT": str(actions_port),
        }
        cold, steps = _time_make_run(clone, env)
        warm, _ = _time_make_run(clone, env)
        training = _timed(["scripts/train.sh", "--force"], clone, env)
        _add_example(clone, "hoeveel tijd heeft de school nou eigenlijk om te beslissen")
        incremental = _timed(["scripts/train.sh"], clone, env)
        _add_example(clone, "binnen hoeveel weken moet ik horen of mijn kind welkom is")
        finetune = _timed(["bash", "-c", FINETUNE], clone, env)

    rows = [f"| cold `make run`, fresh clone, until the URL | {cold:.0f} s |"]
    boundaries = [*steps, (cold, "")]
    for (at, name), (until, _) in itertools.pairwise(boundaries):
        rows.append(f"| &nbsp;&nbsp;{name} | {until - at:.0f} s |")
    rows += [
        f"| warm `make run` (built and trained), until the URL | {warm:.0f} s |",
        f"| full training from scratch (`scripts/train.sh --force`) | {training} |",
        f"| retraining after one intent got one more example (`scripts/train.sh`, caches) | {incremental} |",
        f"| fine-tuning after one more example (`rasa train --finetune --epoch-fraction 0.2`) | {finetune} |",
    ]
    body = [
        "pip's download cache: warm (packages come from the local cache, not the network).",
        "",
        "| step | time |",
        "|---|---|",
        *rows,
    ]
    publish("Start-up and training", ".venv/web/bin/python", body, args.record)
    return 0


if __name__ == "__main__":
    sys.exit(main())
