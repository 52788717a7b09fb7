"""What one more hop between processes costs on this machine, apart from any
Python: a one-byte ping-pong over a loopback TCP connection between two
processes, after the receiving process has been idle for a while, as the
gateway is while Rasa works on a turn.

    python3 bench/loopback_wake.py [--pings 300] [--record]

Reports the time of the send call alone (it delivers the byte and wakes the
receiver) and of the whole round trip, per idle pause. The gateway adds two
such wake-ups to every turn (user -> gateway, Rasa -> gateway); straight to
Rasa there are none of these two.
"""

from __future__ import annotations

import argparse
import os
import socket
import sys
import time
from pathlib import Path

sys.path[:0] = [str(Path(__file__).resolve().parent)]
from report import percentiles, publish  # noqa: E402

PAUSES_MS = (0, 2, 10, 30)


def _echo(listener: socket.socket) -> None:
    connection, _ = listener.accept()
    connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    while data := connection.recv(64):
        connection.sendall(data)


def _cell(values: list[float]) -> str:
    return " / ".join(f"{v:.0f}" for v in percentiles(values))


def _measure(port: int, pings: int) -> list[str]:
    rows = []
    with socket.create_connection(("127.0.0.1", port)) as connection:
        connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        for pause_ms in PAUSES_MS:
            sends, trips = [], []
            for _ in range(pings):
                time.sleep(pause_ms / 1000)
                started = time.perf_counter()
                connection.sendall(b"x")
                sent = time.perf_counter()
                connection.recv(64)
                sends.append((sent - started) * 1e6)
                trips.append((time.perf_counter() - started) * 1e6)
            rows.append(f"| {pause_ms} ms | {_cell(sends)} | {_cell(trips)} |")
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--pings", type=int, default=300)
    parser.add_argument("--record", action="store_true", help="append the results to bench/RESULTS.md")
    args = parser.parse_args()
    listener = socket.create_server(("127.0.0.1", 0))
    port = listener.getsockname()[1]
    child = os.fork()
    if child == 0:
        _echo(listener)
        os._exit(0)
    listener.close()
    try:
        rows = _measure(port, args.pings)
    finally:
        os.waitpid(child, 0)
    body = [
        f"{args.pings} one-byte round trips per pause between two processes over loopback TCP (TCP_NODELAY).",
        "",
        "| receiver idle before each ping | send call p50 / p95 / p99 µs | round trip p50 / p95 / p99 µs |",
        "|---|---|---|",
        *rows,
    ]
    publish("One more hop between processes", "python3", body, args.record)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
