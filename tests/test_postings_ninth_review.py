"""Review of the ninth posting pass (docs/postings.md, "Ninth pass, the classifier"):
each finding mended, tested both ways with made-up text."""

from __future__ import annotations


def _decisions(text: str, title: str) -> dict[str, str]:
    from rolematch._posting import analyse_posting

    return {d.skill_id: d.reason for d in analyse_posting(text, title=title).decisions}


# ------------------------------------------------------------ a list of teams the job leads
def test_every_item_of_a_list_of_teams_the_job_leads_stays_asked():
    reasons = _decisions("Requirements\n- Lead the logistics, sales and finance teams.", "Director")
    assert "people" not in reasons["logistics"]
    assert "people" not in reasons["sales"]  # a middle item: the verb stands before the list


def test_every_item_of_a_list_of_departments_around_the_job_names_people():
    text = "Requirements\n- Work with the Customer Service, Logistics, Sales, and Finance departments."
    reasons = _decisions(text, "Demand Planner")
    assert "people" in reasons["logistics"]
    assert "people" in reasons["sales"]


# ------------------------------------------------------------ "such as" is no "As …"
def test_a_head_after_such_as_or_as_well_as_names_people_around_the_job():
    from rolematch._posting import _names_team as names_team

    for text in (
        "Work with stakeholders such as the Director of Marketing.",
        "Partner with leaders as well as the VP of Marketing.",
    ):
        at = text.index("Marketing")
        assert names_team(text, at, at + len("Marketing"), "Data Analyst"), text
    own = "As the Director of Marketing, you will set the plan."
    at = own.index("Marketing")
    assert not names_team(own, at, at + len("Marketing"), "Data Analyst")


# ------------------------------------------------------------ a supervisor's title
def _classes(text: str) -> list[list[str]]:
    from rolematch._posting_classify import classify
    from rolematch._posting_read import read_posting

    sents = read_posting(text)
    return [[c.cls for c in cs] for cs, s in zip(classify(sents), sents) if not s.heading]


def test_a_supervisors_title_holding_a_requirements_noun_is_still_a_label():
    assert _classes("Supervisor: Manager, Customer Experience") == [["other"]]
    assert _classes("Supervisor: Director of Certification and Licensing") == [["other"]]


def test_a_label_before_what_is_asked_is_a_requirement():
    assert _classes("Supervisor: must have 3 years of experience with Excel.") == [
        ["other", "required"]]
    assert _classes("Supervisor: 3 years of experience with Excel.") == [["other", "required"]]
    assert _classes("Supervisor: experience with Excel is a plus.") == [["other", "preferred"]]


# ------------------------------------------------------------ a label before the invitation
def test_an_invitation_to_join_after_a_label_that_says_what_the_job_does_is_a_duty():
    assert _classes("Our promise: join our team and provide care to patients.") == [
        ["duty"]]
    assert _classes("Our promise: join our team and grow your career.") == [["company"]]


def test_an_invitation_whose_verb_takes_our_stays_company_text_as_documented():
    assert _classes("Come join us to manage payroll.") == [["duty"]]
    assert _classes("Come join us and serve our community.") == [["company"]]


# ------------------------------------------------------------ years of research asked for
def test_years_of_research_or_success_asked_of_the_candidate_count():
    from rolematch._posting_weigh import years_in

    assert years_in("Must have 3+ years of research in a molecular biology lab.") == [
        (3.0, None, False)]
    assert years_in("5 years of success in B2B sales.") == [(5.0, None, False)]
    # the company's own years still count for nothing
    assert years_in("A device maker backed by 20 years of research.") == []
    assert years_in("Built on 40 years of success in the field, we grow.") == []
    assert years_in("With 30 years of innovation behind us, we build pumps.") == []


# ------------------------------------------------------------ a trade asked for in a list
def test_insurance_asked_for_after_a_list_is_a_requirement_not_benefits():
    for line in (
        "Experience with Medicare and commercial insurance plans.",
        "Knowledge of Medicare, Medicaid and private insurance.",
    ):
        assert _classes(f"Requirements\n- {line}") == [["required"]], line
    assert _classes("Requirements\n- Process insurance paperwork for new hires.") == [["benefits"]]


# ------------------------------------------------------------ a tool in an appositive
def test_a_tool_described_in_an_appositive_stays_required():
    text = "Requirements\n- Salesforce, the CRM platform our sales team uses daily, is required."
    assert "required" in _decisions(text, "Sales Coordinator")["salesforce"]
    seeking = "Acme Studio, a young studio focused on AR, is currently seeking an animator."
    assert _classes(seeking)[0][0] == "other"


# ------------------------------------------------------------ worker functions, by name
def test_a_label_pair_before_a_requirement_is_no_worker_function():
    for line in (
        "People: Leadership: 3 years leading a team of nurses.",
        "Data: Modeling: experience with dbt and SQL.",
    ):
        assert _classes(f"Requirements\n- {line}") == [["required"]], line


def test_every_worker_function_of_the_dictionary_is_legal_text():
    for line in (
        "Things: Setting Up: Preparing machines for operation.",
        "People: Taking Instructions-Helping: Attending to the work assignment.",
        "Data: Comparing: Judging the readily observable characteristics of data.",
    ):
        assert _classes(f"Requirements\n- {line}") == [["legal"]], line


def test_a_verb_of_leading_as_an_item_of_the_list_still_leads_what_follows():
    text = "Duties\n- Handles payroll and benefits, including hiring and interviewing staff."
    assert "people" not in _decisions(text, "HR Generalist")["interviewing"]


# ------------------------------------------------------------ schedule flexibility asked for
def test_schedule_flexibility_asked_for_is_a_requirement_given_is_a_perk():
    asked = "Requirements\n- Flexibility in the schedule to work nights and weekends."
    assert _classes(asked) == [["required"]]
    given = "Requirements\n- 2 years of retail experience\n- Flexibility of your schedule"
    assert _classes(given) == [["required"], ["benefits"]]
