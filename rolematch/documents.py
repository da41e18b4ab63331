"""Stage 1: a résumé file (PDF, DOCX, text) becomes a :class:`Resume`.

:func:`read_resume` detects the format from the content (magic bytes), extracts text
lines in reading order, cleans them (glyph junk, ligatures, hyphenation, running
headers/footers) and finds sections, experience entries with dates, education and
contact details.  Every failure is a :class:`~rolematch.errors.ResumeReadError` with a
``reason`` code.
"""

from __future__ import annotations

import logging
import os
import stat
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

from . import _sections
from ._clean import decode_text, drop_running_lines, finish_lines, looks_binary, strip_markdown
from ._dates import DateRange, years_of
from ._pdf import check_deadline
from .errors import ResumeReadError

__all__ = [
    "SECTION_NAMES",
    "EDUCATION_LEVELS",
    "Section",
    "ExperienceEntry",
    "Education",
    "Contact",
    "Resume",
    "read_resume",
    "format_resume_text",
    "PDF_READERS",
]

logger = logging.getLogger(__name__)

SECTION_NAMES = (
    "header",
    "summary",
    "experience",
    "education",
    "skills",
    "certifications",
    "projects",
    "other",
)
EDUCATION_LEVELS = ("high_school", "associate", "bachelor", "master", "doctorate")
PDF_READERS = ("pdfminer", "pdfium", "auto")
#: What a PDF's streams or a DOCX's parts may inflate to, in all, before the file is
#: refused as ``too_large`` (a decompression bomb).  Real résumés stay far below: the
#: largest of 718 LiveCareer PDFs inflates to 0.35 MB.
MAX_INFLATED_BYTES = 64 * 2**20


@dataclass(frozen=True)
class Section:
    name: str  # one of SECTION_NAMES
    heading: str  # the heading line as written ("" for the header block)
    start: int  # first line index (inclusive) in Resume.lines
    end: int  # last line index (exclusive)


@dataclass(frozen=True)
class ExperienceEntry:
    heading: str  # the line(s) that introduce the job (title, company)
    start: date | None
    end: date | None  # None when current ("Present")
    current: bool
    first_line: int  # line span of the entry in Resume.lines, [first, last)
    last_line: int
    precision: str = "month"  # "month" or "year": how exactly the dates were written


@dataclass(frozen=True)
class Education:
    level: str | None  # one of EDUCATION_LEVELS
    field: str | None
    line: int


@dataclass(frozen=True)
class Contact:
    name: str | None = None
    emails: tuple[str, ...] = ()
    phones: tuple[str, ...] = ()
    urls: tuple[str, ...] = ()
    lines: tuple[int, ...] = ()  # indices of lines holding the name or contact details


@dataclass(frozen=True)
class Resume:
    source: str
    format: str  # "pdf" | "docx" | "text"
    text: str  # clean text, "\n".join(lines)
    lines: tuple[str, ...]
    sections: tuple[Section, ...] = ()
    experience: tuple[ExperienceEntry, ...] = ()
    years_experience: float = 0.0
    education: tuple[Education, ...] = ()
    contact: Contact = field(default_factory=Contact)
    pages: int = 1
    #: characters of a PDF left out because a reader cannot see them (white, tiny or
    #: invisible text: :mod:`rolematch._pdf_hidden`); 0 for other formats
    hidden_chars: int = 0

    def section_at(self, line: int) -> str:
        """Name of the section holding line index ``line`` ("other" outside any)."""
        for s in self.sections:
            if s.start <= line < s.end:
                return s.name
        return "other"

    def section_text(self, name: str) -> str:
        """Text of every section called ``name`` (headings included), "" if none."""
        if name not in SECTION_NAMES:
            raise ValueError(f"unknown section name {name!r}; expected one of {SECTION_NAMES}")
        return "\n".join(
            "\n".join(self.lines[s.start : s.end]) for s in self.sections if s.name == name
        )

    @property
    def education_level(self) -> str | None:
        """Highest education level found, or None."""
        levels = [e.level for e in self.education if e.level in EDUCATION_LEVELS]
        return max(levels, key=EDUCATION_LEVELS.index) if levels else None

    def to_dict(self) -> dict[str, Any]:
        """JSON-safe dict (dates as ISO strings); :meth:`from_dict` inverts it."""
        return {
            "source": self.source,
            "format": self.format,
            "text": self.text,
            "lines": list(self.lines),
            "pages": self.pages,
            "hidden_chars": self.hidden_chars,
            "years_experience": self.years_experience,
            "sections": [
                {"name": s.name, "heading": s.heading, "start": s.start, "end": s.end}
                for s in self.sections
            ],
            "experience": [
                {
                    "heading": e.heading,
                    "start": _iso(e.start),
                    "end": _iso(e.end),
                    "current": e.current,
                    "first_line": e.first_line,
                    "last_line": e.last_line,
                    "precision": e.precision,
                }
                for e in self.experience
            ],
            "education": [
                {"level": e.level, "field": e.field, "line": e.line} for e in self.education
            ],
            "contact": {
                "name": self.contact.name,
                "emails": list(self.contact.emails),
                "phones": list(self.contact.phones),
                "urls": list(self.contact.urls),
                "lines": list(self.contact.lines),
            },
        }

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Resume:
        """Rebuild a Resume from :meth:`to_dict` output."""
        c = d.get("contact") or {}
        return cls(
            source=d["source"],
            format=d["format"],
            text=d["text"],
            lines=tuple(d["lines"]),
            pages=int(d.get("pages", 1)),
            hidden_chars=int(d.get("hidden_chars", 0)),
            years_experience=float(d.get("years_experience", 0.0)),
            sections=tuple(
                Section(s["name"], s["heading"], int(s["start"]), int(s["end"]))
                for s in d.get("sections", ())
            ),
            experience=tuple(
                ExperienceEntry(
                    e["heading"],
                    _from_iso(e["start"]),
                    _from_iso(e["end"]),
                    bool(e["current"]),
                    int(e["first_line"]),
                    int(e["last_line"]),
                    e.get("precision", "month"),
                )
                for e in d.get("experience", ())
            ),
            education=tuple(
                Education(e["level"], e["field"], int(e["line"])) for e in d.get("education", ())
            ),
            contact=Contact(
                c.get("name"),
                tuple(c.get("emails", ())),
                tuple(c.get("phones", ())),
                tuple(c.get("urls", ())),
                tuple(c.get("lines", ())),
            ),
        )


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d is not None else None


def _from_iso(s: str | None) -> date | None:
    return date.fromisoformat(s) if s else None


# --- format detection -------------------------------------------------------------

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


def _sniff(data: bytes, name: str) -> str:
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


# --- reading ----------------------------------------------------------------------


def _load(source: str | Path | bytes, filename: str | None, max_bytes: int) -> tuple[bytes, str]:
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


def _pdf_lines(data: bytes, name: str, reader: str, max_pages: int) -> tuple[list[str], int, int]:
    """The PDF's clean lines, page count and hidden characters left out."""
    from . import _pdf

    _pdf.check_inflated_size(data, name, MAX_INFLATED_BYTES)
    if reader == "pdfium":
        result = _pdf.read_pdf_pdfium(data, name, max_pages)
    elif reader == "pdfminer":
        result = _pdf.read_pdf_pdfminer(data, name, max_pages)
    else:  # auto: pdfium first (fast), pdfminer when pdfium finds no text or fails
        try:
            result = _pdf.read_pdf_pdfium(data, name, max_pages)
        except ResumeReadError as e:
            if e.reason in ("too_large", "timeout"):
                raise
            logger.debug("pdfium failed on %s (%s); trying pdfminer", name, e.reason)
            result = _pdf.read_pdf_pdfminer(data, name, max_pages)
        else:
            if not any(pl.text.strip() for page in result.pages for pl in page):
                result = _pdf.read_pdf_pdfminer(data, name, max_pages)
    pages = drop_running_lines(result.pages)
    raw = [pl.text for page in pages for pl in page]
    lines, cids = finish_lines(raw)
    if not lines:
        if cids:
            raise ResumeReadError(
                name,
                "no_text_layer",
                "PDF text cannot be decoded (fonts without a Unicode map); it needs OCR",
            )
        raise ResumeReadError(
            name,
            "no_text_layer",
            f"PDF has {result.n_pages} page(s) but no text layer "
            "(scanned or image-only); it needs OCR",
        )
    return lines, result.n_pages, result.hidden_chars


def read_resume(
    source: str | Path | bytes,
    *,
    filename: str | None = None,
    pdf_reader: str = "pdfminer",
    max_bytes: int = 10_000_000,
    max_pages: int = 30,
    today: date | None = None,
) -> Resume:
    """Read a résumé file (or its bytes) into a :class:`Resume`.

    ``source`` is a path or the file's bytes; ``filename`` names bytes input in errors
    and ``Resume.source`` (and its extension helps when the content is ambiguous).
    The format is taken from the content: PDF, DOCX, else text (UTF-8, UTF-8/16/32
    with BOM, cp1252 fallback).  ``pdf_reader`` is "pdfminer" (careful default),
    "pdfium" (pypdfium2, several times faster, same output shape) or "auto": pdfium
    first, falling back to pdfminer when pdfium fails or finds no text.  ``today``
    anchors "Present" in experience dates (default: ``date.today()``).

    Raises :class:`ResumeReadError` with reason not_found (also for a pipe, device
    or symlink loop), unsupported_format, encrypted, corrupt, empty, no_text_layer
    or too_large (``max_bytes``, ``max_pages``, or streams inflating beyond
    :data:`MAX_INFLATED_BYTES`: a decompression or zip bomb).
    """
    if pdf_reader not in PDF_READERS:
        raise ValueError(f"pdf_reader must be one of {PDF_READERS}, not {pdf_reader!r}")
    data, name = _load(source, filename, max_bytes)
    if not data.strip():
        raise ResumeReadError(
            name, "empty", "file is empty" if not data else "file holds only whitespace"
        )
    fmt = _sniff(data, name)
    pages, hidden = 1, 0
    if fmt == "pdf":
        lines, pages, hidden = _pdf_lines(data, name, pdf_reader, max_pages)
    elif fmt == "docx":
        from ._docx import read_docx_lines

        lines, _ = finish_lines(read_docx_lines(data, name, MAX_INFLATED_BYTES))
    else:
        try:
            text, _enc = decode_text(data)
        except UnicodeDecodeError as e:
            raise ResumeReadError(
                name, "corrupt", f"text does not decode after its BOM: {e}"
            ) from e
        if looks_binary(text):
            raise ResumeReadError(name, "unsupported_format", "binary data, not PDF, DOCX or text")
        lines, _ = finish_lines(strip_markdown(text.splitlines()))
    if not lines:
        raise ResumeReadError(name, "empty", f"{fmt.upper()} file holds no text")
    check_deadline(name)  # a batch's per-file time limit (PDFs also check between pages)
    resume = build_resume(lines, source=name, fmt=fmt, pages=pages, today=today)
    return replace(resume, hidden_chars=hidden) if hidden else resume


def build_resume(
    lines: list[str], *, source: str, fmt: str, pages: int = 1, today: date | None = None
) -> Resume:
    """Clean lines → Resume: sections, experience, education, contact."""
    today = today if today is not None else date.today()
    sections = tuple(Section(*s) for s in _sections.split_sections(lines))
    exp_spans = [(s.start, s.end) for s in sections if s.name == "experience"]
    entries = _sections.find_experience(lines, exp_spans)
    experience = tuple(_entry(h, r, a, b) for h, r, a, b in entries)
    years = years_of((r for _, r, _, _ in entries), today)
    edu_spans = [(s.start, s.end) for s in sections if s.name == "education"]
    education = tuple(
        Education(lv, fd, i) for lv, fd, i in _sections.find_education(lines, edu_spans)
    )
    header_end = next((s.end for s in sections if s.name == "header"), 0)
    if not any(s.name == "header" for s in sections):
        header_end = min(5, len(lines)) if sections and sections[0].name == "other" else 0
    name, emails, phones, urls, hit = _sections.find_contact(lines, header_end)
    contact = Contact(name, tuple(emails), tuple(phones), tuple(urls), tuple(hit))
    return Resume(
        source=source,
        format=fmt,
        text="\n".join(lines),
        lines=tuple(lines),
        sections=sections,
        experience=experience,
        years_experience=years,
        education=education,
        contact=contact,
        pages=pages,
    )


def _entry(heading: str, r: DateRange, first: int, last: int) -> ExperienceEntry:
    precision = (
        "year"
        if "year" in (r.start_precision, r.end_precision) and not r.current
        else r.start_precision
    )
    return ExperienceEntry(heading, r.start, r.end, r.current, first, last, precision)


def format_resume_text(resume: Resume) -> str:
    """What the reader understood, for ``rolematch read``: sections with line counts,
    experience entries with dates, years, education and contact found."""
    out = [
        f"{resume.source} ({resume.format}, {resume.pages} page(s), {len(resume.lines)} lines)",
        "",
        "Sections:",
    ]
    if resume.hidden_chars:
        out[1:1] = [
            "",
            f"Hidden text left out: {resume.hidden_chars} characters "
            "(white, tiny or invisible in the PDF)",
        ]
    for s in resume.sections:
        label = f' "{s.heading}"' if s.heading else ""
        out.append(f"  {s.name:<15}{label} lines {s.start}-{s.end - 1} ({s.end - s.start} lines)")
    out += [
        "",
        f"Experience: {len(resume.experience)} entries, "
        f"{resume.years_experience:.1f} years (overlaps merged)",
    ]
    for e in resume.experience:
        fmt = "%Y" if e.precision == "year" else "%b %Y"
        start = e.start.strftime(fmt) if e.start else "?"
        end = "Present" if e.current else (e.end.strftime(fmt) if e.end else "?")
        out.append(f"  {start} – {end}: {e.heading[:90]} (lines {e.first_line}-{e.last_line - 1})")
    out += ["", f"Education: highest level {resume.education_level or 'not found'}"]
    for ed in resume.education:
        out.append(f"  {ed.level}{' in ' + ed.field if ed.field else ''} (line {ed.line})")
    c = resume.contact
    out += ["", "Contact:"]
    out.append(f"  name: {c.name or 'not found'}")
    for label, values in (("emails", c.emails), ("phones", c.phones), ("urls", c.urls)):
        out.append(f"  {label}: {', '.join(values) if values else 'none'}")
    return "\n".join(out)
