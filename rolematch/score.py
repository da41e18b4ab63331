"""Stage 5: a résumé against a role becomes a :class:`Fit` — a 0–100 score, explained.

The score is a weighted mean of six components, each in [0, 1]
(defaults in :class:`Weights`, which a user can change):

``required``    weighted coverage of the role's required skills
``preferred``   weighted coverage of its preferred skills
``related``     partial credit where a related skill stands in for a missing one
                (HubSpot for Marketo: ``Weights.related_credit`` of the credit)
``vocabulary``  TF-IDF cosine between the résumé and the role, full at ``tfidf_full``;
                the role's words weigh by their IDF over occupations times their
                rarity among the roles fitted together (``Weights.contrast``)
``experience``  years of experience against the role's minimum
``education``   degree level against the role's requirement

In both coverages a skill counts by its weight in the role times its specificity:
its IDF over occupations (``skill_weights.json`` of the built model) to the power
``Weights.specificity``, so a distinctive skill (Marketo, litigation) counts for much
more than one nearly every role lists (Microsoft Office, communication). Without
this, a role listing mostly generic skills matched nearly everyone (measured in
``benchmarks/RESULTS.md``).

Likewise a role's words: a word that most of the fitted roles use ("customer",
"manage") tells them apart less than one only this role uses ("patients",
"ledger"), so each role word's IDF is multiplied by ``(ln((1 + m) / (1 + k)) + 1) **
Weights.contrast``, k of the m fitted roles using it (scikit-learn's smooth IDF over
the role set). With one role it is 1 for every word. A score against a role
therefore depends a little on which roles it is fitted with; a matcher's sub-sets
(``score_matrix(roles=...)``, ``match``) keep the role set they came from, and the
batch fits every role it scores together.

A skill's credit depends on where it is evidenced: a recent job counts fully,
older jobs less, a mention only in a skills list or summary less again
(:data:`SECTION_CREDIT`, :data:`RECENCY_CREDIT`). A specific tool evidences its
broader skill (Marketo → marketing automation) at ``Weights.child_credit``.

What the score never uses: the name line and contact details (dropped before
anything is computed), gendered or family words and ages (removed from the
vocabulary, :data:`rolematch._model.PROTECTED_WORDS`), numbers (no token is a
number, so birth or graduation years are not features), photos (no images are read).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, fields as dc_fields
from datetime import date
from itertools import compress
from typing import Iterable, Mapping, Sequence

import numpy as np
import scipy.sparse as sp

from ._model import TextModel, default_text_model
from ._privacy import mask_contact
from .documents import EDUCATION_LEVELS, Resume
from .errors import RolematchError
from .extract import SkillExtractor, SkillMention, default_extractor
from .roles import RoleProfile, RoleSet, role_document
from .taxonomy import Taxonomy

__all__ = ["Weights", "Evidence", "SkillMatch", "PartialMatch", "Gap", "Strength",
           "Component", "Fit", "ResumeFeatures", "PackedFeatures", "FitSummary", "Matcher",
           "SECTION_CREDIT", "RECENCY_CREDIT", "experience_score"]

#: Credit of a mention by section (experience mentions get RECENCY_CREDIT instead).
SECTION_CREDIT = {"experience": 0.9, "projects": 0.85, "certifications": 0.85,
                  "summary": 0.75, "skills": 0.7, "education": 0.7, "other": 0.7,
                  "header": 0.0}
#: Credit of a mention inside a dated job, by years between that job's end and the
#: résumé's most recent date: (max age, credit), first match wins.
#: share of a line's credit a skill inferred from its meaning gets (see _meaning.py)
INFERRED_CREDIT = 0.5
RECENCY_CREDIT = ((3.0, 1.0), (8.0, 0.85), (float("inf"), 0.75))
#: A role with a maximum of years ("1-4 years"): experience stays full up to
#: OVER_MAX_SLACK years above it, then eases linearly to OVER_MAX_FLOOR over
#: OVER_MAX_SPAN more years — never a penalty that rules a person out, but a junior
#: role no longer ranks first for a veteran because its minimum is easy.
OVER_MAX_SLACK, OVER_MAX_SPAN, OVER_MAX_FLOOR = 2.0, 10.0, 0.8


def experience_score(years: np.ndarray, min_years: np.ndarray,
                     max_years: np.ndarray) -> np.ndarray:
    """The experience component: ``years / min_years`` capped at 1 (1 with no
    minimum), eased above a maximum (``nan``: none) as :data:`OVER_MAX_SLACK` says."""
    exp = np.where(min_years > 0, np.minimum(1.0, years / np.maximum(min_years, 1e-12)), 1.0)
    over = np.nan_to_num(years - max_years - OVER_MAX_SLACK, nan=0.0)
    ease = 1.0 - (1.0 - OVER_MAX_FLOOR) * np.clip(over / OVER_MAX_SPAN, 0.0, 1.0)
    return exp * ease


@dataclass(frozen=True)
class Weights:
    """Component weights (normalized by their sum) and credit parameters."""

    required: float = 0.28
    preferred: float = 0.03
    related: float = 0.06
    vocabulary: float = 0.48
    experience: float = 0.075
    education: float = 0.075
    #: share of a skill's credit earned by a related skill standing in for it
    related_credit: float = 0.5
    #: share of a specific tool's credit that its broader skill earns
    child_credit: float = 0.9
    #: TF-IDF cosine at which the vocabulary component is full
    tfidf_full: float = 0.2
    #: exponent of a role word's IDF among the fitted roles (0: occupation IDF only)
    contrast: float = 2.0
    #: exponent of a skill's occupation IDF in its coverage weight (0: role weight only)
    specificity: float = 2.0

    COMPONENTS = ("required", "preferred", "related", "vocabulary", "experience", "education")

    def __post_init__(self) -> None:
        for f in dc_fields(self):
            v = getattr(self, f.name)
            if not isinstance(v, (int, float)) or v < 0:
                raise RolematchError(f"weight {f.name} must be a number >= 0, got {v!r}")
        if sum(getattr(self, c) for c in self.COMPONENTS) <= 0:
            raise RolematchError("at least one component weight must be positive")
        if not 0 < self.tfidf_full <= 1:
            raise RolematchError(f"tfidf_full must be in (0, 1], got {self.tfidf_full}")

    @property
    def normalized(self) -> dict[str, float]:
        total = sum(getattr(self, c) for c in self.COMPONENTS)
        return {c: getattr(self, c) / total for c in self.COMPONENTS}


# --------------------------------------------------------------------------- results
@dataclass(frozen=True)
class Evidence:
    line: int
    text: str
    section: str
    credit: float
    inferred: bool = False          # from the line's meaning, not its words


@dataclass(frozen=True)
class SkillMatch:
    skill_id: str
    name: str
    weight: float
    required: bool
    credit: float
    evidence: tuple[Evidence, ...]
    via: str | None = None          # a narrower skill that evidenced this one
    kind: str = ""
    category: str = ""

    @property
    def inferred(self) -> bool:
        """Whether the skill was only inferred from a line's meaning (see _meaning.py)."""
        return bool(self.evidence) and all(e.inferred for e in self.evidence)


@dataclass(frozen=True)
class PartialMatch:
    skill_id: str                   # what the role asks for
    name: str
    weight: float
    required: bool
    credit: float
    via_id: str                     # the related skill the person has
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
    value: float        # in [0, 1]
    weight: float       # normalized weight
    detail: str

    @property
    def points(self) -> float:
        return 100.0 * self.value * self.weight


@dataclass(frozen=True)
class Fit:
    source: str
    role_id: str
    role_title: str
    score: float
    components: tuple[Component, ...]
    matched: tuple[SkillMatch, ...]
    partial: tuple[PartialMatch, ...]
    missing: tuple[Gap, ...]
    strengths: tuple[Strength, ...]
    years: float
    min_years: float
    education_level: str | None
    required_education: str | None

    def component(self, name: str) -> Component:
        return next(c for c in self.components if c.name == name)

    @property
    def missing_required(self) -> tuple[Gap, ...]:
        return tuple(g for g in self.missing if g.required)


@dataclass(frozen=True)
class ResumeFeatures:
    """What scoring reads from a résumé, computed once and reused for every role."""

    source: str
    credit: Mapping[str, float]                        # skill id -> direct credit
    evidence: Mapping[str, tuple[Evidence, ...]] = field(repr=False)
    terms: Mapping[str, int] = field(repr=False)        # analyzed term -> count
    years: float = 0.0
    education_level: str | None = None


@dataclass(frozen=True)
class PackedFeatures:
    """A résumé's features in array form, without the evidence lines: what the batch
    caches and scores from (:meth:`Matcher.pack`, :meth:`Matcher.fit_summary`).

    Its terms are split by the matcher's base text model (the one before a role set's
    own new words were added): the columns and counts of those in its vocabulary, and
    the others as text (``"\\n"``-joined, read only by a matcher whose roles brought new
    words).  ``vocab_size`` is that model's vocabulary size, checked when scoring."""

    source: str
    credit: Mapping[str, float]
    cols: np.ndarray = field(repr=False)               # sorted base-vocabulary columns
    counts: np.ndarray = field(repr=False)             # their counts (int)
    other: str = field(default="", repr=False)         # terms outside it, "\n"-joined
    other_counts: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int32),
                                     repr=False)
    years: float = 0.0
    education_level: str | None = None
    vocab_size: int = 0


@dataclass(frozen=True)
class FitSummary:
    """What a batch row shows, for many résumés at once, as arrays (no :class:`Fit`):
    see :meth:`Matcher.fit_summary`."""

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


# --------------------------------------------------------------------------- features
def _recency(resume: Resume, today: date | None = None) -> dict[int, float]:
    """line index -> credit of a mention on that line inside a dated job.

    Age is measured from a job's end to the résumé's "now": today when a job is
    current, else the latest end date (an old résumé is judged as of its writing).
    """
    ends = [e.end for e in resume.experience if e.end is not None and not e.current]
    if any(e.current for e in resume.experience):
        anchor = today or date.today()
    elif ends:
        anchor = max(ends)
    else:
        return {}
    out: dict[int, float] = {}
    for e in resume.experience:
        if e.end is None and not e.current:
            continue
        end = anchor if e.current or e.end is None else e.end
        age = max(0.0, (anchor - end).days / 365.25)
        credit = next(c for limit, c in RECENCY_CREDIT if age <= limit)
        for i in range(e.first_line, e.last_line):
            out[i] = max(out.get(i, 0.0), credit)
    return out


def scoring_text(resume: Resume) -> str:
    """The résumé text with the name and contact lines left out and any e-mail, phone
    or street address elsewhere masked (:func:`~rolematch._privacy.mask_contact`)."""
    drop = set(resume.contact.lines)
    return "\n".join(mask_contact(ln) for i, ln in enumerate(resume.lines) if i not in drop)


def _level(level: str | None) -> int:
    return EDUCATION_LEVELS.index(level) if level in EDUCATION_LEVELS else -1


# --------------------------------------------------------------------------- matcher
class Matcher:
    """Scores résumés against roles. Fit once on a role set, then score many.

    >>> m = Matcher().fit(RoleSet.default())          # doctest: +SKIP
    >>> m.match(resume, "technical-product-manager").score  # doctest: +SKIP
    """

    def __init__(self, *, weights: Weights | Mapping[str, float] | None = None,
                 model: TextModel | None = None, extractor: SkillExtractor | None = None,
                 meaning: bool | float = False) -> None:
        self.weights = weights
        self.model = model
        self.extractor = extractor
        self.meaning = meaning          # True (default threshold) or a threshold

    # ---------------------------------------------------------------- fitting
    def fit(self, roles: RoleSet | Iterable[RoleProfile]) -> Matcher:
        """Build the role blocks; the role set is also what :data:`Weights.contrast`
        weighs each role's words against."""
        return self._fit(roles, None)

    def _fit(self, roles: RoleSet | Iterable[RoleProfile],
             reference: tuple[Counter[str], int, frozenset[int]] | None) -> Matcher:
        """``reference``: the word document frequencies and role count of a parent
        matcher's role set and the ``id()`` of the roles they already count (a
        sub-matcher weighs its words as its parent did; see :meth:`_sub`)."""
        w = self.weights
        self.weights_ = w if isinstance(w, Weights) else Weights(**(w or {}))
        self.model_ = self.model or default_text_model()
        if isinstance(roles, RoleSet):
            self.taxonomy_ = roles.taxonomy
            role_list = list(roles.values())
        else:
            role_list = list(roles)
            self.taxonomy_ = Taxonomy.default()
        if not role_list:
            raise RolematchError("no roles to fit the matcher on")
        self.roles_ = role_list
        self.role_index_ = {r.id: i for i, r in enumerate(role_list)}
        self._meaning_terms: dict[str, tuple[str, ...]] | None = None
        self._build_blocks(reference)
        return self

    def _check(self) -> None:
        if not hasattr(self, "roles_"):
            raise RolematchError("this Matcher is not fitted yet; call .fit(roles) first")

    def _build_blocks(self, reference: tuple[Counter[str], int, frozenset[int]] | None
                      ) -> None:
        tax = self.taxonomy_
        ids: dict[str, int] = {}
        for r in self.roles_:
            for s in r.skills:
                ids.setdefault(s.skill_id, len(ids))
        self.skill_ids_ = list(ids)
        self.skill_col_ = ids
        m, S = len(self.roles_), len(ids)
        req, pref = np.zeros((m, S)), np.zeros((m, S))
        spec = self.specificity_ = self._specificity(self.skill_ids_)
        for i, r in enumerate(self.roles_):
            for s in r.skills:
                j = ids[s.skill_id]
                (req if s.required else pref)[i, j] = s.weight * spec[j]
        self.req_ = sp.csr_matrix(req)
        self.pref_ = sp.csr_matrix(pref)
        self.all_ = sp.csr_matrix(req + pref)
        self.req_total_ = req.sum(1)
        self.pref_total_ = pref.sum(1)
        self.all_total_ = self.req_total_ + self.pref_total_
        # which held skills stand in for a role skill: children (narrower) and related
        self.children_: dict[str, list[str]] = {sid: [] for sid in ids}
        self.related_: dict[str, list[str]] = {sid: [] for sid in ids}
        for sk in tax:
            if sk.parent in ids:
                self.children_[sk.parent].append(sk.id)
            for other in sk.related:  # relations read both ways
                if other in ids:
                    self.related_[other].append(sk.id)
                if sk.id in ids:
                    self.related_[sk.id].append(other)
        self.related_ = {k: sorted(set(v) - {k}) for k, v in self.related_.items()}
        self._build_credit_index()
        docs = [role_document(r, tax) for r in self.roles_]
        self.base_model_ = self.model_
        self.model_ = self.model_.extended(docs)
        n_base = len(self.base_model_.vocabulary)
        #: the role set's own words, outside the base model (see PackedFeatures)
        self.new_terms_ = {t: j for t, j in self.model_.vocabulary.items() if j >= n_base}
        counts = [Counter(self.model_.analyze(d)) for d in docs]
        # words' document frequencies over the role set, on top of a parent's
        role_df, n_roles, counted = reference or (Counter(), 0, frozenset())
        new = [c for c, r in zip(counts, self.roles_) if id(r) not in counted]
        role_df = role_df + Counter(t for c in new for t in c)
        n_roles += len(new)
        self.role_df_ = (role_df, n_roles, frozenset(map(id, self.roles_)) | counted)
        self.role_vectors_ = self.model_.transform_counts(counts,
                                                          idf=self._contrasted_idf(role_df, n_roles))
        self.min_years_ = np.array([r.min_years for r in self.roles_], dtype=float)
        self.max_years_ = np.array([np.nan if r.max_years is None else r.max_years
                                    for r in self.roles_], dtype=float)
        self.edu_req_ = np.array([_level(r.education_level) for r in self.roles_])

    def _contrasted_idf(self, role_df: Mapping[str, int], n_roles: int) -> np.ndarray:
        """The model's IDF with each role word's times its smooth IDF over the role
        set to the power ``Weights.contrast`` (1 for words no role uses)."""
        idf = self.model_.idf.copy()
        p = self.weights_.contrast
        if p == 0 or n_roles < 2:
            return idf
        vocab = self.model_.vocabulary
        cols = np.fromiter((vocab[t] for t in role_df if t in vocab), dtype=np.int64)
        k = np.fromiter((n for t, n in role_df.items() if t in vocab), dtype=np.float64)
        idf[cols] *= (np.log((1.0 + n_roles) / (1.0 + k)) + 1.0) ** p
        return idf

    def _build_credit_index(self) -> None:
        """Index arrays that turn résumés' credit dicts into credit rows (``_credit_rows``)
        and those into each role's matched counts and missing required skills."""
        ids, S = self.skill_col_, len(self.skill_ids_)
        src: dict[str, int] = {}  # every skill whose credit counts for a role skill; 0: none
        for sid in ids:
            for other in (sid, *self.children_[sid], *self.related_[sid]):
                src.setdefault(other, len(src) + 1)
        self.src_col_ = src

        def padded(groups: list[list[str]]) -> np.ndarray:
            out = np.zeros((S, max(1, max(map(len, groups), default=0))), dtype=np.intp)
            for j, g in enumerate(groups):
                out[j, :len(g)] = [src[x] for x in g]
            return out

        self.self_src_ = np.array([src[sid] for sid in ids], dtype=np.intp)
        self.child_src_ = padded([self.children_[sid] for sid in ids])
        self.rel_src_ = padded([self.related_[sid] for sid in ids])
        m = len(self.roles_)
        self.role_skills_ = np.zeros((S, m), dtype=np.int64)  # how often a role lists it
        self.req_order_: list[tuple[np.ndarray, tuple[str, ...]]] = []
        for j, r in enumerate(self.roles_):
            for s in r.skills:
                self.role_skills_[ids[s.skill_id], j] += 1
            req = sorted(r.required, key=lambda s: (-s.weight, s.skill_id))
            self.req_order_.append((np.array([ids[s.skill_id] for s in req], dtype=np.intp),
                                    tuple(s.skill_id for s in req)))
        by_id = sorted(range(m), key=lambda j: self.roles_[j].id)
        self.id_rank_ = np.empty(m, dtype=np.intp)
        self.id_rank_[by_id] = np.arange(m)

    def _specificity(self, skill_ids: Sequence[str]) -> np.ndarray:
        """Each skill's IDF over occupations to the power ``Weights.specificity``; a
        skill the background never saw counts as the rarest."""
        idf = self.model_.skill_idf
        top = max(idf.values(), default=1.0)
        return np.array([idf.get(s, top) for s in skill_ids]) ** self.weights_.specificity

    # ---------------------------------------------------------------- features
    @property
    def extractor_(self) -> SkillExtractor:
        """The skill extractor: the one given, else the shipped one, loaded on first use
        (scoring résumés whose skill mentions are known never loads spaCy)."""
        return self.extractor or default_extractor()

    def featurize(self, resume: Resume, mentions: Sequence[SkillMention] | None = None
                  ) -> ResumeFeatures:
        """Skills with evidence and recency credit, term counts, years and degree.

        ``mentions``: the résumé's skill mentions when already known (a cache),
        instead of running the extractor."""
        self._check()
        contact = set(resume.contact.lines)
        recency = _recency(resume)
        credit: dict[str, float] = {}
        evidence: dict[str, list[Evidence]] = {}
        if mentions is None:
            mentions = self.extractor_(resume)
        for mt in mentions:
            if mt.line in contact:
                continue
            sec = mt.section
            c = recency.get(mt.line) if sec == "experience" else None
            c = c if c is not None else SECTION_CREDIT.get(sec, 0.7)
            if c <= 0:
                continue
            credit[mt.skill_id] = max(credit.get(mt.skill_id, 0.0), c)
            ev = evidence.setdefault(mt.skill_id, [])
            if all(e.line != mt.line for e in ev):
                ev.append(Evidence(mt.line, mask_contact(resume.lines[mt.line]).strip(), sec, c))
        if self.meaning is not False:
            self._infer(resume, recency, contact, credit, evidence)
        ev_sorted = {k: tuple(sorted(v, key=lambda e: (-e.credit, e.line))[:3])
                     for k, v in evidence.items()}
        terms = self.model_.resume_terms(scoring_text(resume))
        return ResumeFeatures(resume.source, credit, ev_sorted, terms,
                              float(resume.years_experience),
                              _best_level(resume))

    def _infer(self, resume: Resume, recency: Mapping[int, float], contact: set[int],
               credit: dict[str, float], evidence: dict[str, list[Evidence]]) -> None:
        """Add the fitted roles' skills that no line names but one means, each at
        :data:`INFERRED_CREDIT` of its line's credit."""
        from ._meaning import THRESHOLD, default_meaning_model

        tax = self.taxonomy_
        if getattr(self, "_meaning_terms", None) is None:  # once per fitted matcher
            self._meaning_terms = {sid: tax.match_terms(tax[sid])
                                   for sid in self.skill_ids_ if sid in tax}
        wanted = [(sid, terms) for sid, terms in self._meaning_terms.items()
                  if sid not in credit
                  and not any(c in credit for c in self.children_.get(sid, ()))]
        threshold = THRESHOLD if self.meaning is True else float(self.meaning)
        for inf in default_meaning_model().infer(resume.lines, wanted, threshold, contact):
            sec = resume.section_at(inf.line)
            c = recency.get(inf.line) if sec == "experience" else None
            c = (c if c is not None else SECTION_CREDIT.get(sec, 0.7)) * INFERRED_CREDIT
            if c <= 0:
                continue
            credit[inf.skill_id] = c
            evidence[inf.skill_id] = [Evidence(inf.line, mask_contact(
                resume.lines[inf.line]).strip(), sec, c, inferred=True)]

    def pack(self, f: ResumeFeatures | PackedFeatures) -> PackedFeatures:
        """The features in array form (no evidence), as the batch caches them: the
        term counts split by the base text model's vocabulary (see PackedFeatures)."""
        self._check()
        if isinstance(f, PackedFeatures):
            return f
        vocab = self.base_model_.vocabulary
        pairs = sorted((j, n) for t, n in f.terms.items() if (j := vocab.get(t)) is not None)
        other = [(t, n) for t, n in f.terms.items() if t not in vocab]
        return PackedFeatures(
            f.source, dict(f.credit),
            np.fromiter((j for j, _ in pairs), dtype=np.int32, count=len(pairs)),
            np.fromiter((n for _, n in pairs), dtype=np.int32, count=len(pairs)),
            "\n".join(t for t, _ in other),
            np.fromiter((n for _, n in other), dtype=np.int32, count=len(other)),
            f.years, f.education_level, len(vocab))

    def _credit_rows(self, feats: Sequence[ResumeFeatures | PackedFeatures]
                     ) -> tuple[np.ndarray, np.ndarray]:
        """Direct (incl. narrower-skill) and related credit over the role skill columns.

        One dense row of credit per résumé over the skills that count for a role skill
        (column 0 stays zero: "not held"), then maxima over precomputed column groups:
        a skill's own credit and ``child_credit`` x its best narrower skill's; where that
        is zero, ``related_credit`` x its best related skill's."""
        n, src = len(feats), self.src_col_
        credit = np.zeros((n, len(src) + 1))
        rows, cols, vals = [], [], []
        for i, f in enumerate(feats):
            for sid, c in f.credit.items():
                k = src.get(sid)
                if k is not None:
                    rows.append(i)
                    cols.append(k)
                    vals.append(c)
        credit[rows, cols] = vals
        cc, rc = self.weights_.child_credit, self.weights_.related_credit
        child = credit[:, self.child_src_[:, 0]]
        for k in range(1, self.child_src_.shape[1]):
            np.maximum(child, credit[:, self.child_src_[:, k]], out=child)
        direct = np.maximum(credit[:, self.self_src_], cc * child)
        rel = credit[:, self.rel_src_[:, 0]]
        for k in range(1, self.rel_src_.shape[1]):
            np.maximum(rel, credit[:, self.rel_src_[:, k]], out=rel)
        related = np.where(direct == 0.0, rc * rel, 0.0)
        return direct, related

    def _term_matrix(self, feats: Sequence[ResumeFeatures | PackedFeatures]) -> sp.csr_matrix:
        """TF-IDF rows of the résumés' terms; packed features give their columns as they
        are, plus those of their other terms that this matcher's roles brought."""
        return self.model_.transform_columns([self._columns(f) for f in feats])

    def _columns(self, f: ResumeFeatures | PackedFeatures) -> tuple[np.ndarray, np.ndarray]:
        if not isinstance(f, PackedFeatures):
            return self.model_.columns(f.terms)
        cols, counts = f.cols.astype(np.int64), f.counts
        new = self._terms_after(f.vocab_size)
        if new and f.other:
            hits = sorted((new[t], int(c)) for t, c in zip(f.other.split("\n"), f.other_counts)
                          if t in new)
            if hits:  # past the packing model's vocabulary, so the columns stay sorted
                cols = np.concatenate([cols, np.array([j for j, _ in hits], np.int64)])
                counts = np.concatenate([counts, np.array([c for _, c in hits])])
        return cols, counts

    def _terms_after(self, size: int) -> dict[str, int]:
        """This matcher's terms past the first ``size`` of its vocabulary: those packed
        features of a ``size``-term model keep as text (:attr:`new_terms_` for its own
        base model; a sub-matcher's base is its parent's extended model)."""
        if size == len(self.base_model_.vocabulary):
            return self.new_terms_
        vocab = self.model_.vocabulary
        if size > len(vocab) or size <= 0:
            raise RolematchError("packed features of another text model: pack them with a "
                                 "matcher on the same base model")
        memo = self.__dict__.setdefault("_terms_after_memo", {})
        if size not in memo:
            memo[size] = {t: j for t, j in vocab.items() if j >= size}
        return memo[size]

    # ---------------------------------------------------------------- scoring
    def _components(self, feats: Sequence[ResumeFeatures | PackedFeatures],
                    credit: tuple[np.ndarray, np.ndarray] | None = None
                    ) -> dict[str, np.ndarray]:
        """Each component as an (n résumés x m roles) array in [0, 1]."""
        direct, related = credit if credit is not None else self._credit_rows(feats)
        D, R = sp.csr_matrix(direct), sp.csr_matrix(related)
        req = np.asarray((D @ self.req_.T).todense()) / np.maximum(self.req_total_, 1e-12)
        has_pref = self.pref_total_ > 0
        pref = np.asarray((D @ self.pref_.T).todense()) / np.maximum(self.pref_total_, 1e-12)
        pref = np.where(has_pref[None, :], pref, req)
        rel = np.asarray((R @ self.all_.T).todense()) / np.maximum(self.all_total_, 1e-12)
        X = self._term_matrix(feats)
        cos = np.asarray((X @ self.role_vectors_.T).todense())
        vocab = np.minimum(1.0, cos / self.weights_.tfidf_full)
        years = np.array([f.years for f in feats])[:, None]
        exp = experience_score(years, self.min_years_[None, :], self.max_years_[None, :])
        lvl = np.array([_level(f.education_level) for f in feats])[:, None]
        req_lvl = self.edu_req_[None, :]
        edu = np.where(req_lvl < 0, 1.0,
                       np.where(lvl >= req_lvl, 1.0, np.where(lvl == req_lvl - 1, 0.5, 0.0)))
        edu = np.where((lvl < 0) & (req_lvl >= 0), 0.0, edu)
        comps = {"required": req, "preferred": pref, "related": rel, "vocabulary": vocab,
                 "experience": exp, "education": edu}
        return {k: np.clip(v, 0.0, 1.0) for k, v in comps.items()}

    def _total(self, comps: Mapping[str, np.ndarray]) -> np.ndarray:
        w = self.weights_.normalized
        total = sum(w[c] * comps[c] for c in Weights.COMPONENTS)
        return np.round(np.clip(100.0 * total, 0.0, 100.0), 2)

    def _as_features(self, items: Iterable[Resume | ResumeFeatures]) -> list[ResumeFeatures]:
        return [x if isinstance(x, ResumeFeatures) else self.featurize(x) for x in items]

    def _sub(self, roles: Iterable[RoleProfile | str] | RoleSet | None) -> Matcher:
        """This matcher, or one fitted on other roles with the same settings."""
        self._check()
        if roles is None:
            return self
        role_list = [self.roles_[self._index(r)] if isinstance(r, str) else r
                     for r in (roles.values() if isinstance(roles, RoleSet) else roles)]
        if [r.id for r in role_list] == [r.id for r in self.roles_] and \
                all(a is b for a, b in zip(role_list, self.roles_)):
            return self
        sub = Matcher(weights=self.weights_, model=self.model_, extractor=self.extractor,
                      meaning=self.meaning)
        # the sub-set's words keep the weights they had among this matcher's roles
        sub._fit(RoleSet(role_list, taxonomy=self.taxonomy_), self.role_df_)
        return sub

    def score_matrix(self, resumes: Iterable[Resume | ResumeFeatures],
                     roles: Iterable[RoleProfile | str] | RoleSet | None = None) -> np.ndarray:
        """Scores of many résumés against many roles: an (n x m) array, by sparse products."""
        m = self._sub(roles)
        feats = m._as_features(resumes)
        if not feats:
            return np.zeros((0, len(m.roles_)))
        return m._total(m._components(feats))

    def match(self, resume: Resume | ResumeFeatures, role: RoleProfile | str) -> Fit:
        """One résumé against one role, explained."""
        self._check()
        r = role if isinstance(role, RoleProfile) else self.roles_[self._index(role)]
        m = self._sub([r]) if self._fitted_role(r) is None else self
        f = m._as_features([resume])[0]
        direct, related, comps, totals = m._arrays([f])
        j = m.role_index_[r.id]
        return m._explain(f, j, comps, float(totals[0, j]), direct, related)

    def rank(self, resume: Resume | ResumeFeatures,
             roles: Iterable[RoleProfile | str] | RoleSet | None = None) -> list[Fit]:
        """Every role for one résumé, best first (ties broken by role id)."""
        return self.best_fits([resume], roles=roles)[1][0]

    def best_fits(self, resumes: Iterable[Resume | ResumeFeatures], top: int | None = None,
                  roles: Iterable[RoleProfile | str] | RoleSet | None = None
                  ) -> tuple[np.ndarray, list[list[Fit]]]:
        """The (n résumés x m roles) score matrix and each résumé's ``top`` best fits
        (every role when None), explained, best first (ties broken by role id).

        The credit rows and component arrays are built once for all the résumés, so
        this is the way to explain many (:meth:`fit_summary` gives what a batch row
        shows, without explaining)."""
        m = self._sub(roles)
        feats = m._as_features(resumes)
        if not feats:
            return np.zeros((0, len(m.roles_))), []
        direct, related, comps, totals = m._arrays(feats)
        order = m._order(totals)[:, :len(m.roles_) if top is None else top]
        out = []
        for i, f in enumerate(feats):
            mine = {c: v[i:i + 1] for c, v in comps.items()}
            out.append([m._explain(f, int(j), mine, float(totals[i, j]), direct[i:i + 1],
                                   related[i:i + 1]) for j in order[i]])
        return totals, out

    def missing_required(self, resumes: Iterable[Resume | ResumeFeatures],
                         roles: Iterable[RoleProfile | str] | RoleSet | None = None
                         ) -> list[dict[str, list[str]]]:
        """Per résumé, per role: the ids of the required skills it lacks (no direct or
        related credit), most important first — the ``missing_required`` of every
        :class:`Fit`, without explaining every fit."""
        m = self._sub(roles)
        feats = m._as_features(resumes)
        if not feats:
            return []
        missing = m._missing(*m._credit_rows(feats))
        return [{r.id: list(miss) for r, miss in zip(m.roles_, mine)} for mine in missing]

    def fit_summary(self, resumes: Iterable[Resume | ResumeFeatures | PackedFeatures],
                    top: int | None = 3,
                    roles: Iterable[RoleProfile | str] | RoleSet | None = None) -> FitSummary:
        """For many résumés at once, as arrays: every score, each one's ``top`` best roles
        (every role when None), and per role its matched skill count and missing required
        skills — what :meth:`best_fits` and :meth:`missing_required` give about those
        fits, without building a :class:`Fit` (no evidence, no component details).  Takes
        :class:`PackedFeatures` too (the batch's cached features)."""
        m = self._sub(roles)
        feats = [x if isinstance(x, (ResumeFeatures, PackedFeatures)) else m.featurize(x)
                 for x in resumes]
        ids = tuple(r.id for r in m.roles_)
        if not feats:
            return FitSummary(ids, np.zeros((0, len(ids))), np.zeros((0, 0), np.intp),
                              np.zeros(0, np.intp), np.zeros((0, len(ids)), np.int64), [])
        direct, related, _comps, totals = m._arrays(feats)
        order = m._order(totals)
        matched = (direct > 0).astype(np.int64) @ m.role_skills_
        return FitSummary(ids, totals, order[:, :len(ids) if top is None else max(0, top)],
                          order[:, 0], matched, m._missing(direct, related))

    def _order(self, totals: np.ndarray) -> np.ndarray:
        """Each row's role indices by score, best first, ties broken by role id."""
        ranks = np.broadcast_to(self.id_rank_, totals.shape)
        return np.lexsort((ranks, -totals), axis=-1)

    def _missing(self, direct: np.ndarray, related: np.ndarray
                 ) -> list[tuple[tuple[str, ...], ...]]:
        """Per résumé, per role: its required skills with neither direct nor related
        credit, by (-weight, skill id)."""
        lacking = (direct <= 0) & (related <= 0)
        per_role = []
        for cols, sids in self.req_order_:
            per_role.append([tuple(compress(sids, row)) for row in lacking[:, cols].tolist()])
        return list(zip(*per_role)) if per_role else [() for _ in range(len(direct))]

    def _index(self, role_id: str) -> int:
        self._check()
        if role_id not in self.role_index_:
            raise RolematchError(f"unknown role {role_id!r}; fitted roles: "
                                 f"{', '.join(self.role_index_)}")
        return self.role_index_[role_id]

    def _fitted_role(self, role: RoleProfile) -> int | None:
        j = self.role_index_.get(role.id)
        return j if j is not None and self.roles_[j] is role else None

    # ---------------------------------------------------------------- explanation
    def _arrays(self, feats: Sequence[ResumeFeatures | PackedFeatures]):
        """Credit rows, component arrays and totals of these résumés, built once."""
        direct, related = self._credit_rows(feats)
        comps = self._components(feats, (direct, related))
        return direct, related, comps, self._total(comps)

    def _explain(self, f: ResumeFeatures, j: int, comps: Mapping[str, np.ndarray],
                 score: float, direct: np.ndarray, related: np.ndarray) -> Fit:
        role, tax, w = self.roles_[j], self.taxonomy_, self.weights_.normalized
        name = (lambda sid: tax[sid].name if sid in tax else sid)
        kind_cat = (lambda sid: (tax[sid].kind, tax[sid].category) if sid in tax else ("", ""))
        matched, partial, missing = [], [], []
        for s in role.skills:
            col = self.skill_col_[s.skill_id]
            d, rl = direct[0, col], related[0, col]
            if d > 0:
                via = None
                ev = f.evidence.get(s.skill_id, ())
                if s.skill_id not in f.credit:
                    via = max(self.children_[s.skill_id], key=lambda c: f.credit.get(c, 0.0))
                    ev = f.evidence.get(via, ())
                matched.append(SkillMatch(s.skill_id, name(s.skill_id), s.weight, s.required,
                                          round(float(d), 3), ev,
                                          name(via) if via else None, *kind_cat(s.skill_id)))
            elif rl > 0:
                via = max(self.related_[s.skill_id], key=lambda o: f.credit.get(o, 0.0))
                partial.append(PartialMatch(s.skill_id, name(s.skill_id), s.weight, s.required,
                                            round(float(rl), 3), via, name(via),
                                            f.evidence.get(via, ()), *kind_cat(s.skill_id)))
            else:
                missing.append(Gap(s.skill_id, name(s.skill_id), s.weight, s.required,
                                   *kind_cat(s.skill_id)))
        order = lambda x: (not x.required, -x.weight, x.skill_id)  # noqa: E731
        role_ids = {s.skill_id for s in role.skills}
        covered = {p.via_id for p in partial} | role_ids
        strengths = sorted(
            (Strength(sid, name(sid), c, f.evidence.get(sid, ()))
             for sid, c in f.credit.items()
             if sid not in covered and c >= 0.85 and sid in tax),
            key=lambda s: (-s.credit, -self.model_.skill_weight(s.skill_id), s.skill_id))[:10]
        n_req, n_pref = len(role.required), len(role.preferred)
        req_hit = sum(1 for x in matched if x.required)
        pref_hit = sum(1 for x in matched if not x.required)
        lvl = f.education_level
        details = {
            "required": f"{req_hit} of {n_req} required skills evidenced",
            "preferred": (f"{pref_hit} of {n_pref} preferred skills evidenced" if n_pref
                          else "no preferred skills listed; follows required coverage"),
            "related": f"{len(partial)} missing skills partly covered by related skills",
            "vocabulary": f"TF-IDF cosine {float(comps['vocabulary'][0, j]) * self.weights_.tfidf_full:.3f} "
                          f"with the role's text (full at {self.weights_.tfidf_full})",
            "experience": (f"{f.years:.1f} years against a minimum of {role.min_years:g}"
                           if role.min_years else f"{f.years:.1f} years; no minimum")
                          + (f" and a maximum of {role.max_years:g}"
                             if role.max_years is not None else ""),
            "education": (f"{(lvl or 'none found').replace('_', ' ')} against "
                          f"{role.education_level.replace('_', ' ')}"
                          if role.education_level else "no degree required"),
        }
        components = tuple(Component(c, round(float(comps[c][0, j]), 4), round(w[c], 4),
                                     details[c]) for c in Weights.COMPONENTS)
        return Fit(f.source, role.id, role.title, score, components,
                   tuple(sorted(matched, key=order)), tuple(sorted(partial, key=order)),
                   tuple(sorted(missing, key=order)), tuple(strengths), f.years,
                   role.min_years, lvl, role.education_level)


def _best_level(resume: Resume) -> str | None:
    levels = [e.level for e in resume.education if e.level in EDUCATION_LEVELS]
    return max(levels, key=EDUCATION_LEVELS.index) if levels else None

