"""Stage 1: a résumé file (PDF, DOCX, text) becomes a :class:`Resume`.

INTERFACE STUB — the reader is being written; the dataclasses below are the contract.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from .errors import ResumeReadError

SECTION_NAMES = ("header", "summary", "experience", "education", "skills",
                 "certifications", "projects", "other")
EDUCATION_LEVELS = ("high_school", "associate", "bachelor", "master", "doctorate")


@dataclass(frozen=True)
class Section:
    name: str          # one of SECTION_NAMES
    heading: str       # the heading line as written ("" for the header block)
    start: int         # first line index (inclusive) in Resume.lines
    end: int           # last line index (exclusive)


@dataclass(frozen=True)
class ExperienceEntry:
    heading: str             # the line(s) that introduce the job (title, company)
    start: date | None
    end: date | None         # None when current ("Present")
    current: bool
    first_line: int          # line span of the entry in Resume.lines, [first, last)
    last_line: int


@dataclass(frozen=True)
class Education:
    level: str | None        # one of EDUCATION_LEVELS
    field: str | None
    line: int


@dataclass(frozen=True)
class Contact:
    name: str | None = None
    emails: tuple[str, ...] = ()
    phones: tuple[str, ...] = ()
    urls: tuple[str, ...] = ()
    lines: tuple[int, ...] = ()   # indices of lines holding the name or contact details


@dataclass(frozen=True)
class Resume:
    source: str
    format: str                        # "pdf" | "docx" | "text"
    text: str                          # clean text, "\n".join(lines)
    lines: tuple[str, ...]
    sections: tuple[Section, ...] = ()
    experience: tuple[ExperienceEntry, ...] = ()
    years_experience: float = 0.0
    education: tuple[Education, ...] = ()
    contact: Contact = field(default_factory=Contact)
    pages: int = 1


def read_resume(source: str | Path | bytes, *, filename: str | None = None) -> Resume:
    raise NotImplementedError
