"""Benchmark gap reports against the evidence gold set (issue 17: false gaps).

    python -m benchmarks.bench_evidence --resumes ../shared/data/livecareer-dev [--json]
                                        [--gold benchmarks/gold/evidence.jsonl]
                                        [--no-meaning | --meaning THRESHOLD]

For every résumé–role pair in ``benchmarks/gold/evidence.jsonl`` (see
``benchmarks/gold/EVIDENCE.md``) a :class:`RoleProfile` is built from the gold skills,
the résumé is read with :func:`rolematch.read_resume` and matched with
:meth:`Matcher.match` (with the meaning layer on, as the CLI, batch and web app
ship; ``--no-meaning`` for words alone), and each gold skill gets what rolematch
reported for it:

- ``matched``: one of its taxonomy ids is in ``Fit.matched`` (direct evidence, or a
  narrower skill that rolls up to it);
- ``partial``: not matched, but in ``Fit.partial`` (credit from a related skill): the
  report shows it as partly covered, neither a match nor a gap;
- ``missing``: in ``Fit.missing``, i.e. a gap the report names.

**false-gap rate** = gold-evidenced skills (``yes`` or ``partial``) reported
``missing`` / all gold-evidenced skills. **false-match rate** = skills reported
``matched`` that the gold says are ``no`` / all skills reported ``matched``. Targets:
at most 10% and 5%. Two stricter side figures are printed too: the false-gap rate of
``yes`` skills alone, and the share of gold-evidenced skills reported only ``partial``.

Gold skills map to taxonomy ids by exact name/alias lookup (:meth:`Taxonomy.lookup`)
of ``name`` and each ``also``; a skill that maps to nothing is counted and listed as
*unmapped* and not scored. Example résumés use their shipped role (``role_id``) and the
gold skills' own ``id``. When ``--resumes`` is absent the LiveCareer pairs are skipped
(with a note) and the example pairs are still scored. Output names skills, ids, résumé
file names and line numbers only, never résumé text.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "benchmarks" / "gold" / "evidence.jsonl"
EVIDENCED = ("yes", "partial")
REPORTED = ("matched", "partial", "missing")
#: role weights of the gold skills (the benchmark reads matched/missing, not scores)
REQUIRED_WEIGHT, PREFERRED_WEIGHT = 1.0, 0.6


@dataclass(frozen=True)
class Outcome:
    """One scored gold skill: what the reader judged and what rolematch reported."""

    resume: str
    skill: str
    ids: tuple[str, ...]
    required: bool
    judgement: str            # yes / partial / no (gold)
    reported: str             # matched / partial / missing (rolematch)
    gold_lines: tuple[int, ...] = ()
    reported_lines: tuple[int, ...] = ()
    named: bool = False       # a taxonomy term of its ids occurs in the résumé text

    @property
    def false_gap(self) -> bool:
        return self.judgement in EVIDENCED and self.reported == "missing"

    @property
    def false_match(self) -> bool:
        return self.judgement == "no" and self.reported == "matched"


# ------------------------------------------------------------------- arithmetic
def reported_for(ids: Iterable[str], matched: Iterable[str], partial: Iterable[str]) -> str:
    """``matched`` if any id was matched, else ``partial`` if any was partly covered,
    else ``missing``."""
    ids, matched_set, partial_set = set(ids), set(matched), set(partial)
    if ids & matched_set:
        return "matched"
    if ids & partial_set:
        return "partial"
    return "missing"


def _rate(num: int, den: int) -> float | None:
    return round(num / den, 4) if den else None


def tally(outcomes: Sequence[Outcome], unmapped: int = 0) -> dict[str, object]:
    """Counts and rates over scored outcomes (see the module docstring)."""
    evidenced = [o for o in outcomes if o.judgement in EVIDENCED]
    yes = [o for o in outcomes if o.judgement == "yes"]
    matched = [o for o in outcomes if o.reported == "matched"]
    false_gaps = sum(o.false_gap for o in outcomes)
    false_matches = sum(o.false_match for o in outcomes)
    table = Counter((o.judgement, o.reported) for o in outcomes)
    return {
        "scored": len(outcomes),
        "unmapped": unmapped,
        "evidenced": len(evidenced),
        "reported_matched": len(matched),
        "false_gaps": false_gaps,
        "false_gaps_named": sum(o.false_gap and o.named for o in outcomes),
        "false_matches": false_matches,
        "false_gap_rate": _rate(false_gaps, len(evidenced)),
        "false_match_rate": _rate(false_matches, len(matched)),
        "yes_false_gap_rate": _rate(sum(o.reported == "missing" for o in yes), len(yes)),
        "evidenced_reported_partial": _rate(
            sum(o.reported == "partial" for o in evidenced), len(evidenced)),
        "table": {f"{j}/{r}": table[(j, r)] for j in ("yes", "partial", "no")
                  for r in REPORTED},
    }


# --------------------------------------------------------------------- mapping
def load_gold(path: Path = GOLD) -> list[dict]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def skill_ids(skill: Mapping[str, object], taxonomy) -> tuple[str, ...]:
    """Taxonomy ids for a gold skill: its ``id``, or exact lookups of name and ``also``."""
    if skill.get("id"):
        return (taxonomy.canonical(str(skill["id"])),)
    out: list[str] = []
    for term in [skill["name"], *skill.get("also", ())]:  # type: ignore[misc]
        found = taxonomy.lookup(str(term))
        if found is not None and found.id not in out:
            out.append(found.id)
    return tuple(out)


def gold_role(pair: Mapping[str, object], role_id: str, taxonomy, roles=None):
    """(RoleProfile, [(gold skill, ids)], [unmapped skill names]) for one pair."""
    from rolematch.roles import RoleProfile, RoleSkill

    mapped, unmapped = [], []
    for skill in pair["skills"]:  # type: ignore[union-attr]
        ids = skill_ids(skill, taxonomy)
        (mapped.append((skill, ids)) if ids else unmapped.append(skill["name"]))
    if pair.get("role_id") and roles is not None:
        return _with_gold_skills(roles[pair["role_id"]], mapped), mapped, unmapped
    seen: dict[str, RoleSkill] = {}
    for skill, ids in mapped:
        req = skill["importance"] == "required"
        for sid in ids:
            if sid not in seen or (req and not seen[sid].required):
                seen[sid] = RoleSkill(sid, REQUIRED_WEIGHT if req else PREFERRED_WEIGHT, req)
    role = RoleProfile(id=role_id, title=str(pair["role_title"]),
                       skills=tuple(seen.values()), source="benchmarks/gold/evidence.jsonl")
    return role, mapped, unmapped


def _with_gold_skills(role, mapped):
    """A shipped role plus the gold skills it no longer asks for (the role corpus moved
    on after labelling): a skill the role does not ask for is never reported missing,
    so without them such a gold skill would count as a false gap whatever was found."""
    from dataclasses import replace

    from rolematch.roles import RoleSkill

    have = {s.skill_id for s in role.skills}
    extra: dict[str, RoleSkill] = {}
    for skill, ids in mapped:
        req = skill["importance"] == "required"
        for sid in ids:
            if sid not in have and sid not in extra:
                extra[sid] = RoleSkill(sid, REQUIRED_WEIGHT if req else PREFERRED_WEIGHT, req)
    return replace(role, skills=(*role.skills, *extra.values())) if extra else role


def resume_path(pair: Mapping[str, object], resumes: Path | None) -> Path | None:
    name = str(pair["resume"])
    if _is_example(name):
        return ROOT / name
    return resumes / name if resumes is not None else None


# ------------------------------------------------------------------------- run
def _lines(matches, sid_set: set[str]) -> tuple[int, ...]:
    return tuple(sorted({e.line for m in matches if m.skill_id in sid_set
                         for e in m.evidence}))


def named_in(text: str, terms: Iterable[str]) -> bool:
    """Whether one of ``terms`` occurs in ``text`` as whole words, ignoring case."""
    low = " ".join(text.lower().split())
    return any(re.search(rf"(?<![\w+#]){re.escape(t.lower())}(?![\w+#])", low)
               for t in terms if len(t) > 1)


def score_pair(pair: Mapping[str, object], mapped, fit,
               terms: Callable[[tuple[str, ...]], Iterable[str]] = lambda ids: (),
               text: str = "") -> list[Outcome]:
    """One pair's outcomes. ``terms(ids)`` gives the taxonomy names of a skill's ids,
    looked for in ``text`` to tell a false gap the résumé *names* from one it describes
    in other words."""
    matched = {m.skill_id for m in fit.matched}
    partial = {p.skill_id for p in fit.partial}
    out = []
    for skill, ids in mapped:
        rep = reported_for(ids, matched, partial)
        source = fit.matched if rep == "matched" else fit.partial
        out.append(Outcome(str(pair["resume"]), str(skill["name"]), tuple(ids),
                           skill["importance"] == "required", str(skill["judgement"]), rep,
                           tuple(skill.get("lines", ())),
                           _lines(source, set(ids)) if rep != "missing" else (),
                           named_in(text, terms(tuple(ids))) if text else False))
    return out


def run(gold: Sequence[Mapping[str, object]], resumes: Path | None,
        meaning: bool | float = False) -> dict[str, object]:
    from rolematch import Matcher, RoleSet, read_resume

    roles = RoleSet.default()
    taxonomy = roles.taxonomy
    plans, skipped = [], []
    for i, pair in enumerate(gold, 1):
        path = resume_path(pair, resumes)
        if path is None or not path.is_file():
            skipped.append(str(pair["resume"]))
            continue
        role, mapped, unmapped = gold_role(pair, f"evidence-gold-{i:02d}", taxonomy, roles)
        roles = roles.with_role(role)
        plans.append((i, pair, path, role.id, mapped, unmapped))
    pairs, outcomes, unmapped_all = [], [], []
    matcher = Matcher(meaning=meaning).fit(roles) if plans else None
    half: dict[str, str] = {}  # résumé -> "odd" / "even" (pair number in the gold file)
    for i, pair, path, role_id, mapped, unmapped in plans:
        assert matcher is not None
        resume = read_resume(path)
        rows = score_pair(pair, mapped, matcher.match(resume, role_id),
                          lambda ids: [t for sid in ids if sid in taxonomy
                                       for t in taxonomy.match_terms(taxonomy[sid])],
                          resume.text)
        outcomes += rows
        half[str(pair["resume"])] = "odd" if i % 2 else "even"
        unmapped_all += [{"resume": pair["resume"], "skill": u} for u in unmapped]
        pairs.append({"resume": pair["resume"], "role": role_id,
                      "role_title": pair["role_title"], **tally(rows, len(unmapped))})
    return {
        "pairs_scored": len(pairs),
        "pairs_skipped": skipped, "overall": tally(outcomes, len(unmapped_all)),
        "subsets": {name: tally([o for o in outcomes if _is_example(o.resume) == ex],
                                sum(_is_example(str(u["resume"])) == ex for u in unmapped_all))
                    for name, ex in (("livecareer", False), ("examples", True))}
        | {f"{name} pairs": tally([o for o in outcomes if half[o.resume] == name],
                                  sum(half.get(str(u["resume"])) == name
                                      for u in unmapped_all))
           for name in ("odd", "even")},
        "pairs": pairs, "unmapped": unmapped_all,
        "false_gaps": [_row(o) for o in outcomes if o.false_gap],
        "false_matches": [_row(o) for o in outcomes if o.false_match],
    }


def _is_example(resume: str) -> bool:
    return resume.startswith("examples/")


def _row(o: Outcome) -> dict[str, object]:
    return {"resume": o.resume, "skill": o.skill, "ids": list(o.ids),
            "required": o.required, "gold": o.judgement, "reported": o.reported,
            "gold_lines": list(o.gold_lines), "reported_lines": list(o.reported_lines),
            "named": o.named}


# ---------------------------------------------------------------------- output
def _pct(x: object) -> str:
    return "n/a" if x is None else f"{100 * float(x):.1f}%"  # type: ignore[arg-type]


def render(report: Mapping[str, object]) -> str:
    o = report["overall"]
    out = [f"evidence benchmark: {report['pairs_scored']} pairs scored "
           f"({o['scored']} skills, {o['unmapped']} unmapped)"]
    if report["pairs_skipped"]:
        out.append(f"skipped {len(report['pairs_skipped'])} pairs: résumé not found "
                   "(pass --resumes DIR for the LiveCareer pairs)")
    out.append(f"{'pair':<48} {'role':<28} {'skills':>6} {'unmap':>5} "
               f"{'false gaps':>14} {'false matches':>14}")
    for p in report["pairs"]:
        out.append(f"{p['resume']:<48} {p['role']:<28} {p['scored']:>6} {p['unmapped']:>5} "
                   f"{p['false_gaps']:>4}/{p['evidenced']:<3} {_pct(p['false_gap_rate']):>6} "
                   f"{p['false_matches']:>4}/{p['reported_matched']:<3} "
                   f"{_pct(p['false_match_rate']):>6}")
    out += ["", f"false-gap rate   {_pct(o['false_gap_rate'])} "
                f"({o['false_gaps']} of {o['evidenced']} gold-evidenced skills reported "
                "missing; target <= 10%)",
            f"false-match rate {_pct(o['false_match_rate'])} "
            f"({o['false_matches']} of {o['reported_matched']} reported matches are gold "
            "'no'; target <= 5%)",
            f"  'yes' skills reported missing: {_pct(o['yes_false_gap_rate'])}; "
            f"evidenced skills reported only partial: {_pct(o['evidenced_reported_partial'])}",
            *(f"  {name}: false-gap rate {_pct(t['false_gap_rate'])} "
              f"({t['false_gaps']}/{t['evidenced']}), false-match rate "
              f"{_pct(t['false_match_rate'])} ({t['false_matches']}/{t['reported_matched']}), "
              f"{t['unmapped']} unmapped" for name, t in report.get("subsets", {}).items()),
            f"  false gaps whose skill name or alias is in the résumé text: "
            f"{o['false_gaps_named']} of {o['false_gaps']} (marked *)",
            "  gold/reported: " + ", ".join(f"{k} {v}" for k, v in o["table"].items())]
    for key, title in (("false_gaps", "false gaps"), ("false_matches", "false matches")):
        out += ["", f"{title} ({len(report[key])}): skill [ids] - résumé (gold judgement, "
                    "gold lines (pdfminer, 1-based) / rolematch's evidence lines (Resume.lines, "
                    "0-based))"]
        out += [f"  {'*' if r['named'] else ' '}{r['skill']} [{', '.join(r['ids'])}] - "
                f"{r['resume']} ({r['gold']} {r['gold_lines']} / {r['reported_lines']})"
                for r in report[key]]
    out += ["", f"unmapped ({len(report['unmapped'])}): "
                + "; ".join(f"{u['skill']} ({u['resume']})" for u in report["unmapped"])]
    return "\n".join(out)


def summary_table(report: Mapping[str, object]) -> str:
    """The rates as a Markdown table (all pairs, the two subsets, odd / even pairs),
    for the quality harness' report."""
    rows = ["`benchmarks.bench_evidence.run` (imported), meaning layer on as shipped: "
            "false-gap rate = gold-evidenced skills reported missing / gold-evidenced; "
            "false-match rate = reported matches the gold says are not evidenced / reported "
            "matches (targets ≤ 10% / ≤ 5%).", "",
            "| pairs | skills scored | false-gap rate | false-match rate |",
            "|---|---:|---:|---:|"]
    parts = {"all": report["overall"], **report["subsets"]}  # type: ignore[dict-item]
    for name, t in parts.items():
        rows.append(f"| {name} | {t['scored']} | {_pct(t['false_gap_rate'])} "
                    f"({t['false_gaps']}/{t['evidenced']}) | {_pct(t['false_match_rate'])} "
                    f"({t['false_matches']}/{t['reported_matched']}) |")
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--resumes", type=Path, default=None,
                    help="the livecareer-dev folder (LiveCareer pairs are skipped without it)")
    ap.add_argument("--gold", type=Path, default=GOLD, help="the gold file (JSON lines)")
    ap.add_argument("--json", action="store_true", help="print the report as JSON")
    ap.add_argument("--meaning", nargs="?", type=float, const=-1.0, default=-1.0,
                    help="the meaning layer's threshold (default: on, at THRESHOLD, as "
                         "the CLI, batch and web app ship)")
    ap.add_argument("--no-meaning", dest="meaning", action="store_const", const=None,
                    help="words only: turn the meaning layer off")
    args = ap.parse_args(argv)
    resumes = args.resumes if args.resumes is not None and args.resumes.is_dir() else None
    if args.resumes is not None and resumes is None:
        print(f"note: {args.resumes} is not a folder; LiveCareer pairs skipped",
              file=sys.stderr)
    meaning: bool | float = (False if args.meaning is None
                             else True if args.meaning < 0 else args.meaning)
    report = {"gold": str(args.gold), **run(load_gold(args.gold), resumes, meaning)}
    print(json.dumps(report, indent=2, ensure_ascii=False) if args.json else render(report))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
