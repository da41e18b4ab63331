"""Scoring, step 1: a résumé becomes its features — what scoring reads from it,
computed once and reused for every role (and cached by the batch, packed).

Features: each skill's credit (by where it is evidenced: :func:`mention_credit`) with
its evidence lines, the résumé's analyzed terms, its years of experience, its
highest degree and its job history as occupations (:func:`job_history`).  The name
line and contact details never reach them.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from datetime import date
from typing import Mapping, Sequence

import numpy as np

from . import formula as F
from ._model import TextModel
from ._privacy import mask_contact
from .documents import ExperienceEntry, Resume
from .errors import RolematchError
from .extract import SkillMention

__all__ = [
    "Evidence",
    "Job",
    "ResumeFeatures",
    "PackedFeatures",
    "scoring_text",
    "featurize",
    "job_history",
    "pack",
    "is_list_line",
    "listed_lines",
]

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Evidence:
    line: int
    text: str
    section: str
    credit: float
    inferred: bool = False  # from the line's meaning, not its words (see _meaning.py)


@dataclass(frozen=True)
class Job:
    """One job of the résumé with its O*NET occupation (the title search's best, with
    its confidence): the entry's first line, the title read, its dates as written for
    a report ("2015–2020", "2019–now"), years in it and years since it ended (None:
    unknown; 0: current); ``readings``: the title search's best O*NET codes with
    their confidences, best first (``code`` among them; empty: ``code`` alone)."""

    line: int
    title: str
    dates: str
    code: str
    occupation: str
    confidence: float
    years: float
    recency: float | None
    readings: tuple[tuple[str, float], ...] = ()

    @property
    def occupations(self) -> tuple[tuple[str, float], ...]:
        """The codes this job may be, with the title search's confidence in each."""
        return self.readings or ((self.code, self.confidence),)

    def to_list(self) -> list:
        return [
            self.line,
            self.title,
            self.dates,
            self.code,
            self.occupation,
            self.confidence,
            self.years,
            self.recency,
            [[c, v] for c, v in self.readings],
        ]

    @classmethod
    def from_list(cls, x: Sequence) -> Job:
        return cls(
            int(x[0]),
            str(x[1]),
            str(x[2]),
            str(x[3]),
            str(x[4]),
            float(x[5]),
            float(x[6]),
            None if x[7] is None else float(x[7]),
            tuple((str(c), float(v)) for c, v in (x[8] if len(x) > 8 else ())),
        )


@dataclass(frozen=True)
class ResumeFeatures:
    """What scoring reads from a résumé, computed once and reused for every role."""

    source: str
    credit: Mapping[str, float]  # skill id -> direct credit
    evidence: Mapping[str, tuple[Evidence, ...]] = field(repr=False)
    terms: Mapping[str, int] = field(repr=False)  # analyzed term -> count
    years: float = 0.0
    education_level: str | None = None
    #: skills evidenced only on list lines (:func:`is_list_line`)
    listed: frozenset[str] = frozenset()
    #: analyzed term -> count on list lines (``terms`` counts the other lines)
    listed_terms: Mapping[str, int] = field(default_factory=dict, repr=False)
    #: characters of the file left out as unreadable (``Resume.hidden_chars``)
    hidden_chars: int = 0
    #: what reading could not do (``Resume.notes``, e.g. no job dates found)
    notes: tuple[str, ...] = ()
    #: the jobs whose occupation is known, in the résumé's order (:func:`job_history`)
    jobs: tuple[Job, ...] = ()
    #: skills credited from a line's meaning, not its words (``Matcher(meaning=...)``):
    #: they count only for a role that asks for them, never as a related or narrower
    #: skill, so a role's score does not depend on the other roles' skills
    inferred: frozenset[str] = frozenset()


@dataclass(frozen=True)
class PackedFeatures:
    """A résumé's features in array form, without the evidence lines: what the batch
    caches and scores from (:func:`pack`, :meth:`Matcher.fit_summary`).

    Its terms are split by the matcher's base text model (the one before a role set's
    own new words were added): the columns and counts of those in its vocabulary, and
    the others as text (``"\\n"``-joined, read only by a matcher whose roles brought new
    words).  ``vocab_size`` is that model's vocabulary size, checked when scoring."""

    source: str
    credit: Mapping[str, float]
    cols: np.ndarray = field(repr=False)  # sorted base-vocabulary columns
    counts: np.ndarray = field(repr=False)  # their counts (int)
    other: str = field(default="", repr=False)  # terms outside it, "\n"-joined
    other_counts: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int32), repr=False)
    years: float = 0.0
    education_level: str | None = None
    vocab_size: int = 0
    listed: frozenset[str] = frozenset()
    #: the list lines' terms, split the same way as the other lines' (cols ... other_counts)
    listed_cols: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int32), repr=False)
    listed_counts: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int32), repr=False)
    listed_other: str = field(default="", repr=False)
    listed_other_counts: np.ndarray = field(
        default_factory=lambda: np.zeros(0, np.int32), repr=False
    )
    hidden_chars: int = 0
    jobs: tuple[Job, ...] = ()
    inferred: frozenset[str] = frozenset()  # as ResumeFeatures.inferred


def recency(resume: Resume, today: date | None = None) -> dict[int, float]:
    """line index -> credit of a mention on that line inside a dated job
    (:func:`~rolematch.formula.recency_credit` of the job's age).

    Age is measured from a job's end to the résumé's "now": today when a job is
    current, else the latest end date (an old résumé is judged as of its writing).
    """
    ends = [e.end for e in resume.experience if e.end is not None and not e.current]
    if any(e.current for e in resume.experience):
        anchor = today or date.today()
    elif ends:
        anchor = max(ends)
    else:
        return {}
    out: dict[int, float] = {}
    for e in resume.experience:
        if e.end is None and not e.current:
            continue
        end = e.end if e.end is not None and not e.current else anchor
        credit = F.recency_credit(max(0.0, (anchor - end).days / 365.25))
        for i in range(e.first_line, e.last_line):
            out[i] = max(out.get(i, 0.0), credit)
    return out


def scoring_text(
    resume: Resume, leave: frozenset[int] = frozenset(), keep: frozenset[int] | None = None
) -> str:
    """The résumé text with the name and contact lines left out and any e-mail, phone
    or street address elsewhere masked (:func:`~rolematch._privacy.mask_contact`);
    also without the lines in ``leave``, and with only those in ``keep``."""
    drop = set(resume.contact.lines) | leave
    return "\n".join(
        mask_contact(ln)
        for i, ln in enumerate(resume.lines)
        if i not in drop and (keep is None or i in keep)
    )


_LIST_SEP = re.compile(r"\s*(?:[,;|•·▪●]|\t|\s[-–]\s)\s*")
_LIST_LABEL = re.compile(r"^[\s•·▪●*-]*(?:[^,;:|]{1,30}:\s*)?")


def is_list_line(text: str) -> bool:
    """Whether a line lists terms rather than shows work: after an optional label
    ("Tools:"), at least 3 items split by commas, semicolons, bars, bullets or tabs,
    nearly all of them (80%) of at most 3 words and none over 6."""
    items = [x for x in _LIST_SEP.split(_LIST_LABEL.sub("", text, count=1)) if x.strip()]
    if len(items) < 3:
        return False
    words = [len(x.split()) for x in items]
    return sum(w <= 3 for w in words) >= 0.8 * len(words) and max(words) <= 6


def listed_lines(resume: Resume) -> frozenset[int]:
    """Lines that only list: every line of a skills section, and list-shaped lines
    (:func:`is_list_line`) anywhere."""
    return frozenset(
        i
        for i, ln in enumerate(resume.lines)
        if resume.section_at(i) == "skills" or is_list_line(ln)
    )


def mention_credit(mention: SkillMention, recent: Mapping[int, float]) -> float:
    """Credit of one mention: its job's recency credit inside a dated job, else its
    section's credit."""
    c = recent.get(mention.line) if mention.section == "experience" else None
    return c if c is not None else F.section_credit(mention.section)


def _dates(e: ExperienceEntry) -> str:
    start = str(e.start.year) if e.start else ""
    end = "now" if e.current else (str(e.end.year) if e.end else "")
    return f"{start}–{end}" if start and end and start != end else (start or end)


def job_history(resume: Resume, index: object | None = None) -> tuple[Job, ...]:
    """Each job of the résumé with its occupation
    (:func:`rolematch.occupations.occupations_of`), the jobs no title matched left
    out.  ``index``: an :class:`~rolematch.occupations.OccupationIndex` (default: the
    shipped one); when none is built, no jobs (logged once), and roles score without
    the occupation component's evidence."""
    from .occupations import OccupationIndex, occupations_of

    try:
        ix = index if isinstance(index, OccupationIndex) else OccupationIndex.default()
    except RolematchError as e:
        _warn_once(str(e))
        return ()
    out: list[Job] = []
    seen: set[tuple[str, str]] = set()
    for j in occupations_of(resume, ix):
        if not j.code or j.job >= len(resume.experience):
            continue
        entry = resume.experience[j.job]
        key = (" ".join(j.title.lower().split()), _dates(entry))
        if entry.first_line in resume.contact.lines or key in seen:
            continue  # a job written twice counts once: pasting it again gains nothing
        seen.add(key)
        out.append(
            Job(
                entry.first_line,
                j.title,
                _dates(entry),
                j.code,
                j.occupation_title,
                float(j.confidence),
                float(j.years),
                j.recency,
                tuple(j.alternatives),
            )
        )
    return tuple(out)


_WARNED: set[str] = set()


def _warn_once(message: str) -> None:
    if message not in _WARNED:
        _WARNED.add(message)
        log.warning("no occupation index, so no job history: %s", message)


def featurize(
    resume: Resume, mentions: Sequence[SkillMention], model: TextModel, jobs: tuple[Job, ...] = ()
) -> ResumeFeatures:
    """Skills with evidence and credit, term counts, years and degree; what is only
    listed (a skill only on list lines earns :data:`~rolematch.formula.LIST_ONLY_CREDIT`);
    ``jobs``: the job history (:func:`job_history`)."""
    contact = set(resume.contact.lines)
    recent = recency(resume)
    listing = listed_lines(resume)
    credit: dict[str, float] = {}
    evidence: dict[str, list[Evidence]] = {}
    shown: set[str] = set()
    for mt in mentions:
        if mt.line in contact:
            continue
        c = mention_credit(mt, recent)
        if c <= 0:
            continue
        if mt.line in listing:
            c = min(c, F.LIST_ONLY_CREDIT)
        else:
            shown.add(mt.skill_id)
        credit[mt.skill_id] = max(credit.get(mt.skill_id, 0.0), c)
        ev = evidence.setdefault(mt.skill_id, [])
        if all(e.line != mt.line for e in ev):
            ev.append(Evidence(mt.line, mask_contact(resume.lines[mt.line]).strip(), mt.section, c))
    quoted = {
        k: tuple(sorted(v, key=lambda e: (-e.credit, e.line))[: F.EVIDENCE_LINES])
        for k, v in evidence.items()
    }
    return ResumeFeatures(
        resume.source,
        credit,
        quoted,
        model.resume_terms(scoring_text(resume, listing)),
        float(resume.years_experience),
        resume.education_level,
        frozenset(credit) - shown,
        model.resume_terms(scoring_text(resume, keep=listing)) if listing else {},
        resume.hidden_chars,
        notes=tuple(resume.notes),
        jobs=tuple(jobs),
    )


def pack(f: ResumeFeatures | PackedFeatures, base: TextModel) -> PackedFeatures:
    """The features in array form (no evidence), as the batch caches them: the term
    counts split by the ``base`` text model's vocabulary (see PackedFeatures)."""
    if isinstance(f, PackedFeatures):
        return f
    vocab = base.vocabulary
    return PackedFeatures(
        f.source,
        dict(f.credit),
        *_split(f.terms, vocab),
        f.years,
        f.education_level,
        len(vocab),
        f.listed,
        *_split(f.listed_terms, vocab),
        f.hidden_chars,
        f.jobs,
        f.inferred,
    )


def _split(
    terms: Mapping[str, int], vocab: Mapping[str, int]
) -> tuple[np.ndarray, np.ndarray, str, np.ndarray]:
    """Term counts as (sorted vocabulary columns, their counts, the other terms
    "\n"-joined, their counts)."""
    pairs = sorted((j, n) for t, n in terms.items() if (j := vocab.get(t)) is not None)
    other = [(t, n) for t, n in terms.items() if t not in vocab]
    return (
        np.fromiter((j for j, _ in pairs), dtype=np.int32, count=len(pairs)),
        np.fromiter((n for _, n in pairs), dtype=np.int32, count=len(pairs)),
        "\n".join(t for t, _ in other),
        np.fromiter((n for _, n in other), dtype=np.int32, count=len(other)),
    )
