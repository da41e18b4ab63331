"""Issue 18, tenth pass: words the skill extractor read in the wrong sense in postings'
top-10 skills (docs/postings.md, "Tenth pass").  Each rule both ways; texts are made
up."""

from __future__ import annotations

import pytest

from rolematch._posting_weigh import field_line

#: (text, a skill it shows or None, a skill it does not show or None)
CASES = [
    # ADA: the disabilities act in legal or building text, the language in code
    ("Keep the site in compliance with OSHA, ADA and EPA rules", None, "ada"),
    ("Knowledge of ADA accessibility guidelines", None, "ada"),
    ("Wrote flight software in Ada and C for embedded boards", "ada", None),
    # API: the petroleum institute's inspections and standards, or interfaces
    ("Holds CWI and API inspection certificates", None, "apis"),
    ("Performs API 510 inspections of pressure vessels", None, "apis"),
    ("Documented the API for partner developers", "apis", None),
    # RDS beside other AWS services is Amazon's database service
    ("Runs workloads on AWS services like EC2, S3, RDS and Lambda", "amazon-rds",
     "remote-desktop-services"),
    ("Supports Remote Desktop Services (RDS) and Citrix for remote staff",
     "remote-desktop-services", "amazon-rds"),
    # a tool's packaging noun after its name makes no proper name
    ("Proficiency in Microsoft Office Suite Products", "microsoft-office", None),
    ("Proficiency in Microsoft Office Suite Applications", "microsoft-office", None),
    # an ambiguous tool name asked for by name after a proficiency word
    ("Proficient in Excel.", "excel", None),
    ("Advanced knowledge of Word.", "microsoft-word", None),
    ("You will excel in a fast-paced setting.", None, "excel"),
    ("Strives to Excel in every task", None, "excel"),
    # an O*NET tool named by an everyday word: the protocol only with its context
    ("Runs an outside diameter grinder and a lathe", None, "diameter"),
    ("Configured Diameter protocol routing for the LTE core", "diameter", None),
    # a tool named like a job is the job unless software is spoken of
    ("The Restaurant Manager will lead the kitchen and floor teams.", None,
     "restaurant-manager"),
    ("Takes orders in the Restaurant Manager POS system", "restaurant-manager", None),
    # cost control is cost management in any trade; food cost control is the kitchen's
    ("Owns labor cost control and staffing levels", "cost-management",
     "food-cost-control"),
    ("Tracks food costs and waste for the kitchen", "food-cost-control", None),
    # a clientele is clienteling only when it is built
    ("Gives facials and peels to clientele", None, "clienteling"),
    ("Writes care plans for clients based on intake interviews", None, "clienteling"),
    ("Built a loyal clientele of repeat buyers", "clienteling", None),
]


@pytest.mark.parametrize("text, expected, absent", CASES)
def test_a_word_is_read_in_its_posting_sense(skill_ids, text, expected, absent) -> None:
    ids = skill_ids(text)
    assert expected is None or expected in ids
    assert absent is None or absent not in ids


def test_coding_in_a_medical_text_is_medical_coding(skill_ids) -> None:
    text = (
        "Our certified coders review physician notes for every hospital stay.\n"
        "Perform chart and coding reviews across specialties.\n"
        "Keep up your coding knowledge as guidelines change."
    )
    ids = skill_ids(text)
    assert "medical-billing-and-coding" in ids
    assert "software-development" not in ids and "code-review" not in ids
    # a code skill anywhere keeps coding software, whatever the text's topic
    text = (
        "We build scheduling apps for hospital and physician offices.\n"
        "Coding in Python with code reviews for every change."
    )
    ids = skill_ids(text)
    assert "medical-billing-and-coding" not in ids and "python" in ids


def test_a_degree_field_on_its_own_line() -> None:
    assert field_line("Bachelor's degree", "Accounting or Finance") == [(0, 21)]
    assert field_line("Degree in:", "Marketing, Communications") == [(0, 25)]
    # not after a line with its field, not a sentence, not after another line
    assert field_line("Bachelor's degree in Accounting", "Experience with budgeting") == []
    assert field_line("Bachelor's degree", "3 years of experience in accounts payable") == []
    assert field_line("Strong communication skills", "Accounting or Finance") == []


def test_a_degree_field_line_is_no_skill_of_the_profile() -> None:
    from rolematch.roles import RoleProfile

    text = (
        "Requirements:\nBachelor's degree\nAccounting or Finance\n"
        "3 years of experience in accounts payable."
    )
    ids = {s.skill_id for s in RoleProfile.from_text(text, title="AP Clerk").skills}
    assert "accounts-payable" in ids and "accounting" not in ids
