"""DOCX → text lines in document order: paragraphs and table cells (row by row,
merged cells once), text boxes, and the first section's page header (where contact
details often live)."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator

from .errors import ResumeReadError

__all__ = ["read_docx_lines", "stream_docx_lines", "is_docx_zip", "check_inflated_size"]

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def is_docx_zip(data: bytes) -> bool | None:
    """True for a zip holding word/document.xml, False for another zip, None when the
    zip itself is unreadable."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            return "word/document.xml" in zf.namelist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return None


def _paragraph_text(p: object) -> str:
    parts: list[str] = []
    for el in p.iter():  # type: ignore[attr-defined]
        tag = el.tag
        if tag == _W + "t":
            parts.append(el.text or "")
        elif tag == _W + "tab":
            parts.append("\t")
        elif tag in (_W + "br", _W + "cr"):
            parts.append("\n")
        elif tag == _W + "p" and el is not p:
            parts.append("\n")  # a paragraph nested in a text box
    return "".join(parts)


def _block_lines(container: object) -> Iterator[str]:
    """Lines of a body, cell, header: paragraphs and tables in order."""
    for child in container:  # type: ignore[attr-defined]
        tag = child.tag
        if tag == _W + "p":
            yield from _paragraph_text(child).split("\n")
        elif tag == _W + "tbl":
            yield from _table_lines(child)
        elif tag == _W + "sdt":  # content control: look inside
            content = child.find(_W + "sdtContent")
            if content is not None:
                yield from _block_lines(content)


def _table_lines(tbl: object) -> Iterator[str]:
    for row in tbl.iter(_W + "tr"):  # type: ignore[attr-defined]
        if row.getparent() is not tbl:
            continue  # rows of nested tables are read with their cell
        for cell in row.iter(_W + "tc"):
            if cell.getparent() is not row:
                continue
            vmerge = cell.find(f"{_W}tcPr/{_W}vMerge")
            if vmerge is not None and vmerge.get(_W + "val") in (None, "continue"):
                continue  # continuation of a vertically merged cell
            yield from _block_lines(cell)


def check_inflated_size(data: bytes, name: str, limit: int) -> None:
    """Raise ResumeReadError(too_large) when the zip's members inflate to more than
    ``limit`` bytes in all (a zip bomb): python-docx reads every part into memory.
    The sizes in the zip directory are binding: :mod:`zipfile` never inflates a
    member beyond its stated size."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            total = sum(i.file_size for i in zf.infolist())
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as e:
        raise ResumeReadError(name, "corrupt", f"DOCX could not be opened: {e}") from e
    if total > limit:
        raise ResumeReadError(
            name,
            "too_large",
            f"DOCX parts inflate to {total} bytes, more than {limit >> 20} MiB (a zip bomb?)",
        )


#: A document part larger than this (inflated) is streamed, not loaded: python-docx
#: builds the whole XML tree, about 16 bytes of memory per byte of XML (58 MB of tiny
#: paragraphs took 920 MB and 71 s).  Real résumés' document.xml stays under 1 MB.
STREAM_ABOVE = 4 << 20


def _document_size(data: bytes) -> int:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            return zf.getinfo("word/document.xml").file_size
    except (KeyError, zipfile.BadZipFile, OSError, ValueError, EOFError):
        return 0


def stream_docx_lines(data: bytes, name: str, max_lines: int, max_chars: int) -> list[str]:
    """Paragraph lines of word/document.xml in document order, parsed as a stream and
    dropped as read, stopping after ``max_lines`` lines or ``max_chars`` characters
    (no header, no merged-cell handling: for oversized documents only)."""
    from lxml import etree  # type: ignore[import-untyped]

    lines: list[str] = []
    chars = 0
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf, zf.open("word/document.xml") as fh:
            for _, el in etree.iterparse(
                fh,
                events=("end",),
                tag=_W + "p",
                resolve_entities=False,
                no_network=True,
                huge_tree=False,
            ):
                if el.getparent() is not None and el.getparent().tag == _W + "p":
                    continue  # nested (text box): read with its outer paragraph
                for line in _paragraph_text(el).split("\n"):
                    lines.append(line)
                    chars += len(line) + 1
                el.clear()
                for node in (el, *el.iterancestors()):  # drop what was read, tables too
                    while node.getprevious() is not None:
                        del node.getparent()[0]
                if len(lines) > max_lines or chars > max_chars:
                    break  # one past the limit: the caller notes the cut
    except (KeyError, zipfile.BadZipFile, OSError, ValueError, EOFError, etree.XMLSyntaxError) as e:
        raise ResumeReadError(name, "corrupt", f"DOCX could not be parsed: {e}") from e
    return lines


def read_docx_lines(
    data: bytes,
    name: str,
    max_inflated: int | None = None,
    *,
    max_lines: int = 5_000,
    max_chars: int = 300_000,
) -> list[str]:
    """Text lines of a DOCX.  Raises ResumeReadError(corrupt) when python-docx
    cannot open it, (too_large) when its parts inflate beyond ``max_inflated``.  A
    document part over :data:`STREAM_ABOVE` is streamed (:func:`stream_docx_lines`)."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    if max_inflated is not None:
        check_inflated_size(data, name, max_inflated)
    if _document_size(data) > STREAM_ABOVE:
        return stream_docx_lines(data, name, max_lines, max_chars)
    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, OSError) as e:
        raise ResumeReadError(name, "corrupt", f"DOCX could not be opened: {e}") from e
    except Exception as e:  # noqa: BLE001 - lxml XMLSyntaxError and friends
        raise ResumeReadError(
            name, "corrupt", f"DOCX could not be parsed: {type(e).__name__}: {e}"
        ) from e
    lines: list[str] = []
    try:
        sections = document.sections
        if len(sections):
            header = sections[0].header
            if not header.is_linked_to_previous:
                lines.extend(_block_lines(header._element))
    except (KeyError, ValueError, AttributeError):
        pass  # a broken header part is no reason to lose the body
    lines.extend(_block_lines(document.element.body))
    return lines
