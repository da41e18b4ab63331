"""Scoring, step 1: a résumé becomes its features — what scoring reads from it,
computed once and reused for every role (and cached by the batch, packed).

Features: each skill's credit (by where it is evidenced: :func:`mention_credit`) with
its evidence lines, the résumé's analyzed terms, its years of experience and its
highest degree.  The name line and contact details never reach them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Mapping, Sequence

import numpy as np

from . import formula as F
from ._model import TextModel
from ._privacy import mask_contact
from .documents import Resume
from .extract import SkillMention

__all__ = ["Evidence", "ResumeFeatures", "PackedFeatures", "scoring_text", "featurize",
           "pack"]


@dataclass(frozen=True)
class Evidence:
    line: int
    text: str
    section: str
    credit: float


@dataclass(frozen=True)
class ResumeFeatures:
    """What scoring reads from a résumé, computed once and reused for every role."""

    source: str
    credit: Mapping[str, float]                        # skill id -> direct credit
    evidence: Mapping[str, tuple[Evidence, ...]] = field(repr=False)
    terms: Mapping[str, int] = field(repr=False)        # analyzed term -> count
    years: float = 0.0
    education_level: str | None = None


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
    cols: np.ndarray = field(repr=False)               # sorted base-vocabulary columns
    counts: np.ndarray = field(repr=False)             # their counts (int)
    other: str = field(default="", repr=False)         # terms outside it, "\n"-joined
    other_counts: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int32),
                                     repr=False)
    years: float = 0.0
    education_level: str | None = None
    vocab_size: int = 0


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
        end = anchor if e.current else e.end
        credit = F.recency_credit(max(0.0, (anchor - end).days / 365.25))
        for i in range(e.first_line, e.last_line):
            out[i] = max(out.get(i, 0.0), credit)
    return out


def scoring_text(resume: Resume) -> str:
    """The résumé text with the name and contact lines left out and any e-mail, phone
    or street address elsewhere masked (:func:`~rolematch._privacy.mask_contact`)."""
    drop = set(resume.contact.lines)
    return "\n".join(mask_contact(ln) for i, ln in enumerate(resume.lines) if i not in drop)


def mention_credit(mention: SkillMention, recent: Mapping[int, float]) -> float:
    """Credit of one mention: its job's recency credit inside a dated job, else its
    section's credit."""
    c = recent.get(mention.line) if mention.section == "experience" else None
    return c if c is not None else F.section_credit(mention.section)


def featurize(resume: Resume, mentions: Sequence[SkillMention], model: TextModel
              ) -> ResumeFeatures:
    """Skills with evidence and credit, term counts, years and degree."""
    contact = set(resume.contact.lines)
    recent = recency(resume)
    credit: dict[str, float] = {}
    evidence: dict[str, list[Evidence]] = {}
    for mt in mentions:
        if mt.line in contact:
            continue
        c = mention_credit(mt, recent)
        if c <= 0:
            continue
        credit[mt.skill_id] = max(credit.get(mt.skill_id, 0.0), c)
        ev = evidence.setdefault(mt.skill_id, [])
        if all(e.line != mt.line for e in ev):
            ev.append(Evidence(mt.line, mask_contact(resume.lines[mt.line]).strip(),
                               mt.section, c))
    quoted = {k: tuple(sorted(v, key=lambda e: (-e.credit, e.line))[:F.EVIDENCE_LINES])
              for k, v in evidence.items()}
    terms = model.resume_terms(scoring_text(resume))
    return ResumeFeatures(resume.source, credit, quoted, terms,
                          float(resume.years_experience), resume.education_level)


def pack(f: ResumeFeatures | PackedFeatures, base: TextModel) -> PackedFeatures:
    """The features in array form (no evidence), as the batch caches them: the term
    counts split by the ``base`` text model's vocabulary (see PackedFeatures)."""
    if isinstance(f, PackedFeatures):
        return f
    vocab = base.vocabulary
    pairs = sorted((j, n) for t, n in f.terms.items() if (j := vocab.get(t)) is not None)
    other = [(t, n) for t, n in f.terms.items() if t not in vocab]
    return PackedFeatures(
        f.source, dict(f.credit),
        np.fromiter((j for j, _ in pairs), dtype=np.int32, count=len(pairs)),
        np.fromiter((n for _, n in pairs), dtype=np.int32, count=len(pairs)),
        "\n".join(t for t, _ in other),
        np.fromiter((n for _, n in other), dtype=np.int32, count=len(other)),
        f.years, f.education_level, len(vocab))
