"""Stage 2: the skill taxonomy.

Skills live in JSON Lines files (``.jsonl``, or gzip'd ``.jsonl.gz``), one record
per line::

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
``uri``
    the ESCO concept URI of a skill taken from ESCO (:meth:`Taxonomy.by_uri`).
``no_match``
    terms kept for lookups by name (:meth:`Taxonomy.lookup`) but never matched in
    text: sentence-like ESCO labels, O*NET element names of one common word.

Files load in order (shipped ``corpora/taxonomy/*.jsonl`` sorted by name, then the
user's); a later record with the same id replaces the earlier one, and a later
record that claims an alias already used by another skill takes that alias away
from it, so no alias ever maps to two skills.

Every record is validated (pydantic) when loaded from JSON Lines. ``rolematch build``
also writes the loaded result, already validated and resolved, to
``models/taxonomy.json.gz`` (:meth:`Taxonomy.to_disk`) with the SHA-256 of the files it
came from; :meth:`Taxonomy.default` reads that instead when the hash still matches
the shipped files, and validates the JSON Lines otherwise.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from . import _taxonomy_disk
from ._taxonomy_records import (KINDS, Skill, default_dir, expand, files_sha256,
                                normalize_alias, read_records, skill_id)
from .errors import ModelError, RolematchError

__all__ = ["KINDS", "Skill", "Taxonomy", "skill_id", "normalize_alias", "files_sha256",
           "default_taxonomy_dir"]

log = logging.getLogger(__name__)

TAXONOMY_FILE = _taxonomy_disk.TAXONOMY_FILE
TAXONOMY_FORMAT = _taxonomy_disk.TAXONOMY_FORMAT
default_taxonomy_dir = default_dir


class Taxonomy:
    """Canonical skills by id, with an alias index and relations."""

    def __init__(self, skills: Iterable[Skill] = (), *, files: Iterable[Path] = ()) -> None:
        self._skills: dict[str, Skill] = {}
        self._alias: dict[str, str] = {}
        self._redirect: dict[str, str] = {}
        self._uri: dict[str, str] = {}
        self._children: dict[str, list[str]] | None = None
        self._related: dict[str, set[str]] | None = None
        self._sha256: str | None = None
        self.files: tuple[Path, ...] = tuple(files)
        for skill in skills:
            self._add(skill)

    # -- building ---------------------------------------------------------------------
    def _add(self, skill: Skill, *, inherit: bool = True) -> None:
        if inherit:
            skill = _inherit(skill, lambda key: self._skills.get(self._alias.get(key, "")))
        old = self._skills.pop(skill.id, None)
        self._redirect.pop(skill.id, None)
        if old is not None and old.uri and not skill.uri:
            skill = replace(skill, uri=old.uri)     # a curated record keeps ESCO's URI
        if skill.uri:
            self._uri[skill.uri] = skill.id
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
        no_match = tuple(a for a in owner.no_match if normalize_alias(a) != key)
        self._skills[owner_id] = replace(owner, aliases=aliases, exact_case=exact,
                                         no_match=no_match)
        log.debug("alias %r moved from %s to %s", key, owner_id, winner_id)

    @classmethod
    def load(cls, *paths: str | Path, defaults: bool = True) -> Taxonomy:
        """Load the shipped files (if ``defaults``), then ``paths`` (files or folders)."""
        files: list[Path] = []
        if defaults:
            files.extend(expand([default_taxonomy_dir()]))
        files.extend(expand(paths))
        tax = cls(files=files)
        for path in files:
            for skill, explicit in read_records(path):
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
        """Write this taxonomy, resolved, as ``folder/taxonomy.json.gz``; returns the file.

        The file holds every skill, the alias owners, merges and URIs, and the names
        and SHA-256 of the files it was loaded from; :meth:`from_disk` reads it back
        without validating again.
        """
        return _taxonomy_disk.write(self, folder)

    @classmethod
    def from_disk(cls, folder: str | Path, files: Iterable[str | Path] | None = None,
                  ) -> Taxonomy:
        """Read a taxonomy written by :meth:`to_disk`.

        ``files`` are the JSON Lines files it must have been built from (default:
        the shipped ones); raise :class:`~rolematch.errors.ModelError` when the file
        is missing, of another format, or was built from other files or other bytes.
        """
        return _taxonomy_disk.read(cls, folder, files)

    def _state(self) -> dict[str, dict[str, str]]:
        """The resolved indexes that :meth:`to_disk` stores beside the skills."""
        return {"alias": self._alias, "redirect": self._redirect, "uri": self._uri}

    @classmethod
    def _restore(cls, skills: dict[str, Skill], state: dict[str, Any], *,
                 files: Iterable[Path], sha256: str) -> Taxonomy:
        tax = cls(files=files)
        tax._sha256 = sha256
        tax._skills = skills
        tax._alias, tax._redirect, tax._uri = state["alias"], state["redirect"], state["uri"]
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

    def by_uri(self, uri: str) -> Skill | None:
        """The skill of an ESCO concept URI (following merges), or ``None``."""
        sid = self._uri.get(uri.strip())
        return self._skills.get(self.canonical(sid)) if sid else None

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
        return tuple(t for t in skill.terms if t not in skill.no_match
                     and self._alias.get(normalize_alias(t)) == skill.id)

    def search(self, word: str, limit: int = 20) -> list[Skill]:
        """Skills whose id, name or alias contains ``word``, best first.

        Ranking: exact alias, then prefix of the name or an alias, then substring;
        shorter names first within a rank.
        """
        from ._taxonomy_query import search

        return search(self, word, limit)

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
        from ._taxonomy_query import show

        return show(self, name_or_id)

    def search_rows(self, word: str, limit: int = 20) -> list[dict[str, str]]:
        """Search results as rows (for ``rolematch taxonomy search``)."""
        return [{"id": s.id, "name": s.name, "kind": s.kind, "category": s.category,
                 "aliases": ", ".join(s.aliases[:5])} for s in self.search(word, limit)]


def _inherit(skill: Skill, owner_of: Callable[[str], Skill | None]) -> Skill:
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
        owner = owner_of(key)
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
