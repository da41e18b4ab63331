"""The role file's schema (pydantic, ``corpora/roles/*.toml``) and where a field is
written in a file, for error messages that name the line (roles.load_role_file)."""

from __future__ import annotations

import re
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from .documents import EDUCATION_LEVELS

SENIORITIES = ("entry", "mid", "senior", "lead", "executive")
#: a role id: lowercase letters, digits and '-'
_ID_RE = re.compile(r"^[a-z0-9][a-z0-9-]*$")


class _Education(BaseModel):
    model_config = ConfigDict(extra="forbid")
    level: Literal[EDUCATION_LEVELS] | None = None  # type: ignore[valid-type]
    fields: list[str] = Field(default_factory=list)
    or_equivalent: bool = False


class _Level(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str
    seniority: Literal[SENIORITIES]  # type: ignore[valid-type]
    min_years: float = Field(ge=0, le=50)
    summary: str = ""


class _Skills(BaseModel):
    model_config = ConfigDict(extra="forbid")
    required: dict[str, float] = Field(min_length=1)
    preferred: dict[str, float] = Field(default_factory=dict)

    @field_validator("required", "preferred")
    @classmethod
    def _weights(cls, v: dict[str, float]) -> dict[str, float]:
        for key, w in v.items():
            if not 0 < w <= 1:
                raise ValueError(f"weight of {key!r} is {w}; expected a number in (0, 1]")
        return v


class _RoleFile(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: str
    title: str = Field(min_length=1)
    alt_titles: list[str] = Field(default_factory=list)
    seniority: Literal[SENIORITIES] = "mid"  # type: ignore[valid-type]
    summary: str = ""
    responsibilities: list[str] = Field(default_factory=list)
    min_years: float = Field(default=0, ge=0, le=50)
    max_years: float | None = Field(default=None, ge=0, le=60)
    education: _Education = Field(default_factory=_Education)
    skills: _Skills
    levels: list[_Level] = Field(default_factory=list)
    occupations: list[str] = Field(default_factory=list)

    @field_validator("id")
    @classmethod
    def _id(cls, v: str) -> str:
        if not _ID_RE.match(v):
            raise ValueError(f"{v!r} is not a role id (lowercase letters, digits and '-')")
        return v


def _toml_line(text: str, loc: tuple) -> int | None:
    """The 1-based line where a validated TOML field (a pydantic error location, e.g.
    ``("skills", "required", "sql")`` or ``("levels", 1, "min_years")``) is written;
    None when it is not written (a missing field)."""
    lines = text.splitlines()
    pos, found, path = 0, None, []  # type: int, int | None, list[str]
    for part in loc:
        if isinstance(part, int):  # the n-th [[table]] of an array of tables
            hdr = re.compile(rf"^\s*\[\[\s*{re.escape('.'.join(path))}\s*\]\]")
            hits = [i for i, ln in enumerate(lines) if hdr.match(ln)]
            if part < len(hits):
                pos = found = hits[part]
            continue
        path.append(str(part))
        rx = re.compile(
            rf"^\s*(?:\[+\s*{re.escape('.'.join(path))}\s*\]+|"
            rf"[\"']?{re.escape(str(part))}[\"']?\s*=)"
        )
        hit = next((i for i in range(pos, len(lines)) if rx.match(lines[i])), None)
        if hit is not None:
            pos = found = hit
    return None if found is None else found + 1
