"""Consultants log in and out of the console; the session and its CSRF token
are in web/staff/sessions.py."""

from fastapi import APIRouter, HTTPException, Request, Response
from pydantic import BaseModel, Field

from web.staff.auth import COOKIE, ActingStaffDep, SessionsDep, StaffDep
from web.staff.sessions import IDLE_TIMEOUT

router = APIRouter(prefix="/api/medewerker", tags=["medewerker"])


class Login(BaseModel):
    gebruikersnaam: str = Field(max_length=100)
    wachtwoord: str = Field(max_length=200)


class Me(BaseModel):
    gebruikersnaam: str
    naam: str
    rol: str
    csrf: str


@router.post("/login")
def log_in(body: Login, request: Request, response: Response, sessions: SessionsDep) -> Me:
    if sessions.is_locked(body.gebruikersnaam):
        raise HTTPException(429, "Te vaak een verkeerd wachtwoord. Probeer het over een kwartier opnieuw.")
    result = sessions.log_in(body.gebruikersnaam, body.wachtwoord)
    if result is None:
        raise HTTPException(401, "Gebruikersnaam of wachtwoord klopt niet.")
    token, session = result
    response.set_cookie(
        COOKIE,
        token,
        max_age=int(IDLE_TIMEOUT.total_seconds()),
        httponly=True,
        samesite="strict",
        secure=request.url.scheme == "https",
        path="/",
    )
    account = session.account
    return Me(gebruikersnaam=account.username, naam=account.name, rol=account.role, csrf=session.csrf)


@router.post("/logout", status_code=204)
def log_out(request: Request, response: Response, sessions: SessionsDep, session: ActingStaffDep) -> None:
    sessions.log_out(request.cookies.get(COOKIE, ""))
    response.delete_cookie(COOKIE, path="/")


@router.get("/ik")
def me(session: StaffDep) -> Me:
    account = session.account
    return Me(gebruikersnaam=account.username, naam=account.name, rol=account.role, csrf=session.csrf)
