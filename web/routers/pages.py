"""The HTML pages: for now the minimal chat page at `/` (the full widget comes later)."""

from pathlib import Path

from fastapi import APIRouter
from fastapi.responses import FileResponse, HTMLResponse

from web.deps import SettingsDep, SwvDep
from web.privacy_page import privacy_html

STATIC = Path(__file__).resolve().parent.parent / "static"

router = APIRouter(include_in_schema=False)

# The page loads only its own script and style and talks only to this origin
# (the other security headers come from web/security_headers.py).
PAGE_HEADERS = {
    "Content-Security-Policy": "default-src 'none'; script-src 'self'; style-src 'self'; "
    "connect-src 'self'; img-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
}


def page(name: str) -> FileResponse:
    """One of our HTML pages, with the headers that keep it to itself."""
    return FileResponse(STATIC / name, headers=PAGE_HEADERS)


@router.get("/")
async def index() -> FileResponse:
    return page("index.html")


@router.get("/privacy")
async def privacy(settings: SettingsDep, swv: SwvDep) -> HTMLResponse:
    return HTMLResponse(privacy_html(settings, swv.get()), headers=PAGE_HEADERS)
