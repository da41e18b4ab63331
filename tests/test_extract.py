"""Extraction: real sentences, ambiguity, spans, lines, sections, artifact round trip."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from rolematch.errors import ModelError
from rolematch.extract import (SkillExtractor, SkillMention, default_extractor,
                               extract_skills, skill_evidence)
from rolematch.taxonomy import Taxonomy


@pytest.fixture(scope="module")
def ext() -> SkillExtractor:
    return default_extractor()


def ids(ext: SkillExtractor, text: str) -> set[str]:
    return {m.skill_id for m in ext(text)}


@pytest.mark.parametrize("text, absent", [
    ("I excel at communication with stakeholders.", "excel"),
    ("Excel at communication and stakeholder management.", "excel"),
    ("Owned the go-to-market strategy for two launches.", "go"),
    ("Go-to-market planning with sales.", "go"),
    ("Managed a $2M R&D budget.", "r"),
    ("Grew sign-ups through word of mouth.", "microsoft-word"),
    ("Presented quarterly results to C-level executives.", "c"),
    ("Negotiated access to customers in new regions.", "microsoft-access"),
    ("Access to customers was limited.", "microsoft-access"),
    ("Campaigns designed to spark interest among developers.", "apache-spark"),
    ("Known for swift delivery of fixes.", "swift"),
    ("Word of mouth drove most referrals.", "microsoft-word"),
    ("Let go of legacy vendors.", "go"),
])
def test_ambiguous_words_in_ordinary_english(ext: SkillExtractor, text: str,
                                             absent: str) -> None:
    assert absent not in ids(ext, text)


@pytest.mark.parametrize("text, present", [
    ("Python, R and SQL", {"python", "r", "sql"}),
    ("Built financial models in Microsoft Excel.", {"excel"}),
    ("Tools: Excel, PowerPoint, Outlook", {"excel", "microsoft-powerpoint"}),
    ("Backend services written in Go.", {"go"}),
    ("ETL pipelines on Apache Spark and Hadoop", {"apache-spark", "apache-hadoop"}),
    ("iOS apps in Swift and Objective-C", {"swift", "objective-c"}),
    ("Wrote reports in MS Word", {"microsoft-word"}),
    ("Tracked inventory in Microsoft Access", {"microsoft-access"}),
    ("Statistical modelling in R with ggplot2", {"r"}),
    ("Firmware written in C for embedded boards", {"c"}),
])
def test_ambiguous_words_where_meant(ext: SkillExtractor, text: str,
                                     present: set[str]) -> None:
    assert present <= ids(ext, text)


def test_inflection_and_case(ext: SkillExtractor) -> None:
    assert "a-b-testing" in ids(ext, "Ran A/B tests on landing pages")
    assert "a-b-testing" in ids(ext, "A/B TESTING")
    assert "python" in ids(ext, "python scripting")
    assert "marketing-automation" in ids(ext, "Marketing Automation platforms")


def test_longest_match_wins(ext: SkillExtractor) -> None:
    found = ext("Objective-C and Microsoft Excel")
    assert [(m.skill_id, m.surface) for m in found] == [
        ("objective-c", "Objective-C"), ("excel", "Microsoft Excel")]


def test_spans_lines_and_order(ext: SkillExtractor) -> None:
    text = "Summary\nUsed Python daily.\n\nSkills: SQL, Tableau"
    found = ext(text)
    assert [m.skill_id for m in found] == ["python", "sql", "tableau"]
    for m in found:
        assert text[m.start:m.end] == m.surface
        assert text.split("\n")[m.line].find(m.surface) >= 0
        assert m.section == "other"
    assert [m.line for m in found] == [1, 3, 3]
    assert found == sorted(found, key=lambda m: m.start)
    assert ext("") == [] and ext("   \n ") == []


@dataclass(frozen=True)
class FakeResume:
    text: str
    lines: tuple[str, ...]

    def section_at(self, line: int) -> str:
        return "skills" if line >= 2 else "summary"


def test_resume_sections_and_skills_section_confirms(ext: SkillExtractor) -> None:
    lines = ("Analyst with a taste for spreadsheets", "SKILLS", "Excel", "Word")
    resume = FakeResume("\n".join(lines), lines)
    found = extract_skills(resume, extractor=ext)
    assert [(m.skill_id, m.section, m.line) for m in found] == [
        ("excel", "skills", 2), ("microsoft-word", "skills", 3)]
    # the same words outside a skills section, alone on a line: no evidence
    assert ext("Excel\nWord") == []


def test_skill_evidence_groups(ext: SkillExtractor, taxonomy: Taxonomy) -> None:
    text = "Python developer\nAutomated reports with Python and SQL\nSQL, Tableau"
    ev = skill_evidence(text, extractor=ext, taxonomy=taxonomy)
    by = {e.skill_id: e for e in ev}
    assert by["python"].count == 2 and [i for i, _ in by["python"].lines] == [0, 1]
    assert by["python"].name == "Python"
    assert by["sql"].lines == ((1, "Automated reports with Python and SQL"),
                               (2, "SQL, Tableau"))
    assert ev[0].count >= ev[-1].count


def test_round_trip_to_disk(tmp_path: Path, ext: SkillExtractor) -> None:
    tiny = tmp_path / "tax.jsonl"
    tiny.write_text(json.dumps({"id": "go", "name": "Go", "aliases": ["Golang"],
                                "kind": "tool", "exact_case": ["Go"], "ambiguous": True,
                                "context": ["backend"]}) + "\n", encoding="utf-8")
    tax = Taxonomy.load(tiny, defaults=False)
    built = SkillExtractor.from_taxonomy(tax)
    out = built.to_disk(tmp_path / "matcher")
    assert gzip.decompress(out.read_bytes()).startswith(b"{")
    loaded = SkillExtractor.from_disk(tmp_path / "matcher", taxonomy=tax)
    for text in ("golang and backend in Go", "go to the shop", "Go to market"):
        assert loaded(text) == built(text)
    assert [m.surface for m in loaded("golang; Go backend")] == ["golang", "Go"]
    with pytest.raises(ModelError, match="another taxonomy"):
        SkillExtractor.from_disk(tmp_path / "matcher", taxonomy=Taxonomy.load())
    with pytest.raises(ModelError, match="not found"):
        SkillExtractor.from_disk(tmp_path / "nothing")
    (tmp_path / "matcher" / "patterns.json.gz").write_bytes(gzip.compress(b'{"format": 0}'))
    with pytest.raises(ModelError, match="format 0"):
        SkillExtractor.from_disk(tmp_path / "matcher")


def test_mention_is_frozen() -> None:
    m = SkillMention("x", "X", 0, 1, 0, "other")
    with pytest.raises(AttributeError):
        m.start = 3  # type: ignore[misc]


def test_import_is_lazy() -> None:
    code = ("import sys, rolematch.extract, rolematch.taxonomy; "
            "print('spacy' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, cwd=Path(__file__).resolve().parent.parent)
    assert out.stdout.strip() == "False"


def test_long_line_is_handled(ext: SkillExtractor) -> None:
    text = ("Python, SQL, " * 2000) + "Tableau"
    found = ext(text)
    assert len(found) == 4001 and found[-1].skill_id == "tableau"


@pytest.mark.parametrize("text, tokens", [
    ("Ran A/B tests", ["Ran", "A", "/", "B", "tests"]),
    ("go-to-market, C-level, Objective-C", ["go", "-", "to", "-", "market", ",", "C", "-",
                                            "level", ",", "Objective", "-", "C"]),
    ("Node.js, ASP.NET and .NET (C#, C++)", ["Node.js", ",", "ASP.NET", "and", ".NET", "(",
                                             "C#", ",", "C++", ")"]),
    ("R&D at AT&T; Excel's macros", ["R&D", "at", "AT&T", ";", "Excel", "'s", "macros"]),
    ("goals.Worked in Excel.", ["goals", ".", "Worked", "in", "Excel", "."]),
    ("e.g. John C. Smith, ICD-10, $10,000", ["e.g.", "John", "C.", "Smith", ",", "ICD-10",
                                            ",", "$", "10,000"]),
    ("see github.com/python or www.x.org/python.", ["see", "github.com", "/", "python", "or",
                                                    "www.x.org/python", "."]),
])
def test_tokenizer(text: str, tokens: list[str]) -> None:
    from rolematch._tokenize import tokenize, words

    assert words(text) == tokens
    toks, starts = tokenize(text)
    assert all(text[s:s + len(t)] == t for t, s in zip(toks, starts))


def test_tokenizer_lines_and_spaces() -> None:
    from rolematch._tokenize import NEWLINE, tokenize

    toks, starts = tokenize("Python  SQL \n\n  Excel")
    assert toks == ["Python", "SQL", NEWLINE, "Excel"] and starts == [0, 8, 11, 16]


def test_spaces_and_lines_in_phrases(ext: SkillExtractor) -> None:
    assert "marketing-automation" in ids(ext, "Marketing  Automation")
    assert "marketing-automation" not in ids(ext, "Marketing\nAutomation")


def test_nlp_doc_keeps_text_and_matches_like_call(ext: SkillExtractor) -> None:
    text = "Summary\n  Used Python  daily.\n\nSkills: SQL, Excel"
    doc = ext.nlp(text)
    assert doc.text == text
    found = [(sid, doc[s:e].text) for sid, s, e, _ in ext.match_doc(doc)]
    assert found == [(sid, surface) for sid, surface in found if sid in ids(ext, text)]
    assert [f for f in found if f[0] != "excel"] == [(m.skill_id, m.surface)
                                                     for m in ext(text)
                                                     if m.skill_id != "excel"]


def test_same_words_go_to_the_skill_owning_the_spelling(ext: SkillExtractor,
                                                        taxonomy: Taxonomy) -> None:
    ties = ext.patterns["ties"]["lemma"]
    assert ties, "no two skills share a lemma sequence any more"
    for seq, spellings in list(ties.items())[:20]:
        for spelling, key in spellings.items():
            owner = taxonomy.lookup(spelling)
            assert owner is not None and owner.id == key.lstrip("?")
    assert {m.skill_id for m in ext("Operating systems: Windows")} >= {
        taxonomy.lookup("operating systems").id}


def test_artifact_is_self_contained(tmp_path: Path, ext: SkillExtractor) -> None:
    from rolematch import _patterns

    ext.to_disk(tmp_path)
    data = json.loads(gzip.decompress((tmp_path / "patterns.json.gz").read_bytes()))
    assert data["format"] == _patterns.FORMAT == 5
    assert data["lemmas"]["tests"] == "test" and "managed" in data["lemmas"]
    code = ("import sys; from rolematch.extract import SkillExtractor; "
            f"e = SkillExtractor.from_disk({str(tmp_path)!r}); "
            "print(sorted(m.skill_id for m in e('Ran A/B tests, managed campaigns')), "
            "'spacy_lookups_data' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    assert "'a-b-testing'" in out.stdout and out.stdout.strip().endswith("False")


class _PhraseMatcherExtractor(SkillExtractor):
    """The former matching, spaCy PhraseMatchers over a Doc: the reference that the
    dict tables of :meth:`SkillExtractor._phrases` must reproduce exactly."""

    def _phrases(self, words: list[str], low: list[str]) -> list[tuple[str, int, int]]:
        from spacy.matcher import PhraseMatcher
        from spacy.tokens import Doc

        from rolematch.taxonomy import normalize_alias

        if not self._matchers:
            self._build()
        if not hasattr(self, "_reference"):
            add = self.vocab.strings.add
            self._reference = []
            attrs = ("LOWER", "NORM", "ORTH", "LOWER")  # folded: exact forms in lower case
            for attr, (name, index, *_) in zip(attrs, self._matchers):
                matcher = PhraseMatcher(self.vocab, attr=attr)
                matcher.add(name, [[add(w) for w in seq.split(" ")]
                                   for seq, owners in index.items() if owners is not None])
                self._reference.append((name, matcher, index))
        lemmas = self.patterns["lemmas"]
        doc = Doc(self.vocab, words=words)
        found = []
        for name, matcher, index in self._reference:
            for _, s, e in matcher(doc):
                if name == "orth":
                    seq = words[s:e]
                elif name == "folded":
                    seq = [w.lower() for w in words[s:e]]
                elif name == "lower":
                    seq = [words[s].lower()]
                else:
                    seq = [lemmas.get(w, w) for w in map(str.lower, words[s:e])]
                owners = index[" ".join(seq)]
                if isinstance(owners, str):
                    owners = [owners]
                elif isinstance(owners, dict):
                    owners = owners.get(normalize_alias("".join(words[s:e])), owners[""])
                found.extend((key, s, e) for key in owners)
        return found


def test_tables_find_what_phrase_matchers_find(ext: SkillExtractor, example_files) -> None:
    reference = _PhraseMatcherExtractor(ext.patterns)
    texts = [f.read_text(encoding="utf-8") for f in example_files] + [
        "Operating systems, operating system and Operating System; A/B testing",
        "go-to-market plans; managed the payroll; C++ and C# and .NET\nSQL",
        "Skills: Python, R, Go, Excel, Word, Spark, project management",
    ]
    for text in texts:
        words = _tokenize_words(text)
        low = [w.lower() for w in words]
        assert ext._phrases(words, low) == reference._phrases(words, low)
        assert ext(text) == reference(text)


def _tokenize_words(text: str) -> list[str]:
    from rolematch._tokenize import tokenize

    return tokenize(text)[0]


def _tiny(*skills) -> SkillExtractor:
    from rolematch.taxonomy import Skill

    return SkillExtractor.from_taxonomy(Taxonomy([Skill(**s) for s in skills]))


_LIST_TOOLS = (
    {"id": "html", "name": "HTML", "kind": "tool", "exact_case": ("HTML",)},
    {"id": "css", "name": "CSS", "kind": "tool", "exact_case": ("CSS",)},
    {"id": "python", "name": "Python", "kind": "language"},
    {"id": "data-mining", "name": "Data Mining", "kind": "tool", "exact_case": ("Data Mining",)},
    {"id": "excel", "name": "Excel", "kind": "tool", "exact_case": ("Excel",), "ambiguous": True},
    {"id": "time-card", "name": "Time card", "kind": "tool", "exact_case": ("Time card",)},
)


@pytest.mark.parametrize("text, want", [
    ("Experience with Python, Html, Css and Git", {"python", "html", "css"}),
    ("Skills: python, data mining, Css", {"python", "data-mining", "css"}),
    ("We are data mining the archive for new leads.", set()),
    ("Interns excel, python and more", {"python"}),  # ambiguous words keep their case
    ("Data Mining and HTML", {"data-mining", "html"}),
    ("Skills: python, time card, css", {"python", "css"}),  # sentence case: no name
])
def test_exact_case_forms_in_another_case_count_in_a_list(text: str, want: set[str]) -> None:
    assert ids(_tiny(*_LIST_TOOLS), text) == want


def test_a_verb_phrase_loses_its_object_to_a_longer_phrase() -> None:
    ext = _tiny(
        {"id": "manage-work", "name": "manage work", "kind": "hard_skill"},
        {"id": "work-order", "name": "work orders", "kind": "knowledge"},
        {"id": "integrate-data", "name": "integrate data", "kind": "hard_skill"},
        {"id": "paid-social", "name": "paid social media", "kind": "hard_skill"},
        {"id": "social-media-strategy", "name": "social media strategies", "kind": "knowledge"},
        {"id": "data-management", "name": "data management", "kind": "knowledge"},
    )
    assert ids(ext, "Opens and manages work orders for the line.") == {"work-order"}
    assert ids(ext, "Integrate new data management tools") == {"data-management"}
    assert ids(ext, "Manages work for a team of five.") == {"manage-work"}
    assert ids(ext, "Integrate the data from two systems.") == {"integrate-data"}
    # a noun phrase opening with a verb form is no verb phrase: it keeps its place
    assert "paid-social" in ids(ext, "Plan paid social media strategies")


@pytest.mark.parametrize("text, skill", [
    ("Donor records kept in Raiser\u2019s Edge.", "blackbaud-the-raiser-s-edge"),
    ("Donor records kept in Raiser's Edge.", "blackbaud-the-raiser-s-edge"),
])
def test_typographic_apostrophe_matches_a_straight_one(ext: SkillExtractor, text: str,
                                                       skill: str) -> None:
    """Half the postings write \u2019 where the taxonomy writes ': both match."""
    found = [m for m in ext(text) if m.skill_id == skill]
    assert found
    assert found[0].surface == text[found[0].start : found[0].end]  # as written
