"""Benchmark the résumé reader over a folder of PDFs.

    python -m benchmarks.bench_read DIR [--limit N] [--reader pdfminer|pdfium|both]

Per reader: résumés/s, ms per page, time ratio to a bare loop of the same library
(``pdfminer.high_level.extract_text`` / pypdfium2 ``get_text_range``) over the same
files, section coverage (experience / education / skills), error reasons; then how
often pdfium's section split agrees with pdfminer's, and peak memory (maxrss).
Prints a Markdown table.  Reads the files in place; writes nothing.
"""

from __future__ import annotations

import argparse
import logging
import resource
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make the repo root importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from rolematch.documents import Resume, read_resume  # noqa: E402
from rolematch.errors import ResumeReadError  # noqa: E402

COVERED = ("experience", "education", "skills")


@dataclass
class Stats:
    reader: str
    seconds: float = 0.0
    baseline: float = 0.0
    pages: int = 0
    ok: int = 0
    errors: Counter = field(default_factory=Counter)
    found: Counter = field(default_factory=Counter)
    splits: dict = field(default_factory=dict)
    misses: dict = field(default_factory=dict)


def _bare_pdfminer(path: Path) -> None:
    from pdfminer.high_level import extract_text

    extract_text(str(path))


def _bare_pdfium(path: Path) -> None:
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(path))
    try:
        for i in range(len(doc)):
            page = doc[i]
            tp = page.get_textpage()
            tp.get_text_range()
            tp.close()
            page.close()
    finally:
        doc.close()


BARE = {"pdfminer": _bare_pdfminer, "pdfium": _bare_pdfium}


def _split(resume: Resume) -> tuple[str, ...]:
    return tuple(f"{s.name}:{' '.join(s.heading.lower().split())}" for s in resume.sections)


def run(files: list[Path], readers: list[str]) -> dict[str, Stats]:
    stats = {r: Stats(r) for r in readers}
    for k, path in enumerate(files):
        for reader in readers:
            st = stats[reader]
            order = (0, 1) if k % 2 == 0 else (1, 0)  # alternate to share cache effects
            for which in order:
                t0 = time.perf_counter()
                if which == 0:
                    try:
                        BARE[reader](path)
                    except Exception:  # noqa: BLE001 - the bare loop only times the library
                        pass
                    st.baseline += time.perf_counter() - t0
                    continue
                try:
                    res = read_resume(path, pdf_reader=reader)
                except ResumeReadError as e:
                    st.seconds += time.perf_counter() - t0
                    st.errors[e.reason] += 1
                    continue
                st.seconds += time.perf_counter() - t0
                st.ok += 1
                st.pages += res.pages
                names = {s.name for s in res.sections}
                for name in COVERED:
                    if name in names:
                        st.found[name] += 1
                    else:
                        st.misses.setdefault(name, []).append(str(path))
                st.splits[str(path)] = _split(res)
    return stats


def report(stats: dict[str, Stats], n_files: int, show_misses: int) -> str:
    rows = ["| reader | files | read | résumés/s | ms/page | ratio to bare loop | "
            "experience | education | skills | errors |",
            "|---|---|---|---|---|---|---|---|---|---|"]
    for st in stats.values():
        rate = n_files / st.seconds if st.seconds else 0.0
        ms_page = 1000 * st.seconds / st.pages if st.pages else 0.0
        ratio = st.seconds / st.baseline if st.baseline else float("nan")
        cov = [f"{100 * st.found[n] / n_files:.1f}%" for n in COVERED]
        errs = ", ".join(f"{r}: {c}" for r, c in sorted(st.errors.items())) or "none"
        rows.append(f"| {st.reader} | {n_files} | {st.ok} | {rate:.1f} | {ms_page:.1f} | "
                    f"{ratio:.3f} ({st.seconds:.1f}s / {st.baseline:.1f}s) | "
                    + " | ".join(cov) + f" | {errs} |")
    out = ["\n".join(rows)]
    if "pdfminer" in stats and "pdfium" in stats:
        a, b = stats["pdfminer"].splits, stats["pdfium"].splits
        both = set(a) & set(b)
        same = sum(a[p] == b[p] for p in both)
        names_same = sum([s.split(":")[0] for s in a[p]] == [s.split(":")[0] for s in b[p]]
                         for p in both)
        if both:
            out.append(f"\npdfium vs pdfminer section split (names and headings) agrees on "
                       f"{same}/{len(both)} = {100 * same / len(both):.1f}% of files "
                       f"(section names alone: {100 * names_same / len(both):.1f}%)")
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    out.append(f"\npeak memory (maxrss of the whole run): {rss / 1024:.0f} MB")
    if show_misses:
        for st in stats.values():
            for name, paths in st.misses.items():
                out.append(f"\n{st.reader} missing {name} ({len(paths)}): "
                           + ", ".join(paths[:show_misses]))
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("dir", type=Path, help="folder searched recursively for *.pdf")
    ap.add_argument("--limit", type=int, default=0,
                    help="use N files spread evenly over the sorted list (0: all)")
    ap.add_argument("--reader", choices=("pdfminer", "pdfium", "both"), default="both")
    ap.add_argument("--misses", type=int, default=0,
                    help="list up to N files missing each section")
    args = ap.parse_args(argv)
    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    files = sorted(args.dir.rglob("*.pdf"))
    if not files:
        ap.error(f"no PDF files under {args.dir}")
    if args.limit and args.limit < len(files):
        step = len(files) / args.limit
        files = [files[int(i * step)] for i in range(args.limit)]
    readers = ["pdfminer", "pdfium"] if args.reader == "both" else [args.reader]
    stats = run(files, readers)
    print(report(stats, len(files), args.misses))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
