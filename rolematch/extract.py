"""Stage 3: find taxonomy skills in text, with evidence.

Rule matching over one tokenization of the text (:mod:`rolematch._tokenize`, one
compiled regex, used for the taxonomy terms too), with three phrase tables looked up
as dicts of token tuples (what spaCy's :class:`~spacy.matcher.PhraseMatcher` would
find, without building a Doc per pattern or importing spaCy),

* ``lower`` for one-word terms ("python", "SEO"),
* ``lemma`` = lookup lemma of the lowercase form, for phrases, so "managed campaigns"
  matches "manage campaign" and "A/B tests" matches "A/B testing",
* ``orth`` for exact-case forms (acronyms, tool names that are English words).

Overlaps resolve to the longest span (as :func:`spacy.util.filter_spans`). Forms a
taxonomy record marks ``ambiguous`` ("Go", "R", "Excel", "Word", "Spark"…) only count
with evidence on the same line: a context word of that skill, or standing as an item
of a list (between commas, "and", line ends…) next to another skill, in a list-like
line, or in the résumé's skills section; a following hyphen or veto word ("Excel at",
"C-level", "Go-to-market") rejects them.

The compiled patterns are plain JSON (pre-tokenized, with the part of the lemma
table they need), written by :meth:`SkillExtractor.to_disk` and read back without
tokenizing or lemmatizing anything; the tables index the token tuples directly.
"""

from __future__ import annotations

import bisect
import gzip
import json
import logging
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache, partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, Union

from . import _context, _derive, _overlaps, _patterns, _senses, _tokenize
from .errors import ModelError, RolematchError
from .taxonomy import normalize_alias

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

    from .documents import Resume
    from .taxonomy import Taxonomy

__all__ = [
    "SkillMention",
    "SkillEvidence",
    "SkillExtractor",
    "extract_skills",
    "default_extractor",
    "skill_evidence",
    "evidence_to_dict",
    "taxonomy_fingerprint",
]

log = logging.getLogger(__name__)

PATTERNS_FILE = "patterns.json.gz"
TextOrResume = Union[str, "Resume"]

_ABSENT = object()

#: Most words between a verb and its object in a gapped match ("managed the payroll").
GAP = 2
#: Words a gap may not hold: they start a clause or another phrase ("services that our
#: customers", "help to avoid customer escalations", "travel without booking fees");
#: determiners and possessives may
#: ("managed the payroll", "helped our enterprise customers"), and so may "and"
#: between two verbs ("designed and built APIs").
GAP_STOP = _context.FUNCTION_WORDS - frozenset(
    "a an the this these our your their my his her its".split()
) | frozenset(
    """without about over through across during within before after while when
        where if as than like via per but or nor not no""".split()
)


@dataclass(frozen=True)
class SkillMention:
    skill_id: str
    surface: str  # the text as written
    start: int  # character span in the source text (Resume.text)
    end: int
    line: int  # line index in Resume.lines (0-based)
    section: str  # section name of that line ("other" for plain text)


@dataclass(frozen=True)
class SkillEvidence:
    """One skill found in a résumé, with every line that shows it."""

    skill_id: str
    name: str
    kind: str
    category: str
    count: int  # number of mentions
    sections: tuple[str, ...]  # sections it appears in, first-seen order
    lines: tuple[tuple[int, str], ...]  # (line index, line text), each line once
    surfaces: tuple[str, ...]  # distinct spellings as written


def evidence_to_dict(ev: SkillEvidence) -> dict[str, object]:
    """One skill's evidence as plain JSON data (``rolematch skills --format json``):
    lines are ``{"line": 1-based number, "text": …}``."""
    return {
        "skill_id": ev.skill_id,
        "name": ev.name,
        "kind": ev.kind,
        "category": ev.category,
        "count": ev.count,
        "sections": list(ev.sections),
        "surfaces": list(ev.surfaces),
        "lines": [{"line": i + 1, "text": text} for i, text in ev.lines],
    }


def taxonomy_fingerprint(taxonomy: Taxonomy) -> str:
    """SHA-256 over the taxonomy files' names and bytes (in load order)."""
    return taxonomy.fingerprint()


class SkillExtractor:
    """Compiled skill patterns + matchers. Build with :meth:`from_taxonomy` or
    :meth:`from_disk`; call it on a text or a :class:`~rolematch.Resume`."""

    def __init__(self, patterns: dict[str, Any]) -> None:
        if patterns.get("format") != _patterns.FORMAT:
            raise ModelError(
                f"skill patterns have format {patterns.get('format')!r}, "
                f"this rolematch reads format {_patterns.FORMAT}; "
                f"rebuild them (rolematch build)"
            )
        self.patterns = patterns
        self._rules: dict[str, dict[str, list[str]]] = patterns["rules"]
        self._vocab: Vocab | None = None
        self._nlp: Language | None = None
        self._matchers: list[Any] = []
        self._verb_forms: frozenset[str] | None = None
        self._derived_forms: frozenset[str] = frozenset()
        self._verb_keys: frozenset[str] = frozenset()
        self._verb_skills: dict[str, frozenset[str]] = {}
        self._participles = _frozen(patterns.get("participles"))
        self._irregular = _overlaps.Irregular.of(patterns.get("irregular", {}))
        self._code: frozenset[str] = frozenset(patterns.get("code", ()))
        self._known = _Owners(patterns)

    # -- construction -----------------------------------------------------------------
    @classmethod
    def from_taxonomy(cls, taxonomy: Taxonomy | None = None) -> SkillExtractor:
        from .taxonomy import Taxonomy

        tax = taxonomy if taxonomy is not None else Taxonomy.default()
        patterns = _patterns.compile_patterns(tax)
        patterns["taxonomy_sha256"] = taxonomy_fingerprint(tax)
        patterns["skills"] = len(tax)
        return cls(patterns)

    def to_disk(self, path: str | Path) -> Path:
        """Write the compiled patterns as ``path/patterns.json.gz``; returns that file."""
        folder = Path(path)
        folder.mkdir(parents=True, exist_ok=True)
        out = folder / PATTERNS_FILE
        text = json.dumps(self.patterns, ensure_ascii=False, separators=(",", ":"))
        out.write_bytes(gzip.compress(text.encode("utf-8"), mtime=0))
        return out

    @classmethod
    def from_disk(cls, path: str | Path, taxonomy: Taxonomy | None = None) -> SkillExtractor:
        """Read patterns written by :meth:`to_disk`.

        With ``taxonomy``, raise :class:`ModelError` when the patterns were built
        from other taxonomy files.
        """
        file = Path(path) / PATTERNS_FILE
        try:
            data = json.loads(gzip.decompress(file.read_bytes()))
        except FileNotFoundError as e:
            raise ModelError(f"{file}: skill patterns not found; run rolematch build") from e
        except (OSError, EOFError, ValueError) as e:
            raise ModelError(f"{file}: unreadable skill patterns ({e})") from e
        if not isinstance(data, dict):
            raise ModelError(f"{file}: expected a JSON object")
        if taxonomy is not None and data.get("taxonomy_sha256") != taxonomy_fingerprint(taxonomy):
            raise ModelError(f"{file}: built from another taxonomy; rebuild the patterns")
        return cls(data)

    # -- matching machinery (built on first use) --------------------------------------
    @property
    def vocab(self) -> Vocab:
        """The matchers' vocabulary: lexemes carry LOWER and NORM = lemma key."""
        if self._vocab is None:
            self._vocab = _patterns.make_vocab(self.patterns["lemmas"])
        return self._vocab

    @property
    def nlp(self) -> Language:
        """A blank English pipeline that tokenizes like the matcher (for inspection)."""
        if self._nlp is None:
            self._nlp = _patterns.make_nlp(self.vocab)
        return self._nlp

    def _build(self) -> None:
        """One index per table: ``"tok tok"`` -> the key that owns those words (on
        ties, normalized spelling -> keys), each proper prefix -> ``None``;
        :meth:`_phrases` walks it like a trie. Compiled by ``rolematch build``
        (:func:`rolematch._patterns.compile_patterns`), so this only merges dicts."""
        self._derived_forms = _derive.patterns_forms(self.patterns)
        self._verb_skills = _overlaps.verb_skills(
            self.patterns.get("gapped", {}), self.patterns.get("derived_one", {})
        )
        self._verb_keys = _overlaps.verb_keys(self._verb_skills)
        self._matchers = _indexes(self.patterns)

    def _match(self, words: list[str]) -> list[tuple[str, int, int, bool]]:
        """(skill id, start token, end token, needs context) — longest spans kept.

        A hyphen between two words is skipped, so "team-player" and "detail-oriented"
        match "team player" and "detail oriented"; spans are given in ``words``."""
        if "-" not in words:
            return self._match_words(words)
        n = len(words)
        keep = [
            i
            for i, w in enumerate(words)
            if not (
                w == "-"
                and 0 < i < n - 1
                and words[i - 1][-1:].isalpha()
                and words[i + 1][:1].isalpha()
            )
        ]
        if len(keep) == n:
            return self._match_words(words)
        return [
            (key, keep[s], keep[e - 1] + 1, needs)
            for key, s, e, needs in self._match_words([words[i] for i in keep])
        ]

    def _phrases(self, words: list[str], low: list[str]) -> list[tuple[str, int, int]]:
        """(key, start, end) of every table sequence in ``words``: table by table
        (lower, lemma, orth), by start, then by length — what spaCy's PhraseMatcher
        with ``attr`` LOWER, NORM, ORTH would find over the extractor's vocab.
        ``low``: the words in lowercase."""
        if not self._matchers:
            self._build()
        lemmas = self.patterns["lemmas"]
        tokens = {"lower": low, "orth": words, "lemma": list(map(lemmas.get, low, low))}
        tokens["folded"] = low
        spelt = (self._participles, lemmas)
        found: list[Any] = []
        for name, index, singles, longer in self._matchers:
            hits = _walk(index, singles, longer, tokens[name], words)
            if name == "lemma":
                hits = _overlaps.lemma_hits(hits, low, spelt, self._irregular)
            found += hits
        return found

    def _match_words(self, words: list[str]) -> list[tuple[str, int, int, bool]]:
        low = list(map(_patterns.fold_lower, words))  # once, for every table and verb form; ’ as '
        gaps = {(key, i, e): (i + 1, j) for key, i, e, j in self._gapped(words, low)}
        phrases = self._phrases(words, low)
        kept_gaps = _overlaps.owned_objects(gaps, phrases, self._verb_keys)
        found = _overlaps.uncrossed([*phrases, *kept_gaps], self._verb_keys)
        found += _derived(self.patterns, self._derived_forms, low)
        kept = _longest(found, gaps, len(words))
        return [
            (key[1:], s, e, True) if key.startswith("?") else (key, s, e, False)
            for key, s, e in kept
        ]

    def _gapped(self, words: list[str], low: list[str]) -> list[tuple[str, int, int, int]]:
        """Verb + object phrases with up to :data:`GAP` words between verb and object
        ("managed the payroll" for "manage payroll"); no punctuation in between.
        (key, verb token, end, object token)."""
        table: dict[str, dict[str, list[list[Any]]]] = self.patterns.get("gapped", {})
        if not table:
            return []
        lemmas: dict[str, str] = self.patterns["lemmas"]
        if self._verb_forms is None:  # lowercase forms whose lemma starts a phrase
            self._verb_forms = frozenset([*table, *(w for w, k in lemmas.items() if k in table)])
        forms = self._verb_forms
        found = []
        n = len(words)
        for i in [i for i, w in enumerate(low) if w in forms]:
            objects = table.get(lemmas.get(low[i], low[i]))
            if objects is None:
                continue
            for j in range(i + 2, min(i + 2 + GAP, n)):
                if not words[j - 1][:1].isalnum() or low[j - 1] in GAP_STOP:
                    break  # a gap holds words only, none starting a clause
                for rest, key in objects.get(lemmas.get(low[j], low[j]), ()):
                    end = j + 1 + len(rest)
                    if [lemmas.get(w, w) for w in low[j + 1 : end]] == rest and not (
                        _overlaps.participle(low, i, j, end, self._participles, lemmas)
                        or self._irregular.collides(low, i, j, end, lemmas)
                    ):
                        found.append((key, i, end, j))
        return found

    def match_doc(self, doc: Doc) -> list[tuple[str, int, int, bool]]:
        """(skill id, start token, end token, needs context) in a Doc made by
        :attr:`nlp` — longest spans kept; token indices are the Doc's."""
        index: list[int] = []
        words: list[str] = []
        for tok in doc:
            if tok.is_space:
                if "\n" in tok.text and not (words and words[-1] is _tokenize.NEWLINE):
                    words.append(_tokenize.NEWLINE)
                    index.append(tok.i)
                continue
            words.append(tok.text)
            index.append(tok.i)
        index.append(len(doc))
        return [(sid, index[s], index[e - 1] + 1, needs) for sid, s, e, needs in self._match(words)]

    # -- public call ------------------------------------------------------------------
    def __call__(self, text_or_resume: TextOrResume) -> list[SkillMention]:
        text, section_of = _source(text_or_resume)
        if not text.strip():
            return []
        if not self._matchers:
            self._build()
        words, starts = _unglue(
            *_tokenize.tokenize(text), [m[1] for m in self._matchers], self.patterns["lemmas"]
        )
        line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
        sections: dict[int, str] = {}

        def section_at(i: int) -> str:
            line = bisect.bisect_right(line_starts, starts[i]) - 1
            if line not in sections:
                sections[line] = section_of(line)
            return sections[line]

        mentions = []
        for sid, s, e in self.accepted(words, section_at):
            start, end = starts[s], starts[e - 1] + len(words[e - 1])
            line = bisect.bisect_right(line_starts, start) - 1
            mentions.append(SkillMention(sid, text[start:end], start, end, line, section_at(s)))
        return mentions

    def accepted(
        self,
        words: list[str],
        section_at: Callable[[int], str] = lambda i: "other",
    ) -> list[tuple[str, int, int]]:
        """(skill id, start token, end token) of the matches in ``words`` passing the
        context rules (:mod:`rolematch._context`); ``section_at(i)``: token i's section."""
        found = self._match(words)
        plain = [(s, e) for _, s, e, needs in found if not needs]
        covered = {i for _, s, e, _ in found for i in range(s, e)}
        kinds: dict[str, str] = self.patterns.get("kinds", {})
        lemmas: dict[str, str] = self.patterns["lemmas"]
        kept = []
        for sid, s, e, needs in found:
            section = section_at(s) if needs or words[s][:1].isupper() else "other"
            if needs and not _context.confirmed(
                words, s, e, section, self._rules.get(sid, {}), plain, covered
            ):
                continue
            verb = partial(_overlaps.verb_object, self._verb_skills, lemmas, sid, words[s])
            if _context.vetoed(words, s, e, section, kinds.get(sid, ""), covered, verb):
                continue
            kept.append((sid, s, e))
        return _senses.read_all(words, kept, lemmas, self._code, covered, self._known)

    def pipe(self, texts: Iterable[TextOrResume]) -> Iterable[list[SkillMention]]:
        for t in texts:
            yield self(t)


def _indexes(patterns: dict[str, Any]) -> list[Any]:
    """(name, index, one-word keys, has longer sequences) per table, for
    :meth:`SkillExtractor._build`."""
    indexes = []
    for name in ("lower", "lemma", "orth"):
        table: dict[str, Any] = patterns[name]
        if table:
            prefixes = patterns["prefixes"][name]
            index: dict[str, Any] = dict.fromkeys(prefixes)
            index.update(table)
            singles = frozenset(k for k in table if " " not in k)
            indexes.append((name, index, singles, bool(prefixes)))
    folded = _overlaps.folded(patterns["orth"])
    if folded:
        singles = frozenset(k for k, v in folded.items() if v is not None and " " not in k)
        indexes.append(("folded", folded, singles, True))
    return indexes


def _derived(
    patterns: dict[str, Any], forms: frozenset[str], low: list[str]
) -> list[tuple[str, int, int]]:
    """Verb forms of one-word terms ("ability to prioritize", "negotiated") in the
    lowercase words ``low``: :func:`rolematch._derive.find` over the compiled
    ``patterns``."""
    if not forms:
        return []
    return _derive.find(low, patterns["lemmas"], patterns.get("derived_one", {}), forms)


class _Owners:
    """The skill ids the patterns' lowercase, lemma and exact-case tables match,
    gathered on the first lookup (a sense rule's other skill may be missing from a
    custom taxonomy)."""

    def __init__(self, patterns: dict[str, Any]) -> None:
        self._patterns, self._ids = patterns, frozenset[str]()

    def __contains__(self, sid: object) -> bool:
        if not self._ids:
            tables = (self._patterns[name].values() for name in ("lower", "lemma", "orth"))
            self._ids = frozenset(
                k.lstrip("?")
                for table in tables
                for owner in table
                for k in (owner[""] if isinstance(owner, dict) else (owner,))
            )
        return sid in self._ids


def _frozen(listed: list[str] | None) -> frozenset[str] | None:
    return None if listed is None else frozenset(listed)


def _longest(
    found: list[tuple[str, int, int]], gaps: dict[tuple[str, int, int], tuple[int, int]], n: int
) -> list[tuple[str, int, int]]:
    """spacy.util.filter_spans on (key, start, end) tuples: longest first, then
    leftmost; ``gaps`` maps a gapped verb phrase to the tokens between its verb and
    object. Sorted by start."""
    found.sort(key=lambda m: (m[2] - m[1], -m[1]), reverse=True)
    taken = bytearray(n)
    kept = []
    ends: dict[int, int] = {}  # end token -> start of the longest span kept there
    inside: list[tuple[int, int]] = []  # the gaps of the verb phrases kept
    for key, s, e in found:
        if not taken[s] and not taken[e - 1]:
            kept.append((key, s, e))
            taken[s:e] = b"\1" * (e - s)
            ends[e] = s
            if (key, s, e) in gaps:
                inside.append(gaps[key, s, e])
        elif any(a <= s and e <= b for a, b in inside):
            # a skill in the gap stays one: "taught ESL and reading" has ESL too
            kept.append((key, s, e))
        elif ends.get(e, s) < s and not key.startswith("?") and e - s > 1:
            # the object of a verb phrase is a skill too: "ran competitive
            # analysis" evidences both the ESCO phrase and competitive analysis
            kept.append((key, s, e))
            ends[e] = s
    kept.sort(key=lambda m: m[1])
    return kept


def _unglue(
    words: list[str], starts: list[int], indexes: list[dict[str, Any]], lemmas: dict[str, str]
) -> tuple[list[str], list[int]]:
    """Split "of" from a skill word that a PDF glued it to ("ofSalesforce",
    "ofcivil engineering"): a token "of" + rest, where rest is a term of a table or
    the first word of a phrase ("offer", "office" stay)."""
    glued = [
        i
        for i, w in enumerate(words)
        if len(w) > 4 and w[:2] in ("of", "Of") and w[2] not in "fF" and w[2:].isalpha()
    ]
    for i in reversed(glued):
        rest = words[i][2:]
        low = rest.lower()
        if any(low in k or lemmas.get(low, low) in k or rest in k for k in indexes):
            words[i : i + 1] = [words[i][:2], rest]
            starts[i : i + 1] = [starts[i], starts[i] + 2]
    return words, starts


def _walk(
    index: dict[str, Any], singles: frozenset[str], longer: bool, toks: list[str], words: list[str]
) -> list[tuple[str, int, int]]:
    """Every match of one table in ``toks`` (the keys of ``words``), by start then
    length, as PhraseMatcher finds them: a match is one word of ``singles`` or
    starts with a word pair in ``index``; from there the index is walked like a trie."""
    starts = [i for i, tok in enumerate(toks) if tok in singles]
    if longer:
        firsts = [i for i, tok in enumerate(toks[:-1]) if tok in index]
        starts += [i for i in firsts if toks[i] + " " + toks[i + 1] in index]
        starts = sorted(set(starts))
    get = index.get
    n = len(toks)
    found: list[tuple[str, int, int]] = []
    for s in starts:
        seq = toks[s]
        e = s + 1
        while (owners := get(seq, _ABSENT)) is not _ABSENT:
            if type(owners) is str:
                found.append((owners, s, e))
            elif owners is not None:  # several skills: whose spelling is it?
                spelling = normalize_alias("".join(words[s:e]))
                found.extend((key, s, e) for key in owners.get(spelling, owners[""]))
            if e == n:
                break
            seq += " " + toks[e]
            e += 1
    return found


def _source(text_or_resume: TextOrResume) -> tuple[str, Any]:
    if isinstance(text_or_resume, str):
        return text_or_resume, lambda line: "other"
    resume = text_or_resume
    text = resume.text
    section_at = getattr(resume, "section_at", None)

    def section_of(line: int) -> str:
        if section_at is None:
            return "other"
        sec = section_at(line)
        if sec is None:
            return "other"
        return str(getattr(sec, "name", sec))

    return text, section_of


@lru_cache(maxsize=1)
def default_extractor() -> SkillExtractor:
    """The extractor for the shipped taxonomy: ``models/matcher/`` when built, else
    compiled from :meth:`Taxonomy.default` (slower first call)."""
    try:
        from ._resources import models_dir

        folder = models_dir() / "matcher"
    except RolematchError:
        folder = None
    if folder is not None and (folder / PATTERNS_FILE).is_file():
        try:
            return SkillExtractor.from_disk(folder)
        except ModelError as e:
            log.warning("ignoring built skill patterns: %s", e)
    return SkillExtractor.from_taxonomy()


def extract_skills(
    text_or_resume: TextOrResume, *, extractor: SkillExtractor | None = None
) -> list[SkillMention]:
    """Skills mentioned in a text or résumé, sorted by position."""
    return (extractor or default_extractor())(text_or_resume)


def skill_evidence(
    text_or_resume: TextOrResume,
    *,
    extractor: SkillExtractor | None = None,
    taxonomy: Taxonomy | None = None,
) -> list[SkillEvidence]:
    """A résumé's skills grouped with their evidence lines (for ``rolematch skills``).

    Sorted by number of mentions (most first), then name.
    """
    from .taxonomy import Taxonomy

    tax = taxonomy if taxonomy is not None else Taxonomy.default()
    mentions = extract_skills(text_or_resume, extractor=extractor)
    text, _ = _source(text_or_resume)
    lines = text.split("\n")
    groups: dict[str, list[SkillMention]] = {}
    for m in mentions:
        groups.setdefault(tax.canonical(m.skill_id), []).append(m)
    out = []
    for sid, ms in groups.items():
        skill = tax.get(sid)
        seen_lines = dict.fromkeys(m.line for m in ms)
        out.append(
            SkillEvidence(
                skill_id=sid,
                name=skill.name if skill else sid,
                kind=skill.kind if skill else "",
                category=skill.category if skill else "",
                count=len(ms),
                sections=tuple(dict.fromkeys(m.section for m in ms)),
                lines=tuple((i, lines[i].strip()) for i in seen_lines),
                surfaces=tuple(dict.fromkeys(m.surface for m in ms)),
            )
        )
    out.sort(key=lambda ev: (-ev.count, ev.name.lower()))
    return out
