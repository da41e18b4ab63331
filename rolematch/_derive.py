"""Private: verb forms of nominal skill names (used by :mod:`rolematch._patterns` at
compile time and :mod:`rolematch.extract` at match time).

A one-word term of a personal quality ("negotiation", "prioritization",
"communication") is also found as its verb where a verb stands ("ability to
prioritize", "negotiated", see :func:`verb_position`) and as its agent noun ("a strong
communicator"). Verb + object forms of phrases ("negotiated the vendor contracts" for
contract negotiation) were built and measured, and removed: they cost the quality
harness' fit 0.006-0.007 MRR (docs/skills.md).

The verb of a head comes from suffix rules checked against the lemma table's verbs
(:func:`rolematch._patterns.verb_lemmas`): "-ing" by the lookup lemma ("planning" ->
"plan"), "-ment" stripped ("management" -> "manage"), "-ation"/"-ion" to the verb
("negotiation" -> "negotiate", "preparation" -> "prepare", "implementation" ->
"implement", "inspection" -> "inspect"), "-sis" to "-ze"/"-se" ("analysis" ->
"analyze", "analyse"), "-ance"/"-ence" stripped ("assistance" -> "assist",
"assurance" -> "assure"), "-ery" to "-er" ("delivery" -> "deliver"). Where the rules
give no verb or the wrong one, :data:`IRREGULAR` says which.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence
from typing import Any

__all__ = ["verbs_of", "add_derived", "agents", "verb_position", "find", "forms", "patterns_forms"]

#: Heads whose verb the suffix rules miss or get wrong: "administration" would give
#: "administrate", "reconciliation" "reconciliate", "maintenance" nothing.
IRREGULAR: dict[str, tuple[str, ...]] = {
    "administration": ("administer",),
    "reconciliation": ("reconcile",),
    "maintenance": ("maintain",),
    "resolution": ("resolve",),
    "production": ("produce",),
    "reduction": ("reduce",),
    "acquisition": ("acquire",),
    "retention": ("retain",),
    "conversion": ("convert",),
    "expansion": ("expand",),
    "intervention": ("intervene",),
    "description": ("describe",),
    "analysis": ("analyze", "analyse"),
}
#: Heads that are their own verb ("code review" is "reviewed code"); others that are
#: ("experience", "service", "process") would read "Experienced customer service
#: representative" as customer experience.
ZERO = frozenset({"design", "review", "research", "audit", "repair", "support"})
#: Heads whose verb names something else: "accounting" is no "account", "marketing"
#: no "market", "engineering" no "engineer", "learning" ("machine learning") no
#: "learn machine", "information" no "inform", "operation" no "operate", "requirement" ("product
#: requirements") no "require" ("required product knowledge"); "compassion",
#: "confidence", "persistence" are traits whose suffix rules give "compass", "confide",
#: "persist".
BLOCKED = frozenset(
    """marketing accounting engineering banking nursing learning branding staffing
    networking information operation operations education communications relations
    sales requirement requirements compassion confidence persistence""".split()
)
#: Kinds whose one-word terms get their bare verb: personal qualities ("prioritize",
#: "negotiate", "collaborate"). A hard skill's verb alone ("write", "report",
#: "schedule", "machine") names the task, not the skill.
ONE_WORD_KINDS = frozenset({"soft_skill"})
#: Verbs that alone name a duty, not the quality a one-word term names: in the 60
#: gold postings "coordinate" stood for coordination in 0 of 12 postings, "repair"
#: for repairing in 0 of 4, "collaborate" for collaboration in 2 of 11 (while
#: measure: "prioritize" 10 of 12, "communicate" 14 of 15, "negotiate" 4 of 4).
DUTY_VERBS = frozenset({"coordinate", "collaborate", "repair"})
#: Words before a bare verb that make it one: "to", modals, subjects ("you will plan
#: events", "ability to prioritize", "we negotiate"), "and"/"or" between verbs.
VERB_CUES = frozenset(
    """to can will would must should may might shall please help helps you we i they
    and or also""".split()
)
#: Words before an "-ed"/"-ing" form that make it an adjective ("the scheduled
#: maintenance", "a negotiated settlement").
DETERMINERS = frozenset("a an the this that these those our your their its his her my".split())


def verbs_of(head: str, verbs: Collection[str], lemma: Callable[[str], str]) -> tuple[str, ...]:
    """The verbs a nominal head derives from ("negotiation" -> ("negotiate",)); ()
    when it is no nominalization the rules know or is :data:`BLOCKED`."""
    if head in BLOCKED or not head.isalpha():
        return ()
    if head in IRREGULAR:
        return IRREGULAR[head]
    if head in ZERO:
        return (head,)
    if head.endswith("ing"):
        cands = [lemma(head)]
    elif head.endswith("ment"):
        cands = [head[:-4]]
    elif head.endswith("ation"):
        cands = [head[:-3] + "e", head[:-5], head[:-5] + "e"]
    elif head.endswith("ion"):
        cands = [head[:-3], head[:-3] + "e"]
    elif head.endswith("sis"):
        cands = [head[:-3] + "ze", head[:-2] + "e"]
    elif head.endswith(("ance", "ence")):
        cands = [head[:-4], head[:-4] + "e"]
    elif head.endswith("ery"):
        cands = [head[:-1]]
    else:
        return ()
    for c in cands:
        if c != head and len(c) > 2 and c in verbs:
            return (c,)
    return ()


def add_derived(
    one: dict[str, str],
    key: str,
    words: Sequence[str],
    verbs: Collection[str],
    lemma: Callable[[str], str],
    skip: Collection[str],
    kind: str = "soft_skill",
    written: Sequence[str] = (),
) -> None:
    """Record the verb of one term (lemma keys ``words``, lowercase ``written``) of
    skill ``key`` when it is one word of a :data:`ONE_WORD_KINDS` skill: ``one[verb] =
    key`` (the first skill keeps a verb). A head written otherwise than its "-ing"
    lemma key makes none."""
    kept = [w for w in words if w not in skip]
    if len(kept) != 1 or key.startswith("?") or kind not in ONE_WORD_KINDS:
        return
    if written and kept[-1].endswith("ing") and written[-1] != kept[-1]:
        return
    for verb in verbs_of(kept[-1], verbs, lemma):
        if verb not in DUTY_VERBS:
            one.setdefault(verb, key)


def agents(one: Mapping[str, str], english: Collection[str]) -> dict[str, str]:
    """Agent nouns of the one-word terms' verbs -> key ("communicator",
    "negotiator"): "a strong communicator" shows communication. Only English words
    the lemma table knows; a verb that is its own agent noun ("mentor") has none."""
    out: dict[str, str] = {}
    for verb, key in one.items():
        stem = verb[:-1] if verb.endswith("e") else verb
        for form in (stem + "or", stem + "er"):
            if form != verb and form in english:
                out.setdefault(form, key)
    return out


def patterns_forms(patterns: Mapping[str, Any]) -> frozenset[str]:
    """:func:`forms` of the verbs of compiled ``patterns`` (empty for patterns
    compiled before format 5)."""
    return forms(patterns.get("derived_one", {}), patterns["lemmas"])


def forms(verbs: Collection[str], lemmas: Mapping[str, str]) -> frozenset[str]:
    """Lowercase words whose lemma key is one of ``verbs`` (the verbs themselves too)."""
    return frozenset([*verbs, *(w for w, k in lemmas.items() if k in verbs)])


def verb_position(low: Sequence[str], i: int, verb: str) -> bool:
    """Does the word at ``i`` (lowercase ``low``) stand as the verb ``verb``?

    An "-ed" or "-ing" form does unless a determiner makes it an adjective ("the
    scheduled maintenance"); a bare form ("plan", "present", "document", which are
    nouns too) only after :data:`VERB_CUES` or an "-ly" adverb ("ability to
    prioritize", "effectively negotiate"): opening a line it is often a noun ("Mentor",
    "Coach" as a title or heading)."""
    prev = low[i - 1] if i > 0 else ""
    if low[i] != verb and low[i].endswith(("ed", "ing")):
        return prev not in DETERMINERS
    return prev in VERB_CUES or (prev.endswith("ly") and prev.isalpha())


def find(
    low: Sequence[str],
    lemmas: Mapping[str, str],
    one: Mapping[str, str],
    verb_forms: frozenset[str],
) -> list[tuple[str, int, int]]:
    """(key, token, token + 1) of every verb form of a one-word term in ``low`` (the
    lowercase words): the verb in a verb position (:func:`verb_position`)."""
    found = []
    for i in [i for i, w in enumerate(low) if w in verb_forms]:
        verb = lemmas.get(low[i], low[i])
        if verb in one and verb_position(low, i, verb):
            found.append((one[verb], i, i + 1))
    return found
