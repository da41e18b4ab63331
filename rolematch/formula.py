"""The scoring formula in one place: every number that shapes a score, and one small
pure function per component.

A fit score is a weighted mean of components, each in [0, 1] (:func:`combine`). The
functions here are used by the score arrays (:class:`~rolematch.score.Matcher`), by the
sentences that explain a fit (:mod:`rolematch.explain`) and by the report's levers
(:func:`rolematch._report_util.lever`), so changing the formula means changing one
function here. ``docs/scoring.md`` explains it in words; a test ties its table (and the
README's) to :class:`Weights`' defaults.

Every component is bounded and *strictly increasing* in its evidence where it has any
(more credit, a higher cosine, more years never score the same): a flat top would make
many résumés tie among a role's best candidates.  :func:`saturate` is the curve: linear
up to :data:`SATURATION_KNEE` of the full point, then an exponential approach to 1 with
the same slope where they meet.

Adding a component: a field of :class:`Weights` with its default weight, its name in
:data:`COMPONENTS`, a function here, its array in ``Matcher._parts`` and its sentence
in :mod:`rolematch.explain`. A component a role does not have (say, no occupation
known) is passed to :func:`combine` as absent for that role, and the weights of the
others are renormalised over what is present.
"""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import fields as dc_fields
from typing import Mapping, Sequence

import numpy as np

from .errors import RolematchError

__all__ = [
    "COMPONENTS",
    "SECTION_CREDIT",
    "DEFAULT_SECTION_CREDIT",
    "RECENCY_CREDIT",
    "EVIDENCE_LINES",
    "STRENGTH_MIN_CREDIT",
    "STRENGTHS_SHOWN",
    "EDUCATION_ONE_BELOW",
    "SATURATION_KNEE",
    "OVER_MAX_SLACK",
    "OVER_MAX_SPAN",
    "OVER_MAX_FLOOR",
    "WORDING_LEVER_SHARE",
    "LIST_ONLY_CREDIT",
    "LISTED_COSINE_CAP",
    "MOSTLY_LISTED_SHARE",
    "OCCUPATION_CLOSENESS",
    "OCCUPATION_FULL",
    "BEST_READING_SHARE",
    "READING_POWER",
    "OVER_MAX_FLOOR",
    "OVER_MAX_SLACK",
    "OVER_MAX_SPAN",
    "RELATED_OCCUPATIONS",
    "TITLE_CONFIDENCE_FULL",
    "job_closeness",
    "OCCUPATION_RECENCY_YEARS",
    "OCCUPATION_TENURE_YEARS",
    "OCCUPATION_TENURE_FLOOR",
    "OCCUPATION_TENURE_UNKNOWN",
    "Weights",
    "saturate",
    "coverage",
    "background_contrast",
    "occupation_kind",
    "job_evidence",
    "tenure",
    "occupation",
    "vocabulary",
    "listed_cosine",
    "mostly_listed",
    "experience",
    "education",
    "section_credit",
    "recency_credit",
    "combine",
    "points",
    "points_lost",
]

#: The components, in the order reports list them.
COMPONENTS = (
    "required",
    "preferred",
    "related",
    "vocabulary",
    "experience",
    "education",
    "occupation",
)

#: Credit of a skill mention by section (experience mentions get RECENCY_CREDIT instead).
SECTION_CREDIT = {
    "experience": 0.9,
    "projects": 0.85,
    "certifications": 0.85,
    "summary": 0.75,
    "skills": 0.7,
    "education": 0.7,
    "other": 0.7,
    "header": 0.0,
}
#: Share of a line's credit that a skill inferred from the line's meaning earns
#: (``Matcher(meaning=True)``, see rolematch/_meaning.py and docs/skills.md).
INFERRED_CREDIT = 0.5
#: Credit of a mention in a section SECTION_CREDIT does not name.
DEFAULT_SECTION_CREDIT = 0.7
#: Credit of a mention inside a dated job, by years between that job's end and the
#: résumé's most recent date: (max age, credit), first match wins.
RECENCY_CREDIT = ((3.0, 1.0), (8.0, 0.85), (float("inf"), 0.75))
#: Credit of a skill whose only evidence is a list line (a skills section, a comma
#: list of terms): listed, not shown in work.  Small, so a pasted keyword line earns
#: little (issue 16, keyword stuffing).
LIST_ONLY_CREDIT = 0.1
#: Most that terms found only on list lines add to the TF-IDF cosine (see
#: :func:`listed_cosine`): a skills list is read, a pasted keyword block does not
#: fill the vocabulary component.
LISTED_COSINE_CAP = 0.005
#: A résumé is flagged ``mostly_listed`` when more than this share of its skill
#: evidence is only listed.
MOSTLY_LISTED_SHARE = 0.5

#: How many evidence lines a matched skill quotes.
EVIDENCE_LINES = 3
#: Lowest credit of a skill the role does not ask for that a report names a strength.
STRENGTH_MIN_CREDIT = 0.85
#: How many strengths a report names.
STRENGTHS_SHOWN = 10
#: Education component one level below the required degree (two or more: 0).
EDUCATION_ONE_BELOW = 0.5
#: A role with a maximum of years ("1-4 years"): experience is not eased up to
#: OVER_MAX_SLACK years above it, then eases linearly to OVER_MAX_FLOOR of its value
#: over OVER_MAX_SPAN more years — never a penalty that rules a person out, but a junior
#: role no longer ranks first for a veteran because its minimum is easy.
OVER_MAX_SLACK, OVER_MAX_SPAN, OVER_MAX_FLOOR = 2.0, 10.0, 0.8
#: Where :func:`saturate` turns from linear to its exponential approach to 1 (share
#: of the full point).
SATURATION_KNEE = 0.8
#: Share of the vocabulary component's lost points a report's lever counts ("wording"
#: follows the skills: adding the skills also adds the words).
WORDING_LEVER_SHARE = 0.5


#: How close a job's occupation is to a role's (O*NET-SOC codes), by kind: the same
#: occupation; one of the first :data:`RELATED_OCCUPATIONS` O*NET lists as related
#: (either way); the same broad group (first five digits, "13-201"); the same minor
#: group ("13-20"); the same major group ("13").  Measured on the dev split (issue 19):
#: minor and major groups only add noise (a customer-service job then counts for
#: bank tellers, HR assistants and clerks alike), so they count 0.
OCCUPATION_CLOSENESS = {"same": 1.0, "broad": 0.5, "related": 0.3, "minor": 0.0, "major": 0.0}
#: How many of an occupation's O*NET related occupations (closest first) count.
RELATED_OCCUPATIONS = 5
#: Share of a job's closeness (:func:`job_closeness`) that is its best close reading's
#: rather than the readings' distribution's; a runner-up reading counts there at its
#: confidence relative to the best one's to the power :data:`READING_POWER`.
BEST_READING_SHARE = 0.25
READING_POWER = 2.0
#: Evidence (:func:`job_closeness` x confidence x recency x tenure) at which the
#: occupation component is nearly full (see :func:`saturate`): a clear title's readings
#: are not all the role's occupation (a job read "Marketing Analyst" also reads as
#: survey researchers, statisticians...), so a clear same-occupation job's closeness
#: is about 0.56 (median on the dev split; 90th percentile 0.64).
OCCUPATION_FULL = 0.5
#: Title-search confidence at which a job's occupation counts fully (less: in proportion).
TITLE_CONFIDENCE_FULL = 0.7
#: A job that ended this many years before the résumé's date counts e^-1 as much.
OCCUPATION_RECENCY_YEARS = 10.0
#: Years in a job count as 1 - (1 - floor) e^(-years / OCCUPATION_TENURE_YEARS): a
#: short job counts the floor, two years about three quarters, five nearly fully.
OCCUPATION_TENURE_YEARS = 2.0
OCCUPATION_TENURE_FLOOR = 0.3
#: Tenure factor of a job whose length is not known (no dates read).
OCCUPATION_TENURE_UNKNOWN = 0.5


@dataclass(frozen=True)
class Weights:
    """Component weights (normalized by their sum) and credit parameters."""

    required: float = 0.15
    preferred: float = 0.03
    related: float = 0.06
    vocabulary: float = 0.48
    experience: float = 0.075
    education: float = 0.075
    #: the résumé's job history against the role's occupation(s); a role without a
    #: known occupation has no such component and the others share its weight
    occupation: float = 0.18
    #: share of a skill's credit earned by a related skill standing in for it
    related_credit: float = 0.5
    #: share of a specific tool's credit that its broader skill earns
    child_credit: float = 0.9
    #: TF-IDF cosine at which the vocabulary component is nearly full (see saturate)
    tfidf_full: float = 0.2
    #: exponent of a role word's contrast with the fixed background (0: occupation IDF
    #: only; see background_contrast)
    contrast: float = 3.0
    #: how many roles the background is read as (see background_contrast)
    contrast_roles: float = 24.0
    #: exponent of a skill's occupation IDF in its coverage weight (0: role weight only);
    #: 1.5, not 2, once the background's skill counts matched the taxonomy (issue 18,
    #: fifth pass: the skill components alone 0.446 -> 0.449 MRR, both halves gaining)
    specificity: float = 1.5

    COMPONENTS = COMPONENTS

    def __post_init__(self) -> None:
        for f in dc_fields(self):
            v = getattr(self, f.name)
            if isinstance(v, bool) or not isinstance(v, (int, float)) or not v >= 0:
                raise RolematchError(f"weight {f.name} must be a number >= 0, got {v!r}")
        if sum(getattr(self, c) for c in COMPONENTS) <= 0:
            raise RolematchError("at least one component weight must be positive")
        if not 0 < self.tfidf_full <= 1:
            raise RolematchError(f"tfidf_full must be in (0, 1], got {self.tfidf_full}")
        if self.contrast_roles < 1:
            raise RolematchError(f"contrast_roles must be >= 1, got {self.contrast_roles}")

    @property
    def normalized(self) -> dict[str, float]:
        """Each component's share of the score when a role has every component."""
        total = sum(getattr(self, c) for c in COMPONENTS)
        return {c: getattr(self, c) / total for c in COMPONENTS}

    def shares(self, present: Mapping[str, np.ndarray] | None = None) -> dict[str, np.ndarray]:
        """Each component's share per role: its weight over the sum of the weights of
        the components the role has (``present``: component -> (m,) bool; a component
        left out is present for every role)."""
        raw = {c: np.asarray(getattr(self, c), dtype=float) for c in COMPONENTS}
        if present:
            raw = {c: np.where(present[c], w, 0.0) if c in present else w for c, w in raw.items()}
        total = sum(raw.values())
        total = np.where(np.asarray(total) > 0, total, 1.0)
        return {c: w / total for c, w in raw.items()}


# --------------------------------------------------------------------------- curves
def saturate(ratio: np.ndarray | float, knee: float = SATURATION_KNEE) -> np.ndarray:
    """A bounded, strictly increasing curve of ``ratio`` (evidence / its full point):
    ``ratio`` itself up to ``knee``, then ``1 - (1 - knee) * exp(-(ratio - knee) / (1 -
    knee))`` — continuous with a continuous slope, below 1 for every finite ratio
    (``1 - (1 - knee) / e`` at the full point).  Negative ratios count as 0."""
    r = np.maximum(np.asarray(ratio, dtype=float), 0.0)
    tail = 1.0 - (1.0 - knee) * np.exp(-(r - knee) / (1.0 - knee))
    return np.where(r <= knee, r, tail)


# --------------------------------------------------------------------------- components
def coverage(credit: np.ndarray, total: np.ndarray) -> np.ndarray:
    """Required, preferred or related component: the credit the résumé earns over the
    most it could (each skill's credit x its weight, summed), in [0, 1]."""
    total = np.asarray(total, dtype=float)
    return np.clip(np.asarray(credit, dtype=float) / np.maximum(total, 1e-12), 0.0, 1.0)


def background_contrast(idf: np.ndarray, power: float, roles: float) -> np.ndarray:
    """Extra weight of each word in a role's TF-IDF vector, from the fixed background
    alone: the smooth IDF the word would have among ``roles`` roles that use it as often
    as the background's occupation texts do, to the power ``power``.

    The word's share of background texts is read back from its smooth IDF
    (``(1 + df) / (1 + n) = e^(1 - idf)``), so a word no text used weighs
    ``(ln(1 + roles) + 1) ** power`` and one every text uses 1.  It depends on the word
    only — never on which other roles are scored alongside (issue 19)."""
    share = np.exp(1.0 - np.asarray(idf, dtype=float))
    return (np.log((1.0 + roles) / (1.0 + roles * share)) + 1.0) ** power


def vocabulary(cosine: np.ndarray | float, full: float) -> np.ndarray:
    """Vocabulary component from the TF-IDF cosine of résumé and role."""
    return saturate(np.asarray(cosine, dtype=float) / full)


def listed_cosine(shown: np.ndarray | float, whole: np.ndarray | float) -> np.ndarray:
    """The cosine the vocabulary component reads: that of the text without its list
    lines (``shown``), plus what the list lines' own terms add to it (``whole`` - ``shown``),
    at most :data:`LISTED_COSINE_CAP` and never below 0."""
    shown = np.asarray(shown, dtype=float)
    return shown + np.clip(np.asarray(whole, dtype=float) - shown, 0.0, LISTED_COSINE_CAP)


def mostly_listed(share: np.ndarray | float) -> np.ndarray:
    """Whether most of a fit's evidence is listed rather than shown: the weighted share
    of its matched skills evidenced only on list lines is over :data:`MOSTLY_LISTED_SHARE`."""
    return np.asarray(share, dtype=float) > MOSTLY_LISTED_SHARE


def experience(
    years: np.ndarray | float,
    min_years: np.ndarray | float,
    max_years: np.ndarray | float | None = None,
) -> np.ndarray:
    """Experience component from years against a role's minimum: 1 with no minimum,
    else :func:`saturate` of years / minimum.  ``max_years`` (``nan``: none): above a
    role's maximum the value eases as :data:`OVER_MAX_SLACK` says."""
    y = np.asarray(years, dtype=float)
    lo = np.asarray(min_years, dtype=float)
    value = np.where(lo > 0, saturate(y / np.maximum(lo, 1e-12)), 1.0)
    if max_years is None:
        return value
    over = np.nan_to_num(y - np.asarray(max_years, dtype=float) - OVER_MAX_SLACK, nan=0.0)
    return value * (1.0 - (1.0 - OVER_MAX_FLOOR) * np.clip(over / OVER_MAX_SPAN, 0.0, 1.0))


def education(level: np.ndarray | int, required: np.ndarray | int) -> np.ndarray:
    """Education component from two indices into ``EDUCATION_LEVELS`` (-1: none found
    / none required): 1 when none is required or the level meets it,
    :data:`EDUCATION_ONE_BELOW` one level below, else 0."""
    lvl = np.asarray(level)
    req = np.asarray(required)
    out = np.where(lvl >= req, 1.0, np.where(lvl == req - 1, EDUCATION_ONE_BELOW, 0.0))
    out = np.where((lvl < 0) & (req >= 0), 0.0, out)
    return np.where(req < 0, 1.0, out)


def occupation_kind(job: str, role: str, related: bool) -> str | None:
    """The kind of closeness (a key of :data:`OCCUPATION_CLOSENESS`) of a job's O*NET
    code to a role's, or None; ``related``: whether O*NET lists them as related."""
    if job == role:
        return "same"
    if job[:6] == role[:6]:
        return "broad"
    if related:
        return "related"
    if job[:5] == role[:5]:
        return "minor"
    if job[:2] == role[:2]:
        return "major"
    return None


def job_closeness(closeness: Sequence[float], confidences: Sequence[float]) -> float:
    """How close a job is to a role over its title's readings (the title search's best
    occupations, with their confidences ``c_k``): mostly the readings as a
    distribution, each reading's closeness weighted by its share of the readings'
    confidence (``sum(c_k * close_k) / sum(c_k)``), and :data:`BEST_READING_SHARE` of
    it the best close reading's, at ``(c_k / max c) ** READING_POWER``.

    A clear title whose readings all sit near the role counts nearly fully; a vague
    one ("Manager"), whose readings spread over many occupations, counts for each
    mostly the share that lands near it.  Measured on the dev split (issue 19,
    recruiter pass): the best close reading alone let a vague title count fully for
    many roles (the recruiter's MAP lost by it); the distribution alone loses where a
    role has one, roughly guessed occupation (postings titled by a keyword)."""
    c = np.maximum(np.asarray(confidences, dtype=float), 0.0)
    close = np.asarray(closeness, dtype=float)
    total = float(c.sum())
    if total <= 0:
        return 0.0
    spread = float(np.dot(c, close) / total)
    peak = float(np.max(close * (c / c.max()) ** READING_POWER))
    return (1.0 - BEST_READING_SHARE) * spread + BEST_READING_SHARE * peak


def job_evidence(closeness: float, confidence: float, recency: float | None) -> float:
    """How much one job shows the role's occupation, in [0, 1], before its length
    counts: its closeness (:func:`job_closeness`), times the title match's confidence
    (its best reading's, full at :data:`TITLE_CONFIDENCE_FULL`) and its recency
    (e^(-years since it ended / OCCUPATION_RECENCY_YEARS); a current job or one of
    unknown end: 1)."""
    conf = min(1.0, max(0.0, confidence) / TITLE_CONFIDENCE_FULL)
    rec = 1.0 if recency is None else float(np.exp(-max(0.0, recency) / OCCUPATION_RECENCY_YEARS))
    return closeness * conf * rec


def tenure(years: float) -> float:
    """How much time in an occupation counts: ``1 - (1 - floor) e^(-years / scale)``
    (:data:`OCCUPATION_TENURE_FLOOR`, :data:`OCCUPATION_TENURE_YEARS`), saturating; no
    known years: :data:`OCCUPATION_TENURE_UNKNOWN`."""
    if years <= 0:
        return OCCUPATION_TENURE_UNKNOWN
    return 1.0 - (1.0 - OCCUPATION_TENURE_FLOOR) * float(np.exp(-years / OCCUPATION_TENURE_YEARS))


def occupation(evidence: Sequence[float], years: Sequence[float]) -> float:
    """Occupation component from the jobs' evidence (:func:`job_evidence`) and years:
    the best job's evidence times the :func:`tenure` of the years spent near the role's
    occupation, each job's years counted by its evidence relative to the best's
    (``sum(years_k * e_k) / max e``), through :func:`saturate` with its full point at
    :data:`OCCUPATION_FULL`.  Ten years in the occupation count more than one, however
    they are split into jobs; more jobs never lower it.  No evidence: 0."""
    e = np.clip(np.asarray(evidence, dtype=float), 0.0, 1.0)
    if e.size == 0 or e.max() <= 0:
        return 0.0
    best = float(e.max())
    y = float(np.dot(np.maximum(np.asarray(years, dtype=float), 0.0), e) / best)
    return float(saturate(best * tenure(y) / OCCUPATION_FULL))


def section_credit(section: str) -> float:
    """Credit of a skill mention in ``section`` outside a dated job."""
    return SECTION_CREDIT.get(section, DEFAULT_SECTION_CREDIT)


def recency_credit(age_years: float) -> float:
    """Credit of a mention in a job that ended ``age_years`` before the résumé's date."""
    return next(c for limit, c in RECENCY_CREDIT if age_years <= limit)


# --------------------------------------------------------------------------- combining
def combine(
    values: Mapping[str, np.ndarray],
    weights: Weights,
    present: Mapping[str, np.ndarray] | None = None,
) -> np.ndarray:
    """The 0–100 score: the components' mean weighted by :meth:`Weights.shares`, at
    full precision (round only for display)."""
    shares = weights.shares(present)
    total = sum(shares[c] * values[c] for c in COMPONENTS)
    return np.clip(100.0 * np.asarray(total, dtype=float), 0.0, 100.0)


def points(value: float, share: float) -> float:
    """Points a component adds to the score."""
    return 100.0 * value * share


def points_lost(value: float, share: float) -> float:
    """Points a component could still add (at value 1)."""
    return 100.0 * share * (1.0 - value)
