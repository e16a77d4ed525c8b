"""Turns every failure into the one JSON error shape (see ``ErrorPublic``)."""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from api.schemas import ErrorDetail, ErrorField, ErrorPublic
from api.web.render import error_page, wants_html
from api.web.session import SignInRequired
from coach.domain import error_message
from coach.errors import (
    AccessDeniedError,
    AuthenticationError,
    CoachError,
    ConflictError,
    EmbeddingModelError,
    IndexUnavailableError,
    InputValidationError,
    MalformedFileError,
    NotFoundError,
    StoreError,
)

log = logging.getLogger("coach.http")

STATUS: list[tuple[type[CoachError], int]] = [
    (AuthenticationError, 401),
    (AccessDeniedError, 403),
    (NotFoundError, 404),
    (ConflictError, 409),
    (MalformedFileError, 400),
    (InputValidationError, 422),
    (StoreError, 503),
    (IndexUnavailableError, 503),
    (EmbeddingModelError, 503),
]


def error_response(
    request: Request,
    status: int,
    code: str,
    message: str,
    *,
    hint: str | None = None,
    fields: list[ErrorField] | None = None,
) -> JSONResponse:
    body = ErrorPublic(
        error=ErrorDetail(
            code=code,
            message=message,
            hint=hint,
            fields=fields or [],
            request_id=getattr(request.state, "request_id", None),
        )
    )
    headers = {"WWW-Authenticate": "Bearer"} if status == 401 else None
    return JSONResponse(body.model_dump(mode="json"), status_code=status, headers=headers)


# Hidden and missing objects answer alike, naming nothing: "No session '33'" once told an
# outsider a participant id, and "Pairing 12 is withdrawn" told a participant the fate of
# a pairing they may not see.
NOT_FOUND_MESSAGE = "Not found: there is nothing at this address that you may see."
NOT_FOUND_HINT = (
    "check the ids in the address; if you should see it, ask a coordinator of the programme."
)


async def _coach_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, CoachError)
    status = next((code for kind, code in STATUS if isinstance(exc, kind)), 500)
    message, hint = exc.message, exc.hint
    if isinstance(exc, NotFoundError):
        message, hint = NOT_FOUND_MESSAGE, NOT_FOUND_HINT
    fields = [
        ErrorField(field=p.field, message=p.message, row=p.row)
        for p in getattr(exc, "problems", [])
    ]
    if wants_html(request):
        shown = [
            (f.field if f.row is None else f"row {f.row}: {f.field}", f.message) for f in fields
        ]
        return error_page(request, status, message, hint, shown)
    return error_response(request, status, exc.code, message, hint=hint, fields=fields)


async def _sign_in_required(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, SignInRequired)
    return RedirectResponse(exc.location, status_code=303)


def _location(loc: tuple[int | str, ...]) -> str:
    # ("body", "participants", 0, "email") -> "participants.0.email"; the "body" / "query"
    # prefix says where, which a client rarely needs, but keep it for query and path.
    parts = [str(part) for part in loc]
    if parts and parts[0] == "body" and len(parts) > 1:
        parts = parts[1:]
    return ".".join(parts)


async def _validation_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError)
    fields = [
        ErrorField(
            field=_location(tuple(error.get("loc", ()))),
            message=error_message(error),
        )
        for error in exc.errors()
    ]
    names = ", ".join(sorted({f.field for f in fields})) or "the request"
    if wants_html(request):
        return error_page(
            request,
            422,
            f"Some fields need correcting: {names}.",
            "go back, correct them and send the form again; nothing was changed.",
            [(f.field, f.message) for f in fields],
        )
    return error_response(
        request,
        422,
        "invalid_input",
        f"The request has invalid fields: {names}.",
        hint="correct the listed fields and send the request again; nothing was changed.",
        fields=fields,
    )


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, StarletteHTTPException)
    response: Response
    if wants_html(request):
        response = error_page(request, exc.status_code, str(exc.detail))
        for name, value in (exc.headers or {}).items():
            response.headers[name] = value
        return response
    codes = {
        400: "invalid_body",
        401: "unauthenticated",
        403: "forbidden",
        404: "not_found",
        405: "method_not_allowed",
        413: "body_too_large",
    }
    hints = {
        400: "send the body as UTF-8 JSON with 'Content-Type: application/json' (or the "
        "form the endpoint documents); nothing was changed.",
        405: "use one of the methods in the Allow header.",
        413: "send a smaller body (split large rosters into several files).",
    }
    response = error_response(
        request,
        exc.status_code,
        codes.get(exc.status_code, "http_error"),
        str(exc.detail),
        hint=hints.get(exc.status_code),
    )
    # Starlette's own headers (Allow on a 405) belong to the answer.
    for name, value in (exc.headers or {}).items():
        response.headers[name] = value
    return response


async def _unexpected(request: Request, exc: Exception) -> Response:
    # Details go to the log only (with the request id), never to the client.
    log.exception(
        "unhandled error", extra={"request_id": getattr(request.state, "request_id", None)}
    )
    if wants_html(request):
        return error_page(
            request, 500, "Something went wrong on our side.", "try again in a moment."
        )
    return error_response(
        request,
        500,
        "internal_error",
        "Something went wrong on our side.",
        hint="try again; if it persists, report the request id to your administrator.",
    )


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(SignInRequired, _sign_in_required)
    app.add_exception_handler(CoachError, _coach_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(Exception, _unexpected)
