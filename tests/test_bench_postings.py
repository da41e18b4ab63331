"""The posting benchmark's scoring rules (benchmarks/bench_postings.py), on tiny data."""

from __future__ import annotations

from types import SimpleNamespace

from benchmarks.bench_postings import score_one, summarise


class _Tax:
    """Just what score_one asks of a taxonomy: surfaces by id."""

    def __init__(self, terms: dict[str, tuple[str, ...]]) -> None:
        self.terms = terms

    def get(self, sid: str):
        return SimpleNamespace(terms=self.terms[sid]) if sid in self.terms else None


def _role(*required: str):
    skills = [SimpleNamespace(skill_id=s, weight=1.0 - i / 10) for i, s in enumerate(required)]
    return SimpleNamespace(skills=skills, required=skills, preferred=[], min_years=0,
                           max_years=None, education_level=None)


GOLD = {"job_id": "1", "required": [{"skill": "staff management"}], "preferred": [],
        "boilerplate": ["training", "401k"], "min_years": None, "max_years": None,
        "degree": None}


def test_a_skill_the_gold_asks_for_is_no_boilerplate_whatever_its_aliases_hold() -> None:
    tax = _Tax({"manage-staff": ("staff management", "staff training"),
                "retirement-plans": ("401k plans",)})
    row = score_one(_role("manage-staff", "retirement-plans"), GOLD, tax)
    assert row["boilerplate"] == ["retirement-plans"]
    assert row["boilerplate_any"] == ["manage-staff", "retirement-plans"]
    out = summarise([row])
    assert out["boilerplate_profiles"] == out["boilerplate_profiles_any"] == 1
    clean = score_one(_role("manage-staff"), GOLD, tax)
    assert summarise([clean])["boilerplate_profiles"] == 0
    assert summarise([clean])["boilerplate_profiles_any"] == 1


def test_a_boilerplate_word_only_in_an_alias_of_what_the_posting_wrote_is_no_hit() -> None:
    tax = _Tax({"sales": ("sales", "retail sales"), "retirement-plans": ("401k plans",)})
    gold = {**GOLD, "boilerplate": ["retail", "401k"]}
    role = _role("sales", "retirement-plans")
    written = {"sales": {"sales"}, "retirement-plans": {"401k plans"}}
    row = score_one(role, gold, tax, written)
    assert row["boilerplate"] == ["retirement-plans"]
    assert row["boilerplate_any"] == ["sales", "retirement-plans"]
    # the posting wrote "retail sales": the boilerplate word is in the text matched
    row = score_one(role, gold, tax, {**written, "sales": {"retail sales"}})
    assert row["boilerplate"] == ["sales", "retirement-plans"]
    # unknown written surfaces: every surface of the skill counts, as before
    assert score_one(role, gold, tax)["boilerplate"] == ["sales", "retirement-plans"]
