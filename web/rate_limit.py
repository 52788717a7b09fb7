"""A flood of messages gets a calm Dutch 429, not a slow bot for everyone else.

Sliding one-minute windows, kept in this process's memory: per conversation
(nobody types 20 messages a minute) and per client address (new conversations
and messages). With several gateway processes each counts its own share.
"""

import math
import time
from collections import defaultdict, deque
from collections.abc import Callable

from fastapi import HTTPException

WINDOW_SECONDS = 60.0
TOO_MANY = "Je stuurt veel berichten snel achter elkaar. Wacht even en probeer het dan opnieuw."


class RateLimiter:
    def __init__(self, monotonic: Callable[[], float] = time.monotonic) -> None:
        self._now = monotonic
        self._seen: dict[str, deque[float]] = defaultdict(deque)

    def check(self, key: str, per_minute: int) -> None:
        """Count one request for `key`; raise 429 when over the limit."""
        now, seen = self._now(), self._seen[key]
        while seen and seen[0] <= now - WINDOW_SECONDS:
            seen.popleft()
        if len(seen) >= per_minute:
            retry = max(1, math.ceil(seen[0] + WINDOW_SECONDS - now))
            raise HTTPException(429, TOO_MANY, headers={"Retry-After": str(retry)})
        seen.append(now)
        if len(self._seen) > 100_000:  # forget idle keys now and then; memory stays bounded
            for stale in [k for k, v in self._seen.items() if not v or v[-1] <= now - WINDOW_SECONDS]:
                del self._seen[stale]
