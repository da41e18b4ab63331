"""Extraction: real sentences, ambiguity, spans, lines, sections, artifact round trip."""

from __future__ import annotations

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
    assert out.read_text(encoding="utf-8").startswith("{")
    loaded = SkillExtractor.from_disk(tmp_path / "matcher", taxonomy=tax)
    for text in ("golang and backend in Go", "go to the shop", "Go to market"):
        assert loaded(text) == built(text)
    assert [m.surface for m in loaded("golang; Go backend")] == ["golang", "Go"]
    with pytest.raises(ModelError, match="another taxonomy"):
        SkillExtractor.from_disk(tmp_path / "matcher", taxonomy=Taxonomy.load())
    with pytest.raises(ModelError, match="not found"):
        SkillExtractor.from_disk(tmp_path / "nothing")
    (tmp_path / "matcher" / "patterns.json").write_text('{"format": 0}', encoding="utf-8")
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
