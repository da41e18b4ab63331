"""Issue 18, ninth pass (half A): records and aliases read from the requirement,
preferred and duty sentences of the non-gold dev postings
(``corpora/taxonomy/46_curated_requirements_a.jsonl``).  Each new wording is found,
and short or everyday forms are guarded (exact case, context words, ``no_match``).
Texts are made up."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

FILE = Path(__file__).parent.parent / "corpora" / "taxonomy" / "46_curated_requirements_a.jsonl"


@pytest.mark.parametrize("text, expected", [
    # new records
    ("Active Series 7 and Series 66 licenses required", "series-7"),
    ("Active Series 7 and Series 66 licenses required", "series-66"),
    ("A CFA or MBA is a plus", "chartered-financial-analyst"),
    ("Holds the CFP designation", "certified-financial-planner"),
    ("Perform due diligence on acquisition targets", "due-diligence"),
    ("Built LBO models for the deal team", "leveraged-buyouts"),
    ("Maintain the fixed assets schedule", "fixed-asset-accounting"),
    ("Michigan Property & Casualty License preferred", "property-and-casualty-license"),
    ("Experience with major gifts and moves management", "major-gifts"),
    ("Ran direct mail campaigns for the annual appeal", "direct-mail-marketing"),
    ("Manage the CAPA system and lead 8D problem solving", "corrective-and-preventive-action"),
    ("Manage the CAPA system and lead 8D problem solving", "8d-problem-solving"),
    ("Review and implement ECOs from engineering", "engineering-change-management"),
    ("Apply DFM principles to new designs", "design-for-manufacturability"),
    ("Working knowledge of NEC and local electrical codes", "national-electrical-code"),
    ("Obtain building permits and manage the permitting process", "permitting"),
    ("Provide ABA therapy to children with autism", "applied-behavior-analysis"),
    ("RBT certification preferred", "registered-behavior-technician"),
    ("Supervision by a BCBA is provided", "board-certified-behavior-analyst"),
    ("Pediatric occupational therapy in a clinic setting", "occupational-therapy"),
    ("Administer Botox and dermal fillers", "aesthetic-injections"),
    ("Enter client data in HMIS for homeless services", "homeless-management-information-system"),
    ("Experience with Lightning Web Components and Vlocity", "lightning-web-components"),
    ("Experience with Lightning Web Components and Vlocity", "salesforce-industries"),
    ("CCNA and Network+ preferred", "cisco-certified-network-associate"),
    ("CCNA and Network+ preferred", "comptia-network-plus"),
    ("Maintain HPC clusters in the cloud", "high-performance-computing"),
    ("CMC regulatory submissions for biologics", "chemistry-manufacturing-and-controls"),
    ("Review executed batch records before release", "batch-record-review"),
    # aliases added to existing records
    ("Create the BOMs for each assembly", "bill-of-materials"),
    ("Prepare the bill of materials for each build", "bill-of-materials"),
    ("Designs fire sprinkler systems to NFPA 13", "nfpa-codes"),
    ("Experience with reach truck and order picker", "forklift-operation"),
    ("Proficient in Raiser's Edge", "blackbaud-the-raiser-s-edge"),
    ("Edit video in Adobe Premiere", "premiere-pro"),
    ("Familiarity with Geographical Information Systems", "geographic-information-systems"),
    ("Deliver early intervention services in the home", "provide-early-intervention-therapy-to-infants"),
    ("Support Windows 10 and Windows 11 workstations", "microsoft-windows"),
    ("Support the site's Lean initiatives", "lean-manufacturing"),
])
def test_found_ninth_pass(skill_ids, text: str, expected: str) -> None:
    assert expected in skill_ids(text)


@pytest.mark.parametrize("text, absent", [
    # everyday phrases and other senses of the short forms
    ("Weather permitting, the crew works outside", "permitting"),
    ("Member of the ABA and the state bar", "applied-behavior-analysis"),
    ("HMIS labels go on every chemical container", "homeless-management-information-system"),
    ("The CMC committee meets on Tuesdays", "chemistry-manufacturing-and-controls"),
    ("Relocated to San Diego in 2015", "storage-area-network-san"),
    ("Worked at NEC Corporation in Tokyo", "national-electrical-code"),
    ("Argus Smith, Office Manager", "argus-enterprise"),
    ("We are a lean team that moves fast", "lean-manufacturing"),
    ("Processed wire transfers and cashier's checks", "technology-transfer"),
])
def test_not_found_ninth_pass(skill_ids, text: str, absent: str) -> None:
    assert absent not in skill_ids(text)


def test_an_alias_for_an_existing_skill_keeps_its_earlier_aliases(taxonomy) -> None:
    """A restated record replaces the earlier one whole, so it must carry every alias."""
    bom = taxonomy["bill-of-materials"]
    assert "Bill of materials software" in bom.aliases and "BOM" in bom.aliases
    raisers = taxonomy.lookup("Raisers Edge")
    assert raisers is not None and raisers.id == "blackbaud-the-raiser-s-edge"
    windows = taxonomy["microsoft-windows"]
    assert "Windows 10" in windows.aliases


def test_the_file_names_only_curated_or_restated_records() -> None:
    """New records are the project's own; restated ones keep their source and are
    not redefined by a later file (which would drop the aliases again)."""
    later = {
        json.loads(line)["id"]
        for name in ("50_curated_fixes.jsonl", "60_curated_product_marketing.jsonl")
        for line in (FILE.parent / name).read_text(encoding="utf-8").splitlines()
        if line.strip()
    }
    records = [json.loads(line) for line in FILE.read_text(encoding="utf-8").splitlines()]
    assert len(records) == len({r["id"] for r in records})
    assert not {r["id"] for r in records} & later
    assert all(r["source"] for r in records)
