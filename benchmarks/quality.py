"""Match-quality harness: rolematch against standard text-retrieval baselines.

    python -m benchmarks.quality --resumes ../shared/data/livecareer-dev \\
        --onet ../shared/data/onet-29.2 [--skillspan DIR] [--limit N] \\
        [--out benchmarks/RESULTS.md] [--cache-dir /tmp/rolematch-quality-cache]

Figures, all from one run on the same parsed texts (each PDF read once with
``read_resume``; parsed résumés cached as JSON under ``--cache-dir``, keyed by the
file's SHA-256 and the reader version — never inside the repository):

* **Category ranking.** Each of the 24 LiveCareer categories gets a posting built
  from O*NET (description, tasks and technology skills of the occupations in
  :data:`benchmarks._quality_data.CATEGORY_OCCUPATIONS`), headed by those
  occupations' O*NET titles, profiled with ``RoleProfile.from_text``.  Every résumé
  ranks the 24 postings; top-1, top-3 and MRR, over résumés and macro-averaged over
  categories, for rolematch (default weights, its taxonomy part, its TF-IDF part,
  each component alone), scikit-learn TF-IDF cosine (default and tuned) and BM25 — on
  the full text and with the résumé's first line (its job title) blanked.
* **Recruiter view.** Each posting ranks every résumé (its category's résumés are
  the right answers): mean average precision, precision at 10 and tied résumé pairs
  among each posting's 50 best, ties in a random order (``_quality_rank.recruiter_figures``).
* **Per category.** MRR (résumé view) and average precision (recruiter view) of the
  main methods, category by category.
* **Sensitivity.** The same ranking with postings that list every O*NET technology
  example, and with postings headed by the category's name (the keyword the résumé
  scrape searched for, so it recurs in that category's résumés) instead of the
  O*NET titles.
* **Ties.** In the recruiter's view, the résumé pairs with exactly equal scores,
  overall and among each posting's top 50 (``_quality_rank.tie_figures``), for both
  posting-title variants.
* **Seed roles.** Résumés whose title matches a pattern of
  :data:`~benchmarks._quality_data.SEED_TITLE_PATTERNS` against the 13 shipped roles.
* **Skill extraction.** SkillSpan dev precision / recall (``bench_extract.skillspan``).
* **Speed** of every method (résumés/s ranking all postings, PDF reading excluded).

When ``--out`` names an existing report, its hand-written section "What each change
did" (from that heading to the end) is carried over into the new one: every change
to scoring records there what it did to these figures.

``--limit N`` keeps N résumés per category.  Missing data folders are skipped.
"""

from __future__ import annotations

import argparse
import logging
import platform
import sys
import time
from collections import Counter
from datetime import datetime, timezone
from importlib import metadata
from pathlib import Path

import numpy as np

if __package__ in (None, ""):  # run as a script: make the repo root importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks import _quality_data as qd  # noqa: E402
from benchmarks import _quality_rank as qr  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
log = logging.getLogger("benchmarks.quality")

BASELINES = {
    "sklearn TfidfVectorizer() cosine": lambda P, R: qr.tfidf_scores(P, R),
    "sklearn TF-IDF tuned cosine": lambda P, R: qr.tfidf_scores(P, R, **qr.STRONG_TFIDF),
    "BM25 (postings indexed, résumé as query)": qr.bm25_scores,
    "BM25 reversed (résumés indexed, posting as query)": qr.bm25_reverse_scores,
}
PACKAGES = ("rolematch", "spacy", "scikit-learn", "numpy", "scipy", "bm25s", "pdfminer.six")
VARIANTS = ("full text", "title removed")


# --------------------------------------------------------------------------- machine
def machine() -> dict[str, str]:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    import os

    versions = []
    for p in PACKAGES:
        try:
            versions.append(f"{p} {metadata.version(p)}")
        except metadata.PackageNotFoundError:
            versions.append(f"{p} (not installed)")
    return {"date": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
            "cpu": cpu, "cores": str(os.cpu_count()),
            "python": platform.python_version(), "packages": ", ".join(versions),
            "source": source_revision()}


def source_revision() -> str:
    """Where the rolematch under test comes from: git commit (and whether its library
    files differ from it), or the folder when it is not a git checkout."""
    import subprocess

    import rolematch

    pkg = Path(rolematch.__file__).resolve().parent.parent
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=pkg,
                              capture_output=True, text=True, check=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--", "rolematch", "corpora",
                                "models"], cwd=pkg, capture_output=True, text=True,
                               check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return f"{pkg} (not a git checkout)"
    return f"git {head}" + (" with uncommitted library changes" if dirty else "")


# --------------------------------------------------------------------------- runs
def rank_categories(docs: list[qd.Doc], roles, features: list, categories: list[str],
                    configs=None) -> dict[str, dict]:
    """Every method's score matrix, figures and timing for one résumé variant.

    ``roles`` is the RoleSet of the category postings (in ``categories`` order),
    ``features`` the rolematch features of ``docs`` (with their featurization time
    in ``features_seconds`` passed by the caller)."""
    configs = configs or {**qr.ROLEMATCH_CONFIGS,
                          **{f"rolematch {c} alone": qr.single_component(c)
                             for c in qr.COMPONENTS}}
    postings = [roles[c.lower()].posting_text for c in categories]
    texts = [d.resume.text for d in docs]
    col = {c: j for j, c in enumerate(categories)}
    gold = [frozenset({col[d.category]}) for d in docs]
    labels = [d.category for d in docs]
    relevant = [np.array([d.category == c for d in docs]) for c in categories]
    out: dict[str, dict] = {}
    run = qr.rolematch_scores(roles, features, configs)
    for name, S in run.scores.items():
        out[name] = {"scores": S, "seconds": run.score_seconds[name], "rolematch": True}
    for name, fn in BASELINES.items():
        t = qr.timed(lambda fn=fn: fn(postings, texts))
        out[name] = {"scores": t.scores, "seconds": t.seconds, "rolematch": False}
    for res in out.values():
        res["figures"] = qr.ranking_figures(res["scores"], gold, labels)
        res["top1_by_category"] = qr.per_label(qr.hit_at_k(res["scores"], gold, 1), labels)
        res["mrr_by_category"] = qr.per_label(qr.reciprocal_rank(res["scores"], gold), labels)
        if all(r.any() for r in relevant):
            res["recruiter"] = qr.recruiter_figures(res["scores"], relevant)
            res["ap_by_category"] = dict(zip(categories, res["recruiter"].ap))
    return out


def seed_run(docs: list[qd.Doc], features: list, matcher) -> dict:
    """Résumés whose title names a seed role: is an acceptable role in the top 3?"""
    ids = [r.id for r in matcher.roles_]
    picked = [(i, d, qd.seed_roles_for(d.title)) for i, d in enumerate(docs)]
    picked = [(i, d, g) for i, d, g in picked if g]
    if not picked:
        return {"matched": 0}
    S = matcher.score_matrix([features[i] for i, _, _ in picked])
    gold = [frozenset(ids.index(r) for r in g) for _, _, g in picked]
    top3 = qr.hit_at_k(S, gold, 3)
    top1 = qr.hit_at_k(S, gold, 1)
    firsts = Counter(ids[int(np.argmax(S[k]))] for k in range(len(picked)) if top3[k] < 1)
    return {"matched": len(picked), "top3": float(top3.mean()), "top1": float(top1.mean()),
            "mrr": float(qr.reciprocal_rank(S, gold).mean()),
            "by_pattern": Counter(next(rx for rx, ids_ in qd.SEED_TITLE_PATTERNS
                                       if ids_ == g) for _, _, g in picked),
            "by_category": Counter(d.category for _, d, _ in picked),
            "miss_top1": firsts.most_common(5),
            "zero_rows": int(sum(1 for k in range(len(picked)) if S[k].max() == S[k].min()))}


def title_sensitivity(results: dict[str, dict[str, dict]],
                      by_category: dict[str, dict[str, dict]]) -> str:
    """Figures with postings headed by the category's name instead of their O*NET
    occupation titles, and each rolematch method's margin over the best baseline."""
    rows = ["| method | text | posting title | top-1 | top-3 | MRR | MRR macro "
            "| MRR − best baseline | recruiter MAP |",
            "|---|---|---|---:|---:|---:|---:|---:|---:|"]
    for v in VARIANTS:
        for label, res in (("O*NET occupations (default)", results[v]),
                           ("category name", by_category[v])):
            best = max(r["figures"].mrr for r in res.values() if not r["rolematch"])
            for m, r in by_category[v].items():
                f = res[m]["figures"]
                margin = f"{f.mrr - best:+.4f}" if r["rolematch"] else "—"
                ap = f"{res[m]['recruiter'].map:.3f}" if "recruiter" in res[m] else "—"
                rows.append(f"| {m} | {v} | {label} | {_pct(f.top1)} | {_pct(f.top3)} | "
                            f"{f.mrr:.3f} | {f.mrr_macro:.3f} | {margin} | {ap} |")
    return (
        "Same résumés and features; each posting's first line (and the role's title) is "
        "the category's name (\"Accountant\", `posting_title(..., \"category\")`) "
        "instead of the O*NET titles of its occupations (\"Accountants and Auditors / "
        "Bookkeeping, Accounting, and Auditing Clerks\"). The category names are the "
        "keywords the résumé scrape searched for, so they recur in the résumés of their "
        "own category; this shows how much of each method's figure rests on that one "
        "word.\n\n" + "\n".join(rows))


def recruiter_table(results: dict[str, dict[str, dict]], methods: list[str]) -> str:
    """MAP, P@10 and ties among the top 50 of each posting ranking every résumé."""
    rows = ["| method | text | MAP | P@10 | tied pairs in a top 50 | postings with a tie "
            "in their top 50 |", "|---|---|---:|---:|---:|---:|"]
    for m in methods:
        for v in VARIANTS:
            r = results[v][m].get("recruiter")
            if r is None:
                continue
            rows.append(f"| {m} | {v} | {r.map:.3f} | {_pct(r.p10)} | {r.top_tied_pairs} | "
                        f"{r.postings_with_top_tie} |")
    return "\n".join(rows)


def per_category_table(res: dict[str, dict], methods: list[str], categories: list[str],
                       counts: Counter) -> str:
    """Per category: MRR of its résumés ranking the postings, and its posting's average
    precision ranking every résumé, for each method."""
    short = {m: m.replace("rolematch ", "rm ").split(" (")[0] for m in methods}
    head = ("| category | résumés | " + " | ".join(f"{short[m]} MRR" for m in methods)
            + " | " + " | ".join(f"{short[m]} AP" for m in methods) + " |\n|---|---:|"
            + "---:|" * (2 * len(methods)))
    rows = [head]
    for c in categories:
        mrr = [f"{res[m]['mrr_by_category'].get(c, float('nan')):.3f}" for m in methods]
        ap = [f"{res[m]['ap_by_category'][c]:.3f}" if "ap_by_category" in res[m] else "—"
              for m in methods]
        rows.append(f"| {c} | {counts[c]} | " + " | ".join(mrr + ap) + " |")
    return "\n".join(rows)


def posting_diagnostics(roles, categories: list[str]) -> dict[str, tuple[int, int, str]]:
    """Per category posting: required and preferred skills found, degree required."""
    out = {}
    for c in categories:
        r = roles[c.lower()]
        out[c] = (len(r.required), len(r.preferred), r.education_level or "—")
    return out


def title_reappears(doc: qd.Doc) -> bool:
    """Every word of the résumé's title occurs again further down the résumé."""
    import re

    words = set(re.findall(r"[a-z]{2,}", doc.title.lower()))
    rest = set(re.findall(r"[a-z]{2,}", qd.without_title(doc.resume).text.lower()))
    return bool(words) and words <= rest


# --------------------------------------------------------------------------- rendering
def _pct(x: float) -> str:
    return "—" if x != x else f"{100 * x:.1f}"


def ranking_table(results: dict[str, dict[str, dict]], n: dict[str, int]) -> str:
    head = ("| method | text | top-1 | top-1 macro | top-3 | top-3 macro | MRR | MRR macro |\n"
            "|---|---|---:|---:|---:|---:|---:|---:|")
    rows = [head]
    for method in results[VARIANTS[0]]:
        for v in VARIANTS:
            f = results[v][method]["figures"]
            rows.append(f"| {method} | {v} | {_pct(f.top1)} | {_pct(f.top1_macro)} | "
                        f"{_pct(f.top3)} | {_pct(f.top3_macro)} | {f.mrr:.3f} | "
                        f"{f.mrr_macro:.3f} |")
    return "\n".join(rows)


def category_table(results: dict[str, dict], methods: list[str], categories: list[str],
                   counts: Counter, postings: dict[str, tuple[int, int, str]],
                   skills_per_resume: dict[str, float]) -> str:
    short = {m: m.replace("rolematch ", "rm ").split(" (")[0] for m in methods}
    head = ("| category | résumés | posting skills req/pref | posting degree | "
            "résumé skills (mean) | " + " | ".join(short[m] for m in methods)
            + " |\n|---|---:|---:|---|---:|" + "---:|" * len(methods))
    rows = [head]
    for c in categories:
        req, pref, edu = postings[c]
        rows.append(f"| {c} | {counts[c]} | {req}/{pref} | {edu} | "
                    f"{skills_per_resume.get(c, 0):.1f} | "
                    + " | ".join(_pct(results[m]["top1_by_category"].get(c, float("nan")))
                                 for m in methods) + " |")
    return "\n".join(rows)


def ties_table(results: dict[str, dict[str, dict]], by_category: dict[str, dict[str, dict]],
               methods: list[str], n: int) -> str:
    """Tied résumé pairs per method, text variant and posting title (scores compared at
    full precision, as the methods return them)."""
    rows = ["| method | text | posting title | tied pairs | tied pairs in a top 50 "
            "| postings with a tie in their top 50 |", "|---|---|---|---:|---:|---:|"]
    for m in methods:
        for v in VARIANTS:
            for label, res in (("O*NET occupations (default)", results[v]),
                               ("category name", by_category[v])):
                if m not in res:
                    continue
                t = qr.tie_figures(res[m]["scores"])
                rows.append(f"| {m} | {v} | {label} | {t.pairs} | {t.top_pairs} | "
                            f"{t.postings_with_top_tie} |")
    return (f"{n} résumés; for every posting, the pairs of résumés with exactly equal "
            "scores, summed over postings (`_quality_rank.tie_figures`). A tie among the "
            "best candidates loses the recruiter the order between them.\n\n"
            + "\n".join(rows))


def speed_table(speed: list[tuple[str, float, int, str]]) -> str:
    rows = ["| method | seconds | résumés/s | what is timed |", "|---|---:|---:|---|"]
    for name, sec, n, what in speed:
        rows.append(f"| {name} | {sec:.2f} | {n / sec if sec else float('inf'):.1f} | {what} |")
    return "\n".join(rows)


def seed_table(seed: dict[str, dict]) -> str:
    rows = ["| text | résumés matched | intended role in top 3 | in top 1 | MRR | "
            "all 13 roles tied |", "|---|---:|---:|---:|---:|---:|"]
    for v, s in seed.items():
        if not s.get("matched"):
            rows.append(f"| {v} | 0 | — | — | — | — |")
            continue
        rows.append(f"| {v} | {s['matched']} | {_pct(s['top3'])} | {_pct(s['top1'])} | "
                    f"{s['mrr']:.3f} | {s['zero_rows']} |")
    return "\n".join(rows)


def skillspan_table(res: dict) -> str:
    rows = ["| file | gold spans | predicted | P exact | R exact | P loose | R loose |",
            "|---|---:|---:|---:|---:|---:|---:|"]
    for name, r in res.items():
        rows.append(f"| {name} | {r['gold']} | {r['predicted']} | {_pct(r['precision_exact'])} | "
                    f"{_pct(r['recall_exact'])} | {_pct(r['precision_loose'])} | "
                    f"{_pct(r['recall_loose'])} |")
    return "\n".join(rows)


# --------------------------------------------------------------------------- main
def _outside_repo(path: Path) -> bool:
    try:
        path.resolve().relative_to(ROOT)
    except ValueError:
        return True
    return False


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--resumes", type=Path, help="livecareer-dev folder (<CATEGORY>/*.pdf)")
    ap.add_argument("--onet", type=Path, help="O*NET 29.2 text database folder")
    ap.add_argument("--skillspan", type=Path,
                    help="SkillSpan folder with *_dev.conll (default: skillspan/ beside --onet)")
    ap.add_argument("--limit", type=int, default=None, help="résumés per category")
    ap.add_argument("--out", type=Path, default=None, help="write the Markdown report here")
    ap.add_argument("--cache-dir", type=Path, default=Path("/tmp/rolematch-quality-cache"),
                    help="parsed-résumé JSON cache, outside the repository ('' to disable)")
    args = ap.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    logging.getLogger("bm25s").setLevel(logging.WARNING)
    cache = args.cache_dir if str(args.cache_dir) not in ("", ".") else None
    if cache is not None and not _outside_repo(cache):
        ap.error(f"--cache-dir {cache} is inside the repository; use a folder under /tmp")
    skillspan_dir = args.skillspan or (args.onet.parent / "skillspan" if args.onet else None)

    report = Report(machine(), args, list(sys.argv[1:] if argv is None else argv))
    if args.resumes and args.resumes.is_dir() and args.onet and args.onet.is_dir():
        run_ranking(report, args.resumes, args.onet, args.limit, cache)
    else:
        report.skipped.append("category ranking and seed roles: --resumes and --onet "
                              "folders are needed")
    if skillspan_dir and skillspan_dir.is_dir():
        from benchmarks.bench_extract import skillspan

        t = time.perf_counter()
        report.skillspan = skillspan(skillspan_dir)
        report.skillspan_seconds = time.perf_counter() - t
    else:
        report.skipped.append("skill extraction: no SkillSpan folder")
    if args.resumes and args.resumes.is_dir():
        from benchmarks import bench_evidence as ev

        report.evidence = ev.summary_table(ev.run(ev.load_gold(), args.resumes, True))
    text = report.render()
    if args.out and args.out.is_file():
        text += kept_log(args.out.read_text(encoding="utf-8"))
    sys.stdout.write(text)
    if args.out:
        args.out.write_text(text, encoding="utf-8")
    return 0


LOG_HEADING = "## What each change did"


def kept_log(previous: str) -> str:
    """The hand-written change log of a previous report (the section headed
    :data:`LOG_HEADING`, to the end), carried over when the report is regenerated."""
    at = previous.find(LOG_HEADING)
    return "" if at < 0 else "\n" + previous[at:].rstrip() + "\n"


class Report:
    def __init__(self, info: dict[str, str], args: argparse.Namespace,
                 argv: list[str]) -> None:
        self.info, self.args, self.argv = info, args, argv
        self.skipped: list[str] = []
        self.sections: list[str] = []
        self.skillspan: dict | None = None
        self.skillspan_seconds = 0.0
        self.evidence = ""

    def add(self, title: str, body: str) -> None:
        self.sections.append(f"## {title}\n\n{body.strip()}\n")

    def render(self) -> str:
        i, a = self.info, self.args
        cmd = " ".join(["python -m benchmarks.quality", *self.argv])
        head = (f"# rolematch match quality\n\nGenerated by `benchmarks/quality.py` — do not "
                f"edit by hand.\n\n- date: {i['date']}\n- command: `{cmd}`\n"
                f"- machine: {i['cpu']}, {i['cores']} cores, Python {i['python']}\n"
                f"- packages: {i['packages']}\n- rolematch source: {i['source']}\n"
                f"- limit: {a.limit if a.limit else 'none (every résumé)'} per category\n")
        if self.skipped:
            head += "- skipped: " + "; ".join(self.skipped) + "\n"
        body = list(self.sections)
        if self.skillspan is not None:
            body.append("## Skill extraction (SkillSpan dev)\n\n"
                        "`benchmarks.bench_extract.skillspan` (imported, not copied): gold "
                        "skill and knowledge spans merged; exact = same character span, loose "
                        "= any overlap. rolematch's taxonomy is not built for SkillSpan's "
                        "span definition (whole clauses like \"working in a team\"), so "
                        "recall is the telling number.\n\n" + skillspan_table(self.skillspan)
                        + f"\n\n({self.skillspan_seconds:.1f} s)\n")
        if self.evidence:
            body.append("## Gap reports against the evidence gold (issue 17)\n\n"
                        + self.evidence + "\n")
        return head + "\n" + "\n".join(body)


def run_ranking(report: Report, resumes_dir: Path, onet_dir: Path, limit: int | None,
                cache: Path | None) -> None:
    from rolematch import Matcher, RoleSet

    stats: dict[str, int] = {}
    t = time.perf_counter()
    docs, failed = qd.read_labelled(resumes_dir, limit_per_category=limit, cache_dir=cache,
                                    stats=stats)
    cached_before = stats.get("cached", 0)
    read_s = time.perf_counter() - t
    categories = [c for c in qd.CATEGORIES if any(d.category == c for d in docs)]
    counts = Counter(d.category for d in docs)
    t = time.perf_counter()
    postings = qd.category_postings(onet_dir)
    roles = qr.profile_postings({c: postings[c] for c in categories})
    setup_s = time.perf_counter() - t
    roles_all = qr.profile_postings({c: p for c, p in qd.category_postings(
        onet_dir, technology="all").items() if c in categories})
    roles_cat = qr.profile_postings({c: p for c, p in qd.category_postings(
        onet_dir, title="category").items() if c in categories})
    seed_matcher = Matcher().fit(RoleSet.default())
    n = len(docs)
    reappear = sum(title_reappears(d) for d in docs)
    title_in_contact = sum(1 for d in docs
                           if qd.first_line_index(d.resume) in d.resume.contact.lines)

    results: dict[str, dict[str, dict]] = {}
    seed: dict[str, dict] = {}
    by_category: dict[str, dict[str, dict]] = {}
    speed: list[tuple[str, float, int, str]] = []
    skills_per_resume: dict[str, float] = {}
    for v in VARIANTS:
        vdocs = docs if v == VARIANTS[0] else \
            [qd.Doc(d.category, d.path, qd.without_title(d.resume), d.title) for d in docs]
        resumes = [d.resume for d in vdocs]
        # each role set featurizes the résumés itself, as a Matcher fitted on it does:
        # the meaning layer infers that set's skills (its features depend on the roles)
        feats, feat_s = qr.featurize(resumes, Matcher().fit(roles))
        results[v] = rank_categories(vdocs, roles, feats, categories)
        seed[v] = seed_run(vdocs, qr.featurize(resumes, seed_matcher)[0], seed_matcher)
        by_category[v] = rank_categories(vdocs, roles_cat,
                                         qr.featurize(resumes, Matcher().fit(roles_cat))[0],
                                         categories, configs=qr.ROLEMATCH_CONFIGS)
        if v == VARIANTS[0]:
            sensitivity = rank_categories(vdocs, roles_all,
                                          qr.featurize(resumes, Matcher().fit(roles_all))[0],
                                          categories, configs=qr.ROLEMATCH_CONFIGS)
            per: dict[str, list[int]] = {}
            for d, f in zip(docs, feats):
                per.setdefault(d.category, []).append(len(f.credit))
            skills_per_resume = {c: float(np.mean(x)) for c, x in per.items()}
            for name, res in results[v].items():
                if res["rolematch"] and name in qr.ROLEMATCH_CONFIGS:
                    speed.append((name, feat_s + res["seconds"], n,
                                  f"featurize ({feat_s:.2f} s, shared) + score_matrix"))
                elif not res["rolematch"]:
                    speed.append((name, res["seconds"], n,
                                  "fit + score" if "sklearn" in name else "index + query"))

    methods = list(results[VARIANTS[0]])
    figs = {m: {v: results[v][m]["figures"] for v in VARIANTS} for m in methods}
    tables = ranking_table(results, counts)
    main_methods = [m for m in methods if m in qr.ROLEMATCH_CONFIGS or not
                    results[VARIANTS[0]][m]["rolematch"]]
    main_table = "\n".join(ln for ln in tables.splitlines()
                           if not ln.startswith("| rolematch ") or
                           any(ln.startswith(f"| {m} |") for m in main_methods))
    comp_table = "\n".join(ln for ln in tables.splitlines()[:2] + [
        ln for ln in tables.splitlines() if " alone |" in ln])
    zero_tax = int(sum(1 for S in [results[VARIANTS[0]][list(qr.ROLEMATCH_CONFIGS)[1]]["scores"]]
                       for row in S if row.max() == row.min()))
    postings_diag = posting_diagnostics(roles, categories)
    report.add("Data", (
        f"- résumés: {n} read ({len(failed)} failed"
        + (": " + ", ".join(f"{Path(p).name} ({r})" for p, r in failed[:5]) if failed else "")
        + f") in {len(categories)} categories; reading took {read_s:.1f} s "
          f"({'no cache' if cache is None else f'{cached_before} of them taken from the parse cache'}"
          f"; not part of any speed figure)\n"
        f"- postings: {len(categories)} built from O*NET "
        f"(`CATEGORY_OCCUPATIONS` in `benchmarks/_quality_data.py`) and profiled with "
        f"`RoleProfile.from_text` in {setup_s:.1f} s\n"
        f"- the résumé's first line (its title) is taken for a contact/name line by "
        f"rolematch in {title_in_contact} of {n} résumés ({_pct(title_in_contact / n)}%) — "
        f"so rolematch already ignores it there\n"
        f"- every word of the title occurs again further down in {reappear} of {n} résumés "
        f"({_pct(reappear / n)}%), so blanking the first line removes little for "
        f"bag-of-words methods\n"
        f"- rolematch taxonomy part gives all {len(categories)} postings the same score "
        f"for {zero_tax} of {n} résumés (full text)\n"))
    report.add("Category ranking (24 O*NET-titled postings)", (
        "Each résumé ranks the postings; its folder is the right answer. Figures in %, "
        "MRR in [0, 1]; \"macro\" averages the per-category figures. Ties count by "
        "their expectation under a random order. \"title removed\" blanks the résumé's "
        "first non-empty line. BM25: bm25s defaults (Lucene, k1=1.5, b=0.75, English "
        "stop words), the postings indexed and each résumé's distinct terms as the query "
        "— the postings are what gets ranked, so their collection supplies IDF and length "
        "normalization and one résumé's 24 scores share one scale; the reversed setup is "
        "shown for contrast (its per-posting queries are on different scales).\n\n"
        + main_table))
    report.add("Recruiter view (each posting ranks every résumé)", (
        f"Each of the {len(categories)} postings ranks all {n} résumés; the résumés of "
        "its category are the right answers. MAP: mean over postings of the average "
        "precision; P@10: share of right answers among a posting's 10 best (%); both "
        "count tied scores by their expectation under a random order. Ties: résumé pairs "
        "with exactly equal scores among a posting's 50 best, summed over postings.\n\n"
        + recruiter_table(results, main_methods)))
    report.add("Ties (recruiter view: each posting ranks every résumé)",
               ties_table(results, by_category, main_methods, n))
    conc = ["| method | postings most often ranked first (share of résumés; 4.2% if even) |",
            "|---|---|"]
    for m in main_methods:
        top = qr.most_ranked_first(results[VARIANTS[0]][m]["scores"], categories)
        conc.append(f"| {m} | " + ", ".join(f"{c} {_pct(x)}%" for c, x in top) + " |")
    report.add("Where the first place goes (full text)", "\n".join(conc))
    report.add("rolematch components, each alone", (
        "Each component with weight 1 and the rest 0 (same features as above). "
        "`experience` and `education` compare years and degree against the posting's "
        "minimums, so most postings tie; they are not meant to tell categories apart.\n\n"
        + comp_table))
    sens_rows = ["| method | postings' technology | top-1 | top-1 macro | top-3 | top-3 macro "
                 "| MRR | MRR macro |", "|---|---|---:|---:|---:|---:|---:|---:|"]
    for m in sensitivity:
        for label, res in (("hot (default)", results[VARIANTS[0]][m]), ("all", sensitivity[m])):
            f = res["figures"]
            sens_rows.append(f"| {m} | {label} | {_pct(f.top1)} | {_pct(f.top1_macro)} | "
                             f"{_pct(f.top3)} | {_pct(f.top3_macro)} | {f.mrr:.3f} | "
                             f"{f.mrr_macro:.3f} |")
    report.add("Sensitivity: postings listing every O*NET technology example", (
        "Same résumés (full text) and features; the postings list all of O*NET's "
        "technology examples for their occupations instead of the \"Hot Technology\" "
        "ones (`TECHNOLOGY_CHOICES`). Degrees these postings are profiled as requiring: "
        + (", ".join(f"{c} {e}" for c, (_, _, e) in
                     posting_diagnostics(roles_all, categories).items() if e != "—")
           or "none") + ".\n\n" + "\n".join(sens_rows)))
    report.add("Sensitivity: postings titled with the category's name",
               title_sensitivity(results, by_category))
    per_cat_methods = [list(qr.ROLEMATCH_CONFIGS)[0], list(qr.ROLEMATCH_CONFIGS)[1],
                       list(qr.ROLEMATCH_CONFIGS)[2], "sklearn TF-IDF tuned cosine",
                       "BM25 (postings indexed, résumé as query)"]
    report.add("Per category (full text)", (
        "MRR: the category's résumés ranking the postings; AP: the category's posting "
        "ranking every résumé. Eight categories (ADVOCATE, CONSULTANT, ARTS, "
        "AGRICULTURE, AVIATION, APPAREL, AUTOMOBILE, BPO) are keyword-search labels more "
        "than occupations, so part of their loss is label noise.\n\n"
        + per_category_table(results[VARIANTS[0]], per_cat_methods[:1] + per_cat_methods[2:],
                             categories, counts)))
    report.add("Top-1 by category (title removed)", (
        "Posting skills: required/preferred skills `RoleProfile.from_text` found in the "
        "category's posting. Résumé skills: mean number of distinct taxonomy skills "
        "rolematch extracts per résumé of the category (full text).\n\n"
        + category_table(results[VARIANTS[1]], per_cat_methods, categories, counts,
                         postings_diag, skills_per_resume)))
    seed_lines = [seed_table(seed)]
    s0 = seed[VARIANTS[0]]
    if s0.get("matched"):
        seed_lines.append("\nMatched patterns (full text): " + "; ".join(
            f"`{rx}` {k}" for rx, k in s0["by_pattern"].most_common()))
        seed_lines.append("\nCategories of the matched résumés: " + ", ".join(
            f"{c} {k}" for c, k in s0["by_category"].most_common()))
        for v in VARIANTS:
            if seed[v].get("miss_top1"):
                seed_lines.append(f"\nTop-1 role when the intended role missed the top 3 "
                                  f"({v}): " + ", ".join(f"{r} {k}" for r, k in
                                                         seed[v]["miss_top1"]))
    report.add("Seed roles (13 shipped roles)", (
        "Résumés whose title (first line) matches a pattern of `SEED_TITLE_PATTERNS` "
        "(`benchmarks/_quality_data.py`; first matching pattern wins; each maps to a set "
        "of acceptable roles) ranked against `RoleSet.default()` with default weights. "
        "Target: intended role in the top 3 for ≥ 80%.\n\n" + "\n".join(seed_lines)))
    report.add("Speed (same run, full text)", (
        f"{n} résumés × {len(categories)} postings; PDF reading excluded. rolematch: "
        "`Matcher.featurize` (skill extraction + TF-IDF vector, done once and shared by "
        "its weightings) plus `score_matrix`; setup (profiling the postings, fitting the "
        f"Matcher) is not included: {setup_s:.1f} s once.\n\n" + speed_table(speed)))
    report.figures = figs  # type: ignore[attr-defined]
    report.seed = seed  # type: ignore[attr-defined]


if __name__ == "__main__":
    raise SystemExit(main())
