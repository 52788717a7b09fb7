"""The embeddable widget: its script at /widget.js and the SWV settings it
shows (name, colour, steunpunt contact, opening hours)."""

from fastapi import APIRouter
from fastapi.responses import FileResponse
from pydantic import BaseModel

from web.deps import ClockDep, SwvDep
from web.routers.pages import STATIC

router = APIRouter(tags=["widget"])


class Steunpunt(BaseModel):
    name: str
    phone: str
    email: str


class WidgetConfig(BaseModel):
    swv: str
    colour: str
    steunpunt: Steunpunt
    opening_hours: str
    open_now: bool


@router.get("/widget.js", include_in_schema=False)
async def widget_script() -> FileResponse:
    # Any SWV website may load the script; what it may then call is CORS's business.
    headers = {
        "Cache-Control": "public, max-age=300",
        "Cross-Origin-Resource-Policy": "cross-origin",
        "X-Content-Type-Options": "nosniff",
    }
    return FileResponse(STATIC / "widget" / "widget.js", media_type="text/javascript", headers=headers)


@router.get("/api/widget/config")
def widget_config(swv: SwvDep, clock: ClockDep) -> WidgetConfig:
    config = swv.get()
    steunpunt = config.steunpunt
    return WidgetConfig(
        swv=config.name,
        colour=config.colour,
        steunpunt=Steunpunt(name=steunpunt["name"], phone=steunpunt["phone"], email=steunpunt["email"]),
        opening_hours=config.hours.describe_week(),
        open_now=config.hours.is_open(clock.now()),
    )
