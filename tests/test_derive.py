"""Verb forms of one-word skill names (rolematch._derive): "ability to prioritize"
is prioritization, "a strong communicator" communication.
Each rule is tested in both directions; texts are made up."""

from __future__ import annotations

import pytest

from rolematch import _derive
from rolematch._patterns import lemma_key, lemma_table, verb_lemmas


def _ing(word: str) -> str:
    return lemma_table().get(word, word)


@pytest.mark.parametrize("head, verbs", [
    ("management", ("manage",)),
    ("development", ("develop",)),
    ("negotiation", ("negotiate",)),
    ("preparation", ("prepare",)),
    ("implementation", ("implement",)),
    ("prioritization", ("prioritize",)),
    ("inspection", ("inspect",)),
    ("supervision", ("supervise",)),
    ("analysis", ("analyze", "analyse")),
    ("reconciliation", ("reconcile",)),
    ("administration", ("administer",)),
    ("maintenance", ("maintain",)),
    ("assurance", ("assure",)),
    ("delivery", ("deliver",)),
    ("planning", ("plan",)),
    ("scheduling", ("schedule",)),
    ("troubleshooting", ("troubleshoot",)),
    ("design", ("design",)),
    # blocked: the verb names something else; no nominalization at all
    ("marketing", ()),
    ("accounting", ()),
    ("learning", ()),
    ("requirement", ()),
    ("compassion", ()),
    ("confidence", ()),
    ("experience", ()),
    ("python", ()),
])
def test_verbs_of(head: str, verbs: tuple[str, ...]) -> None:
    assert _derive.verbs_of(head, verb_lemmas(), _ing) == verbs


def test_developed_has_the_lemma_develop() -> None:
    # the lookup table gives "develope"; "developed software" must meet "develop"
    assert lemma_key("developed") == lemma_key("developing") == "develop"
    assert "develop" in verb_lemmas()


def test_add_derived_tables() -> None:
    one: dict = {}
    verbs = verb_lemmas()
    skip = {"a", "an", "the"}
    _derive.add_derived(one, "contract-negotiation", ["contract", "negotiation"], verbs, _ing,
                        skip)
    _derive.add_derived(one, "prioritization", ["prioritization"], verbs, _ing, skip)
    _derive.add_derived(one, "coordination", ["coordination"], verbs, _ing, skip)
    _derive.add_derived(one, "writing", ["writing"], verbs, _ing, set(), kind="hard_skill")
    # phrases and hard skills have no verb form; coordinate is a duty verb
    assert one == {"prioritize": "prioritization"}


def test_agent_nouns() -> None:
    english = {"communicator", "negotiator", "mentor"}
    one = {"communicate": "communication", "negotiate": "negotiation", "mentor": "mentoring"}
    assert _derive.agents(one, english) == {
        "communicator": "communication", "negotiator": "negotiation"}


@pytest.mark.parametrize("text, i, ok", [
    ("ability to prioritize", 2, True),
    ("you will plan", 2, True),
    ("plan", 0, False),  # opening a line a bare verb is often a noun ("Mentor")
    ("tasks : plan", 2, False),
    ("effectively negotiate", 1, True),
    ("negotiated", 0, True),
    ("they negotiated", 1, True),
    ("the scheduled", 1, False),
    ("a negotiated", 1, False),
    ("the present", 1, False),
    ("a floor plan", 2, False),
    ("our document", 1, False),
])
def test_verb_position(text: str, i: int, ok: bool) -> None:
    low = text.split()
    verb = lemma_key(low[i])
    assert _derive.verb_position(low, i, verb) is ok


@pytest.mark.parametrize("text, expected", [
    # the one-word quality, not the phrase: "negotiated" is negotiation
    ("Negotiated the vendor contracts", "negotiation"),
    # one-word personal qualities: the verb where a verb stands
    ("Ability to prioritize tasks", "prioritization"),
    ("Must be able to communicate clearly", "communication"),
    ("We need someone able to negotiate", "negotiation"),
    ("Prioritized tasks under tight deadlines", "prioritization"),
    ("Mentored new hires", "mentoring"),
    # agent nouns
    ("A strong communicator", "communication"),
    ("A skilled negotiator", "negotiation"),
])
def test_verb_forms_found(skill_ids, text: str, expected: str) -> None:
    assert expected in skill_ids(text)


@pytest.mark.parametrize("text, absent", [
    # a bare verb that is also a noun, where no verb stands
    ("Press the negotiate contracts button", "negotiation"),
    ("Read the present tense chapter", "presentation-skills"),
    # an "-ed" form after a determiner is an adjective
    ("A negotiated rate applies", "negotiation"),
    # duty verbs name no quality: coordinate, collaborate, repair
    ("Coordinate schedules with the office", "coordination"),
    ("Collaborate with teams across sites", "collaboration"),
    ("Repair engines in the shop", "repairing"),
    # a one-word quality's bare verb opening a line is often a title or heading
    ("Mentor\nPeer program, 2019", "mentoring"),
    # traits whose suffix rules give another verb
    ("Compassed the field", "empathy"),
])
def test_verb_forms_not_found(skill_ids, text: str, absent: str) -> None:
    assert absent not in skill_ids(text)


def test_compiled_patterns_hold_the_verb_forms() -> None:
    from rolematch.extract import default_extractor

    p = default_extractor().patterns
    assert "derived" not in p   # no verb + object forms of phrases
    assert p["derived_one"]["prioritize"] == "prioritization"
    assert "coordinate" not in p["derived_one"]
    assert p["lemmas"]["negotiated"] == "negotiate"
