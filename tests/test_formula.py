"""The scoring formula (rolematch.formula): bounded, strictly increasing components,
renormalised weights for absent components, and the documents that quote it."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest

from rolematch import formula as F
from rolematch.score import Matcher, Weights

REPO = Path(__file__).resolve().parent.parent


def test_saturate_is_bounded_strictly_increasing_and_smooth():
    r = np.linspace(0.0, 6.0, 6001)
    y = F.saturate(r)
    assert np.all(np.diff(y) > 0), "flat somewhere: evidence beyond it would tie"
    assert y[0] == 0.0 and np.all(y < 1.0)
    k = F.SATURATION_KNEE
    below, above = F.saturate(k - 1e-9), F.saturate(k + 1e-9)
    assert above - below == pytest.approx(2e-9, rel=1e-3)  # same slope where they meet
    assert F.saturate(0.5) == 0.5  # linear below the knee
    assert F.saturate(-1.0) == 0.0


def test_vocabulary_keeps_rising_past_its_full_point():
    full = 0.2
    v = F.vocabulary(np.array([0.1, 0.2, 0.3, 0.5]), full)
    assert np.all(np.diff(v) > 0) and v[-1] < 1.0
    assert v[0] == pytest.approx(0.5)


def test_experience_education_and_coverage():
    e = F.experience(np.array([0.0, 2.5, 5.0, 10.0, 20.0]), 5.0)
    assert np.all(np.diff(e) > 0) and e[-1] < 1.0
    assert F.experience(3.0, 0.0) == 1.0  # no minimum
    eased = F.experience(np.array([4.0, 6.0, 7.0, 40.0]), 2.0, max_years=4.0)
    assert eased[0] < eased[1]  # up to OVER_MAX_SLACK above the maximum: still rising
    assert eased[2] < eased[1] and eased[3] == pytest.approx(F.OVER_MAX_FLOOR)
    levels = F.education(np.array([-1, 0, 1, 2, 3]), 2)
    np.testing.assert_array_equal(levels, [0.0, 0.0, F.EDUCATION_ONE_BELOW, 1.0, 1.0])
    assert F.education(-1, -1) == 1.0
    np.testing.assert_array_equal(F.coverage(np.array([0.0, 1.0, 3.0]), np.array(2.0)),
                                  [0.0, 0.5, 1.0])


def test_an_absent_component_renormalises_the_others():
    w = Weights()
    values = {c: np.array([[0.5, 0.5]]) for c in F.COMPONENTS}
    values["vocabulary"] = np.array([[1.0, 1.0]])
    present = {"vocabulary": np.array([True, False])}
    total = F.combine(values, w, present)
    assert total[0, 1] == pytest.approx(50.0)  # the rest are all 0.5
    shares = w.shares(present)
    assert sum(s[1] for s in shares.values()) == pytest.approx(1.0)
    assert total[0, 0] == pytest.approx(F.combine(values, w)[0, 0])


def test_lever_points_come_from_the_formula():
    from rolematch._report_util import lever

    d = {"components": [{"name": c, "value": 1.0, "weight": 0.1} for c in F.COMPONENTS],
         "missing": [], "partial": [], "experience": {"years": 1.0, "min_years": 0},
         "education": {"level": None, "required": None}}
    d["components"][3]["value"] = 0.0  # vocabulary: 10 points lost, counted at a share
    assert lever(d) == "wording: describe your work in the role's own terms"
    assert F.points_lost(0.0, 0.1) * F.WORDING_LEVER_SHARE > 0.05


def _table_weights(path: Path) -> dict[str, float]:
    text = path.read_text(encoding="utf-8")
    return {m.group(1): float(m.group(2))
            for m in re.finditer(r"^\| `(\w+)` \| ([0-9.]+) \|", text, flags=re.M)}


@pytest.mark.parametrize("doc", ["README.md", "docs/scoring.md"])
def test_weights_tables_quote_the_defaults(doc):
    w = Weights()
    table = _table_weights(REPO / doc)
    assert table == {c: getattr(w, c) for c in F.COMPONENTS}
    assert f"nearly full at {w.tfidf_full:g}" in (REPO / doc).read_text(encoding="utf-8")


BASE = ("Sam Lee\n\nExperience\n2019 - present Product Manager, Acme\n"
        "- Roadmap, user stories, backlog, sprint planning and stakeholder updates\n"
        "- Agile delivery with Jira; SQL analysis of product metrics and A/B tests\n")


def test_explanation_shows_the_real_cosine(roleset, make_resume):
    """The vocabulary sentence quotes the cosine itself, also above the full point."""
    m = Matcher(weights={"tfidf_full": 0.01}).fit(roleset)
    fit = m.match(make_resume(BASE), "technical-product-manager")
    comp = fit.component("vocabulary")
    cosine = float(re.search(r"cosine ([0-9.]+)", comp.detail).group(1))
    assert cosine > 0.01 + 0.005
    assert comp.value == pytest.approx(float(F.vocabulary(cosine, 0.01)), abs=2e-3)


def test_scores_are_not_rounded_to_a_grid(matcher, make_resume):
    s = matcher.score_matrix([make_resume(BASE)])
    assert np.any(np.abs(s * 100 - np.round(s * 100)) > 1e-6)


def test_more_evidence_never_ties(matcher, make_resume):
    """A résumé with more of a role's words scores strictly higher, also when both are
    past the vocabulary's full point (they tied there before)."""
    more = BASE + "- Product roadmap and backlog for the API platform; user stories\n"
    cos = float(re.search(r"cosine ([0-9.]+)", matcher.match(
        make_resume(BASE), "technical-product-manager").component("vocabulary").detail)[1])
    full = round(cos / 1.3, 3)  # both résumés past the full point
    only_words = {c: 0.0 for c in F.COMPONENTS} | {"vocabulary": 1.0, "tfidf_full": full}
    m = Matcher(weights=only_words).fit(matcher.roles_)
    a, b = m.score_matrix([make_resume(BASE), make_resume(more)],
                          ["technical-product-manager"])[:, 0]
    assert 100 * F.saturate(1.0) < a < b < 100  # flat (tied at 100) before


def test_taxonomy_neighbours_are_canonical(taxonomy):
    kids, related = taxonomy.neighbours("hubspot")
    assert "marketo" in related or "hubspot" in taxonomy.neighbours("marketo")[1]
    assert all(k in taxonomy for k in (*kids, *related))
    assert list(kids) == sorted(kids) and list(related) == sorted(related)
    assert taxonomy.neighbours("no-such-skill-id") == ((), ())
