"""Benchmark skill extraction: throughput, cold start, memory, SkillSpan P/R.

    python benchmarks/bench_extract.py [--resumes DIR] [--skillspan DIR] [--limit N]
                                       [--cache FILE]

``--resumes``: a folder of résumé PDFs (searched recursively); text is extracted once
before timing (rolematch.documents.read_resume when it works, else pdfminer), and
only extraction is timed. ``--cache FILE`` keeps the read résumés as JSON
(``Resume.to_dict``) outside the repository, e.g. in /tmp, so later runs skip the PDFs;
never point it inside the project. ``--skillspan``: a folder with ``*_dev.conll`` (BIO tags
for skill and knowledge spans). Missing folders are skipped.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def cold_start(runs: int = 5) -> dict[str, float]:
    """Fresh interpreter: default_extractor() + Taxonomy.default() + one call.

    Median of ``runs`` subprocesses; the same for the extractor alone (load + first
    call, issue 17's target: 1 s) and for ``import spacy`` alone (which the extractor
    no longer needs).
    """
    code = (
        "import time; t=time.perf_counter();"
        "from rolematch.extract import default_extractor;"
        "from rolematch.taxonomy import Taxonomy;"
        "Taxonomy.default(); e=default_extractor(); e('Python, SQL and Excel');"
        "print(time.perf_counter()-t)"
    )
    extractor_code = (
        "import time; t=time.perf_counter();"
        "from rolematch.extract import default_extractor;"
        "e=default_extractor(); e('Python, SQL and Excel');"
        "print(time.perf_counter()-t)"
    )
    spacy_code = "import time; t=time.perf_counter(); import spacy; print(time.perf_counter()-t)"
    out: dict[str, float] = {}
    for name, src in (("cold_start_s", code), ("extractor_cold_start_s", extractor_code),
                      ("import_spacy_s", spacy_code)):
        times = []
        for _ in range(runs):
            res = subprocess.run([sys.executable, "-c", src], capture_output=True, text=True,
                                 check=True, cwd=ROOT)
            times.append(float(res.stdout.strip().splitlines()[-1]))
        out[f"{name}_median"] = statistics.median(times)
        out[f"{name}_min"] = min(times)
        out[f"{name}_max"] = max(times)
    return out


def read_texts(folder: Path, limit: int | None,
               cache: Path | None = None) -> list[tuple[object, int]]:
    if cache is not None and cache.is_file():
        from rolematch.documents import Resume

        rows = json.loads(cache.read_text(encoding="utf-8"))[:limit]
        return [(Resume.from_dict(r) if isinstance(r, dict) else r, len(r["text"] if
                 isinstance(r, dict) else r)) for r in rows]
    docs = _read_pdfs(folder, limit)
    if cache is not None:
        cache.write_text(json.dumps([d.to_dict() if hasattr(d, "to_dict") else d  # type: ignore[attr-defined]
                                     for d, _ in docs], ensure_ascii=False), encoding="utf-8")
    return docs


def _read_pdfs(folder: Path, limit: int | None) -> list[tuple[object, int]]:
    files = sorted(folder.rglob("*.pdf"))[:limit]
    out: list[tuple[object, int]] = []
    try:
        from rolematch.documents import read_resume
        read_resume(files[0])
    except Exception:  # noqa: BLE001 - reader still being written; fall back
        read_resume = None  # type: ignore[assignment]
    for f in files:
        if read_resume is not None:
            try:
                r = read_resume(f)
                out.append((r, len(r.text)))
                continue
            except Exception:  # noqa: BLE001 - benchmark counts unreadable files
                pass
        from pdfminer.high_level import extract_text
        try:
            text = extract_text(str(f))
        except Exception:  # noqa: BLE001
            continue
        out.append((text, len(text)))
    return out


def throughput(folder: Path, limit: int | None,
               cache: Path | None = None, meaning: bool = False) -> dict[str, float]:
    """Extraction speed; with ``meaning``, each résumé also runs the meaning layer
    against the shipped roles' skills its words did not name (what
    ``Matcher(meaning=True)`` does per résumé)."""
    from rolematch.extract import default_extractor

    docs = read_texts(folder, limit, cache)
    if not docs:
        return {}
    ext = default_extractor()
    ext(docs[0][0])  # build matchers
    infer = _meaning_step() if meaning else None
    t = time.perf_counter()
    n_mentions = n_inferred = 0
    for d, _ in docs:
        found = ext(d)
        n_mentions += len(found)
        if infer is not None:
            n_inferred += infer(d, {m.skill_id for m in found})
    dt = time.perf_counter() - t
    out = {"resumes": len(docs), "chars_mean": sum(n for _, n in docs) / len(docs),
           "seconds": dt, "resumes_per_s": len(docs) / dt,
           "mentions_per_resume": n_mentions / len(docs),
           "input": "Resume" if not isinstance(docs[0][0], str) else "pdfminer text"}
    if meaning:
        out["inferred_per_resume"] = n_inferred / len(docs)
    return out


def _meaning_step():
    """A function (résumé, found ids) -> number of skills inferred; vectors loaded."""
    from rolematch._meaning import default_meaning_model
    from rolematch.roles import RoleSet

    roles = RoleSet.default()
    tax = roles.taxonomy
    ids = sorted({s.skill_id for r in roles.values() for s in r.skills if s.skill_id in tax})
    terms = {sid: tax.match_terms(tax[sid]) for sid in ids}
    model = default_meaning_model()

    def step(doc, found: set[str]) -> int:
        lines = doc.lines if hasattr(doc, "lines") else str(doc).split("\n")
        return len(model.infer(lines, [(s, terms[s]) for s in ids if s not in found]))
    return step


def meaning_cold_start(runs: int = 5) -> float:
    """Median seconds, in a fresh interpreter with rolematch imported, to load the
    vectors and embed a line (what the layer adds to a cold start)."""
    code = ("from rolematch._meaning import default_meaning_model;"
            "import time; t=time.perf_counter();"
            "default_meaning_model().embed(['trained new hires']);"
            "print(time.perf_counter()-t)")
    times = [float(subprocess.run([sys.executable, "-c", code], capture_output=True,
                                  text=True, check=True, cwd=ROOT).stdout.split()[-1])
             for _ in range(runs)]
    return statistics.median(times)


def read_conll(path: Path) -> list[tuple[list[str], set[tuple[int, int]]]]:
    """Sentences as (tokens, gold spans); skill and knowledge tag columns merged."""
    sents = []
    toks: list[str] = []
    tags: list[list[str]] = []
    for line in path.read_text(encoding="utf-8").splitlines() + [""]:
        if not line.strip():
            if toks:
                spans: set[tuple[int, int]] = set()
                for col in range(len(tags[0])):
                    start = None
                    for i, row in enumerate([*tags, ["O"] * len(tags[0])]):
                        tag = row[col] if col < len(row) else "O"
                        if start is not None and not tag.startswith("I"):
                            spans.add((start, i))
                            start = None
                        if tag.startswith("B"):
                            start = i
                sents.append((toks, spans))
            toks, tags = [], []
            continue
        if line.startswith("###"):
            continue
        parts = line.split("\t")
        toks.append(parts[0])
        tags.append(parts[1:] or ["O"])
    return sents


def skillspan(folder: Path) -> dict[str, object]:
    from rolematch.extract import default_extractor

    ext = default_extractor()
    results: dict[str, object] = {}
    for path in sorted(folder.glob("*_dev.conll")):
        tp_l = tp_e = n_pred = n_gold = 0
        for toks, gold in read_conll(path):
            text = ""
            offsets = []
            for tok in toks:
                offsets.append((len(text), len(text) + len(tok)))
                text += tok + " "
            gold_chars = [(offsets[s][0], offsets[e - 1][1]) for s, e in gold]
            pred = [(m.start, m.end) for m in ext(text)]
            n_pred += len(pred)
            n_gold += len(gold_chars)
            tp_e += len(set(pred) & set(gold_chars))
            tp_l += sum(1 for p in pred if any(p[0] < g[1] and g[0] < p[1] for g in gold_chars))
        results[path.name] = {
            "gold": n_gold, "predicted": n_pred,
            "precision_exact": tp_e / n_pred if n_pred else 0.0,
            "recall_exact": tp_e / n_gold if n_gold else 0.0,
            "precision_loose": tp_l / n_pred if n_pred else 0.0,
        }
        # loose recall: gold spans overlapped by any prediction
    for path in sorted(folder.glob("*_dev.conll")):
        covered = total = 0
        for toks, gold in read_conll(path):
            text, offsets = "", []
            for tok in toks:
                offsets.append((len(text), len(text) + len(tok)))
                text += tok + " "
            pred = [(m.start, m.end) for m in ext(text)]
            for s, e in gold:
                g = (offsets[s][0], offsets[e - 1][1])
                total += 1
                covered += any(p[0] < g[1] and g[0] < p[1] for p in pred)
        results[path.name]["recall_loose"] = covered / total if total else 0.0  # type: ignore[index]
    return results


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--resumes", type=Path)
    ap.add_argument("--skillspan", type=Path)
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--cache", type=Path, default=None,
                    help="JSON file (outside the repo) caching the read résumés")
    ap.add_argument("--meaning", action="store_true",
                    help="also time the meaning layer (throughput and its cold start)")
    args = ap.parse_args(argv)
    report: dict[str, object] = {"cold_start": cold_start()}
    if args.meaning:
        report["meaning_cold_start_s_median"] = meaning_cold_start()
    if args.resumes and args.resumes.is_dir():
        report["throughput"] = throughput(args.resumes, args.limit, args.cache)
        if args.meaning:
            report["throughput_meaning"] = throughput(args.resumes, args.limit, args.cache,
                                                      meaning=True)
    else:
        report["throughput"] = "skipped (no --resumes folder)"
    if args.skillspan and args.skillspan.is_dir():
        report["skillspan"] = skillspan(args.skillspan)
    else:
        report["skillspan"] = "skipped (no --skillspan folder)"
    report["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    sys.stdout.write(json.dumps(report, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
