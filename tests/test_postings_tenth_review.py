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
