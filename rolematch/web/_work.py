"""Reading résumés for the web app in worker processes, under the batch's limits.

A request's résumé is read (and its skills extracted) in a process of a small pool,
so a slow PDF keeps one worker busy and never the server: the page stays responsive
and other uploads go to the other workers.  Each read runs under the per-file time
limit (a reading deadline the readers check between pages, and SIGALRM in the
worker); a worker still stuck after that (a reader in C code) is killed with the
whole pool, which is started again, and the request gets the ``timeout`` reason.
"""

from __future__ import annotations

import asyncio
import logging
import threading
from pathlib import Path
from typing import Any

from joblib.externals.loky.process_executor import BrokenProcessPool  # type: ignore[import-untyped]

from ..batch import BatchOptions
from ..documents import Resume
from ..errors import ResumeReadError, RolematchError

log = logging.getLogger(__name__)

#: Seconds a worker gets beyond the time limit before it is killed.
GRACE_SECONDS = 5.0


def read_and_extract(data: bytes, name: str, options: BatchOptions) -> tuple[Resume, tuple]:
    """The résumé in ``data`` and its skill mentions (runs in a worker process), under
    the batch options' limits (``options.reader`` replaces :func:`~rolematch.read_resume`).

    Raises :class:`ResumeReadError` with the reader's reason, as the CLI does."""
    from .. import _work
    from .._cache import mentions_key
    from ..extract import default_extractor

    # the batch worker's own steps: its per-process cache connection, cache key, and
    # reading under the time limit (the readers' deadline plus SIGALRM where it works)
    cache = _work._cache(options.cache_path)
    key = _work._key(data, name, options) if cache is not None else ""
    resume = _work._read(Path(name), name, data, key, options)
    if resume is None:  # pragma: no cover - _read reads or raises unless cached_only
        raise RolematchError(f"{name}: not read")
    mentions = cache.get_mentions(mentions_key(key)) if cache is not None else None
    if mentions is None:
        mentions = default_extractor()(resume)
        if cache is not None:
            cache.put_mentions(mentions_key(key), mentions, resume)
    return resume, tuple(mentions)


def _read_in_worker(data: bytes, name: str, options: BatchOptions):
    """:func:`read_and_extract` with its error as a plain tuple (``ResumeReadError``
    does not survive pickling back to the parent)."""
    try:
        return read_and_extract(data, name, options)
    except ResumeReadError as e:
        return ("error", e.path, e.reason, e.message)
    except RolematchError as e:
        return ("error", name, "corrupt", str(e))


def _warm() -> bool:
    """Load spaCy and the skill patterns in a fresh worker."""
    read_and_extract(
        b"Experience\nAnalyst, Acme\n2019 - 2021\nSQL and Python.\n",
        "warm-up.txt",
        BatchOptions(timeout=None, cache=None),
    )
    return True


class ReaderPool:
    """A pool of reading processes; ``await pool.read(data, name)``.

    The batch options give the limits, the cache and the reader; ``workers=0`` reads
    in a thread of this process instead (tests; no hard kill)."""

    def __init__(self, options: BatchOptions, *, workers: int = 2) -> None:
        self.options = options
        self.workers = workers
        self.grace = GRACE_SECONDS
        self._executor = None
        self._lock = threading.Lock()

    def _pool(self):
        with self._lock:
            if self._executor is None and self.workers > 0:
                from joblib.externals.loky import ProcessPoolExecutor  # type: ignore[import-untyped]

                self._executor = ProcessPoolExecutor(max_workers=self.workers)
            return self._executor

    def warm_up(self) -> None:
        """Start the workers and load their models in the background."""
        pool = self._pool()
        if pool is not None:
            for _ in range(self.workers):
                pool.submit(_warm)

    async def read(self, data: bytes, name: str) -> tuple[Resume, tuple]:
        """The résumé and its skill mentions; every failure is a ResumeReadError."""
        for attempt in (1, 2):
            pool = self._pool()
            try:
                return await self._read(pool, data, name)
            except BrokenProcessPool:
                if attempt == 1 and pool is not None and self._executor is not pool:
                    continue  # the pool was restarted for another upload: try again
                self._restart(pool)
                raise ResumeReadError(name, "corrupt", "the reader crashed on this file") from None
        raise AssertionError("unreachable")  # pragma: no cover

    async def _read(self, pool, data: bytes, name: str) -> tuple[Resume, tuple]:
        job: Any
        if pool is None:
            job = asyncio.to_thread(read_and_extract, data, name, self.options)
        else:
            job = asyncio.wrap_future(pool.submit(_read_in_worker, data, name, self.options))
        timeout = self.options.timeout
        limit = None if timeout is None else timeout + self.grace
        try:
            got = await asyncio.wait_for(job, limit)
        except (ResumeReadError, BrokenProcessPool):
            raise
        except RolematchError as e:
            raise ResumeReadError(name, "corrupt", str(e)) from None
        except asyncio.TimeoutError:
            log.warning("a reading worker overran the time limit; restarting the pool")
            self._restart(pool)
            raise ResumeReadError(
                name, "timeout", f"reading took longer than {timeout:g} s; the worker was stopped"
            ) from None
        except Exception as e:  # noqa: BLE001 - a reader bug costs this upload, not the server
            log.warning("unexpected %s while reading an upload", type(e).__name__)
            raise ResumeReadError(
                name, "corrupt", f"the reader failed: {type(e).__name__}"
            ) from None
        if got[0] == "error":
            _, path, reason, message = got
            raise ResumeReadError(path, reason, message)
        return got

    def _restart(self, pool) -> None:
        if pool is None:
            return
        with self._lock:
            if self._executor is pool:
                self._executor = None
        pool.shutdown(wait=False, kill_workers=True)

    def close(self) -> None:
        with self._lock:
            pool, self._executor = self._executor, None
        if pool is not None:
            pool.shutdown(wait=False, kill_workers=True)
