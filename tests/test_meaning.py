"""The meaning layer: shipped vectors, paraphrase similarity, inferred skills in fits."""

from __future__ import annotations

import json
import zipfile

import numpy as np
import pytest

from rolematch import _meaning
from rolematch._meaning import MeaningModel, default_meaning_model
from rolematch._resources import data_dir
from rolematch.errors import ModelError
from rolematch.report import fit_to_dict
from rolematch.formula import INFERRED_CREDIT, SECTION_CREDIT
from rolematch.score import Matcher

BASE = """Jordan Avery

Professional Experience
Product Manager, Northwind Apps
Jan 2020 - Present
- Wrote product requirements and user stories for the mobile app
- Ran Agile ceremonies and prioritized the backlog in Jira
- Analysed sales data with SQL and Excel
- Presented findings to stakeholders

Skills
Confluence, Tableau, Python
"""
TPM = "technical-product-manager"
LINE = "- Hosted our servers remotely"


def _save(path, words, vectors, fmt=1):
    np.savez_compressed(path, words=np.array(words), vectors=np.asarray(vectors, np.float16),
                        meta=np.array(json.dumps({"format": fmt})))
    return path


@pytest.fixture
def tiny(tmp_path):
    cloud = ["cloud", "computing", "platforms", "technologies", "infrastructure", "services",
             "hosted", "servers", "remotely"]
    words = [*cloud, "zebra"]
    vecs = [[1, 0, 0]] * len(cloud) + [[0, 1, 0]]
    return MeaningModel.load(_save(tmp_path / "e.npz", words, vecs))


def test_shipped_vectors_load_without_pickle_and_stay_small():
    path = data_dir("models") / "embeddings.npz"
    assert path.stat().st_size < 3_000_000
    with np.load(path, allow_pickle=False) as npz:
        assert npz["vectors"].dtype == np.float16
        assert npz["words"].dtype.kind == "U"
        with zipfile.ZipFile(path) as zf:  # every member is a plain .npy array
            assert sorted(zf.namelist()) == ["meta.npy", "vectors.npy", "words.npy"]
    model = default_meaning_model()
    assert model.meta_["format"] == _meaning.FORMAT
    assert model.vectors_.shape[0] == len(model.index_) > 10_000


@pytest.mark.parametrize("line, pair, other", [
    ("trained new hires on store procedures", "training employees", "quality control"),
    ("inspected parts for defects before shipping", "quality control", "training employees"),
    ("took blood pressure and pulse of residents", "vital signs", "budget management"),
    ("managed a 2M annual budget", "budget management", "vital signs"),
])
def test_a_paraphrase_scores_above_a_non_pair(line, pair, other):
    model = default_meaning_model()
    assert model.similarity(line, pair) > model.similarity(line, other) + 0.1


def test_infer_picks_the_best_line_and_respects_threshold_and_skips(tiny):
    lines = ["zebra zebra zebra", "hosted servers remotely", "cloud"]
    skills = [("cloud-computing", ["cloud computing"]), ("zoo", ["zebra"])]
    got = tiny.infer(lines, skills, threshold=0.9)
    assert [(i.skill_id, i.line) for i in got] == [("cloud-computing", 1), ("zoo", 0)]
    assert got[0].similarity == pytest.approx(1.0, abs=1e-3)
    assert tiny.infer(lines, skills, threshold=0.9, skip=[0, 1]) == []  # "cloud": 1 word
    assert tiny.infer([], skills) == [] and tiny.infer(lines, []) == []


def test_a_pickled_or_foreign_file_is_refused(tmp_path):
    bad = tmp_path / "bad.npz"
    np.savez(bad, words=np.array([{"a": 1}], dtype=object), vectors=np.zeros((1, 2)),
             meta=np.array("{}"))
    with pytest.raises(ModelError, match="not a rolematch embeddings file"):
        MeaningModel.load(bad)
    with pytest.raises(ModelError, match="embeddings format 2, expected 1"):
        MeaningModel.load(_save(tmp_path / "v2.npz", ["a"], [[1.0]], fmt=2))


def test_inferred_skills_are_labelled_and_credited_less(roleset, make_resume, tiny,
                                                        monkeypatch):
    monkeypatch.setattr(_meaning, "default_meaning_model", lambda: tiny)
    text = BASE.replace("- Presented findings to stakeholders",
                        f"- Presented findings to stakeholders\n{LINE}")
    resume = make_resume(text)
    fit = Matcher(meaning=0.9).fit(roleset).match(resume, TPM)
    matched = {m.skill_id: m for m in fit.matched}
    cloud = matched["cloud-computing"]
    assert cloud.inferred and cloud.evidence[0].text == LINE.strip()
    assert cloud.credit == pytest.approx(SECTION_CREDIT["experience"] * INFERRED_CREDIT, abs=0.2)
    assert cloud.credit < max(m.credit for m in fit.matched if not m.inferred)  # a named line
    # only the paraphrasing line can evidence by meaning (the others have no known words)
    assert {e.text for m in fit.matched if m.inferred for e in m.evidence} == {LINE.strip()}
    row = next(m for m in fit_to_dict(fit)["matched"] if m["skill_id"] == "cloud-computing")
    assert row["inferred"] is True and row["evidence"][0]["text"] in LINE
    assert all("inferred" not in m for m in fit_to_dict(fit)["matched"]
               if m["skill_id"] == "sql")
    from dataclasses import replace

    from rolematch import RoleSet
    from rolematch.report import render_markdown
    from rolematch.roles import RoleSkill

    # the report's strengths table (required skills) says which line a skill was
    # inferred from: a role that requires cloud computing
    tpm = roleset[TPM]
    req = replace(tpm, skills=tuple(RoleSkill(k.skill_id, k.weight, True) for k in tpm.skills))
    req_fit = Matcher(meaning=0.9).fit(RoleSet([req], taxonomy=roleset.taxonomy)).match(resume, TPM)
    assert "inferred from: line" in render_markdown(req_fit)
    off = Matcher(meaning=False).fit(roleset).match(resume, TPM)
    assert "cloud-computing" in {g.skill_id for g in off.missing}
    assert fit.score > off.score


def test_scores_are_identical_with_the_layer_off(roleset, make_resume, monkeypatch):
    """Off, the layer is never used; on (the default) with nothing inferred, the fit is
    the words-only one."""

    class Nothing:
        def infer(self, *args, **kwargs):
            return []

    resume = make_resume(BASE)
    monkeypatch.setattr(_meaning, "default_meaning_model", lambda: Nothing())
    on = Matcher().fit(roleset).match(resume, TPM)

    def boom():
        raise AssertionError("the meaning layer was used while off")

    monkeypatch.setattr(_meaning, "default_meaning_model", boom)
    assert Matcher(meaning=False).fit(roleset).match(resume, TPM) == on


def test_cli_match_takes_the_meaning_flag(tmp_path):
    from typer.testing import CliRunner

    from rolematch.cli import app

    cv = tmp_path / "cv.txt"
    cv.write_text(BASE, encoding="utf-8")
    res = CliRunner().invoke(app, ["match", str(cv), "--role", TPM, "--meaning",
                                   "--format", "json"])
    assert res.exit_code == 0, res.output
    assert json.loads(res.output)["role"]["id"] == TPM


@pytest.mark.parametrize("command", [
    ["match", "--role", TPM, "--format", "json"],
    ["fit", "--format", "json"],
    ["score", "--workers", "0", "--no-cache", "--quiet", "-o", "OUT"],
])
def test_cli_commands_use_the_layer_unless_told_not_to(tmp_path, monkeypatch, command):
    """The layer ships on for gap reports, rankings and batches; ``--no-meaning``
    turns it off."""
    from typer.testing import CliRunner

    import rolematch._work as work
    from rolematch.cli import app

    cv = tmp_path / "cv.txt"
    cv.write_text(BASE, encoding="utf-8")
    used = []
    real = _meaning.default_meaning_model
    monkeypatch.setattr(_meaning, "default_meaning_model", lambda: used.append(1) or real())
    monkeypatch.setattr(work, "_WORKER", {})
    args = [command[0], str(cv), *(str(tmp_path / "o.csv") if a == "OUT" else a
                                   for a in command[1:])]
    res = CliRunner().invoke(app, args)
    assert res.exit_code == 0, res.output
    assert used
    used.clear()
    assert CliRunner().invoke(app, [*args, "--no-meaning"]).exit_code == 0
    assert not used


def test_batch_options_turn_the_layer_on_by_default():
    from rolematch.batch import BatchOptions

    assert BatchOptions().meaning is True
    assert BatchOptions(meaning=False).meaning is False


def test_an_inferred_skill_counts_only_for_a_role_that_asks_for_it(roleset, make_resume,
                                                                  tiny, monkeypatch):
    """Issue 19 with the layer on: a role's score does not depend on the roles scored
    with it. The TPM role asks for cloud computing, which LINE means; a role asking for
    software as a service (a related skill) gets no credit from that inference, whether
    the TPM role is fitted alongside or not."""
    from rolematch import RoleProfile, RoleSet
    from rolematch.roles import RoleSkill

    monkeypatch.setattr(_meaning, "default_meaning_model", lambda: tiny)
    saas = RoleProfile(id="saas-admin", title="SaaS Administrator",
                       skills=(RoleSkill("software-as-a-service", 1.0, True),
                               RoleSkill("sql", 0.5, True)))
    resume = make_resume(BASE.replace("- Presented findings to stakeholders",
                                      f"- Presented findings to stakeholders\n{LINE}"))
    tax = roleset.taxonomy
    alone = Matcher(meaning=0.9).fit(RoleSet([saas], taxonomy=tax)).match(resume, saas.id)
    both = Matcher(meaning=0.9).fit(RoleSet([roleset[TPM], saas], taxonomy=tax))
    assert "cloud-computing" in {m.skill_id for m in both.match(resume, TPM).matched}
    with_tpm = both.match(resume, saas.id)
    assert with_tpm.score == pytest.approx(alone.score, abs=1e-9)
    assert "software-as-a-service" not in {p.skill_id for p in with_tpm.partial}


def test_the_report_never_names_an_inferred_skill_as_the_narrower_one(roleset):
    """A role skill matched through a narrower skill: the report names the narrower
    skill a line names, not one inferred with more credit (which does not count)."""
    from rolematch import RoleProfile, RoleSet
    from rolematch.features import Evidence, ResumeFeatures
    from rolematch.roles import RoleSkill

    tax = roleset.taxonomy
    m0 = Matcher(meaning=False).fit(roleset)
    sid = next(s.skill_id for r in roleset.values() for s in r.skills
               if len(m0.fitted_.index.children.get(s.skill_id, ())) >= 2)
    named, guessed = m0.fitted_.index.children[sid][:2]
    role = RoleProfile(id="r", title="R", skills=(RoleSkill(sid, 1.0, True),))
    m = Matcher(meaning=False).fit(RoleSet([role], taxonomy=tax))
    feats = ResumeFeatures(
        "cv", {guessed: 0.9, named: 0.5},
        {guessed: (Evidence(1, "x", "experience", 0.9, inferred=True),),
         named: (Evidence(2, "y", "experience", 0.5),)}, {},
        inferred=frozenset({guessed}))
    (got,) = m.match(feats, "r").matched
    assert got.via == tax[named].name and got.evidence[0].line == 2


def test_one_rule_reads_the_meaning_setting_for_scoring_and_the_cache_key():
    assert _meaning.threshold(True) == _meaning.THRESHOLD
    assert _meaning.threshold(0.9) == 0.9
    assert _meaning.fingerprint(True, ["sql"]) == _meaning.fingerprint(_meaning.THRESHOLD, ["sql"])
    assert _meaning.fingerprint(0.9, ["sql"]) != _meaning.fingerprint(True, ["sql"])
    assert _meaning.fingerprint(False, ["sql"]) == ""
