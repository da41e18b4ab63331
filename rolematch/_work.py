"""The batch's work: reading and scoring files in supervised worker processes, in this
process, or on a Dask cluster (see :mod:`rolematch.batch` for the guarantees), as
:class:`~rolematch._options.BatchOptions` says.
"""

from __future__ import annotations

import gc
import logging
import multiprocessing
import os
import signal
import time
from collections import deque
from contextlib import contextmanager
from datetime import date
from functools import lru_cache
from multiprocessing.connection import wait
from pathlib import Path
from typing import Any, Iterator, Sequence

from ._cache import CACHED_FAILURES, ResumeCache, cache_key, features_key, mentions_key
from ._meaning import fingerprint as meaning_fingerprint
from ._options import BatchOptions
from ._pdf import read_deadline
from ._rows import BatchResult
from ._files import load as _load
from .documents import Resume, read_resume
from .errors import ModelError, ResumeReadError, RolematchError
from .roles import RoleProfile, RoleSet

log = logging.getLogger(__name__)

# --------------------------------------------------------------------------- worker side
_WORKER: dict = {}


def _matcher(roles: tuple[RoleProfile, ...], meaning: bool = True):
    """The process's matcher for these roles (with the meaning layer on or off),
    built once per process."""
    if _WORKER.get("roles") is not roles or _WORKER.get("meaning") is not meaning:
        from .score import Matcher

        key = (tuple((r.id, hash(r)) for r in roles), meaning)
        if _WORKER.get("key") != key:
            _WORKER["matcher"] = Matcher(meaning=meaning).fit(RoleSet(roles))
            _WORKER["key"] = key
        _WORKER["roles"], _WORKER["meaning"] = roles, meaning
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
                    raise ResumeReadError(
                        path, "timeout", f"reading took longer than {seconds:g} s"
                    )

                old = signal.signal(signal.SIGALRM, _alarm)
            except ValueError:  # not the main thread (e.g. a Dask worker): no alarm
                usable = False
        if not usable:
            yield
            return
        signal.setitimer(signal.ITIMER_REAL, seconds or 0.0)
        try:
            yield
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, old)


def _key(data: bytes, name: str, opts: BatchOptions) -> str:
    """The file's cache key: its bytes and everything reading them depends on."""
    reader = opts.reader and f"{opts.reader.__module__}.{opts.reader.__qualname__}"
    # the name's suffix counts too: text bytes named .docx are a corrupt DOCX
    return cache_key(
        data,
        pdf_reader=opts.pdf_reader,
        max_pages=opts.max_pages,
        reader=reader,
        suffix=Path(name).suffix.lower(),
    )


def _read(
    path: Path, name: str, data: bytes, key: str, opts: BatchOptions, cached_only: bool = False
) -> Resume | None:
    """The file's Resume, from the cache when its bytes were read before (``key``; ""
    without a cache); ``cached_only``: None instead of reading."""
    cache = _cache(opts.cache_path) if key else None
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
            resume = read(
                data,
                filename=name,
                pdf_reader=opts.pdf_reader,
                max_bytes=opts.max_bytes,
                max_pages=opts.max_pages,
            )
    except ResumeReadError as e:
        if cache is not None and e.reason in CACHED_FAILURES:
            cache.put(key, (e.reason, e.message))
        raise
    if cache is not None:
        cache.put(key, resume)
    return resume


@lru_cache(maxsize=8)
def _meaning_salt(meaning: bool, roles: tuple[RoleProfile, ...]) -> str:
    """The meaning layer's part of a features key for these roles (their skill ids:
    what inferred skills depend on); computed once per role set, not once a file."""
    return meaning_fingerprint(meaning, (s.skill_id for r in roles for s in r.skills))


def _featurize(
    matcher,
    resume: Resume,
    key: str,
    opts: BatchOptions,
    roles: tuple[RoleProfile, ...],
    cached_only: bool = False,
):
    """The résumé's packed features (:meth:`Matcher.pack`), its skill mentions taken
    from the cache when there (keyed by :func:`~rolematch._cache.mentions_key`), and
    stored in the cache; ``cached_only``: None when its mentions are not cached."""
    cache = _cache(opts.cache_path) if key else None
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
    fkey = features_key(key, _meaning_salt(opts.meaning, roles))
    cache.put_features(fkey, packed, dated=any(e.current for e in resume.experience), today=today)
    return packed


def _prepare(
    path: Path, roles: tuple[RoleProfile, ...], opts: BatchOptions, cached_only: bool = False
):
    """One file's features, or its error row; every failure becomes a row, never an
    exception.  ``cached_only``: None unless its features, or its résumé (or lasting
    failure) and skill mentions, are in the cache — nothing is read or extracted then,
    so this is safe and cheap in the parent process."""
    return _prepare_many([path], roles, opts, cached_only)[0]


def _prepare_many(
    paths: Sequence[Path],
    roles: tuple[RoleProfile, ...],
    opts: BatchOptions,
    cached_only: bool = False,
) -> list:
    """:func:`_prepare` for several files, their cached features looked up in one query."""
    out: list = [None] * len(paths)
    todo: list[tuple[int, Path, str, bytes, str]] = []  # (index, path, name, bytes, key)
    cache = _cache(opts.cache_path)
    for i, path in enumerate(paths):
        name, path = str(path), path if isinstance(path, Path) else Path(path)
        if cached_only and (cache is None or not path.is_file()):
            continue  # (nor a FIFO or a missing file: the worker reports those)
        try:
            data, _ = _load(path, name, opts.max_bytes)
        except ResumeReadError as e:
            out[i] = BatchResult(name, "error", e.reason, e.message)
            continue
        except ValueError as e:  # a NUL in the path: no file can have that name
            out[i] = BatchResult(name, "error", "not_found", f"not a usable path ({e})")
            continue
        todo.append((i, path, name, data, _key(data, name, opts) if cache is not None else ""))
    if cache is not None and todo:
        salt = _meaning_salt(opts.meaning, roles)
        found = cache.get_features_many(
            [features_key(k, salt) for *_, k in todo], [t[2] for t in todo]
        )
        for (i, *_), hit in zip(todo, found):
            out[i] = hit
        todo = [t for t, hit in zip(todo, found) if hit is None]
    for i, path, name, data, key in todo:
        out[i] = _features(path, name, data, key, roles, opts, cached_only)
    return out


def _features(
    path: Path,
    name: str,
    data: bytes,
    key: str,
    roles: tuple[RoleProfile, ...],
    opts: BatchOptions,
    cached_only: bool,
):
    """A file's features from its bytes (the résumé and mentions cached or not), or
    its error row."""
    try:
        resume = _read(path, name, data, key, opts, cached_only)
        if resume is None:
            return None
        return _featurize(_matcher(roles, opts.meaning), resume, key, opts, roles, cached_only)
    except ResumeReadError as e:
        return BatchResult(name, "error", e.reason, e.message)
    except ModelError:
        raise  # the shipped models, not this file: the batch cannot go on
    except RolematchError as e:
        return BatchResult(name, "error", "corrupt", str(e))
    except Exception as e:  # noqa: BLE001 - a reader bug must cost one row, not the batch
        log.warning("%s: unexpected %s while reading", name, type(e).__name__, exc_info=True)
        return BatchResult(name, "error", "corrupt", f"the reader failed: {type(e).__name__}: {e}")


def _rows(
    prepared: Sequence[tuple[str, Any]], roles: tuple[RoleProfile, ...], opts: BatchOptions
) -> list[BatchResult]:
    """Rows for (file name, features or error row) pairs: every role scored for all
    of them by one set of sparse products (:meth:`Matcher.fit_summary`)."""
    feats = [x for _, x in prepared if not isinstance(x, BatchResult)]
    if not feats:
        return [x for _, x in prepared]
    summary = _matcher(roles, opts.meaning).fit_summary(feats, opts.top)
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
        fits = [
            {
                "role": ids[j],
                "score": scores[j],
                "missing_required": list(missing[j]),
                "matched": matched[j],
                "flags": flags[ids[j]],
            }
            for j in summary.top[k].tolist()
        ]
        out.append(
            BatchResult(
                name,
                "ok",
                scores=dict(zip(ids, scores)),
                best=ids[summary.best[k]],
                fits=fits,
                missing={r: list(m) for r, m in zip(ids, missing)},
                flags={r: f for r, f in flags.items() if f},
            )
        )
        k += 1
    return out


def score_one(
    path: Path, roles: tuple[RoleProfile, ...], opts: BatchOptions, *, cached_only: bool = False
) -> BatchResult | None:
    """Read and score one file; every failure becomes an error row, never an exception.

    ``cached_only``: score the file only from the cache, else return None (see
    :func:`_prepare`).
    """
    got = _prepare(path, roles, opts, cached_only)
    return None if got is None else _rows([(str(path), got)], roles, opts)[0]


#: Cache hits are scored together, this many at a time (one set of score arrays).
_CHUNK = 32


def _run_here(files: Sequence[Path], roles, opts: BatchOptions) -> Iterator[BatchResult]:
    """Every file in this process (the time limit without a hard kill), cache hits in
    chunks."""
    for at in range(0, len(files), _CHUNK):
        part = files[at : at + _CHUNK]
        hits: list[tuple[str, Any]] = []
        for f, got in zip(part, _prepare_many(part, roles, opts, cached_only=True)):
            if got is None:
                yield from _rows(hits, roles, opts)
                hits = []
                yield _rows([(str(f), _prepare(f, roles, opts))], roles, opts)[0]
            else:
                hits.append((str(f), got))
        yield from _rows(hits, roles, opts)


def _score_chunk(paths: Sequence[Path], roles, opts: BatchOptions) -> list[BatchResult]:
    return list(_run_here(paths, roles, opts))


_WARMUP = b"Summary\nAnalyst.\nExperience\nAnalyst, Acme\n2019 - 2021\nSQL and Python.\n"


def _worker_main(conn, roles, opts: BatchOptions) -> None:
    """A supervised worker: build the matcher, then score files as they arrive."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    try:  # warm up on a tiny résumé: first-call costs must not count against a file
        m = _matcher(roles, opts.meaning)
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
    def __init__(self, ctx, roles, opts: BatchOptions) -> None:
        self.conn, child = ctx.Pipe()
        self.proc = ctx.Process(
            target=_worker_main, args=(child, roles, opts), daemon=True, name="rolematch-worker"
        )
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


class _Pool:
    """A supervised process pool over ``files``; :meth:`results` yields in input order.

    The parent walks the files up to ``window`` ahead of the output: with a cache,
    a file whose results are all cached is scored here (:func:`_prepare_many` with
    ``cached_only``), any other is queued for the workers, which are started when the
    first such file turns up.  Between two look-ups the parent only polls the workers.
    """

    def __init__(
        self, files: Sequence[Path], roles, opts: BatchOptions, n_workers: int, window: int
    ) -> None:
        self.files, self.roles, self.opts = files, roles, opts
        self.n_workers, self.window = n_workers, window
        self.ctx = multiprocessing.get_context("spawn")
        self.limit = _hard_limit(opts.timeout)
        self.pool: list[_Worker] = []
        self.todo: deque[int] = deque()  # files for the workers, in order
        self.buffer: dict[int, BatchResult] = {}
        self.hits: list[tuple[str, Any]] = []  # found in the cache, to be scored together
        self.hit_at: list[int] = []
        self.scan = self.out = 0  # next file to look at, next result to yield

    def scanning(self) -> bool:
        return self.scan < len(self.files) and self.scan < self.out + self.window

    def results(self) -> Iterator[BatchResult]:
        try:
            while self.out < len(self.files):
                if self.scanning():
                    self._look_up()
                self._dispatch()
                yield from self._ready_rows()
                busy = [w for w in self.pool if w.task is not None or not w.ready]
                if not busy:
                    if self.out < len(self.files) and not self.scanning():  # pragma: no cover
                        raise RuntimeError("batch pool idle with results missing")
                    continue
                self._collect(busy)
                yield from self._ready_rows()
        finally:
            self._close()

    def _look_up(self) -> None:
        """Look the next chunk of files up in the cache at once."""
        part = self.files[self.scan : min(self.scan + _CHUNK, self.out + self.window)]
        for got in _prepare_many(part, self.roles, self.opts, cached_only=True):
            if got is None:
                self.todo.append(self.scan)
            else:
                self.hits.append((str(self.files[self.scan]), got))
                self.hit_at.append(self.scan)
            self.scan += 1

    def _dispatch(self) -> None:
        """Score the cache hits gathered so far; start the workers; hand out files."""
        if self.hits and (len(self.hits) >= _CHUNK or not self.scanning()):
            self.buffer.update(zip(self.hit_at, _rows(self.hits, self.roles, self.opts)))
            self.hits, self.hit_at = [], []
        if self.todo and not self.pool:
            left = len(self.todo) + len(self.files) - self.scan
            self.pool = [
                _Worker(self.ctx, self.roles, self.opts) for _ in range(min(self.n_workers, left))
            ]
        for w in self.pool:
            if w.ready and w.task is None and self.todo:
                i = self.todo.popleft()
                w.send(i, self.files[i], self.limit)

    def _ready_rows(self) -> Iterator[BatchResult]:
        while self.out in self.buffer:
            yield self.buffer.pop(self.out)
            self.out += 1

    def _collect(self, busy: list[_Worker]) -> None:
        """Wait for a worker's message (only poll while there are files to look up);
        replace a worker that died or overran its file's deadline."""
        if self.scanning():
            timeout: float | None = 0.0
        else:
            wake = min(w.deadline for w in busy)
            timeout = None if wake == float("inf") else max(0.0, wake - time.monotonic())
        ready = wait([w.conn for w in busy], timeout=timeout)
        for k, w in enumerate(self.pool):
            row: tuple[int, BatchResult] | None = None
            if w.conn in ready:
                row = self._receive(w)
            elif w.task is not None and time.monotonic() >= w.deadline:
                i, path = w.task
                log.warning("%s: worker overran %.0f s; replacing it", path, self.limit)
                row = (
                    i,
                    BatchResult(
                        str(path),
                        "error",
                        "timeout",
                        f"reading took longer than {self.opts.timeout:g} s; the worker was stopped",
                    ),
                )
            if row is not None:
                w.kill()
                self.buffer[row[0]] = row[1]
                self.pool[k] = _Worker(self.ctx, self.roles, self.opts)

    def _receive(self, w: _Worker) -> tuple[int, BatchResult] | None:
        """One message from a worker; the row of its file when it died."""
        try:
            tag, value = w.conn.recv()
        except (EOFError, OSError):
            return _crashed(w)
        if tag == "failed":
            raise RolematchError(f"a batch worker could not start: {value}")
        if tag == "ready":
            w.ready = True
        else:
            self.buffer[tag], w.task, w.deadline = value, None, float("inf")
        return None

    def _close(self) -> None:
        for w in self.pool:
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
    return i, BatchResult(
        str(path),
        "error",
        "corrupt",
        f"the reader crashed on this file (worker exit code {w.proc.exitcode})",
    )


# --------------------------------------------------------------------------- dask
@contextmanager
def _dask_client(scheduler: Any):
    try:
        from distributed import Client
    except ImportError as e:
        raise RolematchError(
            "--backend dask needs dask.distributed: pip install 'rolematch[dask]'"
        ) from e
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


def _run_dask(
    files: Sequence[Path], roles, opts: BatchOptions, scheduler: Any, chunk_size: int
) -> Iterator[BatchResult]:
    """Chunks of files as joblib tasks on a Dask cluster, submitted lazily, in order."""
    from joblib import Parallel, delayed, parallel_config

    chunks = (files[i : i + chunk_size] for i in range(0, len(files), chunk_size))
    with _dask_client(scheduler) as client, parallel_config(backend="dask"):
        n = max(1, sum(client.nthreads().values()))
        run = Parallel(n_jobs=n, return_as="generator", pre_dispatch=f"{2 * n}")
        for chunk in run(delayed(_score_chunk)(c, roles, opts) for c in chunks):
            yield from chunk


# --------------------------------------------------------------------------- driver
def run(
    files: Sequence[Path], roles: tuple[RoleProfile, ...], opts: BatchOptions
) -> Iterator[BatchResult]:
    """One row per file, in order, on the backend ``opts`` names."""
    n_workers = (os.cpu_count() or 1) if opts.workers is None else opts.workers
    if opts.backend == "dask":
        return _run_dask(files, roles, opts, opts.scheduler, opts.chunk_size)
    if n_workers <= 0:
        return _run_here(files, roles, opts)
    return _Pool(files, roles, opts, n_workers, window=max(64, 16 * n_workers)).results()
