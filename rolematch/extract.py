"""Stage 3: find taxonomy skills in text, with evidence. INTERFACE STUB — being written."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SkillMention:
    skill_id: str
    surface: str       # the text as written
    start: int         # character span in the source text (Resume.text)
    end: int
    line: int          # line index in Resume.lines (0-based)
    section: str       # section name of that line ("other" for plain text)
