"""A job's duties as evidence of its occupation: an entry's lines against each O*NET
occupation's task words.

A title that is vague ("Intern", "Consultant", "Manager") or that several occupations
share leaves the title search with several close readings; a recruiter reads the
duty lines under it. :class:`DutyMatcher` scores how much an experience entry's lines
read like each occupation's O*NET Task Statements (TF-IDF cosine over the tasks'
words, stored in the index as word counts), and :func:`with_duties` re-ranks a
title's readings with it, weighted by how vague the title is: a clear title
("Staff Accountant", confidence near 1) keeps its order whatever the duties say.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import TypeVar

import numpy as np
from scipy import sparse

from .._model import PROTECTED_WORDS
from ..errors import RolematchError
from .titles import JOB_NOUN_MIN, SENIORITY, TitleSearcher, _transform, normalize_title

__all__ = [
    "BARE_HEAD_SHARE",
    "BARE_WEIGHT",
    "DUTY_POOL",
    "DUTY_WEIGHT",
    "TASK_WORD",
    "VAGUE_POWER",
    "RANK_POOL",
    "DutyMatcher",
    "duty_weight",
    "is_bare",
    "is_rank_only",
    "names_no_job",
    "with_duties",
]

#: How much the duties count for a title of one or more words: this times
#: (1 - the title's best confidence) ** :data:`VAGUE_POWER`, times each reading's
#: likeness relative to the most alike reading's.
DUTY_WEIGHT = 0.5
VAGUE_POWER = 2
#: How much they count for a bare one-word title ("Manager", "Designer", "Intern"):
#: the title search's order among its readings says little there.
BARE_WEIGHT = 2.0
#: How many of the title search's readings the duties re-rank.
DUTY_POOL = 10
#: How many occupations whose tasks are most like the duties (over the whole index)
#: join the readings of a title of rank words only ("Intern", "Trainee", "Staff"):
#: such a title names no occupation, so its readings need not hold the right one.
RANK_POOL = 3
#: A one-word title is *bare* (:func:`is_bare`: "Manager", "Designer", "Consultant")
#: when no occupation's own title is that word (an "All Other" occupation's aside:
#: "Designers, All Other") and no one occupation holds this share of the titles ending
#: in it ("Accountant": 85%, not bare).
BARE_HEAD_SHARE = 0.5
#: Endings of a word for a person who does something ("generalist", "ordnanceman",
#: "auctioneer"): a title ending so names a job even when few titles end in that word.
_AGENT_ENDINGS = ("er", "or", "ist", "ian", "man", "men", "eer", "ant")
#: A word of a text (lower-cased): letters only, two or more. The index build counts
#: the O*NET task words with it too (``_build``); defined here, with the code that
#: reads a résumé, so that the feature cache sees a change to it.
TASK_WORD = r"(?u)\b[a-zA-Z][a-zA-Z]+\b"
_WORD = re.compile(TASK_WORD)


def _words(text: str) -> list[str]:
    """A text's words; those that say who a person is are never read from a résumé
    (they are in O*NET's task texts: "women", "pregnant"), so they cannot move an
    occupation reading."""
    return [w for w in _WORD.findall(text.lower()) if w not in PROTECTED_WORDS]


T = TypeVar("T")


class DutyMatcher:
    """TF-IDF cosine of a text with each occupation's task words.

    ``fit(vocabulary, counts)``: the index's task vocabulary and, per occupation code,
    a flat ``[word index, count, ...]`` list, weighed by scikit-learn's
    ``TfidfTransformer(sublinear_tf=True)``: (1 + ln count) × smoothed idf over the
    occupations, rows l2-normalised; :meth:`vector` weighs a text the same way."""

    def fit(self, vocabulary: Sequence[str], counts: Mapping[str, Sequence[int]]) -> DutyMatcher:
        from sklearn.feature_extraction.text import TfidfTransformer

        codes = sorted(counts)
        rows = [r for r, c in enumerate(codes) for _ in counts[c][0::2]]
        cols = [j for c in codes for j in counts[c][0::2]]
        vals = [n for c in codes for n in counts[c][1::2]]
        tf = sparse.csr_matrix(
            (vals, (rows, cols)), shape=(len(codes), len(vocabulary)), dtype=np.float64
        )
        tfidf = TfidfTransformer(sublinear_tf=True).fit(tf)
        self.idf_ = tfidf.idf_
        self.matrix_ = tfidf.transform(tf).tocsr()
        self.vocabulary_ = {w: i for i, w in enumerate(vocabulary)}
        self.codes_ = codes
        self.rows_ = {c: i for i, c in enumerate(codes)}
        return self

    def _check(self) -> None:
        if not hasattr(self, "matrix_"):
            raise RolematchError("DutyMatcher is not fitted; call fit(vocabulary, counts)")

    def vector(self, text: str) -> np.ndarray:
        """The text's l2-normalised TF-IDF vector over the task vocabulary (dense)."""
        self._check()
        return _transform(_words, self.vocabulary_, self.idf_, [text], np.float64).toarray()[0]

    def nearest(self, text: str | np.ndarray, n: int) -> list[str]:
        """The ``n`` occupation codes whose task words are most like ``text`` (or its
        :meth:`vector`), most alike first; none unlike it at all (cosine 0)."""
        self._check()
        q = self.vector(text) if isinstance(text, str) else text
        sims = self.matrix_ @ q
        order = np.lexsort((np.arange(len(sims)), -sims))[:n]
        return [self.codes_[r] for r in order if sims[r] > 0]

    def similarity(self, text: str | np.ndarray, codes: Sequence[str]) -> np.ndarray:
        """Cosine of ``text`` (or its :meth:`vector`) with each code's task words (0
        for a code without any)."""
        self._check()
        out = np.zeros(len(codes))
        known = [(k, self.rows_[c]) for k, c in enumerate(codes) if c in self.rows_]
        if not known:
            return out
        q = self.vector(text) if isinstance(text, str) else text
        out[[k for k, _ in known]] = self.matrix_[[r for _, r in known]] @ q
        return out


def is_rank_only(title: str) -> bool:
    """Whether ``title`` is nothing but rank or contract words ("Intern", "Senior
    Trainee", "Volunteer", "Contractor"; :data:`~rolematch.occupations.titles.SENIORITY`):
    it says at what level or on what terms a person worked, not at what."""
    words = normalize_title(title, strip_seniority=False).split()
    return bool(words) and all(w in SENIORITY for w in words)


def names_no_job(searcher: TitleSearcher, title: str) -> bool:
    """Whether ``title`` names a field or a team but no job ("Business Development",
    "Information Technology", "Sales Team"): no title of ``searcher`` is it and none
    of its words is a job noun (one that ends :data:`~rolematch.occupations.titles.
    JOB_NOUN_MIN` titles: "manager", "clerk", "developer")."""
    key = normalize_title(title)
    return (
        bool(key)
        and key not in searcher.exact_
        and not key.endswith(_AGENT_ENDINGS)
        and not any(searcher.head_n_.get(w, 0) >= JOB_NOUN_MIN for w in key.split())
    )


def is_bare(searcher: TitleSearcher, title: str) -> bool:
    """Whether ``title`` is a bare job noun that many of ``searcher``'s occupations
    share (see :data:`BARE_HEAD_SHARE`), rank words only (:func:`is_rank_only`), or
    a field with no job noun in it (:func:`names_no_job`): its readings' order says
    little."""
    if not hasattr(searcher, "exact_"):
        raise RolematchError("this TitleSearcher is not fitted yet; call .fit() first")
    if is_rank_only(title):
        return True
    key = normalize_title(title)
    if names_no_job(searcher, title):
        return True  # "Business Development", "Sales Team": the duties say what job
    if len(key.split()) != 1:
        return False
    exact = searcher.exact_.get(key, {})
    if any(w >= 1.0 and t not in searcher.general_ for t, w in exact.items()):
        return False  # an occupation's own title ("Cashier"), not an "All Other" one's
    n = searcher.head_n_.get(key, 0)
    top = searcher.heads_.get(key, ())
    return n == 0 or not top or top[0][1] / n < BARE_HEAD_SHARE


def duty_weight(best: float, *, bare: bool) -> float:
    """How much the duties count for a title whose best reading has confidence
    ``best``: :data:`BARE_WEIGHT` for a bare title, else :data:`DUTY_WEIGHT` × (1 −
    best) ** :data:`VAGUE_POWER`."""
    if bare:
        return BARE_WEIGHT
    return DUTY_WEIGHT * max(0.0, 1.0 - best) ** VAGUE_POWER


def with_duties(
    readings: Sequence[tuple[T, float]], likeness: np.ndarray, *, bare: bool
) -> list[tuple[T, float]]:
    """A title's readings (best first, with their confidences) re-ranked with the
    duties' ``likeness`` to each: reading ``j`` scores c_j + w × l_j / max(l), with w
    :data:`BARE_WEIGHT` for a bare one-word title, else :data:`DUTY_WEIGHT` × (1 −
    c_best) ** :data:`VAGUE_POWER`. In the order of those scores; the new best takes
    the title's best confidence, and each other reading the larger of its own and the
    best's in proportion to its score: the duties raise a reading, never lower one.
    Unchanged when no reading is alike."""
    if not readings or len(likeness) != len(readings) or likeness.max() <= 0:
        return list(readings)
    conf = np.array([c for _, c in readings])
    best = float(conf.max())
    w = duty_weight(best, bare=bare)
    if w <= 0:
        return list(readings)
    score = conf + w * likeness / likeness.max()
    order = sorted(range(len(readings)), key=lambda j: (-score[j], j))
    top = float(score[order[0]])
    return [
        (readings[j][0], round(max(float(conf[j]), best * float(score[j]) / top), 4)) for j in order
    ]
