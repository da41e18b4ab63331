"""Private: lemma keys, the matching vocabulary and pattern compilation behind
:mod:`rolematch.extract`.

Every token gets a lemma key = the spacy-lookups-data English lookup lemma of its
*lowercase* form (spaCy's own lookup lemmatizer looks up ``token.text``, so
"Managed" at the start of a line would stay "Managed"; keying on the lowercase form
keeps matching case-insensitive). A few nouns in -ing stay as written ("marketing"
must not become "market").

The extractor looks each word's key up in the artifact's lemma table (the
:class:`~spacy.vocab.Vocab` of :func:`make_vocab` computes the same key as ``NORM``
for spaCy Docs). Only the part of the lemma table that can change a match is kept
(:func:`reduce_lemmas`), stored in the artifact, so loading needs no lookups data.
Terms and texts go through the same tokenizer, :mod:`rolematch._tokenize`.
"""

from __future__ import annotations

import gzip
import json
from functools import lru_cache, partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import _context, _derive, _senses, _tokenize
from .taxonomy import normalize_alias

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping, Sequence

    from spacy.language import Language
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

    from .taxonomy import Skill, Taxonomy

#: Bumped whenever tokenization, keys or the artifact layout change.
#: 2: regex tokenizer (rolematch._tokenize), NORM = lemma key, reduced lemma table.
#: 3: gapped verb + object phrases, lowercase spellings of exact-case forms, kinds.
#: 4: tables as {"tok tok": owners} with ties resolved, plus each table's prefixes.
#: 5: verb forms of nominal terms ("derived", "derived_one"; rolematch._derive).
FORMAT = 5

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


@lru_cache(maxsize=1)
def word_logprob() -> dict[str, float]:
    """Log-probability of English words (spacy-lookups-data), for build time only."""
    import spacy_lookups_data

    path = Path(spacy_lookups_data.__file__).parent / "data" / "en_lexeme_prob.json.gz"
    with gzip.open(path, "rt", encoding="utf-8") as f:
        table: dict[str, float] = json.load(f)
    return table


#: A word more frequent than this ("teams", "access", "spring") is not matched in
#: lowercase for a tool written capitalized, not even in a list.
FREQUENT_WORD = -11.0


#: Lookup lemmas that are wrong: the table gives "develope" for "developed" and
#: "developing", so "developed software" never met "develop software".
LEMMA_FIXES = {"developed": "develop", "developing": "develop"}


def lemma_key(lower: str) -> str:
    if lower in NO_LEMMA:
        return lower
    return LEMMA_FIXES.get(lower) or lemma_table().get(lower, lower)


def fold_apostrophe(text: str) -> str:
    """A typographic apostrophe made straight ("Driver’s" → "Driver's"): half the
    postings write ’, the taxonomy's terms write '. Same length, so offsets into the
    text stay exact."""
    return text.replace("\u2019", "'")


def fold_lower(text: str) -> str:
    """Lower case, apostrophes folded (:func:`fold_apostrophe`)."""
    return fold_apostrophe(text.lower())


def make_vocab(lemmas: Mapping[str, str]) -> Vocab:
    """A vocabulary whose lexemes carry ``LOWER`` (:func:`fold_lower`) and ``NORM`` =
    lemma key."""
    from spacy.attrs import LOWER, NORM
    from spacy.vocab import Vocab

    get = lemmas.get

    def norm(text: str) -> str:
        low = fold_lower(text)
        return get(low, low)

    return Vocab(lex_attr_getters={LOWER: fold_lower, NORM: norm})


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


#: Words left out of a gapped pattern ("lead a team" matches "led a small team").
_GAP_SKIP = frozenset({"a", "an", "the"})
#: Endings of a last word that make a phrase a noun compound, not verb + object
#: ("account reconciliation", "event planning"): such phrases never match with gaps.
_NOUN_ENDINGS = ("ing", "tion", "sion", "ment", "ance", "ence", "ity", "sis")


@lru_cache(maxsize=1)
def verb_lemmas() -> frozenset[str]:
    """Lemmas that some -ed or -ing form maps to in the lookup table: verbs."""
    table = {**lemma_table(), **LEMMA_FIXES}
    return frozenset(v for k, v in table.items()
                     if k != v and k.endswith(("ed", "ing")) and v.isalpha())


def _forms(skill: Skill, term: str, toks: list[str], english: frozenset[str],
           ) -> list[tuple[str, str, list[str]]]:
    """(key, table, tokens) under which one term of ``skill`` matches.

    Exact-case forms go to ``orth``; their lowercase spelling too, as is when it
    holds a symbol ("c#", "c++", ".net"), else needing context ("docker", "java"
    in a tag cloud) when at least three letters long. Other one-word terms match
    in any case (``lower``), phrases by lemma (``lemma``).
    """
    is_exact = term in skill.exact_case
    key = ("?" if is_exact and skill.ambiguous else "") + skill.id
    if not is_exact and len(toks) == 1 and term != term.lower() \
            and skill.kind == "tool" and term.lower() in english:
        is_exact = True     # "Notion", "Amplitude": the tool only when capitalized
    if not is_exact:
        if len(toks) == 1:
            return [(key, "l", [toks[0].lower()])]
        out = [(key, "m", [lemma_key(t.lower()) for t in toks])]
        bare = [w for w in out[0][2] if w not in _GAP_SKIP]
        if len(bare) >= 2 and len(bare) < len(toks):
            out.append((key, "m", bare))    # "make the beds" also as "make beds"
        joined = "".join(toks).lower()
        if len(toks) == 2 and joined.isalpha() and joined not in english:
            out.append((key, "l", [joined]))    # "cybersecurity", not "use rs" = "users"
        return out
    out = [(key, "o", toks)]
    low = [t.lower() for t in toks]
    if low != toks:
        if any(c in term for c in "#+") or term.startswith("."):
            out.append((key, "o", low))
        elif len(toks) == 1 and len(term) >= 3 \
                and word_logprob().get(low[0], -99.0) < FREQUENT_WORD:
            out.append(("?" + skill.id, "o", low))
    return out


def _gapped(skill: Skill, key: str, words: list[str], verbs: frozenset[str],
            ) -> tuple[str, str, list[str]] | None:
    """(first, second, rest) of a verb + object phrase that may match with a few
    words between its verb and its object ("managed the payroll")."""
    if skill.kind not in ("hard_skill", "soft_skill") or key.startswith("?"):
        return None
    kept = [w for w in words if w not in _GAP_SKIP]
    if not 2 <= len(kept) <= 3 or kept[0] not in verbs or not kept[1].isalpha() \
            or kept[-1].endswith(_NOUN_ENDINGS):
        return None
    return kept[0], kept[1], kept[2:]


def skip_hyphens(words: list[str]) -> list[str]:
    """``words`` without the hyphens that join two words ("go-to-market" -> "go to
    market"); the extractor matches texts the same way."""
    n = len(words)
    return [w for i, w in enumerate(words)
            if not (w == "-" and 0 < i < n - 1 and words[i - 1][-1:].isalpha()
                    and words[i + 1][:1].isalpha())]


def compile_patterns(taxonomy: Taxonomy,
                     tokenize: Callable[[str], list[str]] = _tokenize.words
                     ) -> dict[str, object]:
    """Turn taxonomy terms into pre-tokenized patterns (plain JSON-able data): tables
    ``lower``, ``lemma``, ``orth`` {"tok tok": owners} (:func:`_index`) with their
    ``prefixes``, ``gapped`` {verb: {object word: [[rest…], key]…}}, ``rules``
    {skill_id: {"context", "veto_next"}}, ``kinds`` (one-word knowledge, soft skills,
    job-named tools), ``lemmas``, ``ties`` {table: {"tok tok": {normalized spelling: key}}},
    ``participles``, ``derived_one``, ``irregular`` (:func:`_irregular_table`), ``code``
    (code skills). A key is the skill id, "?"-prefixed for forms that need context."""
    english = english_words()
    verbs = verb_lemmas()
    tables: dict[str, dict[str, list[list[str]]]] = {"l": {}, "m": {}, "o": {}}
    gapped: dict[str, dict[str, list[list[object]]]] = {}
    rules: dict[str, dict[str, list[str]]] = {}
    kinds: dict[str, str] = {}
    seen: set[tuple[str, str, tuple[str, ...]]] = set()
    spelled: dict[tuple[str, tuple[str, ...]], dict[str, str]] = {}
    participles: set[str] = set()
    irregular: dict[str, dict[str, str]] = {}
    derived_one: dict[str, str] = {}
    verb_of_ing = partial(_derived_lemma, lemma_table())
    for skill in taxonomy:
        if skill.ambiguous:
            rules[skill.id] = {"context": list(skill.context),
                               "veto_next": list(skill.veto_next)}
        for term in taxonomy.match_terms(skill):
            toks = skip_hyphens(tokenize(fold_apostrophe(term)))
            if not toks:
                continue
            if len(toks) == 1 and skill.kind in ("knowledge", "soft_skill"):
                kinds[skill.id] = skill.kind    # what the context rules ask about
            participles.update(_participles(toks))
            for key, tag, words in _forms(skill, term, toks, english):
                spelled.setdefault((tag, tuple(words)), {}).setdefault(
                    normalize_alias(term), key)
                mark = (key, tag, tuple(words))
                if mark in seen:
                    continue
                seen.add(mark)
                tables[tag].setdefault(key, []).append(words)
                if tag == "m":
                    _spell_irregular(toks, words, irregular, verbs)
                gap = _gapped(skill, key, words, verbs) if tag == "m" else None
                if gap is not None:
                    gapped.setdefault(gap[0], {}).setdefault(gap[1], []).append([gap[2], key])
                if tag in ("m", "l"):
                    _derive.add_derived(derived_one, key, words, verbs, verb_of_ing,
                                        _GAP_SKIP, skill.kind, [t.lower() for t in toks])
    _add_agents(tables["l"], spelled, _derive.agents(derived_one, english))
    _add_plurals(tables["l"], spelled,
                 frozenset(sk.id for sk in taxonomy if sk.kind == "soft_skill"))
    keys = {w for ws in tables["m"].values() for words in ws for w in words}
    lemmas = reduce_lemmas(keys | set(derived_one))
    out, ties = _tables(tables, spelled, lemmas)
    out.update({"gapped": gapped, "rules": rules, "lemmas": lemmas, "ties": ties,
                "kinds": kinds | _titled_tools(taxonomy, tokenize), "derived_one": derived_one,
                "participles": sorted(participles), "code": _code_skills(taxonomy),
                "irregular": _irregular_table(irregular, lemmas, verbs)})
    return out


def _titled_tools(taxonomy: Taxonomy, tokenize: Callable[[str], list[str]]) -> dict[str, str]:
    """{tool id: :data:`_context.TITLED_TOOL`} for the tools named like a job."""
    frequent = frozenset(w for w, lp in word_logprob().items() if lp >= FREQUENT_WORD)
    return {
        sk.id: _context.TITLED_TOOL
        for sk in taxonomy
        if sk.kind == "tool" and _titled(taxonomy.match_terms(sk), frequent, tokenize)
    }


def _titled(terms: Sequence[str], frequent: frozenset[str],
            tokenize: Callable[[str], list[str]]) -> bool:
    """Is every one of a tool's names frequent English words ending in a person's job
    ("Restaurant Manager"; not "Oracle Designer"), so that it reads as the job
    (:data:`_context.TITLED_TOOL`)?"""
    toks = [[t.lower() for t in tokenize(term)] for term in terms]
    return bool(toks) and all(
        len(t) > 1 and t[-1] in _context.JOB_HEADS and all(w in frequent for w in t)
        for t in toks
    )


def _add_agents(table: dict[str, list[list[str]]],
                spelled: dict[tuple[str, tuple[str, ...]], dict[str, str]],
                agents: Mapping[str, str]) -> None:
    """Agent nouns as one-word terms ("a strong communicator"), unless a term spells
    the word already."""
    for form, key in agents.items():
        if ("l", (form,)) not in spelled:
            table.setdefault(key, []).append([form])
            spelled[("l", (form,))] = {form: key}


def _tables(tables: dict[str, dict[str, list[list[str]]]],
            spelled: dict[tuple[str, tuple[str, ...]], dict[str, str]],
            lemmas: dict[str, str]) -> tuple[dict[str, Any], dict[str, Any]]:
    """The three indexed tables with their prefixes (``out``), and the ties: words
    that several skills match, where the skill owning the spelling wins."""
    ties: dict[str, dict[str, dict[str, str]]] = {"lower": {}, "lemma": {}, "orth": {}}
    names = {"l": "lower", "m": "lemma", "o": "orth"}
    for (tag, seq), owners in spelled.items():
        if len(set(owners.values())) > 1:
            ties[names[tag]][" ".join(seq)] = owners
    out: dict[str, Any] = {"format": FORMAT, "prefixes": {}}
    for tag, name in names.items():
        out[name], out["prefixes"][name] = _index(tables[tag], name, ties[name], lemmas)
    return out, ties


def _derived_lemma(table: Mapping[str, str], word: str) -> str:
    """The lookup lemma of an "-ing" head, ignoring :data:`NO_LEMMA` ("planning" ->
    "plan"), for :func:`rolematch._derive.verbs_of`."""
    return LEMMA_FIXES.get(word) or table.get(word, word)


def _participles(toks: list[str]) -> set[str]:
    """The "-ed" forms after a phrase's first word whose lemma differs ("minded" in
    "open-minded"): the extractor matches such a word by lemma only where a phrase
    spells it."""
    return {w for w in map(str.lower, toks[1:]) if w.endswith("ed") and lemma_key(w) != w}


def regular_form(word: str, key: str) -> bool:
    """Is ``word`` a regular inflection of its lemma key ("managed", "audits",
    "using"), not an irregular form of another word ("ground" of "grind", "crew" of
    "crow", "saw" of "see")?"""
    return word.startswith(key) or (len(key) > 2 and word.startswith(key[:-1]))


def _spell_irregular(toks: list[str], words: list[str],
                     irregular: dict[str, dict[str, str]], verbs: frozenset[str]) -> None:
    """Note how the lemma phrases of keys ``words`` (here the term ``toks``) spell
    their later words: irregular verb forms of the key joined by "|" ("maintain ground":
    "ground" of "grind", ``irregular["maintain grind"] = {"1": "ground"}``), with a
    leading "|" where some phrase spells a regular form there. The extractor asks
    for those spellings ("maintaining a grind log" is no "maintain ground")."""
    written = [t.lower() for t in toks]
    if len(written) != len(words):  # the variant without articles ("make beds")
        written = [t for t in written if lemma_key(t) not in _GAP_SKIP]
    if len(written) != len(words):
        return
    seq = " ".join(words)
    for i in range(1, len(words)):
        spelt = irregular.setdefault(seq, {}).setdefault(str(i), "")
        if regular_form(written[i], words[i]) or words[i] not in verbs:
            irregular[seq][str(i)] = "|" + spelt.lstrip("|")  # any regular form too
        elif written[i] not in spelt.split("|"):
            irregular[seq][str(i)] = f"{spelt}|{written[i]}" if spelt else written[i]


def _code_skills(taxonomy: Taxonomy) -> list[str]:
    """The skills of a code category (:data:`rolematch._senses.CODE_CATEGORIES`)."""
    return sorted(sk.id for sk in taxonomy if sk.category.lower() in _senses.CODE_CATEGORIES)


def _irregular_table(irregular: dict[str, dict[str, str]], lemmas: Mapping[str, str],
                     verbs: frozenset[str]) -> dict[str, Any]:
    """The compiled ``"irregular"`` entry: the phrases that spell an irregular verb
    form somewhere (:func:`_spell_irregular`, positions spelt only regularly left
    out) and the lemma table's irregular verb forms (:func:`_irregular_verbs`)."""
    phrases = {seq: {i: sp for i, sp in spelt.items() if sp and sp != "|"}
               for seq, spelt in irregular.items()}
    return {"phrases": {seq: sp for seq, sp in phrases.items() if sp},
            "verbs": _irregular_verbs(lemmas, verbs)}


def _irregular_verbs(lemmas: Mapping[str, str], verbs: frozenset[str]) -> list[str]:
    """The irregular verb forms of the lemma table ("ground" of "grind", "led" of
    "lead", "saw" of "see"): after a phrase's first word they match only where the
    phrase spells them ("the team led by" is no team lead)."""
    return sorted(w for w, k in lemmas.items()
                  if k in verbs and w.isalpha() and not regular_form(w, k))


def plural(word: str) -> str | None:
    """The plural of a lowercase noun when the lemma table knows it ("audit" ->
    "audits", "negotiation" -> "negotiations", "policy" -> "policies"), else None."""
    table = lemma_table()
    for form in (word + "s", word + "es", word[:-1] + "ies" if word.endswith("y") else ""):
        if form and table.get(form) == word:
            return form
    return None


def _add_plurals(table: dict[str, list[list[str]]],
                 spelled: dict[tuple[str, tuple[str, ...]], dict[str, str]],
                 soft: frozenset[str] = frozenset()) -> None:
    """One-word terms matched in lowercase also match their plural ("negotiations",
    "audits"), unless some term is that plural itself (then it owns it). Not for
    personal qualities: "collaborations" are partnerships, not collaboration."""
    words = {ws[0] for lists in table.values() for ws in lists if len(ws) == 1}
    for key, lists in table.items():
        for ws in list(lists):
            if len(ws) != 1 or key.startswith("?") or key in soft or not ws[0].isalpha():
                continue
            form = plural(ws[0])
            if form and form not in words:
                lists.append([form])
                spelled.setdefault(("l", (form,)), {}).setdefault(normalize_alias(form), key)


def _index(table: dict[str, list[list[str]]], name: str, ties: dict[str, dict[str, str]],
           lemmas: dict[str, str]) -> tuple[dict[str, Any], list[str]]:
    """One table as the extractor looks it up: ``{"tok tok": owners}`` (tokens never
    hold whitespace) and the proper prefixes of its sequences, first-seen order.

    The owner is a key; where several keys match the same words, a dict
    ``{normalized spelling: keys with that spelling's skill first, "": keys}``, keys
    in taxonomy order, the key that names the words first.
    """
    keys: dict[tuple[str, ...], list[str]] = {}
    for key, token_lists in table.items():
        for words in token_lists:
            owners = keys.setdefault(tuple(words), [])
            if key not in owners:
                owners.append(key)
    index: dict[str, Any] = {}
    for seq, owners in keys.items():
        joined = " ".join(seq)
        index[joined] = owners[0]   # a string: half the JSON decoding of a list
        if len(owners) > 1:
            named = [k for k in owners if _names(k, seq, name, lemmas)]
            owners = named + [k for k in owners if k not in named]
            index[joined] = {sp: [k, *(o for o in owners if o != k)]
                             for sp, k in ties.get(joined, {}).items()}
            index[joined][""] = owners
    prefixes = dict.fromkeys(" ".join(seq[:i]) for seq in keys for i in range(1, len(seq)))
    return index, list(prefixes)


def _names(key: str, seq: tuple[str, ...], table: str, lemmas: Mapping[str, str]) -> bool:
    """Is ``seq`` the skill id of ``key`` itself? Breaks ties between skills whose
    terms match the same words ("resolve conflicts" is resolve-conflicts before
    negotiate-compromise); otherwise taxonomy order decides."""
    parts = key.lstrip("?").split("-")
    if table == "lemma":
        parts = [lemmas.get(p, p) for p in parts]
    elif table == "orth":
        seq = tuple(w.lower() for w in seq)
    return tuple(parts) == seq
