"""A posting's title as O*NET occupations (issue 19): what ``RoleProfile.from_text``
gives a posting as its :attr:`~rolematch.roles.RoleProfile.occupations`, for the fit's
occupation component."""

from __future__ import annotations

import logging
import re

from ..errors import ModelError
from .index import OccupationIndex

__all__ = ["TITLE_OCCUPATION_MIN_CONFIDENCE", "title_occupations"]

log = logging.getLogger(__name__)

#: A posting title's occupation counts when the title search is at least this sure.
TITLE_OCCUPATION_MIN_CONFIDENCE = 0.5
_TITLE_PARTS = re.compile(r"\s+/\s+|\s*;\s*")
_EXCEPT = re.compile(r",?\s+except\b.*$", re.IGNORECASE)


def title_occupations(title: str, index: object | None = None) -> tuple[str, ...]:
    """The O*NET codes a posting's title names: each part of a title joined by " / "
    or ";" searched in the occupation index (also without an "except …" clause, the
    better of the two), kept when the search is at least
    :data:`TITLE_OCCUPATION_MIN_CONFIDENCE` sure.  No index built: none."""
    try:
        ix = index if isinstance(index, OccupationIndex) else OccupationIndex.default()
    except ModelError as e:
        log.info("no occupation index, so no occupation for %r: %s", title, e)
        return ()
    out: list[str] = []
    for part in _TITLE_PARTS.split(title or ""):
        variants = dict.fromkeys(v for v in (part.strip(), _EXCEPT.sub("", part).strip()) if v)
        hits = [h[0] for v in variants if (h := ix.search(v, 1))]
        if hits:
            occ, conf = max(hits, key=lambda h: h[1])
            if conf >= TITLE_OCCUPATION_MIN_CONFIDENCE and occ.code not in out:
                out.append(occ.code)
    return tuple(out)
