"""The one options object of a batch, :class:`BatchOptions`: the CLI builds it from its
flags, :func:`rolematch.batch.score_folder` takes it, and a worker receives it (pickled)
with the roles.  Every value is checked once, when it is made."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from .documents import DEFAULT_PDF_READER, PDF_READERS
from .errors import RolematchError

__all__ = ["BACKENDS", "DEFAULT_CACHE", "DEFAULT_PDF_READER", "BatchOptions"]

BACKENDS = ("loky", "dask")
#: ``BatchOptions.cache`` meaning the user's cache file (:func:`default_cache_path`).
DEFAULT_CACHE = "default"


@dataclass(frozen=True)
class BatchOptions:
    """How a batch runs; every value is checked when the object is made.

    ``workers``: processes (None = all cores; 0 = in this process, without the hard
    time limit).  ``timeout`` (seconds; None: none), ``max_bytes``, ``max_pages``:
    per-file limits.  ``cache``: SQLite file of parsed résumés (``"default"``: the user
    cache folder; None: off).  ``backend="dask"``: run on the Dask cluster at
    ``scheduler`` (an address or a ``distributed.Client``), ``chunk_size`` files a
    task.  ``reader``: replaces :func:`~rolematch.read_resume` (same signature), for
    custom readers and tests.  ``meaning``: also recognise the roles' skills from a
    line's meaning (:mod:`rolematch._meaning`; inferred skills are credited less and
    marked), so that gap reports name fewer skills the résumé shows in other words.
    """

    top: int = 3
    workers: int | None = None
    pdf_reader: str = DEFAULT_PDF_READER
    timeout: float | None = 60.0
    max_bytes: int = 10_000_000
    max_pages: int = 30
    cache: str | Path | None = DEFAULT_CACHE
    backend: str = "loky"
    scheduler: Any = None
    chunk_size: int = 8
    reader: Callable[..., Any] | None = None
    meaning: bool = True

    def __post_init__(self) -> None:
        if self.backend not in BACKENDS:
            raise RolematchError(f"unknown backend {self.backend!r}; use loky or dask")
        if self.pdf_reader not in PDF_READERS:
            raise RolematchError(
                f"unknown PDF reader {self.pdf_reader!r}; use {', '.join(PDF_READERS)}"
            )
        for name in ("top", "max_bytes", "max_pages", "chunk_size"):
            if getattr(self, name) < 1:
                raise RolematchError(f"{name} must be at least 1, not {getattr(self, name)}")
        if self.workers is not None and self.workers < 0:
            raise RolematchError(f"workers must be 0 or more, not {self.workers}")
        if self.timeout is not None and self.timeout <= 0:
            object.__setattr__(self, "timeout", None)  # 0: no limit
        if self.cache == DEFAULT_CACHE:
            from ._cache import default_cache_path

            object.__setattr__(self, "cache", str(default_cache_path()))
        elif self.cache is not None:
            object.__setattr__(self, "cache", str(self.cache))

    @property
    def cache_path(self) -> str | None:
        return None if self.cache is None else str(self.cache)
