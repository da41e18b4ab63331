"""Cheap checks on a PDF's bytes before any reader runs: how much its streams inflate
to (decompression bombs) and how much of that may draw text (a page of millions of
glyphs).  Pure functions over bytes; nothing is kept in memory."""

from __future__ import annotations

import re
import zlib

from .errors import ResumeReadError

__all__ = ["check_inflated_size"]

_STREAM_START = re.compile(rb"(?<!end)stream\r?\n")
_INFLATE_CHUNK = 1 << 20
_FEED_CHUNK = 1 << 16


_NOT_CONTENT = (
    b"/Image",
    b"/Length1",
    b"/Length2",
    b"/Type1C",
    b"/CIDFontType0C",
    b"/OpenType",
    b"/ICCBased",
    b"/Metadata",
    b"/EmbeddedFile",
    b"/N 3",
    b"/N 4",
)


def _is_content(data: bytes, stream_at: int) -> bool:
    """Whether the stream starting at ``stream_at`` may draw text (page content, a form,
    an object stream), judged from its dictionary: not an image, font file, colour
    profile, metadata or attachment."""
    head = data[max(0, stream_at - 2048) : stream_at]
    head = head[head.rfind(b" obj") + 1 :]
    return not any(k in head for k in _NOT_CONTENT)


def _refused(name: str, what: str) -> ResumeReadError:
    return ResumeReadError(name, "too_large", f"PDF {what}")


def check_inflated_size(
    data: bytes, name: str, limit: int, content_limit: int | None = None
) -> None:
    """Raise ResumeReadError(too_large) when the PDF's Flate streams inflate to more
    than ``limit`` bytes in all: a few KB of zeros can inflate to gigabytes, which
    pdfium holds in memory and pdfminer then tokenizes for minutes; or when the
    streams that may draw text (not images, fonts…: :func:`_is_content`), inflated or
    as stored, hold more than ``content_limit`` bytes: a page of millions of glyphs
    takes pdfium a minute to lay out.

    Each stream is inflated in steps (64 KiB in, at most 1 MiB out) and nothing is
    kept, so memory stays small and the work stops at the limit.  Images count too (a Flate image
    is rarely over a few MB; JPEG data is not zlib).  A stream that is not zlib data
    (another filter, or encrypted) counts as stored; the readers' own checks then apply."""
    total = fed = content = 0
    end = -1
    view = memoryview(data)
    for m in _STREAM_START.finditer(data):
        if fed > 2 * len(data):
            return  # streams overlap (no "endstream"): not a sane PDF; the readers judge it
        if end < m.end():  # one search per stream: no rescans of the file's tail
            end = data.find(b"endstream", m.end())
            if end < 0:
                end = len(data)
        counts = content_limit is not None and _is_content(data, m.start())
        inflater = zlib.decompressobj()
        pos = m.end()
        size = 0
        try:
            while not inflater.eof:
                if inflater.unconsumed_tail:
                    piece: bytes | memoryview = inflater.unconsumed_tail
                elif pos < end:
                    piece = view[pos : min(pos + _FEED_CHUNK, end)]
                    pos += len(piece)
                    fed += len(piece)
                else:
                    break
                got = len(inflater.decompress(piece, _INFLATE_CHUNK))
                total += got
                size += got
                if total > limit:
                    raise _refused(
                        name,
                        f"streams inflate to more than {limit >> 20} MiB (a decompression bomb?)",
                    )
        except zlib.error:
            if size == 0:
                size = max(0, end - m.end())  # stored as is, or another filter
        if counts and content_limit is not None:
            content += size
            if content > content_limit:
                raise _refused(
                    name,
                    f"page content holds more than {content_limit >> 20} "
                    "MiB of drawing instructions (no résumé needs as much)",
                )
