"""Table-level rules of the extractor (:mod:`rolematch.extract`), fourth pass of
issue 18: exact-case names written in another case, verb phrases that cut a longer
phrase, verb phrases whose object names people, and lemma collisions after a phrase's
first word (:class:`Irregular`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

__all__ = [
    "Irregular",
    "folded",
    "lemma_hits",
    "participle",
    "owned_objects",
    "uncrossed",
    "verb_keys",
    "verb_object",
    "verb_skills",
]


def folded(orth: dict[str, Any]) -> dict[str, Any]:
    """The exact-case forms written in another case, as an index of lowercase token
    sequences (proper prefixes -> ``None``) whose keys all need context: "Html, Css"
    or "data mining, machine learning" in a list of skills. A phrase folds when it is
    a name in title case ("Data Mining", "Active Directory"), not O*NET's sentence-case
    names of ordinary things ("Time card": folding those cost the quality harness'
    taxonomy part 0.01 MRR); one word folds only where the compiled lowercase form
    already needs context ("Html" as "html"), so ambiguous words ("Excel", "Word")
    keep their exact case."""
    out: dict[str, Any] = {}
    for form, owner in orth.items():
        if type(owner) is not str:
            continue  # ties between skills: exact case only
        if " " in form:
            if owner.startswith("?") or not all(w[:1].isupper() for w in form.split(" ")):
                continue
        elif not (owner.startswith("?") and form == form.lower()):
            continue
        low = form.lower()
        out.setdefault(low, "?" + owner.lstrip("?"))
        toks = low.split(" ")
        for i in range(1, len(toks)):
            out.setdefault(" ".join(toks[:i]), None)
    return out


def uncrossed(
    found: list[tuple[str, int, int]], verb_keys: frozenset[str]
) -> list[tuple[str, int, int]]:
    """Drop a verb + object phrase whose object starts a longer phrase: in "manages
    work orders" and "integrate new data management tools" the object is "work
    orders" and "data management", not "work" or "data"."""
    if not verb_keys:
        return found
    reach: dict[int, int] = {}  # start -> the furthest end of a phrase starting there
    for key, s, e in found:
        if key.lstrip("?") not in verb_keys and e > reach.get(s, 0):
            reach[s] = e
    return [
        (key, s, e)
        for key, s, e in found
        if key.lstrip("?") not in verb_keys or not any(reach.get(i, 0) > e for i in range(s + 1, e))
    ]


def owned_objects(
    gapped: dict[tuple[str, int, int], tuple[int, int]],
    phrases: list[tuple[str, int, int]],
    verb_keys: frozenset[str],
) -> list[tuple[str, int, int]]:
    """The gapped matches to keep: drop one whose object belongs to another skill's
    phrase, when its own skill is a noun phrase reached through a verb alias: a phrase
    opening in the gap and running to its end ("built data pipelines": the object is
    "data pipelines", not sales-pipeline's "build pipeline"), or opening at the object
    and running past it ("managed the sales pipeline" is no "manage sales"). A skill
    named by its verb ("manage work", :func:`verb_keys`) stays, as :func:`uncrossed`
    treats it: "ran competitive analysis" evidences both.
    ``gapped``: (key, verb, end) -> (first gap token, object token)."""

    def owned(key: str, e: int, a: int, j: int) -> bool:
        return any(k != key and (a <= s < j and f >= e or s == j and f > e) for k, s, f in phrases)

    return [
        (key, s, e)
        for (key, s, e), (a, j) in gapped.items()
        if key.lstrip("?") in verb_keys or not owned(key, e, a, j)
    ]


def verb_skills(
    gapped: dict[str, dict[str, list[list[Any]]]], one: dict[str, str] | None = None
) -> dict[str, frozenset[str]]:
    """Verb lemma -> the skills a gapped pattern opening with it names (compiled
    ``gapped`` table, read once when the extractor builds its matchers), and the
    one-word term whose verb it is (``one``: "Trained new nurses" is the verb and its
    object, not colleagues)."""
    out: dict[str, set[str]] = {}
    for verb, objects in gapped.items():
        out[verb] = {key.lstrip("?") for pairs in objects.values() for _, key in pairs}
    for verb, key in (one or {}).items():
        out.setdefault(verb, set()).add(key.lstrip("?"))
    return {verb: frozenset(ids) for verb, ids in out.items()}


def verb_keys(skills: dict[str, frozenset[str]]) -> frozenset[str]:
    """The skills named by a verb and its object ("manage work": the id opens with the
    verb of a gapped pattern), not a noun phrase opening with a verb form ("paid
    social media"). ``skills``: :func:`verb_skills`."""
    return frozenset(sid for verb, ids in skills.items() for sid in ids if _opens(sid, verb))


def verb_object(
    skills: dict[str, frozenset[str]], lemmas: dict[str, str], sid: str, first: str
) -> bool:
    """Does a match of ``sid`` opening with the word ``first`` read as the skill's verb
    and its object, so people at its end are its object, not colleagues named? ``first``
    is a verb of one of the skill's gapped patterns, either inflected ("Trained security
    officers") or the verb the id opens with ("support nurses"). "Project Managers" is
    not: "project" is a verb of manage-several-projects' patterns only by accident."""
    low = first.lower()
    verb = lemmas.get(low, low)
    return sid in skills.get(verb, ()) and (low != verb or _opens(sid, verb))


def _opens(sid: str, verb: str) -> bool:
    return sid.split("-")[0] == verb


@dataclass(frozen=True)
class Irregular:
    """The compiled patterns' irregular words after a phrase's first
    (:func:`rolematch._patterns.compile_patterns`, ``"irregular"``)."""

    # "maintain grind" -> {1: ({"ground"}, False)}: the irregular spellings of a
    # later word, and whether a phrase spells a regular form there too
    phrases: dict[str, dict[int, tuple[frozenset[str], bool]]]
    verbs: frozenset[str]  # irregular verb forms ("ground", "led", "saw")

    @classmethod
    def of(cls, data: dict[str, Any]) -> Irregular:
        phrases = {
            seq: {
                int(i): (frozenset(sp.split("|")) - {""}, sp.startswith("|"))
                for i, sp in spelt.items()
            }
            for seq, spelt in data.get("phrases", {}).items()
        }
        return cls(phrases, frozenset(data.get("verbs", ())))

    def collides(self, low: list[str], first: int, s: int, e: int, lemmas: dict[str, str]) -> bool:
        """Does a phrase's word in ``low[s:e]`` (``first``: its first word, ``s`` the
        next one matched) meet the phrase only through a lemma collision: not the
        irregular form the phrase spells ("maintaining a grind log" for "maintain
        ground", whose "ground" the lemma table reads as "grind"), or an irregular
        verb form the phrase does not spell ("the team led by" for team lead)? A verb
        after "and" / "or" may take any form ("bought and sold")."""
        if not self.verbs and not self.phrases:
            return False
        spelt = self.phrases.get(" ".join(lemmas.get(w, w) for w in (low[first], *low[s:e])))
        for pos, w in enumerate(low[s:e], start=1):
            forms, regular = spelt.get(pos, (frozenset(), True)) if spelt else ((), True)
            if w in forms or low[s + pos - 2] in ("and", "or", "&", "/"):
                continue
            if w in self.verbs or not regular:
                return True
        return False


def lemma_hits(
    hits: list[tuple[str, int, int]],
    low: list[str],
    spelt: tuple[frozenset[str] | None, dict[str, str]],
    irregular: Irregular,
) -> list[tuple[str, int, int]]:
    """The lemma table's hits whose later words are no "-ed" adjective (:func:`participle`)
    and meet the phrase through no lemma collision (:meth:`Irregular.collides`)."""
    return [
        h
        for h in hits
        if not participle(low, h[1], h[1] + 1, h[2], *spelt)
        and not irregular.collides(low, h[1], h[1] + 1, h[2], spelt[1])
    ]


def participle(
    low: list[str],
    first: int,
    s: int,
    e: int,
    spelt: frozenset[str] | None,
    lemmas: dict[str, str],
) -> bool:
    """Is a lowercase word [s, e) of a phrase starting at ``first`` an "-ed" form that
    only its lemma makes the phrase's word? "build trusted partnerships" is no "build
    trust"; the "-ed" words phrases spell (``spelt``: "open-minded", "stay focused")
    and verbs in the tense of the first ("loaded and unloaded") still match."""
    if spelt is None:  # patterns compiled before the list existed
        return False
    if low[first].endswith("ed"):
        return False
    return any(w.endswith("ed") and w not in spelt and lemmas.get(w, w) != w for w in low[s:e])
