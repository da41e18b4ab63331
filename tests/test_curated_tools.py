"""Tools people name by their short brand (corpora/taxonomy/35_curated_tools.jsonl):
modern tools no source file names, and O*NET records restated with the name people
write ("Stata" for "StataCorp Stata"). Brands that are English words match only with
context. Texts are made up."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

FILE = Path(__file__).resolve().parent.parent / "corpora" / "taxonomy" / "35_curated_tools.jsonl"


@pytest.mark.parametrize("text, expected", [
    ("Built dashboards in Grafana and Datadog", {"grafana", "datadog"}),
    ("Front end in Next.js with Jest and Cypress tests", {"next-js", "jest", "cypress"}),
    ("Statistical models in Stata and SPSS", {"statacorp-stata", "spss-statistics"}),
    ("Test rigs programmed in LabVIEW", {"national-instruments-labview"}),
    ("Payroll and benefits in Workday HR", {"workday-software"}),
    ("Charting in Epic for patient records", {"epic-epiccare-inpatient-clinical-system"}),
    ("Deployed Helm charts to Kubernetes clusters", {"helm", "kubernetes"}),
    ("Prototyped RAG with LangChain on large language models",
     {"retrieval-augmented-generation", "langchain", "large-language-models"}),
    ("Transformed warehouse models with dbt and Snowflake", {"dbt"}),
])
def test_brand_names_are_found(skill_ids, text, expected) -> None:
    assert expected <= skill_ids(text)


@pytest.mark.parametrize("text, absent", [
    ("An epic journey across the country", "epic-epiccare-inpatient-clinical-system"),
    ("Watered plants in the greenhouse", "greenhouse-ats"),
    ("The workday starts at eight", "workday-software"),
    ("Project status reported as RAG to the board", "retrieval-augmented-generation"),
    ("Steered the boat at the helm", "helm"),
    ("Dialectical behavior therapy (DBT) groups", "dbt"),
])
def test_brand_names_that_are_words_need_context(skill_ids, text, absent) -> None:
    assert absent not in skill_ids(text)


def test_file_records_are_well_formed() -> None:
    records = [json.loads(line) for line in FILE.read_text(encoding="utf-8").splitlines()]
    ids = [r["id"] for r in records]
    assert len(ids) == len(set(ids))
    for r in records:
        assert r["kind"] in ("tool", "hard_skill", "knowledge"), r["id"]
        # a restated O*NET record keeps its source; a new one is curated
        assert r["source"] in ("curated", "onet", "esco", "onet+esco"), r["id"]
        if r.get("ambiguous"):
            assert r.get("context"), r["id"]
