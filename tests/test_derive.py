"""Verb forms of nominal skill names (rolematch._derive): "negotiated the vendor
contracts" is contract negotiation, "ability to prioritize" is prioritization.
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
    derived: dict = {}
    one: dict = {}
    verbs = verb_lemmas()
    _derive.add_derived(derived, one, "contract-negotiation", ["contract", "negotiation"],
                        verbs, _ing, {"a", "an", "the"}, phrases=True)
    _derive.add_derived(derived, one, "prioritization", ["prioritization"], verbs, _ing,
                        {"a", "an", "the"})
    _derive.add_derived(derived, one, "coordination", ["coordination"], verbs, _ing,
                        {"a", "an", "the"})
    _derive.add_derived(derived, one, "writing", ["writing"], verbs, _ing, set(),
                        kind="hard_skill")
    assert derived == {"negotiate": {"contract": [[[], "contract-negotiation"]]}}
    assert one == {"prioritize": "prioritization"}   # coordinate: a duty verb


def test_add_derived_skips_objects_read_by_a_verb_lemma() -> None:
    derived: dict = {}
    verbs = verb_lemmas()
    # "building design": lemma keys read "building" as "build"
    _derive.add_derived(derived, {}, "k", ["build", "design"], verbs, _ing, set(),
                        written=["building", "design"], phrases=True)
    # "plan buildings": a verb and its object, whose plural looks like an -ing head
    _derive.add_derived(derived, {}, "k", ["plan", "building"], verbs, _ing, set(),
                        written=["plan", "buildings"], phrases=True)
    assert derived == {}


def test_phrase_forms_are_off_by_default() -> None:
    derived: dict = {}
    _derive.add_derived(derived, {}, "contract-negotiation", ["contract", "negotiation"],
                        verb_lemmas(), _ing, set())
    assert derived == {}


@pytest.fixture(scope="module")
def phrase_ids():
    """An extractor compiled with the verb + object forms of phrases on."""
    from rolematch.extract import SkillExtractor

    saved = _derive.PHRASES
    _derive.PHRASES = True
    try:
        ext = SkillExtractor.from_taxonomy()
    finally:
        _derive.PHRASES = saved
    return lambda text: {m.skill_id for m in ext(text)}


def test_agent_nouns() -> None:
    english = {"communicator", "negotiator", "mentor"}
    one = {"communicate": "communication", "negotiate": "negotiation", "mentor": "mentoring"}
    assert _derive.agents(one, english) == {
        "communicator": "communication", "negotiator": "negotiation"}


@pytest.mark.parametrize("text, i, ok", [
    ("ability to prioritize", 2, True),
    ("you will plan", 2, True),
    ("plan", 0, True),
    ("tasks : plan", 2, True),
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
    # a verb and its object, any inflection, up to two words between
    ("Negotiated the vendor contracts", "negotiation"),
    ("Plan events for the whole region", "event-planning"),
    ("Reconciled bank accounts every month", "account-reconciliation"),
    ("Reconcile accounts monthly", "account-reconciliation"),
    ("Develop software for the billing team", "software-development"),
    ("developed software tools", "software-development"),
    ("Prepared the annual budget", "budget-management"),
    ("Manages vendors across sites", "vendor-management"),
    ("Scheduled appointments for patients", "patient-scheduling"),
    ("Analyze root causes of defects", "root-cause-analysis"),
])
def test_phrase_forms_found(phrase_ids, text: str, expected: str) -> None:
    assert expected in phrase_ids(text)


@pytest.mark.parametrize("text, absent", [
    ("Press the negotiate contracts button", "negotiation"),
    ("analysed financial statements", "financial-analysis"),
    ("We design and build homes", "design-buildings"),
    ("Design and test prototypes", "test-design"),
    ("Required product knowledge of our catalogue", "product-requirements"),
])
def test_phrase_forms_not_found(phrase_ids, text: str, absent: str) -> None:
    assert absent not in phrase_ids(text)


@pytest.mark.parametrize("text, expected", [
    # shipped: one-word qualities (the phrase forms are off, PHRASES)
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
    # a verb from a blocked head: "requirement" is no "require"
    ("Required product knowledge of our catalogue", "product-requirements"),
    # an object that starts a longer phrase is that phrase's
    ("analysed financial statements", "financial-analysis"),
    # an object word read by its verb lemma: "building" is no "build"
    ("We design and build homes", "design-buildings"),
    # the word after "and" is a second verb, not the object
    ("Design and test prototypes", "test-design"),
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
    assert p["derived"] == {}   # PHRASES off
    assert p["derived_one"]["prioritize"] == "prioritization"
    assert "coordinate" not in p["derived_one"]
    assert p["lemmas"]["negotiated"] == "negotiate"


@pytest.mark.parametrize("joiner", ["and", "or", "&"])
def test_find_skips_a_second_verb_after_any_joiner(joiner: str) -> None:
    """"designed and/or/& built APIs": the object is "APIs", past the second verb."""
    from rolematch.extract import GAP, GAP_STOP

    words = ["Designed", joiner, "built", "APIs"]
    low = [w.lower() for w in words]
    lemmas = {"designed": "design", "built": "build", "apis": "api"}
    derived = {"design": {"api": [[[], "api-design"]]}}
    found = _derive.find(words, low, lemmas, derived, {}, frozenset({"designed"}), GAP, GAP_STOP)
    assert found == [("api-design", 0, 4, 3)]


def test_phrase_terms_cost_nothing_when_phrase_forms_are_off() -> None:
    """With :data:`_derive.PHRASES` off a phrase's head is never looked up."""

    def no_lookup(word: str) -> str:
        raise AssertionError(f"looked up {word!r}")

    derived: dict = {}
    _derive.add_derived(derived, {}, "event-planning", ["event", "planning"],
                        verb_lemmas(), no_lookup, set(), phrases=False)
    assert derived == {}
