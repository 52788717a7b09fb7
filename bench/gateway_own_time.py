"""The gateway's own time per chat turn, apart from Rasa: the real app
(create_app with its own SQLite file: transcript, safety check, scrubbing,
handoff state) called in-process through ASGI, one turn after another, while a
stand-in Rasa in another process answers at once (bench/rasa_stand_in.py).
Reads each answer's Server-Timing (web/server_timing.py).

    .venv/web/bin/python bench/gateway_own_time.py [--turns 2000] [--evict-mb 64] [--record]

Two passes over the same turns: back to back (the CPU caches stay warm), and
with --evict-mb of memory read between turns, as Rasa's model reads its weights
between two of the gateway's turns. bench/hop_floor.py reports the same
Server-Timing at one conversation with the real Rasa.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import secrets
import sys
import tempfile
import time
import zlib
from pathlib import Path

import uvloop

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "scripts"), str(ROOT / "bench")]
from rasa_stand_in import stand_in_rasa  # noqa: E402
from report import percentiles, publish  # noqa: E402
from workload import Texts, server_timing  # noqa: E402

from web.main import create_app  # noqa: E402
from web.settings import Settings  # noqa: E402

CONVERSATIONS = 20
WARM_UP = 300


async def _post(app, path: str, payload: dict) -> tuple[int, dict[str, str], bytes]:
    """One request straight into the ASGI app: status, headers, body."""
    body = json.dumps(payload).encode()
    scope = {
        "type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "POST",
        "scheme": "http", "path": path, "raw_path": path.encode(), "query_string": b"", "root_path": "",
        "headers": [(b"host", b"127.0.0.1"), (b"content-type", b"application/json"),
                    (b"content-length", str(len(body)).encode())],
        "client": ("127.0.0.1", 50000), "server": ("127.0.0.1", 8000), "state": {},
    }  # fmt: skip
    messages = [{"type": "http.request", "body": body, "more_body": False}]
    sent: list[dict] = []

    async def receive() -> dict:
        if messages:
            return messages.pop()
        await asyncio.Event().wait()  # no disconnect while the answer is written
        return {}

    async def send(message: dict) -> None:
        sent.append(message)

    await app(scope, receive, send)
    headers = {name.decode(): value.decode() for name, value in sent[0]["headers"]}
    return sent[0]["status"], headers, b"".join(m.get("body", b"") for m in sent[1:])


async def _measure(app, turns: int, evict: bytes) -> dict[str, tuple[list[float], float]]:
    """Per pass, the gateway's own ms per turn and this process's CPU ms per turn
    (the eviction's own CPU left out)."""
    texts = Texts()
    passes: dict[str, tuple[list[float], float]] = {}
    async with app.router.lifespan_context(app):
        conversations = [
            json.loads((await _post(app, "/api/conversations", {}))[2])["conversation_id"]
            for _ in range(CONVERSATIONS)
        ]
        questions = [text for _ in range(turns // 4 + 1) for text in texts.conversation("faq")]
        for name, between in (("back to back", b""), (f"{len(evict) >> 20} MB read between turns", evict)):
            own: list[float] = []
            cpu = 0.0
            for n in range(WARM_UP + turns):
                zlib.crc32(between)  # streams every byte through the caches
                started = time.process_time()
                path = f"/api/conversations/{conversations[n % CONVERSATIONS]}/messages"
                status, headers, _ = await _post(app, path, {"text": questions[n % len(questions)]})
                if status != 200:
                    raise RuntimeError(f"turn {n}: status {status}")
                if n >= WARM_UP:
                    cpu += time.process_time() - started
                    own.append(server_timing(headers["server-timing"])["gateway"])
            passes[name] = (own, cpu * 1000 / turns)
    return passes


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--turns", type=int, default=2000)
    parser.add_argument("--evict-mb", type=int, default=64)
    parser.add_argument("--record", action="store_true", help="append the results to bench/RESULTS.md")
    args = parser.parse_args()
    evict = bytes(range(256)) * (args.evict_mb << 12)
    with stand_in_rasa() as url, tempfile.TemporaryDirectory(prefix="gateway-own-time-") as var_dir:
        settings = Settings(
            var_dir=Path(var_dir), rasa_url=url, rasa_token=secrets.token_urlsafe(8),
            actions_url="http://127.0.0.1:9", pending_retry_seconds=3600,
            rate_conversation_messages=10**9, rate_client_messages=10**9,
        )  # fmt: skip
        passes = uvloop.run(_measure(create_app(settings), args.turns, evict))
    rows = [
        f"| {name} | {' / '.join(f'{ms:.2f}' for ms in percentiles(own))} | {cpu_ms:.2f} |"
        for name, (own, cpu_ms) in passes.items()
    ]
    body = [
        f"{args.turns} FAQ turns per pass, one after another, after {WARM_UP} to warm up, over "
        f"{CONVERSATIONS} conversations; a stand-in Rasa in another process answers at once.",
        "",
        "| pass | gateway's own ms per turn (Server-Timing), p50 / p95 / p99 | CPU ms per turn |",
        "|---|---|---|",
        *rows,
    ]
    publish(
        "The gateway's own time per turn, caches warm and cold", ".venv/web/bin/python", body, args.record
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
