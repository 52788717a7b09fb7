"""What one turn's tracker save and load cost in Rasa's SQLite tracker store: with
Rasa's own SQLite settings, with bot/tracker_sqlite.py's, and with those and the
prebuilt queries of bot/tracker_queries.py (what the Rasa server runs).

    .venv/rasa/bin/python bench/tracker_store.py [--record]

Each variant runs in its own process (the settings are installed process-wide):
40 conversations of 10 turns; after every turn the tracker is saved and loaded
again, as the Rasa server does. The variants take turns over several rounds, so
this machine's drift falls on both. Runs in the Rasa environment.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]
from report import percentiles, publish  # noqa: E402

VARIANTS = {
    "rasa": "Rasa's defaults (rollback journal, full sync, a connection per session)",
    "sqlite": "bot/tracker_sqlite.py (WAL, synchronous=normal, one pooled connection)",
    "queries": "the same and bot/tracker_queries.py (queries built once, no ORM objects)",
}
CONVERSATIONS, TURNS, ROUNDS = 40, 10, 5


async def _turns(folder: Path) -> list[float]:
    from rasa.core.tracker_store import SQLTrackerStore
    from rasa.shared.core.domain import Domain
    from rasa.shared.core.events import ActionExecuted, BotUttered, UserUttered
    from rasa.shared.core.trackers import DialogueStateTracker

    store = SQLTrackerStore(Domain.empty(), dialect="sqlite", db=str(folder / "tracker.db"))
    times = []
    for conversation in range(CONVERSATIONS):
        tracker = DialogueStateTracker.from_events(f"gesprek-{conversation}", [])
        for turn in range(TURNS):
            tracker.update(UserUttered(f"vraag {turn}"))
            tracker.update(ActionExecuted("utter_antwoord"))
            tracker.update(BotUttered("antwoord"))
            started = time.perf_counter()
            await store.save(tracker)
            tracker = await store.retrieve(tracker.sender_id)
            times.append((time.perf_counter() - started) * 1000)
    return times


def _measure(variant: str) -> None:
    logging.disable(logging.WARNING)
    if variant in ("sqlite", "queries"):
        from bot import tracker_sqlite

        tracker_sqlite.install()
    if variant == "queries":
        from bot import tracker_forget, tracker_queries

        tracker_queries.install()
        tracker_forget.install()
    with tempfile.TemporaryDirectory() as folder:
        print(" ".join(f"{t:.3f}" for t in asyncio.run(_turns(Path(folder)))))


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--record", action="store_true", help="append the results to bench/RESULTS.md")
    parser.add_argument("--variant", choices=VARIANTS, help=argparse.SUPPRESS)  # one child process
    args = parser.parse_args()
    if args.variant:
        _measure(args.variant)
        return 0

    times: dict[str, list[float]] = {variant: [] for variant in VARIANTS}
    for _ in range(ROUNDS):
        for variant in VARIANTS:
            out = subprocess.run(
                [sys.executable, __file__, "--variant", variant], capture_output=True, text=True, check=True
            ).stdout.split()
            times[variant] += [float(t) for t in out]
    rows = []
    for variant, description in VARIANTS.items():
        p50, p95, p99 = percentiles(times[variant])
        rows.append(f"| {description} | {p50:.1f} / {p95:.1f} / {p99:.1f} |")
    body = [
        f"{CONVERSATIONS} conversations x {TURNS} turns per variant and round, {ROUNDS} rounds; "
        "per turn the tracker is saved and loaded again.",
        "",
        "| tracker store | save + load p50 / p95 / p99 ms |",
        "|---|---|",
        *rows,
    ]
    publish("Rasa's SQLite tracker store", ".venv/rasa/bin/python", body, args.record)
    return 0


if __name__ == "__main__":
    sys.exit(main())
