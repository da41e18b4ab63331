"""Levers on the recruiter view's MAP (issue 19), measured on the quality harness' data.

    python -m benchmarks.probe_recruiter --resumes ../shared/data/livecareer-dev \
        --onet ../shared/data/onet-29.2 [--cache-dir /tmp/q-probe]

The harness' default run (718 dev résumés, full text, 24 O*NET-titled postings) is
featurized once; each lever then rescores it and prints MAP (each posting ranking every
résumé) and MRR (each résumé ranking the postings). Levers:

* **component weights**: a grid over the occupation, required and vocabulary weights;
* **a résumé's scale against a fixed background**: each résumé's fit to every O*NET
  occupation of the index (``RoleProfile.from_occupation``, as ``rolematch explore``
  builds them) gives its mean, spread and quantiles; the posting's fit is shifted or
  z-scored by them, so no score depends on which postings are ranked together;
* **the same against the 24 postings themselves**: transductive (a résumé's score
  would change with the postings beside it, which issue 19 rules out), shown as the
  ceiling this kind of lever reaches;
* **résumé length**: the vocabulary cosine times (terms / median)^beta.

Nothing here ships; it records why the shipped score is what it is
(``benchmarks/RESULTS.md``).
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import numpy as np

from . import _quality_data as qd
from . import _quality_rank as qr


def _map(scores: np.ndarray, labels: np.ndarray) -> float:
    rel = [labels == j for j in range(scores.shape[1])]
    return qr.recruiter_figures(scores, rel).map


def _mrr(scores: np.ndarray, labels: np.ndarray) -> float:
    return float(qr.reciprocal_rank(scores, [frozenset([int(x)]) for x in labels]).mean())


def _weighted(values: dict[str, np.ndarray], weights: dict[str, float]) -> np.ndarray:
    return sum(weights[c] * values[c] for c in weights) / sum(weights.values())


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--resumes", type=Path, required=True)
    ap.add_argument("--onet", type=Path, required=True)
    ap.add_argument("--cache-dir", type=Path, default=None)
    args = ap.parse_args(argv)

    from rolematch import Matcher, RoleProfile, RoleSet
    from rolematch import formula as F
    from rolematch.occupations import OccupationIndex
    from rolematch.taxonomy import Taxonomy

    t = time.perf_counter()
    docs, _ = qd.read_labelled(args.resumes, cache_dir=args.cache_dir)
    cats = [c for c in qd.CATEGORIES if any(d.category == c for d in docs)]
    labels = np.array([cats.index(d.category) for d in docs])
    postings = qd.category_postings(args.onet)
    roles = qr.profile_postings({c: postings[c] for c in cats})
    m = Matcher().fit(roles)
    feats, _ = qr.featurize([d.resume for d in docs], m)  # the postings' skills inferred
    s = m._scored(feats)
    values = {c: np.asarray(v) for c, v in s.values.items()}
    shipped = F.Weights()
    base = {c: float(getattr(shipped, c)) for c in qr.COMPONENTS}
    fit = s.totals
    print(f"featurized {len(docs)} résumés in {time.perf_counter() - t:.0f} s\n")
    print("| lever | MAP | MRR |\n|---|---:|---:|")
    print(f"| shipped fit | {_map(fit, labels):.3f} | {_mrr(fit, labels):.3f} |")

    best = max(
        (
            (_map(_weighted(values, w), labels), _mrr(_weighted(values, w), labels), w)
            for occ in (0.12, 0.18, 0.25, 0.35)
            for req in (0.05, 0.15, 0.25)
            for voc in (0.3, 0.48, 0.6)
            for w in [dict(base, occupation=occ, required=req, vocabulary=voc)]
        ),
        key=lambda x: x[0],
    )
    keys = ("occupation", "required", "vocabulary")
    shown = ", ".join(f"{k} {best[2][k]}" for k in keys)
    print(f"| best weights of a 36-point grid ({shown}) | {best[0]:.3f} | {best[1]:.3f} |")

    ix, tx = OccupationIndex.default(), Taxonomy.default()
    occ_roles = [RoleProfile.from_occupation(o.id, taxonomy=tx, index=ix)
                 for o in ix if o.system == "onet"]
    occ_roles = [r for r in occ_roles if len(r.skills) >= 5]
    bg = Matcher().fit(RoleSet(occ_roles, taxonomy=tx)).score_matrix(feats)
    mu, sd = bg.mean(1, keepdims=True), bg.std(1, keepdims=True)
    n_bg = len(occ_roles)
    for name, adj in (
        (f"minus the mean fit over {n_bg} O*NET occupations", fit - mu),
        (f"z-score against {n_bg} O*NET occupations", (fit - mu) / sd),
        ("minus the 90th percentile of those fits", fit - np.quantile(bg, 0.9, axis=1)[:, None]),
        ("minus the mean of the 100 best of those fits",
         fit - np.sort(bg, 1)[:, -100:].mean(1, keepdims=True)),
        ("(transductive) minus the mean over the 24 postings",
         fit - fit.mean(1, keepdims=True)),
        ("(transductive) z-score over the 24 postings",
         (fit - fit.mean(1, keepdims=True)) / fit.std(1, keepdims=True)),
    ):
        print(f"| {name} | {_map(adj, labels):.3f} | {_mrr(adj, labels):.3f} |")

    terms = np.array([sum(f.terms.values()) for f in feats], float)[:, None]
    for beta in (-0.2, -0.1, 0.1):
        cos = s.cosine * (terms / np.median(terms)) ** beta
        v = dict(values, vocabulary=F.vocabulary(cos, shipped.tfidf_full))
        adj = _weighted(v, base)
        print(f"| vocabulary cosine × (résumé terms / median)^{beta} | "
              f"{_map(adj, labels):.3f} | {_mrr(adj, labels):.3f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
