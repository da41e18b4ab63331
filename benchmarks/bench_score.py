"""Scoring throughput and report rendering time.

    python -m benchmarks.bench_score [--resumes 10000] [--seed 0]

Generates N text résumés (random jobs, dates and skills drawn from the shipped roles
and taxonomy), parses them (not timed here: see bench_read), then times
``Matcher.featurize`` (skill extraction + TF-IDF vector, once per résumé) and
``Matcher.score_matrix`` over every shipped role (sparse matrix products), on one core.
Rendering times are for one fit report in each format (median of 50).
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import statistics
import time

TITLES = ["Product Manager", "Marketing Analyst", "Content Marketing Manager", "Software Engineer",
          "Brand Manager", "Digital Marketing Specialist", "Developer Advocate", "Data Analyst"]
VERBS = ["Led", "Built", "Ran", "Owned", "Improved", "Managed", "Designed", "Used"]


def make_resume_text(rng: random.Random, skill_names: list[str], i: int) -> str:
    lines = [f"Person {i}", f"person{i}@example.com | (555) 010-{i % 10000:04d}", "",
             "Summary", f"{rng.choice(TITLES)} with a record of shipping results.", "",
             "Experience"]
    year = 2024
    for _ in range(rng.randint(1, 4)):
        start = year - rng.randint(1, 5)
        lines += [f"{rng.choice(TITLES)}, Company {rng.randint(1, 999)}", f"{start} - {year}"]
        for _ in range(rng.randint(2, 6)):
            picks = rng.sample(skill_names, 2)
            lines.append(f"- {rng.choice(VERBS)} {picks[0]} work with {picks[1]} for the team")
        year = start
    lines += ["", "Education", rng.choice(["Bachelor of Science in Marketing, 2012",
                                           "Master of Business Administration (MBA), 2015",
                                           "B.A. in Economics, 2010"]),
              "", "Skills", ", ".join(rng.sample(skill_names, 8))]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--resumes", type=int, default=10_000)
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args(argv)
    os.environ.setdefault("OMP_NUM_THREADS", "1")

    from rolematch.documents import read_resume
    from rolematch.report import render
    from rolematch.roles import RoleSet
    from rolematch.score import Matcher

    roles = RoleSet.default()
    tax = roles.taxonomy
    names = sorted({tax[s.skill_id].name for r in roles.values() for s in r.skills})
    rng = random.Random(args.seed)
    t = time.perf_counter()
    resumes = [read_resume(make_resume_text(rng, names, i).encode(), filename=f"r{i}.txt")
               for i in range(args.resumes)]
    t_parse = time.perf_counter() - t
    matcher = Matcher().fit(roles)
    matcher.featurize(resumes[0])  # warm the pipeline

    t = time.perf_counter()
    feats = [matcher.featurize(r) for r in resumes]
    t_feat = time.perf_counter() - t
    t = time.perf_counter()
    scores = matcher.score_matrix(feats)
    t_score = time.perf_counter() - t
    pairs = scores.size

    fit = matcher.match(feats[0], "technical-product-manager")
    alts = matcher.rank(feats[0])
    render_ms = {}
    for fmt in ("json", "md", "html", "text"):
        times = []
        for _ in range(50):
            t = time.perf_counter()
            render(fit, fmt, alternatives=alts)
            times.append(time.perf_counter() - t)
        render_ms[fmt] = 1000 * statistics.median(times)

    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{args.resumes} generated résumés x {len(roles)} shipped roles = {pairs} pairs\n")
    print("| stage | time (s) | rate |\n|---|--:|--:|")
    print(f"| parse text résumés (read_resume) | {t_parse:.2f} | {args.resumes / t_parse:,.0f} résumés/s |")
    print(f"| featurize (skills with evidence + TF-IDF) | {t_feat:.2f} | {args.resumes / t_feat:,.0f} résumés/s |")
    print(f"| score_matrix over all roles | {t_score:.2f} | {pairs / t_score:,.0f} pairs/s |")
    print(f"| featurize + score, end to end | {t_feat + t_score:.2f} | {pairs / (t_feat + t_score):,.0f} pairs/s |")
    print("\n| report format | render time (ms, median of 50) |\n|---|--:|")
    for fmt, ms in render_ms.items():
        print(f"| {fmt} | {ms:.2f} |")
    print(f"\npeak RSS: {rss:.0f} MB")


if __name__ == "__main__":
    main()
