"""Issue 17, fourth pass: precision rules. Each rule rejects a reading whose words
name something other than the reader's skill, and is tested in both directions.
Texts are made up."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("text, absent", [
    # an "-ed" adjective is no object noun by its lemma
    ("We strive to build trusted partnerships with clients", "build-trust"),
    # a quality word describing a group, not the reader
    ("Join an energetic and motivated team of engineers", "self-motivation"),
    ("Pleasant atmosphere in a successful and dedicated team", "work-ethic"),
    # colleagues named in the plural
    ("The team consists of Engineers and Project Managers", "manage-several-projects"),
    ("Programmers, testers and scrum masters sit together", "scrum"),
    # a gap holding a preposition that starts another phrase
    ("Travel without booking fees", "travel-arrangements"),
    # the company describing itself
    ("We are a fast-growing team specializing in credit underwriting", "credit-underwriting"),
    ("Our core charter is to help enterprise customers grow", "customer-service"),
    # ordinary words that are no skill's name
    ("Conducted customer satisfaction surveys", "surveying"),
    ("Help craft the future of our platform", "crafting"),
    ("You will enjoy working with us", "meet-commitments"),
    ("I excel as a leader", "excel"),
    ("Excel as well as anyone at sales", "excel"),
])
def test_not_found_fourth_pass(skill_ids, text: str, absent: str) -> None:
    assert absent not in skill_ids(text)


@pytest.mark.parametrize("text, expected", [
    ("Built trust with key accounts", "build-trust"),
    ("Loaded and unloaded trailers daily", "material-handling"),
    ("Open-minded and self-motivated engineer", "open-mindedness"),
    ("A motivated team player", "self-motivation"),
    ("Dedicated team-player and fast learner", "work-ethic"),
    ("Dedicated team oriented nurse", "work-ethic"),
    ("Led a project manager team", "manage-several-projects"),
    ("Managed project managers and work with managers across sites", "liaise-with-managers"),
    # people as the object of the skill's own verb, not colleagues named
    ("Supported nurses during rounds", "support-nurses"),
    ("Trained security officers on procedures", "train-security-officers"),
    ("Assisted managers with payroll", "support-managers"),
    ("We advise architects on load limits", "advise-architects"),
    ("We are looking for someone with credit underwriting experience", "credit-underwriting"),
    ("We're building a platform. You will help our enterprise customers", "customer-service"),
    # a tool the company names stays: its stack is what the job uses
    ("We are working with Python and Docker", "python"),
    ("Performed land surveying for road projects", "surveying"),
    # a veto word that only starts "as well as" lets a confirmed name stand
    ("MS Office suite, above all Excel as well as Word", "excel"),
])
def test_found_fourth_pass(skill_ids, text: str, expected: str) -> None:
    assert expected in skill_ids(text)


def test_patterns_list_the_participles_phrases_spell() -> None:
    from rolematch.extract import default_extractor

    spelt = set(default_extractor().patterns["participles"])
    assert "minded" in spelt
    assert "trusted" not in spelt
