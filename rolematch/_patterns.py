"""Private: the tokenizer, lemma keys and pattern compilation behind :mod:`rolematch.extract`.

Every token gets a LEMMA key = the spacy-lookups-data English lookup lemma of its
*lowercase* form (spaCy's own lookup lemmatizer looks up ``token.text``, so
"Managed" at the start of a line would stay "Managed"; keying on the lowercase form
keeps matching case-insensitive). A few nouns in -ing stay as written ("marketing"
must not become "market").
"""

from __future__ import annotations

import gzip
import json
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language

    from .taxonomy import Taxonomy

#: Bumped whenever tokenization, keys or the artifact layout change.
FORMAT = 1

#: -ing nouns (and a few others) whose lookup lemma would change their meaning.
NO_LEMMA = frozenset("""
marketing engineering accounting advertising programming networking banking nursing
publishing manufacturing consulting training accounting auditing budgeting forecasting
planning branding recruiting staffing scheduling modeling modelling pricing learning
data media sales analytics logistics operations relations communications graphics
""".split())

_BULLETS = ("•", "·", "▪", "●", "◦", "►", "➢", "✓", "", "–", "—", "*")


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


def make_nlp() -> Language:
    """``spacy.blank("en")`` with a tokenizer that also splits at "/" and bullets."""
    import spacy
    from spacy.util import compile_infix_regex, compile_prefix_regex

    nlp = spacy.blank("en")
    infixes = [*nlp.Defaults.infixes, r"/", r"\|", r"(?<=[a-zA-Z0-9])[•·](?=[a-zA-Z])"]
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
    prefixes = [*(p for p in nlp.Defaults.prefixes), *(f"\\{b}" if b == "*" else b
                                                        for b in _BULLETS)]
    nlp.tokenizer.prefix_search = compile_prefix_regex(prefixes).search
    return nlp


def english_words() -> frozenset[str]:
    """Lowercase English word forms known to the lemma table (keys and lemmas)."""
    table = lemma_table()
    return frozenset(table) | frozenset(table.values())


def compile_patterns(taxonomy: Taxonomy, nlp: Language) -> dict[str, object]:
    """Turn taxonomy terms into pre-tokenized patterns (plain JSON-able data).

    Returns ``{"format", "lower": {key: [[tok…]…]}, "lemma": {…}, "orth": {…},
    "rules": {skill_id: {"context": […], "veto_next": […]}}}``. A key is the skill id,
    prefixed with "?" for forms that need context.
    """
    english = english_words()
    lower: dict[str, list[list[str]]] = {}
    lemma: dict[str, list[list[str]]] = {}
    orth: dict[str, list[list[str]]] = {}
    rules: dict[str, dict[str, list[str]]] = {}
    items: list[tuple[str, str, bool, bool]] = []   # (sid, term, exact, needs_context)
    for skill in taxonomy:
        exact = set(skill.exact_case)
        for term in taxonomy.match_terms(skill):
            is_exact = term in exact
            needs = is_exact and skill.ambiguous
            items.append((skill.id, term, is_exact, needs))
        if skill.ambiguous:
            rules[skill.id] = {"context": list(skill.context),
                               "veto_next": list(skill.veto_next)}
    docs = nlp.tokenizer.pipe(t for _, t, _, _ in items)
    seen: set[tuple[str, str, tuple[str, ...]]] = set()
    for (sid, term, is_exact, needs), doc in zip(items, docs):
        toks = [t.text for t in doc if not t.is_space]
        if not toks:
            continue
        key = ("?" if needs else "") + sid
        if not is_exact and len(toks) == 1 and term != term.lower() \
                and taxonomy[sid].kind == "tool" and term.lower() in english:
            is_exact = True     # "Notion", "Amplitude": the tool only when capitalized
        if is_exact:
            bucket, words = orth, toks
        elif len(toks) == 1:
            bucket, words = lower, [toks[0].lower()]
        else:
            bucket, words = lemma, [lemma_key(t.lower()) for t in toks]
        mark = (key, "o" if bucket is orth else "l" if bucket is lower else "m", tuple(words))
        if mark in seen:
            continue
        seen.add(mark)
        bucket.setdefault(key, []).append(words)
    return {"format": FORMAT, "lower": lower, "lemma": lemma, "orth": orth, "rules": rules}
