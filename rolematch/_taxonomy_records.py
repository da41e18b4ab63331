"""Private: the skill value, its canonical id, and reading taxonomy JSON Lines files.

Re-exported by :mod:`rolematch.taxonomy`; see there for the file format.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from .errors import CorpusError

__all__ = [
    "KINDS",
    "Skill",
    "skill_id",
    "normalize_alias",
    "read_records",
    "expand",
    "files_sha256",
    "is_taxonomy_file",
]

KINDS = (
    "tool",
    "hard_skill",
    "methodology",
    "knowledge",
    "soft_skill",
    "certification",
    "language",
)

_ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

#: Keys that set how a record's terms match (a record without any inherits them).
CONTROL_KEYS = frozenset({"exact_case", "ambiguous", "context", "veto_next"})


def skill_id(name: str) -> str:
    """Return the canonical id of a skill name: a lowercase ASCII slug.

    >>> [skill_id(n) for n in ("C++", "C#", "Node.js", ".NET", "Microsoft Excel")]
    ['c-plus-plus', 'c-sharp', 'node-js', 'dot-net', 'microsoft-excel']
    """
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    text = text.strip().lower()
    text = text.replace("++", " plus plus ").replace("+", " plus ")
    text = text.replace("#", " sharp ").replace("&", " and ").replace("@", " at ")
    text = re.sub(r"(?:(?<=^)|(?<=[\s/(,]))\.(?=[a-z0-9])", "dot ", text)
    slug = re.sub(r"[^a-z0-9]+", "-", text).strip("-")
    if not slug:
        raise ValueError(f"cannot make a skill id from {name!r}: no letters or digits")
    return slug


def normalize_alias(alias: str) -> str:
    """The key under which two spellings count as the same alias.

    Case, accents, spaces and punctuation other than ``+`` and ``#`` are ignored:
    "Node.js" == "NodeJS" == "node js"; "C++" != "C".
    """
    text = unicodedata.normalize("NFKD", alias).encode("ascii", "ignore").decode("ascii")
    text = re.sub(r"(^|[\s/(,])\.(?=[A-Za-z0-9])", r"\1dot", text.strip())
    key = re.sub(r"[^a-z0-9+#]", "", text.lower())
    return key or alias.strip().lower()


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
    exact_case: tuple[str, ...] = ()
    ambiguous: bool = False
    context: tuple[str, ...] = ()
    veto_next: tuple[str, ...] = ()
    hot: bool = False
    uri: str = ""  # ESCO concept URI, when the skill comes from ESCO
    no_match: tuple[str, ...] = ()  # terms kept for lookups, never matched in text

    @property
    def terms(self) -> tuple[str, ...]:
        """Name and aliases, deduplicated, in order."""
        seen: dict[str, None] = {}
        for t in (self.name, *self.aliases):
            seen.setdefault(t, None)
        return tuple(seen)

    def to_record(self) -> dict[str, object]:
        """The JSON Lines record of this skill (optional keys only when set)."""
        rec: dict[str, object] = {
            "id": self.id,
            "name": self.name,
            "aliases": list(self.aliases),
            "kind": self.kind,
            "category": self.category,
            "parent": self.parent,
            "related": list(self.related),
            "source": self.source,
        }
        for key in ("exact_case", "ambiguous", "context", "veto_next", "hot", "uri", "no_match"):
            value = getattr(self, key)
            if value:
                rec[key] = list(value) if isinstance(value, tuple) else value
        return rec


@lru_cache(maxsize=1)
def _record_model() -> Any:
    """The pydantic schema of one JSON Lines record (pydantic imported on first use)."""
    from pydantic import BaseModel, ConfigDict, Field, field_validator

    class _Record(BaseModel):
        """Validation schema of one JSON Lines record."""

        model_config = ConfigDict(extra="forbid", strict=True)

        id: str
        name: str = Field(min_length=1)
        aliases: list[str] = []
        kind: str
        category: str = ""
        parent: str | None = None
        related: list[str] = []
        source: str = ""
        exact_case: list[str] = []
        ambiguous: bool = False
        context: list[str] = []
        veto_next: list[str] = []
        hot: bool = False
        uri: str = ""
        no_match: list[str] = []

        @field_validator("id", "parent")
        @classmethod
        def _slug(cls, v: str | None) -> str | None:
            if v is not None and not _ID_RE.match(v):
                raise ValueError(
                    f"{v!r} is not a canonical skill id (lowercase ASCII slug, "
                    f"see rolematch.taxonomy.skill_id)"
                )
            return v

        @field_validator("related")
        @classmethod
        def _slugs(cls, v: list[str]) -> list[str]:
            for item in v:
                if not _ID_RE.match(item):
                    raise ValueError(f"{item!r} is not a canonical skill id")
            return v

        @field_validator("kind")
        @classmethod
        def _kind(cls, v: str) -> str:
            if v not in KINDS:
                raise ValueError(f"unknown kind {v!r}, expected one of {', '.join(KINDS)}")
            return v

        @field_validator("aliases", "exact_case")
        @classmethod
        def _nonempty(cls, v: list[str]) -> list[str]:
            for item in v:
                if not item.strip():
                    raise ValueError("empty alias")
            return v

    return _Record


def _parse_line(path: Path, lineno: int, line: str) -> tuple[Skill, bool]:
    """The skill on one line, and whether the line sets match-control keys itself."""
    try:
        raw = json.loads(line)
    except json.JSONDecodeError as e:
        raise CorpusError(path, f"invalid JSON: {e.msg}", line=lineno) from e
    except RecursionError as e:  # json recurses once per nesting level
        raise CorpusError(path, "invalid JSON: nested too deeply", line=lineno) from e
    if not isinstance(raw, dict):
        raise CorpusError(path, f"expected a JSON object, got {type(raw).__name__}", line=lineno)
    from pydantic import ValidationError

    try:
        rec = _record_model().model_validate(raw)
    except ValidationError as e:
        err = e.errors()[0]
        field = ".".join(str(p) for p in err["loc"]) or None
        msg = err["msg"]
        if err["type"] == "missing":
            msg = "required key missing"
        elif err["type"] == "extra_forbidden":
            msg = "unknown key"
        raise CorpusError(path, msg, line=lineno, field=field) from e
    terms = {rec.name, *rec.aliases}
    for key in ("exact_case", "no_match"):
        for form in getattr(rec, key):
            if form not in terms:
                raise CorpusError(
                    path, f"{form!r} is neither the name nor an alias", line=lineno, field=key
                )
    return _skill(rec), bool(CONTROL_KEYS & rec.model_fields_set)


def _skill(rec: Any) -> Skill:
    return Skill(
        id=rec.id,
        name=rec.name,
        aliases=tuple(dict.fromkeys(rec.aliases)),
        kind=rec.kind,
        category=rec.category,
        parent=rec.parent,
        related=tuple(rec.related),
        source=rec.source,
        exact_case=tuple(rec.exact_case),
        ambiguous=rec.ambiguous,
        context=tuple(c.lower() for c in rec.context),
        veto_next=tuple(v.lower() for v in rec.veto_next),
        hot=rec.hot,
        uri=rec.uri,
        no_match=tuple(rec.no_match),
    )


def read_records(path: Path) -> Iterator[tuple[Skill, bool]]:
    """(skill, sets match-control keys) for each record of a ``.jsonl`` or
    ``.jsonl.gz`` file; errors name the file, line and field."""
    try:
        data = path.read_bytes()
        if path.name.endswith(".gz"):
            data = gzip.decompress(data)
    except (OSError, EOFError) as e:
        raise CorpusError(path, f"cannot read: {getattr(e, 'strerror', None) or e}") from e
    # bytes.splitlines breaks at \n, \r\n and \r, as text mode would; decoding line
    # by line lets a bad byte be reported with its line
    for lineno, raw in enumerate(data.splitlines(), 1):
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError as e:
            raise CorpusError(
                path, f"not UTF-8 text (byte {e.start + 1} of the line)", line=lineno
            ) from e
        if line.strip():
            yield _parse_line(path, lineno, line)


def is_taxonomy_file(path: Path) -> bool:
    return path.name.endswith((".jsonl", ".jsonl.gz"))


def expand(paths: Iterable[str | Path]) -> list[Path]:
    """Files as given; folders as their ``*.jsonl`` and ``*.jsonl.gz`` files by name."""
    out: list[Path] = []
    for p in paths:
        path = Path(p)
        if path.is_dir():
            out.extend(sorted(f for f in path.iterdir() if is_taxonomy_file(f)))
        elif path.is_file():
            out.append(path)
        else:
            raise CorpusError(path, "taxonomy file or folder not found")
    return out


def files_sha256(files: Iterable[str | Path]) -> str:
    """SHA-256 over the files' names and bytes, in order: what a built artifact came
    from. Line endings are normalized, so a CRLF checkout hashes like an LF one."""
    h = hashlib.sha256()
    for path in files:
        path = Path(path)
        h.update(path.name.encode())
        h.update(b"\0")
        data = path.read_bytes()
        if not path.name.endswith(".gz"):
            data = data.replace(b"\r\n", b"\n")
        h.update(data)
        h.update(b"\0")
    return h.hexdigest()


def default_dir() -> Path:
    """The shipped taxonomy folder (``corpora/taxonomy``)."""
    from ._resources import corpora_dir

    return corpora_dir() / "taxonomy"
