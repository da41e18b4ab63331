"""Ranking methods and ranking metrics of the match-quality harness.

Every method turns texts (or rolematch résumés) into an ``(n résumés × m roles)``
score matrix; the metrics read a score matrix and, per row, the set of columns that
are a right answer.  Ties are scored by their expectation under a random order of
the tied columns (a component like "education" gives many roles the same value), so
no method gains from the order the roles happen to be listed in.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from math import comb
from typing import Callable, Iterable, Mapping, Sequence

import numpy as np

# --------------------------------------------------------------------------- metrics
Gold = Sequence[frozenset[int]]


def _tie_position(row: np.ndarray, gold: frozenset[int]) -> tuple[int, int, int]:
    """(columns strictly above the best right answer, right answers tied with it,
    wrong answers tied with it)."""
    if not gold:
        raise ValueError("a row without a right answer cannot be ranked")
    best = max(row[j] for j in gold)
    above = int(np.sum(row > best))
    tied = row == best
    a = sum(1 for j in gold if tied[j])
    return above, a, int(np.sum(tied)) - a


def _p_first_after(a: int, t: int, j: int) -> float:
    """P(no right answer in the first ``j`` places of a random order of a right and
    t wrong tied answers)."""
    if j <= 0:
        return 1.0
    if j > t:
        return 0.0
    return comb(t, j) / comb(a + t, j)


def hit_at_k(scores: np.ndarray, gold: Gold, k: int) -> np.ndarray:
    """Per row: the probability that a right answer is in the top ``k``."""
    out = np.empty(len(gold))
    for i, g in enumerate(gold):
        above, a, t = _tie_position(scores[i], g)
        out[i] = 1.0 - _p_first_after(a, t, k - above)
    return out


def reciprocal_rank(scores: np.ndarray, gold: Gold) -> np.ndarray:
    """Per row: the expected 1 / rank of the first right answer."""
    out = np.empty(len(gold))
    for i, g in enumerate(gold):
        above, a, t = _tie_position(scores[i], g)
        rr = 0.0
        for p in range(1, t + 2):  # first right answer at place ``above + p``
            p_first = _p_first_after(a, t, p - 1) * a / (a + t - p + 1)
            rr += p_first / (above + p)
        out[i] = rr
    return out


def overall_and_macro(values: np.ndarray, labels: Sequence[str]) -> tuple[float, float]:
    """The mean over rows and the mean of the per-label means."""
    if len(values) == 0:
        return float("nan"), float("nan")
    by: dict[str, list[float]] = {}
    for v, lab in zip(values, labels):
        by.setdefault(lab, []).append(float(v))
    return float(np.mean(values)), float(np.mean([np.mean(v) for v in by.values()]))


def per_label(values: np.ndarray, labels: Sequence[str]) -> dict[str, float]:
    by: dict[str, list[float]] = {}
    for v, lab in zip(values, labels):
        by.setdefault(lab, []).append(float(v))
    return {lab: float(np.mean(v)) for lab, v in sorted(by.items())}


def most_ranked_first(scores: np.ndarray, names: Sequence[str], n: int = 3
                      ) -> list[tuple[str, float]]:
    """The ``n`` columns most often ranked first (ties share the row), with their share
    of the rows: a method that always picks the same few roles shows up here."""
    share = np.zeros(scores.shape[1])
    for row in scores:
        best = row == row.max()
        share += best / best.sum()
    order = np.argsort(-share, kind="stable")[:n]
    return [(names[j], float(share[j] / len(scores))) for j in order]


@dataclass(frozen=True)
class TieFigures:
    """Ties in the recruiter's view: each posting (column) ranking every résumé (row).

    ``pairs``: résumé pairs with exactly equal scores, summed over postings;
    ``top_pairs``: the same among each posting's ``top`` best résumés (a tie that
    straddles the cut counts when its upper member is inside); ``postings_with_top_tie``:
    postings whose top ``top`` hold at least one tie."""

    pairs: int
    top_pairs: int
    postings_with_top_tie: int
    top: int


def tie_figures(scores: np.ndarray, top: int = 50) -> TieFigures:
    """Tied résumé pairs of a ``(résumés × postings)`` score matrix, per posting."""
    pairs = top_pairs = with_tie = 0
    for col in np.asarray(scores, dtype=float).T:
        _, counts = np.unique(col, return_counts=True)
        pairs += int(np.sum(counts * (counts - 1) // 2))
        best = np.sort(col)[::-1][:top]
        _, c_top = np.unique(best, return_counts=True)
        k = int(np.sum(c_top * (c_top - 1) // 2))
        top_pairs += k
        with_tie += k > 0
    return TieFigures(pairs, top_pairs, with_tie, top)


@dataclass(frozen=True)
class RankingFigures:
    top1: float
    top1_macro: float
    top3: float
    top3_macro: float
    mrr: float
    mrr_macro: float


def ranking_figures(scores: np.ndarray, gold: Gold, labels: Sequence[str]) -> RankingFigures:
    t1 = overall_and_macro(hit_at_k(scores, gold, 1), labels)
    t3 = overall_and_macro(hit_at_k(scores, gold, 3), labels)
    rr = overall_and_macro(reciprocal_rank(scores, gold), labels)
    return RankingFigures(t1[0], t1[1], t3[0], t3[1], rr[0], rr[1])


# --------------------------------------------------------------------------- recruiter
def average_precision(column: np.ndarray, relevant: np.ndarray) -> float:
    """Expected average precision of one posting ranking every résumé (``column``: the
    résumés' scores, ``relevant``: bool per résumé), tied résumés in a random order.

    Per group of tied scores (McSherry & Najork, ECIR 2008): at each of its ``n``
    places a right answer has probability ``r / n``, and given one there the expected
    right answers before it in the group are ``(i - 1)(r - 1)/(n - 1)``; so the
    expectation is exact, and no order of the rows gains from ties."""
    col = np.asarray(column, dtype=float)
    rel = np.asarray(relevant, dtype=bool)
    total = int(rel.sum())
    if total == 0:
        raise ValueError("a posting without a right answer cannot be ranked")
    values, inverse = np.unique(-col, return_inverse=True)   # best group first
    n_group = np.bincount(inverse, minlength=len(values))
    r_group = np.bincount(inverse, weights=rel, minlength=len(values))
    ap, seen, above = 0.0, 0, 0.0
    for n, r in zip(n_group.tolist(), r_group.tolist()):
        if r > 0:
            i = np.arange(1, n + 1)
            inside = (i - 1) * (r - 1) / (n - 1) if n > 1 else np.zeros(1)
            ap += r / n * float(np.sum((above + 1 + inside) / (seen + i)))
        seen += n
        above += r
    return ap / total


def precision_at(column: np.ndarray, relevant: np.ndarray, k: int) -> float:
    """Expected share of right answers among a posting's ``k`` best résumés (ties in a
    random order)."""
    col = np.asarray(column, dtype=float)
    rel = np.asarray(relevant, dtype=bool)
    k = min(k, len(col))
    if k <= 0:
        return float("nan")
    cut = np.sort(col)[::-1][k - 1]
    above = col > cut
    tied = col == cut
    slots = k - int(above.sum())
    hits = float(np.sum(rel & above)) + slots * float(np.sum(rel & tied)) / float(tied.sum())
    return hits / k


@dataclass(frozen=True)
class RecruiterFigures:
    """Each posting (column) ranking every résumé (row): mean average precision,
    precision at 10, ties among each posting's ``top`` best (pairs summed over
    postings; postings with one), and each posting's AP and P@10."""

    map: float
    p10: float
    top_tied_pairs: int
    postings_with_top_tie: int
    top: int
    ap: tuple[float, ...]
    p10s: tuple[float, ...]


def recruiter_figures(scores: np.ndarray, relevant: Sequence[np.ndarray], top: int = 50
                      ) -> RecruiterFigures:
    """``scores``: (résumés × postings); ``relevant[j]``: bool per résumé, the right
    answers of posting ``j``."""
    S = np.asarray(scores, dtype=float)
    ap = tuple(average_precision(S[:, j], relevant[j]) for j in range(S.shape[1]))
    p10 = tuple(precision_at(S[:, j], relevant[j], 10) for j in range(S.shape[1]))
    ties = tie_figures(S, top)
    return RecruiterFigures(float(np.mean(ap)), float(np.mean(p10)), ties.top_pairs,
                            ties.postings_with_top_tie, top, ap, p10s=p10)


# --------------------------------------------------------------------------- baselines
def tfidf_scores(postings: Sequence[str], resumes: Sequence[str], **params) -> np.ndarray:
    """Cosine of scikit-learn TF-IDF vectors fitted on postings + résumés."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    vec = TfidfVectorizer(**params)
    X = vec.fit_transform([*postings, *resumes])
    P, R = X[: len(postings)], X[len(postings):]
    return np.asarray((R @ P.T).todense())  # rows are l2-normalized: dot = cosine


STRONG_TFIDF = dict(stop_words="english", sublinear_tf=True, ngram_range=(1, 2), min_df=2)


def _bm25_tokens(texts: Sequence[str]) -> list[list[str]]:
    import logging

    import bm25s

    logging.getLogger("bm25s").setLevel(logging.WARNING)  # it logs each index build

    return bm25s.tokenize(list(texts), stopwords="en", return_ids=False,
                          show_progress=False)


def bm25_scores(postings: Sequence[str], resumes: Sequence[str]) -> np.ndarray:
    """BM25 (bm25s, Lucene variant, k1=1.5, b=0.75): the postings are the indexed
    corpus, each résumé is a query over its distinct terms.

    The postings are what gets ranked, so they are the documents: IDF and length
    normalization are over the 24 postings, and one résumé's scores against them are
    comparable.  (Indexing the résumés instead gives each posting-query its own
    score scale; see :func:`bm25_reverse_scores`.)"""
    import bm25s

    ret = bm25s.BM25()
    ret.index(_bm25_tokens(postings), show_progress=False)
    out = np.zeros((len(resumes), len(postings)))
    for i, toks in enumerate(_bm25_tokens(resumes)):
        ids = sorted(set(ret.get_tokens_ids(toks)))
        if ids:
            out[i] = ret.get_scores(ids)
    return out


def bm25_reverse_scores(postings: Sequence[str], resumes: Sequence[str]) -> np.ndarray:
    """BM25 with the résumés indexed and each posting as the query (distinct terms)."""
    import bm25s

    ret = bm25s.BM25()
    ret.index(_bm25_tokens(resumes), show_progress=False)
    out = np.zeros((len(resumes), len(postings)))
    for j, toks in enumerate(_bm25_tokens(postings)):
        ids = sorted(set(ret.get_tokens_ids(toks)))
        if ids:
            out[:, j] = ret.get_scores(ids)
    return out


# --------------------------------------------------------------------------- rolematch
#: rolematch configurations: component weights (others 0).  The first is the default.
ROLEMATCH_CONFIGS: dict[str, Mapping[str, float] | None] = {
    "rolematch fit (default weights)": None,
    "rolematch taxonomy part (required+preferred+related)":
        {"required": 0.35, "preferred": 0.15, "related": 0.10, "vocabulary": 0,
         "experience": 0, "education": 0, "occupation": 0},
    "rolematch TF-IDF part (vocabulary)":
        {"required": 0, "preferred": 0, "related": 0, "vocabulary": 1,
         "experience": 0, "education": 0, "occupation": 0},
}
COMPONENTS = ("required", "preferred", "related", "vocabulary", "experience", "education",
              "occupation")


def single_component(name: str) -> dict[str, float]:
    return {c: (1.0 if c == name else 0.0) for c in COMPONENTS}


@dataclass
class Timed:
    """A score matrix and the seconds it took (``setup``: work done once per role
    set, ``per_batch``: work that grows with the résumés)."""

    scores: np.ndarray
    seconds: float
    setup_seconds: float = 0.0
    note: str = ""


def timed(fn: Callable[[], np.ndarray]) -> Timed:
    t = time.perf_counter()
    s = fn()
    return Timed(s, time.perf_counter() - t)


@dataclass
class RolematchRun:
    """rolematch scores for several weightings from one featurization."""

    features_seconds: float
    setup_seconds: float
    scores: dict[str, np.ndarray] = field(default_factory=dict)
    score_seconds: dict[str, float] = field(default_factory=dict)


def featurize(resumes: Iterable, matcher=None) -> tuple[list, float]:
    """rolematch features (skills with evidence, TF-IDF vector) of each résumé, and the
    seconds taken.  They depend on the roles ``matcher`` was fitted on (the meaning
    layer infers those roles' skills), not on the weights: featurize with a matcher
    fitted on the roles the features will be scored against."""
    from rolematch import Matcher, RoleSet

    m = matcher or Matcher().fit(RoleSet.default())
    t = time.perf_counter()
    feats = [m.featurize(r) for r in resumes]
    return feats, time.perf_counter() - t


def rolematch_scores(roles, features: Sequence, configs: Mapping[str, Mapping[str, float] | None]
                     ) -> RolematchRun:
    """Fit one Matcher per weighting on ``roles`` and score the features."""
    from rolematch import Matcher

    run = RolematchRun(0.0, 0.0)
    for name, weights in configs.items():
        t = time.perf_counter()
        m = Matcher(weights=weights).fit(roles)
        run.setup_seconds = max(run.setup_seconds, time.perf_counter() - t)
        t = time.perf_counter()
        run.scores[name] = m.score_matrix(features)
        run.score_seconds[name] = time.perf_counter() - t
    return run


def profile_postings(postings: Mapping[str, str]):
    """``RoleProfile.from_text`` of each posting (id = key lowercased, title = the
    posting's first line), as a RoleSet."""
    from rolematch import RoleProfile, RoleSet

    profiles = [RoleProfile.from_text(text, title=text.split("\n", 1)[0].strip()[:200]
                                      or key.replace("-", " ").title(),
                                      id=key.lower(), source=f"<{key}>")
                for key, text in postings.items()]
    return RoleSet(profiles)
