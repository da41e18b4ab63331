"""``rolematch explore`` on the dev résumés: time per résumé and whether a résumé's own
category occupation(s) are in its top 10 of all O*NET occupations.

    python -m benchmarks.bench_explore ../shared/data/livecareer-dev \
        [--limit-per-category N] [--cache /tmp/rolematch-quality-cache]

The category → O*NET codes map is the quality harness' (``_quality_data``), used here
only to grade; the library never sees the category. Times: ``Explorer.explore`` with
the résumé's features already computed (the whole index scored, gaps, history, paths),
and end to end (skill extraction included), in a warm process, one core.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path

from benchmarks._quality_data import CATEGORY_OCCUPATIONS, read_labelled


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folder", type=Path)
    ap.add_argument("--limit-per-category", type=int, default=None)
    ap.add_argument("--cache", type=Path, default=Path("/tmp/rolematch-quality-cache"))
    ap.add_argument("--k", type=int, default=10)
    args = ap.parse_args(argv)

    from rolematch.explore import Explorer

    docs, failed = read_labelled(args.folder, limit_per_category=args.limit_per_category,
                                 cache_dir=args.cache)
    t0 = time.perf_counter()
    ex = Explorer().fit()
    fit_s = time.perf_counter() - t0
    hits: dict[str, list[int]] = defaultdict(list)
    warm, full = [], []
    for n, d in enumerate(docs):
        t = time.perf_counter()
        feats = ex.matcher_.featurize(d.resume)
        t1 = time.perf_counter()
        x = ex.explore(d.resume, args.k, features=feats)
        t2 = time.perf_counter()
        if n:  # the first call warms caches (title searcher, spaCy)
            warm.append(t2 - t1)
            full.append(t2 - t)
        want = {f"onet:{c}" for c, _ in CATEGORY_OCCUPATIONS[d.category]}
        hits[d.category].append(int(any(b.id in want for b in x.best)))
    allhits = [h for v in hits.values() for h in v]
    print(f"résumés: {len(docs)} (unreadable {len(failed)}); explorer fit {fit_s:.1f} s, "
          f"{len(ex.matcher_.roles_)} occupations")
    print(f"explore, features given: median {statistics.median(warm) * 1000:.0f} ms, "
          f"p95 {sorted(warm)[int(0.95 * len(warm))] * 1000:.0f} ms; end to end: median "
          f"{statistics.median(full) * 1000:.0f} ms")
    print(f"own category occupation in top {args.k}: {sum(allhits) / len(allhits):.1%} "
          f"({sum(allhits)}/{len(allhits)})")
    for cat in sorted(hits):
        v = hits[cat]
        print(f"  {cat:<24}{sum(v) / len(v):6.1%}  ({sum(v)}/{len(v)})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
