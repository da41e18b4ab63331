"""The occupation component (issue 19): a résumé's jobs' O*NET occupations against the
role's — the formula's pure functions, and end to end on a tiny made-up occupation
index (no shared data): same occupation > related > unrelated, a role without an
occupation renormalised, explained with the job lines, cached with the features."""

from __future__ import annotations

import numpy as np
import pytest

from rolematch import formula as F
from rolematch.features import Job
from rolematch.occupations import Occupation, OccupationIndex
from rolematch.occupations.posting_titles import title_occupations
from rolematch.roles import RoleProfile, RoleSkill
from rolematch.score import Matcher


# --------------------------------------------------------------------------- formula
@pytest.mark.parametrize("job, role, related, kind", [
    ("13-2011.00", "13-2011.00", False, "same"),
    ("13-2011.01", "13-2011.00", False, "broad"),
    ("43-3031.00", "13-2011.00", True, "related"),
    ("13-2051.00", "13-2011.00", False, "minor"),
    ("13-1111.00", "13-2011.00", False, "major"),
    ("35-1011.00", "13-2011.00", False, None),
])
def test_occupation_kind(job, role, related, kind):
    assert F.occupation_kind(job, role, related) == kind


def test_job_evidence_grows_with_closeness_confidence_and_recency():
    base = F.job_evidence(1.0, 0.5, 3.0)
    assert F.job_evidence(1.0, 0.6, 3.0) > base               # surer title
    assert F.job_evidence(1.0, 0.5, 1.0) > base               # more recent
    assert F.job_evidence(0.5, 0.5, 3.0) == pytest.approx(base / 2)
    assert F.job_evidence(1.0, 0.9, None) == pytest.approx(1.0)  # full at 0.7, current
    assert F.job_evidence(0.0, 0.9, 0.0) == 0.0


def test_tenure_saturates_in_the_years():
    assert F.tenure(0.0) == F.OCCUPATION_TENURE_UNKNOWN
    assert F.OCCUPATION_TENURE_FLOOR < F.tenure(1.0) < F.tenure(2.0) < F.tenure(10.0) < 1.0
    assert F.tenure(10.0) - F.tenure(5.0) < F.tenure(2.0) - F.tenure(1.0)


def test_job_closeness_reads_the_readings_mostly_as_a_distribution():
    def expected(spread, peak):
        return (1 - F.BEST_READING_SHARE) * spread + F.BEST_READING_SHARE * peak

    assert F.job_closeness([1.0, 1.0], [0.9, 0.5]) == pytest.approx(1.0)  # all near
    assert F.job_closeness([1.0, 0.0], [0.6, 0.6]) == pytest.approx(expected(0.5, 1.0))
    vague = F.job_closeness([1.0, 0.0, 0.0, 0.0], [0.6] * 4)
    assert vague == pytest.approx(expected(0.25, 1.0))
    assert vague < F.job_closeness([1.0, 0.0], [0.6, 0.6])  # more readings elsewhere: less
    runner_up = F.job_closeness([0.0, 1.0], [0.8, 0.4])  # only the second reading is near
    assert runner_up == pytest.approx(expected(1 / 3, 0.5**F.READING_POWER))
    assert F.job_closeness([0.5, 0.0], [0.8, 0.8]) == pytest.approx(expected(0.25, 0.5))
    assert F.job_closeness([], []) == 0.0 and F.job_closeness([1.0], [0.0]) == 0.0


def test_occupation_is_the_best_job_times_the_years_near_the_role():
    def raw(e, years):  # the component before its saturating curve
        return F.occupation(e, years)

    full = F.OCCUPATION_FULL
    assert raw([], []) == 0.0
    assert raw([0.0, 0.0], [3.0, 4.0]) == 0.0
    assert raw([0.2], [2.0]) == pytest.approx(float(F.saturate(0.2 * F.tenure(2.0) / full)))
    one = raw([0.4], [1.0])
    assert raw([0.4], [10.0]) > one                                # 10 years beat 1
    assert raw([0.4, 0.4], [5.0, 5.0]) == pytest.approx(raw([0.4], [10.0]))
    assert raw([0.4, 0.0], [1.0, 9.0]) == pytest.approx(one)       # an unrelated job
    assert raw([0.4, 0.2], [1.0, 2.0]) == pytest.approx(raw([0.4], [2.0]))
    assert raw([0.4, 0.2], [1.0, 2.0]) > one                       # more jobs never lower it
    assert raw([0.4], [0.0]) == pytest.approx(
        float(F.saturate(0.4 * F.OCCUPATION_TENURE_UNKNOWN / full)))
    assert 0.9 < raw([1.0], [30.0]) < 1.0                          # bounded, never flat


def test_shares_renormalise_when_a_role_has_no_occupation():
    w = F.Weights()
    s = w.shares({"occupation": np.array([True, False])})
    assert sum(v[0] for v in s.values()) == pytest.approx(1.0)
    assert sum(v[1] for v in s.values()) == pytest.approx(1.0)
    assert s["occupation"][1] == 0.0
    assert s["vocabulary"][1] > s["vocabulary"][0]


# --------------------------------------------------------------------------- end to end
@pytest.fixture(scope="module")
def index():
    def occ(code, title, alt=(), related=()):
        return Occupation("onet", code, title, tuple(alt), (), 4, None, tuple(related))

    return OccupationIndex([
        occ("13-2011.00", "Accountants and Auditors", ("Staff Accountant", "Accountant"),
            ("43-3031.00",)),
        occ("43-3031.00", "Bookkeeping, Accounting, and Auditing Clerks", ("Bookkeeper",),
            ("13-2011.00",)),
        occ("35-1011.00", "Chefs and Head Cooks", ("Sous Chef", "Chef")),
        occ("15-1252.00", "Software Developers", ("Software Engineer",)),
    ])


def _role(rid, title, codes):
    return RoleProfile(id=rid, title=title, skills=(RoleSkill("excel", 1.0, True),
                                                    RoleSkill("sql", 0.5, True)),
                       occupations=tuple(codes))


RESUME = ("Sam Lee\n\nExperience\nStaff Accountant, Acme\n2015 - 2020\n"
          "- Reconciled ledgers in Excel; SQL reports for the auditors\n")
CHANGER = ("Sam Lee\n\nExperience\nSous Chef, Bistro\n2015 - 2020\n"
           "- Costed menus in Excel; SQL reports for the owners\n")


@pytest.fixture(scope="module")
def fitted(index):
    roles = [_role("accountant", "Accountant", ["13-2011.00"]),
             _role("bookkeeper", "Bookkeeper", ["43-3031.00"]),
             _role("developer", "Developer", ["15-1252.00"]),
             _role("mystery", "Mystery Role", [])]
    return Matcher(occupations=index).fit(roles)


def test_same_occupation_beats_related_beats_unrelated(fitted, make_resume):
    f = fitted.featurize(make_resume(RESUME))
    assert [(j.title, j.dates, j.code) for j in f.jobs] == \
        [("Staff Accountant", "2015–2020", "13-2011.00")]
    fits = {r: fitted.match(f, r).component("occupation") for r in
            ("accountant", "bookkeeper", "developer")}
    assert fits["accountant"].value > fits["bookkeeper"].value > fits["developer"].value == 0
    assert fits["accountant"].detail == \
        "Staff Accountant 2015–2020 → Accountants and Auditors, same occupation"
    assert fits["bookkeeper"].detail.endswith("a related occupation")
    assert "no job in the role's occupation (Software Developers)" in fits["developer"].detail


def test_a_role_without_an_occupation_has_no_such_component(fitted, make_resume):
    fit = fitted.match(make_resume(RESUME), "mystery")
    occ = fit.component("occupation")
    assert occ.weight == 0.0 and "not known" in occ.detail
    assert sum(c.weight for c in fit.components) == pytest.approx(1.0, abs=1e-3)
    assert fit.score == pytest.approx(sum(c.points for c in fit.components), abs=0.05)


def test_a_career_changer_still_scores_on_skills(fitted, make_resume):
    """Same skills, no accounting title: the skill components keep their values; only
    the occupation component's points are missing."""
    a = fitted.match(make_resume(RESUME), "accountant")
    b = fitted.match(make_resume(CHANGER), "accountant")
    assert b.component("required").value == a.component("required").value > 0
    assert b.component("occupation").value == 0.0
    lost = a.score - b.score
    assert 0 < lost <= a.component("occupation").points + 5  # +5: the other words differ


def test_packed_features_keep_the_jobs(fitted, make_resume, tmp_path):
    from rolematch._cache import ResumeCache

    f = fitted.featurize(make_resume(RESUME))
    packed = fitted.pack(f)
    assert packed.jobs == f.jobs
    np.testing.assert_array_equal(fitted.score_matrix([packed]), fitted.score_matrix([f]))
    c = ResumeCache(tmp_path / "cache.sqlite")
    c.put_features("k", packed, dated=False)
    back = c.get_features("k", packed.source)
    assert back is not None and back.jobs == packed.jobs
    assert Job.from_list(packed.jobs[0].to_list()) == packed.jobs[0]


def test_posting_titles_name_their_occupations(index):
    assert title_occupations("Accountants and Auditors / Bookkeeper", index) == \
        ("13-2011.00", "43-3031.00")
    assert title_occupations("Sous Chef, Except Pastry", index) == ("35-1011.00",)
    assert title_occupations("Zymurgist", index) == ()


# --------------------------------------------------------------------------- readings
def test_jobs_keep_their_titles_readings(fitted, make_resume):
    (job,) = fitted.featurize(make_resume(RESUME)).jobs
    assert job.readings[0] == (job.code, job.confidence)
    assert all(a[1] >= b[1] for a, b in zip(job.readings, job.readings[1:]))
    old = job.to_list()[:8]  # features cached before readings existed: the code alone
    assert Job.from_list(old).occupations == ((job.code, job.confidence),)


def test_a_runner_up_reading_counts_less_than_a_first_one(fitted, make_resume):
    """A title the search reads first as a chef's, second as an accountant's (a title
    several occupations share): the accountant role still sees it, below a job read
    first as an accountant's, and the explanation names both readings."""
    from dataclasses import replace

    f = fitted.featurize(make_resume(RESUME))
    first = replace(f.jobs[0], code="13-2011.00", confidence=0.8,
                    readings=(("13-2011.00", 0.8), ("35-1011.00", 0.6)))
    second = replace(first, code="35-1011.00", occupation="Chefs and Head Cooks",
                     readings=(("35-1011.00", 0.8), ("13-2011.00", 0.6)))
    a = fitted.match(replace(f, jobs=(first,)), "accountant").component("occupation")
    b = fitted.match(replace(f, jobs=(second,)), "accountant").component("occupation")
    assert a.value > b.value > 0
    assert b.detail.endswith("→ Chefs and Head Cooks or Accountants and Auditors, same occupation")
    vague = replace(first, readings=(("13-2011.00", 0.8), ("35-1011.00", 0.8),
                                      ("15-1252.00", 0.8)))
    v = fitted.match(replace(f, jobs=(vague,)), "accountant").component("occupation")
    assert a.value > v.value > 0  # a title read as three occupations shows each less
    none = replace(second, readings=(("35-1011.00", 0.8),))
    assert fitted.match(replace(f, jobs=(none,)), "accountant").component("occupation").value == 0


def test_search_top_is_each_titles_best_scores_ties_by_row(index):
    titles = ["Staff Accountant", "Chef", "Zymurgist", "Bookkeeper", "Accounting Clerk"]
    tops = index.search_top(titles, 3)
    searcher, targets = index._searcher("onet")
    for title, top, row in zip(titles, tops, searcher.scores(titles)):
        want = [j for j in np.argsort(-row, kind="stable")[:3] if row[j] > 0]
        assert [o.code for o, _ in top] == [targets[j].code for j in want], title
        assert index.search(title, 3) == top
    assert [t[0] if t else None for t in tops] == index.search_many(titles)
    assert all(len(t) <= 3 and [c for _, c in t] == sorted((c for _, c in t), reverse=True)
               for t in tops)
    assert tops[0][0][0].code == "13-2011.00"
