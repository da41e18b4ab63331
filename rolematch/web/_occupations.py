"""Occupation pages, offered when the occupation index (``rolematch.occupations``)
is installed: find an O*NET occupation by its title and match against it (role id
``onet:CODE``), and explore which occupations fit a résumé (``rolematch explore``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.routing import Route

from ..errors import RolematchError
from ._store import Expired
from .app import page

__all__ = ["Explored", "explore_resume", "occupation_role", "occupation_routes"]

#: Occupations offered for a title, best first.
SUGGESTIONS = 8


@dataclass
class Explored:
    """A résumé read and explored across the occupation index (session state)."""

    name: str
    resume: Any
    mentions: tuple
    exploration: Any
    redact: bool = False


def occupation_role(value: str):
    """The role of an occupation given by id (``onet:13-2011.00``) or by a job title
    (its best match in the index)."""
    from ..occupations import OccupationIndex
    from ..roles import RoleProfile, RoleSet

    value = " ".join(value.split())[:200]
    if not value:
        raise RolematchError("type a job title to find its occupation")
    index = OccupationIndex.default()
    if value not in index:
        hits = index.search(value, k=1)
        if not hits:
            raise RolematchError(f"no occupation matches the title {value!r}")
        value = hits[0][0].id
    return RoleProfile.from_occupation(  # type: ignore[attr-defined]
        value, taxonomy=RoleSet.default().taxonomy, index=index
    )


def _load_index() -> None:
    from ..occupations import OccupationIndex

    OccupationIndex.default().search("analyst", 1)  # loads the index and its title search


def warm_up() -> None:
    """Load the occupation index in a background thread (it takes seconds)."""
    import threading

    threading.Thread(target=_load_index, name="rolematch-occupations", daemon=True).start()


def explore_resume(resume) -> Any:
    from ..explore import explore

    return explore(resume, 10)


async def suggest(request: Request) -> Response:
    from ..occupations import OccupationIndex

    q = " ".join(request.query_params.get("q", "").split())[:200]
    if len(q) < 2:
        return JSONResponse([])
    hits = await run_in_threadpool(OccupationIndex.default().search, q, SUGGESTIONS)
    return JSONResponse(
        [{"id": o.id, "title": o.title, "confidence": round(c, 3)} for o, c in hits]
    )


def _explored(request: Request) -> Explored:
    got = request.app.state.results.get(request.path_params["token"])
    if not isinstance(got, Explored):
        raise Expired("this page holds no exploration")
    return got


async def exploration_page(request: Request) -> Response:
    from ..explore import exploration_to_dict

    x = _explored(request)
    return page(
        request,
        "explore.html.j2",
        x=exploration_to_dict(x.exploration),
        source=x.name,
        token=request.path_params["token"],
    )


async def match_occupation(request: Request) -> Response:
    """Score the explored résumé against one of its occupations: its fit report."""
    from .routes import Scored, _rank

    state, x = request.app.state, _explored(request)
    role = await run_in_threadpool(occupation_role, request.query_params.get("role", ""))
    fits = await run_in_threadpool(_rank, state, x.resume, x.mentions, role)
    token = state.results.put(Scored(x.name, fits, role.id, x.redact))
    return RedirectResponse(f"/r/{token}/fit?role={quote(role.id)}", status_code=303)


def occupation_routes() -> list[Route]:
    return [
        Route("/api/occupations", suggest),
        Route("/x/{token}", exploration_page),
        Route("/x/{token}/match", match_occupation),
    ]
