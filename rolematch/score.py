"""Stage 5: a résumé against a role becomes a :class:`Fit` — a 0–100 score, explained.

The score is a weighted mean of components, each in [0, 1]; the formula — weights,
every constant, one function per component — is :mod:`rolematch.formula`, and
``docs/scoring.md`` explains it.  The work is split by step:

* :mod:`rolematch.features` — a résumé becomes its features (skills with credit and
  evidence, terms, years, degree), once, whatever the roles;
* :mod:`rolematch._fitting` — what :meth:`Matcher.fit` learns from a role set;
* :mod:`rolematch.explain` — one résumé against one role becomes a :class:`Fit`;
* this module — :class:`Matcher`, which ties them together.

What the score never uses: the name line and contact details (dropped before
anything is computed), gendered or family words and ages (removed from the
vocabulary, :data:`rolematch._model.PROTECTED_WORDS`), numbers (no token is a
number, so birth or graduation years are not features), photos (no images are read).
"""

from __future__ import annotations

from typing import Iterable, Mapping, Sequence

import numpy as np

from . import formula as F
from ._fitting import Fitted, fit_roles, level_index
from ._model import TextModel, default_text_model
from .documents import Resume
from .errors import RolematchError
from .explain import (Component, Fit, FitSummary, Gap, PartialMatch, Scored, SkillMatch,
                      Strength, explain)
from .extract import SkillExtractor, SkillMention, default_extractor
from .features import (Evidence, Job, PackedFeatures, ResumeFeatures, featurize, job_history,
                       pack, scoring_text)
from .formula import OVER_MAX_FLOOR, OVER_MAX_SLACK, OVER_MAX_SPAN, RECENCY_CREDIT, \
    SECTION_CREDIT, Weights
from .roles import RoleProfile, RoleSet
from .taxonomy import Taxonomy

__all__ = ["Weights", "Evidence", "SkillMatch", "PartialMatch", "Gap", "Strength",
           "Component", "Fit", "Job", "ResumeFeatures", "PackedFeatures", "FitSummary", "Matcher",
           "SECTION_CREDIT", "RECENCY_CREDIT", "scoring_text", "experience_score",
           "OVER_MAX_SLACK", "OVER_MAX_SPAN", "OVER_MAX_FLOOR"]

#: The experience component (:func:`rolematch.formula.experience`), by its older name.
experience_score = F.experience

Roles = Iterable[RoleProfile | str] | RoleSet | None
Features = ResumeFeatures | PackedFeatures


class Matcher:
    """Scores résumés against roles. Fit once on a role set, then score many.

    Fitted state: ``weights_``, ``roles_``, ``role_index_`` (id -> column),
    ``taxonomy_`` and ``fitted_`` (:class:`~rolematch._fitting.Fitted`: skill index,
    role skills, role text, role needs).

    ``meaning``: the meaning layer (:mod:`rolematch._meaning`) infers a role's skills
    that no line names but one means (True: its calibrated threshold; a float: another
    threshold; False: words only). On by default, as in the CLI, batch and web page.

    >>> m = Matcher().fit(RoleSet.default())          # doctest: +SKIP
    >>> m.match(resume, "technical-product-manager").score  # doctest: +SKIP
    """

    def __init__(self, *, weights: Weights | Mapping[str, float] | None = None,
                 model: TextModel | None = None, extractor: SkillExtractor | None = None,
                 meaning: bool | float = True,
                 occupations: object | None = None) -> None:
        self.weights = weights
        self.occupations = occupations
        self.model = model
        self.extractor = extractor
        self.meaning = meaning  # True (default threshold) or a threshold; off: False

    # ---------------------------------------------------------------- fitting
    def fit(self, roles: RoleSet | Iterable[RoleProfile]) -> Matcher:
        """Learn the role set.  Each role is fitted on its own: a role's words weigh
        against a fixed background (:data:`Weights.contrast`), not against the other
        roles, so a résumé scores the same against a role whatever roles come with it."""
        w = self.weights
        self.weights_ = w if isinstance(w, Weights) else Weights(**(w or {}))
        if isinstance(roles, RoleSet):
            self.taxonomy_, role_list = roles.taxonomy, list(roles.values())
        else:
            self.taxonomy_, role_list = Taxonomy.default(), list(roles)
        if not role_list:
            raise RolematchError("no roles to fit the matcher on")
        self.roles_ = role_list
        self.role_index_ = {r.id: i for i, r in enumerate(role_list)}
        self._meaning_terms: dict[str, tuple[str, ...]] | None = None
        self.fitted_: Fitted = fit_roles(role_list, self.taxonomy_,
                                         self.model or default_text_model(), self.weights_,
                                         self.occupations)
        return self

    @property
    def model_(self) -> TextModel:
        """The text model extended by the fitted roles' words."""
        return self._fitted().text.model

    @property
    def role_vectors_(self):
        """The fitted roles' TF-IDF rows (a sparse matrix, one row per role)."""
        return self._fitted().text.vectors

    def _fitted(self) -> Fitted:
        if not hasattr(self, "fitted_"):
            raise RolematchError("this Matcher is not fitted yet; call .fit(roles) first")
        return self.fitted_

    # ---------------------------------------------------------------- features
    @property
    def extractor_(self) -> SkillExtractor:
        """The skill extractor: the one given, else the shipped one, loaded on first use
        (scoring résumés whose skill mentions are known never loads spaCy)."""
        return self.extractor or default_extractor()

    def featurize(self, resume: Resume, mentions: Sequence[SkillMention] | None = None
                  ) -> ResumeFeatures:
        """Skills with evidence and recency credit, term counts, years, degree and the
        job history as occupations.

        ``mentions``: the résumé's skill mentions when already known (a cache),
        instead of running the extractor."""
        fitted = self._fitted()
        found = self.extractor_(resume) if mentions is None else mentions
        feats = featurize(resume, found, fitted.text.model,
                          job_history(resume, self.occupations))
        return self._infer(resume, feats) if self.meaning is not False else feats

    def _infer(self, resume: Resume, feats: ResumeFeatures) -> ResumeFeatures:
        """Add the fitted roles' skills that no line names but one means, each at
        :data:`~rolematch.formula.INFERRED_CREDIT` of its line's credit."""
        from dataclasses import replace

        from ._meaning import default_meaning_model, threshold
        from ._privacy import mask_contact
        from .features import recency

        tax = self.taxonomy_
        if self._meaning_terms is None:  # once per fitted matcher
            ids = dict.fromkeys(s.skill_id for r in self.roles_ for s in r.skills)
            self._meaning_terms = {sid: tax.match_terms(tax[sid]) for sid in ids if sid in tax}
        credit, evidence, inferred = dict(feats.credit), dict(feats.evidence), set()
        wanted = [(sid, t) for sid, t in self._meaning_terms.items() if sid not in credit]
        recent = recency(resume)
        skip = set(resume.contact.lines)
        at = threshold(self.meaning)
        for inf in default_meaning_model().infer(resume.lines, wanted, at, skip):
            sec = resume.section_at(inf.line)
            c = recent.get(inf.line) if sec == "experience" else None
            c = (c if c is not None else F.section_credit(sec)) * F.INFERRED_CREDIT
            if c <= 0:
                continue
            credit[inf.skill_id] = c
            inferred.add(inf.skill_id)
            text = mask_contact(resume.lines[inf.line]).strip()
            evidence[inf.skill_id] = (Evidence(inf.line, text, sec, c, inferred=True),)
        return replace(feats, credit=credit, evidence=evidence,
                       inferred=feats.inferred | inferred)

    def pack(self, f: Features) -> PackedFeatures:
        """The features in array form (no evidence), as the batch caches them."""
        return pack(f, self._fitted().text.base)

    def _as_features(self, items: Iterable[Resume | Features]) -> list:
        return [x if isinstance(x, (ResumeFeatures, PackedFeatures)) else self.featurize(x)
                for x in items]

    # ---------------------------------------------------------------- scoring
    def _scored(self, feats: Sequence[Features]) -> Scored:
        """Credit rows, cosines, component values and totals of these résumés."""
        fit, w = self._fitted(), self.weights_
        direct, related = fit.index.credit_rows(feats, w)
        shown = fit.index.credit_rows(feats, w, shown_only=True)[0] \
            if any(f.listed for f in feats) else direct
        shown_cosine, whole_cosine = fit.text.cosines(feats)
        cosine = F.listed_cosine(shown_cosine, whole_cosine)
        years = np.array([f.years for f in feats])[:, None]
        level = np.array([level_index(f.education_level) for f in feats])[:, None]
        values = {**fit.skills.coverages(direct, related),
                  "vocabulary": F.vocabulary(cosine, w.tfidf_full),
                  "experience": F.experience(years, fit.needs.min_years[None, :],
                                            fit.needs.max_years[None, :]),
                  "education": F.education(level, fit.needs.education[None, :]),
                  "occupation": fit.occupations.values(feats)}
        present = {"occupation": fit.occupations.present}
        return Scored(direct, related, cosine, whole_cosine, values, w.shares(present),
                      F.combine(values, w, present), fit.skills.listed_share(direct, shown))

    def _sub(self, roles: Roles) -> Matcher:
        """This matcher, or one fitted on other roles with the same settings."""
        fitted = self._fitted()
        if roles is None:
            return self
        role_list = [self.roles_[self._index(r)] if isinstance(r, str) else r
                     for r in (roles.values() if isinstance(roles, RoleSet) else roles)]
        if [r.id for r in role_list] == [r.id for r in self.roles_] and \
                all(a is b for a, b in zip(role_list, self.roles_)):
            return self
        sub = Matcher(weights=self.weights_, model=fitted.text.base, extractor=self.extractor,
                      meaning=self.meaning, occupations=self.occupations)
        return sub.fit(RoleSet(role_list, taxonomy=self.taxonomy_))

    def score_matrix(self, resumes: Iterable[Resume | Features], roles: Roles = None
                     ) -> np.ndarray:
        """Scores of many résumés against many roles: an (n x m) array, at full
        precision, by sparse products."""
        m = self._sub(roles)
        feats = m._as_features(resumes)
        if not feats:
            return np.zeros((0, len(m.roles_)))
        return m._scored(feats).totals

    def match(self, resume: Resume | ResumeFeatures, role: RoleProfile | str) -> Fit:
        """One résumé against one role, explained."""
        self._fitted()
        r = role if isinstance(role, RoleProfile) else self.roles_[self._index(role)]
        j = self.role_index_.get(r.id)
        m = self if j is not None and self.roles_[j] is r else self._sub([r])
        f = m._as_features([resume])[0]
        return m._explain(f, m.role_index_[r.id], m._scored([f]))

    def rank(self, resume: Resume | ResumeFeatures, roles: Roles = None) -> list[Fit]:
        """Every role for one résumé, best first (ties broken by role id)."""
        return self.best_fits([resume], roles=roles)[1][0]

    def best_fits(self, resumes: Iterable[Resume | ResumeFeatures], top: int | None = None,
                  roles: Roles = None) -> tuple[np.ndarray, list[list[Fit]]]:
        """The (n résumés x m roles) score matrix and each résumé's ``top`` best fits
        (every role when None), explained, best first (ties broken by role id).

        The credit rows and component arrays are built once for all the résumés, so
        this is the way to explain many (:meth:`fit_summary` gives what a batch row
        shows, without explaining)."""
        m = self._sub(roles)
        feats = m._as_features(resumes)
        if not feats:
            return np.zeros((0, len(m.roles_))), []
        s = m._scored(feats)
        order = m._order(s.totals)[:, :len(m.roles_) if top is None else top]
        out = [[m._explain(f, int(j), s.row(i)) for j in order[i]]
               for i, f in enumerate(feats)]
        return s.totals, out

    def missing_required(self, resumes: Iterable[Resume | ResumeFeatures], roles: Roles = None
                         ) -> list[dict[str, list[str]]]:
        """Per résumé, per role: the ids of the required skills it lacks (no direct or
        related credit), most important first — the ``missing_required`` of every
        :class:`Fit`, without explaining every fit."""
        m = self._sub(roles)
        feats = m._as_features(resumes)
        if not feats:
            return []
        fit = m._fitted()
        missing = fit.skills.missing(*fit.index.credit_rows(feats, m.weights_))
        return [{r.id: list(miss) for r, miss in zip(m.roles_, mine)} for mine in missing]

    def fit_summary(self, resumes: Iterable[Resume | Features], top: int | None = 3,
                    roles: Roles = None) -> FitSummary:
        """For many résumés at once, as arrays: every score, each one's ``top`` best roles
        (every role when None), and per role its matched skill count and missing required
        skills — what :meth:`best_fits` and :meth:`missing_required` give about those
        fits, without building a :class:`Fit` (no evidence, no component details).  Takes
        :class:`PackedFeatures` too (the batch's cached features)."""
        m = self._sub(roles)
        feats = m._as_features(resumes)
        ids = tuple(r.id for r in m.roles_)
        if not feats:
            return FitSummary(ids, np.zeros((0, len(ids))), np.zeros((0, 0), np.intp),
                              np.zeros(0, np.intp), np.zeros((0, len(ids)), np.int64), [],
                              np.zeros((0, len(ids))), np.zeros(0, np.int64))
        s, fit = m._scored(feats), m._fitted()
        order = m._order(s.totals)
        matched = (s.direct > 0).astype(np.int64) @ fit.skills.asked
        return FitSummary(ids, s.totals, order[:, :len(ids) if top is None else max(0, top)],
                          order[:, 0], matched, fit.skills.missing(s.direct, s.related),
                          s.listed_share, np.array([f.hidden_chars for f in feats]))

    def _order(self, totals: np.ndarray) -> np.ndarray:
        """Each row's role indices by score, best first, ties broken by role id."""
        ranks = np.broadcast_to(self._fitted().needs.id_rank, totals.shape)
        return np.lexsort((ranks, -totals), axis=-1)

    def _index(self, role_id: str) -> int:
        self._fitted()
        if role_id not in self.role_index_:
            raise RolematchError(f"unknown role {role_id!r}; fitted roles: "
                                 f"{', '.join(self.role_index_)}")
        return self.role_index_[role_id]

    def _explain(self, f: ResumeFeatures, j: int, s: Scored) -> Fit:
        fit = self._fitted()
        return explain(f, self.roles_[j], j, s, fit.index, self.taxonomy_, fit.text.model,
                       self.weights_, fit.occupations)
