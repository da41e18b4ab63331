"""Stage 2: the skill taxonomy.

Skills live in JSON Lines files, one record per line::

    {"id": "jira", "name": "Jira", "aliases": ["Atlassian Jira"], "kind": "tool",
     "category": "project tracking", "parent": null, "related": ["asana"],
     "source": "onet"}

Optional match-control keys (see ``corpora/taxonomy/SOURCE.md``):

``exact_case``
    names/aliases matched only as written (ORTH), e.g. ``["Go", "R"]``.
``ambiguous``
    ``true``: the ``exact_case`` forms are ordinary words too and only count
    with context (a skills list, a neighbouring skill, a context word).
``context``
    extra lowercase words that confirm an ambiguous form on the same line.
``veto_next``
    lowercase words that, right after an ambiguous form, reject it
    (``Excel at``, ``Access to``).
``hot``
    O*NET "hot technology" flag.

Files load in order (shipped ``corpora/taxonomy/*.jsonl`` sorted by name, then the
user's); a later record with the same id replaces the earlier one, and a later
record that claims an alias already used by another skill takes that alias away
from it, so no alias ever maps to two skills.

Every record is validated (pydantic) when loaded from JSON Lines. ``rolematch build``
also writes the loaded result, already validated and resolved, to
``models/taxonomy.json`` (:meth:`Taxonomy.to_disk`) with the SHA-256 of the files it
came from; :meth:`Taxonomy.default` reads that instead when the hash still matches
the shipped files, and validates the JSON Lines otherwise.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from .errors import CorpusError, ModelError, RolematchError

__all__ = ["KINDS", "Skill", "Taxonomy", "skill_id", "normalize_alias"]

log = logging.getLogger(__name__)

KINDS = ("tool", "hard_skill", "methodology", "knowledge", "soft_skill",
         "certification", "language")

_ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

#: File name of the built taxonomy in a models folder, and its layout version.
TAXONOMY_FILE = "taxonomy.json"
TAXONOMY_FORMAT = 1


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
            "id": self.id, "name": self.name, "aliases": list(self.aliases),
            "kind": self.kind, "category": self.category, "parent": self.parent,
            "related": list(self.related), "source": self.source,
        }
        if self.exact_case:
            rec["exact_case"] = list(self.exact_case)
        if self.ambiguous:
            rec["ambiguous"] = True
        if self.context:
            rec["context"] = list(self.context)
        if self.veto_next:
            rec["veto_next"] = list(self.veto_next)
        if self.hot:
            rec["hot"] = True
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

        @field_validator("id", "parent")
        @classmethod
        def _slug(cls, v: str | None) -> str | None:
            if v is not None and not _ID_RE.match(v):
                raise ValueError(f"{v!r} is not a canonical skill id (lowercase ASCII slug, "
                                 f"see rolematch.taxonomy.skill_id)")
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


_CONTROL_KEYS = frozenset({"exact_case", "ambiguous", "context", "veto_next"})


def _parse_line(path: Path, lineno: int, line: str) -> tuple[Skill, bool]:
    """The skill on one line, and whether the line sets match-control keys itself."""
    try:
        raw = json.loads(line)
    except json.JSONDecodeError as e:
        raise CorpusError(path, f"invalid JSON: {e.msg}", line=lineno) from e
    except RecursionError as e:  # json recurses once per nesting level
        raise CorpusError(path, "invalid JSON: nested too deeply", line=lineno) from e
    if not isinstance(raw, dict):
        raise CorpusError(path, f"expected a JSON object, got {type(raw).__name__}",
                          line=lineno)
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
    for form in rec.exact_case:
        if form not in terms:
            raise CorpusError(path, f"{form!r} is neither the name nor an alias",
                              line=lineno, field="exact_case")
    return _skill(rec), bool(_CONTROL_KEYS & rec.model_fields_set)


def _skill(rec: Any) -> Skill:
    return Skill(
        id=rec.id, name=rec.name, aliases=tuple(dict.fromkeys(rec.aliases)), kind=rec.kind,
        category=rec.category, parent=rec.parent, related=tuple(rec.related),
        source=rec.source, exact_case=tuple(rec.exact_case), ambiguous=rec.ambiguous,
        context=tuple(c.lower() for c in rec.context),
        veto_next=tuple(v.lower() for v in rec.veto_next), hot=rec.hot,
    )


def _expand(paths: Iterable[str | Path]) -> list[Path]:
    out: list[Path] = []
    for p in paths:
        path = Path(p)
        if path.is_dir():
            out.extend(sorted(path.glob("*.jsonl")))
        elif path.is_file():
            out.append(path)
        else:
            raise CorpusError(path, "taxonomy file or folder not found")
    return out


def default_taxonomy_dir() -> Path:
    from ._resources import corpora_dir
    return corpora_dir() / "taxonomy"


def files_sha256(files: Iterable[str | Path]) -> str:
    """SHA-256 over the files' names and bytes, in order: what a built artifact came
    from. Line endings are normalized, so a CRLF checkout hashes like an LF one."""
    h = hashlib.sha256()
    for path in files:
        path = Path(path)
        h.update(path.name.encode())
        h.update(b"\0")
        h.update(path.read_bytes().replace(b"\r\n", b"\n"))
        h.update(b"\0")
    return h.hexdigest()


#: Field order of a skill row in ``taxonomy.json``.
_ROW = ("id", "name", "aliases", "kind", "category", "parent", "related", "source",
        "exact_case", "ambiguous", "context", "veto_next", "hot")


class Taxonomy:
    """Canonical skills by id, with an alias index and relations."""

    def __init__(self, skills: Iterable[Skill] = (), *, files: Iterable[Path] = ()) -> None:
        self._skills: dict[str, Skill] = {}
        self._alias: dict[str, str] = {}
        self._redirect: dict[str, str] = {}
        self._children: dict[str, list[str]] | None = None
        self._related: dict[str, set[str]] | None = None
        self._sha256: str | None = None
        self.files: tuple[Path, ...] = tuple(files)
        for skill in skills:
            self._add(skill)

    # -- building ---------------------------------------------------------------------
    def _add(self, skill: Skill, *, inherit: bool = True) -> None:
        if inherit:
            skill = self._inherit(skill)
        old = self._skills.pop(skill.id, None)
        self._redirect.pop(skill.id, None)
        if old is not None:
            for term in old.terms:
                key = normalize_alias(term)
                if self._alias.get(key) == skill.id:
                    del self._alias[key]
        self._skills[skill.id] = skill
        for term in skill.terms:
            key = normalize_alias(term)
            owner = self._alias.get(key)
            self._alias[key] = skill.id
            if owner is not None and owner != skill.id and owner in self._skills:
                self._drop_term(owner, key, skill.id)
        self._children = self._related = None

    def _inherit(self, skill: Skill) -> Skill:
        """A record without match-control keys keeps the earlier rules for its words.

        Whether "Excel" or "Go" is also an ordinary English word is a fact about the
        word, not about who curates the skill: when a later record that declares none
        of the match-control keys (not even ``"exact_case": []``) takes over a term an earlier record matched only
        in exact case (or only with context), it inherits those rules for that term.
        """
        if skill.exact_case or skill.ambiguous:
            return skill
        exact: list[str] = []
        aliases = list(skill.aliases)
        context: list[str] = []
        veto: list[str] = []
        ambiguous = False
        for term in skill.terms:
            key = normalize_alias(term)
            owner = self._skills.get(self._alias.get(key, ""))
            if owner is None:
                continue
            for form in owner.exact_case:
                if normalize_alias(form) != key:
                    continue
                if form not in skill.terms and form not in aliases:
                    aliases.append(form)
                exact.append(form)
                if owner.ambiguous:
                    ambiguous = True
                    context.extend(owner.context)
                    veto.extend(owner.veto_next)
        if not exact:
            return skill
        return replace(skill, aliases=tuple(aliases), exact_case=tuple(dict.fromkeys(exact)),
                       ambiguous=ambiguous, context=tuple(dict.fromkeys(context)),
                       veto_next=tuple(dict.fromkeys(veto)))

    def _drop_term(self, owner_id: str, key: str, winner_id: str) -> None:
        """Take every spelling of ``key`` away from ``owner_id`` (a later record won it).

        A skill that loses its own name is a duplicate of the winner: it is removed
        and its id redirects to the winner (see :meth:`resolve`).
        """
        owner = self._skills[owner_id]
        if normalize_alias(owner.name) == key:
            del self._skills[owner_id]
            for term in owner.terms:
                k = normalize_alias(term)
                if self._alias.get(k) == owner_id:
                    del self._alias[k]
            self._redirect[owner_id] = winner_id
            log.debug("skill %s merged into %s (same name)", owner_id, winner_id)
            return
        aliases = tuple(a for a in owner.aliases if normalize_alias(a) != key)
        exact = tuple(a for a in owner.exact_case if normalize_alias(a) != key)
        self._skills[owner_id] = replace(owner, aliases=aliases, exact_case=exact)
        log.debug("alias %r moved from %s to %s", key, owner_id, winner_id)

    @classmethod
    def load(cls, *paths: str | Path, defaults: bool = True) -> Taxonomy:
        """Load the shipped files (if ``defaults``), then ``paths`` (files or folders)."""
        files: list[Path] = []
        if defaults:
            files.extend(_expand([default_taxonomy_dir()]))
        files.extend(_expand(paths))
        tax = cls(files=files)
        for path in files:
            try:
                data = path.read_bytes()
            except OSError as e:
                raise CorpusError(path, f"cannot read: {e.strerror}") from e
            # bytes.splitlines breaks at \n, \r\n and \r, as text mode would; decoding
            # line by line lets a bad byte be reported with its line
            for lineno, raw in enumerate(data.splitlines(), 1):
                try:
                    line = raw.decode("utf-8")
                except UnicodeDecodeError as e:
                    raise CorpusError(path, f"not UTF-8 text (byte {e.start + 1} of the line)",
                                      line=lineno) from e
                if line.strip():
                    skill, explicit = _parse_line(path, lineno, line)
                    tax._add(skill, inherit=not explicit)
        dangling = sum(1 for s in tax._skills.values()
                       for r in (*s.related, *([s.parent] if s.parent else []))
                       if tax.canonical(r) not in tax._skills)
        if dangling:
            log.info("taxonomy: %d parent/related references to unknown ids ignored",
                     dangling)
        return tax

    @classmethod
    def default(cls) -> Taxonomy:
        """The shipped taxonomy, loaded once per process.

        Read from the built ``models/taxonomy.json`` when it was made from the
        shipped files as they are now; else loaded (and validated) from them.
        """
        return _default_taxonomy()

    def fingerprint(self) -> str:
        """SHA-256 over the names and bytes of :attr:`files` (see :func:`files_sha256`)."""
        if self._sha256 is None:
            self._sha256 = files_sha256(self.files)
        return self._sha256

    def to_disk(self, folder: str | Path) -> Path:
        """Write this taxonomy, resolved, as ``folder/taxonomy.json``; returns the file.

        The file holds every skill, the alias owners and merges, and the names and
        SHA-256 of the files it was loaded from; :meth:`from_disk` reads it back
        without validating again.
        """
        out = Path(folder) / TAXONOMY_FILE
        out.parent.mkdir(parents=True, exist_ok=True)
        data = {
            "format": TAXONOMY_FORMAT,
            "sha256": self.fingerprint(),
            "files": [p.name for p in self.files],
            "fields": list(_ROW),
            "skills": [[getattr(s, f) for f in _ROW] for s in self._skills.values()],
            "alias": self._alias,
            "redirect": self._redirect,
        }
        out.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")),
                       encoding="utf-8")
        return out

    @classmethod
    def from_disk(cls, folder: str | Path, files: Iterable[str | Path] | None = None,
                  ) -> Taxonomy:
        """Read a taxonomy written by :meth:`to_disk`.

        ``files`` are the JSON Lines files it must have been built from (default:
        the shipped ones); raise :class:`~rolematch.errors.ModelError` when the file
        is missing, of another format, or was built from other files or other bytes.
        """
        file = Path(folder) / TAXONOMY_FILE
        paths = tuple(Path(p) for p in files) if files is not None else \
            tuple(_expand([default_taxonomy_dir()]))
        try:
            data = json.loads(file.read_bytes())
        except FileNotFoundError as e:
            raise ModelError(f"{file}: built taxonomy not found; run rolematch build") from e
        except (OSError, ValueError) as e:
            raise ModelError(f"{file}: unreadable built taxonomy ({e})") from e
        if not isinstance(data, dict) or data.get("format") != TAXONOMY_FORMAT \
                or data.get("fields") != list(_ROW):
            fmt = data.get("format") if isinstance(data, dict) else None
            raise ModelError(f"{file}: built taxonomy has format {fmt!r}, this rolematch "
                             f"reads format {TAXONOMY_FORMAT}; rebuild it (rolematch build)")
        sha = files_sha256(paths)
        if data.get("files") != [p.name for p in paths] or data.get("sha256") != sha:
            raise ModelError(f"{file}: built from other taxonomy files; "
                             f"rebuild it (rolematch build)")
        tax = cls(files=paths)
        tax._sha256 = sha
        skills: dict[str, Skill] = {}
        for (sid, name, aliases, kind, category, parent, related, source, exact_case,
             ambiguous, context, veto_next, hot) in data["skills"]:
            skills[sid] = Skill(sid, name, tuple(aliases), kind, category, parent,
                                tuple(related), source, tuple(exact_case), ambiguous,
                                tuple(context), tuple(veto_next), hot)
        tax._skills = skills
        tax._alias = data["alias"]
        tax._redirect = data["redirect"]
        return tax

    # -- mapping protocol -------------------------------------------------------------
    def __getitem__(self, sid: str) -> Skill:
        try:
            return self._skills[sid]
        except KeyError:
            raise KeyError(f"unknown skill id {sid!r}") from None

    def get(self, sid: str, default: Skill | None = None) -> Skill | None:
        return self._skills.get(sid, default)

    def __contains__(self, sid: object) -> bool:
        return sid in self._skills

    def __iter__(self) -> Iterator[Skill]:
        return iter(self._skills.values())

    def __len__(self) -> int:
        return len(self._skills)

    # -- lookups ----------------------------------------------------------------------
    def lookup(self, alias: str) -> Skill | None:
        """The skill that owns ``alias`` (any spelling, see :func:`normalize_alias`)."""
        sid = self._alias.get(normalize_alias(alias))
        return self._skills.get(sid) if sid else None

    def canonical(self, sid: str) -> str:
        """``sid``, or the id it was merged into when a later record took its name."""
        seen = {sid}
        while sid not in self._skills and sid in self._redirect:
            sid = self._redirect[sid]
            if sid in seen:
                break
            seen.add(sid)
        return sid

    def resolve(self, name_or_id: str) -> Skill | None:
        """A skill by id (following merges), else by alias."""
        return self._skills.get(self.canonical(name_or_id)) or self.lookup(name_or_id)

    def match_terms(self, skill: Skill) -> tuple[str, ...]:
        """The name and aliases of ``skill`` that still match it (not lost to a later record)."""
        return tuple(t for t in skill.terms
                     if self._alias.get(normalize_alias(t)) == skill.id)

    def search(self, word: str, limit: int = 20) -> list[Skill]:
        """Skills whose id, name or alias contains ``word``, best first.

        Ranking: exact alias, then prefix of the name or an alias, then substring;
        shorter names first within a rank.
        """
        key = normalize_alias(word)
        low = word.strip().lower()
        if not low:
            return []
        scored: list[tuple[int, int, str, Skill]] = []
        exact = self._alias.get(key)
        for s in self._skills.values():
            if s.id == exact:
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

    def _index(self) -> None:
        children: dict[str, list[str]] = {}
        related: dict[str, set[str]] = {}
        for s in self._skills.values():
            parent = self.canonical(s.parent) if s.parent else None
            if parent and parent in self._skills and parent != s.id:
                children.setdefault(parent, []).append(s.id)
            for r in map(self.canonical, s.related):
                if r in self._skills and r != s.id:
                    related.setdefault(s.id, set()).add(r)
                    related.setdefault(r, set()).add(s.id)
        self._children, self._related = children, related

    def neighbours(self, sid: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """The ids that stand in for ``sid`` when scoring: its children (narrower
        skills) and its related skills (either direction), canonical and sorted; both
        empty for an id the taxonomy does not know."""
        if self._children is None or self._related is None:
            self._index()
        assert self._children is not None and self._related is not None
        sid = self.canonical(sid)
        return (tuple(sorted(self._children.get(sid, ()))),
                tuple(sorted(self._related.get(sid, ()))))

    def related(self, sid: str) -> list[Skill]:
        """Skills that partly substitute ``sid`` (symmetric), sorted by name."""
        self[sid]
        if self._related is None:
            self._index()
        assert self._related is not None
        return sorted((self._skills[r] for r in self._related.get(sid, ())),
                      key=lambda s: s.name.lower())

    def children(self, sid: str) -> list[Skill]:
        """Skills whose parent is ``sid``, sorted by name."""
        self[sid]
        if self._children is None:
            self._index()
        assert self._children is not None
        return sorted((self._skills[c] for c in self._children.get(sid, ())),
                      key=lambda s: s.name.lower())

    def ancestors(self, sid: str) -> list[Skill]:
        """Parent, grandparent, … of ``sid`` (cycles stop)."""
        out: list[Skill] = []
        seen = {sid}
        cur = self[sid].parent
        while cur and self.canonical(cur) in self._skills and self.canonical(cur) not in seen:
            cur = self.canonical(cur)
            seen.add(cur)
            out.append(self._skills[cur])
            cur = self._skills[cur].parent
        return out

    def show(self, name_or_id: str) -> dict[str, object]:
        """Everything about one skill as plain data (for ``rolematch taxonomy show``).

        Raises ``KeyError`` naming the skill when neither an id nor an alias matches.
        """
        skill = self.resolve(name_or_id)
        if skill is None:
            raise KeyError(f"no skill with id or alias {name_or_id!r}")
        rec = skill.to_record()
        rec["matched_by"] = list(self.match_terms(skill))
        rec["parents"] = [{"id": p.id, "name": p.name} for p in self.ancestors(skill.id)]
        rec["children"] = [{"id": c.id, "name": c.name} for c in self.children(skill.id)]
        rec["related_skills"] = [{"id": r.id, "name": r.name} for r in self.related(skill.id)]
        return rec

    def search_rows(self, word: str, limit: int = 20) -> list[dict[str, str]]:
        """Search results as rows (for ``rolematch taxonomy search``)."""
        return [{"id": s.id, "name": s.name, "kind": s.kind, "category": s.category,
                 "aliases": ", ".join(s.aliases[:5])} for s in self.search(word, limit)]


def _built_taxonomy_dir() -> Path | None:
    from ._resources import models_dir

    try:
        return models_dir()
    except RolematchError:
        return None


def _shipped_taxonomy(models: Path | None) -> Taxonomy:
    """The shipped taxonomy: from ``models/taxonomy.json`` when it is current, else
    loaded and validated from the JSON Lines files."""
    if models is not None and (models / TAXONOMY_FILE).is_file():
        try:
            return Taxonomy.from_disk(models)
        except ModelError as e:
            log.info("validating the taxonomy files instead of the built one: %s", e)
    return Taxonomy.load()


@lru_cache(maxsize=1)
def _default_taxonomy() -> Taxonomy:
    return _shipped_taxonomy(_built_taxonomy_dir())
