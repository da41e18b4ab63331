"""Reports from hand-made Fit objects: schema, coaching text, escaping, redaction."""

from __future__ import annotations

import dataclasses

import io
import json
import re
from dataclasses import dataclass, replace
from html.parser import HTMLParser
from importlib import resources

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rolematch import report as R
from rolematch._report_util import band, md_escape
from rolematch.errors import RolematchError
from rolematch.score import Component, Evidence, Fit, Gap, PartialMatch, SkillMatch, Strength

XSS_SCRIPT = "<script>alert(1)</script>"
XSS_ATTR = '"><img src=x onerror=alert(1)>'
WEIGHTS = dict(required=.35, preferred=.15, related=.10, vocabulary=.20, experience=.10,
               education=.10)


def components(**values: float) -> tuple[Component, ...]:
    vals = dict(required=.55, preferred=.4, related=.3, vocabulary=.6, experience=1.0,
                education=1.0) | values
    return tuple(Component(k, vals[k], w, f"{k} detail") for k, w in WEIGHTS.items())


def ev(line: int, text: str, section: str = "experience", credit: float = 1.0) -> Evidence:
    return Evidence(line, text, section, credit)


def make_fit(**kw) -> Fit:
    base = dict(
        source="/home/coach/clients/jane_doe.pdf", role_id="technical-product-manager",
        role_title="Technical Product Manager", score=52.4, components=components(),
        matched=(
            SkillMatch("roadmapping", "Roadmapping", 1.0, True, 1.0,
                       (ev(12, "Owned the payments roadmap (jane.doe@mail.com, "
                               "+1 (555) 123-4567)"),)),
            SkillMatch("agile", "Agile", 0.8, True, 0.7,
                       (ev(30, "Agile, Scrum, Kanban", "skills", 0.7),)),
            SkillMatch("stakeholder-management", "Stakeholder management", 0.7, True, 0.9,
                       (ev(14, f"Led {XSS_SCRIPT} launch {XSS_ATTR} | # not a heading"),),
                       via="Executive communication"),
            SkillMatch("confluence", "Confluence", 0.4, False, 0.85,
                       (ev(20, "Wrote specs in Confluence", credit=0.85),)),
        ),
        partial=(PartialMatch("hubspot", "HubSpot", 0.6, True, 0.5, "marketo", "Marketo",
                              (ev(16, "Ran Marketo campaigns, see https://jane.dev/work"),)),),
        missing=(Gap("sql", "SQL", 1.0, True, "tool", "data base user interface and query"),
                 Gap("jira", "Jira", 0.9, True, "tool", "project tracking"),
                 Gap("user-stories", "user stories", 0.8, True, "methodology", ""),
                 Gap("cspo", "Certified Scrum Product Owner", 0.5, False, "certification",
                     "certification"),
                 Gap("empathy", "Empathy", 0.3, False, "soft_skill", "")),
        strengths=(Strength("python", "Python", 1.0,
                            (ev(18, "Built Python tooling; github.com/janedoe"),)),),
        years=6.5, min_years=5.0, education_level="bachelor", required_education="bachelor")
    return Fit(**(base | kw))


def other(role_id: str, title: str, score: float, missing=()) -> Fit:
    return make_fit(role_id=role_id, role_title=title, score=score, matched=(), partial=(),
                    missing=missing, strengths=())


@pytest.fixture
def fit() -> Fit:
    return make_fit()


@pytest.fixture
def alternatives() -> list[Fit]:
    return [other("product-manager", "Product Manager", 71.0),
            other("business-analyst", "Business Analyst", 63.5,
                  (Gap("sql", "SQL", 1.0, True, "tool", ""),)),
            other("data-engineer", "Data Engineer", 30.0)]


# --------------------------------------------------------------------------- schema
def _paths(obj, prefix: str = "") -> set[str]:
    out: set[str] = set()
    if isinstance(obj, dict):
        for k, v in obj.items():
            p = f"{prefix}.{k}" if prefix else k
            out |= {p} | _paths(v, p)
    elif isinstance(obj, list):
        for v in obj:
            out |= _paths(v, prefix + "[]")
    return out


def _documented(section: str) -> set[str]:
    doc = (resources.files("rolematch") / "templates" / "fit-schema.md").read_text("utf-8")
    fit_part, ranking_part = doc.split("## `rolematch.ranking/1`")
    text = ranking_part if section == "ranking" else fit_part.split("## `rolematch.fit/1`")[1]
    return set(re.findall(r"^\| `([\w.\[\]]+)` \|", text, re.M))


def test_every_emitted_key_is_documented_and_every_documented_key_emitted(fit, alternatives):
    flagged = dataclasses.replace(fit, listed_share=0.8, hidden_chars=12)
    d = R.fit_to_dict(flagged, alternatives=alternatives)
    inferred = SkillMatch("cloud-computing", "Cloud computing", 0.5, False, 0.45,
                          (Evidence(9, "Hosted our servers remotely", "experience", 0.45,
                                    inferred=True),))
    optional = R.fit_to_dict(make_fit(matched=(inferred,)))  # keys only some fits carry
    emitted, documented = _paths(d) | _paths(optional), _documented("fit")
    assert emitted - documented == set()
    assert documented - emitted == set()


def test_every_ranking_key_is_documented(fit, alternatives):
    r = R.ranking_to_dict([fit, *alternatives])
    assert _paths(r) == _documented("ranking")


def test_fit_dict_top_level(fit):
    d = R.fit_to_dict(fit)
    assert d["schema"] == "rolematch.fit/1"
    assert list(d)[:5] == ["schema", "generated", "source", "role", "score"]
    assert d["role"] == {"id": "technical-product-manager", "title": "Technical Product Manager"}
    assert d["experience"] == {"years": 6.5, "min_years": 5.0}
    assert d["education"] == {"level": "bachelor", "required": "bachelor"}
    assert d["components"][0] == {"name": "required", "value": 0.55, "weight": 0.35,
                                  "points": 19.25, "detail": "required detail"}
    assert d["matched"][0]["evidence"][0]["line"] == 13  # 1-based
    assert d["partial"][0]["has"] == {"skill_id": "marketo", "name": "Marketo"}
    assert d["coverage"]["required"] == {"matched": 3, "partial": 1, "missing": 3, "total": 7}
    assert d["generated"] is None
    assert json.loads(R.render_json(fit)) == d


@pytest.mark.parametrize("fmt", R.FORMATS)
def test_output_is_deterministic(fit, alternatives, fmt):
    a = R.render(fit, fmt, alternatives=alternatives)
    b = R.render(make_fit(), fmt, alternatives=list(reversed(alternatives)))
    assert a == b
    assert not re.search(r"20\d\d-\d\d-\d\d", a)
    assert "2031-01-01" in R.render(fit, fmt, generated="2031-01-01")


# --------------------------------------------------------------------------- verdict
@pytest.mark.parametrize("score,expected", [
    (100, "strong"), (75, "strong"), (74.99, "good"), (60, "good"), (59.99, "partial"),
    (40, "partial"), (39.99, "weak"), (0, "weak")])
def test_bands(fit, score, expected):
    assert band(score)[0] == expected
    assert R.fit_to_dict(replace(fit, score=score))["verdict"]["band"] == expected


def test_verdict_names_the_missing_required_skills(fit):
    v = R.fit_to_dict(fit)["verdict"]
    assert v["label"] == "partial fit"
    assert v["lever"] == "3 required skills missing: SQL, Jira, user stories"
    assert v["summary"] == ("Partial fit (52/100) for Technical Product Manager — biggest "
                            "lever: 3 required skills missing: SQL, Jira, user stories.")


def test_verdict_lever_for_related_only_and_for_experience(fit):
    only_partial = replace(fit, missing=fit.missing[3:])
    assert R.fit_to_dict(only_partial)["verdict"]["lever"] == (
        "1 required skill covered only by related skills: HubSpot (has Marketo)")
    short = replace(fit, missing=(), partial=(), years=1.0, min_years=5.0,
                    components=components(required=1.0, preferred=1.0, related=1.0,
                                          vocabulary=1.0, experience=0.2))
    assert R.fit_to_dict(short)["verdict"]["lever"] == (
        "experience: 1.0 years against a minimum of 5")
    perfect = replace(short, years=6.0, components=components(
        required=1, preferred=1, related=1, vocabulary=1, experience=1, education=1))
    assert R.fit_to_dict(perfect)["verdict"]["lever"] is None


def test_long_skill_lists_are_shortened(fit):
    many = tuple(Gap(f"s{i}", f"Skill {i}", 1.0 - i / 10, True, "tool", "") for i in range(5))
    assert R.fit_to_dict(replace(fit, missing=many))["verdict"]["lever"] == (
        "5 required skills missing: Skill 0, Skill 1, Skill 2 and 2 more")


# --------------------------------------------------------------------------- gaps
def test_gaps_in_priority_order_with_how_to_close(fit):
    gaps = R._gaps(R.fit_to_dict(fit))
    assert [g["skill_id"] for g in gaps] == ["sql", "jira", "user-stories", "hubspot", "cspo",
                                              "empathy"]
    close = {g["skill_id"]: g["how_to_close"] for g in gaps}
    assert close["hubspot"].startswith("Has Marketo; the role asks for HubSpot")
    assert "transferable experience" in close["hubspot"]
    assert close["cspo"].startswith("A certification — earn it")
    assert "add it to a recent job bullet" in close["sql"]
    assert "example" in close["empathy"]


def test_skill_only_listed_gets_a_tip(fit):
    tips = {m["skill_id"]: m["tip"] for m in R.fit_to_dict(fit)["matched"]}
    assert tips["agile"] and "job bullet" in tips["agile"]
    assert tips["roadmapping"] is None


def test_better_roles_only_higher_scores_best_first(fit, alternatives):
    same_role = other("technical-product-manager", "Technical Product Manager", 99.0)
    d = R.fit_to_dict(fit, alternatives=[*alternatives, same_role])
    assert d["better_roles"] == [
        {"id": "product-manager", "title": "Product Manager", "score": 71.0},
        {"id": "business-analyst", "title": "Business Analyst", "score": 63.5}]
    many = [other(f"r{i:02}", f"R{i}", 60 + i) for i in range(10)]
    assert len(R.fit_to_dict(fit, alternatives=many)["better_roles"]) == R.MAX_BETTER_ROLES


# --------------------------------------------------------------------------- HTML
class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.attrs: set[str] = set()
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs |= {a for a, _ in attrs}

    def handle_data(self, data):
        self.text.append(data)


def _hostile_fit() -> Fit:
    bad = XSS_SCRIPT + XSS_ATTR
    fit = make_fit(role_title=f"PM {bad}", source=f"/tmp/{XSS_ATTR}.pdf")
    m = fit.matched[0]
    return replace(fit, matched=(replace(m, name=f"Road{XSS_ATTR}",
                                         evidence=(ev(3, bad), ev(4, XSS_ATTR))),
                                 *fit.matched[1:]),
                   missing=(Gap("x", f"X{XSS_SCRIPT}", 1, True, "tool", f"cat{XSS_ATTR}"),),
                   strengths=(Strength("y", f"Y{XSS_ATTR}", 1.0, (ev(5, bad),)),))


@pytest.mark.parametrize("render", [
    lambda f, alts: R.render_html(f, alternatives=alts),
    lambda f, alts: R.render_ranking([f, *alts], "html")])
def test_html_escapes_everything_from_files(render, alternatives):
    hostile = _hostile_fit()
    alts = [*alternatives, other("z", f"Z{XSS_SCRIPT}", 99.0)]
    page = render(hostile, alts)
    assert "<script" not in page.lower()
    assert "<img" not in page.lower()
    parsed = _Tags()
    parsed.feed(page)
    assert "script" not in parsed.tags and "img" not in parsed.tags
    assert not any(a.startswith("on") for a in parsed.attrs)
    assert XSS_SCRIPT in "".join(parsed.text)          # shown, as text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_html_is_self_contained_and_printable(fit, alternatives):
    page = R.render_html(fit, alternatives=alternatives)
    assert page.startswith("<!DOCTYPE html>")
    parsed = _Tags()
    parsed.feed(page)
    assert {"script", "link", "img", "iframe"}.isdisjoint(parsed.tags)
    assert {"src", "href"}.isdisjoint(parsed.attrs)
    assert not re.search(r"https?://|url\(|@import", page)
    assert "@media print" in page
    assert "svg" in parsed.tags
    for text in ("Roadmapping", "Owned the payments roadmap", "Roles that fit better",
                 "Product Manager", "Has Marketo; the role asks for HubSpot"):
        assert text in page


def test_chart_groups_by_requirement_without_categories(fit):
    fit = replace(fit, missing=tuple(replace(g, category="") for g in fit.missing))
    cov = R.fit_to_dict(fit)["coverage"]
    assert cov["by"] == "requirement"
    assert cov["groups"] == [
        {"group": "Required", "matched": 3, "partial": 1, "missing": 3, "total": 7},
        {"group": "Preferred", "matched": 1, "partial": 0, "missing": 2, "total": 3}]
    page = R.render_html(fit)
    assert "3/7" in page and "Coverage by skill priority" in page


def test_chart_groups_by_category_when_matches_carry_one(fit):
    matched = tuple(replace(m, category="project tracking") for m in fit.matched)
    partial = tuple(replace(p, category="<b>crm</b>") for p in fit.partial)
    d = R.fit_to_dict(replace(fit, matched=matched, partial=partial))
    groups = {g["group"]: g for g in d["coverage"]["groups"]}
    assert d["coverage"]["by"] == "category"
    assert groups["Project tracking"] == {"group": "Project tracking", "matched": 4,
                                          "partial": 0, "missing": 1, "total": 5}
    assert groups["Other skills"]["missing"] == 2   # empty categories
    page = R.render_html(replace(fit, matched=matched, partial=partial))
    assert "&lt;b&gt;crm&lt;/b&gt;" in page and "<b>crm" not in page


# --------------------------------------------------------------------------- Markdown
def _unescaped_pipes(line: str) -> int:
    return len(re.findall(r"(?<!\\)(?:\\\\)*\|", line))


def test_markdown_tables_survive_hostile_lines(fit):
    md = R.render_markdown(_hostile_fit())
    rows = [ln for ln in md.splitlines() if ln.startswith("|")]
    assert rows
    tables: list[list[str]] = []
    for ln in md.splitlines():
        if ln.startswith("|"):
            if not tables or not prev:
                tables.append([])
            tables[-1].append(ln)
        prev = ln.startswith("|")
    for table in tables:
        assert {_unescaped_pipes(r) for r in table} == {_unescaped_pipes(table[0])}, table
    assert "\\<script\\>" in md
    assert not re.search(r"^#+ .*not a heading", md, re.M)


@pytest.mark.parametrize("text,expected", [
    ("# Heading", "\\# Heading"),
    ("> quote", "\\> quote"),
    ("- item", "\\- item"),
    ("+ item", "\\+ item"),
    ("1. item", "1\\. item"),
    ("12.4 years", "12.4 years"),
    ("2019-2023", "2019-2023"),
    ("a | b", "a \\| b"),
    ("*bold* _it_ `code` [x](y)", "\\*bold\\* \\_it\\_ \\`code\\` \\[x\\](y)"),
    ("two\nlines", "two lines"),
    ("AT&amp;T", "AT\\&amp;T"),
    ("C++ and front-end", "C++ and front-end"),
])
def test_md_escape(text, expected):
    assert md_escape(text) == expected


@given(st.text())
def test_md_escape_never_breaks_a_table_row(text):
    out = md_escape(text)
    assert "\n" not in out and "\r" not in out
    assert _unescaped_pipes(out) == 0
    assert not re.match(r"\s*(#|>|[-+*](\s|$)|\d+[.)](\s|$))", out)


def test_markdown_document_shape(fit, alternatives):
    md = R.render_markdown(fit, alternatives=alternatives)
    assert md.startswith("# Fit report: Technical Product Manager\n")
    for heading in ("## Strengths", "## Gaps, in priority order", "## Score breakdown",
                    "## Roles that fit better"):
        assert f"\n{heading}\n" in md
    assert "| 1 | SQL | required |" in md
    assert "line 13: “Owned the payments roadmap" in md
    assert "\n\n\n" not in md


# --------------------------------------------------------------------------- redaction
@pytest.mark.parametrize("text,expected", [
    ("jane.doe+jobs@mail.co.uk", "[email]"),
    ("Call +1 (555) 123-4567 today", "Call [phone] today"),
    ("555-123-4567", "[phone]"),
    ("555.123.4567", "[phone]"),
    ("+44 20 7946 0958", "[phone]"),
    ("07700 900123", "[phone]"),
    ("https://jane.dev/work?x=1", "[link]"),
    ("see www.janedoe.com.", "see [link]"),
    ("linkedin.com/in/jane-doe", "[link]"),
    ("(github.com/jane)", "([link])"),
    ("jane@x.io · 555 123 4567 · github.com/jane", "[email] · [phone] · [link]"),
])
def test_redact_line_removes_contact_details(text, expected):
    assert R.redact_line(text) == expected


@pytest.mark.parametrize("text", [
    "2019-2023", "Jan 2019 – Mar 2023", "2015 - 2019", "Grew revenue 35% to $1,200,000",
    "Salesforce.com admin", "ASP.NET and Node.js", "Python 3.11", "Cut costs by 1,500,000",
    "Managed 12 people across 3 sites", "ISO 27001", "Ticket volume 10 000 a month",
])
def test_redact_line_leaves_ordinary_text(text):
    assert R.redact_line(text) == text


@pytest.mark.parametrize("fmt", R.FORMATS)
def test_redact_applies_to_every_quoted_line_in_every_format(fit, fmt):
    out = R.render(fit, fmt, redact=True)
    for secret in ("jane.doe@mail.com", "123-4567", "https://jane.dev", "github.com/janedoe",
                   "/home/coach"):
        assert secret not in out
    assert "jane_doe.pdf" in out.replace("\\_", "_")
    plain = R.render(fit, fmt)
    assert "/home/coach/clients/jane" in plain
    # unredacted: links and the path stay; e-mail and phone are scrubbed all the same
    assert "jane.doe@mail.com" not in plain and "123-4567" not in plain
    assert fmt == "text" or "[email]" in plain.replace("\\", "")  # text cuts long quotes


def test_quoted_lines_lose_their_bullet(fit):
    m = replace(fit.matched[0], evidence=(ev(1, "  - • Shipped the API"), ev(2, "-5% churn"), ev(3, "•Led")))
    d = R.fit_to_dict(replace(fit, matched=(m,)))
    assert [e["text"] for e in d["matched"][0]["evidence"]] == ["Shipped the API", "-5% churn",
                                                              "Led"]


def test_redact_dict(fit):
    d = R.fit_to_dict(fit, redact=True)
    assert d["source"] == "jane_doe.pdf"
    assert d["matched"][0]["evidence"][0]["text"] == "Owned the payments roadmap ([email], [phone])"
    assert d["partial"][0]["evidence"][0]["text"] == "Ran Marketo campaigns, see [link]"
    assert d["strengths"][0]["evidence"][0]["text"] == "Built Python tooling; [link]"
    win = R.fit_to_dict(replace(fit, source="C:\\Users\\jane\\cv.docx"), redact=True)
    assert win["source"] == "cv.docx"
    r = R.ranking_to_dict([fit], redact=True)
    assert r["source"] == "jane_doe.pdf"


# --------------------------------------------------------------------------- text, dispatch
def test_text_is_plain_and_fits_100_columns(fit, alternatives):
    out = R.render(fit, "text", alternatives=alternatives)
    assert "\x1b[" not in out
    assert max(len(ln) for ln in out.splitlines()) <= 100
    assert "Score 52/100 — partial fit" in out
    assert "Biggest lever: 3 required skills missing: SQL, Jira, user stories" in out
    assert "Roles that fit better: Product Manager (71), Business Analyst (64)" in out


def test_render_text_is_a_rich_renderable_and_ignores_markup(fit):
    from rich.console import Console

    tricky = replace(fit, matched=(replace(fit.matched[0], name="[bold]x[/bold]",
                                           evidence=(ev(1, "[/] [red]oops"),)),))
    renderable = R.render_text(tricky)
    buf = io.StringIO()
    Console(file=buf, width=100, color_system=None).print(renderable)
    out = buf.getvalue()
    assert "[bold]x[/bold]" in out and "[/] [red]oops" in out


def test_unknown_format_is_an_error(fit):
    with pytest.raises(RolematchError, match=r"unknown report format 'pdf'; expected one of "
                                             r"json, md, html, text"):
        R.render(fit, "pdf")
    with pytest.raises(RolematchError, match="unknown report format 'xml'"):
        R.render_ranking([fit], "xml")


@pytest.mark.parametrize("fmt", R.FORMATS)
def test_empty_fit_renders(fmt):
    empty = make_fit(matched=(), partial=(), missing=(), strengths=(), score=0.0,
                     education_level=None, required_education=None, min_years=0.0)
    out = R.render(empty, fmt)
    assert "Technical Product Manager" in out


# --------------------------------------------------------------------------- ranking
@pytest.mark.parametrize("fmt", R.FORMATS)
def test_ranking_in_every_format(fit, alternatives, fmt):
    out = R.render_ranking([fit, *alternatives], fmt)
    order = [out.index(t) for t in ("Product Manager", "Business Analyst",
                                    "Technical Product Manager", "Data Engineer")]
    assert order == sorted(order)
    if fmt != "json":  # the JSON is checked in test_ranking_dict
        assert "3/7" in out and "SQL, Jira, user stories" in out


def test_ranking_dict(fit, alternatives):
    r = R.ranking_to_dict([fit, *alternatives])
    assert r["schema"] == "rolematch.ranking/1"
    assert [x["rank"] for x in r["roles"]] == [1, 2, 3, 4]
    tpm = r["roles"][2]
    assert tpm == {"rank": 3, "id": "technical-product-manager",
                   "title": "Technical Product Manager", "score": 52.4, "band": "partial",
                   "label": "partial fit",
                   "required": {"matched": 3, "partial": 1, "missing": 3, "total": 7},
                   "top_missing_required": ["SQL", "Jira", "user stories"],
                   "required_gap": "SQL, Jira, user stories", "flags": []}
    assert json.loads(R.render_ranking([fit, *alternatives], "json")) == r


def test_templates_ship_inside_the_package():
    folder = resources.files("rolematch") / "templates"
    for name in ("fit.html.j2", "fit.md.j2", "ranking.html.j2", "ranking.md.j2", "_base.css",
                 "fit-schema.md"):
        assert (folder / name).is_file(), name


def test_flags_reach_every_format(fit):
    """Keyword stuffing (issue 16): a fit whose evidence is mostly listed, from a file
    with hidden text, says so in JSON, Markdown, HTML, text and the ranking."""
    plain = R.fit_to_dict(fit)
    assert plain["flags"] == []
    flagged = dataclasses.replace(fit, listed_share=0.8, hidden_chars=12)
    assert flagged.flags == ("mostly_listed", "hidden_text")
    d = R.fit_to_dict(flagged)
    assert [n["flag"] for n in d["flags"]] == ["mostly_listed", "hidden_text"]
    assert "12 characters" in d["flags"][1]["message"]
    for fmt in ("md", "html", "text"):
        out = R.render(flagged, fmt)
        assert "rather than shown in work" in out and "a reader cannot" in out, fmt
        assert "rather than shown" not in R.render(fit, fmt), fmt
    assert "mostly\\_listed" in R.render_ranking([flagged], "md")
    assert R.ranking_to_dict([flagged])["roles"][0]["flags"] == ["mostly_listed", "hidden_text"]
    assert dataclasses.replace(fit, listed_share=0.5).flags == ()  # more than half


def test_advice_for_a_skill_named_by_a_verb_and_its_object():
    from rolematch._report_util import close_missing

    verb = close_missing("hard_skill", "comply with health and safety legislation")
    assert verb.startswith("If you have had to comply with health")
    # a noun name keeps the tool wording; title case is a curated name, not a verb phrase
    assert close_missing("hard_skill", "customer service").startswith("If you have used")
    assert close_missing("hard_skill", "Process Improvement").startswith("If you have used")
