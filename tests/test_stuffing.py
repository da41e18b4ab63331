"""Keyword stuffing (issue 16, item 9): a list of words must not score like experience.

Invisible text in a PDF is left out and counted, a skill only listed earns little, list
lines barely move the vocabulary component, and fits, reports and batch rows carry a
flag when most of the evidence is listed rather than shown.  All text here is made up.
"""

from __future__ import annotations

import csv
import io

import numpy as np
import pytest

from rolematch import formula as F
from rolematch.documents import read_resume
from rolematch.features import is_list_line
from rolematch.score import Matcher

TPM = "technical-product-manager"
CHEF = """Alex Morgan

Summary
Head chef who runs busy restaurant kitchens and trains young cooks.

Experience
Head Chef, Harbour Bistro
2018 - 2024
- Planned seasonal menus and costed every dish with the owners.
- Ran a kitchen brigade of nine cooks across two services a day.
- Cut food waste by a fifth with better ordering and prep lists.
Sous Chef, The Old Mill
2013 - 2018
- Cooked sauces, stocks and pastry for weddings of up to 300 guests.

Education
Culinary Arts Diploma, City College, 2012
"""
#: a product-management keyword line (made up for this test)
KEYWORDS = ("Product roadmap, Agile, Scrum, Jira, SQL, user stories, backlog grooming, "
            "stakeholder management, A/B testing, product strategy, APIs, PRDs, OKRs")


@pytest.mark.parametrize("line, listed", [
    ("SQL, Python, Tableau, Excel", True),
    ("Tools: Jira; Confluence; Figma", True),
    ("• Agile | Scrum | Kanban", True),
    (KEYWORDS, True),
    ("Built dashboards in SQL, Python and Tableau for the sales team.", False),
    ("Managed a team of 5, hired 3 engineers, and shipped the mobile app in 2021", False),
    ("SQL and Python", False),
    ("Head Chef, Harbour Bistro", False),
])
def test_list_lines(line, listed):
    assert is_list_line(line) is listed


def test_a_pasted_keyword_line_barely_moves_the_score_and_is_flagged(matcher, make_resume):
    plain = matcher.match(make_resume(CHEF), TPM)
    stuffed = matcher.match(make_resume(CHEF + "\n" + KEYWORDS + "\n"), TPM)
    assert len(stuffed.matched) > len(plain.matched) + 5  # the skills are found ...
    assert 0 <= stuffed.score - plain.score <= 5.0     # ... but earn little (was +40 and more)
    assert "mostly_listed" in stuffed.flags and "mostly_listed" not in plain.flags
    assert all(m.credit <= F.LIST_ONLY_CREDIT for m in stuffed.matched)
    assert "list lines add" in stuffed.component("vocabulary").detail


def test_the_same_skills_shown_in_work_count_fully(matcher, make_resume):
    bullet = "- Owned the product roadmap and backlog in Jira; wrote user stories and SQL."
    shown = CHEF.replace("- Cooked sauces", bullet + "\n- Cooked sauces")
    listed = CHEF + "\nSkills\nProduct roadmap, backlog, Jira, user stories, SQL\n"
    a, b = matcher.match(make_resume(shown), TPM), matcher.match(make_resume(listed), TPM)
    credit = {m.skill_id: m.credit for m in a.matched}
    assert credit.get("jira", 0) >= 0.75 and credit.get("sql", 0) >= 0.75
    assert {m.skill_id: m.credit for m in b.matched}.get("jira") == F.LIST_ONLY_CREDIT
    assert a.score > b.score


def test_listed_cosine_is_capped():
    assert F.listed_cosine(0.1, 0.4) == pytest.approx(0.1 + F.LISTED_COSINE_CAP)
    assert F.listed_cosine(0.1, 0.1 + F.LISTED_COSINE_CAP / 2) == \
        pytest.approx(0.1 + F.LISTED_COSINE_CAP / 2)
    assert F.listed_cosine(0.1, 0.05) == pytest.approx(0.1)  # lists never lower it


def test_summary_and_packed_features_carry_the_flags(matcher, make_resume):
    feats = [matcher.featurize(make_resume(t)) for t in (CHEF, CHEF + "\n" + KEYWORDS + "\n")]
    j = matcher.role_index_[TPM]
    for given in (feats, [matcher.pack(f) for f in feats]):
        s = matcher.fit_summary(given, top=None)
        np.testing.assert_allclose(s.scores, matcher.score_matrix(feats))
        assert s.flags(0, j) == matcher.match(feats[0], TPM).flags
        assert s.flags(1, j) == matcher.match(feats[1], TPM).flags == ("mostly_listed",)


def _pdf(lines, hidden=()):
    from reportlab.lib.pagesizes import letter
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=letter)
    y = 740
    for ln in lines:
        c.setFont("Helvetica", 10)
        c.drawString(50, y, ln)
        y -= 13
    for how in hidden:
        if how == "white":
            c.setFillColorRGB(1, 1, 1)
            c.setFont("Helvetica", 10)
        elif how == "tiny":
            c.setFillColorRGB(0, 0, 0)
            c.setFont("Helvetica", 1)
        y -= 13
        if how == "invisible":
            c.setFillColorRGB(0, 0, 0)
            t = c.beginText(50, y)
            t.setFont("Helvetica", 10)
            t.setTextRenderMode(3)
            t.textLine(KEYWORDS)
            c.drawText(t)
        else:
            c.drawString(50, y, KEYWORDS)
    c.save()
    return buf.getvalue()


@pytest.mark.parametrize("reader", ["pdfminer", "pdfium"])
@pytest.mark.parametrize("how", ["white", "tiny", "invisible"])
def test_hidden_pdf_text_is_left_out_and_reported(matcher, reader, how):
    lines = CHEF.splitlines()
    plain = read_resume(_pdf(lines), filename="cv.pdf", pdf_reader=reader)
    stuffed = read_resume(_pdf(lines, [how]), filename="cv.pdf", pdf_reader=reader)
    assert plain.hidden_chars == 0
    assert stuffed.hidden_chars > 50 and "Scrum" not in stuffed.text
    assert stuffed.lines == plain.lines
    a, b = matcher.match(plain, TPM), matcher.match(stuffed, TPM)
    assert b.score == a.score
    assert "hidden_text" in b.flags and "hidden_text" not in a.flags


def test_batch_rows_carry_the_flags(tmp_path, roleset):
    from typer.testing import CliRunner

    from rolematch.batch import score_folder
    from rolematch.cli import app

    d = tmp_path / "cvs"
    d.mkdir()
    (d / "chef.txt").write_text(CHEF, "utf-8")
    (d / "stuffed.txt").write_text(CHEF + "\n" + KEYWORDS + "\n", "utf-8")
    (d / "hidden.pdf").write_bytes(_pdf(CHEF.splitlines(), ["white"]))
    rows = {r.file.rsplit("/", 1)[-1]: r for r in score_folder([d], [roleset[TPM]], workers=0)}
    assert rows["stuffed.txt"].fits[0]["flags"] == ["mostly_listed"]
    assert rows["chef.txt"].fits[0]["flags"] == []
    assert "hidden_text" in rows["hidden.pdf"].fits[0]["flags"]
    assert "flags" not in rows["chef.txt"].to_dict()  # only inside fits
    out = tmp_path / "rows.csv"
    result = CliRunner().invoke(app, ["score", str(d), "-o", str(out), "--role", TPM,
                                      "--workers", "1", "--no-cache"])
    assert result.exit_code == 0, result.output
    with out.open(encoding="utf-8") as fh:
        got = {r["file"].rsplit("/", 1)[-1]: r["flags"] for r in csv.DictReader(fh)}
    assert got == {"chef.txt": "", "stuffed.txt": "mostly_listed", "hidden.pdf": "hidden_text"}


def test_stuffing_never_depends_on_where_the_line_goes(matcher, make_resume):
    """Whether the keyword line is under Skills or after the education, it is listed."""
    a = matcher.match(make_resume(CHEF + "\nSkills\n" + KEYWORDS + "\n"), TPM)
    b = matcher.match(make_resume(CHEF + "\n" + KEYWORDS + "\n"), TPM)
    base = matcher.match(make_resume(CHEF), TPM)
    assert max(a.score, b.score) - base.score <= 5.0
    assert "mostly_listed" in a.flags and "mostly_listed" in b.flags


def test_a_listing_matcher_is_the_same_for_one_role_and_many(roleset, make_resume):
    r = make_resume(CHEF + "\n" + KEYWORDS + "\n")
    one = Matcher().fit([roleset[TPM]]).match(r, TPM)
    assert one.flags == ("mostly_listed",)
