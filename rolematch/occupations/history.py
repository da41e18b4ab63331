"""A résumé's job history as occupations, and a posting's title as one.

:func:`occupations_of` gives each dated experience entry its most likely O*NET
occupation: the job title is found in the entry's heading (dates, "Company Name",
places and sentences set aside), searched in the :class:`OccupationIndex` with the
entry's lines as its duties (a vague title is settled by them), and the entry's years
and how long ago it ended are kept beside it.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from datetime import date
from typing import Any

from .._privacy import mask_contact
from ..documents import ExperienceEntry, Resume
from .index import Occupation, OccupationIndex

__all__ = [
    "JobOccupation",
    "entry_lines",
    "entry_titles",
    "occupations_of",
    "occupation_of_title",
    "title_candidates",
]

#: Segments longer than this many words are sentences, not job titles.
MAX_TITLE_WORDS = 8
#: Added to the confidence of a heading segment written next to the job's dates.
NEXT_TO_DATES = 0.05
#: How many of the title search's best occupations a job keeps as its readings
#: (``JobOccupation.alternatives``): a title several occupations share ("Project
#: Manager", "Designer") or one the search ranks a near miss first still shows the
#: others, at the confidence the search gave them.
READINGS = 10
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_DATE = re.compile(
    rf"(?:(?:{_MONTH}\s*,?\s*)?(?:\d{{1,2}}\s*/\s*)?(?:19|20)\d\d|\b(?:present|current|now|"
    rf"today|date)\b)(?:\s*(?:to|-|–|—|until|through)\s*(?:(?:{_MONTH}\s*,?\s*)?"
    rf"(?:\d{{1,2}}\s*/\s*)?(?:19|20)\d\d|present|current|now|today|date)\b)?",
    re.IGNORECASE,
)
_SPLIT = re.compile(r"\s*(?:\||\s[,;]\s|,\s|\s[-–—]\s|\bat\b|ï¼|\t|\n)\s*")
_MARK = "\x00"
#: A heading part that reads as a trait or a skill, not a job title: a skills column a
#: two-column PDF spills into the entry's heading ("Strong communication skills",
#: "Reliable and punctual", "Team player", "CPR certified"): better no title than a
#: trait read as an occupation ("Team player" → athletes).
_NOT_TITLE = re.compile(
    r"^(?:strong|excellent|good|great|exceptional|proven|effective|superior|outstanding|"
    r"solid|reliable|highly)\b|\b(?:skills?|abilities|ability|knowledge|record|proficiency|"
    r"certified|punctual|oriented|listener|thinker|team player|friendly|self[- ]motivated|"
    r"motivated|hard[- ]working|dependable|organized|multi-?tasker|(?:fast|quick) learner)$",
    re.IGNORECASE,
)
#: Words a date range leaves on a line of its own ("October 2009" / "to" / "March 2015").
_CONNECTOR = re.compile(r"^(?:to|from|until|through|till|and|present|current|now)$", re.IGNORECASE)
#: How many of an entry's first lines are read for its title when its heading has none
#: (dates written one part a line can fill the first three).
ENTRY_LINES = 6
#: Placeholders anonymized résumés put where the employer and place were.
_PLACEHOLDER = re.compile(r"\bCompany Name\b|\bCity\s*,\s*State\b", re.IGNORECASE)


@dataclass(frozen=True)
class JobOccupation:
    """The occupation of one experience entry (``job``: its index in
    ``Resume.experience``). ``code`` is None when no title in the entry matches;
    ``years``: the entry's length; ``recency``: years from its end to the résumé's
    latest date (0 for a current job); ``alternatives``: the title's :data:`READINGS`
    best O*NET codes with their confidences, best first (``code`` the first)."""

    job: int
    title: str
    code: str | None
    occupation_title: str
    confidence: float
    years: float
    recency: float | None
    alternatives: tuple[tuple[str, float], ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def title_candidates(heading: str) -> list[tuple[str, bool]]:
    """The parts of an entry heading that may be its job title, each with whether it
    is written next to the dates."""
    marked = _DATE.sub(f" | {_MARK} | ", _PLACEHOLDER.sub(" | ", heading))
    parts = [p.strip(" ,.:-–") for p in _SPLIT.split(marked)]
    out: list[tuple[str, bool]] = []
    for k, p in enumerate(parts):
        if not p or p == _MARK or not re.search(r"[A-Za-z]{2}", p) or _CONNECTOR.match(p):
            continue
        if _NOT_TITLE.search(p.replace(_MARK, " ").strip()):
            continue
        if len(p.split()) > MAX_TITLE_WORDS:
            continue
        near = any(0 <= k + d < len(parts) and parts[k + d] == _MARK for d in (-1, 1))
        out.append((p.replace(_MARK, " ").strip(), near))
    return out


def _years(e: ExperienceEntry, anchor: date | None) -> tuple[float, float | None]:
    end = anchor if e.current else e.end
    years = 0.0
    if e.start and end:
        years = max(0.0, round((end - e.start).days / 365.25, 2))
    recency = None
    if anchor and end:
        recency = max(0.0, round((anchor - end).days / 365.25, 2))
    return years, recency


def _anchor(resume: Resume, today: date | None) -> date | None:
    if any(e.current for e in resume.experience):
        return today or date.today()
    ends = [e.end for e in resume.experience if e.end]
    return max(ends) if ends else None


def entry_lines(resume: Resume, e: ExperienceEntry) -> str:
    """An experience entry's lines (its heading and duties), one text: what the duties
    re-rank its title's readings with (:mod:`rolematch.occupations.duties`). Contact
    lines are left out and contact details masked, as scoring and the cache do, so a
    cached résumé reads the same."""
    contact = set(resume.contact.lines)
    return "\n".join(
        mask_contact(resume.lines[i])
        for i in range(e.first_line, min(e.last_line, len(resume.lines)))
        if i not in contact
    )


def entry_titles(resume: Resume, e: ExperienceEntry) -> list[tuple[str, bool]]:
    """An entry's title candidates: its heading's, else those of its first three lines,
    else of the first line after them that has any (up to :data:`ENTRY_LINES`)."""
    cands = title_candidates(e.heading)
    if cands:
        return cands
    out: list[tuple[str, bool]] = []
    for k, ln in enumerate(
        resume.lines[e.first_line : min(e.last_line, e.first_line + ENTRY_LINES)]
    ):
        if out and k >= 3:
            break
        out += title_candidates(ln)
    return out


def occupations_of(
    resume: Resume, index: OccupationIndex | None = None, *, today: date | None = None
) -> tuple[JobOccupation, ...]:
    """Each experience entry's occupation, in the résumé's order: its title's
    :data:`READINGS` best occupations, re-ranked with the entry's own lines the more,
    the vaguer the title (:func:`~rolematch.occupations.duties.with_duties`)."""
    index = index or OccupationIndex.default()
    anchor = _anchor(resume, today)
    per_entry = [entry_titles(resume, e) for e in resume.experience]
    flat = [t for cands in per_entry for t, _ in cands]
    texts = [entry_lines(resume, e) for e in resume.experience]
    contexts = [texts[k] for k, cands in enumerate(per_entry) for _ in cands]
    hits = iter(index.search_top(flat, READINGS, contexts=contexts))
    out = []
    for k, (e, cands) in enumerate(zip(resume.experience, per_entry)):
        best: tuple[float, str, list[tuple[Occupation, float]]] = (0.0, "", [])
        for text, near in cands:
            top = next(hits)
            if not top:
                continue
            rank = top[0][1] + (NEXT_TO_DATES if near else 0.0)
            if rank > best[0]:
                best = (rank, text, top)
        _, text, top = best
        occ, conf = top[0] if top else (None, 0.0)
        years, recency = _years(e, anchor)
        out.append(
            JobOccupation(
                k,
                text,
                occ.code if occ else None,
                occ.title if occ else "",
                conf,
                years,
                recency,
                tuple((o.code, c) for o, c in top),
            )
        )
    return tuple(out)


def occupation_of_title(
    title: str, index: OccupationIndex | None = None, *, system: str = "onet"
) -> tuple[Occupation, float] | None:
    """A posting's (or any) title's most likely occupation with its confidence."""
    index = index or OccupationIndex.default()
    hits = index.search(title, 1, system=system)
    return hits[0] if hits else None
