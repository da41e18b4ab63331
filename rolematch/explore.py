"""``rolematch explore``: which occupations fit a person, across the whole index.

On top of scoring (like ``batch``): every O*NET occupation with skills (ESCO's too on
request) becomes a role (:meth:`RoleProfile.from_occupation`); one :class:`Matcher`
fitted on all of them is kept per process, so one résumé is scored against the whole
index with a few sparse products. The answer: the best-fitting occupations, each with
its score, its main gaps and what would close them, and the career paths from the
person's current occupation (its related occupations, ordered by fit).
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from functools import lru_cache
from collections.abc import Sequence
from typing import Any

import numpy as np

from .documents import Resume
from ._report_util import close_missing, close_partial
from .errors import RolematchError
from .occupations import JobOccupation, OccupationIndex, occupations_of
from .roles import RoleProfile, RoleSet
from .score import Matcher, ResumeFeatures
from .taxonomy import Taxonomy

__all__ = [
    "OccupationFit",
    "Exploration",
    "Explorer",
    "explore",
    "exploration_to_dict",
    "render_exploration",
    "EXPLORE_SCHEMA",
]

EXPLORE_SCHEMA = "rolematch.explore/1"
#: Gaps listed per occupation.
MAX_GAPS = 5
#: Career paths listed.
MAX_PATHS = 8
#: A job's occupation counts as the person's current one from this confidence.
CURRENT_MIN_CONFIDENCE = 0.5
#: Occupations with fewer skills are not explored (a two-tool profile is no evidence).
MIN_SKILLS = 6
#: Points the job history adds to an occupation's fit (times its history match in [0, 1]).
HISTORY_POINTS = 25.0
#: History match by how a job's occupation relates to the explored one.
SAME, RELATED, SAME_BROAD, SAME_MAJOR = 1.0, 0.5, 0.6, 0.2
#: A job's weight by years since it ended: (max age, weight), first match wins.
HISTORY_RECENCY = ((3.0, 1.0), (8.0, 0.85), (float("inf"), 0.7))


@dataclass(frozen=True)
class Gap:
    skill_id: str
    name: str
    how_to_close: str


@dataclass(frozen=True)
class OccupationFit:
    id: str  # onet:CODE / esco:CODE, a role id
    title: str
    score: float  # fit + HISTORY_POINTS x history, at most 100: the order
    fit: float  # the skills fit score (Matcher), 0-100
    history: float  # how much the job history shows this occupation, 0-1
    matched: int  # role skills with direct credit
    gaps: tuple[Gap, ...]  # required skills lacking, most important first


@dataclass(frozen=True)
class Exploration:
    source: str
    system: str
    history: tuple[JobOccupation, ...]
    current: JobOccupation | None
    best: tuple[OccupationFit, ...]
    paths: tuple[OccupationFit, ...]


class Explorer:
    """Scores one résumé against every occupation. Fit once, explore many.

    ``system``: "onet" (every O*NET occupation with skills) or "all" (ESCO too)."""

    def __init__(
        self,
        *,
        system: str = "onet",
        index: OccupationIndex | None = None,
        taxonomy: Taxonomy | None = None,
        min_skills: int = MIN_SKILLS,
    ) -> None:
        self.system = system
        self.min_skills = min_skills
        self.index = index
        self.taxonomy = taxonomy

    def fit(self) -> Explorer:
        if self.system not in ("onet", "all"):
            raise RolematchError(f"unknown system {self.system!r}; expected onet or all")
        self.index_ = self.index or OccupationIndex.default()
        self.taxonomy_ = self.taxonomy or Taxonomy.default()
        occs = [o for o in self.index_ if self.system == "all" or o.system == "onet"]
        roles = [
            RoleProfile.from_occupation(o.id, taxonomy=self.taxonomy_, index=self.index_)
            for o in occs
        ]
        roles = [r for r in roles if len(r.skills) >= self.min_skills]
        # the job history counts here as HISTORY_POINTS, so not also in the fit; words
        # only: the meaning layer over ~7,700 occupation skills took featurize from
        # 6 to 30 ms and lowered bench_explore's own-category top 10 (60.0% -> 59.3%)
        self.matcher_ = Matcher(
            weights={"occupation": 0.0}, occupations=self.index_, meaning=False
        ).fit(RoleSet(roles, taxonomy=self.taxonomy_))
        self.codes_ = [r.occupations[0] if r.occupations else "" for r in roles]
        return self

    def history_match(self, history: Sequence[JobOccupation]) -> np.ndarray:
        """Per fitted occupation, in [0, 1]: the best of the jobs' occupations matching
        it (the same, a related one, the same broad or major group), times the job's
        title confidence and recency weight."""
        out = np.zeros(len(self.codes_))
        codes = np.array(self.codes_)
        for h in history:
            if not h.code or f"onet:{h.code}" not in self.index_:
                continue
            rel = {o.code for o in self.index_.related(f"onet:{h.code}")}
            age = h.recency if h.recency is not None else float("inf")
            w = h.confidence * next(c for lim, c in HISTORY_RECENCY if age <= lim)
            match = np.where(
                codes == h.code,
                SAME,
                np.where(
                    np.isin(codes, list(rel)),
                    RELATED,
                    np.where(
                        np.char.startswith(codes, h.code[:6]),
                        SAME_BROAD,
                        np.where(np.char.startswith(codes, h.code[:2]), SAME_MAJOR, 0.0),
                    ),
                ),
            )
            np.maximum(out, w * match, out=out)
        return out

    def _check(self) -> None:
        if not hasattr(self, "matcher_"):
            raise RolematchError("this Explorer is not fitted yet; call .fit() first")

    def explore(
        self, resume: Resume, k: int = 10, *, features: ResumeFeatures | None = None
    ) -> Exploration:
        """The ``k`` best occupations for ``resume`` and the paths from its current one."""
        self._check()
        m = self.matcher_
        f = features or m.featurize(resume)
        # the matcher's arrays once (not fit_summary: it works out every role's gaps)
        scored = m._scored([f])
        direct, related, totals = scored.direct, scored.related, scored.totals
        history = occupations_of(resume, self.index_)
        hist = self.history_match(history)
        fits = totals[0]
        scores = np.minimum(100.0, fits + HISTORY_POINTS * hist).round(2)
        order = np.lexsort((m.fitted_.needs.id_rank, -scores))[:k]
        arrays = (scores, fits, hist, direct, related)
        best = tuple(self._fit_of(j, f, arrays) for j in order)
        current = _current(history)
        paths: tuple[OccupationFit, ...] = ()
        if current is not None and current.code:
            rel = [
                m.role_index_[o.id]
                for o in self.index_.related(f"onet:{current.code}")
                if o.id in m.role_index_
            ]
            rel.sort(key=lambda j: (-scores[j], m.roles_[j].id))
            paths = tuple(self._fit_of(j, f, arrays) for j in rel[:MAX_PATHS])
        return Exploration(resume.source, self.system, history, current, best, paths)

    def _fit_of(self, j: int, f: ResumeFeatures, arrays: tuple[np.ndarray, ...]) -> OccupationFit:
        """Occupation ``j``'s entry: its scores, matched count and missing required
        skills (neither direct nor related credit, by the matcher's required order)."""
        scores, fits, hist, direct, related = arrays
        m = self.matcher_
        role = m.roles_[j]
        cols = [m.fitted_.index.col[s.skill_id] for s in role.skills]
        matched = int((direct[0, cols] > 0).sum())
        req_cols, req_ids = m.fitted_.skills.required_order[j]
        lacking = [
            sid for sid, c in zip(req_ids, req_cols) if direct[0, c] <= 0 and related[0, c] <= 0
        ]
        gaps = tuple(self._gap(sid, f) for sid in lacking[:MAX_GAPS])
        return OccupationFit(
            role.id,
            role.title,
            round(float(scores[j]), 2),
            round(float(fits[j]), 2),
            round(float(hist[j]), 3),
            matched,
            gaps,
        )

    def _gap(self, sid: str, f: ResumeFeatures) -> Gap:
        """A gap and what would close it, in the words of a match report
        (:func:`~rolematch._report_util.close_missing`, ``close_partial``)."""
        tax = self.taxonomy_
        name = tax[sid].name if sid in tax else sid
        near = [s for s in tax.related(sid) if s.id in f.credit] if sid in tax else []
        if near:
            how = close_partial(name, near[0].name)
        else:
            how = close_missing(tax[sid].kind if sid in tax else "", name)
        return Gap(sid, name, how)


def _current(history: Sequence[JobOccupation]) -> JobOccupation | None:
    known = [h for h in history if h.code and h.confidence >= CURRENT_MIN_CONFIDENCE]
    if not known:
        return None
    return min(known, key=lambda h: (h.recency if h.recency is not None else 1e9, -h.years, h.job))


@lru_cache(maxsize=2)
def _default_explorer(system: str) -> Explorer:
    return Explorer(system=system).fit()


def explore(resume: Resume, k: int = 10, *, esco: bool = False) -> Exploration:
    """The best-fitting occupations for ``resume`` (a process-wide fitted explorer)."""
    return _default_explorer("all" if esco else "onet").explore(resume, k)


# --------------------------------------------------------------------------- reports
def exploration_to_dict(x: Exploration) -> dict[str, Any]:
    """The exploration as a plain dict (schema ``rolematch.explore/1``)."""
    return {
        "schema": EXPLORE_SCHEMA,
        "source": x.source,
        "system": x.system,
        "current": asdict(x.current) if x.current else None,
        "history": [asdict(h) for h in x.history],
        "best": [asdict(b) for b in x.best],
        "paths": [asdict(p) for p in x.paths],
    }


def _text(d: dict[str, Any]) -> str:
    from rich.table import Table
    from rich.text import Text

    from .report import _plain

    cur = d["current"]
    head = Text(f"Occupations for {d['source']}\n", style="bold")
    head.append(
        "Current occupation: "
        + (
            f'{cur["occupation_title"]} (onet:{cur["code"]}, from "{cur["title"]}")'
            if cur
            else "not found"
        )
    )
    parts: list[Any] = [head]
    for label, rows in (
        ("Best-fitting occupations", d["best"]),
        ("Career paths from the current occupation", d["paths"]),
    ):
        if not rows:
            continue
        t = Table(title=label, title_justify="left")
        for col, just in (
            ("#", "right"),
            ("occupation", "left"),
            ("score", "right"),
            ("main gaps", "left"),
        ):
            t.add_column(col, justify=just)  # type: ignore[arg-type]
        for i, r in enumerate(rows, 1):
            t.add_row(
                str(i),
                Text(f"{r['title']} ({r['id']})"),
                f"{r['score']:.1f}",
                Text(", ".join(g["name"] for g in r["gaps"][:3]) or "—"),
            )
        parts.append(t)
    if d["best"] and d["best"][0]["gaps"]:
        g = d["best"][0]["gaps"][0]
        parts.append(Text(f"To close the top gap of {d['best'][0]['title']}: {g['how_to_close']}"))
    from rich.console import Group

    return _plain(Group(*parts))


def render_exploration(x: Exploration, fmt: str) -> str:
    """The exploration as json, md, html or text."""
    from .report import FORMATS, _template

    if fmt not in FORMATS:
        raise RolematchError(f"unknown report format {fmt!r}; expected one of {', '.join(FORMATS)}")
    d = exploration_to_dict(x)
    if fmt == "json":
        return json.dumps(d, indent=2, ensure_ascii=False) + "\n"
    if fmt == "text":
        return _text(d)
    return _template(f"explore.{fmt}.j2", x=d)
