"""Headings, section split, experience entries, education and contact details."""

from __future__ import annotations

from datetime import date

import pytest

from rolematch._sections import degree_of, heading_name, split_sections
from rolematch.documents import build_resume


@pytest.mark.parametrize("line, name", [
    ("Work History", "experience"), ("Professional Experience", "experience"),
    ("EXPERIENCE", "experience"), ("Employment", "experience"),
    ("Employment History:", "experience"), ("Career History", "experience"),
    ("Summary", "summary"), ("Professional Summary", "summary"), ("Profile", "summary"),
    ("OBJECTIVE:", "summary"), ("Core Competencies", "skills"), ("Skills", "skills"),
    ("Technical Skills", "skills"), ("Highlights", "skills"), ("Skill Highlights", "skills"),
    ("Accomplishments", "other"), ("Qualifications", "skills"), ("Education", "education"),
    ("Education and Training", "education"), ("EDUCATION & TRAINING", "education"),
    ("Certifications", "certifications"), ("Licenses", "certifications"),
    ("Projects", "projects"), ("Interests", "other"), ("Additional Information", "other"),
    ("Languages", "other"), ("Awards", "other"), ("Relevant Work Experience", "experience"),
    ("• Skills •", "skills"), ("Skills:", "skills"),
])
def test_heading_variants(line: str, name: str) -> None:
    assert heading_name(line) == name


@pytest.mark.parametrize("line", [
    "I have broad experience in retail and wholesale.",
    "Skills in Python, SQL and Excel were used daily",
    "experience",  # lower-case start: a wrapped sentence, not a heading
    "Experience 2019",
    "Summary of the quarterly results presented to the board of directors",
    "Managed education programs.",
    "",
])
def test_sentences_are_not_headings(line: str) -> None:
    assert heading_name(line) is None


@pytest.mark.parametrize("line, name", [
    ("Leadership", None), ("LEADERSHIP", "other"), ("Leadership:", "other"),
    ("Tools", None), ("TOOLS", "skills"), ("Research", None),
])
def test_ambiguous_single_words_need_heading_style(line: str, name: str | None) -> None:
    assert heading_name(line) == name


def test_split_sections_covers_every_line() -> None:
    lines = ["Jane Doe", "jane@x.org", "Summary", "Marketer.", "Experience", "Job",
             "Education", "BA in History", "Skills", "SQL"]
    secs = split_sections(lines)
    assert [s[0] for s in secs] == ["header", "summary", "experience", "education", "skills"]
    assert secs[0][2] == 0 and secs[-1][3] == len(lines)
    assert all(a[3] == b[2] for a, b in zip(secs, secs[1:]))


def test_no_heading_means_one_other_section() -> None:
    assert split_sections(["just some text", "more text"]) == [("other", "", 0, 2)]


@pytest.mark.parametrize("line, level, field", [
    ("Bachelor of Science in Computer Science, State University", "bachelor", "Computer Science"),
    ("B.S. in Mechanical Engineering", "bachelor", "Mechanical Engineering"),
    ("BA in History", "bachelor", "History"),
    ("BSc Economics", "bachelor", None),
    ("Bachelor of Science : Accounting , May 2010", "bachelor", "Accounting"),
    ("Bachelor of Nursing", "bachelor", "Nursing"),
    ("Master of Business Administration", "master", "Business Administration"),
    ("MBA, Harvard Business School", "master", None),
    ("M.S. in Data Science", "master", "Data Science"),
    ("MSc in Data Science, Tech University", "master", "Data Science"),
    ("Ph.D. in Physics", "doctorate", "Physics"),
    ("PhD, Chemistry", "doctorate", "Chemistry"),
    ("Juris Doctor, Yale Law School", "doctorate", None),
    ("Doctor of Medicine (M.D.)", "doctorate", "Medicine"),
    ("EdD in Leadership", "doctorate", "Leadership"),
    ("Associate of Applied Science in Nursing", "associate", "Nursing"),
    ("High School Diploma", "high_school", None),
    ("GED", "high_school", None),
])
def test_degree_levels_and_fields(line: str, level: str, field: str | None) -> None:
    found = degree_of(line)
    assert found is not None
    assert found[0] == level
    if field is not None:
        assert found[1] == field


@pytest.mark.parametrize("line", [
    "Certified Scrum Master (CSM)", "ScrumMaster certification", "Scrum-Master for two teams",
    "Sales Associate", "Master Electrician", "Columbia, MD", "Proficient in MS Office",
])
def test_not_degrees(line: str) -> None:
    assert degree_of(line) is None


RESUME = [
    "Jane Q. Doe",                                             # 0
    "jane.doe@example.com | (555) 123-4567",                   # 1
    "https://github.com/janedoe",                              # 2
    "Summary",                                                 # 3
    "Scrum Master and product marketer.",                      # 4
    "Experience",                                              # 5
    "Senior Manager, Acme",                                    # 6
    "Jan 2019 – Present",                                      # 7
    "• Led launches.",                                         # 8
    "Manager, Globex",                                         # 9
    "Jun 2018 - Dec 2019",                                     # 10
    "• Built pricing.",                                        # 11
    "Education",                                               # 12
    "Master of Science in Marketing, 2017 - 2018",             # 13
    "B.A. in Economics, 2010 - 2014",                          # 14
]


def test_build_resume_experience_education_contact() -> None:
    r = build_resume(RESUME, source="x.txt", fmt="text", today=date(2021, 1, 15))
    assert [e.first_line for e in r.experience] == [6, 9]
    assert [e.last_line for e in r.experience] == [9, 12]
    assert r.experience[0].current and r.experience[0].end is None
    assert "Senior Manager, Acme" in r.experience[0].heading
    # Jun 2018 .. Jan 2021 merged = 32 months; education dates are not counted
    assert r.years_experience == pytest.approx(32 / 12, abs=0.01)
    assert [(e.level, e.field, e.line) for e in r.education] == [
        ("master", "Marketing", 13), ("bachelor", "Economics", 14)]
    assert r.education_level == "master"
    c = r.contact
    assert c.name == "Jane Q. Doe"
    assert c.emails == ("jane.doe@example.com",)
    assert c.phones == ("(555) 123-4567",)
    assert c.urls == ("https://github.com/janedoe",)
    assert c.lines == (0, 1, 2)
    assert r.section_at(8) == "experience" and r.section_at(0) == "header"
    assert r.section_text("education").splitlines()[0] == "Education"


def test_job_title_first_line_is_not_a_name() -> None:
    r = build_resume(["STAFF ACCOUNTANT", "Summary", "Accountant."], source="x", fmt="text")
    assert r.contact.name is None


def test_jd_edwards_is_software_not_a_law_degree():
    from rolematch._sections import degree_of

    assert degree_of("Oracle JD Edwards EnterpriseOne") is None
    assert degree_of("JD, Harvard Law School")[0] == "doctorate"
