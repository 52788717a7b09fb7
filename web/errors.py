"""Every error leaves the gateway as JSON with a Dutch `detail`, never a stack trace."""

import logging
from http import HTTPStatus

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException

logger = logging.getLogger(__name__)

# Starlette's own errors (unknown route, wrong method) carry English text.
DUTCH_DEFAULTS = {
    400: "Dit verzoek klopt niet.",
    404: "Niet gevonden.",
    405: "Deze methode is hier niet toegestaan.",
    413: "Dit verzoek is te groot.",
    415: "Stuur een bericht als JSON.",
    429: "Te veel berichten in korte tijd. Wacht even en probeer het opnieuw.",
    503: "De dienst is even niet bereikbaar. Probeer het zo opnieuw.",
}


def _json(status: int, detail: str, headers: dict | None = None) -> JSONResponse:
    return JSONResponse({"detail": detail}, status_code=status, headers=headers)


async def _http_error(request: Request, exc: HTTPException) -> JSONResponse:
    # Our own handlers raise with a Dutch detail; Starlette's use the English
    # status phrase, which we replace.
    english = {s.phrase for s in HTTPStatus if s.value == exc.status_code}
    detail = exc.detail if isinstance(exc.detail, str) and exc.detail not in english else None
    return _json(
        exc.status_code, detail or DUTCH_DEFAULTS.get(exc.status_code, "Er ging iets mis."), exc.headers
    )


async def _validation_error(request: Request, exc: RequestValidationError) -> JSONResponse:
    return _json(422, 'Stuur een bericht als JSON, bijvoorbeeld {"text": "Hallo"}.')


async def _unexpected_error(request: Request, exc: Exception) -> JSONResponse:
    logger.exception("unexpected error on %s %s", request.method, request.url.path)
    return _json(500, "Er ging bij ons iets mis. Probeer het later opnieuw.")


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(HTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(Exception, _unexpected_error)
