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

import logging
import os
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Callable, Generator, Iterable

from ._rows import (
    CSV_FIELDS,
    FORMATS,
    BatchResult,
    ResultWriter,
    output_format,
    read_done,
    safe_name,
    write_results,
)
from ._options import BACKENDS, DEFAULT_CACHE, DEFAULT_PDF_READER, BatchOptions
from ._work import run, score_one
from .errors import RolematchError
from .roles import RoleProfile, RoleSet

log = logging.getLogger(__name__)

__all__ = [
    "BatchOptions",
    "BatchResult",
    "Discovery",
    "discover",
    "load_roles",
    "score_folder",
    "write_results",
    "ResultWriter",
    "read_done",
    "output_format",
    "safe_name",
    "RESUME_SUFFIXES",
    "DEFAULT_PDF_READER",
    "BACKENDS",
    "FORMATS",
    "CSV_FIELDS",
    "DEFAULT_CACHE",
    "score_one",
]

RESUME_SUFFIXES = (".pdf", ".docx", ".txt", ".md")


@dataclass(frozen=True)
class Discovery:
    """The résumé files under some paths, in sorted order, and what was left out.

    ``hidden``: hidden files and folders skipped; ``skipped``: (folder, why) for each
    folder not walked (a symlink, not followed; unreadable); ``missing``: the paths
    given that do not exist (each still gets a ``not_found`` row).
    """

    files: tuple[Path, ...]
    hidden: int = 0
    skipped: tuple[tuple[Path, str], ...] = ()
    missing: tuple[Path, ...] = ()


def discover(paths: Iterable[str | Path]) -> Discovery:
    """Résumé files under ``paths`` (see :class:`Discovery`).

    A path named explicitly is always taken (its format is detected by content);
    inside folders only .pdf, .docx, .txt and .md files are taken.
    """
    files: list[Path] = []
    hidden = 0
    skipped: list[tuple[Path, str]] = []
    missing: list[Path] = []

    def unreadable(e: OSError) -> None:
        skipped.append((Path(e.filename), f"cannot be read ({e.strerror or e})"))

    for p in map(Path, paths):
        if p.is_dir():
            for root, dirs, names in os.walk(p, onerror=unreadable, followlinks=False):
                hidden += sum(1 for d in dirs if d.startswith("."))
                links = sorted(
                    d
                    for d in dirs
                    if not d.startswith(".") and os.path.islink(os.path.join(root, d))
                )
                skipped += [
                    (Path(root) / d, "a symbolic link to a folder, not followed") for d in links
                ]
                dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in links)
                for name in sorted(names):
                    if name.startswith("."):
                        hidden += 1
                    elif Path(name).suffix.lower() in RESUME_SUFFIXES:
                        files.append(Path(root) / name)
        else:
            if not _exists(p):
                missing.append(p)
            files.append(p)  # missing files still get a row (not_found)
    return Discovery(tuple(files), hidden, tuple(skipped), tuple(missing))


def _exists(p: Path) -> bool:
    try:
        return os.path.lexists(p)
    except ValueError:  # a NUL in the path
        return False


def load_roles(
    paths: Iterable[str | Path] = (),
    ids: Iterable[str] = (),
    *,
    cache: str | Path | None = DEFAULT_CACHE,
) -> RoleSet:
    """The roles a batch scores against: the shipped roles, or those under ``paths``
    (role files and job postings), narrowed to ``ids``.

    A posting's profile is cached by content in ``cache`` (see :mod:`rolematch._cache`),
    so it is not profiled again, nor the extractor loaded, on the next run.
    """
    from ._cache import ResumeCache, default_cache_path

    paths = list(paths)
    if cache == DEFAULT_CACHE:
        cache = default_cache_path()
    store = ResumeCache(cache) if cache is not None and paths else None

    def read(path: Path, taxonomy) -> RoleProfile:
        if store is None or path.suffix.lower() == ".toml" or store.broken:
            return RoleProfile.from_file(path, taxonomy=taxonomy)
        return _cached_profile(store, path, taxonomy)

    try:
        rs = RoleSet.load(*paths, defaults=not paths, read=read)
    finally:
        if store is not None:
            store.close()
    ids = list(ids)
    return rs.subset(ids) if ids else rs


def _cached_profile(store, path: Path, taxonomy) -> RoleProfile:
    from ._cache import profile_key
    from .taxonomy import Taxonomy

    try:
        data = path.read_bytes()
    except OSError:
        return RoleProfile.from_file(path, taxonomy=taxonomy)  # it raises the error
    if taxonomy is not Taxonomy.default():  # the key assumes the shipped taxonomy
        return RoleProfile.from_file(path, taxonomy=taxonomy)
    key = profile_key(data, path.stem)
    role = store.get_profile(key, str(path))
    if role is None:
        role = RoleProfile.from_file(path, taxonomy=taxonomy)
        store.put_profile(key, role)
    return role


def score_folder(
    paths: Iterable[str | Path],
    roles: RoleSet | Iterable[RoleProfile],
    options: BatchOptions | None = None,
    *,
    skip: Iterable[str] = (),
    on_progress: Callable[[int, int], None] | None = None,
    **settings: Any,
) -> Generator[BatchResult, None, None]:
    """Score every résumé under ``paths``; yields one :class:`BatchResult` per file, in order.

    ``options``: a :class:`BatchOptions` (``settings``: its fields, overriding it, e.g.
    ``workers=0, cache=None``).  ``skip``: file names (as they would appear in
    ``BatchResult.file``) already done.  ``on_progress(done, total)`` is called after
    each result.  A row's ``file`` is the path as text (:func:`safe_name`: bytes that
    are not UTF-8 escaped).  Folders not walked are logged as warnings.
    """
    opts = replace(options or BatchOptions(), **settings) if settings else options or BatchOptions()
    found = discover(paths)
    for folder, why in found.skipped:
        log.warning("%s: skipped: %s", safe_name(str(folder)), why)
    done = set(map(str, skip))
    files = [f for f in found.files if safe_name(str(f)) not in done] if done else list(found.files)
    role_tuple = tuple(roles.values() if isinstance(roles, RoleSet) else roles)
    if not role_tuple:
        raise RolematchError("no roles to score against")
    if not files:
        return
    for k, row in enumerate(run(files, role_tuple, opts), 1):
        name = safe_name(row.file)
        yield row if name is row.file else replace(row, file=name)
        if on_progress:
            on_progress(k, len(files))
