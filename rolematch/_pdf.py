"""PDF → page lines in reading order, with pdfminer.six or pypdfium2.

Both readers reduce a page to positioned text lines (:class:`_Line`), then the same
layout code orders them: :func:`order_lines` finds a gutter (a vertical band that no
line crosses, with enough text on both sides) and reads the columns one after the
other, band by band between lines that span the gutter.  Lines that share a row are
joined left to right.

Both page loops check the reading deadline (:func:`read_deadline`) between pages.
"""

from __future__ import annotations

import io
import logging
import re
import threading
import time
import warnings
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from ._clean import PageLine
from ._pdfcheck import check_inflated_size
from ._pdf_hidden import miner_char_hidden, pdfium_hidden, visible_aggregator, visible_text
from .errors import ResumeReadError

logger = logging.getLogger(__name__)

__all__ = [
    "read_pdf_pdfminer",
    "read_pdf_pdfium",
    "order_lines",
    "PdfPages",
    "check_inflated_size",
    "read_deadline",
    "check_deadline",
]

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


#: Characters a reader takes from a PDF in all (pdfium) or per page (pdfminer, whose
#: layout analysis grows faster than linearly): more are left unread, so a page of a
#: million tiny glyphs reads in seconds, not minutes.  Far above any résumé.
MAX_PDF_CHARS = 150_000
MAX_MINER_PAGE_CHARS = 30_000


@dataclass(frozen=True)
class _Line:
    x0: float
    top: float  # distance from the top of the page
    x1: float
    bottom: float
    text: str

    @property
    def height(self) -> float:
        return max(self.bottom - self.top, 0.1)


@dataclass(frozen=True)
class PdfPages:
    """What a PDF reader hands back: per-page lines in reading order and page count."""

    pages: tuple[tuple[PageLine, ...], ...]
    n_pages: int
    #: characters left out because a reader cannot see them (:mod:`rolematch._pdf_hidden`)
    hidden_chars: int = 0


# --- layout ---------------------------------------------------------------------

_MIN_GAP = 6.0  # points: narrower white bands are word spacing, not a gutter
_MIN_DENSITY = 0.4  # share of a column's height covered by its lines
_MAX_DEPTH = 3


def _rows(lines: Sequence[_Line]) -> list[_Line]:
    """Single column: top to bottom; lines sharing a row are joined left to right."""
    ordered = sorted(lines, key=lambda ln: (ln.top, ln.x0))
    out: list[_Line] = []
    row: list[_Line] = []
    row_top = row_bottom = 0.0
    for ln in ordered:
        if row:
            overlap = min(row_bottom, ln.bottom) - max(row_top, ln.top)
            if overlap >= 0.5 * min(ln.height, row_bottom - row_top):
                row.append(ln)
                row_bottom = max(row_bottom, ln.bottom)
                continue
            out.append(_join_row(row))
        row = [ln]
        row_top, row_bottom = ln.top, ln.bottom
    if row:
        out.append(_join_row(row))
    return out


def _join_row(row: list[_Line]) -> _Line:
    if len(row) == 1:
        return row[0]
    row.sort(key=lambda ln: ln.x0)
    return _Line(
        min(ln.x0 for ln in row),
        min(ln.top for ln in row),
        max(ln.x1 for ln in row),
        max(ln.bottom for ln in row),
        " ".join(ln.text for ln in row),
    )


def _density(side: Sequence[_Line]) -> float:
    extent = max(ln.bottom for ln in side) - min(ln.top for ln in side)
    if extent <= 0:
        return 1.0
    return min(1.0, sum(ln.height for ln in side) / extent)


def _is_column_pair(left: Sequence[_Line], right: Sequence[_Line]) -> bool:
    if len(left) < 2 or len(right) < 2 or len(left) + len(right) < 5:
        return False
    overlap = min(max(ln.bottom for ln in left), max(ln.bottom for ln in right)) - max(
        min(ln.top for ln in left), min(ln.top for ln in right)
    )
    if overlap <= 0:
        return False
    return _density(left) >= _MIN_DENSITY and _density(right) >= _MIN_DENSITY


def _bands(
    lines: Sequence[_Line],
    gap_lo: float,
    gap_hi: float,
) -> list[tuple[_Line | None, list[_Line], list[_Line]]]:
    """Split lines at those crossing [gap_lo, gap_hi]: (crossing line, left, right)…"""
    out: list[tuple[_Line | None, list[_Line], list[_Line]]] = []
    left: list[_Line] = []
    right: list[_Line] = []
    for ln in sorted(lines, key=lambda ln: (ln.top, ln.x0)):
        if ln.x1 <= gap_lo:
            left.append(ln)
        elif ln.x0 >= gap_hi:
            right.append(ln)
        else:
            out.append((None, left, right))
            out.append((ln, [], []))
            left, right = [], []
    out.append((None, left, right))
    return out


def _find_gutter(lines: Sequence[_Line]) -> tuple[float, float] | None:
    counts: dict[int, int] = {}
    for ln in lines:
        key = int(ln.x0 // 3)
        counts[key] = counts.get(key, 0) + 1
    leftmost = min(ln.x0 for ln in lines)
    candidates = sorted(
        {min(ln.x0 for ln in lines if int(ln.x0 // 3) == k) for k, c in counts.items() if c >= 2}
    )
    best: tuple[int, float, float, float] | None = None
    for b in candidates:
        if b - leftmost < 3 * _MIN_GAP:
            continue
        hi = b - 0.5
        lefts = [ln.x1 for ln in lines if ln.x1 <= hi - _MIN_GAP]
        if not lefts:
            continue
        # the gutter's left edge: right end of the widest left-column line in the band
        lo = hi - _MIN_GAP
        score = 0
        for crossing, left, right in _bands(lines, lo, hi):
            if crossing is None and _is_column_pair(left, right):
                score += len(left) + len(right)
        if score >= 6:
            width = hi - max((x for x in lefts), default=lo)
            found = (score, width, lo, hi)
            if best is None or found[:2] > best[:2]:
                best = found
    if best is None:
        return None
    return best[2], best[3]


def order_lines(lines: Sequence[_Line], depth: int = 0) -> list[_Line]:
    """Reading order: columns one after the other (see module doc)."""
    if len(lines) < 5 or depth > _MAX_DEPTH:
        return _rows(lines)
    gutter = _find_gutter(lines)
    if gutter is None:
        return _rows(lines)
    out: list[_Line] = []
    for crossing, left, right in _bands(lines, *gutter):
        if crossing is not None:
            out.append(crossing)
        elif _is_column_pair(left, right):
            out.extend(order_lines(left, depth + 1))
            out.extend(order_lines(right, depth + 1))
        elif left or right:
            out.extend(_rows(left + right))
    return out


def _page_lines(lines: Iterable[_Line], height: float) -> tuple[PageLine, ...]:
    h = height if height > 0 else 1.0
    return tuple(
        PageLine(ln.text, ln.top / h, ln.bottom / h)
        for ln in order_lines([ln for ln in lines if ln.text.strip()])
    )


# --- pdfminer -------------------------------------------------------------------


def _miner_lines(layout: object, page_h: float) -> tuple[list[_Line], int]:
    """The page's lines and how many hidden characters were left out of them."""
    from pdfminer.layout import LTChar, LTFigure, LTTextBox, LTTextLine

    lines: list[_Line] = []
    hidden = 0
    stack = list(layout)  # type: ignore[call-overload]
    while stack:
        obj = stack.pop()
        if isinstance(obj, LTTextBox):
            stack.extend(obj)
        elif isinstance(obj, LTTextLine):
            text, n_hidden = visible_text(obj)
            hidden += n_hidden
            first = obj._objs[0] if obj._objs else None
            if isinstance(first, LTChar) and _SYMBOL_FONT.search(first.fontname):
                text = (
                    _symbol_bullet(first.get_text(), first.fontname) + text[len(first.get_text()) :]
                )
            if text.strip():
                lines.append(_Line(obj.x0, page_h - obj.y1, obj.x1, page_h - obj.y0, text))
        elif isinstance(obj, LTFigure):
            chars = [c for c in obj if isinstance(c, LTChar)]
            seen = [c for c in chars if not miner_char_hidden(c)]
            hidden += sum(1 for c in chars if not c.get_text().isspace()) - sum(
                1 for c in seen if not c.get_text().isspace()
            )
            if seen:
                lines.extend(_chars_to_lines(seen, page_h))
            stack.extend(c for c in obj if not isinstance(c, LTChar))
    return lines, hidden


_SYMBOL_FONT = re.compile(r"dingbat|symbol|wingding|webding", re.I)


def _symbol_bullet(text: str, fontname: str) -> str:
    """A line's first glyph in a symbol font is a bullet: pdfminer reads standard
    ZapfDingbats/Symbol codes as Latin letters ("l" for ●, "n" for ■) or (cid:N)."""
    if "symbol" in fontname.lower() and text.isalpha() and text not in "lnou":
        return text  # a Greek letter in the Symbol font
    return "• " if text.strip() else text


def _chars_to_lines(chars: list, page_h: float) -> list[_Line]:
    """Characters found loose inside a figure → lines (rare: text drawn in a form)."""
    chars = sorted(chars, key=lambda c: (round(-c.y1), c.x0))
    out: list[_Line] = []
    cur: list = []
    for c in chars:
        if cur and (abs(c.y0 - cur[-1].y0) > 0.5 * c.height or c.x0 - cur[-1].x1 > 2 * c.width):
            out.append(_line_of_chars(cur, page_h))
            cur = []
        cur.append(c)
    if cur:
        out.append(_line_of_chars(cur, page_h))
    return out


def _line_of_chars(chars: list, page_h: float) -> _Line:
    text = ""
    for prev, c in zip([None, *chars[:-1]], chars):
        if prev is not None and c.x0 - prev.x1 > 0.2 * c.width:
            text += " "
        text += c.get_text()
    return _Line(
        min(c.x0 for c in chars),
        page_h - max(c.y1 for c in chars),
        max(c.x1 for c in chars),
        page_h - min(c.y0 for c in chars),
        text,
    )


def read_pdf_pdfminer(data: bytes, name: str, max_pages: int) -> PdfPages:
    """Read with pdfminer.six: one pass of layout analysis with default LAParams,
    exactly what ``pdfminer.high_level.extract_text`` does, then our own ordering."""
    pages: list[tuple[PageLine, ...]] = []
    hidden = 0
    for layout in _miner_layouts(data, name, max_pages):
        lines, n_hidden = _miner_lines(layout, layout.height)
        pages.append(_page_lines(lines, layout.height))
        hidden += n_hidden
    if not pages:
        raise ResumeReadError(name, "corrupt", "PDF has no readable pages (damaged or truncated)")
    return PdfPages(tuple(pages), len(pages), hidden)


def _miner_layouts(data: bytes, name: str, max_pages: int) -> Iterator[Any]:
    """pdfminer's page layouts, with every pdfminer failure turned into a
    :class:`ResumeReadError` (only pdfminer code runs inside the ``try``)."""
    from pdfminer.converter import PDFPageAggregator
    from pdfminer.layout import LAParams
    from pdfminer.pdfdocument import PDFDocument, PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser
    from pdfminer.pdftypes import resolve1

    count = 0
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # pdfminer warns on odd but readable files
            doc = PDFDocument(PDFParser(io.BytesIO(data)), password="")
            declared = _miner_page_count(doc, resolve1)
            n_pages = _miner_real_pages(doc, declared, max_pages)
        if n_pages > max_pages:
            raise ResumeReadError(
                name, "too_large", f"PDF has {declared} pages, more than max_pages={max_pages}"
            )
        rsrc = PDFResourceManager(caching=True)
        aggregator = _budgeted_aggregator(visible_aggregator(PDFPageAggregator))
        device = aggregator(rsrc, laparams=LAParams())
        interp = PDFPageInterpreter(rsrc, device)
        pages = PDFPage.create_pages(doc)
        while True:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                page = next(pages, None)
                if page is None:
                    return
                count += 1
                if count > max_pages:
                    raise ResumeReadError(
                        name, "too_large", f"PDF has more than max_pages={max_pages} pages"
                    )
                check_deadline(name)
                device.chars = 0
                try:
                    interp.process_page(page)
                except _OverBudget:
                    device.finish_page(page)  # lay out what was read; the rest is unread
                layout = device.get_result()
            yield layout
    except ResumeReadError:
        raise
    except (PDFPasswordIncorrect, PDFEncryptionError) as e:
        raise ResumeReadError(
            name, "encrypted", f"PDF is encrypted and needs a password ({type(e).__name__})"
        ) from e
    except Exception as e:  # noqa: BLE001 - pdfminer raises a zoo of types on bad input
        raise ResumeReadError(
            name, "corrupt", f"PDF could not be parsed: {type(e).__name__}: {e}"
        ) from e


class _OverBudget(Exception):
    """A page drew more than MAX_MINER_PAGE_CHARS characters."""


def _budgeted_aggregator(base: type) -> type:
    """pdfminer's page aggregator that stops a page after MAX_MINER_PAGE_CHARS
    characters (:class:`_OverBudget`); :meth:`finish_page` then lays out the part read."""

    class Budgeted(base):  # type: ignore[misc,valid-type]
        chars = 0

        def render_char(self, *args: Any, **kwargs: Any) -> float:
            self.chars += 1
            if self.chars > MAX_MINER_PAGE_CHARS:
                raise _OverBudget
            return float(super().render_char(*args, **kwargs))

        def finish_page(self, page: Any) -> None:
            while self._stack:  # figures left open by the interrupted content stream
                self.end_figure(None)
            self.end_page(page)

    return Budgeted


def _miner_page_count(doc: object, resolve1: object) -> int:
    """The declared page count (0 when unknown); when it is over the limit, the real
    pages are counted instead (lazily, at most one past the limit is enough: the page
    loop enforces it), since ``/Count`` is only a claim."""
    try:
        pages = resolve1(doc.catalog["Pages"])  # type: ignore[attr-defined,operator]
        return int(resolve1(pages["Count"]))  # type: ignore[operator]
    except (KeyError, TypeError, ValueError, AttributeError):
        return 0  # unknown: the page loop enforces the limit


def _miner_real_pages(doc: Any, declared: int, max_pages: int) -> int:
    from pdfminer.pdfpage import PDFPage

    if declared <= max_pages:
        return declared
    real = 0
    for _ in PDFPage.create_pages(doc):
        real += 1
        if real > max_pages:
            break
    return real


# --- pdfium ---------------------------------------------------------------------

_PDFIUM_PASSWORD_ERRORS = (4, 5)  # FPDF_ERR_PASSWORD, FPDF_ERR_SECURITY


def _pdfium_lines(
    textpage: Any, page_h: float, budget: int = MAX_PDF_CHARS, skip: frozenset[int] = frozenset()
) -> list[_Line]:
    """Characters with their boxes → lines, grouped the way pdfminer's layout analysis
    does with default LAParams: consecutive characters stay on one line while they
    overlap vertically and the gap is under ``char_margin`` (2.0) widths; a gap over
    ``word_margin`` (0.1) widths becomes a space."""
    import ctypes

    import pypdfium2.raw as pdfium_c

    raw = textpage.raw
    n = min(pdfium_c.FPDFText_CountChars(raw), budget)
    if n <= 0:
        return []
    text = textpage.get_text_range(0, n)
    if len(text) != n:  # characters outside the BMP: fall back to one call per char
        text = "".join(textpage.get_text_range(i, 1)[:1] or " " for i in range(n))
    rect = pdfium_c.FS_RECTF()
    get_box = pdfium_c.FPDFText_GetLooseCharBox
    ref = ctypes.byref(rect)
    lines: list[_Line] = []
    parts: list[str] = []
    x0 = y_top = x1 = y_bottom = 0.0
    last_w = 0.0
    pending_space = False

    def flush() -> None:
        if parts:
            lines.append(_Line(x0, page_h - y_top, x1, page_h - y_bottom, "".join(parts)))
            parts.clear()

    for i in range(n):
        ch = text[i]
        if ch in "\r\n\x00" or i in skip:  # skip: hidden text (pdfium_hidden)
            pending_space = bool(parts)
            continue
        if ch in "\ufffe\x02":  # pdfium's mark for a hyphen at a line end
            ch = "-"
        if not get_box(raw, i, ref):
            continue
        cl, cr, cb, ct = rect.left, rect.right, rect.bottom, rect.top
        if ch.isspace():
            pending_space = bool(parts)
            continue
        w = max(cr - cl, 0.1)
        if parts:
            overlap = min(y_top, ct) - max(y_bottom, cb)
            gap = cl - x1
            same_line = overlap > 0.3 * min(y_top - y_bottom, ct - cb, 1e9) and -2 * max(
                w, last_w
            ) < gap < 2.0 * max(w, last_w)
            if not same_line:
                flush()
                pending_space = False
            elif pending_space or gap > 0.1 * max(w, last_w):
                parts.append(" ")
        if not parts:
            x0, y_top, x1, y_bottom = cl, ct, cr, cb
        else:
            x1 = max(x1, cr)
            y_top = max(y_top, ct)
            y_bottom = min(y_bottom, cb)
        parts.append(ch)
        last_w = w
        pending_space = False
    flush()
    return lines


#: PDFium is not thread-safe: no two threads may call into it at once, not even on
#: different documents (pypdfium2's documentation; measured here: heap corruption with
#: four threads).  Dask workers read files in threads, so every pdfium read holds this.
_PDFIUM_LOCK = threading.Lock()


def read_pdf_pdfium(data: bytes, name: str, max_pages: int) -> PdfPages:
    """Read with pypdfium2: text rectangles of each page, then the same ordering
    (one thread at a time in a process: :data:`_PDFIUM_LOCK`)."""
    with _PDFIUM_LOCK:
        return _read_pdfium(data, name, max_pages)


def _read_pdfium(data: bytes, name: str, max_pages: int) -> PdfPages:
    import pypdfium2 as pdfium

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            doc = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as e:
        if getattr(e, "err_code", None) in _PDFIUM_PASSWORD_ERRORS:
            raise ResumeReadError(name, "encrypted", "PDF is encrypted and needs a password") from e
        raise ResumeReadError(name, "corrupt", f"PDF could not be parsed: {e}") from e
    try:
        n_pages = _pdfium_real_pages(doc, name, max_pages)
        if n_pages == 0:
            raise ResumeReadError(
                name, "corrupt", "PDF has no readable pages (damaged or truncated)"
            )
        pages: list[tuple[PageLine, ...]] = []
        budget = MAX_PDF_CHARS
        hidden = 0
        for i in range(n_pages):
            check_deadline(name)
            if budget <= 0:
                break  # the rest is unread (MAX_PDF_CHARS)
            page = doc[i]
            try:
                page_h = page.get_height()
                textpage = page.get_textpage()
                try:
                    take = min(max(0, pdfium.raw.FPDFText_CountChars(textpage.raw)), budget)
                    budget -= take
                    skip = pdfium_hidden(textpage, take)
                    hidden += len(skip)
                    lines = _pdfium_lines(textpage, page_h, take, skip)
                    pages.append(_page_lines(lines, page_h))
                finally:
                    textpage.close()
            finally:
                page.close()
    except pdfium.PdfiumError as e:
        raise ResumeReadError(name, "corrupt", f"PDF page could not be read: {e}") from e
    finally:
        doc.close()
    return PdfPages(tuple(pages), n_pages, hidden)


def _pdfium_real_pages(doc: Any, name: str, max_pages: int) -> int:
    """The page count, from the pages that load when the page tree declares more than
    ``max_pages`` (``/Count`` is only a claim: one real page may say a million)."""
    import pypdfium2 as pdfium

    declared = len(doc)
    if declared <= max_pages:
        return declared
    real = 0
    for i in range(max_pages + 1):
        try:
            doc[i].close()
        except pdfium.PdfiumError:
            break
        real = i + 1
    if real > max_pages:
        raise ResumeReadError(
            name, "too_large", f"PDF has {declared} pages, more than max_pages={max_pages}"
        )
    return real
