"""Text a reader cannot see in a PDF, for both readers of :mod:`rolematch._pdf`.

It is left out of the text and counted (``PdfPages.hidden_chars``,
``Resume.hidden_chars``): keyword stuffing in white on white, in tiny glyphs or drawn
invisibly (issue 16) must not reach the score.
"""

from __future__ import annotations

from typing import Any

# Text a reader cannot see is left out and counted (keyword stuffing, issue 16): a
# fill colour at white (a white page assumed), glyphs under _MIN_POINTS, or text
# drawn in render mode 3 (invisible).

_WHITE = 0.95  # every RGB / gray component at least this (CMYK: at most 1 - it)
_MIN_POINTS = 2.0  # glyphs smaller than this are unreadable
_INVISIBLE = "invisible"  # the fill colour pdfminer characters get in render mode 3


def _is_white(color: object) -> bool:
    values = color if isinstance(color, (tuple, list)) else (color,)
    if not values or not all(isinstance(v, (int, float)) for v in values):
        return False
    if len(values) == 4:  # CMYK
        return all(v <= 1.0 - _WHITE for v in values)
    return len(values) in (1, 3) and all(v >= _WHITE for v in values)


def miner_char_hidden(c: Any) -> bool:
    """Whether a pdfminer ``LTChar`` cannot be seen: white, tiny or invisible."""
    color = getattr(getattr(c, "graphicstate", None), "ncolor", None)
    return c.size < _MIN_POINTS or color == _INVISIBLE or _is_white(color)


def visible_text(line: Any) -> tuple[str, int]:
    """A pdfminer text line's text without its hidden characters, and their count."""
    from pdfminer.layout import LTChar

    hidden = [o for o in line if isinstance(o, LTChar) and miner_char_hidden(o)]
    if not hidden:
        return line.get_text().strip("\n"), 0
    gone = set(map(id, hidden))
    text = "".join(o.get_text() for o in line if id(o) not in gone)
    return text.strip("\n"), sum(1 for o in hidden if not o.get_text().isspace())


def visible_aggregator(base: type) -> type:
    """pdfminer's page aggregator, marking text drawn in render mode 3 (invisible) so
    :func:`miner_char_hidden` knows it."""
    import copy

    class Visible(base):  # type: ignore[misc, valid-type]
        def render_string(self, textstate: Any, seq: Any, ncs: Any, graphicstate: Any) -> None:
            if getattr(textstate, "render", 0) == 3:
                graphicstate = copy.copy(graphicstate)
                graphicstate.ncolor = _INVISIBLE
            super().render_string(textstate, seq, ncs, graphicstate)

    return Visible


class _PdfiumProbe:
    """Asks pdfium whether a text object cannot be seen: render mode 3, white or fully
    transparent fill, or a font size (times its matrix) under :data:`_MIN_POINTS`
    (buffers made once; pdfium calls are serialized by :data:`rolematch._pdf._PDFIUM_LOCK`)."""

    def __init__(self) -> None:
        import ctypes

        import pypdfium2.raw as pdfium_c

        self.c = pdfium_c
        self.rgba = [ctypes.c_uint() for _ in range(4)]
        self.rgba_refs = [ctypes.byref(v) for v in self.rgba]
        self.size, self.matrix = ctypes.c_float(), pdfium_c.FS_MATRIX()
        self.size_ref, self.matrix_ref = ctypes.byref(self.size), ctypes.byref(self.matrix)

    def hidden(self, obj: Any) -> bool:
        c = self.c
        if c.FPDFTextObj_GetTextRenderMode(obj) == 3:
            return True
        if c.FPDFPageObj_GetFillColor(obj, *self.rgba_refs):
            r, g, b, a = (v.value for v in self.rgba)
            if a == 0 or min(r, g, b) >= 255 * _WHITE:
                return True
        if c.FPDFTextObj_GetFontSize(obj, self.size_ref) and c.FPDFPageObj_GetMatrix(
            obj, self.matrix_ref
        ):
            m = self.matrix
            return 0 < self.size.value * (m.c * m.c + m.d * m.d) ** 0.5 < _MIN_POINTS
        return False


#: pdfium_hidden looks at every this-many-th character, and around those hidden
_STRIDE = 8


def pdfium_hidden(textpage: Any, limit: int | None = None) -> frozenset[int]:
    """Indices of a pdfium text page's characters that cannot be seen (spaces and line
    breaks excluded; :class:`_PdfiumProbe`).

    Asking pdfium about every character doubles a page's reading time, so every
    :data:`_STRIDE`-th character is looked at, and all characters around one found
    hidden, up to the visible ones on either side (characters without a text object,
    like generated spaces, are passed over): a hidden run shorter than the stride can
    be missed; a keyword block cannot.  Only the first ``limit`` characters are looked
    at (the reader's character budget)."""
    probe = _PdfiumProbe()
    c, raw = probe.c, textpage.raw
    n = max(c.FPDFText_CountChars(raw), 0)
    n = n if limit is None else min(n, limit)  # the characters the reader takes

    def hidden(i: int) -> bool | None:  # None: no text object (a generated space)
        obj = c.FPDFText_GetTextObject(raw, i)
        return probe.hidden(obj) if obj else None

    found: set[int] = set()
    for i in range(0, n, _STRIDE):
        if i in found or not hidden(i):
            continue
        found.add(i)
        for step in (-1, 1):
            k = i + step
            while 0 <= k < n and k not in found and (h := hidden(k)) is not False:
                if h:
                    found.add(k)
                k += step
    return frozenset(i for i in found if c.FPDFText_GetUnicode(raw, i) not in (0, 9, 10, 13, 32))
