"""A stand-in Rasa for benchmarks of the gateway's own cost: answers every turn
at once with the same FAQ-sized reply, in a process of its own, so that none
of its work is counted as the gateway's.

    with stand_in_rasa() as url: ...   # http://127.0.0.1:<port>
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from aiohttp import web

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "scripts")]
from services import Service, free_port, http_ready  # noqa: E402

# A real FAQ turn's reply, in size and shape: the answer with its buttons, then
# the article it came from and its sources (actions/answer_article.py).
REPLY = [
    {
        "recipient_id": "bench",
        "text": "Een ontwikkelingsperspectiefplan (OPP) beschrijft welke extra steun je kind krijgt. " * 8,
        "buttons": [{"title": f"Keuze {n}", "payload": f"/keuze_{n}"} for n in range(3)],
    },
    {
        "recipient_id": "bench",
        "custom": {
            "article": "opp-wat-is",
            "sources": [{"title": "Wet passend onderwijs", "ref": "001 r.12"}] * 2,
        },
    },
]


def _serve(port: int) -> None:
    async def answer(request: web.Request) -> web.Response:
        await request.read()
        return web.json_response(REPLY)

    app = web.Application()
    app.router.add_post("/webhooks/gateway/webhook", answer)
    app.router.add_get("/status", lambda request: web.json_response({}))
    web.run_app(app, host="127.0.0.1", port=port, access_log=None, print=None)


@contextmanager
def stand_in_rasa() -> Iterator[str]:
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    with tempfile.TemporaryDirectory() as log_dir:
        command = [sys.executable, __file__, str(port)]
        server = Service(
            "stand-in", command, http_ready(f"{url}/status"), dict(os.environ), Path(log_dir) / "log"
        )
        server.start()
        try:
            server.wait_ready()
            yield url
        finally:
            server.stop()


if __name__ == "__main__":
    _serve(int(sys.argv[1]))
