"""The pages: one résumé against a role, a posting (its profile adjustable first) or
every role; the fit report and its downloads; batches with progress and downloads.

Handlers parse the form, call the library (in a worker process for reading, in a
thread for scoring and rendering, so the server keeps answering), and render.
"""

from __future__ import annotations

import re
import tempfile
import threading
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any
from urllib.parse import quote

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData, UploadFile
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.routing import Route

from ..batch import RESUME_SUFFIXES, BatchResult
from ..errors import ResumeReadError, RolematchError
from ..report import ranking_to_dict, render
from ..roles import RoleProfile, RoleSet, RoleSkill
from ._jobs import BatchJob, results_text
from ._pagecss import split_styles
from ._store import Expired
from ._uploads import clean_name, is_zip, read_limited, unpack_zip
from .app import page

__all__ = ["routes"]

_FORMATS = {"html": "text/html", "md": "text/markdown", "json": "application/json"}
_BATCH_FORMATS = {"csv": "text/csv", "jsonl": "application/x-ndjson"}
_TEXT_FIELD = 1_000_000  # a pasted résumé or posting, in bytes
_lock = threading.Lock()


@dataclass
class Scored:
    """One résumé's fits, every role ranked (session state kept in memory)."""

    name: str
    fits: list
    chosen: str | None = None
    redact: bool = False
    profile_token: str | None = None
    css: dict[str, str] = field(default_factory=dict)


@dataclass
class Pending:
    """A résumé read and a posting profiled, waiting for the profile to be adjusted."""

    name: str
    resume: Any
    mentions: tuple
    profile: RoleProfile
    redact: bool = False


# --------------------------------------------------------------------------- library calls
def _matcher(state, extra: RoleProfile | None = None):
    """A matcher for the shipped roles (fitted once), or for them plus ``extra``."""
    from ..score import Matcher

    meaning = state.options.batch.meaning  # the meaning layer, as the batch has it
    if extra is not None:
        return Matcher(meaning=meaning).fit(RoleSet.default().with_role(extra))
    with _lock:
        if "default" not in state.matchers:
            state.matchers["default"] = Matcher(meaning=meaning).fit(RoleSet.default())
        return state.matchers["default"]


def _rank(state, resume, mentions, extra: RoleProfile | None = None) -> list:
    matcher = _matcher(state, extra)
    return matcher.rank(matcher.featurize(resume, mentions=list(mentions)))


def _report(result: Scored, role: str, fmt: str) -> str:
    fit = next((f for f in result.fits if f.role_id == role), None)
    if fit is None:
        raise RolematchError(f"unknown role {role!r} for this résumé")
    others = [f for f in result.fits if f.role_id != role]
    return render(fit, fmt, alternatives=others, redact=result.redact)


def _profile(text: str) -> RoleProfile:
    if not text.strip():
        raise RolematchError("paste the job posting's text to match against it")
    rs = RoleSet.default()
    role = RoleProfile.from_text(text, id="posting", source="pasted posting", taxonomy=rs.taxonomy)
    if not role.skills:
        raise RolematchError(
            "no skills of the taxonomy were found in the posting; "
            "paste its full text (requirements included)"
        )
    return role


# --------------------------------------------------------------------------- form parsing
def _resume_bytes(form: FormData, max_bytes: int) -> tuple[bytes, str]:
    upload = form.get("resume")
    if isinstance(upload, UploadFile) and upload.filename:
        name = clean_name(upload.filename, "resume")
        return read_limited(upload.file, name, max_bytes), name
    text = form.get("resume_text")
    if isinstance(text, str) and text.strip():
        return text.encode("utf-8"), "pasted résumé.txt"
    raise RolematchError("choose a résumé file (PDF, DOCX or text) or paste its text")


def _text(form: FormData, key: str) -> str:
    value = form.get(key)
    return value if isinstance(value, str) else ""


# --------------------------------------------------------------------------- one résumé
async def index(request: Request) -> Response:
    return page(request, "index.html.j2", roles=list(RoleSet.default().values()))


def _targets(state) -> tuple[str, ...]:
    return ("role", "rank", "posting") + (("occupation", "explore") if state.occupations else ())


async def _choice(state, form: FormData) -> tuple[str, str | None, RoleProfile | None]:
    """What the résumé is matched against: (target, shipped role id, extra role — a
    posting's or an occupation's profile), checked before the résumé is read."""
    target, role = _text(form, "target") or "role", _text(form, "role")
    if target not in _targets(state):
        raise RolematchError(f"unknown choice {target!r}: {', '.join(_targets(state))}")
    if target == "role" and role not in RoleSet.default():
        raise RolematchError(f"unknown role {role!r}; pick one of the list")
    if target == "posting":
        return target, None, await run_in_threadpool(_profile, _text(form, "posting"))
    if target == "occupation":
        from ._occupations import occupation_role

        return target, None, await run_in_threadpool(occupation_role, _text(form, "occupation"))
    return target, role if target == "role" else None, None


async def match(request: Request) -> Response:
    state = request.app.state
    async with request.form(max_files=1, max_fields=20, max_part_size=_TEXT_FIELD) as form:
        data, name = _resume_bytes(form, state.options.batch.max_bytes)
        target, role, extra = await _choice(state, form)
        redact = _text(form, "redact") == "on"
    resume, mentions = await state.readers.read(data, name)
    if target == "posting" and extra is not None:
        token = state.results.put(Pending(name, resume, mentions, extra, redact))
        return RedirectResponse(f"/p/{token}", status_code=303)
    if target == "explore":
        from ._occupations import Explored, explore_resume

        found = await run_in_threadpool(explore_resume, resume)
        token = state.results.put(Explored(name, resume, mentions, found, redact))
        return RedirectResponse(f"/x/{token}", status_code=303)
    fits = await run_in_threadpool(_rank, state, resume, mentions, extra)
    chosen = extra.id if extra is not None else role
    token = state.results.put(Scored(name, fits, chosen, redact))
    return RedirectResponse(
        f"/r/{token}/fit?role={quote(chosen)}" if chosen else f"/r/{token}", status_code=303
    )


def _pending(request: Request) -> Pending:
    got = request.app.state.results.get(request.path_params["token"])
    if not isinstance(got, Pending):
        raise Expired("this page is not a posting's profile")
    return got


async def profile_form(request: Request) -> Response:
    pending = _pending(request)
    tax = RoleSet.default().taxonomy
    rows = []
    for s in pending.profile.skills:
        skill = tax.get(s.skill_id)
        rows.append(
            {
                "id": s.skill_id,
                "name": skill.name if skill else s.skill_id,
                "weight": s.weight,
                "required": s.required,
            }
        )
    return page(
        request, "profile.html.j2", pending=pending, rows=rows, token=request.path_params["token"]
    )


def _edited(profile: RoleProfile, form: FormData) -> RoleProfile:
    """The profile as the form left it: skills dropped or moved, title changed."""
    skills = []
    for s in profile.skills:
        choice = _text(form, f"skill:{s.skill_id}") or ("required" if s.required else "preferred")
        if choice not in ("required", "preferred", "drop"):
            raise RolematchError(
                f"{s.skill_id}: choose required, preferred or drop, not {choice!r}"
            )
        if choice != "drop":
            skills.append(RoleSkill(s.skill_id, s.weight, choice == "required"))
    if not skills:
        raise RolematchError("keep at least one skill in the profile")
    title = " ".join(_text(form, "title").split())[:200] or profile.title
    return replace(profile, title=title, skills=tuple(skills))


async def profile_submit(request: Request) -> Response:
    state, token = request.app.state, request.path_params["token"]
    pending = _pending(request)
    async with request.form(max_files=0, max_fields=2000, max_part_size=10_000) as form:
        edited = _edited(pending.profile, form)
    pending.profile = edited
    fits = await run_in_threadpool(_rank, state, pending.resume, pending.mentions, edited)
    result = Scored(pending.name, fits, edited.id, pending.redact, profile_token=token)
    new = state.results.put(result)
    return RedirectResponse(f"/r/{new}/fit?role={quote(edited.id)}", status_code=303)


def _scored(request: Request) -> Scored:
    got = request.app.state.results.get(request.path_params["token"])
    if not isinstance(got, Scored):
        raise Expired("this page holds no scored résumé")
    return got


async def ranking(request: Request) -> Response:
    result = _scored(request)
    data = await run_in_threadpool(ranking_to_dict, result.fits, redact=result.redact)
    return page(
        request, "ranking.html.j2", r=data, result=result, token=request.path_params["token"]
    )


async def fit_page(request: Request) -> Response:
    result = _scored(request)
    role = request.query_params.get("role", result.chosen or "")
    html = await run_in_threadpool(_report, result, role, "html")
    report = split_styles(html)
    result.css[role] = report.css
    fit = next(f for f in result.fits if f.role_id == role)
    return page(
        request,
        "report.html.j2",
        report=report,
        result=result,
        fit=fit,
        token=request.path_params["token"],
    )


async def report_css(request: Request) -> Response:
    result = _scored(request)
    role = request.query_params.get("role", "")
    css = result.css.get(role)
    if css is None:
        css = split_styles(await run_in_threadpool(_report, result, role, "html")).css
    return Response(css, media_type="text/css")


def _download_name(*parts: str) -> str:
    stem = "--".join(re.sub(r"[^A-Za-z0-9._-]+", "-", p).strip("-.") for p in parts if p)
    return stem[:150] or "report"


async def download(request: Request) -> Response:
    result = _scored(request)
    role, fmt = request.query_params.get("role", ""), request.query_params.get("format", "")
    if fmt not in _FORMATS:
        raise RolematchError(f"unknown report format {fmt!r}; use html, md or json")
    text = await run_in_threadpool(_report, result, role, fmt)
    name = f"{_download_name(Path(result.name).stem, role)}.{fmt}"
    return Response(
        text,
        media_type=f"{_FORMATS[fmt]}; charset=utf-8",
        headers={"content-disposition": f'attachment; filename="{name}"'},
    )


# --------------------------------------------------------------------------- batch
async def batch_form(request: Request) -> Response:
    return page(request, "batch.html.j2", roles=list(RoleSet.default().values()))


def _entries(uploads: list, tmp: Path, limits) -> list[tuple[str, Path | BatchResult]]:
    """Every uploaded file (and archive member) written under a server-made name, or
    its error row."""
    entries: list[tuple[str, Path | BatchResult]] = []
    for upload in uploads:
        name = clean_name(upload.filename)
        try:
            data = read_limited(
                upload.file,
                name,
                limits.max_bytes if not name.lower().endswith(".zip") else limits.max_total,
            )
        except ResumeReadError as e:
            entries.append((name, BatchResult(name, "error", e.reason, e.message)))
            continue
        if is_zip(data, name):
            entries += unpack_zip(data, name, tmp, limits, start=len(entries))
        else:
            suffix = Path(name).suffix.lower()
            path = tmp / f"{len(entries):04d}{suffix if suffix in RESUME_SUFFIXES else ''}"
            path.write_bytes(data)
            entries.append((name, path))
        if len(entries) > limits.max_files:
            raise RolematchError(f"more than {limits.max_files} files in one batch")
    return entries


async def batch_submit(request: Request) -> Response:
    state = request.app.state
    limits = state.options.uploads
    async with request.form(
        max_files=limits.max_files, max_fields=200, max_part_size=10_000
    ) as form:
        uploads = [u for u in form.getlist("files") if isinstance(u, UploadFile) and u.filename]
        role_ids = [r for r in form.getlist("role") if isinstance(r, str)]
        if not uploads:
            raise RolematchError("choose résumé files or a zip archive to score")
        roles = RoleSet.default()
        roles = roles.subset(role_ids) if role_ids else roles
        tmp = tempfile.TemporaryDirectory(prefix="rolematch-web-")
        try:
            entries = await run_in_threadpool(_entries, uploads, Path(tmp.name), limits)
        except BaseException:
            tmp.cleanup()
            raise
    job = state.runner.submit(entries, tmp, roles)
    return RedirectResponse(f"/batch/{state.jobs.put(job)}", status_code=303)


def _job(request: Request) -> BatchJob:
    return request.app.state.jobs.get(request.path_params["token"])


async def batch_page(request: Request) -> Response:
    job = _job(request)
    return page(
        request, "job.html.j2", job=job, status=job.status(), token=request.path_params["token"]
    )


async def batch_status(request: Request) -> Response:
    return JSONResponse(_job(request).status())


async def batch_results(request: Request) -> Response:
    job, fmt = _job(request), request.path_params["fmt"]
    if fmt not in _BATCH_FORMATS:
        raise RolematchError(f"unknown output format {fmt!r}; use csv or jsonl")
    if job.status()["state"] != "done":
        raise RolematchError("the batch has not finished yet")
    text = await run_in_threadpool(results_text, job.rows, fmt)
    return Response(
        text,
        media_type=f"{_BATCH_FORMATS[fmt]}; charset=utf-8",
        headers={"content-disposition": f'attachment; filename="results.{fmt}"'},
    )


routes = [
    Route("/", index),
    Route("/match", match, methods=["POST"]),
    Route("/p/{token}", profile_form),
    Route("/p/{token}", profile_submit, methods=["POST"]),
    Route("/r/{token}", ranking),
    Route("/r/{token}/fit", fit_page),
    Route("/r/{token}/report.css", report_css),
    Route("/r/{token}/download", download),
    Route("/batch", batch_form),
    Route("/batch", batch_submit, methods=["POST"]),
    Route("/batch/{token}", batch_page),
    Route("/batch/{token}/status", batch_status),
    Route("/batch/{token}/results.{fmt}", batch_results),
]
