"""Batch scoring: every résumé in a set of files and folders against a set of roles.

Every input file gets exactly one result, in input order — its scores, or its error
with the :class:`~rolematch.errors.ResumeReadError` reason.  Nothing a file does can
stop or stall the rest:

* each file is read under a time limit (a deadline the readers check between pages,
  in any thread, and SIGALRM in a worker's main thread) and size/page limits;
* each worker is a supervised process: one that overruns its file's deadline (a
  reader stuck in C code, where no alarm reaches it) or dies is killed and replaced,
  and only that file is marked ``timeout`` (or ``corrupt`` for a crash);
* work is handed out one file at a time with a bounded window ahead of the output,
  so memory stays flat and results stream out as they are ready.

Parsed résumés, their skill mentions and their scoring features are cached by content
(:mod:`rolematch._cache`).  The parent looks each file up before handing it out: a
file whose features (or résumé and mentions) are cached is scored right there (well
under a millisecond from features: no reading, no spaCy, no decoding of the résumé),
and the worker pool is started only for the first file that is not — so scoring a
folder again against other roles starts no workers at all.
``backend="dask"`` runs the same work on a Dask cluster through joblib's Dask backend.
"""

from __future__ import annotations

import csv
import gc
import io
import json
import logging
import multiprocessing
import os
import signal
import time
from collections import Counter, deque
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from datetime import date
from multiprocessing.connection import wait
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Sequence

from ._cache import CACHED_FAILURES, ResumeCache, cache_key, features_key, mentions_key
from ._pdf import read_deadline
from .documents import Resume, _load, read_resume
from .errors import ModelError, ResumeReadError, RolematchError
from .roles import RoleProfile, RoleSet

log = logging.getLogger(__name__)

__all__ = ["BatchResult", "discover", "score_folder", "write_results", "ResultWriter",
           "read_done", "RESUME_SUFFIXES", "DEFAULT_PDF_READER", "BACKENDS"]

RESUME_SUFFIXES = (".pdf", ".docx", ".txt", ".md")
CSV_FIELDS = ("file", "role", "score", "rank", "status", "reason", "top_missing", "flags")
BACKENDS = ("loky", "dask")
#: pdfium with a pdfminer fallback: see README "Scoring at scale" for the measurements.
DEFAULT_PDF_READER = "auto"
_USE_DEFAULT_CACHE = "default"


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
    #: role id -> missing required skill ids, most important first, for every role (the
    #: CSV's ``top_missing``; not part of the JSONL object, whose ``fits`` has the top k)
    missing: dict[str, list[str]] = field(default_factory=dict)
    #: role id -> ``Fit.flags`` (``mostly_listed``, ``hidden_text``) where any, for
    #: every role (the CSV's ``flags``; the JSONL's ``fits`` carry their own)
    flags: dict[str, list[str]] = field(default_factory=dict)

    def to_dict(self) -> dict:
        d = asdict(self)
        del d["missing"], d["flags"]
        return d


@dataclass(frozen=True)
class _Options:
    """What a worker needs besides the roles (picklable)."""

    top: int = 3
    pdf_reader: str = DEFAULT_PDF_READER
    timeout: float | None = 60.0
    max_bytes: int = 10_000_000
    max_pages: int = 30
    cache: str | None = None
    reader: Callable[..., Any] | None = None


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
    """The process's matcher for these roles, built once per process."""
    if _WORKER.get("roles") is not roles:
        from .score import Matcher

        key = tuple((r.id, hash(r)) for r in roles)
        if _WORKER.get("key") != key:
            _WORKER["matcher"] = Matcher().fit(RoleSet(roles))
            _WORKER["key"] = key
        _WORKER["roles"] = roles
    return _WORKER["matcher"]


def _cache(path: str | None) -> ResumeCache | None:
    """The worker's cache connection for ``path``, opened once per process."""
    if path is None:
        return None
    if _WORKER.get("cache_path") != path:
        _WORKER["cache"] = ResumeCache(path)
        _WORKER["cache_path"] = path
    c = _WORKER["cache"]
    return None if c.broken else c


@contextmanager
def _time_limit(seconds: float | None, path: Path):
    """Raise ResumeReadError(timeout) if the block runs longer: a reading deadline the
    readers check between pages (:func:`rolematch._pdf.read_deadline`, in any thread:
    the only limit in a Dask worker's), and SIGALRM where it works (POSIX main thread),
    which also cuts a page short if the reader is in Python code."""
    with read_deadline(seconds):
        usable = seconds and hasattr(signal, "SIGALRM")
        if usable:
            try:
                def _alarm(signum, frame):
                    raise ResumeReadError(path, "timeout",
                                          f"reading took longer than {seconds:g} s")
                old = signal.signal(signal.SIGALRM, _alarm)
            except ValueError:  # not the main thread (e.g. a Dask worker): no alarm
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


def _key(data: bytes, name: str, opts: _Options) -> str:
    """The file's cache key: its bytes and everything reading them depends on."""
    reader = opts.reader and f"{opts.reader.__module__}.{opts.reader.__qualname__}"
    # the name's suffix counts too: text bytes named .docx are a corrupt DOCX
    return cache_key(data, pdf_reader=opts.pdf_reader, max_pages=opts.max_pages,
                     reader=reader, suffix=Path(name).suffix.lower())


def _read(path: Path, name: str, data: bytes, key: str, opts: _Options,
          cached_only: bool = False) -> Resume | None:
    """The file's Resume, from the cache when its bytes were read before (``key``; ""
    without a cache); ``cached_only``: None instead of reading."""
    cache = _cache(opts.cache) if key else None
    if cache is not None:
        hit = cache.get(key, name)
        if isinstance(hit, tuple):
            raise ResumeReadError(name, *hit)
        if hit is not None:
            return hit
    if cached_only:
        return None
    read = opts.reader or read_resume
    try:
        with _time_limit(opts.timeout, path):
            resume = read(data, filename=name, pdf_reader=opts.pdf_reader,
                          max_bytes=opts.max_bytes, max_pages=opts.max_pages)
    except ResumeReadError as e:
        if cache is not None and e.reason in CACHED_FAILURES:
            cache.put(key, (e.reason, e.message))
        raise
    if cache is not None:
        cache.put(key, resume)
    return resume


def _featurize(matcher, resume: Resume, key: str, opts: _Options, cached_only: bool = False):
    """The résumé's packed features (:meth:`Matcher.pack`), its skill mentions taken
    from the cache when there (keyed by :func:`~rolematch._cache.mentions_key`), and
    stored in the cache; ``cached_only``: None when its mentions are not cached."""
    cache = _cache(opts.cache) if key else None
    if cache is None:
        return matcher.pack(matcher.featurize(resume))
    mkey = mentions_key(key)
    found = cache.get_mentions(mkey)
    if found is None:
        if cached_only:
            return None
        found = matcher.extractor_(resume)
        cache.put_mentions(mkey, found, resume)
    today = date.today()  # before featurizing: a day turning meanwhile only ages the entry
    packed = matcher.pack(matcher.featurize(resume, mentions=found))
    cache.put_features(features_key(key), packed,
                       dated=any(e.current for e in resume.experience), today=today)
    return packed


def _prepare(path: Path, roles: tuple[RoleProfile, ...], opts: _Options,
             cached_only: bool = False):
    """One file's features, or its error row; every failure becomes a row, never an
    exception.  ``cached_only``: None unless its features, or its résumé (or lasting
    failure) and skill mentions, are in the cache — nothing is read or extracted then,
    so this is safe and cheap in the parent process."""
    return _prepare_many([path], roles, opts, cached_only)[0]


def _prepare_many(paths: Sequence[Path], roles: tuple[RoleProfile, ...], opts: _Options,
                  cached_only: bool = False) -> list:
    """:func:`_prepare` for several files, their cached features looked up in one query."""
    out: list = [None] * len(paths)
    todo: list[tuple[int, Path, str, bytes, str]] = []  # (index, path, name, bytes, key)
    cache = _cache(opts.cache)
    for i, path in enumerate(paths):
        name, path = str(path), path if isinstance(path, Path) else Path(path)
        if cached_only and (cache is None or not path.is_file()):
            continue  # (nor a FIFO or a missing file: the worker reports those)
        try:
            data, _ = _load(path, name, opts.max_bytes)
        except ResumeReadError as e:
            out[i] = BatchResult(name, "error", e.reason, e.message)
            continue
        todo.append((i, path, name, data, _key(data, name, opts) if cache is not None else ""))
    if cache is not None and todo:
        found = cache.get_features_many([features_key(k) for *_, k in todo],
                                        [t[2] for t in todo])
        for (i, *_), hit in zip(todo, found):
            out[i] = hit
        todo = [t for t, hit in zip(todo, found) if hit is None]
    for i, path, name, data, key in todo:
        out[i] = _features(path, name, data, key, roles, opts, cached_only)
    return out


def _features(path: Path, name: str, data: bytes, key: str, roles: tuple[RoleProfile, ...],
              opts: _Options, cached_only: bool):
    """A file's features from its bytes (the résumé and mentions cached or not), or
    its error row."""
    try:
        resume = _read(path, name, data, key, opts, cached_only)
        if resume is None:
            return None
        return _featurize(_matcher(roles), resume, key, opts, cached_only)
    except ResumeReadError as e:
        return BatchResult(name, "error", e.reason, e.message)
    except ModelError:
        raise  # the shipped models, not this file: the batch cannot go on
    except RolematchError as e:
        return BatchResult(name, "error", "corrupt", str(e))
    except Exception as e:  # noqa: BLE001 - a reader bug must cost one row, not the batch
        log.warning("%s: unexpected %s while reading", name, type(e).__name__, exc_info=True)
        return BatchResult(name, "error", "corrupt", f"the reader failed: {type(e).__name__}: {e}")


def _rows(prepared: Sequence[tuple[str, Any]], roles: tuple[RoleProfile, ...],
          opts: _Options) -> list[BatchResult]:
    """Rows for (file name, features or error row) pairs: every role scored for all
    of them by one set of sparse products (:meth:`Matcher.fit_summary`)."""
    feats = [x for _, x in prepared if not isinstance(x, BatchResult)]
    if not feats:
        return [x for _, x in prepared]
    summary = _matcher(roles).fit_summary(feats, opts.top)
    ids = summary.role_ids
    k = 0
    out = []
    for name, x in prepared:
        if isinstance(x, BatchResult):
            out.append(x)
            continue
        scores, missing = summary.scores[k].tolist(), summary.missing[k]
        matched = summary.matched[k].tolist()
        flags = {ids[j]: list(summary.flags(k, j)) for j in range(len(ids))}
        fits = [{"role": ids[j], "score": scores[j], "missing_required": list(missing[j]),
                 "matched": matched[j], "flags": flags[ids[j]]} for j in summary.top[k].tolist()]
        out.append(BatchResult(name, "ok", scores=dict(zip(ids, scores)),
                               best=ids[summary.best[k]], fits=fits,
                               missing={r: list(m) for r, m in zip(ids, missing)},
                               flags={r: f for r, f in flags.items() if f}))
        k += 1
    return out


def score_one(path: Path, roles: tuple[RoleProfile, ...], opts: _Options = _Options(), *,
              cached_only: bool = False) -> BatchResult | None:
    """Read and score one file; every failure becomes an error row, never an exception.

    ``cached_only``: score the file only from the cache, else return None (see
    :func:`_prepare`).
    """
    got = _prepare(path, roles, opts, cached_only)
    return None if got is None else _rows([(str(path), got)], roles, opts)[0]


#: Cache hits are scored together, this many at a time (one set of score arrays).
_CHUNK = 32


def _run_here(files: Sequence[Path], roles, opts: _Options) -> Iterator[BatchResult]:
    """Every file in this process (the time limit without a hard kill), cache hits in
    chunks."""
    for at in range(0, len(files), _CHUNK):
        part = files[at:at + _CHUNK]
        hits: list[tuple[str, Any]] = []
        for f, got in zip(part, _prepare_many(part, roles, opts, cached_only=True)):
            if got is None:
                yield from _rows(hits, roles, opts)
                hits = []
                yield _rows([(str(f), _prepare(f, roles, opts))], roles, opts)[0]
            else:
                hits.append((str(f), got))
        yield from _rows(hits, roles, opts)


def _score_chunk(paths: Sequence[Path], roles, opts: _Options) -> list[BatchResult]:
    return list(_run_here(paths, roles, opts))


_WARMUP = b"Summary\nAnalyst.\nExperience\nAnalyst, Acme\n2019 - 2021\nSQL and Python.\n"


def _worker_main(conn, roles, opts: _Options) -> None:
    """A supervised worker: build the matcher, then score files as they arrive."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    try:  # warm up on a tiny résumé: first-call costs must not count against a file
        m = _matcher(roles)
        m.rank(m.featurize(read_resume(_WARMUP, filename="warm-up.txt")))
    except BaseException as e:  # noqa: BLE001 - reported to the parent, which stops
        conn.send(("failed", f"{type(e).__name__}: {e}"))
        return
    # The matcher, taxonomy and spaCy tables live as long as the worker: out of the
    # cyclic GC's sight, full collections stop walking their ~200k objects over and
    # over while pdfminer churns out garbage (measured: GC time 13 % -> 5 % of CPU).
    gc.collect()
    gc.freeze()
    conn.send(("ready", None))
    while True:
        try:
            msg = conn.recv()
        except (EOFError, OSError):
            return
        if msg is None:
            return
        i, path = msg
        conn.send((i, score_one(path, roles, opts)))


# --------------------------------------------------------------------------- local pool
class _Worker:
    def __init__(self, ctx, roles, opts: _Options) -> None:
        self.conn, child = ctx.Pipe()
        self.proc = ctx.Process(target=_worker_main, args=(child, roles, opts), daemon=True,
                                name="rolematch-worker")
        self.proc.start()
        child.close()
        self.ready = False
        self.task: tuple[int, Path] | None = None
        self.deadline = float("inf")

    def send(self, i: int, path: Path, limit: float | None) -> None:
        self.task = (i, path)
        self.deadline = time.monotonic() + limit if limit else float("inf")
        try:
            self.conn.send((i, path))
        except OSError:  # it died: the next wait() sees EOF and reports this file
            pass

    def kill(self) -> None:
        if self.proc.is_alive():
            self.proc.kill()
        self.proc.join(5)
        self.conn.close()


def _hard_limit(timeout: float | None) -> float | None:
    """How long a worker may hold a file before it is killed: the soft limit plus grace."""
    return timeout + max(3.0, 0.5 * timeout) if timeout else None


def _run_local(files: Sequence[Path], roles, opts: _Options, n_workers: int,
               window: int) -> Iterator[BatchResult]:
    """Supervised process pool; yields results in input order.

    The parent walks the files up to ``window`` ahead of the output: with a cache,
    a file whose results are all cached is scored here (:func:`_prepare_many` with
    ``cached_only``), any other is queued for the workers, which are started when the
    first such file turns up.  Between two look-ups the parent only polls the workers.
    """
    ctx = multiprocessing.get_context("spawn")
    limit = _hard_limit(opts.timeout)
    pool: list[_Worker] = []
    todo: deque[int] = deque()  # files for the workers, in order
    buffer: dict[int, BatchResult] = {}
    hits: list[tuple[str, Any]] = []  # found in the cache, to be scored together
    hit_at: list[int] = []
    scan = out = 0  # next file to look at, next result to yield

    def scanning() -> bool:
        return scan < len(files) and scan < out + window

    try:
        while out < len(files):
            if scanning():  # look a chunk of files up at once
                part = files[scan:min(scan + _CHUNK, out + window)]
                for got in _prepare_many(part, roles, opts, cached_only=True):
                    if got is None:
                        todo.append(scan)
                    else:
                        hits.append((str(files[scan]), got))
                        hit_at.append(scan)
                    scan += 1
            if hits and (len(hits) >= _CHUNK or not scanning()):
                buffer.update(zip(hit_at, _rows(hits, roles, opts)))
                hits, hit_at = [], []
            if todo and not pool:
                pool = [_Worker(ctx, roles, opts)
                        for _ in range(min(n_workers, len(todo) + len(files) - scan))]
            for w in pool:
                if w.ready and w.task is None and todo:
                    i = todo.popleft()
                    w.send(i, files[i], limit)
            while out in buffer:
                yield buffer.pop(out)
                out += 1
            busy = [w for w in pool if w.task is not None or not w.ready]
            if not busy:
                if out < len(files) and not scanning():  # pragma: no cover
                    raise RuntimeError("batch pool idle with results missing")
                continue
            wake = min((w.deadline for w in busy), default=float("inf"))
            if scanning():
                timeout: float | None = 0.0  # only poll: there are files to look up
            else:
                timeout = None if wake == float("inf") else max(0.0, wake - time.monotonic())
            ready = wait([w.conn for w in busy], timeout=timeout)
            for k, w in enumerate(pool):
                row: tuple[int, BatchResult] | None = None
                if w.conn in ready:
                    try:
                        tag, value = w.conn.recv()
                    except (EOFError, OSError):
                        row = _crashed(w)
                    else:
                        if tag == "failed":
                            raise RolematchError(f"a batch worker could not start: {value}")
                        if tag == "ready":
                            w.ready = True
                        else:
                            buffer[tag], w.task, w.deadline = value, None, float("inf")
                        continue
                elif w.task is not None and time.monotonic() >= w.deadline:
                    i, path = w.task
                    log.warning("%s: worker overran %.0f s; replacing it", path, limit)
                    row = (i, BatchResult(str(path), "error", "timeout",
                                          f"reading took longer than {opts.timeout:g} s; "
                                          "the worker was stopped"))
                else:
                    continue
                w.kill()
                buffer[row[0]] = row[1]
                pool[k] = _Worker(ctx, roles, opts)
            while out in buffer:
                yield buffer.pop(out)
                out += 1
    finally:
        for w in pool:
            if w.proc.is_alive() and w.task is None and w.ready:
                try:
                    w.conn.send(None)
                except OSError:
                    pass
            w.proc.join(0.5 if w.task is None else 0)
            w.kill()


def _crashed(w: _Worker) -> tuple[int, BatchResult]:
    """A worker died: its file becomes an error row (dying while idle is a bug)."""
    w.proc.join(5)
    if w.task is None:
        raise RolematchError(f"a batch worker died unexpectedly (exit code {w.proc.exitcode})")
    i, path = w.task
    log.warning("%s: worker died (exit code %s); replacing it", path, w.proc.exitcode)
    return i, BatchResult(str(path), "error", "corrupt",
                          f"the reader crashed on this file (worker exit code {w.proc.exitcode})")


# --------------------------------------------------------------------------- dask
@contextmanager
def _dask_client(scheduler: Any):
    try:
        from distributed import Client
    except ImportError as e:
        raise RolematchError("--backend dask needs dask.distributed: "
                             "pip install 'rolematch[dask]'") from e
    if isinstance(scheduler, Client):
        yield scheduler
        return
    try:
        client = Client(scheduler) if scheduler else Client(processes=True)
    except (OSError, TimeoutError, ValueError) as e:
        raise RolematchError(f"cannot reach the Dask scheduler {scheduler!r}: {e}") from e
    try:
        yield client
    finally:
        client.close()


def _run_dask(files: Sequence[Path], roles, opts: _Options, scheduler: Any,
              chunk_size: int) -> Iterator[BatchResult]:
    """Chunks of files as joblib tasks on a Dask cluster, submitted lazily, in order."""
    from joblib import Parallel, delayed, parallel_config

    chunks = (files[i:i + chunk_size] for i in range(0, len(files), chunk_size))
    with _dask_client(scheduler) as client, parallel_config(backend="dask"):
        n = max(1, sum(client.nthreads().values()))
        run = Parallel(n_jobs=n, return_as="generator", pre_dispatch=f"{2 * n}")
        for chunk in run(delayed(_score_chunk)(c, roles, opts) for c in chunks):
            yield from chunk


# --------------------------------------------------------------------------- driver
def score_folder(paths: Iterable[str | Path], roles: RoleSet | Iterable[RoleProfile], *,
                 workers: int | None = None, top: int = 3,
                 pdf_reader: str = DEFAULT_PDF_READER, timeout: float | None = 60.0,
                 max_bytes: int = 10_000_000, max_pages: int = 30,
                 cache: str | Path | None = _USE_DEFAULT_CACHE, skip: Iterable[str] = (),
                 backend: str = "loky", scheduler: Any = None, chunk_size: int = 8,
                 reader: Callable[..., Any] | None = None,
                 on_progress: Callable[[int, int], None] | None = None
                 ) -> Iterator[BatchResult]:
    """Score every résumé under ``paths``; yields one :class:`BatchResult` per file, in order.

    ``workers``: processes (None = all cores; 0 = in this process, without the hard
    time limit).  ``timeout``/``max_bytes``/``max_pages``: per-file limits.
    ``cache``: SQLite file of parsed résumés (default: the user cache dir; None: off).
    ``skip``: file names (as they would appear in ``BatchResult.file``) already done.
    ``backend="dask"``: run on the Dask cluster at ``scheduler`` (an address or a
    ``distributed.Client``; ``chunk_size`` files per task).  ``reader``: replaces
    :func:`~rolematch.read_resume` (same signature), for custom readers and tests.
    ``on_progress(done, total)`` is called after each result.
    """
    if backend not in BACKENDS:
        raise RolematchError(f"unknown backend {backend!r}; use loky or dask")
    found, _ = discover(paths)
    done = set(map(str, skip))
    files = [f for f in found if str(f) not in done] if done else found
    role_tuple = tuple(roles.values() if isinstance(roles, RoleSet) else roles)
    if not role_tuple:
        raise RolematchError("no roles to score against")
    if cache == _USE_DEFAULT_CACHE:
        from ._cache import default_cache_path

        cache = default_cache_path()
    opts = _Options(top=top, pdf_reader=pdf_reader, timeout=timeout, max_bytes=max_bytes,
                    max_pages=max_pages, cache=str(cache) if cache is not None else None,
                    reader=reader)
    n_workers = (os.cpu_count() or 1) if workers is None else workers
    if not files:
        return
    if backend == "dask":
        results: Iterable[BatchResult] = _run_dask(files, role_tuple, opts, scheduler,
                                                   chunk_size)
    elif n_workers <= 0:
        results = _run_here(files, role_tuple, opts)
    else:
        results = _run_local(files, role_tuple, opts, n_workers, window=max(64, 16 * n_workers))
    for k, row in enumerate(results, 1):
        yield row
        if on_progress:
            on_progress(k, len(files))


# --------------------------------------------------------------------------- output
class ResultWriter:
    """Streams results to a file as csv (long form), jsonl or json; flushes each row."""

    def __init__(self, fh: io.TextIOBase, fmt: str, *, header: bool = True) -> None:
        if fmt not in ("csv", "jsonl", "json"):
            raise RolematchError(f"unknown output format {fmt!r}; use csv, jsonl or json")
        self.fh, self.fmt, self.n = fh, fmt, 0
        if fmt == "csv":
            self.csv = csv.writer(fh, lineterminator="\n")
            if header:
                self.csv.writerow(CSV_FIELDS)
        elif fmt == "json":
            fh.write("[\n")

    def write(self, r: BatchResult) -> None:
        if self.fmt == "csv":
            if r.status != "ok":
                self.csv.writerow([r.file, "", "", "", r.status, r.reason, "", ""])
            missing = r.missing or {f["role"]: f["missing_required"] for f in r.fits}
            flags = r.flags or {f["role"]: f.get("flags", []) for f in r.fits}
            ranked = sorted(r.scores.items(), key=lambda kv: (-kv[1], kv[0]))
            for rank, (role, score) in enumerate(ranked, 1):
                self.csv.writerow([r.file, role, f"{score:.2f}", rank, r.status, "",
                                   ";".join(missing.get(role, [])[:5]),
                                   ";".join(flags.get(role, []))])
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


def read_done(output: str | Path, fmt: str) -> set[str]:
    """Files an interrupted run already wrote to ``output``, for ``--resume``.

    Cuts the file back to its last whole result first: a half-written JSONL line, or
    the CSV rows of the last file (which may be incomplete: it is scored again).
    Raises for json (a JSON array cannot be appended to) and for a file that is not
    rolematch output in that format.
    """
    path = Path(output)
    if fmt == "json":
        raise RolematchError("--resume needs --format jsonl or csv: a JSON array cannot be "
                             "continued")
    if not path.exists() or path.stat().st_size == 0:
        return set()
    done: set[str] = set()
    keep = 0  # byte offset up to which the file holds whole results
    with path.open("rb") as fh:
        if fmt == "csv":
            first = fh.readline()
            if next(csv.reader([first.decode("utf-8", "replace")]), []) != list(CSV_FIELDS):
                raise RolematchError(f"{path}: not a rolematch CSV (header is not "
                                     f"{','.join(CSV_FIELDS)}); cannot resume")
            keep, last, pos = fh.tell(), None, fh.tell()
            record, start = b"", pos
            for raw in fh:
                if not record:
                    start = pos
                record += raw
                pos += len(raw)
                if record.count(b'"') % 2:
                    continue  # a quoted field (a file name with a newline) goes on
                row = next(csv.reader([record.decode("utf-8", "replace")]), [""])
                record = b""
                if row and row[0] != last:
                    if last is not None:
                        done.add(last)
                    last, keep = row[0], start
        else:
            for raw in fh:
                try:
                    if not raw.endswith(b"\n"):
                        raise ValueError("partial line")
                    done.add(json.loads(raw)["file"])
                except (ValueError, KeyError, TypeError):
                    log.warning("%s: dropping a partial last line before resuming", path)
                    break
                keep += len(raw)
    if keep < path.stat().st_size:
        with path.open("r+b") as fh:
            fh.truncate(keep)
    return done


def run_score_command(paths: Sequence[Path], *, role_ids, roles_dirs, fmt: str,
                      output: Path | None, workers: int | None, top: int, quiet: bool,
                      console, cache: Path | None | str = _USE_DEFAULT_CACHE,
                      resume: bool = False, pdf_reader: str = DEFAULT_PDF_READER,
                      timeout: float | None = 60.0, max_pages: int = 30, max_mb: float = 10,
                      backend: str = "loky", scheduler: str | None = None) -> int:
    """What ``rolematch score`` does; returns the exit code (library errors raise)."""
    import sys

    from rich.progress import (BarColumn, MofNCompleteColumn, Progress, TextColumn,
                               TimeElapsedColumn, TimeRemainingColumn)

    fmt = fmt or (output.suffix.lstrip(".").lower() if output and output.suffix else "jsonl")
    if fmt not in ("csv", "jsonl", "json"):
        raise RolematchError(f"unknown output format {fmt!r}; use csv, jsonl or json")
    if resume and output is None:
        raise RolematchError("--resume needs -o FILE: the output of the interrupted run")
    if backend not in BACKENDS:
        raise RolematchError(f"unknown backend {backend!r}; use loky or dask")
    rs = RoleSet.load(*(roles_dirs or []), defaults=not roles_dirs)
    if role_ids:
        rs = rs.subset(role_ids)
    files, hidden = discover(paths)
    if not files:
        raise RolematchError("no résumé files (.pdf, .docx, .txt, .md) found in "
                             + ", ".join(map(str, paths)))
    done = read_done(output, fmt) if resume and output is not None else set()
    skipped = sum(1 for f in files if str(f) in done)
    appending = resume and output is not None and output.exists() and output.stat().st_size > 0
    try:
        fh = output.open("a" if appending else "w", encoding="utf-8", newline="") \
            if output else sys.stdout
    except OSError as e:
        raise RolematchError(f"{output}: cannot write output ({e.strerror or e})") from e
    show = not quiet and console.is_terminal
    started = time.perf_counter()
    reasons: Counter[str] = Counter()
    writer = ResultWriter(fh, fmt, header=not appending)
    results = score_folder(files, rs, workers=workers, top=top, pdf_reader=pdf_reader,
                           timeout=timeout, max_bytes=int(max_mb * 1_000_000),
                           max_pages=max_pages, cache=cache, skip=done, backend=backend,
                           scheduler=scheduler)
    try:
        with Progress(TextColumn("scoring"), BarColumn(), MofNCompleteColumn(),
                      TextColumn("{task.fields[rate]:.1f} files/s"), TimeElapsedColumn(),
                      TimeRemainingColumn(), console=console, disable=not show) as bar:
            task = bar.add_task("score", total=len(files), completed=skipped, rate=0.0)
            for n, r in enumerate(results, 1):
                writer.write(r)
                reasons[r.reason or "ok"] += 1
                bar.update(task, completed=skipped + n,
                           rate=n / max(time.perf_counter() - started, 1e-9))
    finally:
        results.close()
        writer.close()
        if output:
            fh.close()
    elapsed = time.perf_counter() - started
    if not quiet:
        n = sum(reasons.values())
        failed = ", ".join(f"{k}: {v}" for k, v in sorted(reasons.items()) if k != "ok")
        console.print(f"scored {reasons['ok']} of {n} files against {len(rs)} roles"
                      f" in {elapsed:.1f} s ({n / max(elapsed, 1e-9):.1f} résumés/s)"
                      + (f"; failed: {failed}" if failed else "")
                      + (f"; {skipped} already in {output}" if skipped else "")
                      + (f"; skipped {hidden} hidden" if hidden else "")
                      + (f"; wrote {output}" if output else ""))
    return 0
