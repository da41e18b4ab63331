"""Stage 1: a résumé file (PDF, DOCX, text) becomes a :class:`Resume`.

:func:`read_resume` detects the format from the content (magic bytes), extracts text
lines in reading order, cleans them (glyph junk, ligatures, hyphenation, running
headers/footers) and finds sections, experience entries with dates, education and
contact details.  Every failure is a :class:`~rolematch.errors.ResumeReadError` with a
``reason`` code.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

from . import _sections
from ._clean import (
    decode_text,
    drop_running_lines,
    finish_lines,
    is_garbled,
    looks_binary,
    strip_markdown,
)
from ._dates import DateRange, years_of
from ._files import load, sniff
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
    "decoded_text",
    "format_resume_text",
    "PDF_READERS",
    "DEFAULT_PDF_READER",
    "MAX_LINES",
    "MAX_CHARS",
    "NO_JOB_DATES",
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
#: The one default PDF reader of the library and the CLI: pdfium first, pdfminer when
#: pdfium fails, finds no text or finds garbled text.
DEFAULT_PDF_READER = "auto"
#: At most this many lines, and characters in all, of a file reach the section finder
#: and scoring: the largest of 718 LiveCareer résumés has 15,600 characters in 216 lines; 4.5 million
#: one-character lines would otherwise cost gigabytes.  The cut is noted on the Resume.
MAX_LINES = 5_000
MAX_CHARS = 300_000
#: The note on a Resume whose experience has no dated job: its years are 0, so the
#: experience component is 0 against any role with a minimum.
NO_JOB_DATES = "no job dates found: years of experience counted as 0"
#: What a PDF's streams or a DOCX's parts may inflate to, in all, before the file is
#: refused as ``too_large`` (a decompression bomb).  Real résumés stay far below: the
#: largest of 718 LiveCareer PDFs inflates to 0.35 MB.
MAX_INFLATED_BYTES = 64 * 2**20
#: What a PDF's streams that may draw text (page content, forms; not images or fonts)
#: may hold in all, inflated: more is refused as ``too_large``, since a page of
#: millions of glyphs takes a reader minutes.  The largest of 718 LiveCareer PDFs
#: holds 0.33 MB, the median 0.12 MB.
MAX_CONTENT_BYTES = 2 * 2**20


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
    #: What the reader could not do, for reports to show: :data:`NO_JOB_DATES`, a cut
    #: text ("text cut at 5000 lines")…
    notes: tuple[str, ...] = ()

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
            "notes": list(self.notes),
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
            notes=tuple(d.get("notes", ())),
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


# --- reading ----------------------------------------------------------------------


def _pdf_lines(data: bytes, name: str, reader: str, max_pages: int) -> tuple[list[str], int, int]:
    """Clean lines, page count and hidden characters left out of a PDF.  "auto" reads with pdfium first; pdfminer
    is tried when the first reader fails (not for too_large or timeout), finds no text,
    or finds garbled text (:func:`~rolematch._clean.is_garbled`), whichever reader was
    asked for first."""
    from . import _pdf

    _pdf.check_inflated_size(data, name, MAX_INFLATED_BYTES, MAX_CONTENT_BYTES)
    order = {
        "pdfium": ("pdfium", "pdfminer"),
        "pdfminer": ("pdfminer", "pdfium"),
        "auto": ("pdfium", "pdfminer"),
    }[reader]
    read = {"pdfium": _pdf.read_pdf_pdfium, "pdfminer": _pdf.read_pdf_pdfminer}
    failure: ResumeReadError | None = None
    for which in order:
        try:
            result = read[which](data, name, max_pages)
        except ResumeReadError as e:
            if e.reason in ("too_large", "timeout"):
                raise
            logger.debug("%s failed on %s (%s); trying the other reader", which, name, e.reason)
            failure = failure or e
            continue
        lines, n_pages, problem = _pdf_text(result, name)
        if problem is None:
            return lines, n_pages, result.hidden_chars
        logger.debug("%s on %s: %s", which, name, problem.reason)
        if failure is None or failure.reason == "corrupt":
            failure = problem  # what a reader saw beats a parse error of the other
    assert failure is not None
    raise failure


def _pdf_text(result: Any, name: str) -> tuple[list[str], int, ResumeReadError | None]:
    """One reader's pages → (clean lines, pages, the problem that rejects them or None)."""
    pages = drop_running_lines(result.pages)
    lines, cids = finish_lines([pl.text for page in pages for pl in page])
    if not lines:
        if cids:
            return (
                [],
                result.n_pages,
                ResumeReadError(
                    name,
                    "no_text_layer",
                    "PDF text cannot be decoded (fonts without a Unicode map); it needs OCR",
                ),
            )
        return (
            [],
            result.n_pages,
            ResumeReadError(
                name,
                "no_text_layer",
                f"PDF has {result.n_pages} page(s) but no text layer "
                "(scanned or image-only); it needs OCR",
            ),
        )
    if is_garbled(lines):
        return lines, result.n_pages, _garbled(name, "PDF")
    return lines, result.n_pages, None


def _garbled(name: str, what: str) -> ResumeReadError:
    return ResumeReadError(
        name,
        "garbled_text",
        f"{what}: the text does not read as words (a font without a "
        "usable Unicode map, or not text at all); it needs OCR",
    )


def _cap(text_lines: list[str]) -> tuple[list[str], tuple[str, ...]]:
    """At most :data:`MAX_LINES` lines of at most :data:`MAX_CHARS` characters in all
    reach the section finder and scoring; the cut is noted on the Resume."""
    notes: list[str] = []
    if len(text_lines) > MAX_LINES:
        text_lines = text_lines[:MAX_LINES]
        notes.append(f"text cut at {MAX_LINES} lines")
    total = 0
    for i, line in enumerate(text_lines):
        total += len(line) + 1
        if total > MAX_CHARS:
            text_lines = text_lines[:i] + [line[: max(0, len(line) - (total - MAX_CHARS))]]
            notes.append(f"text cut at {MAX_CHARS} characters")
            break
    return text_lines, tuple(notes)


def decoded_text(data: bytes, name: str, expected: str = "PDF, DOCX or text") -> str:
    """A text file's bytes as text (BOM, UTF-8, cp1252), or a :class:`ResumeReadError`
    naming the file: bytes that do not decode, or binary data (not ``expected``)."""
    try:
        text, _enc = decode_text(data)
    except UnicodeDecodeError as e:
        raise ResumeReadError(name, "corrupt", f"text does not decode after its BOM: {e}") from e
    if looks_binary(text):
        raise ResumeReadError(name, "unsupported_format", f"binary data, not {expected}")
    return text


def _text_lines(data: bytes, name: str) -> tuple[list[str], tuple[str, ...]]:
    text = decoded_text(data, name)
    notes: tuple[str, ...] = ()
    if len(text) > MAX_CHARS:  # cut before splitting: millions of short lines cost memory
        text, notes = text[:MAX_CHARS], (f"text cut at {MAX_CHARS} characters",)
    raw, more = _cap(text.splitlines())
    return raw, notes + more


def read_resume(
    source: str | Path | bytes,
    *,
    filename: str | None = None,
    pdf_reader: str = DEFAULT_PDF_READER,
    max_bytes: int = 10_000_000,
    max_pages: int = 30,
    today: date | None = None,
) -> Resume:
    """Read a résumé file (or its bytes) into a :class:`Resume`.

    ``source`` is a path or the file's bytes; ``filename`` names bytes input in errors
    and ``Resume.source`` (and its extension helps when the content is ambiguous).
    The format is taken from the content: PDF, DOCX, else text (UTF-8, UTF-8/16/32
    with BOM, cp1252 fallback).  ``pdf_reader`` is "auto" (the default: pypdfium2
    first, fast), "pdfminer" or "pdfium": the reader tried first; the other one is
    tried when it fails, finds no text or finds garbled text.  ``today`` anchors
    "Present" in experience dates (default: ``date.today()``).  Only the first
    :data:`MAX_LINES` lines and :data:`MAX_CHARS` characters are read (noted in
    ``Resume.notes``).

    Raises :class:`ResumeReadError` with reason not_found (also for a pipe, device
    or symlink loop), unsupported_format, encrypted, corrupt, empty, no_text_layer,
    garbled_text (text that does not read as words, from any format) or too_large
    (``max_bytes``, ``max_pages``, or streams inflating beyond
    :data:`MAX_INFLATED_BYTES`: a decompression or zip bomb).
    """
    if pdf_reader not in PDF_READERS:
        raise ValueError(f"pdf_reader must be one of {PDF_READERS}, not {pdf_reader!r}")
    data, name = load(source, filename, max_bytes)
    if not data.strip():
        raise ResumeReadError(
            name, "empty", "file is empty" if not data else "file holds only whitespace"
        )
    fmt = sniff(data, name)
    pages, hidden = 1, 0
    notes: tuple[str, ...] = ()
    if fmt == "pdf":
        lines, pages, hidden = _pdf_lines(data, name, pdf_reader, max_pages)
        lines, notes = _cap(lines)
    else:
        if fmt == "docx":
            from ._docx import read_docx_lines

            raw, notes = _cap(
                read_docx_lines(
                    data, name, MAX_INFLATED_BYTES, max_lines=MAX_LINES, max_chars=MAX_CHARS
                )
            )
        else:
            raw, notes = _text_lines(data, name)
            raw = strip_markdown(raw)
        lines, _ = finish_lines(raw)
        if lines and is_garbled(lines):
            raise _garbled(name, "DOCX" if fmt == "docx" else "text file")
    if not lines:
        raise ResumeReadError(name, "empty", f"{fmt.upper()} file holds no text")
    check_deadline(name)  # a batch's per-file time limit (PDFs also check between pages)
    resume = build_resume(lines, source=name, fmt=fmt, pages=pages, today=today, notes=notes)
    return replace(resume, hidden_chars=hidden) if hidden else resume


def build_resume(
    lines: list[str],
    *,
    source: str,
    fmt: str,
    pages: int = 1,
    today: date | None = None,
    notes: tuple[str, ...] = (),
) -> Resume:
    """Clean lines → Resume: sections, experience, education, contact (a résumé
    written as one line is first split at its headings and dates)."""
    today = today if today is not None else date.today()
    lines = _sections.split_run_on(lines)
    sections = tuple(Section(*s) for s in _sections.split_sections(lines))
    exp_spans = [(s.start, s.end) for s in sections if s.name == "experience"]
    entries = _sections.find_experience(lines, exp_spans)
    if not entries:  # jobs laid out under another heading (a column read out of order)
        entries = _sections.find_experience(
            lines,
            [
                (s.start, s.end)
                for s in sections
                if s.name not in ("education", "certifications", "header", "summary")
            ],
        )
    experience = tuple(_entry(h, r, a, b) for h, r, a, b in entries)
    years = years_of((r for _, r, _, _ in entries), today)
    edu_spans = [(s.start, s.end) for s in sections if s.name == "education"]
    others = [(s.start, s.end) for s in sections if s.name not in ("experience", "skills")]
    education = tuple(
        Education(lv, fd, i) for lv, fd, i in _sections.find_education(lines, edu_spans, others)
    )
    header_end = next((s.end for s in sections if s.name == "header"), 0)
    if not any(s.name == "header" for s in sections):
        header_end = min(5, len(lines)) if sections and sections[0].name == "other" else 0
    name, emails, phones, urls, hit = _sections.find_contact(lines, header_end)
    contact = Contact(name, tuple(emails), tuple(phones), tuple(urls), tuple(hit))
    if not experience:
        notes = (NO_JOB_DATES, *notes)
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
        notes=notes,
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
    if resume.notes:
        out += ["", "Notes:", *(f"  {n}" for n in resume.notes)]
    return "\n".join(out)
