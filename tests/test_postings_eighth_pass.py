"""Issue 18, eighth pass: rules found by reading profiles of the dev postings outside
the gold set (docs/postings.md, "Eighth pass").  Each rule is tested in both
directions with made-up text."""

from __future__ import annotations

import pytest

from rolematch._posting import _names_team as names_team
from rolematch._posting_classify import DUTY, OTHER, PREF, REQUIRED, classify
from rolematch._posting_read import BENEFITS, COMPANY, DUTIES, posting_heading, read_posting
from rolematch._posting_weigh import degree_field_spans


def _classes(text: str) -> list[list[str]]:
    sents = read_posting(text)
    return [[c.cls for c in cs] for cs, s in zip(classify(sents), sents) if not s.heading]


# ------------------------------------------------------------------------ degree fields
def _fields(text: str) -> list[str]:
    return [text[a:b].strip() for a, b in degree_field_spans(text)]


def test_a_degree_field_after_the_school_it_comes_from():
    text = "Bachelor's degree from an accredited four-year school in Biology or Chemistry."
    assert _fields(text) == ["in Biology or Chemistry"]
    assert _fields("A degree from a top school and experience in Python.") == []


def test_a_degree_field_given_by_examples_in_brackets():
    text = (
        "Bachelor's degree in a relevant field (e.g., Mechanical Engineering) or an "
        "equivalent technical diploma (e.g., Electronics Technology)."
    )
    assert _fields(text) == [
        "in a relevant field (e.g., Mechanical Engineering)",
        "(e.g., Electronics Technology)",
    ]
    # a bracket after anything but a degree names no field
    assert _fields("Bachelor's degree required; experience with Python (e.g., Django).") == []


# ------------------------------------------------------------- preferred headings, cues
@pytest.mark.parametrize("heading", [
    "What Makes You Stand Out", "What sets you apart:", "Ideally, you have:",
    "Even better if you have:", "You'll stand out if you have:", "Extra points for:",
    "We would love if you had:", "How To Stand Out (Bonus Skills)",
])
def test_what_makes_a_candidate_stand_out_heads_preferred_skills(heading):
    text = f"Requirements\n- 3 years of Python\n{heading}\n- Experience with Terraform"
    assert _classes(text) == [[REQUIRED], [PREF]]


def test_a_bracket_after_a_heading_names_its_section_but_an_item_is_no_heading():
    assert posting_heading("Responsibilities (including, but not limited to):") == DUTIES
    assert posting_heading("BLS Certification (Preferred)") is None


@pytest.mark.parametrize("text, classes", [
    ("Requirements\n- Experience in account management, and even better if in SaaS",
     [REQUIRED, PREF]),
    ("Requirements\n- A background in finance; a CPA is ideal", [REQUIRED, PREF]),
    ("Requirements\n- Preference will be given to candidates with SQL", [PREF]),
    ("Requirements\n- Experience in account management, and better still in SaaS",
     [REQUIRED]),
])
def test_more_preference_cues(text, classes):
    assert _classes(text) == [classes]


@pytest.mark.parametrize("text", [
    "Requirements\n- This role is ideal for someone who enjoys Excel and SQL",
    "Requirements\n- The job would be ideal for a person who likes spreadsheets",
])
def test_ideal_for_someone_is_no_preference(text):
    assert _classes(text) == [[REQUIRED]]


def test_we_prefer_is_no_company_text():
    text = "We prefer a phone camera but knowledge of studio lighting is a bonus."
    assert _classes(text) == [[PREF, PREF]]
    assert _classes("We pride ourselves on studio lighting.") == [[COMPANY]]


# --------------------------------------------------------------------- inline bullets
def test_hyphen_bullets_a_scrape_glued_to_the_line_before_split_it():
    sents = read_posting("Benefits:- Paid time off- Dental plan")
    assert [s.text for s in sents] == ["Benefits:", "Paid time off", "Dental plan"]
    sents = read_posting("Typing required.- Sales experience is preferred.")
    assert [s.text for s in sents] == ["Typing required.", "Sales experience is preferred."]


@pytest.mark.parametrize("text", [
    "Must pass E-Verify and COVID-19 screening.",
    "The schedule is Tuesday- Saturday.",
    "DevOps tools (e.g.- Jenkins, Git).",
])
def test_hyphens_inside_words_days_and_e_g_split_nothing(text):
    assert [s.text for s in read_posting(text)] == [text]


# ------------------------------------------------------- the employer selling itself
@pytest.mark.parametrize("text", [
    "Requirements\n- Real Impact: Be a part of a company that's changing how people shop.",
    "When you work here, you'll have room to grow alongside a friendly crew.",
    "Requirements\n- Our culture lives by our core values of trust and curiosity.",
    "Come join us and help shape a workplace you will be proud of.",
])
def test_the_employers_pitch_and_values_are_company_text(text):
    assert _classes(text)[-1] == [COMPANY]


@pytest.mark.parametrize("text, cls", [
    # an invitation that also asks for something stays a requirement
    ("Requirements\n- Come join us with 3+ years of experience in payroll.", REQUIRED),
    ("Requirements\n- Must share our core values and have 3+ years of payroll experience.",
     REQUIRED),
    ("Responsibilities\n- Promote the company's values to new hires", DUTY),
    ("Responsibilities\n- Be part of the weekly code review", DUTY),
])
def test_an_invitation_asking_for_something_is_no_pitch(text, cls):
    assert _classes(text)[-1] == [cls]


# ------------------------------------------------------- teams around the job
def _team(text: str, field: str) -> bool:
    start = text.index(field)
    return names_team(text, start, start + len(field))


@pytest.mark.parametrize("text, field", [
    ("Collaborate with the marketing team on launches", "marketing"),
    ("Partner with design and product development teams", "product development"),
    ("Report to the Director of Marketing", "Marketing"),
    ("Support the sales and finance departments", "sales"),
])
def test_a_field_naming_a_team_around_the_job(text, field):
    assert _team(text, field)


@pytest.mark.parametrize("text, field", [
    ("Lead the marketing team through two launches", "marketing"),
    ("Build a high-performing sales team", "sales"),
    ("Join our marketing team as a coordinator", "marketing"),
    ("As part of the Partner Marketing team, you will run events", "Partner Marketing"),
    ("Warm customer service and a team mindset", "customer service"),
    ("Coach and mentor team members", "Coach and mentor"),
    ("Strong marketing skills", "marketing"),
    ("Proven sales leadership in a growing region", "sales"),
])
def test_a_field_asked_for_or_the_jobs_own_team_is_no_team_around_it(text, field):
    assert not _team(text, field)


def test_a_skill_named_only_as_a_team_around_the_job_weighs_little():
    from rolematch.roles import RoleProfile

    role = RoleProfile.from_text(
        "Field Technician\nResponsibilities\n- Work closely with the marketing team.\n"
        "- Repair HVAC units and read blueprints.\n"
    )
    weights = {s.skill_id: s.weight for s in role.skills}
    alone = RoleProfile.from_text(
        "Field Technician\nResponsibilities\n- Work closely on marketing.\n"
        "- Repair HVAC units and read blueprints.\n"
    )
    alone_weights = {s.skill_id: s.weight for s in alone.skills}
    assert weights.get("marketing", 0) < alone_weights["marketing"]


@pytest.mark.parametrize("text, cls", [
    ("Requirements\n- Comprehensive onboarding, ongoing training opportunities and CEUs", BENEFITS),
    ("Continuing education credits paid", BENEFITS),
    ("Responsibilities\n- Identify training opportunities for the nursing staff", DUTY),
    ("Requirements\n- Experience designing onboarding and training programs", REQUIRED),
])
def test_training_given_is_benefits_training_done_is_work(text, cls):
    assert _classes(text)[-1] == [cls]


def test_whom_the_job_reports_to_asks_for_nothing():
    assert _classes("Responsibilities\n- Supervisor: Director of Marketing") == [[OTHER]]
    assert _classes("Responsibilities\n- REPORTS TO:Senior Manager, Field Operations") == [[OTHER]]
    assert _classes("Responsibilities\n- Supervise the marketing staff") == [[DUTY]]
