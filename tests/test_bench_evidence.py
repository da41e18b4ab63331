"""The evidence benchmark's arithmetic (benchmarks/bench_evidence.py) on a made-up pair.

Nothing here reads ../shared/data or runs the matcher: the fit is a stand-in with the
two fields the benchmark reads (``matched`` and ``partial``).
"""

from __future__ import annotations

import json
from types import SimpleNamespace

import pytest

from benchmarks import bench_evidence as be
from rolematch.taxonomy import Skill, Taxonomy


def _ev(*lines: int) -> tuple[SimpleNamespace, ...]:
    return tuple(SimpleNamespace(line=n) for n in lines)


PAIR = {
    "resume": "MADE-UP/1.pdf", "role_title": "Payroll Clerk",
    "skills": [
        {"name": "payroll", "also": ["payroll processing"], "importance": "required",
         "judgement": "yes", "lines": [3]},
        {"name": "excel", "also": [], "importance": "required", "judgement": "yes",
         "lines": [9]},
        {"name": "bank reconciliation", "also": [], "importance": "required",
         "judgement": "partial", "lines": [12]},
        {"name": "sap", "also": [], "importance": "preferred", "judgement": "no",
         "lines": []},
        {"name": "quickbooks", "also": [], "importance": "preferred", "judgement": "no",
         "lines": []},
        {"name": "cash handling", "also": [], "importance": "preferred",
         "judgement": "partial", "lines": [20]},
        {"name": "underwater basket weaving", "also": [], "importance": "preferred",
         "judgement": "no", "lines": []},
    ],
}

TAXONOMY = Taxonomy([
    Skill("payroll", "Payroll", aliases=("payroll processing",)),
    Skill("excel", "Excel", aliases=("Microsoft Excel",)),
    Skill("bank-reconciliation", "Bank reconciliation"),
    Skill("sap", "SAP"),
    Skill("quickbooks", "QuickBooks"),
    Skill("cash-handling", "Cash handling"),
])

# rolematch's (made-up) answer: payroll and SAP matched, cash handling partly covered
# by a related skill, Excel, bank reconciliation and QuickBooks missing.
FIT = SimpleNamespace(
    matched=(SimpleNamespace(skill_id="payroll", evidence=_ev(3, 4)),
             SimpleNamespace(skill_id="sap", evidence=_ev(7))),
    partial=(SimpleNamespace(skill_id="cash-handling", evidence=_ev(20)),),
)


def _outcomes() -> tuple[list[be.Outcome], list[str]]:
    role, mapped, unmapped = be.gold_role(PAIR, "made-up", TAXONOMY)
    return be.score_pair(PAIR, mapped, FIT), unmapped


@pytest.mark.parametrize(("ids", "expected"), [
    (("payroll",), "matched"),
    (("cash-handling", "payroll"), "matched"),     # any matched id wins over partial
    (("cash-handling",), "partial"),
    (("excel",), "missing"),
    ((), "missing"),
])
def test_reported_for(ids, expected):
    assert be.reported_for(ids, {"payroll", "sap"}, {"cash-handling"}) == expected


def test_gold_role_maps_names_and_lists_unmapped():
    role, mapped, unmapped = be.gold_role(PAIR, "made-up", TAXONOMY)
    assert unmapped == ["underwater basket weaving"]
    assert [ids for _, ids in mapped] == [("payroll",), ("excel",), ("bank-reconciliation",),
                                         ("sap",), ("quickbooks",), ("cash-handling",)]
    assert {s.skill_id for s in role.required} == {"payroll", "excel", "bank-reconciliation"}
    assert {s.skill_id for s in role.preferred} == {"sap", "quickbooks", "cash-handling"}


def test_shared_id_takes_the_required_side():
    pair = {"role_title": "x", "skills": [
        {"name": "excel", "importance": "preferred", "judgement": "yes"},
        {"name": "microsoft excel", "importance": "required", "judgement": "yes"}]}
    role, mapped, _ = be.gold_role(pair, "x", TAXONOMY)
    assert [(s.skill_id, s.required) for s in role.skills] == [("excel", True)]
    assert len(mapped) == 2


def test_example_pairs_use_the_gold_ids():
    skill = {"name": "Excel spreadsheets", "id": "excel"}
    assert be.skill_ids(skill, TAXONOMY) == ("excel",)


def test_score_pair_reports_each_skill():
    outcomes, _ = _outcomes()
    assert [(o.skill, o.reported) for o in outcomes] == [
        ("payroll", "matched"), ("excel", "missing"), ("bank reconciliation", "missing"),
        ("sap", "matched"), ("quickbooks", "missing"), ("cash handling", "partial")]
    assert outcomes[0].reported_lines == (3, 4)
    assert outcomes[1].reported_lines == ()


def test_tally_rates():
    outcomes, unmapped = _outcomes()
    t = be.tally(outcomes, len(unmapped))
    # evidenced (yes/partial): payroll, excel, bank reconciliation, cash handling = 4;
    # reported missing among them: excel, bank reconciliation = 2 false gaps
    assert (t["evidenced"], t["false_gaps"], t["false_gap_rate"]) == (4, 2, 0.5)
    # reported matched: payroll, sap = 2; gold "no" among them: sap = 1 false match
    assert (t["reported_matched"], t["false_matches"], t["false_match_rate"]) == (2, 1, 0.5)
    # yes skills: payroll, excel; excel missing -> 1 of 2
    assert t["yes_false_gap_rate"] == 0.5
    # cash handling is evidenced but reported only partial: 1 of 4, not a gap
    assert t["evidenced_reported_partial"] == 0.25
    assert (t["scored"], t["unmapped"]) == (6, 1)
    assert t["table"]["no/missing"] == 1 and t["table"]["partial/partial"] == 1
    assert sum(t["table"].values()) == 6


def test_tally_empty_has_no_rates():
    t = be.tally([])
    assert t["false_gap_rate"] is None and t["false_match_rate"] is None


def test_render_lists_false_gaps_without_text():
    outcomes, unmapped = _outcomes()
    report = {"pairs_scored": 1, "pairs_skipped": [], "overall": be.tally(outcomes, 1),
              "pairs": [{"resume": "MADE-UP/1.pdf", "role": "made-up",
                         **be.tally(outcomes, 1)}],
              "unmapped": [{"resume": "MADE-UP/1.pdf", "skill": u} for u in unmapped],
              "false_gaps": [be._row(o) for o in outcomes if o.false_gap],
              "false_matches": [be._row(o) for o in outcomes if o.false_match]}
    text = be.render(report)
    assert "false-gap rate   50.0% (2 of 4" in text
    assert "false-match rate 50.0% (1 of 2" in text
    assert "bank reconciliation [bank-reconciliation] - MADE-UP/1.pdf" in text
    json.dumps(report)  # the --json output is plain JSON


def test_gold_file_is_well_formed():
    gold = be.load_gold()
    assert len(gold) >= 34
    for pair in gold:
        assert pair["skills"], pair["resume"]
        for s in pair["skills"]:
            assert s["judgement"] in ("yes", "partial", "no")
            assert s["importance"] in ("required", "preferred")
            assert bool(s["lines"]) == (s["judgement"] != "no"), (pair["resume"], s["name"])


@pytest.mark.parametrize(("text", "named"), [
    ("Skills: Payroll, Excel", True),
    ("processed the PAYROLL weekly", True),
    ("payrolls and more", False),          # whole words only
    ("C++ and Java", False),
])
def test_named_in(text, named):
    assert be.named_in(text, ["payroll"]) is named


def test_false_gap_named_when_the_text_names_it():
    role, mapped, _ = be.gold_role(PAIR, "made-up", TAXONOMY)
    terms = lambda ids: [t for sid in ids for t in TAXONOMY.match_terms(TAXONOMY[sid])]  # noqa: E731
    outcomes = be.score_pair(PAIR, mapped, FIT, terms, "Tools: Microsoft Excel.")
    named = {o.skill: o.named for o in outcomes if o.false_gap}
    assert named == {"excel": True, "bank reconciliation": False}
    assert be.tally(outcomes)["false_gaps_named"] == 1


def test_missing_data_folder_skips_cleanly(tmp_path, capsys):
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps(PAIR) + "\n", encoding="utf-8")
    assert be.main(["--resumes", str(tmp_path / "absent"), "--gold", str(gold), "--json"]) == 0
    out, err = capsys.readouterr()
    report = json.loads(out)
    assert report["pairs_scored"] == 0 and report["pairs_skipped"] == ["MADE-UP/1.pdf"]
    assert report["overall"]["false_gap_rate"] is None
    assert "LiveCareer pairs skipped" in err


def test_summary_table_for_the_quality_harness():
    outcomes, unmapped = _outcomes()
    t = be.tally(outcomes, len(unmapped))
    empty = be.tally([])
    table = be.summary_table({"overall": t, "subsets": {"livecareer": t, "examples": empty}})
    rows = [r for r in table.splitlines() if r.startswith("| all") or r.startswith("| ex")]
    assert rows[0] == "| all | 6 | 50.0% (2/4) | 50.0% (1/2) |"
    assert rows[1] == "| examples | 0 | n/a (0/0) | n/a (0/0) |"
