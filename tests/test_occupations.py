"""The occupation index: build from tiny O*NET/ESCO files, titles, roles, explore, CLI."""

from __future__ import annotations

import gzip
import json
import os
from pathlib import Path

import numpy as np
import pytest

from rolematch.errors import ModelError, RolematchError
from rolematch.occupations import (JobOccupation, OccupationIndex, normalize_title,
                                   occupation_of_title, occupation_profile, occupations_of,
                                   title_candidates)
from rolematch.occupations._build import build_occupation_index
from rolematch.occupations.titles import invert_title

#: ../shared/data beside the repository (or SHARED_DATA in the environment)
SHARED_DATA = Path(os.environ.get("ROLEMATCH_SHARED_DATA",
                                  Path(__file__).resolve().parents[2] / "shared" / "data"))

ONET = {
    "Occupation Data.txt": [("O*NET-SOC Code", "Title", "Description"),
                            ("13-2011.00", "Accountants and Auditors", "x"),
                            ("11-2021.00", "Marketing Managers", "x"),
                            ("35-2014.00", "Cooks, Restaurant", "x"),
                            ("47-5041.00", "Continuous Mining Machine Operators", "x"),
                            ("13-1111.00", "Management Analysts", "x")],
    "Alternate Titles.txt": [("O*NET-SOC Code", "Alternate Title", "Short Title", "Source(s)"),
                             ("13-2011.00", "Staff Accountant", "n/a", "01"),
                             ("13-2011.00", "Accountant", "n/a", "01"),
                             ("11-2021.00", "Chief Marketing Officer", "n/a", "01"),
                             ("47-5041.00", "Continuous Miner Operator (CMO)", "CMO", "02"),
                             ("35-2014.00", "Line Cook", "n/a", "01"),
                             ("13-1111.00", "Management Consultant", "n/a", "01"),
                             ("13-1111.00", "Business Consultant", "n/a", "01"),
                             ("11-2021.00", "Marketing Consultant", "n/a", "01"),
                             ("13-2011.00", "Tax Consultant", "n/a", "01"),
                             ("35-2014.00", "Kitchen Consultant", "n/a", "01"),
                             ("13-1111.00", "Intern", "n/a", "01")],
    "Sample of Reported Titles.txt": [("O*NET-SOC Code", "Reported Job Title",
                                       "Shown in My Next Move"),
                                      ("13-2011.00", "Auditor", "Y")],
    "Job Zones.txt": [("O*NET-SOC Code", "Job Zone", "Date", "Domain Source"),
                      ("13-2011.00", "4", "x", "x"), ("35-2014.00", "2", "x", "x")],
    "Education, Training, and Experience.txt": [
        ("O*NET-SOC Code", "Element ID", "Element Name", "Scale ID", "Category", "Data Value"),
        ("13-2011.00", "2.D.1", "RL", "RL", "6", "70.0"),
        ("13-2011.00", "2.D.1", "RL", "RL", "8", "20.0")],
    "Related Occupations.txt": [("O*NET-SOC Code", "Related O*NET-SOC Code",
                                 "Relatedness Tier", "Index"),
                                ("13-2011.00", "13-1111.00", "Supplemental", "2"),
                                ("13-2011.00", "11-2021.00", "Primary-Short", "1")],
    # a task word counts when two occupations' tasks use it
    "Task Statements.txt": [("O*NET-SOC Code", "Task ID", "Task", "Task Type"),
                            ("11-2021.00", "1", "Plan marketing campaigns and menus.", "Core"),
                            ("11-2021.00", "2", "Direct marketing campaigns.", "Core"),
                            ("13-1111.00", "3", "Review business operations and marketing.",
                             "Core"),
                            ("13-1111.00", "4", "Review business records.", "Core"),
                            ("13-2011.00", "5", "Audit business records and accounts.", "Core"),
                            ("13-2011.00", "6", "Prepare accounts and reports.", "Core"),
                            ("35-2014.00", "7", "Cook meals and prepare menus.", "Core"),
                            ("35-2014.00", "8", "Cook food and clean kitchens.", "Core")],
    "Technology Skills.txt": [("O*NET-SOC Code", "Example", "Commodity Code",
                               "Commodity Title", "Hot Technology", "In Demand"),
                              ("13-2011.00", "Intuit QuickBooks", "1", "x", "Y", "Y"),
                              ("13-2011.00", "Microsoft Excel", "1", "x", "Y", "N"),
                              ("13-2011.00", "Obscure Ledger Tool 3000", "1", "x", "N", "N"),
                              ("11-2021.00", "Google Analytics", "1", "x", "Y", "Y"),
                              ("11-2021.00", "Microsoft Excel", "1", "x", "Y", "N")],
}
ESCO_URI = "http://data.europa.eu/esco/"
ESCO_OCC = [("conceptType", "conceptUri", "iscoGroup", "preferredLabel", "altLabels", "code"),
            ("Occupation", ESCO_URI + "occupation/aaa", "2411", "accountant",
             "financial accountant\ncost accountant", "2411.1"),
            ("Occupation", ESCO_URI + "occupation/bbb", "5120", "cook", "line cook", "5120.1")]
ESCO_SKILLS = [("conceptType", "conceptUri", "preferredLabel"),
               ("Skill", ESCO_URI + "skill/s1", "accounting"),
               ("Skill", ESCO_URI + "skill/s2", "financial statements"),
               ("Skill", ESCO_URI + "skill/s3", "no such skill anywhere")]
ESCO_LINKS = [("occupationUri", "relationType", "skillType", "skillUri"),
              (ESCO_URI + "occupation/aaa", "essential", "knowledge", ESCO_URI + "skill/s1"),
              (ESCO_URI + "occupation/aaa", "optional", "knowledge", ESCO_URI + "skill/s2"),
              (ESCO_URI + "occupation/aaa", "essential", "knowledge", ESCO_URI + "skill/s3")]
CROSSWALK = [("id", "esco_occupation", "isco_code", "onet_code", "onet_occupation",
              "matching_job_titles", "semantic_similarity", "confidence", "concept_uri"),
             ("1", "accountant", "2411", "13-2011.00", "accountants", "[]", "0.9", "2.0",
              ESCO_URI + "occupation/aaa")]


def _write(path: Path, rows, sep: str) -> None:
    import csv

    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, delimiter=sep, quoting=csv.QUOTE_NONE if sep == "\t"
                       else csv.QUOTE_MINIMAL, escapechar="\\" if sep == "\t" else None)
        w.writerows(rows)


@pytest.fixture(scope="module")
def tiny_data(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("shared-data")
    for name, rows in ONET.items():
        _write(root / "onet-29.2" / name, rows, "\t")
    _write(root / "esco/v1.1.1/occupations_en.csv", ESCO_OCC, ",")
    _write(root / "esco/v1.1.1/skills_en.csv", ESCO_SKILLS, ",")
    _write(root / "esco/v1.1.1/occupationSkillRelations.csv", ESCO_LINKS, ",")
    _write(root / "esco/v1.1.1/broaderRelationsOccPillar.csv",
           [("conceptType", "conceptUri", "broaderType", "broaderUri")], ",")
    _write(root / "esco/crosswalk/esco_onet_crosswalk_Nov2020.csv", CROSSWALK, ",")
    return root


@pytest.fixture(scope="module")
def tiny_index(tiny_data, tmp_path_factory, taxonomy) -> OccupationIndex:
    out = build_occupation_index(tiny_data, tmp_path_factory.mktemp("models"))
    return OccupationIndex.load(out, taxonomy=taxonomy)


# --------------------------------------------------------------------------- build / load
def test_build_is_deterministic_and_compact(tiny_data, tmp_path):
    a = build_occupation_index(tiny_data, tmp_path / "a")
    b = build_occupation_index(tiny_data, tmp_path / "b")
    assert a.read_bytes() == b.read_bytes()
    doc = json.loads(gzip.decompress(a.read_bytes()))
    assert doc["format_version"] == 1 and any("O*NET 29.2" in s for s in doc["sources"])
    acc = next(o for o in doc["onet"] if o["code"] == "13-2011.00")
    assert acc["zone"] == 4 and acc["education"] == "bachelor"  # highest RL share wins
    assert dict(zip(acc["alt"], acc["alt_sources"])) == {"Accountant": "01",
                                                         "Staff Accountant": "01",
                                                         "Tax Consultant": "01"}
    # task words: those two occupations' tasks use, as [word index, count, ...]
    assert doc["task_words"] == sorted(doc["task_words"])
    assert {"marketing", "records", "menus", "business"} <= set(doc["task_words"])
    assert "campaigns" not in doc["task_words"]  # one occupation's only
    words = {doc["task_words"][i]: n for i, n in zip(acc["tasks"][::2], acc["tasks"][1::2])}
    assert words == {"business": 1, "records": 1, "prepare": 1}  # "accounts": its only
    assert dict(zip(acc["reported"], acc["reported_shown"])) == {"Auditor": 1}
    assert acc["related"][0] == ["11-2021.00", "Primary-Short"] or \
        ["11-2021.00", "Primary-Short"] in acc["related"]


def test_load_refuses_other_format(tmp_path):
    bad = tmp_path / "occupations.json.gz"
    bad.write_bytes(gzip.compress(b'{"format_version": 99}'))
    with pytest.raises(ModelError, match="occupation index format 99"):
        OccupationIndex.load(bad)
    with pytest.raises(ModelError, match="occupation index is missing"):
        OccupationIndex.load(tmp_path / "nope.json.gz")


def test_get_related_major_group(tiny_index):
    occ = tiny_index.get("onet:13-2011.00")
    assert tiny_index.get("13-2011.00") is occ
    assert occ.job_zone == 4 and occ.major_group == "13"
    assert [o.code for o in tiny_index.related("13-2011.00")] == ["11-2021.00", "13-1111.00"]
    esco = tiny_index.get("esco:2411.1")
    assert tiny_index.get("esco:aaa") is esco and esco.onet == "13-2011.00"
    assert tiny_index.major_group("esco:2411.1") == "13"
    with pytest.raises(RolematchError, match="unknown occupation 'onet:99-9999.00'"):
        tiny_index.get("onet:99-9999.00")


def test_skills_resolve_to_taxonomy_and_tolerate_unknown(tiny_index, taxonomy):
    occ = tiny_index.get("onet:13-2011.00")
    by_label = {s.label: s for s in occ.skills}
    assert by_label["Intuit QuickBooks"].skill_id in taxonomy
    assert by_label["Intuit QuickBooks"].hot and by_label["Intuit QuickBooks"].in_demand
    esco = tiny_index.get("esco:2411.1")
    assert {s.label: s.skill_id for s in esco.skills}["no such skill anywhere"] is None


# --------------------------------------------------------------------------- titles
@pytest.mark.parametrize("raw, norm", [
    ("Sr. Staff Accountant", "accountant"), ("Admin Asst", "administrative assistant"),
    ("System Admin", "system administrator"), ("RN", "registered nurse"),
    ("Line Cooks", "line cook"), ("Marketing Mgr II", "marketing manager"),
    ("Senior", "senior"),  # a title of seniority words only keeps them
    ("StaffNurse", "nurse"), ("Junior/StaffAccountant", "accountant"),  # words run together
    ("iOS Developer", "ios developer"), ("PowerPoint Trainer", "power point trainer"),
    ("C.S.R.", "customer service representative"),  # initials written with dots
    ("Whse Mgr", "warehouse manager"), ("Mfg Engineer", "manufacturing engineer"),
    ("Shift Lead", "shift supervisor"), ("Team Lead II", "team supervisor"),  # a working lead
    ("Lead Accountant", "accountant"), ("Senior Lead", "senior lead"),  # a rank
    ("Analyst and Intern", "analyst"),  # no connector left dangling by a rank dropped
])
def test_normalize_title(raw, norm):
    assert normalize_title(raw) == norm


def test_invert_title():
    assert invert_title("Cooks, Restaurant") == "Restaurant Cooks"
    assert invert_title("Secretaries, Except Legal") == "Secretaries"


def test_index_keeps_title_sources(tiny_index):
    acc = tiny_index.get("onet:13-2011.00")
    assert dict(zip(acc.alt_titles, acc.alt_sources))["Staff Accountant"] == "01"
    assert acc.reported_shown == (True,)


def test_search_exact_abbreviated_and_collision(tiny_index):
    top = tiny_index.search("sr. staff accountant", 3)
    assert top[0][0].code == "13-2011.00" and top[0][1] > 0.8
    # CMO is a chief marketing officer, not the data's mining-operator short title
    assert tiny_index.search("CMO", 1)[0][0].code == "11-2021.00"
    assert tiny_index.search("Line Cook", 1)[0][0].code == "35-2014.00"
    assert tiny_index.search("", 3) == []


def test_head_noun_fallback_for_bare_titles(tiny_index):
    # two of three "... consultant" titles are management analysts'
    assert tiny_index.search("Consultant", 1)[0][0].code == "13-1111.00"


MARKETING = "- Planned marketing campaigns\n- Directed marketing for new menus"
KITCHEN = "- Cooked meals and prepared menus\n- Cleaned the kitchen"


def test_duties_settle_a_bare_title_and_leave_a_clear_one(tiny_index):
    """"Consultant": 2 of 5 "... consultant" titles are one occupation's, so the
    duties decide; "Staff Accountant" stays an accountant whatever the duties say."""
    from rolematch.occupations.duties import is_bare

    searcher, _ = tiny_index._searcher("onet")
    assert is_bare(searcher, "Consultant") and not is_bare(searcher, "Accountant")
    assert not is_bare(searcher, "Staff Accountant")  # one word once "staff" is dropped
    alone = tiny_index.search("Consultant", 3)
    assert alone[0][0].code == "13-1111.00"
    marketing = tiny_index.search("Consultant", 3, context=MARKETING)
    assert marketing[0][0].code == "11-2021.00"
    assert marketing[0][1] == alone[0][1]  # the title's best confidence, kept
    pool = {o.code for o, _ in tiny_index.search("Consultant", 10)}  # re-ranked, none added
    assert {o.code for o, _ in tiny_index.search("Consultant", 10, context=MARKETING)} == pool
    assert tiny_index.search("Consultant", 1, context=KITCHEN)[0][0].code == "35-2014.00"
    for duties in (MARKETING, KITCHEN, None, ""):
        top = tiny_index.search("Staff Accountant", 3, context=duties)
        assert top[0][0].code == "13-2011.00"
    with pytest.raises(RolematchError, match="1 contexts for 2 titles"):
        tiny_index.search_top(["Consultant", "Cook"], 3, contexts=["x"])
    # ESCO has no task words: the context is ignored
    esco = tiny_index.search("accountant", 2, system="esco", context=KITCHEN)
    assert esco == tiny_index.search("accountant", 2, system="esco")


def test_a_title_of_rank_words_only_is_settled_by_the_duties(tiny_index):
    """"Intern", "Trainee": the title says at what level, not at what; the occupations
    whose tasks are most like the duties join its readings (a title naming a job keeps
    its own readings, re-ranked, none added)."""
    from rolematch.occupations.duties import is_bare, is_rank_only

    assert is_rank_only("Intern") and is_rank_only("Sr. Trainee (part-time)")
    assert not is_rank_only("Marketing Intern") and not is_rank_only("Staff Accountant")
    assert not is_rank_only("")
    searcher, _ = tiny_index._searcher("onet")
    assert is_bare(searcher, "Intern")
    alone = tiny_index.search("Intern", 10)
    assert alone and "35-2014.00" not in {o.code for o, _ in alone}
    got = tiny_index.search("Intern", 3, context=KITCHEN)
    assert got[0][0].code == "35-2014.00" and got[0][1] == alone[0][1]
    # a job noun keeps its readings: the duties re-rank them, add none
    pool = {o.code for o, _ in tiny_index.search("Consultant", 10)}
    assert {o.code for o, _ in tiny_index.search("Consultant", 10, context=KITCHEN)} == pool


def test_occupations_of_reads_an_entry_s_duties(tiny_index, make_resume):
    r = make_resume("Pat Doe\n\nExperience\nConsultant, Acme Corp\nJan 2015 - Dec 2019\n"
                    f"{MARKETING}\nConsultant, Diner\n2012 - 2014\n{KITCHEN}\n")
    jobs = occupations_of(r, tiny_index)
    assert [j.code for j in jobs] == ["11-2021.00", "35-2014.00"]
    assert jobs[0].alternatives[0] == ("11-2021.00", jobs[0].confidence)


def test_entry_lines_mask_contact_details(make_resume):
    from rolematch.occupations import entry_lines

    r = make_resume("Pat Doe\npat@example.org\n\nExperience\nConsultant, Acme Corp\n"
                    "Jan 2015 - Dec 2019\n- Planned campaigns\n- Ran the hotline, 415-555-0199\n"
                    "- Wrote the reports\n")
    text = entry_lines(r, r.experience[0])
    assert "Planned campaigns" in text and "Consultant" in text and "reports" in text
    assert "555" not in text and "example.org" not in text


def test_with_duties_weighs_by_how_vague_the_title_is():
    import numpy as np

    from rolematch.occupations.duties import BARE_WEIGHT, DUTY_WEIGHT, with_duties

    like = np.array([0.1, 0.4])
    clear = [("a", 0.95), ("b", 0.6)]
    assert with_duties(clear, like, bare=False)[0][0] == "a"
    vague = [("a", 0.4), ("b", 0.35)]  # w = 0.5 x 0.6 ** 2 = 0.18 > 0.05 / (1 - 0.25)
    got = with_duties(vague, like, bare=False)
    assert [c for c, _ in got] == ["b", "a"] and got[0][1] == 0.4
    assert got[1][1] == 0.4  # never lowered: 0.4 x (0.4 + 0.045) / 0.53 is below its own
    got = with_duties([("a", 0.4), ("b", 0.35), ("c", 0.3)], np.array([0.1, 0.4, 0.3]),
                      bare=True)
    assert [c for c, _ in got] == ["b", "c", "a"]  # 2.35, 1.8, 0.9
    assert got[1][1] == round(0.4 * (0.3 + 2 * 0.75) / 2.35, 4)  # raised by the duties
    assert [c for c, _ in with_duties([("a", 0.9), ("b", 0.5)], like, bare=True)] == ["b", "a"]
    assert BARE_WEIGHT > DUTY_WEIGHT
    assert with_duties(vague, np.zeros(2), bare=True) == vague  # nothing alike: unchanged
    assert with_duties([], np.zeros(0), bare=True) == []


def test_duty_matcher():
    from rolematch.occupations import DutyMatcher

    with pytest.raises(RolematchError, match="not fitted"):
        DutyMatcher().similarity("x", ["a"])
    m = DutyMatcher().fit(["cook", "ledger", "menu"], {"a": [1, 3], "b": [0, 2, 2, 1]})
    sims = m.similarity("Cooked? no: cook the menu", ["b", "a", "zz"])
    assert sims[0] > 0.9 and sims[1] == 0.0 and sims[2] == 0.0
    assert m.similarity("nothing known", ["a", "b"]).tolist() == [0.0, 0.0]
    # a word many occupations' tasks use says less than a rare one (the idf)
    m = DutyMatcher().fit(["common", "rare"], {"x": [0, 1], "y": [1, 1], "z": [0, 1]})
    x, y = m.similarity("common rare", ["x", "y"])
    assert y > x > 0


def test_duty_matcher_nearest():
    from rolematch.occupations import DutyMatcher

    m = DutyMatcher().fit(["cook", "ledger", "menu"], {"a": [1, 3], "b": [0, 2, 2, 1], "c": [2, 1]})
    assert m.nearest("cook the menu", 5) == ["b", "c"]  # "a" not alike at all: left out
    assert m.nearest("cook the menu", 1) == ["b"] and m.nearest("nothing", 3) == []
    with pytest.raises(RolematchError, match="not fitted"):
        DutyMatcher().nearest("x", 1)


def test_title_candidates_set_aside_dates_and_placeholders():
    cands = title_candidates("Company Name City , State Staff Accountant 01/2013 to 01/2014")
    assert ("Staff Accountant", True) in cands
    assert all("Company" not in c for c, _ in cands)
    assert title_candidates("01/2013 to Current") == []


@pytest.mark.parametrize("trait", ["Strong communication skills", "Reliable and punctual",
                                   "Excellent driving record", "CPR/First-aid certified",
                                   "Detail oriented", "Team player", "Quick learner"])
def test_title_candidates_skip_a_trait_or_skill_spilled_into_the_heading(trait):
    # a two-column PDF puts a skills column's lines before the job's dated line
    cands = title_candidates(f"{trait} | Tooling Lead 01/2012 to Current Company Name")
    assert [c for c, _ in cands] == ["Tooling Lead"]
    assert title_candidates("Skills Trainer 2010 - 2012") == [("Skills Trainer", True)]


def test_occupations_of_resume(tiny_index, make_resume):
    r = make_resume("Pat Doe\n\nExperience\nStaff Accountant, Acme Corp\nJan 2015 - Dec 2019\n"
                    "- Closed the books monthly\nLine Cook | Diner\n2012 - 2014\n"
                    "- Cooked\n\nEducation\nBachelor of Science in Accounting, 2011\n")
    jobs = occupations_of(r, tiny_index)
    assert len(jobs) == len(r.experience) >= 2
    assert isinstance(jobs[0], JobOccupation)
    codes = [j.code for j in jobs]
    assert codes[0] == "13-2011.00" and "35-2014.00" in codes
    assert jobs[0].recency == 0.0 and jobs[0].years > 4
    assert jobs[0].to_dict()["occupation_title"] == "Accountants and Auditors"


def test_dates_one_part_a_line_leave_no_title_and_the_title_below_is_read(tiny_index,
                                                                         make_resume):
    """"October 2009" / "to" / "March 2015" on lines of their own: "to" is no title,
    and the title is the next line's."""
    assert title_candidates("to") == [] and title_candidates("Present") == []
    r = make_resume("Pat Doe\n\nExperience\nOctober 2009\nto\nMarch 2015\n"
                    "Company Name City , State Staff Accountant\n- Closed the books monthly\n"
                    "\nEducation\nBachelor of Science in Accounting, 2011\n")
    (job,) = occupations_of(r, tiny_index)
    assert (job.title, job.code) == ("Staff Accountant", "13-2011.00")
    assert job.years > 5


def test_occupation_of_title(tiny_index):
    occ, conf = occupation_of_title("Marketing Manager", tiny_index)
    assert occ.code == "11-2021.00" and 0 < conf <= 1
    assert occupation_of_title("", tiny_index) is None


# --------------------------------------------------------------------------- roles
def test_occupation_profile_rules(tiny_index, taxonomy):
    p = occupation_profile(tiny_index.get("onet:13-2011.00"), tiny_index, taxonomy)
    req = dict(p.required)
    assert taxonomy.lookup("QuickBooks").id in req  # hot and in demand: core
    labels = {sid for sid, _ in p.required + p.preferred}
    assert not any("obscure" in s for s in labels)   # folded away
    assert p.min_years == 4.0 and p.education == "bachelor" and p.occupations == ("13-2011.00",)
    e = occupation_profile(tiny_index.get("esco:2411.1"), tiny_index, taxonomy)
    assert e.min_years == 4.0 and e.occupations == ("13-2011.00",)
    assert "accounting" in dict(e.required)


def test_roleset_resolves_occupation_ids(roleset):
    from rolematch.roles import RoleProfile, is_occupation_id

    assert is_occupation_id("onet:13-2011.00") and not is_occupation_id("brand-manager")
    role = roleset["onet:13-2011.00"]
    assert isinstance(role, RoleProfile) and role.origin == "occupation"
    assert role.occupations == ("13-2011.00",) and role.required
    sub = roleset.subset(["brand-manager", "onet:13-2011.00"])
    assert list(sub) == ["brand-manager", "onet:13-2011.00"]
    with pytest.raises(RolematchError, match="unknown occupation"):
        roleset.subset(["onet:00-0000.00"])


def test_role_file_occupations_field(tmp_path):
    from rolematch.roles import load_role_file

    f = tmp_path / "r.toml"
    f.write_text('id = "r"\ntitle = "R"\noccupations = ["13-2011.00"]\n'
                 '[skills.required]\nexcel = 1.0\n', encoding="utf-8")
    role = load_role_file(f)
    assert role.occupations == ("13-2011.00",)
    assert 'occupations = [\n    "13-2011.00",\n]' in role.to_toml() or \
        'occupations = ["13-2011.00"]' in role.to_toml()


# --------------------------------------------------------------------------- explore
def test_explore_ranks_occupations_and_paths(tiny_index, make_resume, taxonomy):
    from rolematch.explore import Explorer, exploration_to_dict, render_exploration

    ex = Explorer(index=tiny_index, taxonomy=taxonomy, min_skills=1).fit()
    assert ex.matcher_.meaning is False  # words only over every occupation's skills
    r = make_resume("Pat Doe\n\nExperience\nStaff Accountant, Acme\nJan 2015 - Dec 2019\n"
                    "- Kept the books in QuickBooks and Excel; prepared financial statements\n")
    x = ex.explore(r, k=3)
    assert x.best and x.best[0].id == "onet:13-2011.00"
    assert x.current is not None and x.current.code == "13-2011.00"
    assert [p.id for p in x.paths] == sorted((p.id for p in x.paths),
                                             key=lambda i: -next(p.score for p in x.paths
                                                                 if p.id == i))
    top = x.best[0]
    assert top.history > 0.5 and top.score >= top.fit  # the job history adds points
    hist = dict(zip((r.id for r in ex.matcher_.roles_), ex.history_match(x.history)))
    assert hist["onet:13-2011.00"] > hist.get("onet:11-2021.00", 0.0) > 0  # related < same
    d = exploration_to_dict(x)
    assert d["schema"] == "rolematch.explore/1"
    for fmt in ("json", "md", "html", "text"):
        assert "Accountants and Auditors" in render_exploration(x, fmt)
    with pytest.raises(RolematchError, match="unknown report format"):
        render_exploration(x, "pdf")
    with pytest.raises(RolematchError, match="not fitted"):
        Explorer().explore(r)


def test_an_all_other_occupation_s_title_is_still_bare():
    """The shipped index marks the "All Other" occupations as general: "Designer" is
    the title of Designers, All Other, and still a bare one; "Cashier" names one job."""
    from rolematch.occupations.duties import is_bare

    searcher, _ = OccupationIndex.default()._searcher("onet")
    assert is_bare(searcher, "Designer") and is_bare(searcher, "Manager")
    assert not is_bare(searcher, "Cashier")


# --------------------------------------------------------------------------- CLI
def test_cli_occupations_search_and_show():
    from typer.testing import CliRunner

    from rolematch.cli import app

    res = CliRunner().invoke(app, ["occupations", "search", "sr. staff accountant"])
    assert res.exit_code == 0 and "13-2011.00" in res.output
    plain = CliRunner().invoke(app, ["occupations", "search", "Consultant", "-n", "10"])
    res = CliRunner().invoke(app, ["occupations", "search", "Consultant", "-n", "10",
                                   "--duties", "Analyzed computer systems requirements for users"])
    assert res.exit_code == 0 and res.output != plain.output
    assert "Computer Systems Analysts" in res.output.splitlines()[3]  # first row
    res = CliRunner().invoke(app, ["occupations", "show", "onet:13-2011.00"])
    assert res.exit_code == 0 and "Accountants and Auditors" in res.output
    res = CliRunner().invoke(app, ["occupations", "show", "onet:00-0000.00"])
    assert res.exit_code == 1 and "unknown occupation" in res.output


def test_cli_help_and_read_shows_occupations(tmp_path):
    from typer.testing import CliRunner

    from rolematch.cli import app

    for cmd in (["explore"], ["occupations", "search"], ["occupations", "show"]):
        res = CliRunner().invoke(app, [*cmd, "--help"])
        assert res.exit_code == 0 and "Usage" in res.output, cmd
    f = tmp_path / "r.txt"
    f.write_text("Pat Doe\n\nExperience\nStaff Accountant, Acme Corp\nJan 2015 - Dec 2019\n"
                 "- Closed the books\n", encoding="utf-8")
    res = CliRunner().invoke(app, ["read", str(f)])
    assert res.exit_code == 0 and "Accountants and Auditors (13-2011.00)" in res.output
    res = CliRunner().invoke(app, ["read", str(f), "--format", "json"])
    assert json.loads(res.output)["occupations"][0]["code"] == "13-2011.00"


@pytest.mark.shared_data
def test_shipped_index_equals_a_fresh_build_from_shared_data(tmp_path):
    from rolematch._resources import models_dir

    if not (SHARED_DATA / "onet-29.2").is_dir():
        pytest.skip("../shared/data is absent")
    fresh = build_occupation_index(SHARED_DATA, tmp_path)
    assert fresh.read_bytes() == (models_dir() / "occupations.json.gz").read_bytes()


def test_duty_matcher_never_reads_who_a_person_is():
    """O*NET's task texts hold "women", "pregnant", "her": an entry's gender words must
    not move its occupation reading (scores must not depend on them)."""
    from rolematch.occupations import DutyMatcher

    vocab = ["women", "pregnant", "her", "patients", "menu"]
    m = DutyMatcher().fit(vocab, {"a": [0, 3, 1, 2, 3, 1], "b": [4, 2, 3, 1]})
    plain = m.similarity("cared for patients", ["a", "b"])
    gendered = m.similarity("she cared for pregnant women patients in her ward", ["a", "b"])
    assert np.allclose(plain, gendered)
    assert plain[0] > 0


def test_a_rank_only_title_lists_each_occupation_once(tiny_index, monkeypatch):
    """An occupation the duties bring in for "Intern" that the title's readings hold
    past the re-ranked pool is listed once, not twice."""
    import rolematch.occupations.index as index_module

    monkeypatch.setattr(index_module, "DUTY_POOL", 0)  # every reading is past the pool
    got = [o.code for o, _ in tiny_index.search("Intern", 10, context=KITCHEN + "\n" + MARKETING)]
    assert "13-1111.00" in got and len(got) == len(set(got))

