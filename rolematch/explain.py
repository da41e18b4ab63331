"""Scoring, step 3: one résumé against one role becomes a :class:`Fit` — the score with
its components, each with a sentence saying why, and the skills matched, partly
covered by a related skill, and missing.

The sentences read the same numbers the score arrays were made of (:class:`Scored`),
so a report never says something the formula did not compute.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping

import numpy as np

from . import formula as F
from ._fitting import RoleOccupations, SkillIndex
from ._model import TextModel
from .documents import NO_JOB_DATES
from .features import Evidence, Job, ResumeFeatures
from .roles import RoleProfile
from .taxonomy import Taxonomy

__all__ = [
    "SkillMatch",
    "PartialMatch",
    "Gap",
    "Strength",
    "Component",
    "Fit",
    "FitSummary",
    "Scored",
    "explain",
]


# --------------------------------------------------------------------------- values
@dataclass(frozen=True)
class SkillMatch:
    skill_id: str
    name: str
    weight: float
    required: bool
    credit: float
    evidence: tuple[Evidence, ...]
    via: str | None = None  # a narrower skill that evidenced this one
    kind: str = ""
    category: str = ""

    @property
    def inferred(self) -> bool:
        """Whether the skill was only inferred from a line's meaning (see _meaning.py)."""
        return bool(self.evidence) and all(e.inferred for e in self.evidence)


@dataclass(frozen=True)
class PartialMatch:
    skill_id: str  # what the role asks for
    name: str
    weight: float
    required: bool
    credit: float
    via_id: str  # the related skill the person has
    via_name: str
    evidence: tuple[Evidence, ...]
    kind: str = ""
    category: str = ""


@dataclass(frozen=True)
class Gap:
    skill_id: str
    name: str
    weight: float
    required: bool
    kind: str
    category: str


@dataclass(frozen=True)
class Strength:
    skill_id: str
    name: str
    credit: float
    evidence: tuple[Evidence, ...]


@dataclass(frozen=True)
class Component:
    name: str
    value: float  # in [0, 1]
    weight: float  # normalized weight
    detail: str

    @property
    def points(self) -> float:
        return F.points(self.value, self.weight)


@dataclass(frozen=True)
class Fit:
    source: str
    role_id: str
    role_title: str
    score: float  # full precision; reports round it
    components: tuple[Component, ...]
    matched: tuple[SkillMatch, ...]
    partial: tuple[PartialMatch, ...]
    missing: tuple[Gap, ...]
    strengths: tuple[Strength, ...]
    years: float
    min_years: float
    education_level: str | None
    required_education: str | None
    #: weighted share of the matched skills evidenced only on list lines
    listed_share: float = 0.0
    #: characters of the file left out as unreadable (white, tiny or invisible text)
    hidden_chars: int = 0

    @property
    def flags(self) -> tuple[str, ...]:
        """Warnings a reader of the score should see: ``mostly_listed`` (most of the
        evidence is listed rather than shown in work) and ``hidden_text`` (the file
        holds text a reader cannot see, left out)."""
        return tuple(
            name
            for name, on in (
                ("mostly_listed", bool(F.mostly_listed(self.listed_share))),
                ("hidden_text", self.hidden_chars > 0),
            )
            if on
        )

    def component(self, name: str) -> Component:
        return next(c for c in self.components if c.name == name)

    @property
    def missing_required(self) -> tuple[Gap, ...]:
        return tuple(g for g in self.missing if g.required)


@dataclass(frozen=True)
class FitSummary:
    """What a batch row shows, for many résumés at once, as arrays (no :class:`Fit`):
    see :meth:`Matcher.fit_summary <rolematch.score.Matcher.fit_summary>`."""

    role_ids: tuple[str, ...]
    #: (n résumés x m roles) scores, as :meth:`Matcher.score_matrix`
    scores: np.ndarray
    #: (n x k) role indices of each résumé's k best roles, best first (ties by role id)
    top: np.ndarray
    #: (n,) the index of each résumé's best role (its first, also when k is 0)
    best: np.ndarray
    #: (n x m) how many of the role's skills have direct credit (``len(Fit.matched)``)
    matched: np.ndarray
    #: per résumé, per role: the missing required skill ids (``Fit.missing_required``)
    missing: list[tuple[tuple[str, ...], ...]]
    #: (n x m) ``Fit.listed_share``
    listed_share: np.ndarray
    #: (n,) ``Fit.hidden_chars``
    hidden_chars: np.ndarray

    def flags(self, i: int, j: int) -> tuple[str, ...]:
        """``Fit.flags`` of résumé ``i`` against role ``j``."""
        return tuple(
            name
            for name, on in (
                ("mostly_listed", bool(F.mostly_listed(self.listed_share[i, j]))),
                ("hidden_text", self.hidden_chars[i] > 0),
            )
            if on
        )


@dataclass(frozen=True, eq=False)
class Scored:
    """The arrays one scoring pass made (n résumés x m roles, or x skill columns):
    credit rows, the cosines (of the shown text and of the whole text), each
    component's value and share, the totals and the listed share of the evidence."""

    direct: np.ndarray
    related: np.ndarray
    cosine: np.ndarray
    whole_cosine: np.ndarray
    values: Mapping[str, np.ndarray]
    shares: Mapping[str, np.ndarray]
    totals: np.ndarray
    listed_share: np.ndarray

    def row(self, i: int) -> Scored:
        """Résumé ``i``'s arrays (one row each)."""
        cut = slice(i, i + 1)
        return Scored(
            self.direct[cut],
            self.related[cut],
            self.cosine[cut],
            self.whole_cosine[cut],
            {c: v[cut] for c, v in self.values.items()},
            self.shares,
            self.totals[cut],
            self.listed_share[cut],
        )


# --------------------------------------------------------------------------- explain
def explain(
    f: ResumeFeatures,
    role: RoleProfile,
    j: int,
    s: Scored,
    index: SkillIndex,
    taxonomy: Taxonomy,
    model: TextModel,
    weights: F.Weights,
    occupations: RoleOccupations | None = None,
) -> Fit:
    """The :class:`Fit` of résumé row 0 of ``s`` against role column ``j``."""

    def name(sid: str) -> str:
        return taxonomy[sid].name if sid in taxonomy else sid

    matched, partial, missing = _skills(f, role, s, index, taxonomy)
    covered = {p.via_id for p in partial} | {x.skill_id for x in role.skills}
    strengths = sorted(
        (
            Strength(sid, name(sid), c, f.evidence.get(sid, ()))
            for sid, c in f.credit.items()
            if sid not in covered and c >= F.STRENGTH_MIN_CREDIT and sid in taxonomy
        ),
        key=lambda x: (-x.credit, -model.skill_weight(x.skill_id), x.skill_id),
    )
    cosines = (float(s.cosine[0, j]), float(s.whole_cosine[0, j]))
    details = _details(f, role, matched, len(partial), cosines, weights)
    details["occupation"] = occupation_detail(f, j, occupations)
    components = tuple(
        Component(
            c,
            round(float(s.values[c][0, j]), 4),
            round(float(np.broadcast_to(s.shares[c], s.totals.shape[1:])[j]), 4),
            details[c],
        )
        for c in F.COMPONENTS
    )
    order = lambda x: (not x.required, -x.weight, x.skill_id)  # noqa: E731
    return Fit(
        f.source,
        role.id,
        role.title,
        float(s.totals[0, j]),
        components,
        tuple(sorted(matched, key=order)),
        tuple(sorted(partial, key=order)),
        tuple(sorted(missing, key=order)),
        tuple(strengths[: F.STRENGTHS_SHOWN]),
        f.years,
        role.min_years,
        f.education_level,
        role.education_level,
        float(s.listed_share[0, j]),
        f.hidden_chars,
    )


def _skills(
    f: ResumeFeatures, role: RoleProfile, s: Scored, index: SkillIndex, taxonomy: Taxonomy
) -> tuple[list[SkillMatch], list[PartialMatch], list[Gap]]:
    """The role's skills, matched (directly or through a narrower skill), partly covered
    by a related skill, or missing."""

    def name(sid: str) -> str:
        return taxonomy[sid].name if sid in taxonomy else sid

    def kind_cat(sid: str) -> tuple[str, str]:
        return (taxonomy[sid].kind, taxonomy[sid].category) if sid in taxonomy else ("", "")

    def best(ids: tuple[str, ...]) -> str:
        # an inferred skill never stands in for another (see SkillIndex.credit_rows)
        return max(ids, key=lambda o: 0.0 if o in f.inferred else f.credit.get(o, 0.0))

    matched, partial, missing = [], [], []
    for sk in role.skills:
        col = index.col[sk.skill_id]
        d, rl = s.direct[0, col], s.related[0, col]
        if d > 0:
            via = None if sk.skill_id in f.credit else best(index.children[sk.skill_id])
            ev = f.evidence.get(via or sk.skill_id, ())
            matched.append(
                SkillMatch(
                    sk.skill_id,
                    name(sk.skill_id),
                    sk.weight,
                    sk.required,
                    round(float(d), 3),
                    ev,
                    name(via) if via else None,
                    *kind_cat(sk.skill_id),
                )
            )
        elif rl > 0:
            via = best(index.related[sk.skill_id])
            partial.append(
                PartialMatch(
                    sk.skill_id,
                    name(sk.skill_id),
                    sk.weight,
                    sk.required,
                    round(float(rl), 3),
                    via,
                    name(via),
                    f.evidence.get(via, ()),
                    *kind_cat(sk.skill_id),
                )
            )
        else:
            missing.append(
                Gap(sk.skill_id, name(sk.skill_id), sk.weight, sk.required, *kind_cat(sk.skill_id))
            )
    return matched, partial, missing


#: How many job lines the occupation component's sentence quotes.
JOBS_SHOWN = 3
_KIND_WORDS = {
    "same": "same occupation",
    "broad": "same broad group",
    "related": "a related occupation",
    "minor": "same minor group",
    "major": "same major group",
}


def occupation_detail(f: ResumeFeatures, j: int, occ: RoleOccupations | None) -> str:
    """The occupation component's sentence: the job lines that show the role's
    occupation ("Staff Accountant 2015–2020 → Accountants and Auditors, same
    occupation"), or why there are none."""
    if occ is None or not occ.codes[j]:
        return (
            "the role's occupation is not known: not scored, the other components share its weight"
        )
    shown = []
    for jb in f.jobs:
        e, kind, code = occ.match(jb, j)
        if e > 0:
            shown.append((-e, jb, kind, code))
    if not shown:
        names = " / ".join(occ.titles.get(c, c) for c in occ.codes[j])
        return f"no job in the role's occupation ({names}) or a close one" + (
            "" if f.jobs else "; no job titles read"
        )
    lines = [
        f"{jb.title} {jb.dates}".strip() + f" → {_reading(jb, code, occ)}, {_KIND_WORDS[kind]}"
        for _, jb, kind, code in sorted(shown, key=lambda x: (x[0], x[1].line))[:JOBS_SHOWN]
    ]
    return "; ".join(lines)


def _reading(jb: Job, code: str, occ: RoleOccupations) -> str:
    """The occupation a job line was read as: its title search's best, or the
    runner-up reading that matched the role ("… or Project Management Specialists")."""
    if code == jb.code:
        return jb.occupation
    return f"{jb.occupation} or {occ.titles.get(code, code)}"


def _details(
    f: ResumeFeatures,
    role: RoleProfile,
    matched: list[SkillMatch],
    n_partial: int,
    cosines: tuple[float, float],
    weights: F.Weights,
) -> dict[str, str]:
    """Each component's sentence (``cosines``: the vocabulary's and the whole text's)."""
    cosine, whole = cosines
    cap = F.LISTED_COSINE_CAP  # when the cap binds, cosine = shown + cap
    listed = (
        f"; list lines add {whole - cosine + cap:.3f}, of which {cap:g} counts"
        if whole - cosine > 0.0005
        else ""
    )
    n_req, n_pref = len(role.required), len(role.preferred)
    req_hit = sum(1 for x in matched if x.required)
    pref_hit = len(matched) - req_hit
    lvl = f.education_level
    return {
        "required": f"{req_hit} of {n_req} required skills evidenced (each counted by its "
        "weight and how specific it is, and by where it is shown)",
        "preferred": (
            f"{pref_hit} of {n_pref} preferred skills evidenced"
            if n_pref
            else "no preferred skills listed; follows required coverage"
        ),
        "related": f"{n_partial} missing skills partly covered by related skills",
        "vocabulary": f"TF-IDF cosine {cosine:.3f} with the role's text "
        f"(nearly full at {weights.tfidf_full:g}{listed})",
        "experience": (
            f"{f.years:.1f} years against a minimum of {role.min_years:g}"
            if role.min_years
            else f"{f.years:.1f} years; no minimum"
        )
        + (f" and a maximum of {role.max_years:g}" if role.max_years is not None else "")
        + "".join(f" ({n})" for n in f.notes if n == NO_JOB_DATES),
        "education": (
            f"{(lvl or 'none found').replace('_', ' ')} against "
            f"{role.education_level.replace('_', ' ')}"
            if role.education_level
            else "no degree required"
        ),
    }
