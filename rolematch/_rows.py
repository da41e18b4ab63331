"""Batch rows: the :class:`BatchResult` value, its output formats, and reading an
interrupted output back for ``--resume``.

File names are written as text that any encoding accepts: bytes that are not valid
UTF-8 (a name decoded with ``surrogateescape``) are written as ``\\udcff``-style
escapes (:func:`safe_name`), so a row is never lost to its name.  CSV cells that a
spreadsheet would run as a formula are written with a leading ``'`` (:func:`csv_cell`).
"""

from __future__ import annotations

import csv
import json
import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Iterable

from .errors import RolematchError

log = logging.getLogger(__name__)

__all__ = [
    "BatchResult",
    "CSV_FIELDS",
    "FORMATS",
    "ResultWriter",
    "csv_cell",
    "output_format",
    "read_done",
    "safe_name",
    "write_results",
]

CSV_FIELDS = ("file", "role", "score", "rank", "status", "reason", "top_missing", "flags")
FORMATS = ("csv", "jsonl", "json")
#: The JSONL object's keys, in order (``missing`` is the CSV's only).
JSON_FIELDS = ("file", "status", "reason", "message", "scores", "best", "fits")
#: A cell starting with one of these is a formula to a spreadsheet (OWASP CSV injection).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class BatchResult:
    """One row of batch output (the JSONL object, documented in docs/batch.md)."""

    file: str
    status: str  # "ok" | "error"
    reason: str | None = None  # ResumeReadError reason code when status == "error"
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
        """The JSONL object: a shallow view of the row (its values are not copied)."""
        return {k: getattr(self, k) for k in JSON_FIELDS}


def safe_name(name: str) -> str:
    """``name`` with what UTF-8 cannot encode (lone surrogates from undecodable bytes)
    escaped as ``\\udcXX``; any other name is returned unchanged."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return name.encode("utf-8", "backslashreplace").decode("utf-8")
    return name


def csv_cell(value: str) -> str:
    """A CSV cell a spreadsheet shows as text: a leading ``'`` before = + - @ tab CR
    (and before a leading ``'``, so that :func:`_uncell` reads every name back)."""
    return "'" + value if value.startswith((*_FORMULA_START, "'")) else value


def _uncell(value: str) -> str:
    return value[1:] if value.startswith("'") else value


def output_format(fmt: str | None, output: Path | None) -> str:
    """The output format: ``fmt``, else ``output``'s suffix, else jsonl; checked here once."""
    fmt = (
        fmt or (output.suffix.lstrip(".") if output is not None and output.suffix else "jsonl")
    ).lower()
    if fmt not in FORMATS:
        raise RolematchError(f"unknown output format {fmt!r}; use csv, jsonl or json")
    return fmt


class ResultWriter:
    """Streams results to a file as csv (long form), jsonl or json; flushes each row."""

    def __init__(self, fh: IO[str], fmt: str, *, header: bool = True) -> None:
        self.fh, self.fmt, self.n = fh, output_format(fmt, None), 0
        if self.fmt == "csv":
            self.csv = csv.writer(fh, lineterminator="\n")
            if header:
                self.csv.writerow(CSV_FIELDS)
        elif self.fmt == "json":
            fh.write("[\n")

    def write(self, r: BatchResult) -> None:
        if self.fmt == "csv":
            self._write_csv(r)
        else:
            d = r.to_dict()
            d["file"] = safe_name(r.file)
            line = json.dumps(d, ensure_ascii=False)
            if self.fmt == "json":
                self.fh.write(("  " if self.n == 0 else ",\n  ") + line)
            else:
                self.fh.write(line + "\n")
        self.n += 1
        self.fh.flush()

    def _write_csv(self, r: BatchResult) -> None:
        name = csv_cell(safe_name(r.file))
        if r.status != "ok":
            self.csv.writerow([name, "", "", "", r.status, r.reason, "", ""])
        missing = r.missing or {f["role"]: f["missing_required"] for f in r.fits}
        flags = r.flags or {f["role"]: f.get("flags", []) for f in r.fits}
        ranked = sorted(r.scores.items(), key=lambda kv: (-kv[1], kv[0]))
        self.csv.writerows(
            [
                name,
                role,
                f"{score:.2f}",
                rank,
                r.status,
                "",
                ";".join(missing.get(role, [])[:5]),
                ";".join(flags.get(role, [])),
            ]
            for rank, (role, score) in enumerate(ranked, 1)
        )

    def close(self) -> None:
        if self.fmt == "json":
            self.fh.write("\n]\n")
        self.fh.flush()


def write_results(results: Iterable[BatchResult], fh: IO[str], fmt: str) -> int:
    w = ResultWriter(fh, fmt)
    for r in results:
        w.write(r)
    w.close()
    return w.n


# --------------------------------------------------------------------------- resume
def read_done(output: str | Path, fmt: str, n_roles: int | None = None) -> set[str]:
    """Files an interrupted run wrote completely to ``output``, for ``--resume``.

    Only whole results count: a JSONL line cut short, or a file with fewer CSV rows
    than ``n_roles`` (its rows cut short), is dropped from the file, to be scored again
    in full.  Raises for json (a JSON array cannot be appended to) and for a file that
    is not rolematch output in that format (it is left untouched).  Names are as
    written (:func:`safe_name`).
    """
    path = Path(output)
    if fmt == "json":
        raise RolematchError(
            "--resume needs --format jsonl or csv: a JSON array cannot be continued"
        )
    if not path.exists() or path.stat().st_size == 0:
        return set()
    data = path.read_bytes()
    if fmt == "csv":
        done, keep = _csv_done(path, data, n_roles)
    else:
        done, keep = _jsonl_done(path, data)
    if keep != [(0, len(data))]:
        with path.open("wb") as fh:
            fh.writelines(data[a:b] for a, b in keep)
    return done


def _jsonl_done(path: Path, data: bytes) -> tuple[set[str], list[tuple[int, int]]]:
    done: set[str] = set()
    pos = 0
    for raw in data.splitlines(keepends=True):
        try:
            obj = json.loads(raw)
            ok = isinstance(obj, dict) and {"file", "status"} <= set(obj) and raw.endswith(b"\n")
        except ValueError:
            ok = False
        if not ok:
            partial = not raw.endswith(b"\n") and raw.startswith(b'{"file": ')
            if not partial:
                line = data.count(b"\n", 0, pos) + 1
                raise RolematchError(
                    f"{path}: line {line} is not rolematch JSONL output; "
                    "cannot resume (the file is left as it is)"
                )
            log.warning("%s: dropping a partial last line before resuming", path)
            break
        done.add(obj["file"])
        pos += len(raw)
    return done, [(0, pos)]


def _csv_records(data: bytes, start: int):
    """(start, end, row) of each CSV record after the header (a quoted field may
    hold newlines)."""
    pos = begin = start
    record = b""
    for raw in data[start:].splitlines(keepends=True):
        record += raw
        pos += len(raw)
        if record.count(b'"') % 2:
            continue  # a quoted field (a file name with a newline) goes on
        yield begin, pos, next(csv.reader([record.decode("utf-8", "replace")]), [])
        record, begin = b"", pos
    if record:
        yield begin, pos, None  # cut inside a quoted field


def _csv_done(
    path: Path, data: bytes, n_roles: int | None
) -> tuple[set[str], list[tuple[int, int]]]:
    first = data.split(b"\n", 1)[0] + b"\n"
    if next(csv.reader([first.decode("utf-8", "replace")]), []) != list(CSV_FIELDS):
        raise RolematchError(
            f"{path}: not a rolematch CSV (header is not "
            f"{','.join(CSV_FIELDS)}); cannot resume (the file is left "
            "as it is)"
        )
    groups: list[list] = []  # [name, start, end, rows]
    for start, end, row in _csv_records(data, len(first)):
        name = row[0] if row else None
        if groups and groups[-1][0] == name and name is not None:
            groups[-1][2] = end
            groups[-1][3].append(row)
        else:
            groups.append([name, start, end, [row]])
    done: set[str] = set()
    keep = [(0, len(first))]
    for name, start, end, rows in groups:
        cut = end == len(data) and (n_roles is None or not data.endswith(b"\n"))
        if name is not None and _complete(rows, n_roles, cut):
            done.add(_uncell(name))
            keep.append((start, end))
        else:
            log.warning(
                "%s: dropping %d incomplete row(s) of %s before resuming", path, len(rows), name
            )
    return done, keep


def _complete(rows: list, n_roles: int | None, cut: bool) -> bool:
    """Whether one file's CSV rows are all there: its error row, or one row per role
    ranked 1..n; ``cut``: they end the output and may go on (without ``n_roles``
    the last file's rows always may)."""
    if cut or any(r is None or len(r) != len(CSV_FIELDS) for r in rows):
        return False
    if len(rows) == 1 and rows[0][1] == "" and rows[0][4] != "ok":
        return True
    ranks = [r[3] for r in rows]
    if ranks != [str(k) for k in range(1, len(rows) + 1)]:
        return False
    return n_roles is None or len(rows) == n_roles
