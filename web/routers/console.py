"""The consultants' console pages. They hold no data: the page's script asks
the staff API (web/routers/staff.py), which checks the session and role."""

from fastapi import APIRouter
from fastapi.responses import FileResponse

from web.routers.pages import page

router = APIRouter(include_in_schema=False)


@router.get("/medewerker")
async def console() -> FileResponse:
    return page("console.html")


@router.get("/medewerker/inzichten")
async def insights() -> FileResponse:
    return page("inzichten.html")
