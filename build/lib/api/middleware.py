"""ASGI middleware: request ids, structured access logs, security headers and the
request body cap.

Pure ASGI (not BaseHTTPMiddleware) so that the body cap applies while the body streams in,
before any route reads it.
"""

from __future__ import annotations

import json
import logging
import time
import uuid
from typing import Any

from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

log = logging.getLogger("coach.http")

# Every answer: no sniffing, no framing, nothing cached (pages and JSON carry personal
# data), scripts and styles from this site only. The interactive API docs load their
# script from a CDN and inline code, so they get no CSP (they show no data of their own).
SECURITY_HEADERS = [
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"same-origin"),
]
CSP = (
    b"default-src 'self'; img-src 'self' data:; script-src 'self'; style-src 'self'; "
    b"object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
DOCS_PATHS = ("/docs", "/redoc")


class BodyTooLarge(HTTPException):
    """Raised while the body streams in. An HTTPException, so FastAPI's body parsing lets
    it through (it turns other exceptions into 400) and the handler answers 413."""

    def __init__(self, limit: int) -> None:
        super().__init__(413, f"The request body is larger than {limit} bytes.")


def _error_body(code: str, message: str, request_id: str, hint: str) -> bytes:
    return json.dumps(
        {
            "error": {
                "code": code,
                "message": message,
                "hint": hint,
                "fields": [],
                "request_id": request_id,
            }
        }
    ).encode()


class RequestContextMiddleware:
    """Gives each request an id, caps its body, and logs one JSON line when it ends.

    The log line holds method, route template, status, duration and request id only:
    never query strings, bodies or headers, which may carry participants' words or tokens.
    """

    def __init__(self, app: ASGIApp, *, max_body_bytes: int) -> None:
        self.app = app
        self.max_body_bytes = max_body_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request_id = uuid.uuid4().hex[:16]
        scope.setdefault("state", {})["request_id"] = request_id
        started = time.perf_counter()
        status = 500
        response_started = False

        path = scope.get("path", "")

        async def send_with_id(message: Message) -> None:
            nonlocal status, response_started
            if message["type"] == "http.response.start":
                status = message["status"]
                response_started = True
                headers = message.setdefault("headers", [])
                _add_security_headers(headers, path)
                headers.append((b"x-request-id", request_id.encode()))
            await send(message)

        try:
            declared = _content_length(scope)
            if declared is not None and declared > self.max_body_bytes:
                status = await self._too_large(send_with_id, request_id)
                return
            received = 0

            async def capped_receive() -> Message:
                nonlocal received
                message = await receive()
                if message["type"] == "http.request":
                    received += len(message.get("body", b""))
                    if received > self.max_body_bytes:
                        raise BodyTooLarge(self.max_body_bytes)
                return message

            try:
                await self.app(scope, capped_receive, send_with_id)
            except BodyTooLarge:
                if response_started:
                    raise
                status = await self._too_large(send_with_id, request_id)
        finally:
            # Written for every request, failures included: the request id a user reports
            # must be found in the log.
            route = scope.get("route")
            log.info(
                json.dumps(
                    {
                        "event": "request",
                        "request_id": request_id,
                        "method": scope["method"],
                        "path": getattr(route, "path", None) or "(no route)",
                        "status": status,
                        "duration_ms": round((time.perf_counter() - started) * 1000, 2),
                    }
                )
            )

    async def _too_large(self, send: Any, request_id: str) -> int:
        body = _error_body(
            "body_too_large",
            f"The request body is larger than {self.max_body_bytes} bytes.",
            request_id,
            "send a smaller body (split large rosters into several files).",
        )
        await send(
            {
                "type": "http.response.start",
                "status": 413,
                "headers": [
                    (b"content-type", b"application/json"),
                    (b"content-length", str(len(body)).encode()),
                ],
            }
        )
        await send({"type": "http.response.body", "body": body})
        return 413


def _add_security_headers(headers: list[tuple[bytes, bytes]], path: str) -> None:
    present = {name.lower() for name, _ in headers}
    wanted = list(SECURITY_HEADERS)
    if not path.startswith("/static/"):
        wanted.append((b"cache-control", b"no-store"))
    if not path.startswith(DOCS_PATHS):
        wanted.append((b"content-security-policy", CSP))
    headers.extend((name, value) for name, value in wanted if name not in present)


def _content_length(scope: Scope) -> int | None:
    for name, value in scope.get("headers", []):
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None
