"""Job titles → O*NET occupations against the hand-labelled gold titles.

    python -m benchmarks.bench_titles [--gold benchmarks/gold/titles.jsonl]
        [--resumes ../shared/data/livecareer-dev] [--misses]

Each gold row ({"file", "title", "onet", "alt": [...], "confidence"}) was labelled by
reading the résumé. Scored: the top-1 occupation is right when it is ``onet`` or one
of ``alt``; its major group (first two digits) is right when it is that of ``onet``
or an ``alt``; "first 3" and "first 10": a right occupation among the first 3 /
``READINGS`` (10) answers, the readings the fit's occupation component weighs
(``rolematch.occupations.history``). Figures overall, per labeller confidence, and
for the gold's even and odd lines apart (a rule that helps one half only is fitted
to it).

Two rows: "title only" (``OccupationIndex.search_top(titles)``: the library is given
the title and nothing else) and "title + duties" (``search_top(titles,
contexts=...)``, what ``occupations_of`` does for a résumé): the résumé is read with
the library's reader from its bytes (the path only opens the file; the library gets
the bare file name, never the category folder), the experience entry whose title
candidates (``entry_titles``) include the gold title is found (the n-th such entry
for the n-th gold row of that title in that file; else the entry whose first lines
hold the title), and its lines (``entry_lines``) are given as the context. Rows whose
entry is not found fall back to the title alone and are counted. CPU times (the
machine may be shared): the index load, the title searcher's fit (first search), and
the search of all gold titles once fitted, without and with duties.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

GOLD = Path(__file__).resolve().parent / "gold" / "titles.jsonl"
RESUMES = Path(__file__).resolve().parents[2] / "shared" / "data" / "livecareer-dev"


def _key(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "", text.lower())


def entry_contexts(rows: list[dict], root: Path) -> list[str | None]:
    """Each gold row's experience entry lines (None when not found)."""
    from rolematch import read_resume
    from rolematch.occupations import entry_lines, entry_titles, normalize_title

    resumes: dict[str, object] = {}
    seen: Counter[tuple[str, str]] = Counter()
    out: list[str | None] = []
    for r in rows:
        path = root / r["file"]
        if r["file"] not in resumes:
            resumes[r["file"]] = (
                read_resume(path.read_bytes(), filename=path.name) if path.is_file() else None
            )
        resume = resumes[r["file"]]
        if resume is None:
            out.append(None)
            continue
        want = normalize_title(r["title"])
        hits = [
            e
            for e in resume.experience  # type: ignore[attr-defined]
            if any(normalize_title(t) == want for t, _ in entry_titles(resume, e))
        ]
        if not hits:
            k = _key(r["title"])
            lines = resume.lines  # type: ignore[attr-defined]
            hits = [
                e
                for e in resume.experience  # type: ignore[attr-defined]
                if k and k in _key(" ".join(lines[e.first_line : e.first_line + 6]))
            ]
        n = seen[(r["file"], want)]
        seen[(r["file"], want)] += 1
        entry = hits[min(n, len(hits) - 1)] if hits else None
        out.append(entry_lines(resume, entry) if entry is not None else None)  # type: ignore[arg-type]
    return out


def _score(rows: list[dict], tops: list, label: str) -> list[str]:
    from rolematch.occupations.history import READINGS

    groups: dict[str, list[tuple[int, ...]]] = defaultdict(list)
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
    out = [f" {label}:"]
    for key in sorted(groups, key=lambda k: (k != "all", k)):
        v = groups[key]
        n = len(v)
        share = [sum(x[i] for x in v) / n for i in range(4)]
        out.append(
            f"  {key:<20} n={n:<4} top-1 occupation {share[0]:6.1%}   "
            f"major group {share[1]:6.1%}   first 3 {share[2]:6.1%}   "
            f"first {READINGS} {share[3]:6.1%}"
        )
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gold", type=Path, default=GOLD)
    ap.add_argument("--resumes", type=Path, default=RESUMES,
                    help="The dev résumés (for the title + duties row).")
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
    titles = [r["title"] for r in rows]
    tops = ix.search_top(titles, READINGS)
    t3 = time.process_time()
    print(f"gold titles: {len(rows)} ({args.gold})")
    print("\n".join(_score(rows, tops, "title only")))
    contexts: list[str | None] = []
    if args.resumes.is_dir():
        contexts = entry_contexts(rows, args.resumes)
        t4 = time.process_time()
        with_duties = ix.search_top(titles, READINGS, contexts=contexts)
        t5 = time.process_time()
        missing = sum(c is None for c in contexts)
        print("\n".join(_score(rows, with_duties, "title + the entry's duties")))
        print(f"  entries not found (title only): {missing} of {len(rows)}")
    else:
        print(f" title + duties: skipped ({args.resumes}: no résumés)")
    print(f"  CPU time: index load {t1 - t0:.2f} s, searcher fit {t2 - t1:.2f} s, "
          f"{len(rows)} titles {1000 * (t3 - t2) / len(rows):.2f} ms each"
          + (f", with duties {1000 * (t5 - t4) / len(rows):.2f} ms each (first: task "
             "words fitted)" if contexts else ""))
    if args.misses:
        final = with_duties if contexts else tops
        for r, top in zip(rows, final):
            code = top[0][0].code if top else ""
            if code not in {r["onet"], *r.get("alt", [])}:
                conf = top[0][1] if top else 0.0
                print(f"  miss: {r['title']!r:<45} gold {r['onet']}  got {code or '-'} "
                      f"({conf:.2f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
