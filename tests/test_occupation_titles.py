"""Title search details: O*NET titles read whole, query readings, source weights,
the candidate search and its memo (tiny hand-made titles, no shared data)."""

from __future__ import annotations

import numpy as np
import pytest

from rolematch.errors import RolematchError
from rolematch.occupations import titles as T
from rolematch.occupations.index import Occupation, _alt_weight, _onet_titles
from rolematch.occupations.titles import (TitleEntry, TitleSearcher, invert_title,
                                          query_variants, title_parts)


@pytest.mark.parametrize("raw, inverted", [
    ("Cooks, Restaurant", "Restaurant Cooks"),
    ("Sales Representatives, Wholesale and Manufacturing, Except Technical and Scientific "
     "Products", "Wholesale and Manufacturing Sales Representatives"),
    ("Transportation, Storage, and Distribution Managers",
     "Transportation and Storage and Distribution Managers"),  # a comma list, not "X, Y"
    ("Hosts and Hostesses, Restaurant, Lounge, and Coffee Shop",
     "Restaurant and Lounge and Coffee Shop Hosts and Hostesses"),
    ("Teachers and Instructors, All Other", "Teachers and Instructors"),
])
def test_invert_title_reads_lists_and_except_anywhere(raw, inverted):
    assert invert_title(raw) == inverted


@pytest.mark.parametrize("raw, parts", [
    ("Architectural and Engineering Managers",
     {"Architectural Managers": True, "Engineering Managers": True}),
    ("Secretaries and Administrative Assistants, Except Legal, Medical, and Executive",
     {"Secretaries": True, "Administrative Assistants": True}),
    ("Farm Equipment Mechanics and Service Technicians",  # modifiers handed on
     {"Farm Equipment Mechanics": True, "Farm Equipment Service Technicians": True}),
    ("Substitute Teachers, Short-Term", {"Substitute Teachers": False}),
    ("Sales Representatives, Wholesale and Manufacturing, Except Technical",
     {"Sales Representatives": True}),  # an "Except" title's head is the general case
    ("Accountants", {}),
])
def test_title_parts(raw, parts):
    assert dict(title_parts(raw)) == parts


def test_query_variants_parts_and_departments():
    v = dict(query_variants("Manager of Finance"))
    assert v["Manager of Finance"] == 1.0 and v["Finance Manager"] == T.INVERT_FACTOR
    v = dict(query_variants("Office Manager/Bookkeeper"))
    assert v["Office Manager"] == v["Bookkeeper"] == T.PART_FACTOR
    # at "and" / "&" a line splits only when every part is a job
    jobs = {"translator", "product tester"}
    v = dict(query_variants("Translator & Product Tester", lambda p: p.lower() in jobs))
    assert "Translator" in v and "Product Tester" in v
    v = dict(query_variants("Training and Development Specialist", lambda p: p.lower() in jobs))
    assert list(v) == ["Training and Development Specialist"]
    # a part that is no job takes the job noun of the next part that is one
    v = dict(query_variants("QA / QC Manager", lambda p: p.lower().endswith("manager")))
    assert v["QA Manager"] == v["QC Manager"] == T.PART_FACTOR
    # at "&" / "and" before the one part that is a job, that job's noun is shared
    v = dict(query_variants("Fleet Repair & Parts Manager", lambda p: p.endswith("Manager")))
    assert v["Fleet Repair Manager"] == v["Parts Manager"] == T.PART_FACTOR
    assert v["Fleet Repair & Parts Manager"] == 1.0
    # a job of several departments: each department's job too (tenth pass)
    v = dict(query_variants("Manager of Claims and Billing", lambda p: p.endswith("Manager")))
    assert v["Claims and Billing Manager"] == T.INVERT_FACTOR
    assert v["Claims Manager"] == v["Billing Manager"] == T.INVERT_FACTOR * T.PART_FACTOR
    v = dict(query_variants("Head of Sales and Events Planner", lambda p: p.endswith("Planner")))
    assert "Sales Head" not in v  # one of them a job: not a list of departments


def _occ(code="13-2011.00", **kw) -> Occupation:
    return Occupation("onet", code, kw.pop("title", "Accountants and Auditors"), **kw)


def test_alternate_titles_weighed_by_their_sources():
    assert _alt_weight("02,04,06,10") > _alt_weight("02,10") > _alt_weight("10")
    assert _alt_weight("09") == _alt_weight("") < _alt_weight("10")  # 09: user search input
    o = _occ(alt_titles=("Bookkeeper", "Auditor"), alt_sources=("09", "02,04"),
             reported_titles=("Staff Accountant", "Tax Preparer"), reported_shown=(True, False))
    w = dict(_onet_titles(o))
    assert w["Accountants and Auditors"] == w["Accountants"] == w["Auditors"] == 1.0
    assert w["Staff Accountant"] > w["Tax Preparer"]
    assert w["Auditor"] > w["Bookkeeper"]
    residual = dict(_onet_titles(_occ("13-2099.00", title="Financial Specialists, All Other")))
    specific = dict(_onet_titles(_occ("13-2099.01", title="Financial Quantitative Analysts")))
    assert residual["Financial Specialists"] < 1.0 == specific["Financial Quantitative Analysts"]


ENTRIES = [TitleEntry("Line Cook", 0), TitleEntry("Restaurant Cook", 0),
           TitleEntry("Staff Accountant", 1), TitleEntry("Accountant", 1),
           TitleEntry("Cost Accountant", 1, 0.9), TitleEntry("Bookkeeper", 2),
           TitleEntry("Accounting Clerk", 2), TitleEntry("Marketing Manager", 3)]


@pytest.fixture()
def searcher() -> TitleSearcher:
    return TitleSearcher().fit(ENTRIES, 4, ["Cook", "Accountant", "Bookkeeper", "Marketer"])


def test_search_by_candidates_matches_a_full_scan(searcher):
    queries = ["senior accountant", "accountant", "chef cook", "acountant"]
    got = searcher.scores(queries)
    assert [int(r.argmax()) for r in got] == [1, 1, 0, 1]  # "acountant": shares no word
    assert got[3].max() > 0
    assert searcher.search("zzzz qqqq") == []


def test_memo_is_bounded_and_changes_nothing(searcher, monkeypatch):
    first = searcher.scores(["accountant", "line cook", "bookkeeper"])
    monkeypatch.setattr(T, "MEMO_SIZE", 2)
    searcher._memo.clear()
    again = searcher.scores(["accountant", "line cook", "bookkeeper"])
    assert len(searcher._memo) <= 2
    np.testing.assert_allclose(first, again)


def test_query_vectors_equal_sklearn(searcher):
    q = ["staff accountant", "zzqq", "line cook cook", ""]
    for vec, analyze in ((searcher.word_, searcher.word_analyzer_),
                         (searcher.char_, searcher.char_analyzer_)):
        ours = T._transform(analyze, vec.vocabulary_, vec.idf_, q).toarray()
        np.testing.assert_allclose(ours, vec.transform(q).toarray(), atol=1e-6)


def test_a_fitted_searcher_travels_to_workers(searcher):
    import pickle  # only to check what process workers (joblib) do with a searcher

    searcher.scores(["accountant"])
    copy = pickle.loads(pickle.dumps(searcher))
    assert copy._memo == {}
    np.testing.assert_allclose(copy.scores(["accountant"]), searcher.scores(["accountant"]))


def test_fuzzy_weights_scale_a_targets_likeness_not_its_exact_titles():
    entries = [TitleEntry("Retail Sales Consultant", 0), TitleEntry("Retail Sales Consultant", 1)]
    plain = TitleSearcher().fit(entries, 2, ["Seller", "Seller"])
    weighed = TitleSearcher().fit(entries, 2, ["Seller", "Seller"], [0.5, 1.0])
    fuzzy = "retail sales consultant for cars"
    assert plain.scores([fuzzy])[0, 0] == pytest.approx(plain.scores([fuzzy])[0, 1])
    got = weighed.scores([fuzzy, "retail sales consultant"])
    assert got[0, 0] < got[0, 1]  # likeness discounted
    assert got[1, 0] == pytest.approx(got[1, 1])  # an exact title is not
    with pytest.raises(RolematchError):
        TitleSearcher().fit(entries, 2, None, [1.0])


def _index(*occs: Occupation):
    from rolematch.occupations import OccupationIndex

    return OccupationIndex(list(occs))


def test_a_title_several_sources_list_outranks_a_reported_title():
    """A reported title (some incumbents' own words) vouches less than an alternate
    title three or more O*NET sources list, even when My Next Move shows it."""
    ix = _index(
        _occ("11-9041.00", title="Engineering Managers",
             reported_titles=("Project Manager",), reported_shown=(True,)),
        _occ("13-1082.00", title="Project Management Specialists",
             alt_titles=("Project Manager",), alt_sources=("02,04,08,10",)),
    )
    assert ix.search("Sr. Project Manager", 1)[0][0].code == "13-1082.00"


def test_a_residual_occupation_weaker_also_in_likeness():
    """What an "All Other" occupation lists is what no specific one claimed: its
    titles count less when met fuzzily too, not only exactly."""
    ix = _index(
        _occ("11-9199.00", title="Managers, All Other", alt_titles=("General Manager",)),
        _occ("11-1021.00", title="General and Operations Managers",
             alt_titles=("General Manager",)),
    )
    assert ix.search("Assistant General Manager", 1)[0][0].code == "11-1021.00"


def test_top_breaks_ties_by_row_and_agrees_with_search():
    entries = [TitleEntry("Retail Sales Consultant", 0), TitleEntry("Retail Sales Consultant", 1),
               TitleEntry("Cashier", 2)]
    s = TitleSearcher().fit(entries, 3, ["Seller", "Seller", "Cashier"])
    (two,), (one,) = s.top(["retail sales consultant"], 2), s.top(["retail sales consultant"], 1)
    assert [j for j, _ in two] == [0, 1] and two[0][1] == pytest.approx(two[1][1])
    assert [j for j, _ in one] == [0]
    assert s.search("retail sales consultant", 2) == two
    assert s.top(["zymurgist"], 2) == [[]]


def test_an_occupation_two_jobs_of_a_line_name_wins(monkeypatch):
    """"Stock Loader / Driver": of the occupations the driver part names, the one the
    loader part names too is the likelier reading (tenth pass), and the line's best
    confidence stays what its best part gave."""
    monkeypatch.setattr(T, "JOB_NOUN_MIN", 1)
    entries = [TitleEntry("Driver", 0), TitleEntry("Driver", 1, 0.97),
               TitleEntry("Stock Loader", 1, 0.9), TitleEntry("Stock Loader", 2)]
    s = TitleSearcher().fit(entries, 3, ["Trucker", "Courier", "Stacker"])
    line, driver = s.scores(["Stock Loader / Driver", "Driver"])
    assert int(line.argmax()) == 1 and int(driver.argmax()) == 0
    assert line.max() == pytest.approx(T.PART_FACTOR * driver.max())
    monkeypatch.setattr(T, "PART_AGREEMENT", 0.0)
    s._memo.clear()
    assert int(s.scores(["Stock Loader / Driver"])[0].argmax()) == 0


def test_is_bare_a_job_noun_many_occupations_share():
    """Bare: one word, no occupation's own title (an "All Other" one's aside), and no
    occupation holds half of the titles ending in it."""
    entries = [TitleEntry("Designer", 0), TitleEntry("Graphic Designer", 1, 0.95),
               TitleEntry("Interior Designer", 2, 0.95), TitleEntry("Web Designer", 3, 0.95),
               TitleEntry("Cashier", 4), TitleEntry("Head Cashier", 1, 0.93),
               TitleEntry("Tax Accountant", 5, 0.95), TitleEntry("Cost Accountant", 5, 0.95),
               TitleEntry("Accountant", 5, 0.95), TitleEntry("Fund Accountant", 6, 0.93)]
    from rolematch.occupations.duties import is_bare

    general = TitleSearcher().fit(entries, 7, general=[0])  # 0: "Designers, All Other"
    assert is_bare(general, "Designer") and is_bare(general, "Sr. Designer")
    assert not is_bare(general, "Graphic Designer")  # two words
    assert not is_bare(general, "Cashier")  # an occupation's own title
    assert not is_bare(general, "Accountant")  # 3 of 4 "... accountant" titles are 5's
    assert not is_bare(TitleSearcher().fit(entries, 7), "Designer")  # 0 a specific one
    with pytest.raises(RolematchError, match="not fitted"):
        is_bare(TitleSearcher(), "Designer")


def test_a_title_that_names_no_job_is_bare():
    """A field or a team with no job noun in it ("Business Development") is bare: its
    duties say what the job was; a line with a job noun, or a title met exactly, is not."""
    from rolematch.occupations.duties import is_bare, names_no_job

    entries = [TitleEntry(f"{w} Manager", k % 3) for k, w in enumerate("abcdefghijklmnopqrstuvw")]
    entries += [TitleEntry("Business Development Manager", 0), TitleEntry("Key Holder", 1)]
    s = TitleSearcher().fit(entries, 3)
    assert T.JOB_NOUN_MIN <= s.head_n_["manager"]
    assert names_no_job(s, "Business Development") and is_bare(s, "Business Development")
    assert not names_no_job(s, "Business Development Manager")  # "manager" ends 20+ titles
    assert not names_no_job(s, "Key Holder")  # a title met exactly
    assert not names_no_job(s, "Payroll Generalist")  # a word for a person: a job
    assert not names_no_job(s, "Ordnanceman") and not names_no_job(s, "Party Planner")
    assert not is_bare(s, "Key Holder")
