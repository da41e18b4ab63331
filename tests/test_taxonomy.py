"""Taxonomy: ids, loading, validation, alias ownership, relations, search."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from rolematch.errors import CorpusError
from rolematch.taxonomy import (KINDS, TAXONOMY_FILE, Skill, Taxonomy, normalize_alias,
                                skill_id)


def rec(id: str, name: str, **kw: object) -> dict[str, object]:
    base: dict[str, object] = {"id": id, "name": name, "aliases": [], "kind": "tool",
                               "category": "", "parent": None, "related": [],
                               "source": "test"}
    base.update(kw)
    return base


def write(path: Path, *records: dict[str, object] | str) -> Path:
    path.write_text("".join((r if isinstance(r, str) else json.dumps(r)) + "\n"
                            for r in records), encoding="utf-8")
    return path


@pytest.mark.parametrize("name, expected", [
    ("C++", "c-plus-plus"), ("C#", "c-sharp"), ("Node.js", "node-js"), (".NET", "dot-net"),
    ("Microsoft Excel", "microsoft-excel"), ("A/B testing", "a-b-testing"),
    ("Café Management", "cafe-management"), ("  Go ", "go"), ("R&D", "r-and-d"),
])
def test_skill_id(name: str, expected: str) -> None:
    assert skill_id(name) == expected


def test_skill_id_rejects_empty() -> None:
    with pytest.raises(ValueError, match="no letters or digits"):
        skill_id("!!")


def test_normalize_alias() -> None:
    assert normalize_alias("Node.js") == normalize_alias("NodeJS") == normalize_alias("node js")
    assert normalize_alias("C++") != normalize_alias("C")
    assert normalize_alias(".NET") == normalize_alias("dotnet")


def test_default_taxonomy_is_large_and_cached(taxonomy: Taxonomy) -> None:
    assert len(taxonomy) >= 3000
    assert Taxonomy.default() is Taxonomy.default()
    assert all(s.kind in KINDS for s in taxonomy)
    names = {p.name for p in taxonomy.files}
    assert {"10_onet.jsonl.gz", "20_esco.jsonl.gz", "30_curated_tech.jsonl"} <= names


def test_default_relations(taxonomy: Taxonomy) -> None:
    assert "marketo" in {s.id for s in taxonomy.related("hubspot")}
    assert "asana" in {s.id for s in taxonomy.related("jira")}
    assert "adobe-analytics" in {s.id for s in taxonomy.related("google-analytics")}
    assert "java" in {s.id for s in taxonomy.children("computer-programming")}
    assert taxonomy.lookup("Atlassian JIRA").id == "jira"


def test_every_alias_has_one_owner(taxonomy: Taxonomy) -> None:
    owners: dict[str, str] = {}
    for skill in taxonomy:
        for term in taxonomy.match_terms(skill):
            key = normalize_alias(term)
            assert owners.setdefault(key, skill.id) == skill.id, term


def test_load_order_and_replacement(tmp_path: Path) -> None:
    d = tmp_path / "tax"
    d.mkdir()
    write(d / "b.jsonl", rec("jira", "Jira", aliases=["Atlassian Jira"], category="late"))
    write(d / "a.jsonl", rec("jira", "JIRA", category="early"), rec("asana", "Asana"))
    tax = Taxonomy.load(d, defaults=False)
    assert tax["jira"].category == "late"
    assert len(tax) == 2
    assert [p.name for p in tax.files] == ["a.jsonl", "b.jsonl"]
    assert "jira" in tax and "nope" not in tax
    assert tax.get("nope") is None
    with pytest.raises(KeyError, match="unknown skill id 'nope'"):
        tax["nope"]


def test_later_record_takes_alias_from_earlier_one(tmp_path: Path) -> None:
    first = write(tmp_path / "1.jsonl",
                  rec("google-analytics", "Google Analytics", aliases=["GA", "Analytics"]),
                  rec("microsoft-excel", "Microsoft Excel", aliases=["Excel"],
                      exact_case=["Excel"], ambiguous=True, context=["pivot"]))
    second = write(tmp_path / "2.jsonl",
                   rec("ga4", "GA4", aliases=["ga", "Google Analytics 4"]),
                   rec("excel", "Excel", aliases=["Microsoft Excel", "MS Excel"]))
    tax = Taxonomy.load(first, second, defaults=False)
    ga = tax["google-analytics"]
    assert "GA" not in ga.aliases
    assert tax.lookup("GA").id == "ga4"
    assert "GA" not in tax.match_terms(ga)
    # the earlier Excel lost its name: it is merged into the later one
    assert "microsoft-excel" not in tax
    assert tax.resolve("microsoft-excel").id == "excel"
    # ... and the later record, declaring no match-control keys, inherits them
    excel = tax["excel"]
    assert excel.exact_case == ("Excel",) and excel.ambiguous and excel.context == ("pivot",)


@pytest.mark.parametrize("line, field, message", [
    ('{"id": "x"', None, "invalid JSON"),
    ('[1, 2]', None, "expected a JSON object"),
    (json.dumps(rec("Bad Id", "x")), "id", "not a canonical skill id"),
    (json.dumps(rec("x", "x", kind="gadget")), "kind", "unknown kind 'gadget'"),
    (json.dumps({"id": "x", "kind": "tool"}), "name", "required key missing"),
    (json.dumps(rec("x", "x", colour="red")), "colour", "unknown key"),
    (json.dumps(rec("x", "x", aliases="X")), "aliases", "list"),
    (json.dumps(rec("x", "x", exact_case=["Y"])), "exact_case", "neither the name nor"),
    (json.dumps(rec("x", "x", related=["Not Slug"])), "related", "canonical skill id"),
])
def test_bad_records_name_file_line_and_field(tmp_path: Path, line: str, field: str | None,
                                               message: str) -> None:
    path = write(tmp_path / "bad.jsonl", rec("ok", "OK"), line)
    with pytest.raises(CorpusError, match=message) as info:
        Taxonomy.load(path, defaults=False)
    err = info.value
    assert err.path == str(path) and err.line == 2 and err.field == field
    assert str(err).startswith(f"{path}:2: ")


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(CorpusError, match="not found"):
        Taxonomy.load(tmp_path / "nope.jsonl", defaults=False)


def test_user_file_loads_after_defaults(tmp_path: Path, taxonomy: Taxonomy) -> None:
    path = write(tmp_path / "mine.jsonl", rec("python", "Python", category="mine"),
                 rec("our-tool", "OurTool", related=["python"]))
    tax = Taxonomy.load(path)
    assert len(tax) == len(taxonomy) + 1
    assert tax["python"].category == "mine"
    assert "our-tool" in {s.id for s in tax.related("python")}
    assert "our-tool" not in {s.id for s in taxonomy.related("python")}
    assert tax.files[-1] == path


def test_search_and_show(taxonomy: Taxonomy) -> None:
    hits = taxonomy.search("jira", limit=5)
    assert hits[0].id == "jira" and len(hits) <= 5
    assert taxonomy.search("") == []
    info = taxonomy.show("Excel")
    assert info["id"] == "excel" and "Microsoft Excel" in info["matched_by"]
    with pytest.raises(KeyError, match="no skill with id or alias 'zzzz-nothing'"):
        taxonomy.show("zzzz-nothing")


def test_skill_is_frozen() -> None:
    s = Skill("x", "X")
    with pytest.raises(AttributeError):
        s.name = "Y"  # type: ignore[misc]
    assert s.to_record()["id"] == "x" and "exact_case" not in s.to_record()


def test_built_taxonomy_round_trip(tmp_path: Path) -> None:
    from rolematch.taxonomy import TAXONOMY_FILE

    fresh = Taxonomy.load()
    out = fresh.to_disk(tmp_path)
    assert out.name == TAXONOMY_FILE
    built = Taxonomy.from_disk(tmp_path)
    assert list(built) == list(fresh)
    assert built._alias == fresh._alias and built._redirect == fresh._redirect
    assert built.files == fresh.files and built.fingerprint() == fresh.fingerprint()
    assert built.related("jira") == fresh.related("jira")
    assert built.show("Excel") == fresh.show("Excel")


def test_built_taxonomy_stale_or_missing_falls_back(tmp_path: Path) -> None:
    from rolematch.errors import ModelError
    from rolematch.taxonomy import _shipped_taxonomy

    tiny = write(tmp_path / "t.jsonl", rec("jira", "Jira"))
    Taxonomy.load(tiny, defaults=False).to_disk(tmp_path / "models")
    with pytest.raises(ModelError, match="other taxonomy files"):
        Taxonomy.from_disk(tmp_path / "models")           # not the shipped files
    assert len(Taxonomy.from_disk(tmp_path / "models", files=[tiny])) == 1
    write(tiny, rec("jira", "JIRA"))
    with pytest.raises(ModelError, match="other taxonomy files"):
        Taxonomy.from_disk(tmp_path / "models", files=[tiny])   # same file, new bytes
    with pytest.raises(ModelError, match="not found"):
        Taxonomy.from_disk(tmp_path / "nothing")
    (tmp_path / "models" / TAXONOMY_FILE).write_bytes(gzip.compress(b'{"format": 0}'))
    with pytest.raises(ModelError, match="format 0"):
        Taxonomy.from_disk(tmp_path / "models")
    # stale, missing or no models folder: the shipped JSON Lines are validated instead
    for models in (tmp_path / "models", tmp_path / "nothing", None):
        assert len(_shipped_taxonomy(models)) == len(Taxonomy.default())


def test_import_does_not_load_pydantic() -> None:
    import subprocess
    import sys

    code = "import sys, rolematch.taxonomy; print('pydantic' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip() == "False"


def test_gzip_files_uris_and_no_match(tmp_path: Path) -> None:
    uri = "http://data.europa.eu/esco/skill/0000"
    esco = tmp_path / "1.jsonl.gz"
    esco.write_bytes(gzip.compress(json.dumps(rec(
        "payroll", "payroll", aliases=["manage payroll", "administer the payroll of staff"],
        kind="hard_skill", uri=uri, no_match=["administer the payroll of staff"])).encode()))
    curated = write(tmp_path / "2.jsonl", rec("payroll", "Payroll", kind="hard_skill"),
                    rec("hr", "HR", aliases=["manage payroll"], kind="knowledge"))
    tax = Taxonomy.load(esco, curated, defaults=False)
    skill = tax.by_uri(uri)
    assert skill is not None and skill.name == "Payroll"   # the curated record keeps the URI
    assert tax.lookup("manage payroll").id == "hr"
    old = Taxonomy.load(esco, defaults=False)["payroll"]
    assert old.no_match == ("administer the payroll of staff",)
    assert old.no_match[0] not in Taxonomy.load(esco, defaults=False).match_terms(old)
    assert Taxonomy.load(esco, defaults=False).lookup("administer the payroll of staff")
    tax.to_disk(tmp_path / "m")
    again = Taxonomy.from_disk(tmp_path / "m", files=[esco, curated])
    assert again.by_uri(uri) == skill


def test_no_match_must_name_a_term(tmp_path: Path) -> None:
    bad = write(tmp_path / "bad.jsonl", rec("x", "X", no_match=["Y"]))
    with pytest.raises(CorpusError, match="no_match"):
        Taxonomy.load(bad, defaults=False)
