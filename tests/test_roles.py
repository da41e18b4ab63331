"""Role files, role sets and job-posting profiles."""

from __future__ import annotations

from pathlib import Path

import pytest

from rolematch.errors import CorpusError, RolematchError
from rolematch.roles import RoleProfile, RoleSet, load_role_file

REPO = Path(__file__).resolve().parent.parent

GOOD = """
id = "data-pm"
title = "Data Product Manager"
min_years = 4
[education]
level = "bachelor"
fields = ["statistics"]
[skills.required]
sql = 1.0
product-roadmapping = 0.8
[skills.preferred]
tableau = 0.4
"""


def write(tmp_path: Path, name: str, text: str) -> Path:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def test_shipped_corpus_has_the_thirteen_roles(roleset):
    expected = {"technical-product-manager", "product-manager", "technical-marketing-manager",
                "digital-marketing-manager", "content-marketing-manager",
                "product-marketing-manager", "demand-generation-manager", "brand-manager",
                "marketing-analyst", "digital-marketing-specialist",
                "marketing-operations-manager", "chief-marketing-officer", "developer-relations"}
    assert expected <= set(roleset)
    for role in roleset.values():
        assert role.required, role.id
        assert all(0 < s.weight <= 1 for s in role.skills)
        assert all(s.skill_id in roleset.taxonomy for s in role.skills)


def test_technical_product_manager_has_three_levels(roleset):
    levels = roleset["technical-product-manager"].levels
    assert [lv.seniority for lv in levels] == ["mid", "senior", "executive"]
    assert levels[0].min_years < levels[1].min_years < levels[2].min_years


def test_role_file_loads(tmp_path):
    role = load_role_file(write(tmp_path, "data-pm.toml", GOOD))
    assert role.id == "data-pm" and role.min_years == 4
    assert [s.skill_id for s in role.required] == ["sql", "product-roadmapping"]
    assert [s.skill_id for s in role.preferred] == ["tableau"]
    assert role.education_level == "bachelor" and role.education_fields == ("statistics",)


@pytest.mark.parametrize("text, where", [
    (GOOD.replace("sql = 1.0", "sql = 2.0"), r"data-pm\.toml:\d+: skills\.required: .*\(0, 1\]"),
    (GOOD.replace('title = "Data Product Manager"', ""), r"data-pm\.toml: title: Field required"),
    ("salary = 3\n" + GOOD, r"data-pm\.toml:1: salary: Extra inputs"),
    (GOOD.replace('level = "bachelor"', 'level = "phd"'), r"data-pm\.toml:\d+: education\.level"),
    (GOOD.replace('id = "data-pm"', 'id = "Data PM"'), r"data-pm\.toml:\d+: id: .*not a role id"),
    (GOOD.replace("[skills.required]", "[skills.required\n"), r"data-pm\.toml:\d+: not valid TOML"),
])
def test_malformed_role_files_name_file_and_field(tmp_path, text, where):
    with pytest.raises(CorpusError, match=where):
        load_role_file(write(tmp_path, "data-pm.toml", text))


def test_field_errors_point_at_the_line(tmp_path):
    text = GOOD.replace('level = "bachelor"', 'level = "phd"')
    line = 1 + text.splitlines().index('level = "phd"')
    with pytest.raises(CorpusError) as e:
        load_role_file(write(tmp_path, "data-pm.toml", text))
    assert e.value.line == line and e.value.field == "education.level"
    with pytest.raises(CorpusError) as e:  # a missing field is written nowhere
        load_role_file(write(tmp_path, "data-pm.toml",
                             GOOD.replace('title = "Data Product Manager"', "")))
    assert e.value.line is None and e.value.field == "title"


def test_unknown_skill_id_is_named(tmp_path):
    p = write(tmp_path, "data-pm.toml", GOOD.replace("tableau = 0.4", "tablo = 0.4"))
    with pytest.raises(CorpusError, match=r"data-pm\.toml:\d+: skills\.preferred\.tablo: "
                                          r"unknown skill id 'tablo'") as e:
        RoleSet.load(p, defaults=False)
    assert p.read_text(encoding="utf-8").splitlines()[e.value.line - 1].startswith("tablo")


def test_roleset_mixes_role_files_and_postings(tmp_path):
    write(tmp_path, "data-pm.toml", GOOD)
    write(tmp_path, "Growth Lead.md", "# Growth Lead\n\n## Requirements\n- SQL and Google Analytics\n")
    write(tmp_path, ".hidden.md", "# ignored\n")
    rs = RoleSet.load(tmp_path, defaults=False)
    assert list(rs) == ["growth-lead", "data-pm"]
    assert rs["growth-lead"].origin == "posting"
    with pytest.raises(RolematchError, match="unknown role 'nope'"):
        rs["nope"]


def test_posting_profile_reads_cues_years_and_education():
    text = (REPO / "examples" / "postings" / "senior-growth-marketer.md").read_text("utf-8")
    role = RoleProfile.from_text(text)
    assert role.origin == "posting" and role.skills
    assert role.min_years >= 5
    assert role.education_level == "bachelor"
    assert role.seniority == "senior"
    assert role.required and role.preferred
    # nothing is both, weights in (0, 1], required first
    assert len({s.skill_id for s in role.skills}) == len(role.skills)
    assert all(0 < s.weight <= 1 for s in role.skills)


def test_posting_cue_phrases_split_required_and_preferred():
    text = ("Marketing Analyst\n\nRequirements:\n- 3+ years of experience with SQL\n"
            "- Strong Excel skills\n\nNice to have:\n- Tableau\n- Experience with Python\n"
            "Bachelor's degree in Statistics or Economics required.\n")
    role = RoleProfile.from_text(text)
    req = {s.skill_id for s in role.required}
    pref = {s.skill_id for s in role.preferred}
    assert "sql" in req and "tableau" in pref
    assert role.min_years == 3
    assert role.education_level == "bachelor"
    assert "statistics" in role.education_fields


def test_posting_without_skills_still_gets_a_profile(caplog):
    role = RoleProfile.from_text("We are hiring!\nCome work with us.")
    assert role.skills == () and role.origin == "posting"
    assert "no skills from the taxonomy" in caplog.text


def test_role_file_round_trip(tmp_path):
    role = RoleProfile.from_text("Analyst\nRequirements:\n- SQL\n- Tableau\nBonus: Looker")
    p = write(tmp_path, "analyst.toml", role.to_toml())
    again = load_role_file(p)
    assert {(s.skill_id, s.required) for s in again.skills} == \
        {(s.skill_id, s.required) for s in role.skills}
