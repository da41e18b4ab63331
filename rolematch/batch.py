"""Batch scoring: every résumé in a set of files and folders against a set of roles.

Every input file gets exactly one result, in input order — its scores, or its
error with the :class:`~rolematch.errors.ResumeReadError` reason. Work runs in
parallel processes through joblib; each worker loads the pipeline once and
reuses it; results stream out as they are ready.
"""

from __future__ import annotations

import csv
import io
import json
import logging
import os
import signal
import time
from collections import Counter
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator, Sequence

from .documents import read_resume
from .errors import ResumeReadError, RolematchError
from .roles import RoleProfile, RoleSet

log = logging.getLogger(__name__)

__all__ = ["BatchResult", "discover", "score_folder", "write_results", "RESUME_SUFFIXES"]

RESUME_SUFFIXES = (".pdf", ".docx", ".txt", ".md")
CSV_FIELDS = ("file", "role", "score", "rank", "status", "reason", "top_missing")


@dataclass(frozen=True)
class BatchResult:
    """One row of batch output (the JSONL object, documented in the README)."""

    file: str
    status: str                        # "ok" | "error"
    reason: str | None = None          # ResumeReadError reason code when status == "error"
    message: str | None = None
    scores: dict[str, float] = field(default_factory=dict)
    best: str | None = None
    fits: list[dict] = field(default_factory=list)

    def to_dict(self) -> dict:
        return asdict(self)


def discover(paths: Iterable[str | Path]) -> tuple[list[Path], int]:
    """Résumé files under ``paths`` in sorted order, and how many hidden files were skipped.

    A path named explicitly is always taken (its format is detected by content);
    inside folders only .pdf, .docx, .txt and .md files are taken.
    """
    files: list[Path] = []
    hidden = 0
    for p in map(Path, paths):
        if p.is_dir():
            for root, dirs, names in os.walk(p, followlinks=False):
                hidden += sum(1 for d in dirs if d.startswith("."))
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(names):
                    if name.startswith("."):
                        hidden += 1
                    elif Path(name).suffix.lower() in RESUME_SUFFIXES:
                        files.append(Path(root) / name)
        else:
            files.append(p)  # missing files still get a row (not_found)
    return files, hidden


# --------------------------------------------------------------------------- worker side
_WORKER: dict = {}


def _matcher(roles: tuple[RoleProfile, ...]):
    """The worker's matcher for these roles, built once per process."""
    from .score import Matcher

    key = tuple((r.id, hash(r)) for r in roles)
    if _WORKER.get("key") != key:
        _WORKER["matcher"] = Matcher().fit(RoleSet(roles))
        _WORKER["key"] = key
    return _WORKER["matcher"]


@contextmanager
def _time_limit(seconds: float | None, path: Path):
    """Raise ResumeReadError(timeout) if the block runs longer (POSIX main thread only)."""
    usable = seconds and hasattr(signal, "SIGALRM")
    if usable:
        try:
            def _alarm(signum, frame):
                raise ResumeReadError(path, "timeout", f"reading took longer than {seconds:g} s")
            old = signal.signal(signal.SIGALRM, _alarm)
        except ValueError:  # not the main thread: no alarm available
            usable = False
    if not usable:
        yield
        return
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


def score_one(path: Path, roles: tuple[RoleProfile, ...], *, top: int = 3,
              pdf_reader: str = "pdfminer", timeout: float | None = 60.0) -> BatchResult:
    """Read and score one file; every failure becomes an error row, never an exception."""
    name = str(path)
    try:
        with _time_limit(timeout, path):
            resume = read_resume(path, pdf_reader=pdf_reader)
        matcher = _matcher(roles)
        feats = matcher.featurize(resume)
        fits = matcher.rank(feats)
    except ResumeReadError as e:
        return BatchResult(name, "error", e.reason, e.message)
    except RolematchError as e:
        return BatchResult(name, "error", "corrupt", str(e))
    scores = {f.role_id: f.score for f in sorted(fits, key=lambda f: matcher.role_index_[f.role_id])}
    top_fits = [{"role": f.role_id, "score": f.score,
                 "missing_required": [g.skill_id for g in f.missing_required],
                 "matched": len(f.matched)} for f in fits[:top]]
    return BatchResult(name, "ok", scores=scores, best=fits[0].role_id, fits=top_fits)


def _score_chunk(paths: Sequence[Path], roles, top, pdf_reader, timeout) -> list[BatchResult]:
    return [score_one(p, roles, top=top, pdf_reader=pdf_reader, timeout=timeout) for p in paths]


# --------------------------------------------------------------------------- driver
def score_folder(paths: Iterable[str | Path], roles: RoleSet | Iterable[RoleProfile], *,
                 workers: int | None = None, top: int = 3, pdf_reader: str = "pdfminer",
                 timeout: float | None = 60.0, chunk_size: int = 8,
                 on_progress: Callable[[int, int], None] | None = None
                 ) -> Iterator[BatchResult]:
    """Score every résumé under ``paths``; yields one :class:`BatchResult` per file, in order.

    ``workers``: processes (None = all cores, 1 = in this process). ``on_progress(done,
    total)`` is called after each chunk.
    """
    files, _ = discover(paths)
    role_tuple = tuple(roles.values() if isinstance(roles, RoleSet) else roles)
    if not role_tuple:
        raise RolematchError("no roles to score against")
    n_workers = workers or os.cpu_count() or 1
    chunks = [files[i:i + chunk_size] for i in range(0, len(files), chunk_size)]
    done = 0
    if n_workers == 1 or len(chunks) <= 1:
        results: Iterable[list[BatchResult]] = (
            _score_chunk(c, role_tuple, top, pdf_reader, timeout) for c in chunks)
    else:
        from joblib import Parallel, delayed

        results = Parallel(n_jobs=n_workers, return_as="generator")(
            delayed(_score_chunk)(c, role_tuple, top, pdf_reader, timeout) for c in chunks)
    for chunk in results:
        for row in chunk:
            yield row
        done += len(chunk)
        if on_progress:
            on_progress(done, len(files))


# --------------------------------------------------------------------------- output
class ResultWriter:
    """Streams results to a file as csv (long form), jsonl or json."""

    def __init__(self, fh: io.TextIOBase, fmt: str) -> None:
        if fmt not in ("csv", "jsonl", "json"):
            raise RolematchError(f"unknown output format {fmt!r}; use csv, jsonl or json")
        self.fh, self.fmt, self.n = fh, fmt, 0
        if fmt == "csv":
            self.csv = csv.writer(fh, lineterminator="\n")
            self.csv.writerow(CSV_FIELDS)
        elif fmt == "json":
            fh.write("[\n")

    def write(self, r: BatchResult) -> None:
        if self.fmt == "csv":
            if r.status != "ok":
                self.csv.writerow([r.file, "", "", "", r.status, r.reason, ""])
            missing = {f["role"]: f["missing_required"] for f in r.fits}
            ranked = sorted(r.scores.items(), key=lambda kv: (-kv[1], kv[0]))
            for rank, (role, score) in enumerate(ranked, 1):
                self.csv.writerow([r.file, role, f"{score:.2f}", rank, r.status, "",
                                   ";".join(missing.get(role, [])[:5])])
        else:
            line = json.dumps(r.to_dict(), ensure_ascii=False)
            if self.fmt == "json":
                line = ("  " if self.n == 0 else ",\n  ") + line
                self.fh.write(line)
            else:
                self.fh.write(line + "\n")
        self.n += 1
        self.fh.flush()

    def close(self) -> None:
        if self.fmt == "json":
            self.fh.write("\n]\n")
        self.fh.flush()


def write_results(results: Iterable[BatchResult], fh: io.TextIOBase, fmt: str) -> int:
    w = ResultWriter(fh, fmt)
    for r in results:
        w.write(r)
    w.close()
    return w.n


def run_score_command(paths: Sequence[Path], *, role_ids, roles_dirs, fmt: str,
                      output: Path | None, workers: int | None, top: int, quiet: bool,
                      console) -> int:
    """What ``rolematch score`` does; returns the exit code."""
    import sys

    from rich.progress import (BarColumn, MofNCompleteColumn, Progress, TextColumn,
                               TimeElapsedColumn, TimeRemainingColumn)

    fmt = fmt or (output.suffix.lstrip(".").lower() if output and output.suffix else "jsonl")
    rs = RoleSet.load(*(roles_dirs or []), defaults=not roles_dirs)
    if role_ids:
        rs = rs.subset(role_ids)
    files, hidden = discover(paths)
    if not files:
        raise RolematchError("no résumé files (.pdf, .docx, .txt, .md) found in "
                             + ", ".join(map(str, paths)))
    try:
        fh = output.open("w", encoding="utf-8", newline="") if output else sys.stdout
    except OSError as e:
        raise RolematchError(f"{output}: cannot write output ({e.strerror or e})") from e
    show = not quiet and console.is_terminal
    started = time.perf_counter()
    reasons: Counter[str] = Counter()
    writer = ResultWriter(fh, fmt)
    with Progress(TextColumn("scoring"), BarColumn(), MofNCompleteColumn(),
                  TextColumn("{task.fields[rate]:.1f} files/s"), TimeElapsedColumn(),
                  TimeRemainingColumn(), console=console, disable=not show) as bar:
        task = bar.add_task("score", total=len(files), rate=0.0)

        def progress(done: int, total: int) -> None:
            rate = done / max(time.perf_counter() - started, 1e-9)
            bar.update(task, completed=done, rate=rate)

        for r in score_folder(files, rs, workers=workers, top=top, on_progress=progress):
            writer.write(r)
            reasons[r.reason or "ok"] += 1
    writer.close()
    if output:
        fh.close()
    elapsed = time.perf_counter() - started
    if not quiet:
        failed = ", ".join(f"{k}: {v}" for k, v in sorted(reasons.items()) if k != "ok")
        console.print(f"scored {reasons['ok']} of {len(files)} files against {len(rs)} roles"
                      f" in {elapsed:.1f} s ({len(files) / max(elapsed, 1e-9):.1f} résumés/s)"
                      + (f"; failed: {failed}" if failed else "")
                      + (f"; skipped {hidden} hidden" if hidden else "")
                      + (f"; wrote {output}" if output else ""))
    return 0
