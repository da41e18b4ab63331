"""Issue 18, ninth pass: the review's open findings and the rules found by reading
profiles of the dev postings outside the gold set (docs/postings.md, "Ninth pass, the
classifier").  Each rule is tested in both directions with made-up text."""

from __future__ import annotations

import pytest

from rolematch._posting import _names_team as names_team
from rolematch._posting_classify import COMPANY, DUTY, OTHER, REQUIRED, classify
from rolematch._posting_read import BENEFITS, read_posting


def _texts(text: str) -> list[str]:
    return [s.text for s in read_posting(text) if not s.heading]


def _classes(text: str) -> list[list[str]]:
    sents = read_posting(text)
    return [[c.cls for c in cs] for cs, s in zip(classify(sents), sents) if not s.heading]


# ------------------------------------------------------------------ inline bullets
@pytest.mark.parametrize("line", [
    "Must be U.S.-Based and hold a CDL.",
    "Hours are Mon- Fri, 8 to 5.",
    "Seasonal work, Sept- Dec each year.",
])
def test_an_abbreviation_before_a_hyphen_starts_no_bullet(line):
    assert _texts(line) == [line]


def test_a_hyphen_bullet_glued_to_a_sentence_or_a_word_still_starts_one():
    assert _texts("A degree is required.- Sales experience is preferred") == [
        "A degree is required.", "Sales experience is preferred"]
    assert _texts("Benefits:- Paid time off- Dental") == ["Paid time off", "Dental"]


# -------------------------------------------------------- joining, then the job's work
@pytest.mark.parametrize("text", [
    "Join our team and provide care to patients in our clinic.",
    "Come join us to manage payroll for our 300 employees.",
])
def test_an_invitation_to_join_that_says_what_the_job_does_is_a_duty(text):
    assert _classes(text) == [[DUTY]]


@pytest.mark.parametrize("text", [
    "Join our team and grow your career with us.",
    "Join our team and make a difference.",
    "Join a team of experts and help us shape the future.",
    "Join our team and develop your skills.",
    "Join our team at Acme, a leading maker committed to delivering great service.",
])
def test_an_invitation_to_join_for_the_candidates_gain_stays_company_text(text):
    assert _classes(text) == [[COMPANY]]


# ----------------------------------------------------------- a head's title, the job's
def test_the_jobs_own_title_after_a_head_word_names_no_team_around_it():
    text = "As Manager of Marketing Operations, you will run email campaigns."
    at = text.index("Marketing Operations")
    end = at + len("Marketing Operations")
    assert not names_team(text, at, end, "Marketing Operations Manager")
    assert not names_team(text, at, end, "")  # "As …": the sentence names the job
    other = "The Manager of Marketing Operations approves each campaign."
    at = other.index("Marketing Operations")
    assert not names_team(other, at, at + 20, "Manager of Marketing Operations")
    # another head, or no title: people around the job
    assert names_team(other, at, at + 20, "Email Marketing Specialist")
    boss = "Report to the Director of Marketing Operations."
    at = boss.index("Marketing Operations")
    assert names_team(boss, at, at + 20, "Manager of Marketing Operations")


# ------------------------------------------------------------- a label, then a requirement
def test_a_supervisor_label_before_a_requirement_is_a_requirement_without_the_label():
    sents = read_posting("Supervisor: must have 3 years of experience with Microsoft Excel.")
    (cs,) = classify(sents)
    assert [c.cls for c in cs] == [OTHER, REQUIRED]
    assert sents[0].text[cs[0].start : cs[0].end] == "Supervisor:"
    assert _classes("Supervisor: Director of Admissions") == [[OTHER]]
    assert _classes("Supervisor: Senior Manager, Field Operations") == [[OTHER]]


def test_the_label_names_no_skill_and_the_requirement_keeps_its_own():
    from rolematch.roles import RoleProfile

    role = RoleProfile.from_text(
        "Supervisor: must have 3 years of experience with Microsoft Excel.", title="Clerk"
    )
    ids = {s.skill_id for s in role.required}
    assert "excel" in ids
    assert "manage-personnel" not in ids


# ----------------------------------------------------- benefits words naming a trade
@pytest.mark.parametrize("text", [
    "2-4 years of commercial lines insurance experience.",
    "Experience in the wellness industry.",
    "Knowledge of dental billing and dental assistant experience.",
    "Verify insurance eligibility for new patients at check-in.",
])
def test_a_benefits_word_asked_for_as_a_trade_is_no_benefits_text(text):
    # asked for: a requirement or a duty (not merely "anything but benefits")
    assert _classes(text) in ([[REQUIRED]], [[DUTY]])


@pytest.mark.parametrize("text", [
    "Health, dental and life insurance for you and your family.",
    "A generous retirement plan with a company match.",
    "Pensionable earnings are matched up to 5%.",
    "Together we create a wellness experience for every guest.",
])
def test_a_benefits_word_that_names_what_the_job_gives_stays_benefits_text(text):
    assert _classes(text) == [[BENEFITS]]


def test_a_trade_asked_for_keeps_its_years():
    from rolematch._posting import analyse_posting

    text = "Requirements\n- 2-4 years of commercial lines insurance experience"
    analysis = analyse_posting(text, title="Account Manager")
    assert (analysis.min_years, analysis.max_years) == (2, 4)


# ------------------------------------------------------------ a list of departments
def _decisions(text: str, title: str) -> dict[str, str]:
    from rolematch._posting import analyse_posting

    return {d.skill_id: d.reason for d in analyse_posting(text, title=title).decisions}


def test_fields_listed_before_a_departments_noun_name_people_around_the_job():
    text = (
        "Requirements\n- Work with internal partners: Customer Service, Logistics, Sales, "
        "and Finance departments."
    )
    reasons = _decisions(text, "Demand Planner")
    assert "people the job works with" in reasons["logistics"]


def test_a_tool_before_a_list_of_teams_and_a_team_the_job_leads_stay_asked():
    text = "Requirements\n- Experience with Salesforce, HubSpot, and marketing teams."
    assert "people" not in _decisions(text, "Sales Coordinator")["salesforce"]
    led = "Requirements\n- Lead the logistics, sales and finance teams."
    assert "people" not in _decisions(led, "Operations Director")["logistics"]


# ------------------------------------------------------------ perks in a requirements list
@pytest.mark.parametrize("line", [
    "Attendance Bonuses", "Referral bonuses", "Comprehensive healthcare options for you",
    "Commuter benefits", "Flexibility of your schedule", "Best in Class Benefits.",
    "This role follows a hybrid model from our city office.", "Hybrid Position",
])
def test_perks_listed_under_requirements_are_benefits(line):
    assert _classes(f"Requirements\n- 2 years of retail experience\n- {line}") == [
        [REQUIRED], [BENEFITS]]


def test_a_bonus_that_is_a_preferred_cue_stays_preferred():
    assert _classes("Requirements\n- Experience with Tableau is a bonus") == [["preferred"]]


# ------------------------------------------------------------ the company in an appositive
def test_the_companys_appositive_before_what_it_seeks_names_no_skill():
    text = (
        "Acme Studio, a young studio focused on Augmented Reality and "
        "Virtual Reality, is seeking an animator with Blender skills."
    )
    (cs,) = classify(read_posting(text))
    assert cs[0].cls == OTHER and text[cs[0].start : cs[0].end].endswith("Virtual Reality")
    reasons = _decisions(text, "Animator")
    assert "blender" in reasons and "augmented-reality" not in reasons


def test_a_sentence_without_the_companys_appositive_keeps_its_skills():
    text = "Animators, a core part of every project, use Augmented Reality tools daily."
    assert "augmented-reality" in _decisions(text, "Animator")


# ------------------------------------------------------------ the company's years
@pytest.mark.parametrize("text, years", [
    ("A device maker backed by 20 years of research and a passion for care.", []),
    ("With 30 years of innovation behind us, we build pumps.", []),
    ("3 years of research experience required.", [(3.0, None, False)]),
    ("5+ years of research and development experience.", [(5.0, None, False)]),
])
def test_years_of_the_companys_research_are_no_experience_asked_for(text, years):
    from rolematch._posting_weigh import years_in

    assert years_in(text) == years


# ------------------------------------------------------------ worker-function boilerplate
@pytest.mark.parametrize("line", [
    "Data: Coordinating: Determining the time and place of operations from data.",
    "Things: Handling: Using hands, small tools, and other devices.",
    "Specific Vocational Preparation: some college education or on-the-job training.",
])
def test_the_labour_departments_worker_functions_are_legal_text(line):
    assert _classes(f"Requirements\n- {line}") == [["legal"]]


def test_a_requirement_naming_data_or_people_is_no_worker_function():
    assert _classes("Requirements\n- Data: experience with SQL and Tableau.") == [[REQUIRED]]
    assert _classes("Requirements\n- People management: 3 years leading a team.") == [[REQUIRED]]
