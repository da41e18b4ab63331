"""Issue 18, sixth pass: what the taxonomy lacked for postings (records and aliases
picked from the dev postings outside the gold set), and ESCO alternative labels that
are everyday phrases meaning another thing (moved to ``no_match``).  Each is tested
in both directions where a direction exists.  Texts are made up."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("text, expected", [
    ("Must hold an active LMFT or LCSW license", "licensed-marriage-and-family-therapist"),
    ("Must hold an active LMFT or LCSW license", "licensed-clinical-social-worker"),
    ("Independent licensure (LPCC, LICSW) required", "licensed-professional-counselor"),
    ("Independent licensure (LPCC, LICSW) required", "licensed-clinical-social-worker"),
    ("ASQ CQE preferred", "certified-quality-engineer"),
    ("Comfortable in design apps like Sketch, Figma and Adobe XD", "sketch"),
    ("Experience with AutoCAD, Rhino and SketchUp", "rhino-3d"),
    ("Hands-on experience with AWS services like EC2, S3 and Lambda", "aws-lambda"),
    ("Working knowledge of M365 services", "microsoft-office"),
    ("Proficient in Google Suite and Canva", "google-docs"),
    ("Experience with Procore and Bluebeam", "procore-software"),
    ("Experience with Deltek Vantagepoint", "deltek-vision"),
    ("Manage users in Entra ID", "microsoft-entra-id"),
    ("Develop individualized treatment plans for clients", "treatment-planning"),
    ("Complete progress notes in the EHR", "clinical-reports"),
    ("Conduct individual, family and group therapy", "types-of-psychotherapy-sessions"),
    ("Provide technical support to field crews", "technical-support"),
    # the alias taken away is the loose one; the skill's own name still counts
    ("Experience tracing people for debt recovery", "trace-people"),
    ("Able to operate a dump truck", "operate-dump-truck"),
])
def test_found_sixth_pass(skill_ids, text: str, expected: str) -> None:
    assert expected in skill_ids(text)


@pytest.mark.parametrize("text, absent", [
    # a design tool needs a design-tool neighbour: the verb is no tool
    ("Sketch out ideas with the team before the meeting", "sketch"),
    ("Lambda is the Greek letter we use in the formula", "aws-lambda"),
    # ESCO alternative labels whose everyday meaning is another thing
    ("Help us find the right people for every role", "trace-people"),
    ("Maintain security of the building at all times", "manage-securities"),
    ("Operate the truck safely on public roads", "operate-dump-truck"),
    ("Read and understand blueprints", "interpret-electrical-diagrams"),
    ("Monitor all infrastructure and network devices", "monitor-swimming-pool-infrastructure"),
    ("Manage clients and their schedules", "coach-clients"),
    ("Troubleshoot systems on the shop floor", "solve-ict-system-problems"),
    ("Getting vehicles ready for delivery", "order-vehicles"),
    ("Monitor and evaluate programs for the county", "monitor-programming"),
])
def test_not_found_sixth_pass(skill_ids, text: str, absent: str) -> None:
    assert absent not in skill_ids(text)


def test_an_esco_skill_met_only_by_an_alternative_label_weighs_less() -> None:
    from rolematch._posting_weigh import weigh

    def one(alias_only: frozenset[str]) -> float:
        (d,) = weigh(
            {"zoning-codes": ["required"]},
            title="Planner",
            names={"zoning-codes": ("zoning codes",)},
            kinds={"zoning-codes": ("knowledge", "esco")},
            distinct=lambda _sid: 1.0,
            alias_only=alias_only,
        )
        return d.weight

    assert one(frozenset({"zoning-codes"})) < one(frozenset())


@pytest.mark.parametrize("line, alias_only", [
    ("Knowledge of zoning codes", False),  # ESCO's own name
    ("Knowledge of zoning laws", True),  # an alternative label
])
def test_posting_knows_which_label_named_an_esco_skill(line: str, alias_only: bool) -> None:
    from rolematch._posting import analyse_posting

    text = f"Planner\n\nRequirements:\n- {line}\n- Experience with AutoCAD\n"
    (d,) = [d for d in analyse_posting(text).decisions if d.skill_id == "zoning-codes"]
    assert ("alternative label" in d.reason) is alias_only
