"""The cache's third table: a résumé's scoring features.  A file whose features are
cached is scored from them alone (no résumé decoded, no mentions read), the rows equal
fresh ones, entries follow the code and the day, and no contact detail is stored."""

from __future__ import annotations

import json
import sqlite3

import numpy as np
import pytest

import rolematch._cache as cache_mod
import rolematch._work as work
from rolematch.batch import score_folder

TWO = ["technical-product-manager", "marketing-analyst"]
OTHER = ["developer-relations", "product-manager"]

NAME = "Jordan Avery"
EMAIL = "jordan.avery@example.com"
BODY_EMAIL = "campaign.desk@acme-analytics.org"
BODY_PHONE = "415-555-0199"
URL = "github.com/jordan-avery-example"

RESUME = f"""{NAME}
415 Mission Street, San Francisco, CA 94105
{EMAIL} | (555) 201-7788 | {URL}

Summary
Marketing operations lead. HubSpot and Salesforce admin, SQL and Tableau reporting.

Experience
Marketing Operations Manager, Acme Corp
Jan 2019 - Present
- Ran Marketo and Salesforce integrations; on call at {BODY_PHONE} for campaign ops.
- Mail {BODY_EMAIL} for dashboards; code at {URL}.
Marketing Analyst, Globex
03/2016 to 12/2018
- Google Analytics and Excel reporting; A/B tests on email campaigns.

Education
Bachelor of Science in Statistics, State University, 2015
"""


@pytest.fixture()
def cvs(tmp_path, example_files):
    d = tmp_path / "cvs"
    d.mkdir()
    (d / "a.md").write_text(example_files[0].read_text("utf-8"), "utf-8")
    (d / "b.txt").write_text(RESUME, "utf-8")
    (d / "broken.pdf").write_bytes(b"%PDF-1.4\n garbage")
    (d / "empty.txt").write_bytes(b"")
    return d


def _features(db) -> list[tuple]:
    with sqlite3.connect(db) as con:
        return con.execute("SELECT key, day, dated, body, cols, counts, other, other_counts "
                           "FROM features").fetchall()


def test_features_are_cached_and_a_rerun_decodes_no_resume(cvs, roleset, tmp_path,
                                                           monkeypatch):
    db = tmp_path / "c.sqlite"
    # words only: the features do not depend on the roles, so other roles hit too
    first = list(score_folder([cvs], roleset.subset(TWO), workers=0, cache=db, meaning=False))
    assert len(_features(db)) == 2  # the two good files; failures stay in `resumes`
    fresh = list(score_folder([cvs], roleset.subset(OTHER), workers=0, cache=None,
                              meaning=False))

    def forbidden(*a, **k):
        raise AssertionError("a file with cached features needs no résumé or mentions")

    monkeypatch.setattr(cache_mod, "_fat", forbidden)
    monkeypatch.setattr(cache_mod.ResumeCache, "get_mentions", forbidden)
    monkeypatch.setattr(work, "read_resume", forbidden)
    again = list(score_folder([cvs], roleset.subset(OTHER), workers=0, cache=db,
                              meaning=False))
    assert again == fresh
    assert [(r.status, r.reason) for r in again] == [(r.status, r.reason) for r in first]
    work._WORKER.clear()
    assert list(score_folder([cvs], roleset.subset(OTHER), workers=2, cache=db,
                             meaning=False)) == fresh


def test_workers_write_features_and_rows_match_fresh_ones(cvs, roleset, tmp_path):
    db = tmp_path / "c.sqlite"
    roles = roleset.subset(TWO + OTHER)
    fresh = list(score_folder([cvs], roles, workers=0, cache=None, top=2))
    assert list(score_folder([cvs], roles, workers=2, cache=db, top=2)) == fresh
    assert len(_features(db)) == 2
    assert list(score_folder([cvs], roles, workers=0, cache=db, top=2)) == fresh


def test_features_follow_the_code_and_the_extractor(cvs, roleset, tmp_path, monkeypatch):
    db = tmp_path / "c.sqlite"
    roles = roleset.subset(TWO)
    list(score_folder([cvs], roles, workers=0, cache=db))
    keys = {row[0] for row in _features(db)}
    fp = cache_mod.features_fingerprint()
    assert len(fp) == 64 and fp == cache_mod.features_fingerprint()
    monkeypatch.setattr(cache_mod, "_features_code", lambda: "score.py changed")
    assert cache_mod.features_fingerprint() != fp
    again = list(score_folder([cvs], roles, workers=0, cache=db))
    assert len({row[0] for row in _features(db)} - keys) == 2  # computed afresh, stored
    before = cache_mod.features_key("k")
    monkeypatch.setattr(cache_mod, "extractor_fingerprint", lambda: "patterns rebuilt")
    assert cache_mod.features_key("k") != before
    list(score_folder([cvs], roles, workers=0, cache=db))
    assert len(_features(db)) == 6
    assert again == list(score_folder([cvs], roles, workers=0, cache=None))


def test_features_of_a_current_job_are_kept_for_the_day(cvs, roleset, tmp_path, monkeypatch):
    """Recency credit measures a current job's age from today: such an entry misses the
    next day (and is computed again from the cached résumé), others never do."""
    db = tmp_path / "c.sqlite"
    roles = roleset.subset(TWO)
    list(score_folder([cvs], roles, workers=0, cache=db))
    rows = _features(db)
    assert all(dated == 1 for _, _, dated, *_ in rows)  # both résumés have a "Present" job
    with sqlite3.connect(db) as con:  # one entry written yesterday, one without a date
        con.execute("UPDATE features SET day = day - 1")
        con.execute("UPDATE features SET dated = 0 WHERE key = ?", (rows[0][0],))
    calls: list[str] = []
    real = work._featurize

    def counted(matcher, resume, *a, **k):
        calls.append(resume.source.rsplit("/", 1)[-1])
        return real(matcher, resume, *a, **k)

    monkeypatch.setattr(work, "_featurize", counted)
    again = list(score_folder([cvs], roles, workers=0, cache=db))
    assert len(calls) == 1
    assert again == list(score_folder([cvs], roles, workers=0, cache=None))
    assert {day for _, day, *_ in _features(db)} == {rows[0][1] - 1, rows[0][1]}


def test_features_store_no_contact_details(cvs, roleset, tmp_path):
    """The stored terms come from the text scoring reads: no name or contact line, and
    an e-mail, phone or link in a body line masked before any term is counted."""
    from rolematch._model import default_text_model

    db = tmp_path / "c.sqlite"
    list(score_folder([cvs / "b.txt"], roleset.subset(TWO), workers=0, cache=db))
    ((_, _, _, body, cols, counts, other, other_counts),) = _features(db)
    vocab = default_text_model().vocabulary
    terms_of = {j: t for t, j in vocab.items()}
    stored = [terms_of[j] for j in np.frombuffer(cols, "<i4")] + other.split("\n")
    n_counts = len(np.frombuffer(counts, "<i4")) + len(np.frombuffer(other_counts, "<i4"))
    assert len(stored) == n_counts
    assert "marketo" in stored and "salesforce" in stored  # it did store the terms…
    words = {w for t in stored for w in t.split()}
    for secret in ("jordan", "avery", "mission", "jordan.avery", "example.com", "campaign.desk",
                   "acme-analytics.org", "github.com", "github", "jordan-avery-example"):
        assert secret not in words, secret  # …but none from the contact details
    assert not any("@" in t or any(ch.isdigit() for ch in t) for t in stored)
    blob = json.dumps(json.loads(body)) + other
    for secret in (NAME, EMAIL, BODY_EMAIL, BODY_PHONE, URL, "campaign.desk", "555"):
        assert secret.lower() not in blob.lower(), secret


def test_a_spoilt_features_entry_is_ignored(cvs, roleset, tmp_path, caplog):
    db = tmp_path / "c.sqlite"
    roles = roleset.subset(TWO)
    fresh = list(score_folder([cvs], roles, workers=0, cache=None))
    list(score_folder([cvs], roles, workers=0, cache=db))
    with sqlite3.connect(db) as con:
        con.execute("UPDATE features SET body = 'not json'")
    assert list(score_folder([cvs], roles, workers=0, cache=db)) == fresh
    assert "unreadable features" in caplog.text


def test_many_lookups_in_one_query_keep_their_order(tmp_path):
    from rolematch.score import PackedFeatures

    c = cache_mod.ResumeCache(tmp_path / "c.sqlite")
    one = np.array([3, 7], np.int32)
    for k in range(3):
        c.put_features(f"k{k}", PackedFeatures("x", {"sql": (7 + k) / 10}, one, one + k,
                                               "foo bar\nbaz", np.array([1, 2], np.int32),
                                               float(k), None, 10), dated=False)
    got = c.get_features_many(["k2", "nope", "k0", "k2"], ["a", "b", "c", "d"])
    assert [g and g.source for g in got] == ["a", None, "c", "d"]
    assert got[0].credit == {"sql": 0.9} and got[0].years == 2.0
    assert got[0].counts.tolist() == [5, 9] and got[2].other.split("\n") == ["foo bar", "baz"]
    assert c.get_features_many([f"q{i}" for i in range(1200)], ["s"] * 1200) == [None] * 1200


def test_a_database_error_mid_run_turns_the_cache_off(tmp_path, caplog):
    """Every read and write goes through one guarded statement runner: tables that
    vanish under an open cache give a warning and a miss, never an exception."""
    from rolematch import read_resume
    from rolematch._cache import ResumeCache

    db = tmp_path / "cache.sqlite"
    resume = read_resume(RESUME.encode("utf-8"), filename="b.txt")
    ResumeCache(db).put("k", resume)

    def spoilt() -> ResumeCache:
        c = ResumeCache(db)
        assert c._conn() is not None  # open, schema made
        with sqlite3.connect(db) as con:
            for table in ("resumes", "mentions", "features"):
                con.execute(f"DROP TABLE IF EXISTS {table}")
        return c

    calls = [lambda c: c.get("k", "b.txt"), lambda c: c.get_mentions("k"),
             lambda c: c.get_features_many(["k", "j"], ["a", "b"]) == [None, None],
             lambda c: c.put("k", resume), lambda c: c.put_mentions("k", [], resume)]
    for call in calls:
        c = spoilt()
        caplog.clear()
        with caplog.at_level("WARNING", logger="rolematch._cache"):
            assert call(c) in (None, True)
        assert c.broken and "continuing without it" in caplog.text


def test_the_profile_fingerprint_follows_the_occupation_index(tmp_path, monkeypatch):
    """A posting's profile names the occupations of its title: a rebuilt occupation
    index must miss every cached profile."""
    import rolematch._cache as cache_mod
    import rolematch._resources as res

    (tmp_path / "tfidf.json").write_text("{}", "utf-8")
    monkeypatch.setattr(res, "models_dir", lambda: tmp_path)
    fingerprint = cache_mod.profiler_fingerprint.__wrapped__
    (tmp_path / "occupations.json.gz").write_bytes(b"index one")
    one = fingerprint()
    (tmp_path / "occupations.json.gz").write_bytes(b"index two")
    assert fingerprint() != one


def test_features_with_skills_inferred_by_meaning_are_keyed_by_the_roles(cvs, roleset,
                                                                        tmp_path):
    """The meaning layer (on by default) looks for the roles' skills: features cached
    for one role set, or with the layer off, are not reused for another."""
    db = tmp_path / "m.sqlite"
    first = list(score_folder([cvs], roleset.subset(TWO), workers=0, cache=db))
    assert len(_features(db)) == 2
    assert list(score_folder([cvs], roleset.subset(TWO), workers=0, cache=db)) == first
    assert len(_features(db)) == 2  # the same roles: hits
    list(score_folder([cvs], roleset.subset(OTHER), workers=0, cache=db))
    assert len(_features(db)) == 4  # other roles: new entries
    list(score_folder([cvs], roleset.subset(TWO), workers=0, cache=db, meaning=False))
    assert len(_features(db)) == 6  # the layer off: new entries
    work._WORKER.clear()


def test_the_extractor_fingerprint_covers_every_module_the_extractor_calls():
    """A change to the context rules, overlaps or verb forms changes what a résumé
    yields, so cached mentions must not outlive it."""
    import re
    from pathlib import Path

    import rolematch._cache as cache_mod

    source = (Path(cache_mod.__file__).parent / "extract.py").read_text(encoding="utf-8")
    called = {
        f"{name.strip()}.py"
        for names in re.findall(r"^from \. import (.+)$", source, re.MULTILINE)
        for name in names.split(",")
    }
    assert called and called <= set(cache_mod._EXTRACTOR_SOURCES)
