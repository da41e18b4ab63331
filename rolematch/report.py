"""Stage 6: a :class:`~rolematch.score.Fit` becomes a report — JSON, Markdown, HTML or text.

Every format is rendered from one plain dict, :func:`fit_to_dict`, whose versioned
schema (``"rolematch.fit/1"``) is documented in ``templates/fit-schema.md``. The dict
already carries the coaching: a one-line verdict with the single biggest lever, and
for every gap what would close it. Output is deterministic — no timestamps unless
``generated=`` is passed — so reports can be compared against golden files.

>>> print(render(fit, "md", alternatives=other_fits, redact=True))  # doctest: +SKIP

HTML is built with autoescaping on: every string from a résumé or role file is
escaped. Quoted résumé lines never show e-mail addresses, phone numbers or street
addresses (:func:`scrub_contact`); ``redact=True`` also removes links and shortens
``source`` to the file name.
"""

from __future__ import annotations

import io
import json
import re
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Iterable, Mapping, Sequence

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from . import _report_util as U
from ._privacy import redact_line, scrub_contact
from .errors import RolematchError

if TYPE_CHECKING:  # report reads a Fit's fields only; no runtime import of the pipeline
    from rich.console import RenderableType

    from .score import Evidence, Fit

__all__ = ["FIT_SCHEMA", "RANKING_SCHEMA", "FORMATS", "fit_to_dict", "ranking_to_dict",
           "redact_line", "scrub_contact", "render", "render_json", "render_markdown", "render_html",
           "render_text", "render_ranking"]

FIT_SCHEMA = "rolematch.fit/1"
RANKING_SCHEMA = "rolematch.ranking/1"
FORMATS = ("json", "md", "html", "text")
#: How many better roles a fit report lists.
MAX_BETTER_ROLES = 5

# --------------------------------------------------------------------------- the dict
_BULLET = re.compile(r"^\s*(?:[-*+–—>]\s+|[•·▪◦‣]\s*)+(?=\S)")


#: Longest quoted résumé line; a longer one (a text file without line breaks) is cut.
MAX_QUOTE_CHARS = 400


@lru_cache(maxsize=512)  # a line evidencing several skills is quoted several times
def _quote(text: str, redact: bool) -> str:
    """A résumé line as quoted: stripped of its list bullet; e-mail, phone and street
    address always scrubbed, links too when ``redact`` (before cutting, so nothing is
    left half-scrubbed); at most :data:`MAX_QUOTE_CHARS` characters."""
    text = _BULLET.sub("", text).strip()
    text = redact_line(text) if redact else scrub_contact(text)
    return text if len(text) <= MAX_QUOTE_CHARS else text[:MAX_QUOTE_CHARS - 1].rstrip() + "…"


def _evidence(ev: Iterable[Evidence], redact: bool) -> list[dict[str, Any]]:
    return [{"line": e.line + 1, "section": e.section, "text": _quote(e.text, redact)}
            for e in ev]


def _category_of(x: object) -> str | None:
    cat = getattr(x, "category", None)
    return cat if isinstance(cat, str) else None


def _coverage(fit: Fit, d: Mapping[str, Any]) -> dict[str, Any]:
    groups: list[tuple[str, Any]] = [*(("matched", m) for m in fit.matched), *(("partial", p) for p in fit.partial),
              *(("missing", g) for g in fit.missing)]
    by = "category" if any(_category_of(x) for _, x in groups) else "requirement"
    pairs = [(status, _category_of(x) or "" if by == "category"
              else ("Required" if x.required else "Preferred")) for status, x in groups]
    return {"required": U.counts(d, True), "preferred": U.counts(d, False),
            "by": by, "groups": U.coverage_groups(pairs, by)}


def fit_to_dict(fit: Fit, *, alternatives: Iterable[Fit] = (), redact: bool = False,
                generated: str | None = None) -> dict[str, Any]:
    """The report as a JSON-ready dict (schema ``rolematch.fit/1``, see fit-schema.md).

    ``alternatives`` are other fits for the same person; those scoring higher become
    ``better_roles``. ``redact`` scrubs contact details from every quoted line and keeps
    only the file name of ``source``. ``generated`` (e.g. an ISO date) is copied as is.
    """
    d: dict[str, Any] = {
        "schema": FIT_SCHEMA,
        "generated": generated,
        "source": U.file_name(fit.source) if redact else fit.source,
        "role": {"id": fit.role_id, "title": fit.role_title},
        "score": round(float(fit.score), 2),
        "verdict": {},
        "components": [{"name": c.name, "value": round(float(c.value), 4),
                        "weight": round(float(c.weight), 4),
                        "points": round(float(c.points), 2), "detail": c.detail}
                       for c in fit.components],
        "coverage": {},
        "matched": [], "partial": [], "missing": [],
        "strengths": [{"skill_id": s.skill_id, "name": s.name, "credit": round(s.credit, 3),
                       "evidence": _evidence(s.evidence, redact)} for s in fit.strengths],
        "experience": {"years": round(float(fit.years), 1),
                       "min_years": round(float(fit.min_years), 1)},
        "education": {"level": fit.education_level, "required": fit.required_education},
        "flags": U.flag_notes(fit.flags, fit.hidden_chars),
        "better_roles": [],
    }
    for m in fit.matched:
        ev = _evidence(m.evidence, redact)
        d["matched"].append({"skill_id": m.skill_id, "name": m.name,
                             "weight": round(m.weight, 3), "required": m.required,
                             "credit": round(m.credit, 3), "via": m.via, "evidence": ev,
                             "tip": U.visibility_tip(ev),
                             **({"inferred": True} if m.inferred else {})})
    for p in fit.partial:
        d["partial"].append({"skill_id": p.skill_id, "name": p.name,
                             "weight": round(p.weight, 3), "required": p.required,
                             "credit": round(p.credit, 3),
                             "has": {"skill_id": p.via_id, "name": p.via_name},
                             "evidence": _evidence(p.evidence, redact),
                             "how_to_close": U.close_partial(p.name, p.via_name)})
    for g in fit.missing:
        d["missing"].append({"skill_id": g.skill_id, "name": g.name,
                             "weight": round(g.weight, 3), "required": g.required,
                             "kind": g.kind, "category": g.category,
                             "how_to_close": U.close_missing(g.kind, g.name)})
    better = sorted((a for a in alternatives
                     if a.role_id != fit.role_id and a.score > fit.score),
                    key=lambda a: (-a.score, a.role_id))
    seen: set[str] = set()
    for a in better:
        if a.role_id not in seen and len(seen) < MAX_BETTER_ROLES:
            seen.add(a.role_id)
            d["better_roles"].append({"id": a.role_id, "title": a.role_title,
                                      "score": round(float(a.score), 2)})
    d["coverage"] = _coverage(fit, d)
    d["verdict"] = U.verdict(d)
    return d


def _gaps(d: Mapping[str, Any]) -> list[dict[str, Any]]:
    """Missing and partly covered skills in one list, in priority order."""
    rows = [{**g, "status": "missing"} for g in d["missing"]]
    rows += [{**p, "status": "related", "kind": "", "category": ""} for p in d["partial"]]
    return sorted(rows, key=lambda r: (not r["required"], -r["weight"],
                                       r["status"] == "related", r["skill_id"]))


def _view(d: Mapping[str, Any]) -> dict[str, Any]:
    """What the templates need beyond the dict: gaps merged, strengths split, chart."""
    return {"d": d, "gaps": _gaps(d),
            "proven": [m for m in d["matched"] if m["required"]],
            "also": [m for m in d["matched"] if not m["required"]],
            "chart": U.chart(d["coverage"]["groups"])}


def ranking_to_dict(fits: Sequence[Fit], *, redact: bool = False,
                    generated: str | None = None) -> dict[str, Any]:
    """One person's fits for many roles as a ranking (schema ``rolematch.ranking/1``)."""
    ordered = sorted(fits, key=lambda f: (-f.score, f.role_id))
    sources = sorted({f.source for f in ordered})
    source = ", ".join(U.file_name(s) if redact else s for s in sources) or None
    rows = []
    for i, f in enumerate(ordered, 1):
        req = [m for m in f.missing if m.required]
        b, label = U.band(f.score)
        n_req = sum(1 for m in f.matched if m.required)
        n_part = sum(1 for p in f.partial if p.required)
        rows.append({"rank": i, "id": f.role_id, "title": f.role_title,
                     "score": round(float(f.score), 2), "band": b, "label": label,
                     "required": {"matched": n_req, "partial": n_part, "missing": len(req),
                                  "total": n_req + n_part + len(req)},
                     "top_missing_required": [g.name for g in req[:3]],
                     "required_gap": _required_gap([g.name for g in req[:3]], n_part),
                     "flags": list(f.flags)})
    return {"schema": RANKING_SCHEMA, "generated": generated, "source": source,
            "roles": rows}


def _required_gap(missing: list[str], n_partial: int) -> str:
    """The ranking's gap cell, in the wording of a fit report's levers: the top missing
    required skills, else how many are covered only by related skills, else "—"."""
    if missing:
        return ", ".join(missing)
    if n_partial:
        return f"{U._plural(n_partial, 'required skill')} covered only by related skills"
    return "—"


# --------------------------------------------------------------------------- templates
@lru_cache(maxsize=1)
def _env() -> Environment:
    env = Environment(
        loader=PackageLoader("rolematch", "templates"),
        autoescape=select_autoescape(enabled_extensions=("html", "html.j2", "svg.j2"),
                                     disabled_extensions=("md.j2",),
                                     default_for_string=True, default=True),
        undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True,
        keep_trailing_newline=True)
    env.filters["md"] = U.md_escape
    env.filters["code"] = lambda s: " ".join(str(s).replace("`", "'").replace("|", "\\|").split())
    env.filters["pct"] = lambda v: f"{100 * float(v):.0f}%"
    env.filters["num"] = lambda v: f"{float(v):g}"
    env.filters["nice"] = lambda s: (s or "").replace("_", " ")
    return env


def _template(name: str, **ctx: Any) -> str:
    return _env().get_template(name).render(**ctx)


# --------------------------------------------------------------------------- renderers
def render_json(fit: Fit, **kw: Any) -> str:
    """The report as JSON (``rolematch.fit/1``), indented, UTF-8 text, trailing newline."""
    return json.dumps(fit_to_dict(fit, **kw), indent=2, ensure_ascii=False) + "\n"


def render_markdown(fit: Fit, **kw: Any) -> str:
    """The coaching report as a Markdown document; quoted lines cannot break tables."""
    return _template("fit.md.j2", **_view(fit_to_dict(fit, **kw)))


def render_html(fit: Fit, **kw: Any) -> str:
    """The coaching report as one self-contained HTML page (inline CSS and SVG, no JS)."""
    return _template("fit.html.j2", **_view(fit_to_dict(fit, **kw)))


def _rich_text(d: Mapping[str, Any], limit: int = 6) -> RenderableType:
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    v = d["verdict"]
    head = Text()
    head.append(f"{d['role']['title']}", style="bold")
    head.append(f"  ({d['role']['id']})  ·  {d['source']}", style="dim")
    if d["generated"]:
        head.append(f"  ·  {d['generated']}", style="dim")
    head.append("\n")
    head.append(f"Score {d['score']:.0f}/100 — {v['label']}", style="bold")
    if v["lever"]:
        head.append(f"\nBiggest lever: {v['lever']}")
    for note in d["flags"]:
        head.append(f"\nWarning ({note['flag']}): {note['message']}", style="bold red")
    comp = Table(title="Components", title_justify="left", expand=False)
    for col, just in (("component", "left"), ("value", "right"), ("weight", "right"),
                      ("points", "right"), ("detail", "left")):
        comp.add_column(col, justify=just)  # type: ignore[arg-type]
    for c in d["components"]:
        comp.add_row(Text(c["name"]), f"{100 * c['value']:.0f}%", f"{100 * c['weight']:.0f}%",
                     f"{c['points']:.1f}", Text(c["detail"]))
    matched = Table(title="Top matched", title_justify="left")
    matched.add_column("skill")
    matched.add_column("req", justify="center")
    matched.add_column("evidence")
    for m in d["matched"][:limit]:
        ev = m["evidence"][0]["text"] if m["evidence"] else ""
        name = m["name"] + (f" (via {m['via']})" if m["via"] else "")
        matched.add_row(Text(name), "yes" if m["required"] else "", Text(ev, overflow="ellipsis",
                                                                          no_wrap=True))
    gaps = Table(title="Top gaps", title_justify="left")
    gaps.add_column("skill")
    gaps.add_column("req", justify="center")
    gaps.add_column("what would close it")
    for g in _gaps(d)[:limit]:
        gaps.add_row(Text(g["name"]), "yes" if g["required"] else "", Text(g["how_to_close"]))
    parts: list[Any] = [head, comp, matched, gaps]
    if d["better_roles"]:
        better = ", ".join(f"{r['title']} ({r['score']:.0f})" for r in d["better_roles"])
        parts.append(Text(f"Roles that fit better: {better}"))
    return Group(*parts)


def render_text(fit: Fit, **kw: Any) -> RenderableType:
    """A compact rich renderable for the terminal: score, components, top matched/gaps."""
    return _rich_text(fit_to_dict(fit, **kw))


def _plain(renderable: RenderableType) -> str:
    from rich.console import Console

    buf = io.StringIO()
    console = Console(file=buf, width=100, color_system=None, force_terminal=False,
                      no_color=True, emoji=False, highlight=False, legacy_windows=False)
    console.print(renderable)
    return buf.getvalue()


def _rich_ranking(r: Mapping[str, Any]) -> RenderableType:
    from rich.table import Table
    from rich.text import Text

    t = Table(title=f"Roles for {r['source'] or 'this résumé'}", title_justify="left")
    for col, just in (("#", "right"), ("role", "left"), ("score", "right"),
                      ("required", "right"), ("top missing required", "left")):
        t.add_column(col, justify=just)  # type: ignore[arg-type]
    for row in r["roles"]:
        req = row["required"]
        t.add_row(str(row["rank"]), Text(row["title"]), f"{row['score']:.1f}",
                  f"{req['matched']}/{req['total']}" if req["total"] else "—",
                  Text(row["required_gap"]))
    return t


def _check_fmt(fmt: str) -> str:
    if fmt not in FORMATS:
        raise RolematchError(f"unknown report format {fmt!r}; expected one of "
                             f"{', '.join(FORMATS)}")
    return fmt


def render(fit: Fit, fmt: str, **kw: Any) -> str:
    """The report for one fit as text in ``fmt`` (json, md, html, or text: plain, 100 wide)."""
    fmt = _check_fmt(fmt)
    if fmt == "text":
        return _plain(render_text(fit, **kw))
    return {"json": render_json, "md": render_markdown, "html": render_html}[fmt](fit, **kw)


def render_ranking(fits: Sequence[Fit], fmt: str, **kw: Any) -> str:
    """One person's fits for many roles as a ranked table in ``fmt``."""
    fmt = _check_fmt(fmt)
    r = ranking_to_dict(fits, **kw)
    if fmt == "json":
        return json.dumps(r, indent=2, ensure_ascii=False) + "\n"
    if fmt == "text":
        return _plain(_rich_ranking(r))
    return _template(f"ranking.{fmt}.j2", r=r)
