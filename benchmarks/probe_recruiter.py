"""Levers on the recruiter view's MAP (issue 19), measured on the quality harness' data.

    python -m benchmarks.probe_recruiter --resumes ../shared/data/livecareer-dev \
        --onet ../shared/data/onet-29.2 [--cache-dir /tmp/q-probe] [--only NAME ...]

The harness' default run (718 dev résumés, full text, 24 O*NET-titled postings) is
featurized once (with ``--cache-dir`` the features are kept there and later runs only
rescore); so are the résumés whose title names a seed role, against the 13 shipped
roles.  Each lever rescores both and prints MAP (each posting ranking every résumé)
and MRR (each résumé ranking the postings), each for all résumés and for the even and
odd ones apart, and the seed roles' top-3.  Lever groups (``--only``):

* ``weights``: a grid over the occupation, required and vocabulary weights;
* ``precision``: the skill part's precision side — the share of the résumé's skills
  (credit x specificity) that the role holds or relates to, pair-local — as its own
  component, as an F-beta with the required coverage, or as a factor on the total;
* ``evidence``: a skill's credit by where it is shown (old jobs, list lines);
* ``occupation``: the occupation component as it was before the recruiter pass (the
  best close reading, a noisy-or over the jobs) and, around the shipped one, the
  readings' weights, how many readings count, how the jobs combine, the most recent
  job, the full point, the time curves, the closeness table, and résumés without a
  titled job;
* ``combine``: a weighted power mean of the components (p < 1: a soft minimum) and
  a vocabulary component gated by the skill and occupation support;
* ``background``: a résumé's scale against a fixed background (its fits to every
  O*NET occupation of the index, as ``rolematch explore`` builds them), and, as the
  ceiling this kind of lever reaches, against the 24 postings themselves (transductive:
  a score would change with the postings beside it, which issue 19 rules out);
* ``cohort``: a résumé's scale against a fixed cohort of postings written the harness'
  way (:func:`~benchmarks._quality_data.posting_text`) from 300 O*NET occupations
  outside the harness' table, drawn once with a fixed seed (score normalisation as in
  speaker verification: the score minus the résumé's mean or top-10 cohort fit, or its
  z-score); a per-résumé shift moves MAP only, never MRR or the seed top-3;
* ``length``: the vocabulary cosine times (terms / median)^beta.

A per-role (column) transform of the total cannot move MAP: each posting's ranking of
the résumés is unchanged by it.  Nothing here ships by itself; it records why the
shipped score is what it is (``benchmarks/RESULTS.md``, ``docs/scoring.md``).
"""

from __future__ import annotations

import argparse
import contextlib
import time
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Callable, Iterator

import numpy as np

from . import _probe_cache as pc
from . import _quality_data as qd
from . import _quality_rank as qr

GROUPS = ("weights", "precision", "evidence", "occupation", "combine", "background", "cohort",
          "length")


@dataclass
class Case:
    """A fitted matcher, the résumés' features and what scoring them gives."""

    m: object  # rolematch.Matcher
    feats: list
    gold: list  # frozenset of right columns, per résumé

    def __post_init__(self) -> None:
        self.s = self.m._scored(self.feats)

    @property
    def present(self) -> dict[str, np.ndarray]:
        return {"occupation": self.m.fitted_.occupations.present}

    def combine(self, values: dict[str, np.ndarray], **weights: float) -> np.ndarray:
        from rolematch import formula as F

        w = replace(self.m.weights_, **weights) if weights else self.m.weights_
        return F.combine(values, w, self.present)

    def rescored(self, feats: list | None = None) -> object:
        return self.m._scored(self.feats if feats is None else feats)


Lever = Callable[[Case], np.ndarray]


# --------------------------------------------------------------------------- figures
def _map(scores: np.ndarray, labels: np.ndarray) -> float:
    rel = [labels == j for j in range(scores.shape[1])]
    return qr.recruiter_figures(scores, rel).map


def _mrr(scores: np.ndarray, gold: list) -> float:
    return float(qr.reciprocal_rank(scores, gold).mean())


def figures(main: Case, labels: np.ndarray, seed: Case, lever: Lever) -> tuple[float, ...]:
    """MAP, MAP even, MAP odd, MRR, MRR even, MRR odd, seed top-3."""
    S = lever(main)
    out = [_map(S, labels), _map(S[0::2], labels[0::2]), _map(S[1::2], labels[1::2]),
           _mrr(S, main.gold), _mrr(S[0::2], main.gold[0::2]), _mrr(S[1::2], main.gold[1::2])]
    T = lever(seed)
    out.append(float(qr.hit_at_k(T, seed.gold, 3).mean()))
    return tuple(out)


def row(name: str, f: tuple[float, ...]) -> str:
    return (f"| {name} | {f[0]:.4f} | {f[1]:.4f} / {f[2]:.4f} | {f[3]:.4f} | "
            f"{f[4]:.4f} / {f[5]:.4f} | {100 * f[6]:.1f}% |")


HEAD = ("| lever | MAP | MAP even / odd | MRR | MRR even / odd | seed top-3 |\n"
        "|---|---:|---:|---:|---:|---:|")


@contextlib.contextmanager
def patched(module: object, **values: object) -> Iterator[None]:
    """Module constants set for the duration (the formula reads them at call time)."""
    old = {k: getattr(module, k) for k in values}
    for k, v in values.items():
        setattr(module, k, v)
    try:
        yield
    finally:
        for k, v in old.items():
            setattr(module, k, v)


def shipped(c: Case) -> np.ndarray:
    return c.s.totals


# --------------------------------------------------------------------------- precision
def precision(c: Case, power: float | None = None) -> np.ndarray:
    """(n x m) the share of a résumé's skills, by credit x specificity, that role j
    asks for or relates to (its skills, their narrower and related skills).  A skill
    inferred from a line's meaning counts only where the role asks for it (whether it
    is inferred does not depend on the other roles).  No skills: 0."""
    fitted = c.m.fitted_
    ix = fitted.index
    idf = fitted.text.base.skill_idf
    top = max(idf.values(), default=1.0)
    p = c.m.weights_.specificity if power is None else power
    roles = c.m.roles_
    ids: dict[str, int] = {}
    for f in c.feats:
        for sid in f.credit:
            ids.setdefault(sid, len(ids))
    for r in roles:
        for s in r.skills:
            ids.setdefault(s.skill_id, len(ids))
    rel = np.zeros((len(ids), len(roles)))
    own = np.zeros((len(ids), len(roles)))
    for j, r in enumerate(roles):
        for s in r.skills:
            own[ids[s.skill_id], j] = 1.0
            for x in (s.skill_id, *ix.children[s.skill_id], *ix.related[s.skill_id]):
                if x in ids:
                    rel[ids[x], j] = 1.0
    spec = np.ones(len(ids))
    for sid, k in ids.items():
        spec[k] = idf.get(sid, top) ** p
    named = np.zeros((len(c.feats), len(ids)))
    inferred = np.zeros_like(named)
    for i, f in enumerate(c.feats):
        for sid, cr in f.credit.items():
            (inferred if sid in f.inferred else named)[i, ids[sid]] = cr * spec[ids[sid]]
    num = named @ rel + inferred @ own
    den = named.sum(1, keepdims=True) + inferred @ own
    return np.where(den > 0, num / np.maximum(den, 1e-12), 0.0)


def f_beta(p: np.ndarray, r: np.ndarray, beta: float) -> np.ndarray:
    b2 = beta * beta
    return np.where(p + r > 0, (1 + b2) * p * r / np.maximum(b2 * p + r, 1e-12), 0.0)


def precision_levers() -> list[tuple[str, Lever]]:
    out: list[tuple[str, Lever]] = []
    for w in (0.03, 0.06, 0.12, 0.25):
        def as_component(c: Case, w: float = w) -> np.ndarray:
            v = dict(c.s.values)
            base = c.combine(v) / 100.0
            share = w / (1.0 + w)
            return 100.0 * ((1 - share) * base + share * precision(c))
        out.append((f"precision as a component, weight {w} (others as shipped)", as_component))
    for beta in (1.0, 2.0, 4.0):
        def fb(c: Case, beta: float = beta) -> np.ndarray:
            v = dict(c.s.values, required=f_beta(precision(c), c.s.values["required"], beta))
            return c.combine(v)
        out.append((f"required := F-beta(precision, required coverage), beta {beta:g}", fb))
    for g in (0.1, 0.25, 0.5):
        def factor(c: Case, g: float = g) -> np.ndarray:
            return c.s.totals * (0.05 + precision(c)) ** g
        out.append((f"total × (0.05 + precision)^{g}", factor))
    for p in (0.0, 1.0):
        def flat(c: Case, p: float = p) -> np.ndarray:
            base = c.combine(dict(c.s.values)) / 100.0
            return 100.0 * (0.9 * base + 0.1 * precision(c, p))
        out.append((f"precision component 0.1 share, specificity power {p:g}", flat))
    return out


# --------------------------------------------------------------------------- evidence
def _recredit(c: Case, old_job: tuple[float, float], listed: float, other: float | None
              ) -> list:
    """Features with a skill's credit remapped by its best evidence: a mention in an
    older job (credit 0.85 / 0.75 there) gets ``old_job``; a skill only listed
    gets ``listed``; one only outside work (summary, education, other) ``other``."""
    from rolematch import formula as F

    out = []
    for f in c.feats:
        credit = {}
        for sid, cr in f.credit.items():
            ev = f.evidence.get(sid, ())
            best = ev[0] if ev else None
            factor = F.INFERRED_CREDIT if sid in f.inferred else 1.0
            base = cr / factor
            if sid in f.listed and not (sid in f.inferred):
                base = listed
            elif best is not None and best.section == "experience" and base in (0.85, 0.75):
                base = old_job[0] if base == 0.85 else old_job[1]
            elif other is not None and best is not None and best.section in (
                    "summary", "education", "other", "skills"):
                base = other
            credit[sid] = base * factor
        out.append(replace(f, credit=credit))
    return out


def evidence_levers() -> list[tuple[str, Lever]]:
    out: list[tuple[str, Lever]] = []
    for old, listed, other in (((0.85, 0.75), 0.0, None), ((0.85, 0.75), 0.3, None),
                               ((0.7, 0.5), 0.1, None), ((0.6, 0.3), 0.1, None),
                               ((0.85, 0.75), 0.1, 0.4), ((0.85, 0.75), 0.1, 0.9)):
        def lever(c: Case, old=old, listed=listed, other=other) -> np.ndarray:
            return c.rescored(_recredit(c, old, listed, other)).totals
        name = f"credit: older jobs {old[0]} / {old[1]}, list only {listed}"
        out.append((name + (f", outside work {other}" if other is not None else ""), lever))
    return out


# --------------------------------------------------------------------------- occupation
def _occupation(c: Case, *, power: float = 1.0, first: int | None = None,
                how: str = "years", recent_first: float = 0.0, old: bool = False
                ) -> np.ndarray:
    """The occupation component, recomputed with one thing changed: the readings'
    weights ∝ confidence^``power`` (1: as shipped), only the ``first`` readings, the
    jobs combined by ``how`` ("years": as shipped; "noisy-or": 1 - prod(1 - e x tenure)
    per job; "max": the best job x its own tenure), the most recent job (the first
    written) counting (1 + ``recent_first``) as much; ``old``: as before this pass (the
    best close reading at best x (c / best)^2, a noisy-or over the jobs, each x its
    tenure, no full point)."""
    from rolematch import formula as F

    occ = c.m.fitted_.occupations
    out = np.zeros((len(c.feats), len(occ.codes)))
    for j, cs in enumerate(occ.codes):
        if not cs:
            continue
        for i, f in enumerate(c.feats):
            if not f.jobs:
                continue
            e, years = [], []
            for jb in f.jobs:
                readings = jb.occupations[:first]
                close = [occ.closeness(code, j)[0] for code, _ in readings]
                confs = [conf for _, conf in readings]
                top = max(confs, default=0.0)
                if old:  # each reading at top x (c / top)^2, full at 0.7; the best one
                    x = max((cl * min(1.0, top * (cf / top) ** 2 / F.TITLE_CONFIDENCE_FULL)
                             for cl, cf in zip(close, confs) if top > 0), default=0.0)
                    x = F.job_evidence(x, F.TITLE_CONFIDENCE_FULL, jb.recency)
                else:
                    x = F.job_closeness(close, [cf ** power for cf in confs])
                    x = F.job_evidence(x, top, jb.recency)
                e.append(x)
                years.append(jb.years)
            if recent_first:
                e[0] = min(1.0, e[0] * (1.0 + recent_first))
            if old:
                out[i, j] = 1.0 - float(np.prod([1.0 - x * F.tenure(y)
                                                 for x, y in zip(e, years)]))
            elif how == "years":
                out[i, j] = F.occupation(e, years)
            else:
                per = [x * F.tenure(y) for x, y in zip(e, years)]
                v = max(per) if how == "max" else 1.0 - float(np.prod([1.0 - p for p in per]))
                out[i, j] = float(F.saturate(v / F.OCCUPATION_FULL))
    return out


def _patched_rescore(c: Case, constants: dict[str, object], **weights: float) -> np.ndarray:
    from rolematch import formula as F

    with patched(F, **constants):
        return c.combine(dict(c.rescored().values), **weights)


def occupation_levers() -> list[tuple[str, Lever]]:
    from rolematch import formula as F

    out: list[tuple[str, Lever]] = []

    def with_values(**kw: object) -> Lever:
        def lever(c: Case) -> np.ndarray:
            with patched(F, **kw):
                return c.rescored().totals
        return lever

    def recomputed(weights: dict[str, float] | None = None, **kw: object) -> Lever:
        def lever(c: Case) -> np.ndarray:
            return c.combine(dict(c.s.values, occupation=_occupation(c, **kw)), **(weights or {}))
        return lever

    out.append(("as before this pass: the best close reading, noisy-or, occupation 0.18, "
                "required 0.15", recomputed({"occupation": 0.18, "required": 0.15}, old=True)))
    out.append(("before-pass component at this pass' weights",
                recomputed(old=True)))
    out.append(("readings as a distribution, jobs as a noisy-or (tenure per job)",
                recomputed(how="noisy-or")))
    out.append(("readings as a distribution, the best job only", recomputed(how="max")))
    for mix in (0.0, 0.5, 1.0):
        out.append((f"best close reading's share of a job's closeness {mix:g} "
                    f"({F.BEST_READING_SHARE})", with_values(BEST_READING_SHARE=mix)))
    out.append(("the same at 0, occupation 0.25, required 0.25",
                lambda c: _patched_rescore(c, {"BEST_READING_SHARE": 0.0},
                                           occupation=0.25, required=0.25)))
    for power in (2.0, 4.0):
        out.append((f"readings weighted by confidence^{power:g}", recomputed(power=power)))
    for first in (3, 5):
        out.append((f"only the first {first} readings", recomputed(first=first)))
    for bonus in (0.25, 0.5):
        out.append((f"most recent job's evidence × {1 + bonus}", recomputed(recent_first=bonus)))
    for full in (0.4, 0.6):
        out.append((f"full point {full} ({F.OCCUPATION_FULL})", with_values(OCCUPATION_FULL=full)))
    for years in (1.0, 4.0):
        out.append((f"tenure scale {years} years (2)", with_values(OCCUPATION_TENURE_YEARS=years)))
    for floor in (0.1, 0.5):
        out.append((f"tenure floor {floor} (0.3)", with_values(OCCUPATION_TENURE_FLOOR=floor)))
    for rec in (5.0, 20.0):
        out.append((f"recency scale {rec} years (10)", with_values(OCCUPATION_RECENCY_YEARS=rec)))
    for close in ({"same": 1.0, "broad": 0.5, "related": 0.0, "minor": 0.0, "major": 0.0},
                  {"same": 1.0, "broad": 0.7, "related": 0.3, "minor": 0.0, "major": 0.0},
                  {"same": 1.0, "broad": 0.5, "related": 0.5, "minor": 0.0, "major": 0.0},
                  {"same": 1.0, "broad": 0.5, "related": 0.3, "minor": 0.15, "major": 0.0}):
        shown = ", ".join(f"{k} {v}" for k, v in close.items() if k != "same")
        out.append((f"closeness {shown}", with_values(OCCUPATION_CLOSENESS=close)))

    def no_jobs_absent(c: Case) -> np.ndarray:
        has = np.array([bool(f.jobs) for f in c.feats])
        shares = c.m.weights_.shares(c.present)
        drop = replace(c.m.weights_, occupation=0.0).shares()
        total = sum(shares[k] * c.s.values[k] for k in F.COMPONENTS)
        alone = sum(drop[k] * c.s.values[k] for k in F.COMPONENTS)
        return 100.0 * np.where(has[:, None], total, alone)
    out.append(("a résumé with no titled job: occupation absent, not 0", no_jobs_absent))
    return out


# --------------------------------------------------------------------------- combine
def power_mean(c: Case, p: float, eps: float = 0.02) -> np.ndarray:
    """100 x the weighted power mean of the components (p = 0: geometric), each
    floored at ``eps`` (a 0 would zero any mean with p <= 0)."""
    from rolematch import formula as F

    shares = c.m.weights_.shares(c.present)
    vals = {k: np.maximum(np.asarray(c.s.values[k], float), eps) for k in F.COMPONENTS}
    if p == 0:
        return 100.0 * np.exp(sum(shares[k] * np.log(vals[k]) for k in F.COMPONENTS))
    return 100.0 * sum(shares[k] * vals[k] ** p for k in F.COMPONENTS) ** (1.0 / p)


def combine_levers() -> list[tuple[str, Lever]]:
    out: list[tuple[str, Lever]] = []
    for p in (0.5, 0.25, 0.0, -0.5):
        out.append((f"weighted power mean, p {p:g} (1: the mean)",
                    lambda c, p=p: power_mean(c, p)))
    for k in (0.5, 1.0, 2.0):
        def gated(c: Case, k: float = k) -> np.ndarray:
            v = c.s.values
            support = np.maximum(v["required"], v["occupation"])
            return c.combine(dict(v, vocabulary=v["vocabulary"] * np.minimum(1.0, k * support
                                                                               + 0.5)))
        out.append((f"vocabulary × min(1, 0.5 + {k:g}·max(required, occupation))", gated))
    return out


# --------------------------------------------------------------------------- weights
def weights_levers() -> list[tuple[str, Lever]]:
    out: list[tuple[str, Lever]] = []
    for occ, req, voc in ((0.12, 0.05, 0.48), (0.25, 0.15, 0.48), (0.18, 0.15, 0.3),
                          (0.18, 0.3, 0.48), (0.35, 0.25, 0.3)):
        out.append((f"weights occupation {occ}, required {req}, vocabulary {voc}",
                    lambda c, o=occ, r=req, v=voc: c.combine(
                        dict(c.s.values), occupation=o, required=r, vocabulary=v)))
    return out


def length_levers() -> list[tuple[str, Lever]]:
    from rolematch import formula as F

    out: list[tuple[str, Lever]] = []
    for beta in (-0.2, -0.1):
        def lever(c: Case, beta: float = beta) -> np.ndarray:
            terms = np.array([sum(f.terms.values()) for f in c.feats], float)[:, None]
            cos = c.s.cosine * (terms / 500.0) ** beta  # a fixed length, not the set's median
            return c.combine(dict(c.s.values, vocabulary=F.vocabulary(cos, c.m.weights_.tfidf_full)))
        out.append((f"vocabulary cosine × (résumé terms / 500)^{beta}", lever))
    return out


def background_levers(main: Case) -> list[tuple[str, Lever]]:
    """Per-résumé shifts against its fits to every O*NET occupation (fixed) and, as a
    ceiling, against the postings scored (transductive)."""
    from rolematch import Matcher, RoleProfile, RoleSet
    from rolematch.occupations import OccupationIndex
    from rolematch.taxonomy import Taxonomy

    ix, tx = OccupationIndex.default(), Taxonomy.default()
    occ_roles = [RoleProfile.from_occupation(o.id, taxonomy=tx, index=ix)
                 for o in ix if o.system == "onet"]
    bg_matcher = Matcher().fit(RoleSet([r for r in occ_roles if len(r.skills) >= 5],
                                       taxonomy=tx))
    memo: dict[int, np.ndarray] = {}

    def bg(c: Case) -> np.ndarray:
        if id(c) not in memo:
            memo[id(c)] = bg_matcher.score_matrix(c.feats)
        return memo[id(c)]

    def mean_shift(c: Case) -> np.ndarray:
        return c.s.totals - bg(c).mean(1, keepdims=True)

    def top_shift(c: Case) -> np.ndarray:
        return c.s.totals - np.sort(bg(c), 1)[:, -100:].mean(1, keepdims=True)

    def z_fixed(c: Case) -> np.ndarray:
        b = bg(c)
        return (c.s.totals - b.mean(1, keepdims=True)) / b.std(1, keepdims=True)

    def z_postings(c: Case) -> np.ndarray:
        t = c.s.totals
        return (t - t.mean(1, keepdims=True)) / t.std(1, keepdims=True)

    return [("minus the résumé's mean fit over the O*NET occupations (fixed)", mean_shift),
            ("minus the mean of its 100 best O*NET fits (fixed)", top_shift),
            ("z-score against its O*NET fits (fixed)", z_fixed),
            ("(transductive, ruled out) z-score over the 24 postings", z_postings)]


def cohort_levers(onet: Path, main: Case, size: int = 300, seed: int = 7
                  ) -> list[tuple[str, Lever]]:
    """Per-résumé shifts against its fits to a fixed cohort of O*NET postings."""
    import random
    import warnings
    from collections import Counter

    from rolematch import Matcher

    n_tasks = Counter(r["O*NET-SOC Code"] for r in qd._rows(onet / "Task Statements.txt"))
    used = {c for occs in qd.CATEGORY_OCCUPATIONS.values() for c, _ in occs}
    pool = sorted(c for c, n in n_tasks.items() if n >= 5 and c not in used)
    random.Random(seed).shuffle(pool)
    occ = qd.load_onet(onet, pool[:size])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        cohort = Matcher().fit(qr.profile_postings(
            {c: qd.posting_text(c, [o]) for c, o in occ.items()}))
    memo: dict[int, np.ndarray] = {}

    def fits(c: Case) -> np.ndarray:
        if id(c) not in memo:
            memo[id(c)] = cohort._scored(c.feats).totals
        return memo[id(c)]

    def shift(alpha: float, top: int | None) -> Lever:
        def lever(c: Case) -> np.ndarray:
            b = fits(c) if top is None else np.sort(fits(c), 1)[:, -top:]
            return c.s.totals - alpha * b.mean(1, keepdims=True)
        return lever

    def z(c: Case) -> np.ndarray:
        b = fits(c)
        return (c.s.totals - b.mean(1, keepdims=True)) / (b.std(1, keepdims=True) + 1e-9)

    return [(f"minus {a:g} × the résumé's mean fit over {size} cohort postings", shift(a, None))
            for a in (0.5, 1.0)] + [
            (f"minus {a:g} × the mean of its 10 best cohort fits", shift(a, 10))
            for a in (0.5, 1.0)] + [("z-score against its cohort fits", z)]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--resumes", type=Path, required=True)
    ap.add_argument("--onet", type=Path, required=True)
    ap.add_argument("--cache-dir", type=Path, default=None)
    ap.add_argument("--title", choices=("occupations", "category"), default="occupations",
                    help="postings headed by their O*NET titles (default) or by the category's "
                         "name (the harness' sensitivity row)")
    ap.add_argument("--only", nargs="*", choices=GROUPS, default=None,
                    help="lever groups to run (default: all)")
    args = ap.parse_args(argv)

    from rolematch import Matcher, RoleSet

    t = time.perf_counter()
    docs, _ = qd.read_labelled(args.resumes, cache_dir=args.cache_dir)
    cats = [c for c in qd.CATEGORIES if any(d.category == c for d in docs)]
    labels = np.array([cats.index(d.category) for d in docs])
    postings = qd.category_postings(args.onet, title=args.title)
    m = Matcher().fit(qr.profile_postings({c: postings[c] for c in cats}))
    feats = pc.features([d.resume for d in docs], m, args.cache_dir, f"postings-{args.title}")
    main_case = Case(m, feats, [frozenset([int(x)]) for x in labels])
    seeded = [(d, qd.seed_roles_for(d.title)) for d in docs]
    seeded = [(d, g) for d, g in seeded if g]
    ms = Matcher().fit(RoleSet.default())
    ids = [r.id for r in ms.roles_]
    seed_case = Case(ms, pc.features([d.resume for d, _ in seeded], ms, args.cache_dir, "seed"),
                     [frozenset(ids.index(r) for r in g) for _, g in seeded])
    print(f"featurized {len(docs)} résumés (+{len(seeded)} against the seed roles) in "
          f"{time.perf_counter() - t:.0f} s; no titled job: "
          f"{sum(not f.jobs for f in feats)} résumés\n")

    groups = args.only or list(GROUPS)
    levers: list[tuple[str, Lever]] = [("shipped fit", shipped)]
    makers: dict[str, Callable[[], list[tuple[str, Lever]]]] = {
        "weights": weights_levers, "precision": precision_levers,
        "evidence": evidence_levers, "occupation": occupation_levers,
        "combine": combine_levers, "length": length_levers,
        "background": lambda: background_levers(main_case),
        "cohort": lambda: cohort_levers(args.onet, main_case),
    }
    for g in groups:
        levers += makers[g]()
    print(HEAD)
    for name, lever in levers:
        print(row(name, figures(main_case, labels, seed_case, lever)), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
