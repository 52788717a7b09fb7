"""How much of what the gateway adds to a turn any HTTP hop in front of Rasa
would add on this machine: the same turns straight to Rasa, through a
forwarder that does nothing else (plain ASGI, and FastAPI with the gateway's
Rasa client; bench/forwarder.py) and through the gateway's public API.

    .venv/web/bin/python bench/hop_floor.py [--rounds 25] [--record]

One conversation at a time, back to back. Each round sends one conversation
of each kind (bench/workload.py: FAQ, school lookup, form steps) to every
target in turn, so this VM's drift falls on all of them; every target gets
the same texts in the same order.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "scripts"), str(ROOT / "bench")]
from report import percentiles, publish  # noqa: E402
from services import WEB_BIN, Service, free_port  # noqa: E402
from workload import KINDS, Target, Texts, bench_stack  # noqa: E402

FORWARDERS = {"plain ASGI forwarder": "bare", "FastAPI forwarder": "fastapi"}


def _forwarder(app: str, port: int, rasa_url: str, token: str, log_dir: Path) -> Service:
    command = [str(WEB_BIN / "python"), "-m", "uvicorn", f"bench.forwarder:{app}",
               "--host", "127.0.0.1", "--port", str(port), "--no-access-log"]  # fmt: skip
    env = {**os.environ, "WEGWIJZER_RASA_URL": rasa_url, "WEGWIJZER_RASA_TOKEN": token}
    return Service(app, command, lambda: _answers(f"http://127.0.0.1:{port}/"), env, log_dir / f"{app}.log")


def _answers(url: str) -> bool:
    """Up when it answers at all: a forwarder has no page of its own, so a 404 will do."""
    try:
        httpx.get(url, timeout=3)
    except httpx.HTTPError:
        return False
    return True


async def _measure(
    urls: dict[str, str], token: str, rounds: int
) -> tuple[dict[str, list[float]], dict[str, list[float]]]:
    """Per target, each turn's ms; and the gateway's Server-Timing parts per turn."""
    clients = {name: httpx.AsyncClient(base_url=url, timeout=60) for name, url in urls.items()}
    targets = {name: Target("gateway" if name == "gateway" else "rasa", client, token)
               for name, client in clients.items()}  # fmt: skip
    texts = {name: Texts() for name in targets}
    spent: dict[str, list[float]] = {name: [] for name in targets}
    parts: dict[str, list[float]] = {"gateway": [], "rasa": []}
    try:
        for _ in range(rounds):
            for kind in KINDS:
                for name, target in targets.items():
                    conversation = await target.open(kind)
                    for text in texts[name].conversation(kind):
                        started = time.perf_counter()
                        if not await target.say(conversation, text):
                            raise RuntimeError(f"{name} did not answer {text!r}")
                        spent[name].append((time.perf_counter() - started) * 1000)
                        for part, ms in target.server_timing.items():
                            parts[part].append(ms)
    finally:
        for client in clients.values():
            await client.aclose()
    return spent, parts


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rounds", type=int, default=25)
    parser.add_argument("--record", action="store_true", help="append the results to bench/RESULTS.md")
    args = parser.parse_args()
    with bench_stack("single") as stack:
        config, token = stack.config, stack.config.token()
        ports = {name: free_port() for name in FORWARDERS}
        forwarders = [_forwarder(app, ports[name], config.rasa_url, token, config.var_dir / "log")
                      for name, app in FORWARDERS.items()]  # fmt: skip
        for forwarder in forwarders:
            forwarder.start()
        try:
            for forwarder in forwarders:
                forwarder.wait_ready()
            urls = {
                "Rasa webhook": config.rasa_url,
                **{name: f"http://127.0.0.1:{port}" for name, port in ports.items()},
                "gateway": f"http://127.0.0.1:{config.port}",
            }
            spent, parts = asyncio.run(_measure(urls, token, args.rounds))
        finally:
            for forwarder in forwarders:
                forwarder.stop()
    direct = percentiles(spent["Rasa webhook"])[0]
    rows = []
    for name, values in spent.items():
        p50, p95, p99 = percentiles(values)
        adds = "" if name == "Rasa webhook" else f"{p50 - direct:+.1f} ms, {(p50 - direct) / direct:+.0%}"
        rows.append(f"| {name} | {len(values)} | {p50:.1f} / {p95:.1f} / {p99:.1f} | {adds} |")
    body = [
        f"One conversation at a time, {args.rounds} rounds; every target gets the same texts in turn.",
        "",
        "| path to Rasa | turns | p50 / p95 / p99 ms | adds to Rasa's p50 |",
        "|---|---|---|---|",
        *rows,
        "",
        "The gateway's own Server-Timing (web/server_timing.py) over the same turns, p50 / p95 / p99 ms:",
        *(f"- {part}: {' / '.join(f'{v:.2f}' for v in percentiles(ms))}" for part, ms in parts.items()),
    ]
    publish("What one hop in front of Rasa costs", ".venv/web/bin/python", body, args.record)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
