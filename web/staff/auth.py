"""Who is calling a staff endpoint: a session cookie, the role, and a CSRF token
on every change (the cookie alone must never be enough to act)."""

from typing import Annotated

from fastapi import Depends, Header, HTTPException, Request

from web.staff.accounts import ADMIN
from web.staff.sessions import Session, Sessions

COOKIE = "wegwijzer_medewerker"
CSRF_HEADER = "X-CSRF-Token"


def _sessions(request: Request) -> Sessions:
    return request.app.state.sessions


def current_session(request: Request, sessions: Annotated[Sessions, Depends(_sessions)]) -> Session:
    session = sessions.get(request.cookies.get(COOKIE))
    if session is None:
        raise HTTPException(401, "Log eerst in.")
    return session


def acting_session(
    session: Annotated[Session, Depends(current_session)],
    csrf: Annotated[str | None, Header(alias=CSRF_HEADER)] = None,
) -> Session:
    if not session.csrf_matches(csrf):
        raise HTTPException(403, "Deze actie is geweigerd. Laad de pagina opnieuw en probeer het nog eens.")
    return session


def admin_session(session: Annotated[Session, Depends(current_session)]) -> Session:
    if session.account.role != ADMIN:
        raise HTTPException(403, "Alleen een beheerder kan dit zien.")
    return session


SessionsDep = Annotated[Sessions, Depends(_sessions)]
StaffDep = Annotated[Session, Depends(current_session)]
ActingStaffDep = Annotated[Session, Depends(acting_session)]
AdminDep = Annotated[Session, Depends(admin_session)]
