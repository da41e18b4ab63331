"""Words read in the wrong sense, settled by their object or their neighbours (issues
17/18 leftovers; rolematch/_senses.py, the lemma collisions of _overlaps.Irregular).
Each rule both ways; texts are made up."""

from __future__ import annotations

import pytest

#: (text, a skill it shows or None, a skill it does not show or None)
SENSES = [
    # the object owns the verb: code or a code tool makes writing programming
    ("Writing and maintaining code for the billing service", "software-development",
     "writing"),
    ("Writing SQL queries for monthly reports", "sql", "writing"),
    ("SQL query writing and tuning", "sql", "writing"),
    ("Java writing for the web services", "java", "writing"),
    ("Strong SQL writing skills", "sql", "writing"),
    ("Strong business writing skills", "writing", None),
    ("Wrote Python scripts to clean the data", "python", "scriptwriting"),
    ("Excellent writing and editing skills", "writing", None),
    ("Writing grant proposals for the foundation", "writing", None),
    # coding next to billing or a code set is medical coding, next to invoices none
    ("Experience with coding and billing for a clinic", "medical-billing-and-coding",
     "software-development"),
    ("CPT and HCPCS coding", "medical-billing-and-coding", "software-development"),
    # only a code skill's accepted match keeps the software sense ("Ruby" as a name)
    ("Coding and billing for clinic patients, Ruby Street office",
     "medical-billing-and-coding", "software-development"),
    ("Responsible for coding and entry of vendor invoices", None, "software-development"),
    # a billing word further along the line rules programming out, names nothing
    ("Knows coding procedures, workflow issues and claims systems", None,
     "software-development"),
    ("Strong coding skills in Python and Go", "software-development",
     "medical-billing-and-coding"),
    ("Coding and billing software in Python", "software-development", None),
    # programming as a programme of activities
    ("Planned after-school programming for youth and families", None,
     "software-development"),
    ("Programming for the school district's web app", "software-development", None),
    # scripts: code or a call script, or a script for the screen
    ("Prepared test scripts for the checkout pages", None, "scriptwriting"),
    ("Followed call scripts on the phone line", None, "scriptwriting"),
    ("Wrote scripts for the morning radio show", "scriptwriting", None),
    # a compound's code word before it: "Python script writing" is Python's
    ("Experience with Python script writing is required", "python", "scriptwriting"),
    ("Test script writing for the checkout pages", None, "scriptwriting"),
    ("Strong script writing skills for broadcast", "scriptwriting", None),
    # "orders" is no classroom order; "order" is (ninth postings pass)
    ("Maintains and orders inventory of cleaning supplies", None, "classroom-management"),
    ("Maintain order during lunch and recess", "classroom-management", None),
    # ESCO / O*NET alternative labels whose everyday meaning is another thing
    # (corpora/taxonomy/50_curated_fixes.jsonl, ninth postings pass)
    ("Prepare the monthly financials for the owners", None, "economics"),
    ("At ease dealing with financial data", None, "economics"),
    ("Knowledge of economics and public finance", "economics", None),
    ("Write training plans for new staff", None, "periodisation"),
    ("Use data to back up assertions of value", None, "assertiveness"),
    ("Sell medical equipment to clinics", None, "medical-furniture"),
    ("Knowledge of building systems and codes", None, "autodesk-building-systems"),
    ("Modelled ducts in Autodesk Building Systems", "autodesk-building-systems", None),
    # a customer base the company speaks of is no skill of the reader
    ("We value our loyal clientele", None, "clienteling"),
    ("Serve our growing customer base across the region", None, "clienteling"),
    ("Built a loyal clientele of repeat buyers", "clienteling", None),
    ("Grew my client base by referrals", "clienteling", None),
    # the title after "as a" is one phrase: its end names no skill of another job
    ("Experience as an Escrow Account Manager for a title company", None,
     "account-management"),
    ("Worked as a Senior Account Manager", "account-management", None),
    ("Served as a Sales Account Manager", "account-management", None),
    ("Worked as an assistant to the project manager", "manage-several-projects", None),
    ("Served as a strategist and project manager", "manage-several-projects", None),
    # lemma collisions: a phrase's later word met only through an irregular verb form
    ("Maintaining a grind log for the mill", None, "maintain-ground"),
    ("Maintained the grounds of the campus", "maintain-ground", None),
    ("The project team led by the director", None, "leadership"),
    ("Team Lead for the night shift", "leadership", None),
]


@pytest.mark.parametrize("text, expected, absent", SENSES)
def test_a_word_is_read_in_its_sense(skill_ids, text, expected, absent) -> None:
    ids = skill_ids(text)
    assert expected is None or expected in ids
    assert absent is None or absent not in ids


def test_sense_rules_unit() -> None:
    from rolematch import _senses

    words = "Coding and billing for the clinic".split()
    assert _senses.neighbour_sense(words, 0, 1, "software-development", set()) == (
        "medical-billing-and-coding"
    )
    # a code skill named on the line keeps the software sense
    assert _senses.neighbour_sense(words, 0, 1, "software-development", {4}) == (
        "software-development"
    )
    assert _senses.neighbour_sense(words, 0, 1, "python", set()) == "python"
    far = "coding procedures , workflow issues and claims".split()
    assert _senses.neighbour_sense(far, 0, 1, "software-development", set()) is None
    low = "writing and maintaining code".split()
    assert _senses.code_owns_verb(low, 0, 1, {}, set()) == "software-development"
    assert _senses.code_owns_verb("writing sql".split(), 0, 1, {}, {1}) == ""
    assert _senses.code_owns_verb("writing to the editor".split(), 0, 1, {}, set()) is None
    assert _senses.company_owned("to our discerning clientele".split(), 3, 4)
    assert not _senses.company_owned("built a loyal clientele".split(), 3, 4)


def test_irregular_spellings_are_compiled() -> None:
    from rolematch.extract import default_extractor

    irregular = default_extractor().patterns["irregular"]
    assert "ground" in irregular["verbs"] and "led" in irregular["verbs"]
    assert irregular["phrases"]["maintain grind"]["1"] == "ground"
    # a plural that is no verb form is not held to its spelling ("business analyses")
    assert "business analysis" not in irregular["phrases"]


def test_another_title_at_the_start_of_the_text() -> None:
    """"as a" opening the text is read like "as a" inside it."""
    from rolematch import _senses

    words = "As an Escrow Account Manager".split()
    assert _senses.another_title(words, 3, 5, set())
    assert _senses.another_title(["Then", *words], 4, 6, set())
    assert not _senses.another_title("As a Senior Account Manager".split(), 3, 5, set())


def test_a_cue_on_the_next_line_is_not_beside_the_word() -> None:
    """Another skill needs a cue beside the word on its own line; a cue opening the
    next line is not beside it."""
    from rolematch import _senses

    words = "Claims were sent after the coding \n Billing office".split(" ")
    assert _senses.neighbour_sense(words, 5, 6, "software-development", set()) is None
    same_line = "Claims were sent after the coding and billing".split()
    assert _senses.neighbour_sense(same_line, 5, 6, "software-development", set()) == (
        "medical-billing-and-coding"
    )


def test_a_sense_rule_names_no_skill_the_taxonomy_lacks() -> None:
    """With a taxonomy that has no medical coding skill, "coding" on a billing line is
    no skill at all, never an id the taxonomy does not hold."""
    from rolematch.extract import SkillExtractor
    from rolematch.taxonomy import Skill, Taxonomy

    tax = Taxonomy([
        Skill(id="software-development", name="Software Development", aliases=("coding",),
              category="software development"),
        Skill(id="writing", name="Writing"),
    ])
    ext = SkillExtractor.from_taxonomy(tax)
    assert [m.skill_id for m in ext("Coding and billing for a clinic")] == []
    assert [m.skill_id for m in ext("Strong coding skills")] == ["software-development"]
    assert [m.skill_id for m in ext("Writing and maintaining code")] == ["software-development"]
    assert all(tax.get(m.skill_id) for m in ext("Coding and billing, writing code"))


def test_another_title_looks_three_words_back() -> None:
    """Up to TITLE_WIDTH - 1 title words before the matched part are read."""
    from rolematch import _senses

    three = "as a Big Red Escrow Account Manager".split()
    assert _senses.another_title(three, 5, 7, set())
    four = "as a Big Red Blue Escrow Account Manager".split()
    assert not _senses.another_title(four, 6, 8, set())
