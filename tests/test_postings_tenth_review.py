"""Review of the tenth postings pass (docs/postings.md, "Review of the tenth pass"):
rules that fired where they should not.  Texts are made up."""

from __future__ import annotations

import pytest

from rolematch._posting_weigh import field_line


@pytest.mark.parametrize(
    "text, sid",
    [
        ("Experience with Spark plugs and ignition systems", "apache-spark"),
        ("Experience with Zoom lenses and studio lighting", "zoom"),
        ("Experienced in Helm operations on cargo vessels", "helm"),
        ("Knowledge of Spring planting schedules", "spring-framework"),
        ("Experience with Greenhouse operations and irrigation", "greenhouse-ats"),
        ("Experience with Slack water navigation", "slack"),
        ("Working with Teams, partners and vendors to ship on time", "microsoft-teams"),
    ],
)
def test_a_name_asked_for_by_proficiency_must_end_there(skill_ids, text, sid) -> None:
    """"Experience with Spark plugs" asks for plugs: the capitalized word starts
    another noun phrase, so it is no tool asked for by name."""
    assert sid not in skill_ids(text)


@pytest.mark.parametrize(
    "text, sid",
    [
        ("Proficient in Excel.", "excel"),
        ("Experience with Workday", "workday-software"),
        ("Working knowledge of Teams, Slack", "microsoft-teams"),
        ("Experience working with Teams.", "microsoft-teams"),
    ],
)
def test_a_name_asked_for_by_proficiency_is_still_the_tool(skill_ids, text, sid) -> None:
    assert sid in skill_ids(text)


def test_a_field_line_follows_an_unfinished_degree_line() -> None:
    # a finished sentence or a "Scrum Master" asks for no field on the next line
    assert field_line("High school diploma.", "Excel and Word") == []
    assert field_line("Certified Scrum Master", "Jira and Confluence") == []
    assert field_line("Master's degree in:", "Physics") == [(0, 7)]
    assert field_line("Masters degree", "Physics or Chemistry") == [(0, 20)]


def test_tools_on_the_line_after_a_degree_are_still_asked_for() -> None:
    from rolematch.roles import RoleProfile

    text = (
        "Requirements:\nBachelor's degree\nMicrosoft Office\nJira and Confluence\n"
        "Accounting or Finance\n3 years of experience in accounts payable."
    )
    ids = {s.skill_id for s in RoleProfile.from_text(text, title="AP Clerk").skills}
    assert {"microsoft-office", "accounts-payable"} <= ids
    text = (
        "Requirements:\nHigh school diploma.\nExcel and Word\n"
        "Certified Scrum Master\nJira and Confluence"
    )
    ids = {s.skill_id for s in RoleProfile.from_text(text, title="Coordinator").skills}
    assert {"excel", "microsoft-word", "jira", "confluence"} <= ids


def test_health_benefits_make_no_medical_coding_text() -> None:
    """"Medical, dental and vision" and a hospital employer are no medical coding
    text: "coding" there stays programming; ICD / CPT / coders make one."""
    from rolematch.extract import default_extractor

    ext = default_extractor()
    text = (
        "Junior Web Developer\nStrong coding skills and a love of learning.\n"
        "Benefits: medical, dental and vision insurance; healthcare spending account."
    )
    ids = {m.skill_id for m in ext(text)}
    assert "medical-billing-and-coding" not in ids and "software-development" in ids
    text = "Help desk analyst, County Hospital\nSupported clinical staff.\nTaught coding to teens."
    assert "medical-billing-and-coding" not in {m.skill_id for m in ext(text)}
    text = "Coders assign ICD-10 codes for the clinic.\nPerform chart and coding reviews."
    assert "medical-billing-and-coding" in {m.skill_id for m in ext(text)}


@pytest.mark.parametrize(
    "text, shown",
    [
        ("Maintained legacy Ada code for flight controllers", True),
        ("Wrote Ada code for a rail signalling system", True),
        ("Designed ramps and restrooms to meet ADA codes", False),
        ("Keeps the clinic in ADA compliance", False),
    ],
)
def test_singular_code_is_no_cue_of_the_disabilities_act(skill_ids, text, shown) -> None:
    assert ("ada" in skill_ids(text)) is shown
