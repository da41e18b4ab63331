"""Readings a coach found wrong in real postings (issue 18, fifth pass), each fixed by a
general rule or a taxonomy wording and tested in both directions. Texts are made up."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("text, expected, absent", [
    # a medical code system's "coding" is medical coding, not programming
    ("Proficiency in ICD-10 coding and billing", "medical-billing-and-coding",
     "software-development"),
    ("Accurate diagnosis coding for claims", "medical-billing-and-coding",
     "software-development"),
])
def test_medical_coding_is_not_programming(skill_ids, text, expected, absent) -> None:
    ids = skill_ids(text)
    assert expected in ids
    assert absent not in ids


def test_coding_alone_is_still_programming(skill_ids) -> None:
    assert "software-development" in skill_ids("Strong coding skills in Python and Go")
