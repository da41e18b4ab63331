"""The match-quality harness (benchmarks/quality.py) on tiny synthetic data.

Checks the ranking metrics by hand-computed values and runs every ranking method
end to end on three made-up categories; nothing here reads ../shared/data.
"""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np
import pytest

from benchmarks import _quality_data as qd
from benchmarks import _quality_rank as qr
from benchmarks import quality

POSTINGS = {
    "CHEF": """Chef

About the role:
Plan menus, cook meals and run a restaurant kitchen with food safety standards.

Responsibilities:
- Prepare and cook soups, sauces, meats and desserts.
- Supervise cooks and order food supplies.
- Keep the kitchen clean and follow food safety rules.
""",
    "ACCOUNTANT": """Accountant

About the role:
Prepare financial statements, reconcile accounts and file tax returns.

Responsibilities:
- Reconcile general ledger accounts and bank statements.
- Prepare tax returns and financial statements.

Requirements:
- Experience with QuickBooks, Microsoft Excel and SAP.
""",
    "INFORMATION-TECHNOLOGY": """Information Technology

About the role:
Administer networks, servers and user support for the company.

Responsibilities:
- Install and configure servers, Windows and Linux systems.
- Troubleshoot network problems and answer help desk tickets.

Requirements:
- Experience with Active Directory, Python, SQL and Cisco networking.
""",
}

RESUMES = [
    ("CHEF", "SOUS CHEF\nExperience\nCooked soups, sauces and desserts in a busy restaurant "
             "kitchen.\nPlanned menus and ordered food supplies."),
    ("CHEF", "LINE COOK\nPrepared meats and sauces; kept the kitchen clean to food safety "
             "rules."),
    ("ACCOUNTANT", "STAFF ACCOUNTANT\nReconciled general ledger accounts and bank "
                   "statements.\nPrepared financial statements in QuickBooks and Excel."),
    ("ACCOUNTANT", "TAX PREPARER\nPrepared tax returns and financial statements for "
                   "clients."),
    ("INFORMATION-TECHNOLOGY", "SYSTEMS ADMINISTRATOR\nConfigured Windows and Linux servers "
                               "and Active Directory.\nWrote Python and SQL scripts."),
    ("INFORMATION-TECHNOLOGY", "HELP DESK TECHNICIAN\nAnswered help desk tickets and "
                               "troubleshot network problems on Cisco switches."),
]
CATS = list(POSTINGS)


# --------------------------------------------------------------------------- metrics
def test_hit_at_k_and_reciprocal_rank_without_ties():
    scores = np.array([[0.9, 0.5, 0.1],    # right answer 0: rank 1
                       [0.9, 0.5, 0.1],    # right answer 1: rank 2
                       [0.9, 0.5, 0.1]])   # right answer 2: rank 3
    gold = [frozenset({0}), frozenset({1}), frozenset({2})]
    assert qr.hit_at_k(scores, gold, 1).tolist() == [1.0, 0.0, 0.0]
    assert qr.hit_at_k(scores, gold, 2).tolist() == [1.0, 1.0, 0.0]
    assert qr.hit_at_k(scores, gold, 3).tolist() == [1.0, 1.0, 1.0]
    assert qr.reciprocal_rank(scores, gold) == pytest.approx([1.0, 0.5, 1 / 3])


def test_ties_count_by_expectation():
    scores = np.array([[0.5, 0.5, 0.5, 0.5]])          # four-way tie
    gold = [frozenset({2})]
    assert qr.hit_at_k(scores, gold, 1)[0] == pytest.approx(0.25)
    assert qr.hit_at_k(scores, gold, 3)[0] == pytest.approx(0.75)
    assert qr.reciprocal_rank(scores, gold)[0] == pytest.approx((1 + 1 / 2 + 1 / 3 + 1 / 4) / 4)
    # one column above, then the right answer tied with one wrong answer
    scores = np.array([[0.9, 0.5, 0.5, 0.1]])
    assert qr.hit_at_k(scores, [frozenset({1})], 2)[0] == pytest.approx(0.5)
    assert qr.reciprocal_rank(scores, [frozenset({1})])[0] == pytest.approx((1 / 2 + 1 / 3) / 2)


def test_tie_figures_count_tied_resume_pairs_per_posting():
    S = np.array([[1.0, 2.0], [1.0, 3.0], [2.0, 3.0], [0.5, 3.0]])
    t = qr.tie_figures(S, top=2)
    assert (t.pairs, t.top_pairs, t.postings_with_top_tie) == (1 + 3, 0 + 1, 1)
    assert qr.tie_figures(S + np.arange(8).reshape(4, 2) * 1e-9).pairs == 0


def test_several_right_answers_take_the_best():
    scores = np.array([[0.1, 0.9, 0.5, 0.5]])
    gold = [frozenset({2, 3})]                          # both tied at rank 2
    assert qr.hit_at_k(scores, gold, 1)[0] == 0.0
    assert qr.hit_at_k(scores, gold, 2)[0] == 1.0
    assert qr.reciprocal_rank(scores, gold)[0] == pytest.approx(0.5)
    # two right answers and two wrong ones all tied: P(top 1) = 2/4
    scores = np.array([[0.5, 0.5, 0.5, 0.5]])
    assert qr.hit_at_k(scores, [frozenset({0, 1})], 1)[0] == pytest.approx(0.5)
    # P(first right answer after 2 places) = C(2,2)/C(4,2) = 1/6
    assert qr.hit_at_k(scores, [frozenset({0, 1})], 2)[0] == pytest.approx(5 / 6)


def test_macro_average_weights_labels_equally():
    values = np.array([1.0, 1.0, 1.0, 0.0])
    labels = ["A", "A", "A", "B"]
    overall, macro = qr.overall_and_macro(values, labels)
    assert overall == pytest.approx(0.75)
    assert macro == pytest.approx(0.5)
    assert qr.per_label(values, labels) == {"A": 1.0, "B": 0.0}


def test_ranking_figures():
    scores = np.array([[1.0, 0.0], [1.0, 0.0]])
    f = qr.ranking_figures(scores, [frozenset({0}), frozenset({1})], ["X", "Y"])
    assert (f.top1, f.top3, f.mrr) == (0.5, 1.0, 0.75)
    assert f.top1_macro == 0.5


def test_a_row_without_a_right_answer_is_an_error():
    with pytest.raises(ValueError, match="without a right answer"):
        qr.hit_at_k(np.zeros((1, 2)), [frozenset()], 1)


def _brute_force_ap(column, relevant):
    """Mean AP over every order of the tied scores (small columns only)."""
    from itertools import permutations

    aps = []
    for perm in permutations(range(len(column))):
        order = sorted(perm, key=lambda i: -column[i])          # stable: perm breaks ties
        hits, total = 0, 0.0
        for pos, i in enumerate(order, 1):
            if relevant[i]:
                hits += 1
                total += hits / pos
        aps.append(total / sum(relevant))
    return float(np.mean(aps))


@pytest.mark.parametrize("column, relevant", [
    ([0.9, 0.8, 0.7, 0.6], [1, 0, 1, 0]),
    ([0.5, 0.5, 0.5, 0.9], [1, 1, 0, 0]),
    ([0.5, 0.5, 0.5, 0.5, 0.1], [0, 1, 0, 1, 1]),
    ([0.3, 0.3, 0.9, 0.9, 0.3], [1, 0, 0, 1, 1]),
])
def test_average_precision_is_the_expectation_over_tie_orders(column, relevant):
    col, rel = np.array(column), np.array(relevant, dtype=bool)
    assert qr.average_precision(col, rel) == pytest.approx(_brute_force_ap(column, relevant))


def test_precision_at_k():
    col = np.array([0.9, 0.5, 0.5, 0.5, 0.1])
    rel = np.array([0, 1, 0, 0, 1], dtype=bool)
    assert qr.precision_at(col, rel, 1) == 0.0
    assert qr.precision_at(col, rel, 2) == pytest.approx((0 + 1 / 3) / 2)   # one of 3 slots
    assert qr.precision_at(col, rel, 5) == pytest.approx(2 / 5)


def test_recruiter_figures_rank_resumes_per_posting():
    S = np.array([[0.9, 0.1], [0.8, 0.2], [0.1, 0.9], [0.1, 0.9]])
    rel = [np.array([1, 1, 0, 0], bool), np.array([0, 0, 1, 1], bool)]
    f = qr.recruiter_figures(S, rel, top=2)
    assert f.map == 1.0 and f.ap == (1.0, 1.0)
    assert (f.top_tied_pairs, f.postings_with_top_tie) == (1, 1)   # posting 2: 0.9 = 0.9
    swapped = qr.recruiter_figures(S[:, ::-1], rel, top=2)
    assert swapped.map < 0.5
    with pytest.raises(ValueError, match="without a right answer"):
        qr.average_precision(S[:, 0], np.zeros(4, bool))


# --------------------------------------------------------------------------- tables
def test_category_table_is_complete():
    assert len(qd.CATEGORY_OCCUPATIONS) == 24
    for cat, occs in qd.CATEGORY_OCCUPATIONS.items():
        assert occs, cat
        for code, title in occs:
            assert len(code) == 10 and code[2] == "-" and code[7] == ".", code
            assert title


@pytest.mark.parametrize("title, expected", [
    ("DIGITAL MARKETING MANAGER", "digital-marketing-manager"),
    ("Senior Product Manager", "product-manager"),
    ("Marketing Analyst", "marketing-analyst"),
    ("PRODUCT MARKETING MANAGER", "product-marketing-manager"),
    ("Brand Ambassador", "brand-manager"),
])
def test_seed_title_patterns(title, expected):
    ids = qd.seed_roles_for(title)
    assert ids is not None and expected in ids


@pytest.mark.parametrize("title", ["STAFF ACCOUNTANT", "Sous Chef", "Registered Nurse"])
def test_other_titles_match_no_seed_role(title):
    assert qd.seed_roles_for(title) is None


def test_seed_patterns_name_only_shipped_roles():
    from rolematch import RoleSet

    shipped = set(RoleSet.default())
    for _, ids in qd.SEED_TITLE_PATTERNS:
        assert ids <= shipped


def test_posting_text_shape():
    occ = qd.Occupation("00-0000.00", "Test", "Does tests.", ("Run tests.",),
                        ("Python", "Obscure Tool"), ("Python",))
    hot = qd.posting_text("QA", [occ])
    assert "Responsibilities:" in hot and "- Run tests." in hot
    assert "Python" in hot and "Obscure Tool" not in hot
    assert "Obscure Tool" in qd.posting_text("QA", [occ], technology="all")
    with pytest.raises(ValueError, match="technology must be one of"):
        qd.posting_text("QA", [occ], technology="some")


def test_posting_title_choices():
    occs = [qd.Occupation("00-0000.00", "Testers", "Does tests.", ("Run tests.",),
                          ("Python",), ("Python",)),
            qd.Occupation("00-0001.00", "Test Leads", "Leads tests.", ("Plan tests.",),
                          ("Microsoft Excel",), ("Microsoft Excel",))]
    by_cat = qd.posting_text("QUALITY-ASSURANCE", occs, title="category")
    assert by_cat.split("\n")[0] == "Quality Assurance"
    by_occ = qd.posting_text("QUALITY-ASSURANCE", occs)           # the default
    assert by_occ.split("\n")[0] == "Testers / Test Leads"
    assert "quality" not in by_occ.lower()
    roles = qr.profile_postings({"QUALITY-ASSURANCE": by_occ})
    assert roles["quality-assurance"].title == "Testers / Test Leads"
    with pytest.raises(ValueError, match="title must be one of"):
        qd.posting_text("QA", occs, title="both")


# --------------------------------------------------------------------------- end to end
@pytest.fixture(scope="module")
def docs():
    from rolematch import read_resume

    out = []
    for i, (cat, text) in enumerate(RESUMES):
        r = read_resume(text.encode("utf-8"), filename=f"r{i}.txt")
        out.append(qd.Doc(cat, f"r{i}.txt", r, text.split("\n")[0]))
    return out


def test_without_title_blanks_the_first_line(docs):
    r = qd.without_title(docs[0].resume)
    assert r.lines[0] == "" and len(r.lines) == len(docs[0].resume.lines)
    assert "SOUS CHEF" not in r.text


@pytest.mark.parametrize("fn", [qr.bm25_scores, qr.bm25_reverse_scores,
                                lambda P, R: qr.tfidf_scores(P, R),
                                lambda P, R: qr.tfidf_scores(P, R, stop_words="english",
                                                             sublinear_tf=True,
                                                             ngram_range=(1, 2))])
def test_baselines_rank_the_synthetic_resumes(fn, docs):
    S = fn([POSTINGS[c] for c in CATS], [d.text for d in docs])
    assert S.shape == (6, 3)
    gold = [frozenset({CATS.index(d.category)}) for d in docs]
    assert qr.hit_at_k(S, gold, 1).mean() >= 0.5


def test_rolematch_ranking_end_to_end(docs):
    roles = qr.profile_postings(POSTINGS)
    assert [r for r in roles] == [c.lower() for c in CATS]
    feats, seconds = qr.featurize([d.resume for d in docs])
    assert len(feats) == 6 and seconds >= 0
    results = quality.rank_categories(docs, roles, feats, CATS)
    assert set(qr.ROLEMATCH_CONFIGS) <= set(results)
    assert set(quality.BASELINES) <= set(results)
    for name, res in results.items():
        assert res["scores"].shape == (6, 3), name
        f = res["figures"]
        assert 0.0 <= f.top1 <= f.top3 <= 1.0 and 0.0 < f.mrr <= 1.0, name
    assert results["rolematch fit (default weights)"]["figures"].top1 >= 0.5
    assert results["rolematch fit (default weights)"]["recruiter"].map >= 0.5
    both = {v: results for v in quality.VARIANTS}
    rec = quality.recruiter_table(both, ["rolematch fit (default weights)"])
    assert rec.count("| rolematch fit (default weights) |") == 2
    per = quality.per_category_table(results, ["rolematch fit (default weights)"], CATS,
                                     {c: 2 for c in CATS})
    assert all(f"| {c} | 2 |" in per for c in CATS)
    sens = quality.title_sensitivity(both, both)
    assert sens.count("| rolematch fit (default weights) |") == 4
    ties = quality.ties_table(both, both, ["rolematch fit (default weights)"], 6)
    assert ties.count("| rolematch fit (default weights) |") == 4


def test_seed_run_on_synthetic_titles():
    from rolematch import Matcher, RoleSet, read_resume

    text = ["Digital Marketing Manager",
            "Ran SEO, Google Ads and email marketing campaigns; Google Analytics reporting."]
    r = read_resume("\n".join(text).encode("utf-8"), filename="m.txt")
    doc = qd.Doc("PUBLIC-RELATIONS", "m.txt", r, text[0])
    m = Matcher().fit(RoleSet.default())
    feats, _ = qr.featurize([r], m)
    out = quality.seed_run([doc], feats, m)
    assert out["matched"] == 1 and 0.0 <= out["top1"] <= out["top3"] <= 1.0


def test_harness_skips_cleanly_without_data(tmp_path, capsys):
    out = tmp_path / "RESULTS.md"
    assert quality.main(["--resumes", str(tmp_path / "none"), "--onet", str(tmp_path / "no"),
                         "--out", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    assert "skipped" in text and "cores" in text


def test_cache_inside_the_repository_is_refused():
    with pytest.raises(SystemExit):
        quality.main(["--cache-dir", str(quality.ROOT / "cache")])


def test_regenerating_keeps_the_change_log(tmp_path):
    out = tmp_path / "RESULTS.md"
    log = f"{quality.LOG_HEADING}\n\n- change A: MRR 0.40 -> 0.50\n"
    out.write_text("# old figures\n\n## Data\n\nold\n\n" + log, encoding="utf-8")
    assert quality.main(["--resumes", str(tmp_path / "none"), "--onet", str(tmp_path / "no"),
                         "--out", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    assert "old figures" not in text and text.count(quality.LOG_HEADING) == 1
    assert text.rstrip().endswith("- change A: MRR 0.40 -> 0.50")
    assert quality.kept_log("no log here") == ""


def test_report_carries_the_evidence_rates():
    args = SimpleNamespace(limit=None)
    report = quality.Report(quality.machine(), args, [])
    report.evidence = "| all | 6 | 50.0% (2/4) | 50.0% (1/2) |"
    text = report.render()
    assert "## Gap reports against the evidence gold (issue 17)" in text
    assert "50.0% (2/4)" in text
