"""Scoring many résumés as arrays: Matcher.fit_summary and packed features give what
best_fits and missing_required give, and the vectorized credit rows equal the
per-skill definition."""

from __future__ import annotations

import random
from dataclasses import replace

import numpy as np
import pytest

from rolematch.roles import RoleProfile
from rolematch.score import Matcher, PackedFeatures, ResumeFeatures


def _near(tax, sid):
    """Children and related skills of ``sid`` by the taxonomy's own lookups."""
    if sid not in tax:
        return [], []
    return [c.id for c in tax.children(sid)], [r.id for r in tax.related(sid)]


def reference_credit_rows(m: Matcher, feats):
    """The definition, skill by skill (the loop the credit rows replaced); a skill
    inferred from a line's meaning counts only as itself, never as a narrower or
    related skill."""
    index = m.fitted_.index
    n, S = len(feats), len(index.ids)
    direct, related = np.zeros((n, S)), np.zeros((n, S))
    cc, rc = m.weights_.child_credit, m.weights_.related_credit
    for i, f in enumerate(feats):
        cr = f.credit
        named = {k: v for k, v in cr.items() if k not in f.inferred}
        for sid, j in index.col.items():
            children, rel = _near(m.taxonomy_, sid)
            d = cr.get(sid, 0.0)
            for child in children:
                d = max(d, cc * named.get(child, 0.0))
            direct[i, j] = d
            if d == 0.0:
                related[i, j] = rc * max((named.get(o, 0.0) for o in rel), default=0.0)
    return direct, related


@pytest.fixture(scope="module")
def feats(matcher, example_files):
    from rolematch.documents import read_resume

    return [matcher.featurize(read_resume(p)) for p in example_files]


def test_credit_rows_equal_the_definition(matcher, taxonomy, feats):
    rnd = random.Random(5)
    near = sorted({s for sid in matcher.fitted_.index.ids
                   for s in (sid, *sum(_near(taxonomy, sid), []))})
    every = sorted(sk.id for sk in taxonomy)
    made = [ResumeFeatures(f"r{k}", {s: rnd.choice([0.7, 0.75, 0.85, 0.9, 1.0])
                                     for s in rnd.sample(near, 30) + rnd.sample(every, 10)},
                           {}, {}) for k in range(40)]
    # some skills inferred from a line's meaning (they count only as themselves)
    made = [replace(f, inferred=frozenset(rnd.sample(sorted(f.credit), 8)))
            if k % 2 else f for k, f in enumerate(made)]
    made.append(ResumeFeatures("none", {}, {}, {}))
    for fs in (made, list(feats)):
        got = matcher.fitted_.index.credit_rows(fs, matcher.weights_)
        want = reference_credit_rows(matcher, fs)
        np.testing.assert_array_equal(got[0], want[0])
        np.testing.assert_array_equal(got[1], want[1])


@pytest.mark.parametrize("top", [2, None, 0])
def test_fit_summary_is_what_best_fits_and_missing_required_say(matcher, feats, top):
    totals, fits = matcher.best_fits(feats, top)
    missing = matcher.missing_required(feats)
    for given in (feats, [matcher.pack(f) for f in feats]):
        s = matcher.fit_summary(given, top)
        assert s.role_ids == tuple(r.id for r in matcher.roles_)
        np.testing.assert_array_equal(s.scores, totals)
        for i, mine in enumerate(fits):
            assert [s.role_ids[j] for j in s.top[i]] == [f.role_id for f in mine]
            assert s.role_ids[s.best[i]] == matcher.rank(feats[i])[0].role_id
            for j, f in zip(s.top[i], mine):
                assert list(s.missing[i][j]) == [g.skill_id for g in f.missing_required]
                assert s.matched[i, j] == len(f.matched)
            assert {r: list(x) for r, x in zip(s.role_ids, s.missing[i])} == missing[i]
    every = matcher.best_fits(feats)[1]
    s = matcher.fit_summary(feats, None)
    for i, mine in enumerate(every):
        assert [s.matched[i, j] for j in s.top[i]] == [len(f.matched) for f in mine]


def test_packed_features_score_like_their_features_with_a_postings_new_words(matcher, make_resume):
    posting = ("Cellar Hand\n\nRequirements:\n- Experience with SQL and Excel\n"
               "- Racking, pigeage and remontage during vendange\n")
    m = Matcher(weights={"tfidf_full": 1.0}).fit(  # unclipped vocabulary: a 3-line posting
        [RoleProfile.from_text(posting, id="cellar-hand"), *matcher.roles_[:2]])
    assert "pigeage" in m.fitted_.text.new_terms
    common = "Experience\n2020 - 2024 Analyst, Acme\n- Reports in SQL and Excel\n"
    rs = [make_resume("Sam Lee\n\n" + common),
          make_resume("Sam Lee\n\n" + common + "- Racking, pigeage and remontage\n")]
    fs = [matcher.featurize(r) for r in rs]
    packed = [matcher.pack(f) for f in fs]  # packed by another matcher, same base model
    assert "pigeage" in packed[1].other.split("\n")
    want = m.score_matrix(fs)
    np.testing.assert_array_equal(m.fit_summary(packed).scores, want)
    np.testing.assert_array_equal(m.fit_summary([fs[0], packed[1]]).scores, want)
    assert want[1, 0] > want[0, 0]
    assert matcher.fit_summary(packed).scores.shape == (2, len(matcher.roles_))


def test_packed_features_of_another_model_are_refused(matcher, feats):
    from rolematch.errors import RolematchError

    p = matcher.pack(feats[0])
    alien = PackedFeatures(p.source, p.credit, p.cols, p.counts, vocab_size=p.vocab_size + 1)
    with pytest.raises(RolematchError, match="another text model"):
        matcher.fit_summary([alien])
    assert matcher.fit_summary([]).scores.shape == (0, len(matcher.roles_))


def test_packed_features_score_against_a_sub_set_of_an_extended_matcher(matcher, make_resume):
    """A sub-matcher shares its parent's base model: features packed on the shipped
    model score there as in the parent, their extra words looked up as text."""
    posting = ("Cellar Hand\n\nRequirements:\n- Experience with SQL and Excel\n"
               "- Racking, pigeage and remontage during vendange\n")
    m = Matcher().fit([RoleProfile.from_text(posting, id="cellar-hand"), *matcher.roles_[:3]])
    r = make_resume("Sam Lee\n\nExperience\n2020 - 2024 Analyst, Acme\n- SQL, Excel, pigeage\n")
    f = matcher.featurize(r)
    packed = matcher.pack(f)
    for roles in (["cellar-hand", matcher.roles_[0].id], [matcher.roles_[1].id], None):
        np.testing.assert_array_equal(m.fit_summary([packed], roles=roles).scores,
                                      m.score_matrix([f], roles=roles))
    sub = m._sub(["cellar-hand"])
    assert len(sub.fitted_.text.base.vocabulary) == packed.vocab_size
    assert len(sub.model_.vocabulary) > packed.vocab_size      # "pigeage" came with the posting
    assert sub.pack(f).vocab_size == len(sub.fitted_.text.base.vocabulary)
