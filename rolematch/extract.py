"""Stage 3: find taxonomy skills in text, with evidence.

Rule matching with spaCy: three :class:`~spacy.matcher.PhraseMatcher`\\ s over one
tokenization of the text (:mod:`rolematch._tokenize`, one compiled regex, used for the
taxonomy terms too),

* ``LOWER`` for one-word terms ("python", "SEO"),
* ``NORM`` = lookup lemma of the lowercase form, for phrases, so "managed campaigns"
  matches "manage campaign" and "A/B tests" matches "A/B testing",
* ``ORTH`` for exact-case forms (acronyms, tool names that are English words).

Overlaps resolve to the longest span (:func:`spacy.util.filter_spans`). Forms a
taxonomy record marks ``ambiguous`` ("Go", "R", "Excel", "Word", "Spark"…) only count
with evidence on the same line: a context word of that skill, or standing as an item
of a list (between commas, "and", line ends…) next to another skill, in a list-like
line, or in the résumé's skills section; a following hyphen or veto word ("Excel at",
"C-level", "Go-to-market") rejects them.

The compiled patterns are plain JSON (pre-tokenized, with the part of the lemma
table they need), written by :meth:`SkillExtractor.to_disk` and read back without
tokenizing or lemmatizing anything; the matchers take the token hashes directly.
"""

from __future__ import annotations

import bisect
import json
import logging
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Union

from . import _patterns, _tokenize
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
    "taxonomy_fingerprint",
]

log = logging.getLogger(__name__)

PATTERNS_FILE = "patterns.json"
TextOrResume = Union[str, "Resume"]

_SEP_BEFORE = frozenset(
    {
        ",",
        ";",
        ":",
        "/",
        "|",
        "(",
        "[",
        "and",
        "or",
        "&",
        "+",
        "•",
        "·",
        "▪",
        "●",
        "◦",
        "►",
        "➢",
        "✓",
        "*",
        "–",
        "—",
    }
)
_SEP_AFTER = frozenset({",", ";", "/", "|", ")", "]", ".", "and", "or", ":", "+"})
_LIST_MARKS = frozenset({",", ";", "|", "•", "·", "/"})
_HARD_VETO_NEXT = frozenset({"-", "&", "'s", "’s", "@"})
_WINDOW = 12
_NEIGHBOUR = 6


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
        """Write the compiled patterns as ``path/patterns.json``; returns that file."""
        folder = Path(path)
        folder.mkdir(parents=True, exist_ok=True)
        out = folder / PATTERNS_FILE
        out.write_text(
            json.dumps(self.patterns, ensure_ascii=False, separators=(",", ":")), encoding="utf-8"
        )
        return out

    @classmethod
    def from_disk(cls, path: str | Path, taxonomy: Taxonomy | None = None) -> SkillExtractor:
        """Read patterns written by :meth:`to_disk`.

        With ``taxonomy``, raise :class:`ModelError` when the patterns were built
        from other taxonomy files.
        """
        file = Path(path) / PATTERNS_FILE
        try:
            data = json.loads(file.read_bytes())
        except FileNotFoundError as e:
            raise ModelError(f"{file}: skill patterns not found; run rolematch build") from e
        except (OSError, ValueError) as e:
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
        """One PhraseMatcher per attribute, each holding every distinct token sequence
        of its table once; a match's key is read back from its tokens
        (:meth:`_keys`), so the 20,000 skill ids need no matcher rules of their own."""
        from spacy.matcher import PhraseMatcher

        vocab = self.vocab
        add = vocab.strings.add
        lemmas: dict[str, str] = self.patterns["lemmas"]
        matchers = []
        for attr, name in (("LOWER", "lower"), ("NORM", "lemma"), ("ORTH", "orth")):
            table: dict[str, list[list[str]]] = self.patterns[name]
            if not table:
                continue
            keys: dict[tuple[str, ...], Any] = {}  # owners; then spelling -> owners on ties
            hashes: list[Any] = []
            for key, token_lists in table.items():
                for words in token_lists:
                    seq = tuple(words)
                    owners = keys.get(seq)
                    if owners is None:
                        keys[seq] = [key]
                        hashes.append([add(w) for w in words])
                    elif key not in owners:
                        owners.append(key)
            for seq, owners in keys.items():
                if len(owners) > 1:
                    owners.sort(key=lambda k, seq=seq: not _names(k, seq, name, lemmas))
                    # spelling -> its owner first, then the others
                    spelled = self.patterns["ties"][name].get(" ".join(seq), {})
                    keys[seq] = {
                        sp: [k, *(o for o in owners if o != k)] for sp, k in spelled.items()
                    }  # type: ignore[assignment]
                    keys[seq][""] = owners  # type: ignore[index]
            matcher = PhraseMatcher(vocab, attr=attr)
            matcher.add(name, hashes)
            matchers.append((name, matcher, keys))
        self._matchers = matchers

    def _match(self, words: list[str]) -> list[tuple[str, int, int, bool]]:
        """(skill id, start token, end token, needs context) — longest spans kept."""
        from spacy.tokens import Doc

        if not self._matchers:
            self._build()
        doc = Doc(self.vocab, words=words)
        lemmas = self.patterns["lemmas"]
        found: list[Any] = []
        for name, matcher, keys in self._matchers:
            for _, s, e in matcher(doc):
                if name == "orth":
                    seq = tuple(words[s:e])
                elif name == "lower":
                    seq = (words[s].lower(),)
                else:
                    seq = tuple(lemmas.get(w, w) for w in map(str.lower, words[s:e]))
                owners = keys[seq]
                if isinstance(owners, dict):  # several skills: who owns this spelling?
                    owners = owners.get(normalize_alias("".join(words[s:e])), owners[""])
                found.extend((key, s, e) for key in owners)
        # spacy.util.filter_spans on tuples: longest first, then leftmost
        found.sort(key=lambda m: (m[2] - m[1], -m[1]), reverse=True)
        taken = bytearray(len(words))
        kept = []
        for key, s, e in found:
            if not taken[s] and not taken[e - 1]:
                kept.append((key, s, e))
                taken[s:e] = b"\1" * (e - s)
        kept.sort(key=lambda m: m[1])
        return [
            (key[1:], s, e, True) if key.startswith("?") else (key, s, e, False)
            for key, s, e in kept
        ]

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
        words, starts = _tokenize.tokenize(text)
        found = self._match(words)
        if not found:
            return []
        line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
        plain = [(s, e) for _, s, e, needs in found if not needs]
        mentions = []
        for sid, s, e, needs in found:
            start, end = starts[s], starts[e - 1] + len(words[e - 1])
            line = bisect.bisect_right(line_starts, start) - 1
            section = section_of(line)
            if needs and not self._confirmed(words, sid, s, e, section, plain):
                continue
            mentions.append(SkillMention(sid, text[start:end], start, end, line, section))
        return mentions

    def _confirmed(
        self,
        words: Sequence[str],
        sid: str,
        s: int,
        e: int,
        section: str,
        plain: Sequence[tuple[int, int]],
    ) -> bool:
        """Is an ambiguous form at tokens [s, e) meant as the skill?"""
        rule = self._rules.get(sid, {})
        newline = _tokenize.NEWLINE
        lo = s
        while lo > 0 and s - lo < _WINDOW and words[lo - 1] != newline:
            lo -= 1
        hi = e
        while hi < len(words) and hi - e < _WINDOW and words[hi] != newline:
            hi += 1
        prev = words[s - 1] if s > lo else None
        nxt = words[e] if e < hi else None
        if nxt is not None and (nxt in _HARD_VETO_NEXT or nxt.lower() in rule.get("veto_next", ())):
            return False
        if prev == "-" and s - 1 > lo:
            return False  # "top-R", "T-C"
        context = set(rule.get("context", ()))
        window = [*words[lo:s], *words[e:hi]]
        if context and any(w.lower() in context for w in window):
            return True
        standalone = (prev is None or prev.lower() in _SEP_BEFORE) and (
            nxt is None or nxt.lower() in _SEP_AFTER
        )
        if not standalone:
            return False
        if section == "skills":
            return True
        if any(
            ps < hi and pe > lo and (abs(ps - e) <= _NEIGHBOUR or abs(s - pe) <= _NEIGHBOUR)
            for ps, pe in plain
        ):
            return True
        return sum(1 for w in window if w in _LIST_MARKS) >= 2

    def pipe(self, texts: Iterable[TextOrResume]) -> Iterable[list[SkillMention]]:
        for t in texts:
            yield self(t)


def _names(key: str, seq: tuple[str, ...], table: str, lemmas: dict[str, str]) -> bool:
    """Is ``seq`` the skill id of ``key`` itself? Breaks ties between skills whose
    terms match the same words ("resolve conflicts" is resolve-conflicts before
    negotiate-compromise); otherwise taxonomy order decides."""
    parts = key.lstrip("?").split("-")
    if table == "lemma":
        parts = [lemmas.get(p, p) for p in parts]
    elif table == "orth":
        seq = tuple(w.lower() for w in seq)
    return tuple(parts) == seq


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
