"""Fit scoring: components, explanations, and the properties a user relies on."""

from __future__ import annotations

import re

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rolematch.errors import RolematchError
from rolematch.roles import RoleSet, role_document
from rolematch.score import Matcher, Weights

BASE = """Jordan Avery
jordan.avery@example.com | (555) 010-2000 | linkedin.com/in/javery

Summary
Product manager who turns customer problems into shipped software.

Professional Experience
Product Manager, Northwind Apps
Jan 2020 - Present
- Wrote product requirements and user stories for the mobile app
- Built the product roadmap with engineering and design
- Ran Agile ceremonies and prioritized the backlog in Jira

Business Analyst, Contoso Retail
Mar 2015 - Dec 2019
- Analysed sales data with SQL and Excel
- Presented findings to stakeholders

Education
Bachelor of Science in Computer Science, State University, 2014

Skills
Confluence, Tableau, Python
"""

TPM = "technical-product-manager"


def test_score_is_the_weighted_sum_of_its_components(matcher, make_resume):
    fit = matcher.match(make_resume(BASE), TPM)
    assert 0 <= fit.score <= 100
    # each value and weight is shown rounded to 4 decimals, so each component's points
    # may miss by 100 x 0.00005 x (value + weight): at most 0.005 x (sum of values + 1)
    slack = 0.005 * (sum(c.value for c in fit.components) + 1.0)
    assert fit.score == pytest.approx(sum(c.points for c in fit.components), abs=slack)
    assert {c.name for c in fit.components} == set(Weights.COMPONENTS)
    # each weight is shown rounded to 4 decimals: 7 roundings may miss 1 by 7 x 0.00005
    assert sum(c.weight for c in fit.components) == pytest.approx(1.0, abs=7 * 0.00005)


def test_fit_explains_matches_with_evidence_lines(matcher, make_resume):
    resume = make_resume(BASE)
    fit = matcher.match(resume, TPM)
    matched = {m.skill_id: m for m in fit.matched}
    assert {"sql", "agile", "product-roadmapping", "user-stories"} <= set(matched)
    sql = matched["sql"]
    assert sql.required and any("SQL" in e.text for e in sql.evidence)
    assert all(resume.lines[e.line].strip() == e.text for e in sql.evidence)
    # missing skills: required ones first, then by weight
    keys = [(not g.required, -g.weight) for g in fit.missing]
    assert keys == sorted(keys)
    assert fit.years >= 9 and fit.education_level == "bachelor"


def test_recent_jobs_count_more_than_old_jobs_and_skill_lists(matcher, make_resume):
    fit = matcher.match(make_resume(BASE), TPM)
    credit = {m.skill_id: m.credit for m in fit.matched}
    assert credit["agile"] == 1.0            # in the current job
    assert credit["sql"] < credit["agile"]   # only in a job that ended years earlier
    skills_only = credit.get("confluence")   # only in the skills list
    assert skills_only is not None and skills_only < credit["sql"]


def test_related_skill_gives_partial_credit(matcher, make_resume, taxonomy):
    hubspot = taxonomy["hubspot"]
    assert "marketo" in hubspot.related or "hubspot" in taxonomy["marketo"].related
    text = BASE.replace("Confluence, Tableau, Python", "Marketo")
    fits = {f.role_id: f for f in matcher.rank(make_resume(text))}
    asks_hubspot = [f for f in fits.values()
                    if any(p.skill_id == "hubspot" and p.via_id == "marketo" for p in f.partial)]
    assert asks_hubspot, "a role asking HubSpot should credit Marketo partly"
    assert asks_hubspot[0].component("related").value > 0


def test_score_matrix_agrees_with_match_and_rank(matcher, make_resume):
    resumes = [make_resume(BASE), make_resume(BASE.replace("SQL", "Go"))]
    mat = matcher.score_matrix(resumes)
    assert mat.shape == (2, len(matcher.roles_))
    for i, r in enumerate(resumes):
        for j, role in enumerate(matcher.roles_):
            assert mat[i, j] == pytest.approx(matcher.match(r, role.id).score)
    ranked = matcher.rank(resumes[0])
    assert [f.score for f in ranked] == sorted((f.score for f in ranked), reverse=True)
    totals, best = matcher.best_fits(resumes, top=2)
    np.testing.assert_array_equal(totals, mat)
    assert [len(b) for b in best] == [2, 2]
    for r, b in zip(resumes, best):
        assert b == matcher.rank(r)[:2]
        assert b[0] == matcher.match(r, b[0].role_id)


def test_deterministic(make_resume, roleset):
    a = Matcher().fit(roleset).score_matrix([make_resume(BASE)])
    b = Matcher().fit(roleset).score_matrix([make_resume(BASE)])
    np.testing.assert_array_equal(a, b)


def test_a_postings_own_new_words_count(make_resume):
    """Words the built model never saw (a trade's jargon) join the matcher's vocabulary
    at the highest IDF instead of being dropped; the shipped model is not changed."""
    from rolematch import RoleProfile
    from rolematch._model import default_text_model

    posting = ("Cellar Hand\n\nRequirements:\n- Experience with SQL and Excel\n"
               "- Racking, pigeage and remontage during vendange\n")
    role = RoleProfile.from_text(posting, id="cellar-hand")
    base = default_text_model()
    assert "pigeage" not in base.vocabulary
    m = Matcher(weights={"tfidf_full": 1.0}).fit([role])  # unclipped: a 3-line posting
    assert "pigeage" in m.model_.vocabulary and "pigeage" not in base.vocabulary
    assert m.model_.idf[m.model_.vocabulary["pigeage"]] == base.idf.max()
    common = "Experience\n2020 - 2024 Analyst, Acme\n- Reports in SQL and Excel\n"
    plain = make_resume("Sam Lee\n\n" + common)
    jargon = make_resume("Sam Lee\n\n" + common + "- Racking, pigeage and remontage\n")
    vocab = [m.match(r, "cellar-hand").component("vocabulary").value for r in (plain, jargon)]
    assert vocab[1] > vocab[0]
    # features are vocabulary-free: the same features score against either matcher
    f = m.featurize(jargon)
    shipped = Matcher().fit(RoleSet.default())
    assert shipped.score_matrix([f]).shape == (1, len(RoleSet.default()))


def test_weights_can_be_changed_and_are_checked(roleset, make_resume):
    only_skills = Matcher(weights={"required": 1, "preferred": 0, "related": 0, "vocabulary": 0,
                                   "experience": 0, "education": 0,
                                   "occupation": 0}).fit(roleset)
    fit = only_skills.match(make_resume(BASE), TPM)
    assert fit.score == pytest.approx(100 * fit.component("required").value, abs=0.01)
    with pytest.raises(RolematchError, match="weight vocabulary must be a number >= 0"):
        Weights(vocabulary=-1)


def test_unfitted_matcher_says_so(make_resume):
    with pytest.raises(RolematchError, match=r"not fitted yet; call \.fit"):
        Matcher().match(make_resume(BASE), TPM)


def test_unknown_role_is_named(matcher, make_resume):
    with pytest.raises(RolematchError, match="unknown role 'astronaut'"):
        matcher.match(make_resume(BASE), "astronaut")


# --------------------------------------------------------------------------- properties
ROLE_IDS = st.sampled_from(["technical-product-manager", "product-manager",
                            "technical-marketing-manager", "marketing-analyst",
                            "developer-relations", "content-marketing-manager"])
FAST = settings(max_examples=25, deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture])


@FAST
@given(role_id=ROLE_IDS, data=st.data())
def test_adding_a_required_skill_never_lowers_the_score(matcher, make_resume, taxonomy,
                                                         role_id, data):
    before_fit = matcher.match(make_resume(BASE), role_id)
    lacking = [g.skill_id for g in before_fit.missing if g.required] + \
        [p.skill_id for p in before_fit.partial if p.required]
    skill = data.draw(st.sampled_from(lacking))
    before = before_fit.score
    line = f"- Applied {taxonomy[skill].name} daily"
    text = BASE.replace("- Presented findings to stakeholders",
                        "- Presented findings to stakeholders\n" + line)
    after = matcher.match(make_resume(text), role_id).score
    assert after >= before


FILLER = st.lists(st.sampled_from(["lorem", "ipsum", "dolor", "sit", "amet", "qwerty",
                                   "zxcv", "blorp"]), min_size=1, max_size=40)


@FAST
@given(role_id=ROLE_IDS, times=st.integers(2, 4), filler=FILLER)
def test_repeating_or_padding_never_raises_the_score(matcher, make_resume, role_id, times,
                                                     filler):
    base = matcher.match(make_resume(BASE), role_id).score
    body = BASE.split("\n", 2)[2]
    repeated = BASE + ("\n" + body) * (times - 1)
    assert matcher.match(make_resume(repeated), role_id).score <= base
    padded = BASE.replace("Summary\n", "Summary\n" + " ".join(filler) + "\n")
    assert matcher.match(make_resume(padded), role_id).score <= base


NAMES = st.sampled_from(["Jordan Avery", "María José García", "Oluwaseun Adeyemi",
                         "Wei Zhang", "Aisha Rahman", "Dmitri Volkov", "Emily Smith",
                         "Mohammed Al-Farsi", "Priya Natarajan", "Liam O'Connor"])


@FAST
@given(role_id=ROLE_IDS, name=NAMES, email=st.emails(),
       pronouns=st.sampled_from(["he/him", "she/her", "they/them"]),
       extra=st.sampled_from(["", "Mother of two", "Father of three", "Photo: headshot.jpg",
                              "Married, 45 years old", "Age: 29"]))
def test_who_the_person_is_never_changes_the_score(matcher, make_resume, role_id, name,
                                                   email, pronouns, extra):
    base = matcher.match(make_resume(BASE), role_id)
    text = BASE.replace("Jordan Avery", f"{name} ({pronouns})", 1)
    text = text.replace("jordan.avery@example.com", email, 1)
    if extra:
        text = text.replace("Summary\n", f"Summary\n{extra}\n", 1)
    other = matcher.match(make_resume(text), role_id)
    assert other.score == base.score
    assert [g.skill_id for g in other.missing] == [g.skill_id for g in base.missing]


@FAST
@given(shift=st.integers(-15, 15), role_id=ROLE_IDS)
def test_graduation_year_never_changes_the_score(matcher, make_resume, shift, role_id):
    base = matcher.match(make_resume(BASE), role_id).score
    text = re.sub(r"State University, 2014", f"State University, {2014 + shift}", BASE)
    assert matcher.match(make_resume(text), role_id).score == base


def test_words_common_in_the_background_weigh_less_than_rare_ones(make_resume):
    """Weights.contrast: a word most occupation texts use ("equipment") tells roles
    apart less than a rarer one ("patients"), on top of their IDF; with contrast 0 both
    keep their IDF.  A sub-set of a fitted matcher scores as the whole set."""
    from rolematch import RoleProfile

    texts = {"a": "Nurse\n\nResponsibilities:\n- Care for patients and clean equipment\n",
             "b": "Teacher\n\nResponsibilities:\n- Teach students and clean equipment\n",
             "c": "Chef\n\nResponsibilities:\n- Cook meals and clean equipment\n"}
    roles = [RoleProfile.from_text(t, id=k) for k, t in texts.items()]
    for contrast, shared_lower in ((2.0, True), (0.0, False)):
        m = Matcher(weights={"contrast": contrast}).fit(roles)
        v, row = m.model_.vocabulary, m.role_vectors_[0].toarray()[0]
        flat = m.model_.transform_roles([role_document(roles[0], m.taxonomy_)]).toarray()[0]
        ratio = lambda x: x[v["equipment"]] / x[v["patients"]]  # noqa: E731
        assert bool(ratio(row) < ratio(flat) - 1e-9) == shared_lower
    m = Matcher(weights={"tfidf_full": 1.0}).fit(roles)  # unclipped, so contrast shows
    resume = make_resume("Sam Lee\n\nExperience\n2020 - 2024 Nurse, Acme\n- Cared for patients\n")
    whole = m.score_matrix([resume])
    assert np.allclose(m.score_matrix([resume], roles=["a", "b"]), whole[:, :2])
    assert m.match(resume, "b").score == whole[0, 1]


def test_the_experience_sentence_says_when_no_job_dates_were_found(matcher):
    """Issue 16 item 11: with no dated job the experience component is 0, and the
    explanation says why instead of leaving a bare "0.0 years"."""
    from rolematch.documents import NO_JOB_DATES, read_resume

    text = "Jane Roe\n\nExperience\nMarketing Manager, Acme\nRan campaigns in HubSpot.\n"
    resume = read_resume(text.encode(), filename="cv.txt")
    assert NO_JOB_DATES in resume.notes
    fit = matcher.match(resume, "marketing-analyst")
    detail = next(c.detail for c in fit.components if c.name == "experience")
    assert NO_JOB_DATES in detail


def test_a_roles_score_does_not_depend_on_the_roles_scored_with_it(matcher, make_resume):
    """Issue 19: a résumé scores the same against a role scored alone, among the
    shipped roles, or among any postings (within 0.5 points; in fact to float
    precision): role words weigh against a fixed background, and a résumé's length is
    measured on the base vocabulary, whatever words other roles bring."""
    from rolematch import RoleProfile

    postings = [RoleProfile.from_text(t, id=k) for k, t in {
        "cellar-hand": "Cellar Hand\n\nRequirements:\n- Experience with SQL and Excel\n"
                       "- Racking, pigeage and remontage\n",
        "nurse": "Nurse\n\nRequirements:\n- Experience with SQL and Excel\n"
                 "- Care for patients\n",
        "analyst": "Data Analyst\n\nRequirements:\n- Experience with SQL and Tableau\n",
    }.items()]
    resume = make_resume("Sam Lee\n\nExperience\n2019 - 2024 Marketing Analyst, Acme\n"
                         "- SQL and Tableau dashboards for campaigns; some pigeage\n"
                         "- Ran A/B tests and SEO audits\n")
    role = matcher.roles_[0]
    together = {
        "alone": Matcher().fit([role]),
        "shipped": matcher,
        "postings": Matcher().fit([*postings, role]),
        "postings, then the role among them": Matcher().fit([postings[0], role, postings[2]]),
    }
    scores = {k: m.match(resume, role.id).score for k, m in together.items()}
    assert max(scores.values()) - min(scores.values()) < 1e-6, scores
    alone = together["alone"].match(resume, postings[2]).score
    assert abs(together["postings"].match(resume, "analyst").score - alone) < 1e-6
