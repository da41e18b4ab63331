"""Private: searching and showing taxonomy skills (``rolematch taxonomy search|show``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ._taxonomy_records import Skill

if TYPE_CHECKING:
    from .taxonomy import Taxonomy


def search(tax: Taxonomy, word: str, limit: int = 20) -> list[Skill]:
    """Skills whose id, name or alias contains ``word``: exact alias first, then a
    prefix of the name or an alias, then a substring, then the category; shorter
    names first within a rank."""
    low = word.strip().lower()
    if not low:
        return []
    exact = tax.lookup(word)
    exact_id = exact.id if exact is not None else None
    scored: list[tuple[int, int, str, Skill]] = []
    for s in tax:
        if s.id == exact_id:
            rank = 0
        else:
            texts = [s.name.lower(), *(a.lower() for a in s.aliases)]
            if any(t.startswith(low) for t in texts):
                rank = 1
            elif any(low in t for t in texts) or low in s.id:
                rank = 2
            elif low in s.category.lower():
                rank = 3
            else:
                continue
        scored.append((rank, len(s.name), s.name.lower(), s))
    scored.sort(key=lambda x: x[:3])
    return [s for *_, s in scored[:limit]]


def show(tax: Taxonomy, name_or_id: str) -> dict[str, object]:
    """Everything about one skill as plain data; ``KeyError`` naming it when unknown."""
    skill = tax.resolve(name_or_id)
    if skill is None:
        raise KeyError(f"no skill with id or alias {name_or_id!r}")
    rec = skill.to_record()
    rec["matched_by"] = list(tax.match_terms(skill))
    rec["parents"] = [{"id": p.id, "name": p.name} for p in tax.ancestors(skill.id)]
    rec["children"] = [{"id": c.id, "name": c.name} for c in tax.children(skill.id)]
    rec["related_skills"] = [{"id": r.id, "name": r.name} for r in tax.related(skill.id)]
    return rec


__all__ = ["search", "show"]
