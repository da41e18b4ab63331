"""Skills found the way a recruiter finds them (issue 17): coverage of every family,
tech tokens and tag clouds, inflection and gaps, context vetoes, the spaCy
component and ``rolematch skills --format json``. Every trap of the issue is a case
here, in both directions where an ambiguous word also has a true use."""

from __future__ import annotations

import json

import pytest

from rolematch.extract import SkillExtractor, default_extractor
from rolematch.taxonomy import Taxonomy


@pytest.fixture(scope="module")
def ext() -> SkillExtractor:
    return default_extractor()


def ids(ext: SkillExtractor, text: str) -> set[str]:
    return {m.skill_id for m in ext(text)}


@pytest.mark.parametrize("text, expected", [
    # lists and tag clouds
    ("Worked with technologies like React, Angular and Vue.", {"react", "angular"}),
    ("Built apps in Node.js, React and Angular.", {"node-js", "react", "angular"}),
    ("python, django, docker", {"python", "django", "docker"}),
    ("c# f# typescript", {"c-sharp", "f-sharp", "typescript"}),
    ("javascript reactjs java", {"javascript", "react", "java"}),
    ("CI/CD pipelines, .NET services, A/B testing", {"ci-cd", "dot-net", "a-b-testing"}),
    # inflection, derivation, gaps
    ("Edited copy for clarity and brand voice", {"editing-and-proofreading"}),
    ("Skills: Editing, proofreading", {"editing-and-proofreading"}),
    ("Managed the payroll for 200 employees", {"payroll"}),
    ("Reconciled bank accounts monthly", {"account-reconciliation"}),
    ("Led a small team of four analysts", {"leadership"}),
    # the big occupation families
    ("Onboarding, recruiting, benefits administration, conflict resolution, HRIS",
     {"onboarding", "recruiting", "benefits-administration", "conflict-resolution",
      "human-resource-information-system"}),
    ("Monitored vital signs, administered medications, EMR, phlebotomy, CPR/BLS",
     {"vital-signs", "medication-administration", "electronic-health-records",
      "phlebotomy", "cpr", "basic-life-support"}),
    ("Accounts payable, general ledger, GAAP, QuickBooks, month-end close",
     {"accounts-payable", "general-ledger", "gaap", "quickbooks", "month-end-close"}),
    ("Lesson planning, classroom management, IEPs, counseling",
     {"lesson-planning", "classroom-management", "individualized-education-programs",
      "counseling"}),
    ("Welding, blueprint reading, forklift operation, OSHA, CNC",
     {"welding", "blueprint-reading", "forklift-operation", "osha-safety", "cnc-machining"}),
    ("Food safety, food preparation, guest service, POS systems",
     {"food-safety", "food-preparation", "guest-service", "point-of-sale-systems"}),
    ("Prospecting, account management, CRM, negotiation, cold calling",
     {"prospecting", "account-management", "customer-relationship-management",
      "negotiation", "cold-calling"}),
    ("Inventory management, logistics, scheduling, vendor management",
     {"inventory-management", "logistics", "scheduling", "vendor-management"}),
    ("Litigation, legal research, contract drafting, regulatory compliance",
     {"litigation", "legal-research", "contract-drafting", "regulatory-compliance"}),
    # true uses of the words the vetoes below guard
    ("Deployed services on AWS and built REST APIs", {"amazon-web-services", "rest-apis"}),
    ("Wrote automated tests as part of quality assurance",
     {"test-automation", "quality-assurance-methodologies"}),
    ("Grew our LinkedIn following; ran LinkedIn ads", {"linkedin"}),
    ("Developed positioning and messaging for launches", {"positioning-and-messaging"}),
    ("Wrote messaging frameworks for product launches", {"positioning-and-messaging"}),
    ("Marketing Coordinator at a software company", {"marketing"}),
    ("B.A. in Philosophy; taught philosophy courses", {"philosophy"}),
])
def test_found(ext: SkillExtractor, text: str, expected: set[str]) -> None:
    assert expected <= ids(ext, text)


@pytest.mark.parametrize("text, absent", [
    ("welds checked against ASME, API 1104 and AWS D1.1 codes", {"apis", "amazon-web-services"}),
    ("Worked with Quality Assurance Departments", {"software-testing"}),
    ("Liaised with the Marketing Department on launches", {"marketing"}),
    ("Upheld the academy's mission and philosophy", {"philosophy"}),
    ("Ranked on the LinkedIn Top Companies list", {"linkedin"}),
    ("messaging frameworks such as RabbitMQ", {"positioning-and-messaging"}),
    ("Sales Associate, North Star Marketing, Boston", {"marketing"}),
    ("We will react and adapt to change", {"react"}),
    ("Worked in close collaboration with the design team", {"collaboration"}),
    # ordinary words that ESCO lists as alternative labels of other skills, and half
    # of an ESCO label wrapped over two lines (build_taxonomy._good_alt)
    ("Verified Social Security numbers and handled building security",
     {"securities"}),
    ("Wrote the weekly report for the store manager", {"report-facts"}),
    ("Trained staff on policies and procedures", {"compile-airport-certification-manuals"}),
    ("Negotiate rates with vendors", {"negotiate-compromises"}),
    ("Prepared outlines for each course; handled all correspondence",
     {"dies", "communication"}),
    ("Handled collections and stocked merchandise",
     {"art-collections", "sugar-chocolate-and-sugar-confectionery-products"}),
])
def test_vetoed(ext: SkillExtractor, text: str, absent: set[str]) -> None:
    assert not (absent & ids(ext, text))


def test_vetoes_keep_skills_lists_whole(ext: SkillExtractor) -> None:
    text = "MySQL Nginx Hibernate Apache Java Spring Jenkins Git"
    assert {"java", "jenkins", "git"} <= ids(ext, text)


def test_gapped_match_stays_in_its_clause(ext: SkillExtractor) -> None:
    assert [m.surface for m in ext("Managed the payroll")] == ["Managed the payroll"]
    for text in ("Managed the team. Payroll was outsourced",
                 "managed, among others, payroll", "managed three small new payroll"):
        assert [m.surface.lower() for m in ext(text) if m.skill_id == "payroll"] == ["payroll"]


def test_esco_concepts_have_uris_and_lookups(taxonomy: Taxonomy) -> None:
    python = taxonomy.lookup("Python")
    assert python is not None and python.uri.startswith("http://data.europa.eu/esco/skill/")
    assert taxonomy.by_uri(python.uri) is python
    assert taxonomy.by_uri("http://example.org/none") is None
    esco = [s for s in taxonomy if s.uri]
    assert len(esco) > 13000          # every ESCO v1.1.1 skill and knowledge concept
    # an O*NET element name resolves through the name lookup
    assert taxonomy.lookup("Active Listening") is not None


def test_no_match_terms_are_looked_up_but_never_matched(taxonomy: Taxonomy) -> None:
    writing = taxonomy.lookup("Writing")
    assert writing is not None
    long = next(s for s in taxonomy if s.no_match and s.source.startswith("esco"))
    assert taxonomy.lookup(long.no_match[0]) is not None
    assert long.no_match[0] not in taxonomy.match_terms(long)


def test_spacy_component_on_a_blank_pipeline() -> None:
    import spacy

    import rolematch.spacy_skills  # noqa: F401  registers the factory

    nlp = spacy.blank("en")
    nlp.add_pipe("rolematch_skills")
    doc = nlp("Reconciled bank accounts; python, django, docker.")
    spans = doc.spans["skills"]
    assert [s.label_ for s in spans] == ["account-reconciliation", "python", "django",
                                         "docker"]
    assert [s.kb_id_ for s in spans] == [s.label_ for s in spans]
    assert spans[0].text == "Reconciled bank accounts"


def test_cli_skills_json(tmp_path) -> None:
    from typer.testing import CliRunner

    from rolematch.cli import app

    f = tmp_path / "r.txt"
    f.write_text("Skills\nPayroll, onboarding, HRIS\n", encoding="utf-8")
    res = CliRunner().invoke(app, ["skills", str(f), "--format", "json"])
    assert res.exit_code == 0, res.output
    rows = json.loads(res.stdout)
    by = {r["skill_id"]: r for r in rows}
    assert {"payroll", "onboarding", "human-resource-information-system"} <= set(by)
    assert by["payroll"]["lines"] == [{"line": 2, "text": "Payroll, onboarding, HRIS"}]
    bad = CliRunner().invoke(app, ["skills", str(f), "--format", "xml"])
    assert bad.exit_code == 2


def test_progressive_verb_is_no_skill(ext: SkillExtractor) -> None:
    assert "recruiting" not in ids(ext, "We are hiring! Come work with us.")
    assert "recruiting" in ids(ext, "Hiring, onboarding and payroll for 40 staff")


# -- second pass (issue 17: no false gaps): everyday names, forms and readings ---------
@pytest.mark.parametrize("text, expected", [
    # everyday names of the occupation families (made-up lines)
    ("Assisted residents with ADLs and bathing", {"activities-of-daily-living"}),
    ("Did laundry, mopping and made beds for six guest rooms",
     {"laundry", "floor-care", "bed-making"}),
    ("Cleaned and sanitized all prep stations", {"sanitation"}),
    ("Catered banquets for up to 300 guests", {"catering"}),
    ("Opened and closed the shop; handled loss prevention",
     {"opening-and-closing-procedures", "loss-prevention"}),
    ("Class A CDL; completed pre-trip inspections; kept the log book",
     {"commercial-drivers-license", "vehicle-inspection", "driver-logs"}),
    ("Led group exercise classes and fitness assessments",
     {"fitness-instruction", "fitness-assessment"}),
    ("Taught ESL and reading intervention groups",
     {"english-as-a-second-language", "reading-instruction"}),
    ("Maintained records and organized files for the front office", {"record-keeping"}),
    ("Supervisor of a team of twelve cooks", {"manage-personnel"}),
    ("Known as a creative problem solver", {"solve-problems"}),
    ("Ran A/P and A/R for three entities", {"accounts-payable", "accounts-receivable"}),
    ("Grew revenue 20% and built the sales pipeline", {"revenue-growth", "sales-pipeline"}),
    # a new everyday name never swallows a skill inside it
    ("Owned weekly KPI reporting; processed ADP payroll",
     {"key-performance-indicators", "reporting", "payroll", "adp"}),
    # inflection: plurals of one-word names; phrases without their article
    ("Ran the reconciliations and the audits", {"account-reconciliation", "auditing"}),
    ("Make beds and change linens daily", {"bed-making"}),
    # a PDF that glued "of" to the next word
    ("Basic use ofSalesforce; theory ofcivil engineering", {"salesforce", "civil-engineering"}),
    # job-title prefixes and title-case lists are no proper names
    ("Clinic Senior Outreach Liaison", {"outreach"}),
    ("Reading Teacher Maple Grove Elementary, 2015-2019", {"reading-instruction"}),
    ("Project Management Vendor Relations Payroll Onboarding Road to Growth",
     {"project-management", "payroll"}),
])
def test_found_second_pass(ext: SkillExtractor, text: str, expected: set[str]) -> None:
    assert expected <= ids(ext, text)


@pytest.mark.parametrize("text, absent", [
    # the employer, not a skill (postings say "our organization" all the time)
    ("Join an organization that values its people", {"organization", "time-management"}),
    # plurals of personal qualities name other things
    ("Built research collaborations with two universities", {"collaboration"}),
    # "of" + an ordinary word stays one word
    ("An offer from the office of the dean", {"office-administration"}),
    # the proper-name veto still holds next to a title prefix elsewhere
    ("Sales Associate, North Star Marketing, Boston", {"marketing"}),
])
def test_not_found_second_pass(ext: SkillExtractor, text: str, absent: set[str]) -> None:
    assert not (absent & ids(ext, text))


def test_curated_takeover_keeps_the_older_record(taxonomy: Taxonomy) -> None:
    """A curated record that claims an ESCO duty phrase as its alias takes that ESCO
    skill over: its id now resolves to the curated one, its URI is kept."""
    assert taxonomy.canonical("wash-the-laundry") == "laundry"
    assert taxonomy.lookup("wash the laundry").id == "laundry"
    assert taxonomy.lookup("A/P").id == "accounts-payable"  # not A&P (aviation)
    assert taxonomy["manage-personnel"].uri.startswith("http://data.europa.eu/esco/skill/")
    assert "supervisor" in taxonomy["manage-personnel"].aliases


def test_plural_belongs_to_the_term_that_spells_it() -> None:
    from rolematch._patterns import plural

    assert plural("negotiation") == "negotiations"
    assert plural("policy") == "policies"
    assert plural("sales") is None
