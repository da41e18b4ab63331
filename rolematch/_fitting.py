"""Scoring, step 2: what :meth:`Matcher.fit <rolematch.score.Matcher.fit>` learns from
a role set, as four frozen value objects built by :func:`fit_roles`.

* :class:`SkillIndex` — the role set's skills as columns, and which held skills stand
  in for each (narrower and related skills, from :meth:`Taxonomy.neighbours`);
  turns résumés' credit dicts into credit rows.
* :class:`RoleSkills` — per role, each skill column's weight (role weight x
  specificity), required and preferred; the coverage sums and the missing skills.
* :class:`RoleText` — the text model extended by the roles' words and the roles'
  TF-IDF vectors (words weighed by their contrast with the fixed background, so a
  role's vector does not depend on the other roles); résumés' cosines.
* :class:`RoleNeeds` — minimum years, required degree and the id order for ties.
* :class:`RoleOccupations` — each role's O*NET occupation(s) and those O*NET relates
  to them; the résumés' occupation components.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from itertools import compress
from typing import Mapping, Sequence

import numpy as np
import scipy.sparse as sp

from . import formula as F
from ._model import TextModel
from .documents import EDUCATION_LEVELS
from .errors import RolematchError
from .features import Job, PackedFeatures, ResumeFeatures
from .formula import Weights
from .roles import RoleProfile, role_document
from .taxonomy import Taxonomy

Features = ResumeFeatures | PackedFeatures


def level_index(level: str | None) -> int:
    """Position of a degree level in ``EDUCATION_LEVELS`` (-1: none)."""
    return EDUCATION_LEVELS.index(level) if level in EDUCATION_LEVELS else -1


# --------------------------------------------------------------------------- skills
@dataclass(frozen=True, eq=False)
class SkillIndex:
    """The role skills as columns, and the held skills whose credit counts for them.

    ``src``: every skill whose credit counts for some role skill -> its column in a
    credit row (0 stays empty: "not held"); ``own``/``child``/``rel``: per role skill
    column, the credit-row columns of itself, its children and its related skills
    (padded with 0)."""

    ids: tuple[str, ...]
    col: Mapping[str, int]
    children: Mapping[str, tuple[str, ...]]
    related: Mapping[str, tuple[str, ...]]
    src: Mapping[str, int]
    own: np.ndarray
    child: np.ndarray
    rel: np.ndarray

    @classmethod
    def build(cls, roles: Sequence[RoleProfile], taxonomy: Taxonomy) -> SkillIndex:
        col: dict[str, int] = {}
        for r in roles:
            for s in r.skills:
                col.setdefault(s.skill_id, len(col))
        near = {sid: taxonomy.neighbours(sid) for sid in col}
        children = {sid: tuple(c for c in kids if c != sid) for sid, (kids, _) in near.items()}
        related = {sid: tuple(o for o in rel if o != sid) for sid, (_, rel) in near.items()}
        src: dict[str, int] = {}
        for sid in col:
            for other in (sid, *children[sid], *related[sid]):
                src.setdefault(other, len(src) + 1)

        def padded(groups: list[tuple[str, ...]]) -> np.ndarray:
            out = np.zeros((len(col), max(1, max(map(len, groups), default=0))), np.intp)
            for j, g in enumerate(groups):
                out[j, : len(g)] = [src[x] for x in g]
            return out

        return cls(
            tuple(col),
            col,
            children,
            related,
            src,
            np.array([src[sid] for sid in col], dtype=np.intp),
            padded([children[sid] for sid in col]),
            padded([related[sid] for sid in col]),
        )

    def credit_rows(
        self, feats: Sequence[Features], weights: Weights, *, shown_only: bool = False
    ) -> tuple[np.ndarray, np.ndarray]:
        """Direct (incl. narrower-skill) and related credit over the role skill columns
        (``shown_only``: without the skills evidenced only on list lines).

        One dense row of credit per résumé over the skills that count for a role skill,
        then maxima over the column groups: a skill's own credit and ``child_credit`` x
        its best narrower skill's; where that is zero, ``related_credit`` x its best
        related skill's.  A skill inferred from a line's meaning counts only as itself
        (:attr:`ResumeFeatures.inferred`), never as a narrower or related skill."""
        credit = np.zeros((len(feats), len(self.src) + 1))
        named = credit.copy()
        rows, cols, vals, by_name = [], [], [], []
        for i, f in enumerate(feats):
            for sid, c in f.credit.items():
                k = self.src.get(sid)
                if k is not None and not (shown_only and sid in f.listed):
                    rows.append(i)
                    cols.append(k)
                    vals.append(c)
                    by_name.append(0.0 if sid in f.inferred else c)
        credit[rows, cols] = vals
        named[rows, cols] = by_name
        child = named[:, self.child[:, 0]]
        for k in range(1, self.child.shape[1]):
            np.maximum(child, named[:, self.child[:, k]], out=child)
        direct = np.maximum(credit[:, self.own], weights.child_credit * child)
        rel = named[:, self.rel[:, 0]]
        for k in range(1, self.rel.shape[1]):
            np.maximum(rel, named[:, self.rel[:, k]], out=rel)
        return direct, np.where(direct == 0.0, weights.related_credit * rel, 0.0)


@dataclass(frozen=True, eq=False)
class RoleSkills:
    """Per role (rows) and skill column: the skill's weight in the role times its
    specificity, split into required and preferred; ``asked``: (skills x roles) how
    often a role asks for the skill; ``required_order``: per role, its required skills'
    columns and ids by (-weight, id)."""

    required: sp.csr_matrix
    preferred: sp.csr_matrix
    required_total: np.ndarray
    preferred_total: np.ndarray
    asked: np.ndarray
    required_order: tuple[tuple[np.ndarray, tuple[str, ...]], ...]

    @classmethod
    def build(
        cls, roles: Sequence[RoleProfile], index: SkillIndex, specificity: np.ndarray
    ) -> RoleSkills:
        m, S = len(roles), len(index.ids)
        req, pref = np.zeros((m, S)), np.zeros((m, S))
        asked = np.zeros((S, m), dtype=np.int64)
        order = []
        for i, r in enumerate(roles):
            for s in r.skills:
                j = index.col[s.skill_id]
                (req if s.required else pref)[i, j] = s.weight * specificity[j]
                asked[j, i] += 1
            rs = sorted(r.required, key=lambda s: (-s.weight, s.skill_id))
            order.append(
                (
                    np.array([index.col[s.skill_id] for s in rs], dtype=np.intp),
                    tuple(s.skill_id for s in rs),
                )
            )
        return cls(
            sp.csr_matrix(req), sp.csr_matrix(pref), req.sum(1), pref.sum(1), asked, tuple(order)
        )

    def coverages(self, direct: np.ndarray, related: np.ndarray) -> dict[str, np.ndarray]:
        """The required, preferred and related components (n résumés x m roles),
        :func:`~rolematch.formula.coverage` of the credit earned over the most earnable;
        a role without preferred skills takes its required coverage as preferred."""
        D, R = sp.csr_matrix(direct), sp.csr_matrix(related)
        req = F.coverage(np.asarray((D @ self.required.T).todense()), self.required_total)
        pref = F.coverage(np.asarray((D @ self.preferred.T).todense()), self.preferred_total)
        rel = F.coverage(
            np.asarray((R @ (self.required + self.preferred).T).todense()),
            self.required_total + self.preferred_total,
        )
        return {
            "required": req,
            "preferred": np.where(self.preferred_total > 0, pref, req),
            "related": rel,
        }

    def listed_share(self, direct: np.ndarray, shown: np.ndarray) -> np.ndarray:
        """(n x m) the share, by weight, of each role's matched skills (direct credit)
        that only list lines evidence (no credit in ``shown``, the shown-only rows)."""
        weights = (self.required + self.preferred).T
        matched = np.asarray((sp.csr_matrix((direct > 0).astype(float)) @ weights).todense())
        listed = sp.csr_matrix(((direct > 0) & (shown <= 0)).astype(float))
        return np.asarray((listed @ weights).todense()) / np.maximum(matched, 1e-12)

    def missing(self, direct: np.ndarray, related: np.ndarray) -> list[tuple[tuple[str, ...], ...]]:
        """Per résumé, per role: its required skills with neither direct nor related
        credit, by (-weight, skill id)."""
        lacking = (direct <= 0) & (related <= 0)
        per_role = [
            [tuple(compress(sids, row)) for row in lacking[:, cols].tolist()]
            for cols, sids in self.required_order
        ]
        return list(zip(*per_role)) if per_role else [() for _ in range(len(direct))]


# --------------------------------------------------------------------------- text
@dataclass(frozen=True, eq=False)
class RoleText:
    """The text side: ``base`` model (as given), ``model`` (extended by the roles'
    words), ``new_terms`` (the roles' words past the base vocabulary) and ``vectors``
    (the roles' TF-IDF rows).

    Nothing here depends on which roles are fitted together: a role's words weigh by
    the base model's IDF times :func:`~rolematch.formula.background_contrast`, words
    the base never saw at its top IDF, and a résumé's length is measured on the base
    vocabulary, so a résumé scores the same against a role alone or among any others."""

    base: TextModel
    model: TextModel
    new_terms: Mapping[str, int]
    vectors: sp.csr_matrix

    @classmethod
    def build(
        cls, roles: Sequence[RoleProfile], taxonomy: Taxonomy, base: TextModel, weights: Weights
    ) -> RoleText:
        docs = [role_document(r, taxonomy) for r in roles]
        model = base.extended(docs)
        n_base = len(base.vocabulary)
        new_terms = {t: j for t, j in model.vocabulary.items() if j >= n_base}
        counts = [Counter(model.analyze(d)) for d in docs]
        idf = model.idf * F.background_contrast(model.idf, weights.contrast, weights.contrast_roles)
        return cls(base, model, new_terms, model.transform_counts(counts, idf=idf))

    def cosines(self, feats: Sequence[Features]) -> tuple[np.ndarray, np.ndarray]:
        """(n résumés x m roles) cosines of the roles' TF-IDF rows with the résumés'
        shown text (without the terms found only on list lines) and whole text."""
        shown = np.asarray((self.term_matrix(feats) @ self.vectors.T).todense())
        if not any(
            len(f.listed_terms)
            if isinstance(f, ResumeFeatures)
            else len(f.listed_cols) or f.listed_other
            for f in feats
        ):
            return shown, shown
        whole = self.term_matrix(feats, with_listed=True)
        return shown, np.asarray((whole @ self.vectors.T).todense())

    def term_matrix(self, feats: Sequence[Features], *, with_listed: bool = False) -> sp.csr_matrix:
        """TF-IDF rows of the résumés' terms (``with_listed``: plus those of their list
        lines); packed features give their columns as they are, plus those of their
        other terms that these roles brought."""
        after: dict[int, Mapping[str, int]] = {}
        rows = []
        for f in feats:
            cols, counts = self._columns(f, after, listed=False)
            if with_listed:
                more, n = self._columns(f, after, listed=True)
                cols, inverse = np.unique(np.concatenate([cols, more]), return_inverse=True)
                counts = np.bincount(inverse, np.concatenate([counts, n]).astype(float))
            rows.append((cols, counts))
        return self.model.transform_columns(rows, norm_columns=len(self.base.vocabulary))

    def _columns(
        self, f: Features, after: dict[int, Mapping[str, int]], listed: bool
    ) -> tuple[np.ndarray, np.ndarray]:
        if not isinstance(f, PackedFeatures):
            return self.model.columns(f.listed_terms if listed else f.terms)
        cols, counts, other, other_counts = (
            (f.listed_cols, f.listed_counts, f.listed_other, f.listed_other_counts)
            if listed
            else (f.cols, f.counts, f.other, f.other_counts)
        )
        cols = cols.astype(np.int64)
        if f.vocab_size not in after:
            after[f.vocab_size] = self._terms_after(f.vocab_size)
        new = after[f.vocab_size]
        if new and other:
            hits = sorted(
                (new[t], int(c)) for t, c in zip(other.split("\n"), other_counts) if t in new
            )
            if hits:  # past the packing model's vocabulary, so the columns stay sorted
                cols = np.concatenate([cols, np.array([j for j, _ in hits], np.int64)])
                counts = np.concatenate([counts, np.array([c for _, c in hits])])
        return cols, counts

    def _terms_after(self, size: int) -> Mapping[str, int]:
        """The terms past the first ``size`` of the vocabulary: those packed features
        of a ``size``-term model keep as text (:attr:`new_terms` for the base model;
        packed by a matcher on another base model)."""
        if size == len(self.base.vocabulary):
            return self.new_terms
        vocab = self.model.vocabulary
        if size > len(vocab) or size <= 0:
            raise RolematchError(
                "packed features of another text model: pack them with a "
                "matcher on the same base model"
            )
        return {t: j for t, j in vocab.items() if j >= size}


# --------------------------------------------------------------------------- needs
@dataclass(frozen=True, eq=False)
class RoleNeeds:
    """Per role: minimum and maximum years, required degree (``level_index``, -1:
    none) and its rank by id (ties in a ranking go to the smaller id)."""

    min_years: np.ndarray
    max_years: np.ndarray  # nan: none
    education: np.ndarray
    id_rank: np.ndarray

    @classmethod
    def build(cls, roles: Sequence[RoleProfile]) -> RoleNeeds:
        m = len(roles)
        by_id = sorted(range(m), key=lambda j: roles[j].id)
        rank = np.empty(m, dtype=np.intp)
        rank[by_id] = np.arange(m)
        return cls(
            np.array([r.min_years for r in roles], dtype=float),
            np.array([np.nan if r.max_years is None else r.max_years for r in roles], dtype=float),
            np.array([level_index(r.education_level) for r in roles]),
            rank,
        )


# --------------------------------------------------------------------------- occupations
@dataclass(frozen=True, eq=False)
class RoleOccupations:
    """Per role: its O*NET codes (none: the role has no occupation component), the
    titles of the O*NET occupations by code, and the codes O*NET relates to the
    role's (either way, the first :data:`~rolematch.formula.RELATED_OCCUPATIONS` of
    each list)."""

    codes: tuple[tuple[str, ...], ...]
    titles: Mapping[str, str]
    related: tuple[frozenset[str], ...]

    @property
    def present(self) -> np.ndarray:
        """(m,) bool: the roles whose occupation is known."""
        return np.array([bool(c) for c in self.codes], dtype=bool)

    @classmethod
    def build(cls, roles: Sequence[RoleProfile], index: object | None = None) -> RoleOccupations:
        codes = tuple(tuple(r.occupations) for r in roles)
        if not any(codes):
            return cls(codes, {}, tuple(frozenset() for _ in roles))
        from .occupations import OccupationIndex

        ix = index if isinstance(index, OccupationIndex) else OccupationIndex.default()
        k = F.RELATED_OCCUPATIONS
        near: dict[str, set[str]] = {}
        for o in ix.of_system("onet"):
            for c in o.related[:k]:
                near.setdefault(o.code, set()).add(c)
                near.setdefault(c, set()).add(o.code)
        titles = {o.code: o.title for o in ix.of_system("onet")}
        titles.update({c: ix.get(c).title for cs in codes for c in cs if c in ix})
        return cls(
            codes, titles, tuple(frozenset(x for c in cs for x in near.get(c, ())) for cs in codes)
        )

    def closeness(self, job: str, j: int) -> tuple[float, str, str]:
        """The closest of role ``j``'s codes to a job's: (closeness, kind, code)."""
        best = (0.0, "", "")
        for c in self.codes[j]:
            kind = F.occupation_kind(job, c, job in self.related[j])
            v = F.OCCUPATION_CLOSENESS.get(kind, 0.0) if kind else 0.0
            if v > best[0]:
                best = (v, kind or "", c)
        return best

    def match(self, job: Job, j: int) -> tuple[float, str, str]:
        """How much ``job`` shows role ``j``'s occupation before its length counts
        (:func:`~rolematch.formula.job_evidence` of the closeness of its title's
        readings, :attr:`Job.occupations`, as a distribution:
        :func:`~rolematch.formula.job_closeness`), with the kind and code of the
        reading that adds most to it; (0.0, "", "") when no reading is close."""
        readings = job.occupations
        found = [self.closeness(code, j)[:2] for code, _ in readings]
        confs = [c for _, c in readings]
        close = F.job_closeness([v for v, _ in found], confs)
        if close <= 0:
            return (0.0, "", "")
        k = max(range(len(found)), key=lambda k: (found[k][0] * confs[k], -k))
        e = F.job_evidence(close, max(confs, default=0.0), job.recency)
        return (e, found[k][1], readings[k][0])

    def evidence(self, job: Job, j: int) -> float:
        """How much ``job`` shows role ``j``'s occupation (:meth:`match`)."""
        return self.match(job, j)[0]

    def values(self, feats: Sequence[Features]) -> np.ndarray:
        """(n résumés x m roles) occupation component (0 where a role has none):
        :func:`~rolematch.formula.occupation` of the jobs' evidence and years."""
        out = np.zeros((len(feats), len(self.codes)))
        for j, cs in enumerate(self.codes):
            if not cs:
                continue
            for i, f in enumerate(feats):
                if f.jobs:
                    out[i, j] = F.occupation(
                        [self.evidence(jb, j) for jb in f.jobs], [jb.years for jb in f.jobs]
                    )
        return out


@dataclass(frozen=True, eq=False)
class Fitted:
    """Everything a matcher learns from its role set."""

    index: SkillIndex
    skills: RoleSkills
    text: RoleText
    needs: RoleNeeds
    occupations: RoleOccupations


def fit_roles(
    roles: Sequence[RoleProfile],
    taxonomy: Taxonomy,
    model: TextModel,
    weights: Weights,
    occupations: object | None = None,
) -> Fitted:
    """Build the fitted state of a role set (``occupations``: the occupation index
    the roles' codes are looked up in; default: the shipped one, loaded only when a
    role has an occupation)."""
    index = SkillIndex.build(roles, taxonomy)
    idf = model.skill_idf
    top = max(idf.values(), default=1.0)  # a skill the background never saw: the rarest
    specificity = np.array([idf.get(s, top) for s in index.ids]) ** weights.specificity
    return Fitted(
        index,
        RoleSkills.build(roles, index, specificity),
        RoleText.build(roles, taxonomy, model, weights),
        RoleNeeds.build(roles),
        RoleOccupations.build(roles, occupations),
    )
