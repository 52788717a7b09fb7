"""Two gateways that do nothing but pass a turn on to Rasa: the least any
extra HTTP hop in front of Rasa can cost (bench/hop_floor.py starts them).

- `bare`: a plain ASGI app on uvicorn, forwarding the request body with aiohttp;
- `fastapi`: one FastAPI route forwarding through the gateway's own RasaClient.

Both read WEGWIJZER_RASA_URL and WEGWIJZER_RASA_TOKEN.
"""

from __future__ import annotations

import os
from collections.abc import Awaitable, Callable
from typing import Any

import aiohttp
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from web.rasa_client import RasaClient

RASA_URL = os.environ.get("WEGWIJZER_RASA_URL", "http://127.0.0.1:5005")
TOKEN = os.environ.get("WEGWIJZER_RASA_TOKEN", "")

_session: aiohttp.ClientSession | None = None


async def bare(scope: dict[str, Any], receive: Callable[[], Awaitable[dict]], send: Callable) -> None:
    global _session
    if scope["type"] != "http":
        return
    body = b""
    while True:
        message = await receive()
        body += message.get("body", b"")
        if not message.get("more_body"):
            break
    if _session is None:
        _session = aiohttp.ClientSession()
    headers = {"Content-Type": "application/json", "X-Wegwijzer-Token": TOKEN}
    async with _session.post(RASA_URL + scope["path"], data=body, headers=headers) as response:
        status, answer = response.status, await response.read()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json")]})  # fmt: skip
    await send({"type": "http.response.body", "body": answer})


fastapi = FastAPI()
_rasa = RasaClient([RASA_URL], TOKEN, 30)


@fastapi.post("/webhooks/gateway/webhook")
async def forward(request: Request) -> JSONResponse:
    turn = await request.json()
    return JSONResponse(await _rasa.send_message(turn["sender"], turn["message"]))
