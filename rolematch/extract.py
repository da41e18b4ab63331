"""Stage 3: find taxonomy skills in text, with evidence.

Rule matching on ``spacy.blank("en")``: three :class:`~spacy.matcher.PhraseMatcher`\\ s
over one tokenization of the text,

* ``LOWER`` for one-word terms ("python", "SEO"),
* ``LEMMA`` (lookup lemma of the lowercase form) for phrases, so "managed campaigns"
  matches "manage campaign" and "A/B tests" matches "A/B testing",
* ``ORTH`` for exact-case forms (acronyms, tool names that are English words).

Overlaps resolve to the longest span (:func:`spacy.util.filter_spans`). Forms a
taxonomy record marks ``ambiguous`` ("Go", "R", "Excel", "Word", "Spark"…) only count
with evidence on the same line: a context word of that skill, or standing as an item
of a list (between commas, "and", line ends…) next to another skill, in a list-like
line, or in the résumé's skills section; a following hyphen or veto word ("Excel at",
"C-level", "Go-to-market") rejects them.

The compiled patterns are plain JSON (pre-tokenized), written by
:meth:`SkillExtractor.to_disk` and read back without re-tokenizing the taxonomy.
"""

from __future__ import annotations

import bisect
import hashlib
import json
import logging
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Union

from . import _patterns
from .errors import ModelError, RolematchError

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

    from .documents import Resume
    from .taxonomy import Taxonomy

__all__ = ["SkillMention", "SkillEvidence", "SkillExtractor", "extract_skills",
           "default_extractor", "skill_evidence", "taxonomy_fingerprint"]

log = logging.getLogger(__name__)

PATTERNS_FILE = "patterns.json"
TextOrResume = Union[str, "Resume"]

_SEP_BEFORE = frozenset({",", ";", ":", "/", "|", "(", "[", "and", "or", "&", "+",
                         "•", "·", "▪", "●", "◦", "►", "➢", "✓", "*", "–", "—"})
_SEP_AFTER = frozenset({",", ";", "/", "|", ")", "]", ".", "and", "or", ":", "+"})
_LIST_MARKS = frozenset({",", ";", "|", "•", "·", "/"})
_HARD_VETO_NEXT = frozenset({"-", "&", "'s", "’s", "@"})
_WINDOW = 12
_NEIGHBOUR = 6


@dataclass(frozen=True)
class SkillMention:
    skill_id: str
    surface: str       # the text as written
    start: int         # character span in the source text (Resume.text)
    end: int
    line: int          # line index in Resume.lines (0-based)
    section: str       # section name of that line ("other" for plain text)


@dataclass(frozen=True)
class SkillEvidence:
    """One skill found in a résumé, with every line that shows it."""

    skill_id: str
    name: str
    kind: str
    category: str
    count: int                          # number of mentions
    sections: tuple[str, ...]           # sections it appears in, first-seen order
    lines: tuple[tuple[int, str], ...]  # (line index, line text), each line once
    surfaces: tuple[str, ...]           # distinct spellings as written


def taxonomy_fingerprint(taxonomy: Taxonomy) -> str:
    """SHA-256 over the taxonomy files' names and bytes (in load order)."""
    h = hashlib.sha256()
    for path in taxonomy.files:
        h.update(Path(path).name.encode())
        h.update(b"\0")
        h.update(Path(path).read_bytes())
    return h.hexdigest()


class SkillExtractor:
    """Compiled skill patterns + matchers. Build with :meth:`from_taxonomy` or
    :meth:`from_disk`; call it on a text or a :class:`~rolematch.Resume`."""

    def __init__(self, patterns: dict[str, Any]) -> None:
        if patterns.get("format") != _patterns.FORMAT:
            raise ModelError(f"skill patterns have format {patterns.get('format')!r}, "
                             f"this rolematch reads format {_patterns.FORMAT}; "
                             f"rebuild them (rolematch build)")
        self.patterns = patterns
        self._rules: dict[str, dict[str, list[str]]] = patterns["rules"]
        self._nlp: Language | None = None
        self._matchers: list[Any] = []
        self._lemma_cache: dict[int, int] = {}

    # -- construction -----------------------------------------------------------------
    @classmethod
    def from_taxonomy(cls, taxonomy: Taxonomy | None = None) -> SkillExtractor:
        from .taxonomy import Taxonomy

        tax = taxonomy if taxonomy is not None else Taxonomy.default()
        nlp = _patterns.make_nlp()
        patterns = _patterns.compile_patterns(tax, nlp)
        patterns["taxonomy_sha256"] = taxonomy_fingerprint(tax)
        patterns["skills"] = len(tax)
        ext = cls(patterns)
        ext._nlp = nlp
        return ext

    def to_disk(self, path: str | Path) -> Path:
        """Write the compiled patterns as ``path/patterns.json``; returns that file."""
        folder = Path(path)
        folder.mkdir(parents=True, exist_ok=True)
        out = folder / PATTERNS_FILE
        out.write_text(json.dumps(self.patterns, ensure_ascii=False, separators=(",", ":")),
                       encoding="utf-8")
        return out

    @classmethod
    def from_disk(cls, path: str | Path, taxonomy: Taxonomy | None = None) -> SkillExtractor:
        """Read patterns written by :meth:`to_disk`.

        With ``taxonomy``, raise :class:`ModelError` when the patterns were built
        from other taxonomy files.
        """
        file = Path(path) / PATTERNS_FILE
        try:
            data = json.loads(file.read_text(encoding="utf-8"))
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
    def nlp(self) -> Language:
        if self._nlp is None:
            self._nlp = _patterns.make_nlp()
        return self._nlp

    def _build(self) -> None:
        from spacy.matcher import PhraseMatcher
        from spacy.tokens import Doc

        vocab = self.nlp.vocab
        matchers = []
        for attr, name in (("LOWER", "lower"), ("LEMMA", "lemma"), ("ORTH", "orth")):
            table: dict[str, list[list[str]]] = self.patterns[name]
            if not table:
                continue
            matcher = PhraseMatcher(vocab, attr=attr)
            for key, token_lists in table.items():
                if attr == "LEMMA":
                    docs = [Doc(vocab, words=w, lemmas=w) for w in token_lists]
                else:
                    docs = [Doc(vocab, words=w) for w in token_lists]
                matcher.add(key, docs)
            matchers.append((attr, matcher))
        self._matchers = matchers

    def _set_lemmas(self, doc: Doc) -> None:
        import numpy as np
        from spacy.attrs import LEMMA, LOWER

        if not len(doc):
            return
        lowers = doc.to_array(LOWER)
        cache = self._lemma_cache
        strings = doc.vocab.strings
        out = np.empty(len(lowers), dtype="uint64")
        for i, h in enumerate(lowers.tolist()):
            v = cache.get(h)
            if v is None:
                v = strings.add(_patterns.lemma_key(strings[h]))
                cache[h] = v
            out[i] = v
        doc.from_array([LEMMA], out.reshape(-1, 1))

    def match_doc(self, doc: Doc) -> list[tuple[str, int, int, bool]]:
        """(skill id, start token, end token, needs context) — longest spans kept."""
        from spacy.tokens import Span
        from spacy.util import filter_spans

        if not self._matchers:
            self._build()
        if any(attr == "LEMMA" for attr, _ in self._matchers):
            self._set_lemmas(doc)
        strings = doc.vocab.strings
        spans = []
        for _, matcher in self._matchers:
            for match_id, start, end in matcher(doc):
                spans.append(Span(doc, start, end, label=match_id))
        out = []
        for span in filter_spans(spans):
            key = strings[span.label]
            needs = key.startswith("?")
            out.append((key[1:] if needs else key, span.start, span.end, needs))
        return out

    # -- public call ------------------------------------------------------------------
    def __call__(self, text_or_resume: TextOrResume) -> list[SkillMention]:
        text, section_of = _source(text_or_resume)
        if not text.strip():
            return []
        doc = self.nlp.make_doc(text)
        found = self.match_doc(doc)
        line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
        plain = [(s, e) for _, s, e, needs in found if not needs]
        mentions = []
        for sid, s, e, needs in found:
            start, end = doc[s].idx, doc[e - 1].idx + len(doc[e - 1].text)
            line = bisect.bisect_right(line_starts, start) - 1
            section = section_of(line)
            if needs and not self._confirmed(doc, sid, s, e, section, plain):
                continue
            mentions.append(SkillMention(sid, text[start:end], start, end, line, section))
        return mentions

    def _confirmed(self, doc: Doc, sid: str, s: int, e: int, section: str,
                   plain: Sequence[tuple[int, int]]) -> bool:
        """Is an ambiguous form at tokens [s, e) meant as the skill?"""
        rule = self._rules.get(sid, {})
        lo = s
        while lo > 0 and s - lo < _WINDOW and "\n" not in doc[lo - 1].text:
            lo -= 1
        hi = e
        while hi < len(doc) and hi - e < _WINDOW and "\n" not in doc[hi].text:
            hi += 1
        prev = doc[s - 1] if s > lo else None
        nxt = doc[e] if e < hi else None
        if nxt is not None and (nxt.text in _HARD_VETO_NEXT
                                or nxt.lower_ in rule.get("veto_next", ())):
            return False
        if prev is not None and prev.text == "-" and s - 1 > lo:
            return False        # "top-R", "T-C"
        context = set(rule.get("context", ()))
        window = [t for t in doc[lo:hi] if not (s <= t.i < e)]
        if context and any(t.lower_ in context for t in window):
            return True
        standalone = ((prev is None or prev.lower_ in _SEP_BEFORE)
                      and (nxt is None or nxt.lower_ in _SEP_AFTER))
        if not standalone:
            return False
        if section == "skills":
            return True
        if any(ps < hi and pe > lo and (abs(ps - e) <= _NEIGHBOUR or abs(s - pe) <= _NEIGHBOUR)
               for ps, pe in plain):
            return True
        return sum(1 for t in window if t.text in _LIST_MARKS) >= 2

    def pipe(self, texts: Iterable[TextOrResume]) -> Iterable[list[SkillMention]]:
        for t in texts:
            yield self(t)


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


def extract_skills(text_or_resume: TextOrResume, *,
                   extractor: SkillExtractor | None = None) -> list[SkillMention]:
    """Skills mentioned in a text or résumé, sorted by position."""
    return (extractor or default_extractor())(text_or_resume)


def skill_evidence(text_or_resume: TextOrResume, *, extractor: SkillExtractor | None = None,
                   taxonomy: Taxonomy | None = None) -> list[SkillEvidence]:
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
        out.append(SkillEvidence(
            skill_id=sid,
            name=skill.name if skill else sid,
            kind=skill.kind if skill else "",
            category=skill.category if skill else "",
            count=len(ms),
            sections=tuple(dict.fromkeys(m.section for m in ms)),
            lines=tuple((i, lines[i].strip()) for i in seen_lines),
            surfaces=tuple(dict.fromkeys(m.surface for m in ms)),
        ))
    out.sort(key=lambda ev: (-ev.count, ev.name.lower()))
    return out
