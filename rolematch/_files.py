"""Bytes in: a résumé file loaded within its size limit (no pipe, device or symlink
loop ever blocks) and its format told from the content (magic bytes)."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from .errors import ResumeReadError

__all__ = ["load", "sniff"]


_IMAGE_MAGIC = (
    (b"\x89PNG", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"II*\x00", "TIFF image"),
    (b"MM\x00*", "TIFF image"),
    (b"BM", "BMP image"),
    (b"RIFF", "RIFF/WebP file"),
)
_TEXT_SUFFIXES = (".txt", ".md", ".markdown", ".text", ".rst", "")


def sniff(data: bytes, name: str) -> str:
    """ "pdf", "docx" or "text"; raises for anything else."""
    from ._docx import is_docx_zip

    suffix = Path(name).suffix.lower()
    head = data[:1024]
    if b"%PDF-" in head:
        return "pdf"
    if data.startswith(b"PK\x03\x04") or data.startswith(b"PK\x05\x06"):
        kind = is_docx_zip(data)
        if kind is None:
            raise ResumeReadError(name, "corrupt", "zip container is damaged or truncated")
        if not kind:
            raise ResumeReadError(
                name, "unsupported_format", "zip archive that is not a DOCX (no word/document.xml)"
            )
        return "docx"
    if data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        raise ResumeReadError(
            name, "unsupported_format", "legacy Word .doc (OLE) file; save it as DOCX or PDF"
        )
    if data.startswith(b"{\\rtf"):
        raise ResumeReadError(name, "unsupported_format", "RTF file; save it as DOCX or PDF")
    for magic, what in _IMAGE_MAGIC:
        if data.startswith(magic) and not (magic == b"BM" and suffix in _TEXT_SUFFIXES):
            raise ResumeReadError(
                name, "unsupported_format", f"{what}, not a document; it needs OCR"
            )
    if suffix in (".pdf", ".docx"):
        raise ResumeReadError(
            name,
            "corrupt",
            f"file named {suffix} does not hold a {suffix[1:].upper()} "
            "(wrong signature: damaged or mislabelled)",
        )
    if suffix in (".doc",):
        raise ResumeReadError(name, "unsupported_format", "legacy Word .doc file")
    return "text"


def load(source: str | Path | bytes, filename: str | None, max_bytes: int) -> tuple[bytes, str]:
    if isinstance(source, (bytes, bytearray, memoryview)):
        data = bytes(source)
        name = filename or "<bytes>"
        if len(data) > max_bytes:
            raise ResumeReadError(
                name, "too_large", f"{len(data)} bytes, more than max_bytes={max_bytes}"
            )
        return data, name
    path = Path(source)
    name = filename or str(path)
    # O_NONBLOCK: opening a FIFO must not wait for a writer; fstat then tells what the
    # descriptor really is (no race between a stat and the open)
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError as e:
        raise ResumeReadError(name, "not_found", "no such file") from e
    except IsADirectoryError as e:
        raise ResumeReadError(name, "not_found", "is a directory, not a file") from e
    except OSError as e:
        raise ResumeReadError(name, "not_found", f"cannot access file: {e.strerror}") from e
    try:
        st = os.fstat(fd)
        if stat.S_ISDIR(st.st_mode):
            raise ResumeReadError(name, "not_found", "is a directory, not a file")
        if not stat.S_ISREG(st.st_mode):
            # a pipe would block, a device (/dev/zero) would never end
            raise ResumeReadError(
                name, "not_found", "not a regular file (a pipe, socket or device)"
            )
        if st.st_size > max_bytes:
            raise ResumeReadError(
                name, "too_large", f"{st.st_size} bytes, more than max_bytes={max_bytes}"
            )
        with open(fd, "rb", closefd=False) as fh:
            data = fh.read(max_bytes + 1)  # never more than the limit, even if it grows
    except OSError as e:
        raise ResumeReadError(name, "not_found", f"cannot read file: {e.strerror}") from e
    finally:
        os.close(fd)
    if len(data) > max_bytes:
        raise ResumeReadError(
            name, "too_large", f"more than max_bytes={max_bytes} (the file grew while read)"
        )
    return data, name
