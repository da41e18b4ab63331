"""Stop 29 (lead): a tool asked for by name before "is a plus", the payroll
certificate CPP against C++, and a posting summary's sentences kept apart.  Texts are
made up."""

from __future__ import annotations

import pytest

from rolematch._posting import analyse_posting


@pytest.mark.parametrize("text, shows, not_shows", [
    ("- Experience with Workday is nice to have", "workday-software", None),
    ("Knowledge of Excel preferred", "excel", None),
    ("Experience with Spark plugs and filters", None, "apache-spark"),
    ("- CPP certification is a plus", None, "c-plus-plus"),
    ("Certified Professional Photographer (CPP)", None, "c-plus-plus"),
    ("Payroll manager, CPP certified", "certified-payroll-professional",
     "c-plus-plus"),
    ("CPP or FPC certification preferred", "certified-payroll-professional", "c-plus-plus"),
    ("Programming in C, CPP and Java", "c-plus-plus", "certified-payroll-professional"),
    ("Skills: C, CPP, Python", "c-plus-plus", "certified-payroll-professional"),
])
def test_named_tools_and_the_payroll_certificate(skill_ids, text, shows, not_shows):
    ids = skill_ids(text)
    if shows:
        assert shows in ids
    if not_shows:
        assert not_shows not in ids


def test_a_summary_of_two_unpunctuated_lines_keeps_them_apart():
    a = analyse_posting(
        "Payroll Clerk\nWhat you'll do\n- Process weekly payroll for the hourly staff of"
        " ten stores\n- Answer employee questions about pay stubs and deductions\n",
        title="Payroll Clerk",
    )
    assert "stores. Answer" in a.summary
