"""Check the hand-labelled résumé gold files (``resume_dates.jsonl``, ``titles.jsonl``).

Usage::

    python benchmarks/gold/validate_resumes.py [--data ../shared/data]

Checks: every line is JSON with the documented keys; dates are ``YYYY`` or
``YYYY-MM``; ``years_experience`` equals the value recomputed from ``jobs`` with the
counting rule of ``rolematch/_dates.py`` (current jobs end in 2026-12); degrees use the
five labels; every O*NET code (``onet`` and ``alt``) exists in O*NET 29.2
``Occupation Data.txt``; every title in ``titles.jsonl`` is a job of its résumé; the
résumés are the first ones of the documented seed-16 sample. The last two checks need
the reference data and are skipped when it is absent. Exits 1 on any problem.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEGREES = {None, "high_school", "associate", "bachelor", "master", "doctorate"}
CONFIDENCE = {"high", "medium", "low"}
DATE = re.compile(r"^(19[5-9]\d|20[0-2]\d)(-(0[1-9]|1[0-2]))?$")
CODE = re.compile(r"^\d\d-\d{4}\.\d\d$")
NOW = 2026 * 12 + 12          # exclusive end of a current job: December 2026 counts


def _index(value: str, end: bool) -> int:
    """Month index of a date; a year alone is its July, a month-precise end counts."""
    parts = value.split("-")
    if len(parts) == 1:
        return int(parts[0]) * 12 + 6
    return int(parts[0]) * 12 + int(parts[1]) - 1 + (1 if end else 0)


def years_from_jobs(jobs: list[dict]) -> float:
    """Union of the jobs' month ranges, in years rounded to 0.1."""
    spans = []
    for job in jobs:
        if not job["start"]:
            continue
        a = _index(job["start"], False)
        b = NOW if job["current"] else _index(job["end"], True)
        if b > a:
            spans.append((a, min(b, NOW)))
    total, cur = 0, None
    for a, b in sorted(spans):
        if cur is None or a > cur[1]:
            if cur is not None:
                total += cur[1] - cur[0]
            cur = [a, b]
        else:
            cur[1] = max(cur[1], b)
    if cur is not None:
        total += cur[1] - cur[0]
    return round(total / 12, 1)


def _check_resume(n: int, r: dict) -> list[str]:
    where = f"resume_dates.jsonl:{n}"
    keys = {"file", "jobs", "years_experience", "states_job_dates", "degree", "notes"}
    if set(r) != keys:
        return [f"{where}: keys {sorted(r)}"]
    bad = []
    if r["degree"] not in DEGREES:
        bad.append(f"{where}: degree {r['degree']!r}")
    for job in r["jobs"]:
        if set(job) != {"title", "start", "end", "current"}:
            bad.append(f"{where}: job keys {sorted(job)}")
            continue
        for k in ("start", "end"):
            if job[k] is not None and not DATE.match(job[k]):
                bad.append(f"{where}: {k} {job[k]!r}")
        if job["current"] and job["end"] is not None:
            bad.append(f"{where}: current job with an end")
        if job["start"] and not job["current"] and job["end"] is None:
            bad.append(f"{where}: dated job without an end")
    dated = any(j["start"] for j in r["jobs"])
    if r["states_job_dates"] != dated:
        bad.append(f"{where}: states_job_dates {r['states_job_dates']} but dated={dated}")
    want = years_from_jobs(r["jobs"]) if dated else None
    if r["years_experience"] != want:
        bad.append(f"{where}: years_experience {r['years_experience']} != {want}")
    return bad


def _check_title(n: int, t: dict, codes: set[str] | None, jobs: dict) -> list[str]:
    where = f"titles.jsonl:{n}"
    if set(t) != {"file", "title", "onet", "alt", "confidence", "notes"}:
        return [f"{where}: keys {sorted(t)}"]
    bad = []
    for code in [t["onet"], *t["alt"]]:
        if not CODE.match(code) or (codes is not None and code not in codes):
            bad.append(f"{where}: unknown O*NET code {code!r}")
    if t["onet"] in t["alt"]:
        bad.append(f"{where}: onet repeated in alt")
    if t["confidence"] not in CONFIDENCE:
        bad.append(f"{where}: confidence {t['confidence']!r}")
    if t["title"] not in jobs.get(t["file"], ()):
        bad.append(f"{where}: title not among the résumé's jobs")
    return bad


def _sample_order(data: Path, files: list[str]) -> list[str]:
    root = data / "livecareer-dev"
    paths = sorted(p.relative_to(root).as_posix() for p in root.glob("*/*.pdf"))
    sample = random.Random(16).sample(paths, 80)
    return [] if files == sample[:len(files)] else ["résumés are not the seed-16 sample's first ones"]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=HERE.parents[2] / "shared" / "data")
    args = ap.parse_args(argv)
    resumes = [json.loads(x) for x in (HERE / "resume_dates.jsonl").read_text().splitlines()]
    titles = [json.loads(x) for x in (HERE / "titles.jsonl").read_text().splitlines()]
    occ = args.data / "onet-29.2" / "Occupation Data.txt"
    codes = None
    if occ.exists():
        codes = {line.split("\t")[0] for line in occ.read_text(encoding="utf-8").splitlines()[1:]}
    bad: list[str] = []
    for n, r in enumerate(resumes, 1):
        bad += _check_resume(n, r)
    jobs = {r["file"]: {j["title"] for j in r["jobs"]} for r in resumes}
    for n, t in enumerate(titles, 1):
        bad += _check_title(n, t, codes, jobs)
    if (args.data / "livecareer-dev").is_dir():
        bad += _sample_order(args.data, [r["file"] for r in resumes])
    for line in bad:
        print(line, file=sys.stderr)
    print(f"{len(resumes)} résumés, {len(titles)} titles, "
          f"codes {'checked' if codes else 'NOT checked (no O*NET data)'}: "
          f"{'OK' if not bad else f'{len(bad)} problems'}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
