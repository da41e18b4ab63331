"""Job titles → O*NET occupations against the hand-labelled gold titles.

    python -m benchmarks.bench_titles [--gold benchmarks/gold/titles.jsonl] [--misses]

Each gold row ({"file", "title", "onet", "alt": [...], "confidence"}) was labelled by
reading the résumé. Scored: the top-1 occupation of ``OccupationIndex.search(title)``
is right when it is ``onet`` or one of ``alt``; its major group (first two digits) is
right when it is that of ``onet`` or an ``alt``; "first 3" and "first 10": a right
occupation among the search's first 3 / ``READINGS`` (10) answers, the readings the
fit's occupation component weighs (``rolematch.occupations.history``). Figures overall, per labeller
confidence, and for the gold's even and odd lines apart (a rule that helps one half
only is fitted to it). Only the title is given to the library (never the file or
its category). CPU times (the machine may be shared): the index load, the title
searcher's fit (first search), and the search of all gold titles once fitted.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import defaultdict
from pathlib import Path

GOLD = Path(__file__).resolve().parent / "gold" / "titles.jsonl"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gold", type=Path, default=GOLD)
    ap.add_argument("--misses", action="store_true", help="List the wrong top-1 answers.")
    args = ap.parse_args(argv)
    if not args.gold.is_file():
        print(f"{args.gold}: no gold titles", file=sys.stderr)
        return 2
    rows = [json.loads(ln) for ln in args.gold.read_text(encoding="utf-8").splitlines()
            if ln.strip()]

    from rolematch.occupations import OccupationIndex
    from rolematch.occupations.history import READINGS

    t0 = time.process_time()
    ix = OccupationIndex.default()
    t1 = time.process_time()
    ix.search_many(["accountant"])
    t2 = time.process_time()
    tops = ix.search_top([r["title"] for r in rows], READINGS)
    t3 = time.process_time()
    groups: dict[str, list[tuple[int, ...]]] = defaultdict(list)
    misses = []
    for line, (r, top) in enumerate(zip(rows, tops)):
        ok_codes = {r["onet"], *r.get("alt", [])}
        codes = [o.code for o, _ in top]
        code = codes[0] if codes else ""
        right = int(code in ok_codes)
        major = int(bool(code) and code[:2] in {c[:2] for c in ok_codes})
        first3 = int(any(c in ok_codes for c in codes[:3]))
        first10 = int(any(c in ok_codes for c in codes))
        half = "half=even lines" if line % 2 == 0 else "half=odd lines"
        for key in ("all", f"confidence={r.get('confidence', '?')}", half):
            groups[key].append((right, major, first3, first10))
        if not right:
            misses.append((r["title"], r["onet"], code, top[0][1] if top else 0.0))
    print(f"gold titles: {len(rows)} ({args.gold})")
    for key in sorted(groups, key=lambda k: (k != "all", k)):
        v = groups[key]
        n = len(v)
        share = [sum(x[i] for x in v) / n for i in range(4)]
        print(f"  {key:<20} n={n:<4} top-1 occupation {share[0]:6.1%}   "
              f"major group {share[1]:6.1%}   first 3 {share[2]:6.1%}   "
              f"first {READINGS} {share[3]:6.1%}")
    print(f"  CPU time: index load {t1 - t0:.2f} s, searcher fit {t2 - t1:.2f} s, "
          f"{len(rows)} titles {1000 * (t3 - t2) / len(rows):.2f} ms each")
    if args.misses:
        for title, want, got, conf in misses:
            print(f"  miss: {title!r:<45} gold {want}  got {got or '-'} ({conf:.2f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
