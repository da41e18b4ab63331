"""Postings as they come: reading, sentence / clause classes, weights, years, degree."""

from __future__ import annotations

import logging

import numpy as np
import pytest

from rolematch import _posting
from rolematch._posting_classify import APPLY, DUTY, OTHER, PREF, REQUIRED, classify
from rolematch._posting_read import (
    BENEFITS,
    COMPANY,
    DUTIES,
    LEGAL,
    PREFERRED,
    REQUIREMENTS,
    html_to_text,
    join_wrapped,
    posting_heading,
    read_posting,
    split_glued,
)
from rolematch._posting_weigh import (
    DEMOTE_FLOOR,
    MAX_GENERIC,
    MAX_REQUIRED,
    degree,
    degree_field_spans,
    seniority,
    weigh,
    years_in,
    years_range,
)
from rolematch._sections import heading_name
from rolematch.roles import RoleProfile, import_posting, load_role_file
from rolematch.score import OVER_MAX_FLOOR, experience_score


# --------------------------------------------------------------------------- reading
def test_html_lists_breaks_and_entities():
    text = html_to_text("<h2>Requirements</h2><ul><li>SQL &amp; Excel</li><li>Tableau</li>"
                        "</ul><p>Line one<br>Line two&nbsp;here</p><script>x=1</script>")
    assert text.splitlines() == ["Requirements", "- SQL & Excel", "- Tableau", "Line one",
                                 "Line two here"]


def test_plain_text_only_has_entities_decoded():
    assert html_to_text("R&amp;D, 3 < 5") == "R&D, 3 < 5"


@pytest.mark.parametrize("glued, parts", [
    ("Microsoft ExcelStrong analytical skills", ["Microsoft Excel", "Strong analytical skills"]),
    ("QualificationsBachelor's degree", ["Qualifications", "Bachelor's degree"]),
    ("before each deadline.Reconcile invoices", ["before each deadline.", "Reconcile invoices"]),
    ("Diploma or Equivalent7+ Years experience", ["Diploma or Equivalent", "7+ Years experience"]),
    ("Experience3-5 years in marketing", ["Experience", "3-5 years in marketing"]),
    ("Java, GoLang, and C++Prior experience", ["Java, GoLang, and C++", "Prior experience"]),
    ("C#Strong skills", ["C#", "Strong skills"]),
])
def test_words_run_together_are_split(glued, parts):
    assert split_glued(glued).split("\n") == parts


@pytest.mark.parametrize("word", ["JavaScript", "HubSpot", "LinkedIn", "eCommerce",
                                  "mParticle", "PowerPoint", "McDonald"])
def test_camel_case_names_stay_whole(word):
    assert split_glued(f"Use {word} daily") == f"Use {word} daily"


def test_wrapped_lines_are_joined_but_bullets_and_headings_are_not():
    lines = ["- Own paid acquisition on Google Ads and LinkedIn Ads, including a",
             "  quarterly budget", "- 5+ years of experience in demand", "generation",
             "Requirements", "- SQL"]
    assert join_wrapped(lines) == [
        "- Own paid acquisition on Google Ads and LinkedIn Ads, including a quarterly budget",
        "- 5+ years of experience in demand generation", "Requirements", "- SQL"]


@pytest.mark.parametrize("line, section", [
    ("What you'll do", DUTIES), ("What You’ll Do:", DUTIES), ("Nice to have", PREFERRED),
    ("Qualifications:", REQUIREMENTS), ("About Us", COMPANY), ("About Fernhill Labs", COMPANY),
    ("Benefits", BENEFITS), ("Equal Opportunity Employer", LEGAL),
    ("Desired Skills For Analyst Roles", PREFERRED), ("Key Responsibilities:", DUTIES),
    ("Desired Outcomes for Analyst Roles", DUTIES),
    ("Experience with SQL is required.", None), ("we offer great perks", None),
    ("Experience with Active Directory", None), ("Knowledge of Payroll Systems", None),
    ("Summary of Qualifications", REQUIREMENTS),
])
def test_posting_headings(line, section):
    assert posting_heading(line) == section


def test_one_heading_detector_serves_resumes_and_postings():
    assert heading_name("Work Experience") == "experience"  # the résumé vocabulary
    assert heading_name("What you'll do") is None
    assert posting_heading("What you'll do") == DUTIES


def test_headings_inside_paragraphs_open_sections():
    sents = read_posting("We build tools. Qualifications: Bachelor's degree required. "
                         "Nice to have: Tableau.")
    assert [(s.section, s.heading) for s in sents] == [
        ("other", False), (REQUIREMENTS, True), (REQUIREMENTS, False), (PREFERRED, True),
        (PREFERRED, False)]


def test_a_heading_glued_to_the_end_of_a_sentence_opens_its_section():
    sents = read_posting("Identify risks and mitigate them. Required SkillsExtensive "
                         "experience with SQL.")
    assert (sents[1].text, sents[1].heading, sents[1].section) == (
        "Required Skills", True, REQUIREMENTS)
    assert sents[2].section == REQUIREMENTS


def test_a_value_heading_covers_one_line_only():
    sents = read_posting("Requirements\n- SQL\nLocation:\nBoston, MA\n- Tableau dashboards\n")
    assert [(s.text, s.section) for s in sents if not s.heading] == [
        ("SQL", REQUIREMENTS), ("Boston, MA", BENEFITS), ("Tableau dashboards", REQUIREMENTS)]


def test_bullets_inside_a_line_split_it():
    sents = read_posting("Requirements: · 5 years of Python.· Strong SQL. Duties:* Build ETL")
    assert [s.text for s in sents if not s.heading] == [
        "5 years of Python.", "Strong SQL.", "Build ETL"]


def test_a_line_of_one_section_word_is_a_heading():
    sents = read_posting("Requirements\n- SQL\nPreferred\n- Tableau dashboards\n")
    assert [(s.text, s.section) for s in sents if not s.heading] == [
        ("SQL", REQUIREMENTS), ("Tableau dashboards", PREFERRED)]
    assert posting_heading("preferred") is None  # a wrapped line's tail, not a heading


def test_a_kind_heading_under_preferred_stays_preferred():
    sents = read_posting("Preferred Qualifications\nExperience:\n- Tableau dashboards\n")
    assert sents[-1].section == PREFERRED


# --------------------------------------------------------------------------- classes
def _classes(text: str) -> list[list[str]]:
    sents = read_posting(text)
    return [[c.cls for c in cs] for cs, s in zip(classify(sents), sents) if not s.heading]


@pytest.mark.parametrize("text, cls", [
    ("As an equal opportunity employer we never discriminate based on genetic information.",
     LEGAL),
    ("Medical, dental and vision insurance, plus a 401(k) match.", BENEFITS),
    ("Founded in 2004, Acme is a leading maker of widgets.", COMPANY),
    ("Manage the quarterly paid search budget.", DUTY),
    ("You must have 3 years of experience with SQL.", REQUIRED),
    ("Extensive experience designing training programs.", REQUIRED),
    ("A solid grasp of learning theory and the ability to apply it to adults.", REQUIRED),
    ("If interested, please apply online.", APPLY),
    ("Requirements\n- The Acme team provides email encryption to companies worldwide.", COMPANY),
    ("Thanks and regards.", OTHER),
])
def test_sentence_classes(text, cls):
    assert _classes(text)[0][0] == cls


def test_a_cue_applies_to_its_own_clause():
    clauses = _classes("Requirements\n- Experience with SQL required, Tableau a plus\n")[0]
    assert clauses == [REQUIRED, PREF]


def test_a_trailing_cue_covers_the_bare_list_before_it():
    clauses = _classes("Requirements\n- Python, SQL and Tableau preferred\n")[0]
    assert set(clauses) == {PREF}


def test_a_bracketed_cue_stays_in_its_brackets():
    clauses = _classes("Requirements\n- Experience with cloud platforms (preferably Azure), "
                       "microservices and containers (Docker, Kubernetes)\n")[0]
    assert clauses[1] == PREF and set(clauses) - {clauses[1]} == {REQUIRED}


def test_a_bracket_holding_only_a_cue_is_the_cue_of_the_clause_before_it():
    assert _classes("Requirements\n- Bilingual in English and Spanish (preferred)\n")[0] == [
        PREF, PREF
    ]
    assert _classes("Requirements\n- CPA (preferred, not required)\n")[0] == [PREF] * 3
    assert _classes("Requirements\n- Bachelor's degree (required)\n")[0] == [REQUIRED] * 2


def test_a_trailing_preference_adverb_is_the_next_clauses_cue():
    assert _classes("Requirements\n- Experience in cardiology and preferably, in "
                    "oncology\n")[0] == [REQUIRED, PREF]


def test_a_line_ending_in_its_own_cue_is_no_heading():
    assert posting_heading("PREVIOUS SALES EXPERIENCE A PLUS") is None
    assert posting_heading("Sales Experience Preferred") is None
    assert posting_heading("Preferred Qualifications") == "preferred"
    assert posting_heading("Education Required:") == "requirements"
    # a line naming only sections before its cue is a heading all the same
    assert posting_heading("Minimum Qualifications Required") == "requirements"
    assert posting_heading("Knowledge, Skills, and Abilities Required") == "requirements"
    assert posting_heading("Education & Experience Preferred") == "preferred"
    assert _classes("Analyst\nResponsibilities\n- Build reports\n"
                    "Education and Experience Preferred\n- Experience with SQL\n")[-1] == [PREF]


def test_a_cue_never_crosses_a_semicolon():
    clauses = _classes("Requirements\n- A degree in CS; experience with Java, Kotlin; "
                       "MBA preferred\n")[0]
    assert clauses == [REQUIRED, REQUIRED, REQUIRED, PREF]


def test_a_sentence_whose_cues_all_say_preferred_is_preferred_throughout():
    clauses = _classes("Requirements\n- Familiarity with Bash, Ruby and/or SQL "
                       "is a plus\n")[0]
    assert set(clauses) == {PREF}


def test_a_full_clause_keeps_its_section_class():
    clauses = _classes("Requirements\n- Strong SQL skills, Tableau is a plus\n")[0]
    assert clauses == [REQUIRED, PREF]


def test_an_interest_clause_asks_for_no_skill():
    clauses = _classes("Requirements\n- Four years in radio, and the curiosity and drive "
                       "to join our service lines of public health, housing and education\n")[0]
    assert clauses == [REQUIRED, "other", "other"]
    # an interest in a field itself asks for it; so does a clause asking for experience
    assert _classes("Requirements\n- A passion for storytelling\n")[0] == [REQUIRED]
    assert _classes("Requirements\n- Passion for our products and experience with SQL\n")[0] == [
        REQUIRED
    ]


# --------------------------------------------------------------------------- years, degree
@pytest.mark.parametrize("text, found", [
    ("5+ years of experience in marketing", [(5.0, None, False)]),
    ("1-4 years experience", [(1.0, 4.0, False)]),
    ("at least three years of experience", [(3.0, None, True)]),
    ("a minimum of five (5) years of experience", [(5.0, None, True)]),
    ("0 - 3 + years of development", [(0.0, None, False)]),
    ("a 4-year degree", []), ("must be 18 years of age", []),
    ("over 20 years in business", []), ("vested after 1 year of service", []),
])
def test_years_in_a_sentence(text, found):
    assert years_in(text) == found


def test_years_prefer_required_and_explicit_minimums():
    found = [(REQUIRED, "5+ years of experience, at least 2 years in SaaS"),
             (PREF, "8+ years preferred"), (REQUIRED, "3-5 years managing people")]
    assert years_range(found) == (5.0, None)
    assert years_range([(REQUIRED, "Minimum 3 years on machines"),
                        (REQUIRED, "Minimum 5 years in manufacturing")]) == (5.0, None)
    assert years_range([(REQUIRED, "2-4 years in a similar role")]) == (2.0, 4.0)
    assert years_range([(PREF, "3 years preferred")]) == (3.0, None)
    assert years_range([]) == (0.0, None)


def test_degree_is_the_baseline_with_equivalent_noted():
    level, _fields, equiv = degree([
        (REQUIRED, "High school diploma or GED required"),
        (PREF, "Bachelor's degree in Marketing or equivalent experience preferred")])
    assert level == "high_school" and equiv
    assert degree([(REQUIRED, "A college degree in a related field")])[0] == "bachelor"
    assert degree([(REQUIRED, "Experience with SQL")]) == (None, (), False)


def test_seniority_from_title_then_years():
    assert seniority("Senior Growth Marketer", 0) == "senior"
    assert seniority("VP of Marketing", 0) == "executive"
    assert seniority("Marketing Coordinator", 10) == "senior"
    assert seniority("Marketing Coordinator", 3) == "mid"


# --------------------------------------------------------------------------- weights
def _weigh(evidence, **kw):
    names = {sid: (sid.replace("-", " "),) for sid in evidence}
    kinds = kw.pop("kinds", {})
    return {d.skill_id: d for d in weigh(evidence, title=kw.pop("title", "Analyst"),
                                         names=names, kinds=kinds,
                                         distinct=lambda sid: 0.5, **kw)}


def test_weights_follow_section_frequency_title_and_specificity():
    d = _weigh({"sql": [REQUIRED, REQUIRED], "tableau": [DUTY], "looker": [PREF],
                "communication": [REQUIRED], "salesforce": [DUTY]},
               title="Salesforce Analyst")
    assert d["sql"].weight > d["tableau"].weight > d["looker"].weight
    assert d["salesforce"].weight > d["tableau"].weight and "title" in d["salesforce"].reason
    assert d["communication"].weight < d["tableau"].weight
    assert "generic" in d["communication"].reason
    assert d["looker"].status == "preferred" and d["sql"].status == "required"


def test_a_named_tool_weighs_more_and_a_broad_field_less():
    kinds = {"tableau": ("tool", "curated"), "data-modeling": ("hard_skill", "curated"),
             "marketing": ("knowledge", "curated"), "email-marketing": ("knowledge", "curated"),
             "microsoft-office": ("tool", "curated")}  # (kind, source)
    d = _weigh({sid: [DUTY] for sid in kinds}, kinds=kinds)
    assert d["tableau"].weight > d["data-modeling"].weight > d["marketing"].weight
    assert "a named tool" in d["tableau"].reason and "a broad field" in d["marketing"].reason
    # a field of several words is no broad field; a generic tool gets no tool bonus
    assert d["email-marketing"].weight == d["data-modeling"].weight
    assert d["microsoft-office"].weight < d["data-modeling"].weight
    assert "a named tool" not in d["microsoft-office"].reason
    # a tool among many is one of many
    listed = _weigh({"tableau": [DUTY]}, kinds={"tableau": ("tool", "curated")},
                    listed={"tableau": 12})
    assert "a named tool" not in listed["tableau"].reason
    # the field the title names is the job's own
    titled = _weigh({"sales": [DUTY], "data-modeling": [DUTY]}, title="Sales Representative",
                    kinds={"sales": ("knowledge", "curated"),
                           "data-modeling": ("hard_skill", "curated")})
    assert "a broad field" not in titled["sales"].reason
    assert titled["sales"].weight > titled["data-modeling"].weight


def test_only_the_strongest_stay_required():
    evidence = {f"skill-{i:02d}": [REQUIRED] * (1 + i % 3) for i in range(25)}
    d = _weigh(evidence)
    required = [x for x in d.values() if x.status == "required"]
    assert len(required) == MAX_REQUIRED
    rest = [x for x in d.values() if x.status != "required"]
    assert all(x.weight <= min(r.weight for r in required) for x in rest)
    assert all(f"strongest {MAX_REQUIRED}" in x.reason for x in rest)
    assert all(x.status == "preferred" for x in rest if x.weight >= DEMOTE_FLOOR)


def test_traits_are_not_skills():
    d = _weigh({"self-motivation": [REQUIRED], "sql": [REQUIRED]})
    assert d["self-motivation"].status == "dropped" and "trait" in d["self-motivation"].reason


def test_generic_skills_asked_for_stay_required_beyond_the_cap_weighing_little():
    evidence = {f"skill-{i:02d}": [REQUIRED] for i in range(MAX_REQUIRED + 3)}
    generic = ["communication", "teamwork", "time-management", "multitasking",
               "attention-to-detail", "problem-solving", "critical-thinking",
               "adaptability", "creativity", "flexibility"]
    assert len(generic) > MAX_GENERIC
    evidence.update({g: [REQUIRED] for g in generic})
    d = _weigh(evidence)
    kept = [g for g in generic if d[g].status == "required"]
    assert len(kept) == MAX_GENERIC
    assert all(d[g].weight < d["skill-00"].weight for g in generic)
    assert sum(x.status == "required" for x in d.values()) == MAX_REQUIRED + MAX_GENERIC


def test_a_skill_in_a_long_list_weighs_less():
    from rolematch._posting_weigh import LIST_POWER, LIST_SIZE

    evidence = {"sql": [REQUIRED], "tableau": [REQUIRED], "looker": [REQUIRED]}
    d = _weigh(evidence, listed={"sql": 1, "tableau": LIST_SIZE, "looker": 16})
    assert d["sql"].weight == d["tableau"].weight  # a short list is no penalty
    assert d["looker"].weight == round(d["sql"].weight * (LIST_SIZE / 16) ** LIST_POWER, 2)
    assert "one of 16 skills in a list" in d["looker"].reason


def test_list_size_counts_list_items_not_every_skill_of_a_sentence():
    role = RoleProfile.from_text(
        "Data Analyst\nRequirements:\n"
        "- Experience with Python, SQL, Tableau, Excel, Looker and Power BI\n"
        "- Strong SQL skills\n"
        "- You will build Tableau dashboards for the sales team\n",
        title="Data Analyst",
    )
    from rolematch._posting import analyse_posting

    assert {"sql", "python", "tableau", "looker"} <= {s.skill_id for s in role.required}
    why = {d.skill_id: d.reason for d in analyse_posting(
        "Requirements:\n- Experience with Python, SQL, Tableau, Excel, Looker and Power BI\n"
        "- Strong SQL skills\n- You will build Tableau dashboards\n", title="Data Analyst"
    ).decisions}
    assert "one of 6 skills in a list" in why["python"]
    assert "list" not in why["sql"] and "list" not in why["tableau"]  # also named alone


def test_a_degree_field_needs_in_or_of():
    def fields(t):
        return [t[a:b].strip() for a, b in degree_field_spans(t)]

    assert fields("Bachelor's degree in Economics or a related field") == ["in Economics"]
    assert fields("Experience with MS Office, Teams and Excel") == []
    assert fields("BS in Computer Science and strong SQL skills") == ["in Computer Science"]


# --------------------------------------------------------------------------- profiles
POSTING = """Marketing Analyst

About us
We are a leading retailer; we offer medical, dental and 401(k).

Requirements
- 3-5 years of experience with SQL and Google Analytics
- Bachelor's degree in Economics or a related field, or equivalent experience
- Experience with Tableau is a plus

We are an equal opportunity employer: race, religion, genetic information.
"""


def _required_and_all(title: str, *lines: str) -> tuple[set[str], set[str]]:
    """The required skill ids and all skill ids of a posting made of ``lines``."""
    role = RoleProfile.from_text(f"{title}\nRequirements\n" + "".join(f"- {ln}\n" for ln in lines))
    return {s.skill_id for s in role.required}, {s.skill_id for s in role.skills}


def test_a_skill_naming_the_setting_is_no_skill():
    required, found = _required_and_all(
        "Technician", "5 years of repair work in a fast-paced manufacturing environment",
        "Experience with SQL")
    assert "sql" in required
    assert "manufacturing" not in found
    required, _ = _required_and_all("Technician", "Experience in manufacturing and SQL")
    assert "manufacturing" in required
    # an acronym or a method is asked for, whatever it modifies
    required, _ = _required_and_all("Technician", "1+ years in a GMP environment",
                                    "Experience in an Agile environment")
    assert {"good-manufacturing-practices", "agile"} <= required
    # a programming language is asked for too (Python is a skill, Java a tool)
    required, _ = _required_and_all("Developer", "3+ years of development in a Python environment",
                                    "Experience in a JavaScript environment")
    assert {"python", "javascript"} <= required


def test_a_field_of_several_words_naming_the_trade_is_no_skill():
    required, found = _required_and_all(
        "Advisor", "3 years in the financial services industry", "Experience with SQL")
    assert "sql" in required
    assert "banking" not in found
    required, _ = _required_and_all("Advisor", "Knowledge of financial services",
                                    "Experience with SQL")
    assert "banking" in required


def test_a_field_named_only_in_a_list_of_settings_weighs_little():
    def weight(text: str, sid: str) -> float:
        role = RoleProfile.from_text("Operations Lead\nRequirements\n" + text)
        return next((s.weight for s in role.skills if s.skill_id == sid), 0.0)

    listed = weight("- 5+ years leading teams in a retail, logistics or manufacturing "
                    "business\n", "logistics")
    asked = weight("- 5+ years of logistics experience\n", "logistics")
    assert 0 < listed < 0.6 < asked
    # a list whose last word starts a compound is a list of skills
    assert weight("- Experience in sales, business development or account management\n",
                  "sales") > 0.6
    assert weight("- Sound skills in writing, budgeting, case review and "
                  "treatment planning\n", "writing") > 0.6


def test_a_skill_named_only_as_people_around_the_job_weighs_little():
    def weight(text: str, sid: str) -> float:
        role = RoleProfile.from_text("Clerk\nResponsibilities\n" + text)
        return next((s.weight for s in role.skills if s.skill_id == sid), 0.0)

    people = weight("- Meet with fellow supervisors to coordinate the plant schedule\n",
                    "manage-personnel")
    asked = weight("- Supervise a team of five clerks\n", "manage-personnel")
    assert 0 < people < 0.4 < asked
    assert _posting._people("external auditors") and _posting._people("Case Managers")
    assert not _posting._people("assists managers")  # a verb: a skill
    assert not _posting._people("micrometers") and not _posting._people("subcontractors")


def test_profile_skills_come_from_skill_text_only():
    role = RoleProfile.from_text(POSTING)
    req = {s.skill_id for s in role.required}
    assert {"sql", "google-analytics"} <= req
    assert "tableau" in {s.skill_id for s in role.preferred}
    assert "economics" not in {s.skill_id for s in role.skills}  # a degree field
    assert not {"genetics", "medical", "dental"} & {s.skill_id for s in role.skills}
    assert (role.min_years, role.max_years) == (3.0, 5.0)
    assert role.education_level == "bachelor" and role.education_equivalent
    assert "economics" in role.education_fields


def test_a_posting_without_taxonomy_skills_still_gets_a_profile(caplog, monkeypatch):
    monkeypatch.setattr(_posting, "title_occupations", lambda title: ())
    with caplog.at_level(logging.WARNING, logger="rolematch._posting"):
        role = RoleProfile.from_text("Zymurgist wanted\nCome brew with us, 2 years minimum.")
    assert role.skills == () and role.min_years == 2.0 and role.posting_text
    assert "vocabulary only" in caplog.text


def test_a_posting_naming_no_skill_takes_its_titles_skills(caplog):
    with caplog.at_level(logging.WARNING, logger="rolematch._posting"):
        role = RoleProfile.from_text("Come work with us, 2 years minimum.", title="Python Developer")
    assert "python" in {s.skill_id for s in role.required}
    assert "skills its title names" in caplog.text


def test_then_the_core_skills_of_the_titles_occupation(caplog, monkeypatch):
    monkeypatch.setattr(_posting, "_occupation_core", lambda title: ["payroll", "bookkeeping"])
    with caplog.at_level(logging.WARNING, logger="rolematch._posting"):
        role = RoleProfile.from_text("Come work with us, 2 years minimum.", title="Zymurgist")
    assert {s.skill_id for s in role.skills} == {"payroll", "bookkeeping"}
    assert "core skills of the occupation" in caplog.text


def test_the_occupation_fallback_needs_a_sure_title_search():
    assert _posting._occupation_core("Barber")  # a sure match: its core skills
    assert _posting._occupation_core("Zymurgist Qxv") == []


def test_a_team_or_unit_of_the_company_as_subject_is_company_text():
    got = _classes("Responsibilities\n"
                   "Our seasoned design team will be on hand to guide you.\n"
                   "The Widget Business Unit is responsible for sales and manufacturing.\n"
                   "Acme’s employee-friendly culture provides support to our salesforce.\n"
                   "Our team is looking for someone to build SQL reports.\n"
                   "Our data team relies on you to build SQL pipelines.\n"
                   "The Analyst is responsible for SQL reporting.\n")
    assert got == [[COMPANY]] * 3 + [[DUTY]] * 3


def test_a_clause_saying_a_thing_is_not_needed_asks_for_nothing():
    got = _classes("Requirements\nNo grant writing required.\nNo prior retail experience "
                   "necessary!\nNo less than 3 years of SQL required.\nGrant writing required.\n")
    assert got == [[OTHER], [OTHER], [REQUIRED], [REQUIRED]]
    role = RoleProfile.from_text("Analyst\nRequirements\n- No grant writing required\n"
                                 "- Experience with SQL\n")
    assert "fundraising" not in {s.skill_id for s in role.skills}


def test_schedules_and_training_given_are_benefits():
    got = _classes("Requirements\nFlexible scheduling\nOn-the-job training provided.\n"
                   "Working hours: Monday to Friday\nPlan and establish work schedules.\n"
                   "Experience with scheduling software\n")
    assert got == [[BENEFITS]] * 3 + [[REQUIRED]] * 2


def test_contacts_policies_and_the_company_as_subject_are_boilerplate():
    got = _classes("Requirements\n"
                   "If you have any questions, call the hiring team at the number below.\n"
                   "Employees may be required to submit proof of vaccination before the "
                   "first day.\n"
                   "Pursuant to the State Ethics Law, employees must file a disclosure.\n"
                   "This company strives to provide solutions for patient care.\n"
                   "Experience in human resources and infection prevention.\n"
                   "The company is looking for someone with patient care experience.\n")
    assert got == [[APPLY], [LEGAL], [LEGAL], [COMPANY], [REQUIRED], [REQUIRED]]


def test_skills_in_company_text_never_make_the_fallback():
    role = RoleProfile.from_text(
        "Zymurgist\nAbout us\nAcme is a leading payroll company founded in 1990.",
        title="Zymurgist")
    assert "payroll" not in {s.skill_id for s in role.skills}


def test_empty_posting_is_an_error():
    from rolematch.errors import RolematchError

    with pytest.raises(RolematchError, match="empty"):
        RoleProfile.from_text("   \n  ")


def test_import_writes_reasons_and_round_trips(tmp_path):
    posting = tmp_path / "analyst.md"
    posting.write_text(POSTING, encoding="utf-8")
    text = import_posting(posting, id="analyst")
    assert "sql = " in text and "# required text" in text
    out = tmp_path / "analyst.toml"
    out.write_text(text, encoding="utf-8")
    role = load_role_file(out)
    assert role.id == "analyst" and role.max_years == 5.0 and role.education_equivalent


def test_cli_roles_import_writes_the_annotated_file(tmp_path):
    from typer.testing import CliRunner

    from rolematch.cli import app

    posting = tmp_path / "analyst.md"
    posting.write_text(POSTING, encoding="utf-8")
    out = tmp_path / "out.toml"
    res = CliRunner().invoke(app, ["roles", "import", str(posting), "--id", "analyst",
                                   "-o", str(out)])
    assert res.exit_code == 0, res.output
    assert "# required text" in out.read_text(encoding="utf-8")


# --------------------------------------------------------------------------- experience
def test_experience_eases_above_a_maximum_but_never_rules_out():
    years = np.array([[1.0], [4.0], [6.0], [20.0], [40.0]])
    exp = experience_score(years, np.array([[2.0]]), np.array([[4.0]]))[:, 0]
    # strictly rising up to OVER_MAX_SLACK above the maximum (formula.saturate), then eased
    assert exp[0] == pytest.approx(0.5) and 0.99 < exp[1] < exp[2] < 1.0
    assert OVER_MAX_FLOOR <= exp[3] < exp[2] and exp[4] == pytest.approx(OVER_MAX_FLOOR)
    no_max = experience_score(years, np.array([[2.0]]), np.array([[np.nan]]))[:, 0]
    assert (np.diff(no_max) >= 0).all() and no_max[1] < no_max[2]  # rising (to float precision)
    assert (no_max[1:] > 0.99).all()


# --------------------------------------------------------------------------- taxonomy
def test_curated_posting_skills_are_found_and_junk_aliases_are_not():
    from rolematch.extract import extract_skills

    found = {m.skill_id for m in extract_skills(
        "Experience with Snowflake, AWS Lambda and CAD; security clearance; "
        "policies and procedures; a Drive Train assembly.")}
    assert {"snowflake", "aws-lambda", "cad-software"} <= found
    assert not {"securities", "compile-airport-certification-manuals",
                "control-train-movement"} & found


def test_onet_category_names_that_are_skills_match_in_any_case():
    from rolematch.extract import extract_skills

    found = {m.skill_id for m in extract_skills(
        "Experience with unit testing, Data Mining, Active Directory and root cause "
        "analysis; an active security clearance.")}
    assert {"unit-testing", "data-mining", "active-directory", "root-cause-analysis",
            "security-clearance"} <= found


def test_a_sentence_asking_for_something_is_a_requirement_even_after_about_us():
    sents = read_posting("About Us\nWe build bridges across the state.\n"
                         "Ability to read and interpret site drawings and plans.\n")
    classes = [cs[0].cls for cs in classify(sents)]
    assert classes[-1] == REQUIRED and "company" in classes


def test_teams_named_as_examples_are_departments_not_skills():
    text = ("Requirements\n- 3 years of SQL and Python.\n"
            "- Align project plans with stakeholders (e.g., IT, HR, etc.).\n"
            "- Partner with departments such as Accounting and Marketing.\n")
    ids = {s.skill_id for s in RoleProfile.from_text(text).skills}
    assert {"sql", "python"} <= ids
    assert not {"computer-technology", "accounting", "marketing"} & ids
    plain = "Requirements\n- Experience in IT, accounting and marketing.\n"
    assert {"accounting", "marketing"} <= {s.skill_id for s in RoleProfile.from_text(plain).skills}


def test_teams_named_after_a_bare_e_g_are_departments_too():
    text = "Requirements\n- 3 years of SQL.\n- Support business units, e.g. Accounting.\n"
    ids = {s.skill_id for s in RoleProfile.from_text(text).skills}
    assert "sql" in ids and "accounting" not in ids



def test_only_list_items_after_a_team_word_are_departments():
    text = ("Requirements\n- Work with teams including data scientists using Python and "
            "SQL.\n- Partner with departments such as IT, HR, and Accounting.\n")
    ids = {s.skill_id for s in RoleProfile.from_text(text).skills}
    assert {"python", "sql"} <= ids and "accounting" not in ids


def test_curated_fourth_pass_skills_are_found():
    from rolematch.extract import extract_skills

    found = {m.skill_id for m in extract_skills(
        "Agile and Waterfall methodologies; fluent in Mandarin; respond to RFPs; "
        "use micrometers; predictive models; prioritization skills")}
    assert {"waterfall-development", "chinese", "rfp-responses",
            "micrometers", "build-predictive-models", "prioritization"} <= found
    assert "waterfall-development" not in {
        m.skill_id for m in extract_skills("Hiked to a waterfall.")}

