"""The shipped examples: each résumé's reports are kept current as golden files, and
each person's intended role ranks where examples/README.md says it should.

Regenerate after an intended change with:
    ROLEMATCH_UPDATE_GOLDEN=1 pytest tests/test_examples.py
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest

from rolematch.documents import read_resume
from rolematch.report import render, render_ranking

REPO = Path(__file__).resolve().parent.parent
RESUMES = REPO / "examples" / "resumes"
REPORTS = REPO / "examples" / "reports"
UPDATE = os.environ.get("ROLEMATCH_UPDATE_GOLDEN") == "1"
#: "Present" in the examples' job dates is read as of this day, so the golden reports
#: do not go stale as the calendar moves on.
TODAY = date(2026, 11, 1)

#: résumé -> (the role its report is written against, roles that should rank top 2)
CASES = {
    "priya-natarajan-tpm.md": ("technical-product-manager", {"technical-product-manager"}),
    "marcus-bell-content-marketer.md": ("product-marketing-manager",
                                        {"content-marketing-manager",
                                         "product-marketing-manager"}),
    "sofia-reyes-software-engineer.md": ("technical-marketing-manager",
                                         {"developer-relations"}),
    "daniel-okafor-marketing-analyst.txt": ("marketing-analyst", {"marketing-analyst"}),
}


def _check(path: Path, text: str) -> None:
    if UPDATE:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert path.exists(), f"{path} missing: run ROLEMATCH_UPDATE_GOLDEN=1 pytest {__file__}"
    assert path.read_text(encoding="utf-8") == text, (
        f"{path.relative_to(REPO)} is out of date: if the change is intended, "
        "regenerate with ROLEMATCH_UPDATE_GOLDEN=1 pytest tests/test_examples.py")


@pytest.mark.parametrize("name", sorted(CASES))
def test_example_reports_are_current(matcher, name):
    role_id, _ = CASES[name]
    resume = read_resume(RESUMES / name, today=TODAY)
    feats = matcher.featurize(resume)
    fits = matcher.rank(feats)
    fit = next(f for f in fits if f.role_id == role_id)
    others = [f for f in fits if f.role_id != role_id]
    stem = Path(name).stem
    for fmt, ext in (("md", "md"), ("html", "html"), ("json", "json")):
        text = render(fit, fmt, alternatives=others, redact=True)
        _check(REPORTS / f"{stem}--{role_id}.{ext}", text)
    _check(REPORTS / f"{stem}--ranking.md", render_ranking(fits, "md", redact=True))


@pytest.mark.parametrize("name", sorted(CASES))
def test_intended_role_ranks_top_two(matcher, name):
    _, expected = CASES[name]
    top2 = [f.role_id for f in matcher.rank(read_resume(RESUMES / name, today=TODAY))[:2]]
    assert expected & set(top2), f"{name}: top two were {top2}"


def test_example_reports_quote_no_contact_details():
    for path in REPORTS.glob("*"):
        text = path.read_text(encoding="utf-8")
        assert "@example.com" not in text and "555" not in text, path.name
