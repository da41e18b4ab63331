"""Readings a coach found wrong in real postings (issue 18, fifth pass), each fixed by a
general rule or a taxonomy wording and tested in both directions. Texts are made up."""

from __future__ import annotations

import pytest


def test_coding_alone_is_still_programming(skill_ids) -> None:
    assert "software-development" in skill_ids("Strong coding skills in Python and Go")


@pytest.mark.parametrize("text", [
    "Nurse\nLicense/Certification:\nBLS Certification (Preferred)\nNursing: 3 years (Required)",
    # as job boards run it together
    "Nurse\nNursing: 3 years (Required)License/Certification:BLS Certification (Preferred)",
])
def test_bracketed_cue_marks_the_item_before_it(text) -> None:
    from rolematch import RoleProfile

    p = RoleProfile.from_text(text)
    req = {s.skill_id: s.required for s in p.skills}
    assert req == {"basic-life-support": False, "nursing": True}
    assert p.min_years == 3


def test_bracketed_cue_stays_inside_when_it_names_a_skill() -> None:
    from rolematch import RoleProfile

    p = RoleProfile.from_text("Engineer\nRequirements:\nCloud platforms (preferably Azure)")
    req = {s.skill_id: s.required for s in p.skills}
    assert req["cloud-computing"] is True and req["microsoft-azure"] is False


def test_verb_alias_still_matches_its_own_object(skill_ids) -> None:
    assert "sales-pipeline" in skill_ids("Built a strong pipeline of prospects")
    assert "payroll" in skill_ids("Managed the company payroll")


def _profile_ids(text: str) -> set[str]:
    import warnings

    from rolematch.roles import RoleProfile

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        role = RoleProfile.from_text(text, title="Payroll Clerk")
    return {s.skill_id for s in role.skills}


@pytest.mark.parametrize("before, inside, absent", [
    # benefits text inside a requirements list
    ("", "Welfare benefits start after ninety days of service.",
     "advise-on-social-security-benefits"),
    # how to apply, and how long the posting stays open, before the lists
    ("Payroll Clerk\nTo formally apply, send the signed form and your résumé to the hiring"
     " manager by May 1.", "",
     "recruiting"),
    ("PAYROLL CLERK Recruitment will remain open until the post is filled.", "",
     "recruiting"),
])
def test_benefits_and_apply_text_give_no_skill(before, inside, absent) -> None:
    text = (f"{before}\n\nRequirements:\n- 2 years of payroll processing experience\n"
            f"- Proficiency in Microsoft Excel\n- {inside or 'Accuracy with numbers'}\n")
    ids = _profile_ids(text)
    assert "payroll" in ids
    assert absent not in ids


def test_using_a_language_is_a_language_skill() -> None:
    from rolematch.taxonomy import Taxonomy

    tax = Taxonomy.default()
    skill = tax.get("interact-verbally-in-spanish")
    assert skill.kind == "language"
    assert skill.parent == "spanish"


def test_a_required_language_is_not_weighed_as_generic() -> None:
    import warnings

    from rolematch._posting import analyse_posting

    text = ("Requirements:\n- Two years of retail sales experience\n"
            "- Must speak Spanish and English with customers\n")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        decisions = analyse_posting(text, title="Sales Assistant").decisions
    spoken = [d for d in decisions if d.skill_id.startswith("interact-verbally-in-")]
    assert spoken and all(d.status == "required" for d in spoken)
    assert not any("generic" in d.reason for d in spoken)


#: (text, a skill it shows or None, a skill it does not show or None): words read in
#: their sense, each found wrong in a real posting and fixed by a general rule or a
#: taxonomy wording.
SENSES = [
    # a medical code system's "coding" is medical coding, not programming
    ("Proficiency in ICD-10 coding and billing", "medical-billing-and-coding",
     "software-development"),
    ("Accurate diagnosis coding for claims", "medical-billing-and-coding",
     "software-development"),
    # coding invoices is accounts payable work, not programming
    ("Coding invoices to the general ledger", "accounts-payable", "software-development"),
    # quality assurance is wider than software testing (pharma, manufacturing, care)
    ("Provide Quality Assurance support for GMP manufacturing",
     "quality-assurance-methodologies", "software-testing"),
    ("QA lead for the plant's inspection programme",
     "quality-assurance-methodologies", "software-testing"),
    # the verb's object is another skill's phrase: no sales pipeline is built here
    ("Built data pipelines in Python", "data-pipelines", "sales-pipeline"),
    # "managed the sales pipeline" is the pipeline, not a "manage sales" phrase
    ("Managed the sales pipeline", "sales-pipeline", "sales-management"),
    # "CRO" is a contract research organisation as often as conversion-rate optimisation
    ("Experience managing CRO partners for clinical studies", None,
     "conversion-rate-optimization"),
    ("Led CRO and A/B testing for landing pages", "conversion-rate-optimization", None),
    # "CSR" is a customer service representative as often as corporate responsibility
    ("Coached the CSR team on call handling", None, "corporate-social-responsibility"),
    ("Ran the CSR and sustainability programme", "corporate-social-responsibility", None),
]


@pytest.mark.parametrize("text, expected, absent", SENSES)
def test_a_word_is_read_in_its_sense(skill_ids, text, expected, absent) -> None:
    ids = skill_ids(text)
    assert expected is None or expected in ids
    assert absent is None or absent not in ids
