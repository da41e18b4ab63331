"""Benchmark batch scoring (``rolematch score``) over a folder of résumés.

    python -m benchmarks.bench_batch DIR [--limit N] [--readers pdfminer,pdfium,auto]
                                         [--workers 1,2] [--memory 10000]
                                         [--rerun-readers auto,pdfminer]

Prints a Markdown table:

* résumés/s for each PDF reader with 1 and 2 workers (wall time, worker start-up
  included, no cache), with the CPU time of the parent and of the workers, so a
  figure taken on a busy machine can be told from a slow program;
* the ratio of the 1-worker pdfminer run to a bare ``pdfminer.high_level.extract_text``
  loop over the same PDFs (target ≤ 1.15) and the speed-up from 1 to 2 workers
  (target ≥ 1.8), next to the same bare loop split over 2 processes: on a machine
  whose two cores do not give twice the work (measured here: 1.46×), no program gets
  1.8 either, and that row says so;
* how often pdfium and pdfminer give the same best role (rank 1 over all shipped
  roles), on files both read;
* for the default reader (auto) and for pdfminer, when in ``--readers`` (or as
  ``--rerun-readers`` says): a first run with an empty cache against half the roles
  (2 workers), then re-runs against the other half — 2 workers asked for, then
  in-process, three times each (target ≥ 50× faster than the first run), and
  in-process writing the rows as jsonl and as csv (jsonl within 1.5× of csv).  Every
  file's features are cached then, so no worker is started, no skill extractor
  loaded and no résumé decoded: the re-run is the parent's own CPU;
* with ``--memory N``: N generated text résumés (in a temporary folder), 2 workers,
  no cache, resident memory of the parent and of each worker sampled as results
  arrive — in a fresh process, so the parent's figure is a batch run's alone.

The load average is printed at the start and the end: on a shared machine, quote
it with the figures.  Reads DIR in place and writes only to a temporary folder.
"""

from __future__ import annotations

import argparse
import logging
import multiprocessing
import os
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make the repo root importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from rolematch.batch import discover, score_folder, write_results  # noqa: E402
from rolematch.roles import RoleSet  # noqa: E402


def _rss_mb(pid: int | str = "self") -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def _cpu() -> tuple[float, float]:
    """CPU seconds (user + system) of this process and of its ended children."""
    me = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime, kids.ru_utime + kids.ru_stime


def _timed(files, roles, **kw):
    """Wall seconds, rows, and the CPU seconds of this process and of the workers."""
    (p0, c0), t = _cpu(), time.perf_counter()
    rows = list(score_folder(files, roles, **kw))
    wall = time.perf_counter() - t
    p1, c1 = _cpu()
    return wall, rows, (p1 - p0, c1 - c0)


def _load() -> str:
    return "load average " + " ".join(f"{x:.2f}" for x in os.getloadavg())


def _bare_two(files) -> float:
    """Wall seconds of the same bare loop split over 2 processes (halves of the files):
    what this machine gives two workers at best, whatever the program around them."""
    ctx = multiprocessing.get_context("spawn")
    t = time.perf_counter()
    with ctx.Pool(2) as pool:
        pool.map(_bare_pdfminer, [files[0::2], files[1::2]])
    return time.perf_counter() - t


def _bare_pdfminer(files) -> tuple[float, float]:
    """Wall and CPU seconds of a bare extract_text loop, in this process."""
    from pdfminer.high_level import extract_text

    t, c = time.perf_counter(), time.process_time()
    for f in files:
        try:
            extract_text(str(f))
        except Exception:  # noqa: BLE001 - a bare loop survives a bad file too
            pass
    return time.perf_counter() - t, time.process_time() - c


SKILLS = ["SQL", "Python", "Salesforce", "HubSpot", "Marketo", "Google Analytics", "Jira",
          "A/B testing", "pricing strategy", "product roadmap", "SEO", "Tableau", "Figma",
          "content strategy", "stakeholder management", "go-to-market", "Kafka", "Looker"]


def _make_text_resumes(folder: Path, n: int) -> list[Path]:
    rnd = random.Random(7)
    files = []
    for i in range(n):
        year = rnd.randint(2005, 2018)
        skills = ", ".join(rnd.sample(SKILLS, 6))
        text = (f"Person {i}\nperson{i}@example.com\n\nSummary\nAnalyst with {skills}.\n\n"
                f"Experience\nSenior Analyst, Company {i % 97}\n{year + 3} - Present\n"
                f"Used {skills} every week.\nAnalyst, Other {i % 31}\n{year} - {year + 3}\n"
                f"Reported with {rnd.choice(SKILLS)}.\n\nEducation\nBachelor of Science, "
                f"Economics, {year - 1}\n\nSkills\n{skills}\n")
        p = folder / f"{i // 1000:02d}" / f"r{i:05d}.txt"
        p.parent.mkdir(exist_ok=True)
        p.write_text(text, encoding="utf-8")
        files.append(p)
    return files


def _memory(n: int, roles) -> list[tuple[str, str]]:
    with tempfile.TemporaryDirectory() as tmp:
        files = _make_text_resumes(Path(tmp), n)
        marks: dict[int, tuple[float, list[float]]] = {}
        peak_parent, peak_worker = 0.0, 0.0
        t = time.perf_counter()
        for k, _ in enumerate(score_folder(files, roles, workers=2, cache=None), 1):
            if k % 250 == 0 or k == n:
                parent = _rss_mb()
                workers = [_rss_mb(p.pid) for p in multiprocessing.active_children()]
                peak_parent = max(peak_parent, parent)
                peak_worker = max([peak_worker, *workers])
                if k in (n // 10, n // 2, n):
                    marks[k] = parent, workers
        elapsed = time.perf_counter() - t
    at = " / ".join(f"{parent + sum(ws):.0f} MB ({parent:.0f} + {' + '.join(f'{w:.0f}' for w in ws)})"
                    for parent, ws in marks.values())
    return [(f"memory: {n} text résumés, 2 workers", f"{n / elapsed:.1f} résumés/s"),
            ("  peak RSS parent / largest worker", f"{peak_parent:.0f} MB / {peak_worker:.0f} MB"),
            ("  total RSS (parent + workers) after 10% / 50% / 100% of files", at)]


def _rerun(files, roles, reader: str) -> list[tuple[str, str]]:
    """A first run with an empty cache against half the roles, then cached re-runs
    against the other half: three with 2 workers asked (the first of them builds this
    process's matcher for those roles), then three in-process (median counted)."""
    ids = list(roles)
    half_a, half_b = roles.subset(ids[::2]), roles.subset(ids[1::2])
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "cache.sqlite"
        first, _, (fp, fk) = _timed(files, half_a, workers=2, pdf_reader=reader, cache=db)
        two = [_timed(files, half_b, workers=2, pdf_reader=reader, cache=db) for _ in range(3)]
        here = [_timed(files, half_b, workers=0, pdf_reader=reader, cache=db) for _ in range(3)]
        written = {fmt: sorted(_written(files, half_b, reader, db, fmt) for _ in range(3))[1]
                   for fmt in ("jsonl", "csv")}
    cold, _, (cp, ck) = two[0]
    again, _, (ap, _k) = sorted(two, key=lambda t: t[0])[1]
    again0, _, (a0p, _k) = sorted(here, key=lambda t: t[0])[1]
    return [
        (f"first run, empty cache ({reader}, 2 workers, {len(half_a)} roles)",
         f"{first:.1f} s (CPU: parent {fp:.1f} s, workers {fk:.1f} s)"),
        (f"re-run ({reader}), other {len(half_b)} roles, 2 workers asked: first / median of 3",
         f"{cold:.3f} s / {again:.3f} s (CPU: parent {cp:.3f} s / {ap:.3f} s,"
         f" workers {ck:.2f} s)"),
        (f"re-run ({reader}), in-process: median of 3",
         f"{again0:.3f} s (CPU {a0p:.3f} s; {1000 * again0 / max(1, len(files)):.2f} ms a file)"),
        (f"cached re-run speed-up vs the {reader} first run (≥ 50)",
         f"{first / cold:.1f}× (2 workers asked, first re-run), {first / again0:.1f}× "
         "(in-process, median)"),
        (f"cached re-run ({reader}), in-process, writing jsonl / csv: median of 3 (≤ 1.5×)",
         f"{written['jsonl']:.3f} s / {written['csv']:.3f} s = "
         f"{written['jsonl'] / written['csv']:.2f}×")]


def _written(files, roles, reader: str, db: Path, fmt: str) -> float:
    """Wall seconds of an in-process cached run that writes its rows as ``fmt``."""
    with tempfile.TemporaryDirectory() as tmp:
        t = time.perf_counter()
        with open(Path(tmp) / f"out.{fmt}", "w", encoding="utf-8", newline="") as fh:
            write_results(score_folder(files, roles, workers=0, pdf_reader=reader, cache=db),
                          fh, fmt)
        return time.perf_counter() - t


def _memory_child(n: int, out) -> None:
    out.put(_memory(n, RoleSet.default()))


def _memory_fresh(n: int) -> list[tuple[str, str]]:
    """:func:`_memory` in a new process: the parent's RSS is then that of a batch run
    alone, not of this benchmark's earlier runs (results, an in-process matcher)."""
    ctx = multiprocessing.get_context("spawn")
    q = ctx.Queue()
    proc = ctx.Process(target=_memory_child, args=(n, q))  # not a daemon: it has workers
    proc.start()
    rows = q.get()
    proc.join()
    return rows


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("folder", type=Path)
    ap.add_argument("--limit", type=int, default=0, help="first N files only")
    ap.add_argument("--readers", default="pdfminer,pdfium,auto")
    ap.add_argument("--workers", default="1,2")
    ap.add_argument("--memory", type=int, default=0, help="also N generated text résumés")
    ap.add_argument("--rerun-readers", default="",
                    help="readers of the cached re-run rows (default: auto and pdfminer, "
                         "those of them in --readers)")
    a = ap.parse_args(argv)
    logging.basicConfig(level=logging.ERROR)
    files = list(discover([a.folder]).files)
    files = files[:a.limit] if a.limit else files
    roles = RoleSet.default()
    rows: list[tuple[str, str]] = [("files", str(len(files))), ("at start", _load())]
    times, results, cpu = {}, {}, {}
    for reader in a.readers.split(","):
        for w in map(int, a.workers.split(",")):
            s, res, (parent, kids) = _timed(files, roles, workers=w, pdf_reader=reader,
                                            cache=None)
            times[reader, w], results[reader], cpu[reader, w] = s, res, kids
            rows.append((f"{reader}, {w} worker(s)",
                         f"{len(files) / s:.2f} résumés/s ({s:.1f} s; CPU: parent {parent:.1f} s,"
                         f" workers {kids:.1f} s = {kids / s:.2f} cores busy)"))
    pdfs = [f for f in files if f.suffix.lower() == ".pdf"]
    if ("pdfminer", 1) in times and len(pdfs) == len(files):
        bare, bare_cpu = _bare_pdfminer(pdfs)
        rows.append(("bare extract_text loop",
                     f"{len(pdfs) / bare:.2f} résumés/s ({bare:.1f} s; CPU {bare_cpu:.1f} s)"))
        rows.append(("ratio pdfminer 1 worker / bare (≤ 1.15)",
                     f"{times['pdfminer', 1] / bare:.2f} (CPU: {cpu['pdfminer', 1] / bare_cpu:.2f})"))
        bare2 = _bare_two(pdfs)
        rows.append(("bare loop in 2 processes: the machine's own 1 → 2 speed-up",
                     f"{bare / bare2:.2f} ({bare2:.1f} s)"))
    for reader in a.readers.split(","):
        if (reader, 1) in times and (reader, 2) in times:
            rows.append((f"speed-up 1 → 2 workers, {reader} (≥ 1.8)",
                         f"{times[reader, 1] / times[reader, 2]:.2f}"))
    if "pdfminer" in results:
        for other in set(results) - {"pdfminer"}:
            pairs = [(x, y) for x, y in zip(results["pdfminer"], results[other])
                     if x.status == y.status == "ok"]
            same = sum(x.best == y.best for x, y in pairs)
            rows.append((f"best role agrees, pdfminer vs {other}",
                         f"{same}/{len(pairs)} = {100 * same / max(1, len(pairs)):.1f} %"))
    given = a.readers.split(",")
    rerun = a.rerun_readers.split(",") if a.rerun_readers else \
        [r for r in ("auto", "pdfminer") if r in given] or given[:1]
    for reader in rerun:
        rows += _rerun(files, roles, reader)
    if a.memory:
        rows += _memory_fresh(a.memory)
    rows.append(("at end", _load()))
    print("| measure | value |\n|---|---|")
    for k, v in rows:
        print(f"| {k} | {v} |")


if __name__ == "__main__":
    main()
