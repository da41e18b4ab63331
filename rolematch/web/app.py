"""The ASGI application behind ``rolematch serve``: create it with :func:`create_app`.

Everything a page does is a call into the library (reading, roles, scoring, the
report renderer, the batch); this module adds the web's own concerns: options,
security headers on every response, a request-size limit, and error pages that give
the CLI's one-line reason and never a traceback.
"""

from __future__ import annotations

import logging
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from html import escape
from importlib.resources import files
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from starlette.applications import Starlette
from starlette.datastructures import Headers, MutableHeaders
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import Mount
from starlette.staticfiles import StaticFiles

from ..batch import BatchOptions
from ..errors import RolematchError
from ._jobs import JobRunner
from ._store import Expired, Store
from ._uploads import UploadLimits
from ._work import ReaderPool

log = logging.getLogger(__name__)

__all__ = ["CSP", "SECURITY_HEADERS", "RequestTooLarge", "WebOptions", "create_app", "is_loopback"]

#: No external source, no inline script or style, no framing, forms post here only.
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'"
)
SECURITY_HEADERS = {
    "content-security-policy": CSP,
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "referrer-policy": "no-referrer",
}


def _web_batch() -> BatchOptions:
    return BatchOptions(workers=2, cache=None)


@dataclass(frozen=True)
class WebOptions:
    """How the web app runs: the batch's options (the CLI's: per-file limits, PDF
    reader, workers, and the cache — off unless asked for), used for every upload;
    the reading processes for single résumés; request limits; how long results stay
    in memory."""

    batch: BatchOptions = field(default_factory=_web_batch)
    uploads: UploadLimits = field(default_factory=UploadLimits)
    workers: int = 2  # reading processes for single résumés (0: a thread)
    ttl: float = 1800.0  # seconds a result stays available in memory
    warm_up: bool = True  # start the reading workers when the server starts
    #: Host names the server answers to (None: any); the CLI sets the loopback names
    #: when it binds a loopback address, which defeats DNS rebinding
    allowed_hosts: tuple[str, ...] | None = None


class RequestTooLarge(RolematchError):
    """A request body over the upload limit."""


def _templates() -> Environment:
    env = Environment(
        loader=PackageLoader("rolematch.web", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["score"] = lambda v: f"{float(v):.0f}"
    return env


def page(request: Request, name: str, status_code: int = 200, **ctx: Any) -> HTMLResponse:
    """A page rendered from ``templates/NAME`` with the app's context."""
    state = request.app.state
    html = state.templates.get_template(name).render(
        occupations=state.occupations, path=request.url.path, **ctx
    )
    return HTMLResponse(html, status_code=status_code)


async def _error(request: Request, exc: Exception) -> Response:
    if isinstance(exc, HTTPException):
        status, message = exc.status_code, exc.detail
    elif isinstance(exc, RequestTooLarge):
        status, message = 413, f"error: {exc}"
    elif isinstance(exc, Expired):
        status, message = 404, f"error: {exc}"
    elif isinstance(exc, RolematchError):
        status, message = 400, f"error: {exc}"
    else:  # a bug: say so in one line; no traceback, no upload content in the log
        log.error("unexpected %s on %s", type(exc).__name__, request.url.path)
        status = 500
        message = (
            "error: something went wrong on the server; it was logged without "
            "your data. Try again or use the command line."
        )
    return page(request, "error.html.j2", status, status=status, message=message)


def _host_name(value: str) -> str:
    """The host of a Host header or an Origin's netloc, without its port."""
    value = value.strip().lower()
    if value.startswith("["):
        return value[1 : value.find("]")] if "]" in value else value
    return value.rsplit(":", 1)[0] if value.count(":") == 1 else value


def _refusal(scope, allowed_hosts: tuple[str, ...] | None) -> tuple[int, str] | None:
    """Why a request is refused before it reaches a page, if it is: a Host this
    server does not answer to (DNS rebinding), or a form posted from another site."""
    headers = Headers(scope=scope)
    host = headers.get("host", "")
    if allowed_hosts is not None and _host_name(host) not in allowed_hosts:
        return 400, f"error: this server answers to {', '.join(allowed_hosts)}, not {host!r}"
    origin = headers.get("origin")
    posted = scope["method"] not in ("GET", "HEAD", "OPTIONS")
    if (
        posted
        and origin
        and origin != "null"
        and origin.split("://", 1)[-1].lower() != host.lower()
    ):
        return 403, "error: forms posted from another site are refused"
    return None


class _Guard:
    """Outermost ASGI layer: security headers on every response, the request-size
    limit, the Host and Origin checks, and a last-resort 500 page (nothing a request
    does shows a traceback)."""

    def __init__(
        self, app: Starlette, max_body: int, allowed_hosts: tuple[str, ...] | None = None
    ) -> None:
        self.app = app
        self.max_body = max_body
        self.allowed_hosts = allowed_hosts
        self.state = app.state

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        started = False
        received = 0

        async def send_secure(message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                headers = MutableHeaders(scope=message)
                for k, v in SECURITY_HEADERS.items():
                    headers[k] = v
                if not scope["path"].startswith("/static/"):
                    headers["cache-control"] = "no-store"
            await send(message)

        async def receive_limited():
            nonlocal received
            message = await receive()
            received += len(message.get("body", b""))
            if received > self.max_body:
                raise RequestTooLarge(
                    f"the upload is larger than the {self.max_body / 1e6:g} MB limit of one request"
                )
            return message

        refused = _refusal(scope, self.allowed_hosts)
        if refused is not None:
            body = (
                f'<!DOCTYPE html><title>Refused</title><p class="rmw-error" role="alert" '
                f'id="error">{escape(refused[1])}</p>'
            )
            return await HTMLResponse(body, refused[0])(scope, receive, send_secure)
        try:
            await self.app(scope, receive_limited, send_secure)
        except Exception as e:  # noqa: BLE001 - already answered by the 500 handler
            log.debug("request failed after its error page: %s", type(e).__name__)
            if not started:
                await HTMLResponse("error: something went wrong on the server", 500)(
                    scope, receive, send_secure
                )


def _occupations_available() -> bool:
    """Whether the occupation index is installed: its package and its built file."""
    from importlib import import_module
    from importlib.util import find_spec

    if find_spec("rolematch.occupations") is None:
        return False
    from .._resources import models_dir

    name = getattr(import_module("rolematch.occupations.index"), "INDEX_FILE", "")
    return bool(name) and (models_dir() / name).is_file()


def create_app(options: WebOptions | None = None) -> _Guard:
    """The web app (an ASGI callable) with these options; serve it with uvicorn."""
    from .routes import routes

    opts = options or WebOptions()
    readers = ReaderPool(opts.batch, workers=opts.workers)
    runner = JobRunner(opts.batch)

    @asynccontextmanager
    async def lifespan(app: Starlette):
        if opts.warm_up:
            readers.warm_up()
            if app.state.occupations:
                from ._occupations import warm_up

                warm_up()
        try:
            yield
        finally:
            readers.close()
            runner.close()
            app.state.results.clear()
            app.state.jobs.clear()

    static = StaticFiles(directory=str(files("rolematch.web") / "static"))
    extra = []
    if _occupations_available():
        from ._occupations import occupation_routes

        extra = occupation_routes()
    app = Starlette(
        routes=[*routes, *extra, Mount("/static", static, name="static")],
        exception_handlers={Exception: _error, HTTPException: _error, RolematchError: _error},
        lifespan=lifespan,
    )
    app.state.options = opts
    app.state.readers = readers
    app.state.runner = runner
    app.state.templates = _templates()
    app.state.results = Store(ttl=opts.ttl)
    app.state.jobs = Store(ttl=opts.ttl, size=50)
    app.state.occupations = _occupations_available()
    app.state.matchers = {}
    return _Guard(
        app, max_body=opts.uploads.max_total + 1_000_000, allowed_hosts=opts.allowed_hosts
    )


LOOPBACK_NAMES = ("127.0.0.1", "localhost", "::1")


def is_loopback(host: str) -> bool:
    """Whether ``host`` binds this machine only (127.0.0.0/8, ::1, localhost)."""
    import ipaddress

    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False
