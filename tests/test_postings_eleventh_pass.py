"""Issue 18, eleventh pass: a setting, a person or a modifier read as a skill in
postings' top-10 skills (docs/postings.md, "Eleventh pass").  Each rule both ways;
texts are made up."""

from __future__ import annotations

import pytest

#: (text, a skill it shows or None, a skill it does not show or None)
CASES = [
    # "food production" is a plant or a kitchen's output, not food engineering
    ("Wires motor starters and PLCs in a food production plant", None, "food-engineering"),
    ("Oversaw food production for a busy banquet kitchen", None, "food-engineering"),
    ("Studied food engineering and food processing", "food-engineering", None),
    # "sustainability" alone is the field only with a word of the field or in a list
    ("Owns the rollout and sustainability of key payroll programs", None,
     "sustainable-development"),
    ("Leads sustainability work to cut carbon emissions at our sites",
     "sustainable-development", None),
    ("Skills: budgeting, sustainability, vendor relations", "sustainable-development", None),
    ("Background in environmental sustainability", "sustainable-development", None),
    # "contract" before another noun is a modifier ("contract labs", "contract staff")
    ("Review contract test lab data and quality events", None, "contract-management"),
    ("Manage contract staffing agencies for the plant", None, "contract-management"),
    ("Review contract terms with the legal team", "contract-management", None),
    ("Review contracts for accuracy.", "contract-management", None),
    # "CPA" beside the people one works with is an accountant, not a certificate
    ("Presents financial statements to the executives, CPA and clients", None,
     "certified-public-accountant"),
    ("Prepares financial statements for their CPA firm at year end", None,
     "certified-public-accountant"),
    ("A CPA certification is preferred", "certified-public-accountant", None),
    ("Must hold an active CPA license", "certified-public-accountant", None),
]


@pytest.mark.parametrize("text, expected, absent", CASES)
def test_a_word_is_read_in_its_posting_sense(skill_ids, text, expected, absent) -> None:
    ids = skill_ids(text)
    assert expected is None or expected in ids
    assert absent is None or absent not in ids
