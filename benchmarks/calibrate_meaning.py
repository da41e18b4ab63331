"""Calibrate the meaning layer's threshold on half the evidence gold (issue 17).

    python -m benchmarks.calibrate_meaning --resumes ../shared/data/livecareer-dev [--json]

The gold pairs (``benchmarks/gold/evidence.jsonl``) are split in two halves by résumé
(``random.Random(SEED)``). For every gold skill the lexical outcome (what rolematch
reports with the layer off) and the best similarity of its taxonomy ids to a résumé
line (:meth:`MeaningModel.infer` at no threshold) are computed once; a threshold then
turns a not-matched skill into a match when its similarity reaches it. The threshold
is chosen on the *calibration* half: the lowest false-gap rate whose false-match rate
stays at or under ``--max-false-match`` (the 5% target). The figures
are reported on the other (*held-out*) half and on all pairs. Output holds numbers only.
"""

from __future__ import annotations

import argparse
import json
import random
from collections.abc import Mapping, Sequence
from dataclasses import replace
from pathlib import Path

from benchmarks import bench_evidence as B

SEED = 17
GRID = tuple(round(0.40 + 0.01 * i, 2) for i in range(56))


def split(gold: Sequence[Mapping[str, object]], seed: int = SEED) -> tuple[set[str], set[str]]:
    """(calibration, held-out) résumé names: a seeded shuffle cut in half."""
    names = sorted({str(p["resume"]) for p in gold})
    random.Random(seed).shuffle(names)
    half = len(names) // 2
    return set(names[:half]), set(names[half:])


def collect(gold: Sequence[Mapping[str, object]], resumes: Path | None
            ) -> list[tuple[B.Outcome, float]]:
    """Each scored gold skill's lexical outcome and best line similarity."""
    from rolematch import Matcher, RoleSet, read_resume
    from rolematch._meaning import default_meaning_model

    roles = RoleSet.default()
    tax = roles.taxonomy
    plans = []
    for i, pair in enumerate(gold, 1):
        path = B.resume_path(pair, resumes)
        if path is None or not path.is_file():
            continue
        role, mapped, _ = B.gold_role(pair, f"evidence-gold-{i:02d}", tax, roles)
        if not pair.get("role_id"):
            roles = roles.with_role(role)
        plans.append((pair, path, role.id, mapped))
    matcher = Matcher().fit(roles)
    model = default_meaning_model()
    out = []
    for pair, path, role_id, mapped in plans:
        resume = read_resume(path)
        rows = B.score_pair(pair, mapped, matcher.match(resume, role_id))
        contact = set(resume.contact.lines)
        for row in rows:
            wanted = [(sid, tax.match_terms(tax[sid])) for sid in row.ids if sid in tax]
            inf = model.infer(resume.lines, wanted, -1.0, contact)
            out.append((row, max((x.similarity for x in inf), default=-1.0)))
    return out


def at(scored: Sequence[tuple[B.Outcome, float]], threshold: float) -> dict[str, object]:
    rows = [replace(o, reported="matched") if o.reported != "matched" and s >= threshold
            else o for o, s in scored]
    t = B.tally(rows)
    return {k: t[k] for k in ("false_gap_rate", "false_match_rate", "false_gaps",
                              "evidenced", "false_matches", "reported_matched")}


def calibrate(scored, cal: set[str], max_fm: float) -> float:
    part = [x for x in scored if x[0].resume in cal]
    ok = [(at(part, t)["false_gap_rate"], t) for t in GRID
          if (at(part, t)["false_match_rate"] or 0.0) <= max_fm]
    return min(ok)[1] if ok else max(GRID)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--resumes", type=Path, default=None)
    ap.add_argument("--gold", type=Path, default=B.GOLD)
    ap.add_argument("--max-false-match", type=float, default=0.05)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    gold = B.load_gold(args.gold)
    cal, held = split(gold)
    scored = collect(gold, args.resumes)
    t = calibrate(scored, cal, args.max_false_match)
    report = {
        "seed": SEED, "threshold": t,
        "calibration_resumes": len(cal), "held_out_resumes": len(held),
        "off": {name: at([x for x in scored if x[0].resume in keep], 2.0)
                for name, keep in (("calibration", cal), ("held_out", held),
                                   ("all", cal | held))},
        "on": {name: at([x for x in scored if x[0].resume in keep], t)
               for name, keep in (("calibration", cal), ("held_out", held),
                                  ("all", cal | held))},
        "sweep_all": {str(g): at(scored, g) for g in GRID[::5]},
    }
    print(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
