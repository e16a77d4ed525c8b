"""ASGI middleware: request ids, structured access logs and the request body cap.

Pure ASGI (not BaseHTTPMiddleware) so that the body cap applies while the body streams in,
before any route reads it.
"""

from __future__ import annotations

import json
import logging
import time
import uuid
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

log = logging.getLogger("coach.http")


class BodyTooLarge(Exception):
    pass


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

        async def send_with_id(message: Message) -> None:
            nonlocal status, response_started
            if message["type"] == "http.response.start":
                status = message["status"]
                response_started = True
                message.setdefault("headers", []).append((b"x-request-id", request_id.encode()))
            await send(message)

        declared = _content_length(scope)
        if declared is not None and declared > self.max_body_bytes:
            status = await self._too_large(send_with_id, request_id)
        else:
            received = 0

            async def capped_receive() -> Message:
                nonlocal received
                message = await receive()
                if message["type"] == "http.request":
                    received += len(message.get("body", b""))
                    if received > self.max_body_bytes:
                        raise BodyTooLarge
                return message

            try:
                await self.app(scope, capped_receive, send_with_id)
            except BodyTooLarge:
                if response_started:
                    raise
                status = await self._too_large(send_with_id, request_id)
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


def _content_length(scope: Scope) -> int | None:
    for name, value in scope.get("headers", []):
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None
