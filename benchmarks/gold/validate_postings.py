"""Check the hand-labelled posting gold file: every line parses and has the agreed shape.

Usage: python benchmarks/gold/validate_postings.py [benchmarks/gold/postings.jsonl] [postings.csv]
With the CSV (the shared dev postings), also checks that the job ids come from the
seeded sample, in its order (skipped postings are listed in POSTINGS.md). Exit status 1 and one message per problem when something is wrong.
"""

from __future__ import annotations

import csv
import json
import random
import sys
from pathlib import Path

KEYS = {"job_id", "required", "preferred", "boilerplate", "min_years", "max_years",
        "degree", "degree_or_equivalent", "notes"}
DEGREES = {None, "high_school", "associate", "bachelor", "master", "doctorate"}
SAMPLE_SEED, SAMPLE_SIZE = 18, 60


def _skill_problems(where: str, items: object) -> list[str]:
    if not isinstance(items, list):
        return [f"{where}: not a list"]
    problems = []
    for i, item in enumerate(items):
        if not isinstance(item, dict) or set(item) != {"skill", "also"}:
            problems.append(f"{where}[{i}]: want exactly keys skill, also")
            continue
        name, also = item["skill"], item["also"]
        if not isinstance(name, str) or not name.strip() or len(name.split()) > 4:
            problems.append(f"{where}[{i}]: skill must be a 1-4 word name: {name!r}")
        if not isinstance(also, list) or any(not isinstance(a, str) or a != a.lower() for a in also):
            problems.append(f"{where}[{i}]: also must be a list of lowercase strings")
    return problems


def line_problems(row: dict) -> list[str]:
    """Everything wrong with one parsed line (empty when it is fine)."""
    where = row.get("job_id", "?")
    if set(row) != KEYS:
        return [f"{where}: keys {sorted(set(row) ^ KEYS)} missing or unexpected"]
    problems = _skill_problems(f"{where} required", row["required"])
    problems += _skill_problems(f"{where} preferred", row["preferred"])
    if not isinstance(row["job_id"], str) or not row["job_id"].isdigit():
        problems.append(f"{where}: job_id must be a string of digits")
    bp = row["boilerplate"]
    if not isinstance(bp, list) or len(bp) > 10 or any(not isinstance(b, str) for b in bp):
        problems.append(f"{where}: boilerplate must be a list of at most 10 strings")
    for key in ("min_years", "max_years"):
        if row[key] is not None and (not isinstance(row[key], int) or row[key] < 0):
            problems.append(f"{where}: {key} must be null or a non-negative integer")
    if isinstance(row["min_years"], int) and isinstance(row["max_years"], int) \
            and row["min_years"] > row["max_years"]:
        problems.append(f"{where}: min_years > max_years")
    if row["degree"] not in DEGREES:
        problems.append(f"{where}: degree {row['degree']!r} not one of {sorted(map(str, DEGREES))}")
    if not isinstance(row["degree_or_equivalent"], bool):
        problems.append(f"{where}: degree_or_equivalent must be true/false")
    if not isinstance(row["notes"], str):
        problems.append(f"{where}: notes must be a string")
    required = {s["skill"].lower() for s in row["required"] if isinstance(s, dict) and "skill" in s}
    both = required & {s["skill"].lower() for s in row["preferred"] if isinstance(s, dict) and "skill" in s}
    if both:
        problems.append(f"{where}: both required and preferred: {sorted(both)}")
    return problems


def sample_ids(csv_path: Path) -> list[str]:
    """The job ids of the seeded sample: sort by job_id, Random(18).sample(rows, 60)."""
    csv.field_size_limit(10**9)
    with csv_path.open(newline="", encoding="utf-8") as handle:
        rows = sorted(csv.DictReader(handle), key=lambda r: r["job_id"])
    return [r["job_id"] for r in random.Random(SAMPLE_SEED).sample(rows, SAMPLE_SIZE)]


def main(argv: list[str]) -> int:
    gold = Path(argv[0]) if argv else Path(__file__).with_name("postings.jsonl")
    problems, ids = [], []
    for number, text in enumerate(gold.read_text(encoding="utf-8").splitlines(), 1):
        try:
            row = json.loads(text)
        except json.JSONDecodeError as error:
            problems.append(f"line {number}: {error}")
            continue
        ids.append(row.get("job_id"))
        problems += [f"line {number}: {p}" for p in line_problems(row)]
    if len(ids) != len(set(ids)):
        problems.append("duplicate job ids")
    if len(argv) > 1:
        expected = sample_ids(Path(argv[1]))
        if ids != [job_id for job_id in expected if job_id in set(ids)]:
            problems.append("job ids are not drawn from the seeded sample, in its order")
    for problem in problems:
        sys.stderr.write(problem + "\n")
    sys.stdout.write(f"{len(ids)} postings, {len(problems)} problems\n")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
