"""What the console needs besides the queue: outcomes, colleagues and the
standard texts, which a beheerder edits."""

from fastapi import APIRouter, HTTPException
from pydantic import BaseModel, Field

from web.deps import StandardTextsDep, TextsDep
from web.routers.staff import MAX_TEXT
from web.staff.auth import ActingStaffDep, AdminDep, SessionsDep, StaffDep
from web.staff.notes import MAX_STANDARD_TEXTS

router = APIRouter(prefix="/api/medewerker", tags=["medewerker"])


class StandardText(BaseModel):
    titel: str = Field(min_length=1, max_length=80)
    tekst: str = Field(min_length=1, max_length=MAX_TEXT)


class Settings(BaseModel):
    uitkomsten: list[str]
    collegas: list[dict[str, str]]
    standaardteksten: list[StandardText]


@router.get("/instellingen")
def settings(
    session: StaffDep, texts: TextsDep, sessions: SessionsDep, standard: StandardTextsDep
) -> Settings:
    return Settings(
        uitkomsten=list(texts.get().outcomes),
        collegas=[
            {"gebruikersnaam": a.username, "naam": a.name}
            for a in sessions.accounts.all()
            if a.username != session.account.username
        ],
        standaardteksten=[StandardText(**t) for t in standard.all()],
    )


@router.put("/standaardteksten", status_code=204)
def save_standard_texts(
    body: list[StandardText], session: ActingStaffDep, admin: AdminDep, standard: StandardTextsDep
) -> None:
    if len(body) > MAX_STANDARD_TEXTS:
        raise HTTPException(422, f"Maximaal {MAX_STANDARD_TEXTS} standaardteksten.")
    standard.replace([t.model_dump() for t in body])
