"""Job dates, years of experience and the degree, against hand labels.

    python -m benchmarks.bench_dates --resumes /work/shared/data/livecareer-dev
        [--gold benchmarks/gold/resume_dates.jsonl] [--today 2026-12-01] [--all] [--show]

The gold file holds one JSON object per labelled résumé: ``{"file": "CAT/id.pdf",
"jobs": [{"title", "start": "YYYY-MM", "end": "YYYY-MM" | null, "current": bool}],
"years_experience": float | null, "states_job_dates": bool, "degree": "high_school" |
"associate" | "bachelor" | "master" | "doctorate" | null}``.

Prints, over the labelled résumés: the share whose years are within one year of the
label (among those that state job dates), the share whose highest degree equals the
label (``null`` = none stated), and the coverage (years found, degree found).  With
``--all`` also the coverage over every résumé of the folder (no labels needed).
``--show`` lists each miss.  ``--today`` anchors "Present" (default: the labels'
own anchor, December 2026, or a ``{"today": "YYYY-MM-DD"}`` line in the file).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from datetime import date
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make the repo root importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from rolematch.documents import read_resume  # noqa: E402
from rolematch.errors import ResumeReadError  # noqa: E402

GOLD = Path(__file__).resolve().parent / "gold" / "resume_dates.jsonl"
#: The labels' "Present": a current job ends in December 2026 (gold/RESUMES.md).
GOLD_TODAY = date(2026, 12, 1)


def load_gold(path: Path) -> tuple[list[dict], date | None]:
    rows, today = [], None
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        if "today" in row and "file" not in row:
            today = date.fromisoformat(row["today"])
        else:
            rows.append(row)
    return rows, today


def read_one(path: Path, today: date) -> dict:
    try:
        r = read_resume(path, today=today)
    except ResumeReadError as e:
        return {"error": e.reason, "years": 0.0, "degree": None, "jobs": 0}
    return {"years": r.years_experience, "degree": r.education_level,
            "jobs": len(r.experience), "error": None}


def score(gold: list[dict], got: dict[str, dict]) -> dict:
    dated = [g for g in gold if g.get("states_job_dates") and g.get("years_experience") is not None]
    years_ok = [g["file"] for g in dated
                if abs(got[g["file"]]["years"] - float(g["years_experience"])) <= 1.0]
    degree_ok = [g["file"] for g in gold if got[g["file"]]["degree"] == g.get("degree")]
    return {"labelled": len(gold), "with_dates": len(dated), "years_within_1": len(years_ok),
            "degree_right": len(degree_ok),
            "years_share": len(years_ok) / len(dated) if dated else 0.0,
            "degree_share": len(degree_ok) / len(gold) if gold else 0.0,
            "years_misses": [g for g in dated if g["file"] not in set(years_ok)],
            "degree_misses": [g for g in gold if g["file"] not in set(degree_ok)]}


def coverage(got: dict[str, dict]) -> str:
    n = len(got) or 1
    years = sum(1 for v in got.values() if v["years"] > 0)
    degree = sum(1 for v in got.values() if v["degree"])
    errors = sum(1 for v in got.values() if v["error"])
    return (f"{len(got)} résumés: years found in {years} ({years / n:.0%}), a degree in "
            f"{degree} ({degree / n:.0%}), {errors} not read")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--resumes", type=Path, required=True)
    ap.add_argument("--gold", type=Path, default=GOLD)
    ap.add_argument("--today", type=date.fromisoformat, default=None)
    ap.add_argument("--all", action="store_true", help="also the coverage over every file")
    ap.add_argument("--show", action="store_true", help="list every miss")
    a = ap.parse_args(argv)
    gold, gold_today = load_gold(a.gold) if a.gold.exists() else ([], None)
    today = a.today or gold_today or GOLD_TODAY
    files = ([p.relative_to(a.resumes).as_posix() for p in sorted(a.resumes.glob("*/*.pdf"))]
             if a.all else [g["file"] for g in gold])
    t0 = time.perf_counter()
    got = {f: read_one(a.resumes / f, today) for f in files}
    secs = time.perf_counter() - t0
    print(f"read {len(got)} files in {secs:.1f} s (today = {today})")
    if gold:
        s = score(gold, got)
        print(f"years within one year of the label: {s['years_within_1']}/{s['with_dates']} "
              f"({s['years_share']:.1%}) of résumés that state job dates")
        print(f"degree right: {s['degree_right']}/{s['labelled']} ({s['degree_share']:.1%})")
        print("labelled " + coverage({g["file"]: got[g["file"]] for g in gold}))
        if a.show:
            for g in s["years_misses"]:
                print(f"  years {g['file']}: got {got[g['file']]['years']:.2f} "
                      f"({got[g['file']]['jobs']} jobs), label {g['years_experience']}")
            for g in s["degree_misses"]:
                print(f"  degree {g['file']}: got {got[g['file']]['degree']}, "
                      f"label {g.get('degree')}")
    else:
        print(f"no labels at {a.gold}")
    if a.all:
        print("all " + coverage(got))
    return 0


if __name__ == "__main__":
    sys.exit(main())
