"""Stage 2: the skill taxonomy. INTERFACE STUB — being written."""

from __future__ import annotations

from dataclasses import dataclass

KINDS = ("tool", "hard_skill", "methodology", "knowledge", "soft_skill",
         "certification", "language")


@dataclass(frozen=True)
class Skill:
    id: str
    name: str
    aliases: tuple[str, ...] = ()
    kind: str = "hard_skill"
    category: str = ""
    parent: str | None = None
    related: tuple[str, ...] = ()
    source: str = ""


class Taxonomy:
    pass
