"""The per-file reading deadline: a context variable the readers check between pages
(a batch's per-file time limit, in any thread, where SIGALRM does not reach)."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from .errors import ResumeReadError

__all__ = ["read_deadline", "check_deadline"]

#: (monotonic deadline, the limit in seconds) of the read running in this thread or
#: task, or None: a context variable, so threads (a Dask worker's) never share one.
_DEADLINE: ContextVar[tuple[float, float] | None] = ContextVar(
    "rolematch_read_deadline", default=None
)


@contextmanager
def read_deadline(seconds: float | None) -> Iterator[None]:
    """Within the block, :func:`check_deadline` raises ResumeReadError(timeout) once
    ``seconds`` have passed (None or 0: no limit; an earlier deadline already set
    stays).  Cooperative: the readers check it between pages, so it works in any
    thread, where SIGALRM does not, but a single page stuck in C code is not cut short."""
    if not seconds:
        yield
        return
    end = time.monotonic() + seconds
    held = _DEADLINE.get()
    if held is not None and held[0] <= end:
        yield
        return
    token = _DEADLINE.set((end, seconds))
    try:
        yield
    finally:
        _DEADLINE.reset(token)


def check_deadline(name: str) -> None:
    """Raise ResumeReadError(timeout) if this thread's reading deadline has passed."""
    held = _DEADLINE.get()
    if held is not None and time.monotonic() >= held[0]:
        raise ResumeReadError(name, "timeout", f"reading took longer than {held[1]:g} s")
