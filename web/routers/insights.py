"""Signaleren for the beheerder: aggregated counts per week or month, as JSON
for the insights page and as CSV for the SWV board (web/insights.py)."""

from fastapi import APIRouter, HTTPException, Response
from pydantic import BaseModel

from web.deps import StoreDep
from web.insights import MINIMUM, PERIODS, as_csv, report
from web.staff.auth import AdminDep

router = APIRouter(prefix="/api/medewerker", tags=["medewerker"])


class InsightRow(BaseModel):
    periode: str
    categorie: str
    waarde: str
    # None: fewer than `minimum` conversations, not shown.
    aantal: int | None


class Insights(BaseModel):
    per: str
    minimum: int
    rijen: list[InsightRow]


def _period(per: str) -> str:
    if per not in PERIODS:
        raise HTTPException(422, "Kies per week of per maand.")
    return per


@router.get("/inzichten")
def insights(admin: AdminDep, store: StoreDep, per: str = "week") -> Insights:
    rows = report(store.db, _period(per))
    return Insights(
        per=per,
        minimum=MINIMUM,
        rijen=[
            InsightRow(periode=r.period, categorie=r.category, waarde=r.value, aantal=r.count) for r in rows
        ],
    )


@router.get("/inzichten.csv")
def insights_csv(admin: AdminDep, store: StoreDep, per: str = "week") -> Response:
    body = as_csv(report(store.db, _period(per)))
    headers = {"Content-Disposition": f'attachment; filename="wegwijzer-inzichten-per-{per}.csv"'}
    return Response(body, media_type="text/csv; charset=utf-8", headers=headers)
