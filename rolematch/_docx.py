"""DOCX → text lines in document order: paragraphs and table cells (row by row,
merged cells once), text boxes, and the first section's page header (where contact
details often live)."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator

from .errors import ResumeReadError

__all__ = ["read_docx_lines", "is_docx_zip", "check_inflated_size"]

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


def read_docx_lines(data: bytes, name: str, max_inflated: int | None = None) -> list[str]:
    """Text lines of a DOCX.  Raises ResumeReadError(corrupt) when python-docx
    cannot open it, (too_large) when its parts inflate beyond ``max_inflated``."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    if max_inflated is not None:
        check_inflated_size(data, name, max_inflated)
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
