"""``rolematch score``'s options and its terminal side: warnings, the progress bar on
stderr, the output file, the summary line.  The work is the library's
(:func:`rolematch.batch.score_folder` with a :class:`~rolematch.batch.BatchOptions`)."""

from __future__ import annotations

import sys
import time
from collections import Counter
from pathlib import Path
from typing import Annotated, Any, List, Optional, Sequence

import typer

from ._cli_util import _plain, err
from .errors import RolematchError


def _switch(*names: str, help: str) -> Any:
    """An on/off flag for ``Annotated`` (no default inside; no ``<bool>`` in the help)."""
    return typer.Option(*names, help=help, metavar="")


RoleIds = Annotated[Optional[List[str]], typer.Option("--role", "-r", help="Role id (repeatable).")]
RolesDirs = Annotated[
    Optional[List[Path]], typer.Option("--roles", help="Folder of role files/postings.")
]
Format = Annotated[
    str,
    typer.Option(
        "--format", "-f", help="csv, jsonl or json (default: from -o's suffix, else jsonl)."
    ),
]
Output = Annotated[Optional[Path], typer.Option("-o", "--output", help="File to write.")]
Workers = Annotated[
    Optional[int],
    typer.Option(
        "--workers", "-j", help="Worker processes (default: all cores; 0: in this process)."
    ),
]
Top = Annotated[int, typer.Option("--top", "-k", help="Fits listed per résumé.")]
CachePath = Annotated[
    Optional[Path],
    typer.Option(
        "--cache", help="Cache of parsed résumés (SQLite; default ~/.cache/rolematch/cache.sqlite)."
    ),
]
NoCache = Annotated[bool, _switch("--no-cache", help="Read every file again.")]
Resume = Annotated[
    bool,
    _switch(
        "--resume",
        help="Continue an interrupted run: keep what -o holds, score the rest (jsonl or csv).",
    ),
]
PdfReader = Annotated[
    str,
    typer.Option(
        "--pdf-reader", help="pdfminer, pdfium or auto (pdfium, pdfminer when pdfium fails)."
    ),
]
Timeout = Annotated[float, typer.Option("--timeout", help="Seconds per file (0: none).")]
MaxPages = Annotated[int, typer.Option("--max-pages", help="Pages read per PDF.")]
MaxMb = Annotated[float, typer.Option("--max-mb", help="Larger files are too_large.")]
Backend = Annotated[str, typer.Option("--backend", help="loky (local processes) or dask.")]
Scheduler = Annotated[
    Optional[str], typer.Option("--scheduler", help="Dask scheduler address (tcp://host:8786).")
]
Quiet = Annotated[bool, _switch("--quiet", "-q", help="No progress bar and no summary.")]


def score_command(
    paths: Sequence[Path],
    options,
    *,
    role_ids: Sequence[str],
    roles_dirs: Sequence[Path],
    fmt: str,
    output: Optional[Path],
    resume: bool,
    quiet: bool,
) -> None:
    """What ``rolematch score`` does once its options are parsed."""
    from .batch import discover, load_roles, output_format, read_done

    fmt = output_format(fmt, output)
    if resume and output is None:
        raise RolematchError("--resume needs -o FILE: the output of the interrupted run")
    rs = load_roles(roles_dirs, role_ids, cache=options.cache)
    found = discover(paths)
    for folder, why in found.skipped:
        err.print(f"[yellow]warning:[/yellow] {_plain(folder)}: skipped: {why}")
    if not found.files:
        raise RolematchError(
            "no résumé files (.pdf, .docx, .txt, .md) found in " + ", ".join(map(str, paths))
        )
    done = read_done(output, fmt, len(rs)) if resume and output is not None else set()
    started = time.perf_counter()
    reasons, skipped = _score_into(
        found.files, rs, options, fmt, output, done, resume=resume, quiet=quiet
    )
    if not quiet:
        _summary(
            reasons,
            len(rs),
            time.perf_counter() - started,
            output,
            skipped=skipped,
            hidden=found.hidden,
        )
    if found.missing:
        raise RolematchError(
            "no such file or folder: "
            + ", ".join(map(str, found.missing))
            + " (each has a not_found row)"
        )


def _score_into(
    files,
    rs,
    options,
    fmt: str,
    output: Optional[Path],
    done: set[str],
    *,
    resume: bool,
    quiet: bool,
) -> tuple[Counter[str], int]:
    """Score ``files`` into ``output`` (stdout when None; appended to when resuming)
    with a progress bar on stderr; returns the count of rows by reason ("ok" for
    scored files) and how many files were already done."""
    from .batch import ResultWriter, safe_name, score_folder

    appending = resume and output is not None and output.exists() and output.stat().st_size > 0
    try:
        fh = (
            output.open("a" if appending else "w", encoding="utf-8", newline="")
            if output
            else sys.stdout
        )
    except OSError as e:
        raise RolematchError(f"{output}: cannot write output ({e.strerror or e})") from e
    reasons: Counter[str] = Counter()
    skipped = sum(1 for f in files if safe_name(str(f)) in done)
    writer = ResultWriter(fh, fmt, header=not appending)
    results = score_folder(files, rs, options, skip=done)
    try:
        with _progress(quiet) as bar:
            task = bar.add_task("score", total=len(files), completed=skipped, rate=0.0)
            started = time.perf_counter()
            for n, r in enumerate(results, 1):
                writer.write(r)
                reasons[r.reason or "ok"] += 1
                bar.update(
                    task, completed=skipped + n, rate=n / max(time.perf_counter() - started, 1e-9)
                )
    finally:
        results.close()
        writer.close()
        if output:
            fh.close()
    return reasons, skipped


def _progress(quiet: bool):
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    return Progress(
        TextColumn("scoring"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[rate]:.1f} files/s"),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
        console=err,
        disable=quiet or not err.is_terminal,
    )


def _summary(
    reasons: Counter[str],
    n_roles: int,
    elapsed: float,
    output: Optional[Path],
    *,
    skipped: int,
    hidden: int,
) -> None:
    n = sum(reasons.values())
    failed = ", ".join(f"{k}: {v}" for k, v in sorted(reasons.items()) if k != "ok")
    err.print(
        f"scored {reasons['ok']} of {n} files against {n_roles} roles"
        f" in {elapsed:.1f} s ({n / max(elapsed, 1e-9):.1f} résumés/s)"
        + (f"; failed: {failed}" if failed else "")
        + (f"; {skipped} already in {_plain(output)}" if skipped else "")
        + (f"; skipped {hidden} hidden" if hidden else "")
        + (f"; wrote {_plain(output)}" if output else "")
    )
