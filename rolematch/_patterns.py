"""Private: lemma keys, the matching vocabulary and pattern compilation behind
:mod:`rolematch.extract`.

Every token gets a lemma key = the spacy-lookups-data English lookup lemma of its
*lowercase* form (spaCy's own lookup lemmatizer looks up ``token.text``, so
"Managed" at the start of a line would stay "Managed"; keying on the lowercase form
keeps matching case-insensitive). A few nouns in -ing stay as written ("marketing"
must not become "market").

The key is a lexeme attribute: the extractor's :class:`~spacy.vocab.Vocab` computes
``NORM`` = lemma key once per distinct word, so matching needs no per-document
lemmatizing. Only the part of the lemma table that can change a match is kept
(:func:`reduce_lemmas`), stored in the artifact, so loading needs no lookups data.
Terms and texts go through the same tokenizer, :mod:`rolematch._tokenize`.
"""

from __future__ import annotations

import gzip
import json
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from . import _tokenize
from .taxonomy import normalize_alias

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

    from spacy.language import Language
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

    from .taxonomy import Taxonomy

#: Bumped whenever tokenization, keys or the artifact layout change.
#: 2: regex tokenizer (rolematch._tokenize), NORM = lemma key, reduced lemma table.
FORMAT = 2

#: -ing nouns (and a few others) whose lookup lemma would change their meaning.
NO_LEMMA = frozenset("""
marketing engineering accounting advertising programming networking banking nursing
publishing manufacturing consulting training accounting auditing budgeting forecasting
planning branding recruiting staffing scheduling modeling modelling pricing learning
data media sales analytics logistics operations relations communications graphics
""".split())

@lru_cache(maxsize=1)
def lemma_table() -> dict[str, str]:
    import spacy_lookups_data

    path = Path(spacy_lookups_data.__file__).parent / "data" / "en_lemma_lookup.json.gz"
    with gzip.open(path, "rt", encoding="utf-8") as f:
        table: dict[str, str] = json.load(f)
    return table


def lemma_key(lower: str) -> str:
    if lower in NO_LEMMA:
        return lower
    return lemma_table().get(lower, lower)


def make_vocab(lemmas: Mapping[str, str]) -> Vocab:
    """A vocabulary whose lexemes carry ``LOWER`` and ``NORM`` = lemma key."""
    from spacy.attrs import LOWER, NORM
    from spacy.vocab import Vocab

    get = lemmas.get

    def norm(text: str) -> str:
        low = text.lower()
        return get(low, low)

    return Vocab(lex_attr_getters={LOWER: str.lower, NORM: norm})


class Tokenizer:
    """spaCy tokenizer callable: :func:`rolematch._tokenize.tokenize` as a
    :class:`~spacy.tokens.Doc` whose text is exactly the input (whitespace other
    than one space after a word becomes a whitespace token, as in spaCy)."""

    def __init__(self, vocab: Vocab) -> None:
        self.vocab = vocab

    def __call__(self, text: str) -> Doc:
        from spacy.tokens import Doc

        words: list[str] = []
        spaces: list[bool] = []
        pos = 0
        for m in _tokenize.TOKEN_RE.finditer(text):
            if m.lastgroup == "nl":
                continue
            _gap(text[pos:m.start()], words, spaces)
            words.append(m.group())
            spaces.append(False)
            pos = m.end()
        _gap(text[pos:], words, spaces)
        return Doc(self.vocab, words=words, spaces=spaces)


def _gap(gap: str, words: list[str], spaces: list[bool]) -> None:
    if not gap:
        return
    if words and not spaces[-1] and not words[-1].isspace() and gap[0] == " ":
        spaces[-1] = True
        gap = gap[1:]
    if gap:
        words.append(gap)
        spaces.append(False)


def make_nlp(vocab: Vocab | None = None) -> Language:
    """``spacy.blank("en")`` tokenizing like the matcher (built only on request)."""
    import spacy

    nlp = spacy.blank("en", vocab=vocab if vocab is not None else True)
    nlp.tokenizer = Tokenizer(nlp.vocab)
    return nlp


def english_words() -> frozenset[str]:
    """Lowercase English word forms known to the lemma table (keys and lemmas)."""
    table = lemma_table()
    return frozenset(table) | frozenset(table.values())


def reduce_lemmas(keys: set[str]) -> dict[str, str]:
    """The lemma table entries that can matter to patterns made of ``keys``.

    A word whose lemma key is itself needs no entry; a word whose key differs
    needs one when either the key or the word is a pattern key. Any other word
    can stand for itself: neither it nor its real key matches a pattern.
    """
    out: dict[str, str] = {}
    for word in lemma_table():
        if word != word.lower():
            continue        # looked up by the lowercase form only
        key = lemma_key(word)
        if key != word and (key in keys or word in keys):
            out[word] = key
    return dict(sorted(out.items()))


def compile_patterns(taxonomy: Taxonomy,
                     tokenize: Callable[[str], list[str]] = _tokenize.words
                     ) -> dict[str, object]:
    """Turn taxonomy terms into pre-tokenized patterns (plain JSON-able data).

    Returns ``{"format", "lower": {key: [[tok…]…]}, "lemma": {…}, "orth": {…},
    "rules": {skill_id: {"context": […], "veto_next": […]}}, "lemmas": {word: key},
    "ties": {table: {"tok tok": {normalized spelling: key}}}}``. A key is the skill
    id, prefixed with "?" for forms that need context; ``ties`` lists the token
    sequences several skills match ("Operating system", "operating systems"), with
    the skill each spelling belongs to.
    """
    english = english_words()
    lower: dict[str, list[list[str]]] = {}
    lemma: dict[str, list[list[str]]] = {}
    orth: dict[str, list[list[str]]] = {}
    rules: dict[str, dict[str, list[str]]] = {}
    seen: set[tuple[str, str, tuple[str, ...]]] = set()
    spelled: dict[tuple[str, tuple[str, ...]], dict[str, str]] = {}
    for skill in taxonomy:
        exact = set(skill.exact_case)
        if skill.ambiguous:
            rules[skill.id] = {"context": list(skill.context),
                               "veto_next": list(skill.veto_next)}
        for term in taxonomy.match_terms(skill):
            toks = tokenize(term)
            if not toks:
                continue
            is_exact = term in exact
            key = ("?" if is_exact and skill.ambiguous else "") + skill.id
            if not is_exact and len(toks) == 1 and term != term.lower() \
                    and skill.kind == "tool" and term.lower() in english:
                is_exact = True     # "Notion", "Amplitude": the tool only when capitalized
            if is_exact:
                bucket, words, tag = orth, toks, "o"
            elif len(toks) == 1:
                bucket, words, tag = lower, [toks[0].lower()], "l"
            else:
                bucket, words, tag = lemma, [lemma_key(t.lower()) for t in toks], "m"
            spelled.setdefault((tag, tuple(words)), {}).setdefault(normalize_alias(term), key)
            mark = (key, tag, tuple(words))
            if mark in seen:
                continue
            seen.add(mark)
            bucket.setdefault(key, []).append(words)
    keys = {w for lists in lemma.values() for words in lists for w in words}
    # words that several skills match: the skill owning the spelling wins
    ties: dict[str, dict[str, dict[str, str]]] = {"lower": {}, "lemma": {}, "orth": {}}
    names = {"l": "lower", "m": "lemma", "o": "orth"}
    for (tag, spelling), owners in spelled.items():
        if len(set(owners.values())) > 1:
            ties[names[tag]][" ".join(spelling)] = owners
    return {"format": FORMAT, "lower": lower, "lemma": lemma, "orth": orth, "rules": rules,
            "lemmas": reduce_lemmas(keys), "ties": ties}
