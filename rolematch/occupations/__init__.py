"""Occupations: the O*NET and ESCO occupation index, job titles understood, and each
occupation's skills as a role profile.

Uses the skill taxonomy; knows nothing of scoring. Public names::

    OccupationIndex.load()            # cached default index
    index.search("sr. staff accountant", k=5) -> [(Occupation, confidence), ...]
    index.get("onet:13-2011.00"), index.related(code), index.major_group(code)
    index.search("consultant", context="duty lines ...")  # the duties settle a vague title
    occupations_of(resume) -> (JobOccupation, ...)
    occupation_of_title("Line Cook") -> (Occupation, confidence) | None
"""

from __future__ import annotations

from .duties import DutyMatcher
from .history import (
    JobOccupation,
    entry_lines,
    entry_titles,
    occupation_of_title,
    occupations_of,
    title_candidates,
)
from .index import SYSTEMS, Occupation, OccupationIndex, OccupationSkill
from .profiles import ZONE_YEARS, OccupationProfile, occupation_profile
from .titles import TitleSearcher, normalize_title

__all__ = [
    "SYSTEMS",
    "ZONE_YEARS",
    "DutyMatcher",
    "JobOccupation",
    "Occupation",
    "OccupationIndex",
    "OccupationProfile",
    "OccupationSkill",
    "TitleSearcher",
    "entry_lines",
    "entry_titles",
    "normalize_title",
    "occupation_of_title",
    "occupation_profile",
    "occupations_of",
    "title_candidates",
]
