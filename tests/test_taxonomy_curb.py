"""Records and aliases read from requirement text of the non-gold dev postings, half B
(corpora/taxonomy/47_curated_requirements_b.jsonl): new records, aliases restated on
existing ones, and the guards that keep everyday words from matching. Texts are made up."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

TAXONOMY = Path(__file__).resolve().parent.parent / "corpora" / "taxonomy"
FILE = TAXONOMY / "47_curated_requirements_b.jsonl"


def _records() -> list[dict]:
    return [json.loads(line) for line in FILE.read_text(encoding="utf-8").splitlines()]


@pytest.mark.parametrize("text, expected", [
    # new records
    ("Holds a life and health insurance license", {"life-and-health-insurance-license"}),
    ("Strong objection handling in outbound calls", {"objection-handling"}),
    ("Knowledge of the NEC and local electrical codes", {"national-electrical-code"}),
    ("Completed OASIS assessments for home health patients",
     {"oasis-assessment", "home-health-care"}),
    ("Trained in EMDR and evidence-based practices", {"emdr-therapy", "evidence-based-practice"}),
    ("Certified Nursing Assistant with PALS and 12-lead EKG experience",
     {"certified-nursing-assistant", "pediatric-advanced-life-support", "electrocardiography"}),
    ("Prepared quantity takeoffs and change orders",
     {"quantity-takeoff", "change-order-management"}),
    ("Worked in a cleanroom environment on PECVD and dry etching",
     {"cleanroom-procedures", "thin-film-deposition", "plasma-etching"}),
    ("Passed the FE exam and hold the EIT", {"engineer-in-training"}),
    ("Certified in APICS CPIM; ran ABC analysis each quarter",
     {"apics-certification", "abc-analysis"}),
    ("Built pipelines on AWS Glue and Amazon RDS", {"aws-glue", "amazon-rds"}),
    ("Managed payer contracts and FP&A reporting",
     {"payer-contracting", "financial-planning-and-analysis"}),
    ("Knowledge of MSHA regulations and GFSI standards such as SQF",
     {"msha-regulations", "gfsi-standards"}),
    # aliases restated on existing records
    ("Current RN license and BLS", {"nursing", "basic-life-support"}),
    ("Built levels in Unreal and Unity engines", {"unreal-engine", "unity"}),
    ("Applied design of experiments to the etch process", {"design-of-experiments-doe"}),
    ("Deployed workloads on IaaS and PaaS offerings", {"iaas", "platform-as-a-service-paas"}),
    ("Entered new listings in the MLS for the brokerage", {"multiple-listing-service"}),
    ("Edited client videos in Premiere and After Effects", {"premiere-pro"}),
    ("Knowledge of no-SQL stores", {"nosql"}),
    # the same words with a typographic apostrophe
    ("Valid driver\u2019s license required", {"drivers-license"}),
    ("Processed workers\u2019 compensation claims", {"workers-compensation"}),
])
def test_new_terms_are_found(skill_ids, text, expected) -> None:
    assert expected <= skill_ids(text)


@pytest.mark.parametrize("text, absent", [
    ("The results were unreal", "unreal-engine"),
    ("Oasis Cafe, line cook", "oasis-assessment"),
    ("System administration and IT infrastructure service desk", "iaas"),
    ("Earned an MLS degree in library science", "multiple-listing-service"),
    ("Attended the premiere of the film", "premiere-pro"),
    ("Reference: Jack Henry, store manager", "jack-henry"),
    ("Graphed step functions in a calculus class", "aws-step-functions"),
    ("Reports to the Publisher of the newspaper", "microsoft-publisher"),
])
def test_everyday_words_need_context(skill_ids, text, absent) -> None:
    assert absent not in skill_ids(text)


def test_nec_is_the_electrical_code_not_network_equipment(taxonomy) -> None:
    assert taxonomy.lookup("NEC").id == "national-electrical-code"


def test_restated_records_keep_their_earlier_terms(taxonomy) -> None:
    """A restated record replaces the earlier one whole: it must carry every earlier term."""
    from rolematch._taxonomy_records import expand, read_records

    earlier = {}
    for path in expand([TAXONOMY]):
        if path.name >= FILE.name:
            break
        for skill, _ in read_records(path):
            earlier[skill.id] = skill
    restated = [r for r in _records() if r["id"] in earlier]
    assert restated
    for r in restated:
        terms = {r["name"], *r["aliases"]}
        old = earlier[r["id"]]
        # a term may leave only to a skill that claims it later; else it is lost
        lost = {t for t in old.terms if t not in terms and taxonomy.lookup(t) is None}
        assert not lost, (r["id"], lost)


def test_file_records_are_well_formed() -> None:
    records = _records()
    ids = [r["id"] for r in records]
    assert len(ids) == len(set(ids))
    for r in records:
        if r["source"] == "curated":
            assert r["kind"] in ("tool", "hard_skill", "knowledge", "soft_skill",
                                 "certification"), r["id"]
        if r.get("ambiguous"):
            assert r.get("context"), r["id"]
