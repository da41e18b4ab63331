"""An occupation as a role: which of its skills are required, which preferred.

Rules (documented in docs/occupations.md):

* O*NET: a technology skill that is both a hot technology and in demand, or an ESCO
  skill shared by at least :data:`CORE_SHARE` of the ESCO occupations crosswalked to
  it, is *core*; ESCO: an essential skill is core. The strongest core skills
  (importance times the log of how few occupations list them) are required, at most
  :data:`MAX_REQUIRED`; when fewer than :data:`MIN_REQUIRED` are core, the strongest
  others fill up. The rest are preferred, at most :data:`MAX_PREFERRED`.
* Obscure tools are folded away: an O*NET tool is kept only when it is a hot
  technology, in demand, or listed by at least :data:`WIDELY_LISTED` occupations.
* Years from the job zone (:data:`ZONE_YEARS`); education: O*NET's typical level
  (an ESCO occupation takes both from its crosswalk O*NET occupation).
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from ..taxonomy import Taxonomy
from .index import Occupation, OccupationIndex, OccupationSkill

__all__ = ["OccupationProfile", "occupation_profile", "ZONE_YEARS"]

#: Minimum years of experience by O*NET job zone (1: little or no preparation ...
#: 5: extensive preparation).
ZONE_YEARS = {1: 0.0, 2: 1.0, 3: 2.0, 4: 4.0, 5: 5.0}
MIN_REQUIRED, MAX_REQUIRED, MAX_PREFERRED = 8, 15, 25
CORE_SHARE = 0.5
WIDELY_LISTED = 20


@dataclass(frozen=True)
class OccupationProfile:
    """What a role made from an occupation holds (see ``RoleProfile.from_occupation``)."""

    id: str
    title: str
    alt_titles: tuple[str, ...]
    required: tuple[tuple[str, float], ...]  # (skill id, weight in (0, 1])
    preferred: tuple[tuple[str, float], ...]
    min_years: float
    education: str | None
    occupations: tuple[str, ...]  # O*NET codes the role stands for
    source: str


def _core(s: OccupationSkill, system: str) -> bool:
    if system == "esco":
        return s.source == "essential"
    return (s.hot and s.in_demand) if s.source == "tech" else s.importance >= CORE_SHARE


@lru_cache(maxsize=4)
def _listing_counts(index: OccupationIndex) -> Counter[str]:
    """How many occupations of each system list each skill id."""
    counts: Counter[str] = Counter()
    for o in index:
        counts.update({f"{o.system}:{s.skill_id}" for s in o.skills if s.skill_id})
    return counts


def _kept(
    occ: Occupation, index: OccupationIndex, taxonomy: Taxonomy
) -> list[tuple[OccupationSkill, int]]:
    counts = _listing_counts(index)
    best: dict[str, tuple[OccupationSkill, int]] = {}
    for s in occ.skills:
        if not s.skill_id or s.skill_id not in taxonomy:
            continue
        n = counts[f"{occ.system}:{s.skill_id}"]
        if s.source == "tech" and not (s.hot or s.in_demand or n >= WIDELY_LISTED):
            continue
        cur = best.get(s.skill_id)
        key = (_core(s, occ.system), s.importance)
        if cur is None or key > (_core(cur[0], occ.system), cur[0].importance):
            best[s.skill_id] = (s, n)
    return list(best.values())


def occupation_profile(
    occ: Occupation, index: OccupationIndex, taxonomy: Taxonomy | None = None
) -> OccupationProfile:
    """The role profile of one occupation (skills resolved in ``taxonomy``)."""
    taxonomy = taxonomy or Taxonomy.default()
    kept = _kept(occ, index, taxonomy)
    n_occ = sum(1 for o in index if o.system == occ.system)
    # core first; then importance times how rare the skill is among occupations
    kept.sort(
        key=lambda x: (
            not _core(x[0], occ.system),
            -x[0].importance * math.log((n_occ + 1) / (x[1] + 1)),
            x[0].skill_id or "",
        )
    )
    n_core = sum(1 for s, _ in kept if _core(s, occ.system))
    n_req = min(MAX_REQUIRED, max(MIN_REQUIRED, n_core))
    req = tuple((s.skill_id or "", round(min(1.0, s.importance), 3)) for s, _ in kept[:n_req])
    pref = tuple(
        (s.skill_id or "", round(min(1.0, s.importance), 3))
        for s, _ in kept[n_req : n_req + MAX_PREFERRED]
    )
    base = occ
    if occ.system == "esco" and occ.onet and occ.onet in index:
        base = index.get(occ.onet)
    codes = (occ.code,) if occ.system == "onet" else ((occ.onet,) if occ.onet else ())
    source = ("O*NET 29.2" if occ.system == "onet" else "ESCO v1.1.1") + f" {occ.code}"
    return OccupationProfile(
        occ.id,
        occ.title,
        tuple(occ.alt_titles[:12]),
        req,
        pref,
        ZONE_YEARS.get(base.job_zone or 0, 0.0),
        base.education,
        codes,
        source,
    )
