"""Uploaded files: safe display names, size limits, and zip archives unpacked safely.

Nothing here trusts a name from the client: files are written under names the server
makes (``0001.pdf``), the client's name is kept only for display (and escaped there).
An archive is refused as a whole when a member's path climbs out of it (zip-slip) or
it holds more members or more bytes than the limits; a member over the per-file size
limit, or one that inflates past it whatever its header says (a zip bomb), becomes an
error row like any unreadable file.
"""

from __future__ import annotations

import io
import re
import stat
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import IO

from ..batch import RESUME_SUFFIXES, BatchResult
from ..errors import ResumeReadError, RolematchError

__all__ = ["UploadLimits", "clean_name", "is_zip", "read_limited", "unpack_zip"]

_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_CHUNK = 1 << 16


@dataclass(frozen=True)
class UploadLimits:
    """Limits on what one request may bring."""

    max_bytes: int = 10_000_000  # one résumé (the batch's --max-mb)
    max_files: int = 500  # files in one batch, archive members included
    max_total: int = 200_000_000  # bytes in one request / unpacked from archives


def clean_name(filename: str | None, default: str = "upload") -> str:
    """The last part of a client's file name, without control characters, at most 120
    characters: for display and for the reader's format hint only."""
    name = _CONTROL.sub("", (filename or "").replace("\\", "/")).rsplit("/", 1)[-1].strip()
    return name[-120:] or default


def read_limited(fh: IO[bytes], name: str, max_bytes: int) -> bytes:
    """At most ``max_bytes`` from ``fh``; ResumeReadError(too_large) beyond."""
    buf = bytearray()
    while chunk := fh.read(_CHUNK):
        buf += chunk
        if len(buf) > max_bytes:
            raise ResumeReadError(
                name, "too_large", f"file is larger than the {max_bytes / 1e6:g} MB limit"
            )
    return bytes(buf)


def is_zip(data: bytes, name: str) -> bool:
    return (
        name.lower().endswith(".zip")
        or data[:4] == b"PK\x03\x04"
        and not name.lower().endswith(".docx")
    )


def _unsafe(member: str) -> bool:
    p = PurePosixPath(member.replace("\\", "/"))
    return p.is_absolute() or ".." in p.parts or bool(re.match(r"^[A-Za-z]:", member))


def _wanted(info: zipfile.ZipInfo) -> bool:
    parts = PurePosixPath(info.filename).parts
    if info.is_dir() or any(p.startswith(".") or p == "__MACOSX" for p in parts):
        return False
    if stat.S_ISLNK(info.external_attr >> 16):
        return False  # a symlink member: never followed, never written
    return PurePosixPath(info.filename).suffix.lower() in RESUME_SUFFIXES


def _members(zf: zipfile.ZipFile, name: str, limits: UploadLimits) -> list[zipfile.ZipInfo]:
    infos = zf.infolist()
    for info in infos:
        if _unsafe(info.filename):
            raise RolematchError(
                f"{name}: member {info.filename!r} has an unsafe path "
                "(absolute or climbing out with '..'); nothing was unpacked"
            )
    wanted = [i for i in infos if _wanted(i)]
    if len(wanted) > limits.max_files:
        raise RolematchError(
            f"{name}: {len(wanted)} résumé files; the limit is {limits.max_files} a batch"
        )
    declared = sum(i.file_size for i in wanted)
    if declared > limits.max_total:
        raise RolematchError(
            f"{name}: unpacks to {declared / 1e6:.0f} MB; the limit is "
            f"{limits.max_total / 1e6:g} MB"
        )
    return wanted


def unpack_zip(
    data: bytes, name: str, dest: Path, limits: UploadLimits, *, start: int = 0
) -> list[tuple[str, Path | BatchResult]]:
    """The archive's résumé files written into ``dest`` under server-made names:
    (display name, path) per member, or (display name, error row) for a member that
    cannot be taken.  RolematchError (one line) when the archive itself is refused."""
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, OSError) as e:
        raise RolematchError(f"{name}: not a readable zip archive ({e})") from None
    out: list[tuple[str, Path | BatchResult]] = []
    budget = limits.max_total
    with zf:
        for k, info in enumerate(_members(zf, name, limits), start):
            shown = f"{name}/{info.filename}"
            suffix = PurePosixPath(info.filename).suffix.lower()
            try:
                if info.flag_bits & 0x1:
                    raise ResumeReadError(
                        shown, "encrypted", "the archive member is encrypted and needs a password"
                    )
                with zf.open(info) as fh:
                    body = read_limited(fh, shown, min(limits.max_bytes, budget))
            except ResumeReadError as e:
                out.append((shown, BatchResult(shown, "error", e.reason, e.message)))
                continue
            except (
                zipfile.BadZipFile,
                OSError,
                EOFError,
                NotImplementedError,
                RuntimeError,
                ValueError,
                zlib.error,
            ) as e:
                out.append(
                    (
                        shown,
                        BatchResult(
                            shown,
                            "error",
                            "corrupt",
                            f"the archive member cannot be unpacked ({e})",
                        ),
                    )
                )
                continue
            budget -= len(body)
            path = dest / f"{k:04d}{suffix}"
            path.write_bytes(body)
            out.append((shown, path))
    return out
