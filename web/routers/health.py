"""GET /healthz: is the whole chain (gateway, Rasa, action server) reachable?"""

import asyncio

import aiohttp
from fastapi import APIRouter
from fastapi.responses import JSONResponse

from web.deps import RasaDep, SettingsDep, StoreDep

router = APIRouter(tags=["health"])


async def _actions_ready(actions_url: str) -> bool:
    try:
        async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=3)) as session:
            async with session.get(f"{actions_url}/health") as response:
                return response.status == 200
    except (aiohttp.ClientError, asyncio.TimeoutError):
        return False


@router.get("/healthz")
async def healthz(store: StoreDep, rasa: RasaDep, settings: SettingsDep) -> JSONResponse:
    services = {
        "gateway": store.is_healthy(),
        "rasa": await rasa.is_ready(),
        "actions": await _actions_ready(settings.actions_url),
    }
    down = [name for name, ok in services.items() if not ok]
    body: dict = {
        "status": "ok" if not down else "unavailable",
        "services": {name: "ok" if ok else "unavailable" for name, ok in services.items()},
    }
    if down:
        body["detail"] = "Niet bereikbaar: " + ", ".join(down)
    return JSONResponse(body, status_code=503 if down else 200)
