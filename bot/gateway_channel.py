"""The Rasa input channel that the web gateway talks to.

Rasa's built-in REST webhook answers anyone who can reach the port, and
`--auth-token` does not protect channel webhooks. This channel works like the
REST one (bot replies come back in the HTTP response) but requires the same
shared token as Rasa's HTTP API, so only the gateway can speak for a user.
"""

import hmac
from typing import Any, Awaitable, Callable, Dict, Optional

from rasa.core.channels.channel import CollectingOutputChannel, InputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

TOKEN_HEADER = "X-Wegwijzer-Token"  # noqa: S105 - a header name, not a secret


class GatewayInput(InputChannel):
    @classmethod
    def name(cls) -> str:
        return "gateway"

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[str, Any]]) -> "GatewayInput":
        return cls(token=str((credentials or {}).get("token") or ""))

    def __init__(self, token: str) -> None:
        if not token:
            raise ValueError("The gateway channel needs a token (WEGWIJZER_RASA_TOKEN).")
        self.token = token

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        webhook = Blueprint("gateway_webhook", __name__)

        @webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            supplied = request.headers.get(TOKEN_HEADER, "")
            if not hmac.compare_digest(supplied.encode(), self.token.encode()):
                return response.json({"error": "forbidden"}, status=403)
            body = request.json if isinstance(request.json, dict) else {}
            sender, text = body.get("sender"), body.get("message")
            if not isinstance(sender, str) or not sender or not isinstance(text, str):
                return response.json({"error": "sender and message are required"}, status=400)
            collector = CollectingOutputChannel()
            await on_new_message(
                UserMessage(
                    text,
                    collector,
                    sender,
                    input_channel=self.name(),
                    metadata=body.get("metadata"),
                )
            )
            return response.json(collector.messages)

        return webhook
