"""Benchmark the posting profiler against the hand-labelled gold set.

    PYTHONPATH=. python -m benchmarks.bench_postings \\
        --postings ../shared/data/postings-dev/postings.csv \\
        [--gold benchmarks/gold/postings.jsonl] [--json OUT] [--show N]

Each posting is profiled from its ``description`` with its ``title`` given
(``RoleProfile.from_text(description, title=title)``), as a recruiter pasting it would.

Matching a profile skill to a gold skill: every surface of the profile skill (its
taxonomy name, each alias, and its id with hyphens as spaces) and every surface of the
gold skill (``skill`` and each ``also`` entry) are normalised (lower case, accents
dropped, every run of characters other than letters, digits, ``+`` and ``#`` made one
space).  They match when a profile surface *equals* a gold surface or *contains* it as
whole words ("google analytics 4" contains "google analytics"; "sql" does not contain
"s").  A skill the taxonomy does not know (a vocabulary skill, ``vocab-…``) has its id
words as its one surface.

Figures (micro-averaged over the gold postings):

* ``top10_gold``: of each profile's top-10 required skills (by weight), the share that
  match a gold required or preferred skill;
* ``gold_required_found``: the share of gold required skills matched by any profile
  skill (``..._as_required``: by a required one);
* ``preferred_p/r/f1``: profile preferred skills against gold preferred skills
  (a profile preferred skill is right when it matches a gold preferred skill);
* ``boilerplate_profiles``: profiles holding a skill that matches one of the posting's
  gold boilerplate words (words found only in company / benefits / EEO / how-to-apply
  text) and no gold required or preferred skill; ``boilerplate_skills`` counts those
  skills. A skill the gold asks for is evidenced by requirement text, whatever else
  one of its aliases contains (``manage-personnel``, asked for as "staff management",
  has an alias holding "training", a benefits word of one posting), and the
  boilerplate word must be in what the posting *wrote* for the skill (its mention
  surfaces, :func:`written_surfaces`), not only in one of its aliases: `sales`
  evidenced by "sales" in a requirement is no hit for the boilerplate word "Retail"
  because the alias "retail sales" holds it (fifth pass); ``boilerplate_profiles_any``
  counts without either exception (the rule before the fourth pass);
* ``years_right``: min years (0 ↔ null) and max years both equal the gold's;
  ``degree_right``: the minimum degree level equals the gold's (null ↔ none);
* ``halves``: the main figures for the even and the odd lines of the gold file apart
  (a change that helps only the half one looked at is overfitting);
* over *all* postings in the CSV: ``profiles`` (how many got one, never an error),
  ``median_ms`` (warm, one posting at a time, after one warm-up pass) and, for scale on
  a busy machine, ``extractor_alone_median_ms`` (the skill extractor on the same text).
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import statistics
import sys
import time
import unicodedata
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

GOLD = ROOT / "benchmarks" / "gold" / "postings.jsonl"


def norm(text: str) -> str:
    """Lower case, ASCII, every run of other characters than [a-z0-9+#] one space."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return " ".join(re.sub(r"[^a-z0-9+#]+", " ", text.lower()).split())


def matches(profile_surfaces: set[str], gold_surfaces: set[str]) -> bool:
    for p in profile_surfaces:
        padded = f" {p} "
        for g in gold_surfaces:
            if g and (p == g or f" {g} " in padded):
                return True
    return False


def gold_surfaces(item: dict) -> set[str]:
    return {norm(item["skill"]), *(norm(a) for a in item.get("also", []))} - {""}


def skill_surfaces(skill_id: str, taxonomy) -> set[str]:
    skill = taxonomy.get(skill_id)
    out = {norm(skill_id.replace("-", " "))}
    if skill_id.startswith("vocab-"):
        out = {norm(skill_id[len("vocab-"):].replace("-", " "))}
    if skill is not None:
        out |= {norm(t) for t in skill.terms}
    return out - {""}


def written_surfaces(text: str, extractor) -> dict[str, set[str]]:
    """Skill id → the words the posting wrote for it (normalised mention surfaces)."""
    out: dict[str, set[str]] = {}
    for m in extractor(text):
        out.setdefault(m.skill_id, set()).add(norm(m.surface))
    return out


def score_one(role, gold: dict, taxonomy, written: dict[str, set[str]] | None = None) -> dict:
    surf = {s.skill_id: skill_surfaces(s.skill_id, taxonomy) for s in role.skills}
    # what the posting wrote for each skill (else, unknown, every surface of it)
    wrote = {sid: (written or {}).get(sid) or surf[sid] for sid in surf}
    req = sorted(role.required, key=lambda s: -s.weight)[:10]
    g_req = [gold_surfaces(x) for x in gold["required"]]
    g_pref = [gold_surfaces(x) for x in gold["preferred"]]
    g_any = g_req + g_pref
    top_hits = sum(any(matches(surf[s.skill_id], g) for g in g_any) for s in req)
    found = sum(any(matches(surf[s.skill_id], g) for s in role.skills) for g in g_req)
    found_req = sum(any(matches(surf[s.skill_id], g) for s in role.required) for g in g_req)
    pref = role.preferred
    pref_right = sum(any(matches(surf[s.skill_id], g) for g in g_pref) for s in pref)
    pref_found = sum(any(matches(surf[s.skill_id], g) for s in pref) for g in g_pref)
    boiler = [norm(b) for b in gold.get("boilerplate", [])]
    boiler_any = [s.skill_id for s in role.skills
                  if any(matches(surf[s.skill_id], {b}) for b in boiler if b)]
    boiler_hits = [sid for sid in boiler_any
                   if not any(matches(surf[sid], g) for g in g_any)
                   and any(matches(wrote[sid], {b}) for b in boiler if b)]
    min_y = role.min_years or None
    max_y = getattr(role, "max_years", None)
    years_ok = (min_y == (gold["min_years"] or None)) and (max_y == gold["max_years"])
    return {
        "job_id": gold["job_id"], "top": len(req), "top_hits": top_hits,
        "gold_req": len(g_req), "found": found, "found_req": found_req,
        "pred_pref": len(pref), "pref_right": pref_right, "gold_pref": len(g_pref),
        "pref_found": pref_found, "boilerplate": boiler_hits, "boilerplate_any": boiler_any,
        "years_ok": years_ok, "degree_ok": role.education_level == gold["degree"],
        "years": (min_y, max_y), "gold_years": (gold["min_years"], gold["max_years"]),
        "degree": role.education_level, "gold_degree": gold["degree"],
    }


def summarise(rows: list[dict]) -> dict:
    n = len(rows)
    tot = lambda k: sum(r[k] for r in rows)
    p = tot("pref_right") / max(1, tot("pred_pref"))
    r = tot("pref_found") / max(1, tot("gold_pref"))
    return {
        "gold_postings": n,
        "top10_gold": round(tot("top_hits") / max(1, tot("top")), 3),
        "gold_required_found": round(tot("found") / max(1, tot("gold_req")), 3),
        "gold_required_found_as_required": round(tot("found_req") / max(1, tot("gold_req")), 3),
        "preferred_p": round(p, 3), "preferred_r": round(r, 3),
        "preferred_f1": round(2 * p * r / (p + r), 3) if p + r else 0.0,
        "boilerplate_profiles": sum(bool(x["boilerplate"]) for x in rows),
        "boilerplate_skills": sum(len(x["boilerplate"]) for x in rows),
        "boilerplate_profiles_any": sum(bool(x["boilerplate_any"]) for x in rows),
        "years_right": round(sum(x["years_ok"] for x in rows) / max(1, n), 3),
        "degree_right": round(sum(x["degree_ok"] for x in rows) / max(1, n), 3),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--postings", type=Path, required=True, help="postings.csv")
    ap.add_argument("--gold", type=Path, default=GOLD)
    ap.add_argument("--json", type=Path, default=None, help="write per-posting rows here")
    ap.add_argument("--show", type=int, default=0, help="print N worst postings")
    args = ap.parse_args(argv)

    from rolematch.roles import RoleProfile
    from rolematch.taxonomy import Taxonomy

    taxonomy = Taxonomy.default()
    with args.postings.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    gold = [json.loads(line) for line in args.gold.open(encoding="utf-8") if line.strip()]

    def profile(row: dict):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return RoleProfile.from_text(row["description"], title=row["title"])

    profiles, errors = {}, []
    for row in rows:  # warm-up pass, and every posting must get a profile
        try:
            profiles[row["job_id"]] = profile(row)
        except Exception as e:  # noqa: BLE001 - counted, the benchmark goes on
            errors.append((row["job_id"], f"{type(e).__name__}: {e}"))
    times = []
    for row in rows:
        t = time.perf_counter()
        try:
            profile(row)
        except Exception:  # noqa: BLE001, S110 - counted in the first pass
            pass
        times.append((time.perf_counter() - t) * 1000)

    from rolematch.extract import default_extractor

    extractor, bare = default_extractor(), []
    for row in rows:  # the floor: the skill extractor alone on the same text
        t = time.perf_counter()
        extractor(row["description"])
        bare.append((time.perf_counter() - t) * 1000)

    text_of = {row["job_id"]: row["description"] for row in rows}
    scored = [score_one(profiles[g["job_id"]], g, taxonomy,
                        written_surfaces(text_of[g["job_id"]], extractor))
              for g in gold if g["job_id"] in profiles]
    out = summarise(scored)
    # the two halves (even / odd line of the gold file): a change that helps only the
    # half someone looked at is overfitting
    out["halves"] = {
        name: {k: v for k, v in summarise(scored[start::2]).items()
               if k in ("top10_gold", "gold_required_found", "preferred_f1",
                        "boilerplate_profiles")}
        for name, start in (("even", 0), ("odd", 1))
    }
    out.update({"postings": len(rows), "profiles": len(profiles), "errors": errors[:5],
                "median_ms": round(statistics.median(times), 2),
                "extractor_alone_median_ms": round(statistics.median(bare), 2),
                "p95_ms": round(sorted(times)[int(0.95 * (len(times) - 1))], 2)})
    print(json.dumps(out, indent=2))
    if args.show:
        worst = sorted(scored, key=lambda x: (x["top_hits"] / max(1, x["top"])))[:args.show]
        for x in worst:
            role = profiles[x["job_id"]]
            print(x["job_id"], f"top {x['top_hits']}/{x['top']}", "years", x["years"],
                  x["gold_years"], "degree", x["degree"], x["gold_degree"],
                  "boiler", x["boilerplate"])
            print("   req:", [s.skill_id for s in sorted(role.required, key=lambda s: -s.weight)][:12])
            print("   pref:", [s.skill_id for s in role.preferred][:10])
    if args.json:
        args.json.write_text(json.dumps(scored, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
