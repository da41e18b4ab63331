"""Batch scoring: one row per file, in order, errors kept, good files unaffected;
hung and crashing workers replaced; cache; resume; Dask gives the same rows."""

from __future__ import annotations

import io
import shutil
import json
import logging
import os
import signal
import time
from pathlib import Path

import pytest
from _fixtures_docs import encrypted_pdf, image_only_pdf, single_column_pdf
from typer.testing import CliRunner

import rolematch._cache as cache_mod
import rolematch._work as work
import rolematch.batch as batch
from rolematch.batch import discover, read_done, score_folder, write_results
from rolematch.cli import app
from rolematch.documents import read_resume

REPO = Path(__file__).resolve().parent.parent
TWO = ["technical-product-manager", "marketing-analyst"]
OTHER = ["developer-relations", "product-manager"]


@pytest.fixture()
def folder(tmp_path, example_files):
    d = tmp_path / "cvs"
    (d / "sub").mkdir(parents=True)
    (d / "a.md").write_text(example_files[0].read_text("utf-8"), "utf-8")
    (d / "sub" / "b.txt").write_text(example_files[1].read_text("utf-8"), "utf-8")
    (d / "broken.pdf").write_bytes(b"%PDF-1.4\n garbage")
    (d / "empty.txt").write_bytes(b"")
    (d / ".hidden.txt").write_text("x")
    (d / "notes.csv").write_text("a,b")
    return d


@pytest.fixture()
def mixed(folder):
    """The folder plus an encrypted, a scanned, a good PDF and a file over the size limit."""
    (folder / "c-encrypted.pdf").write_bytes(encrypted_pdf("secret"))
    (folder / "d-scanned.pdf").write_bytes(image_only_pdf())
    (folder / "e-good.pdf").write_bytes(single_column_pdf())
    (folder / "f-huge.txt").write_text("Skills: SQL\n" * 2_000, "utf-8")
    return folder


def names(rows):
    return [r.file.rsplit("/", 1)[-1] for r in rows]


def test_discover_sorted_skips_hidden(folder):
    found = discover([folder])
    files, hidden = found.files, found.hidden
    assert [f.relative_to(folder).as_posix() for f in files] == \
        ["a.md", "broken.pdf", "empty.txt", "sub/b.txt"]
    assert hidden == 1


def test_every_file_gets_a_row_in_order(mixed, roleset):
    missing = mixed / "gone.pdf"
    rows = list(score_folder([mixed, missing], roleset.subset(TWO), workers=0, cache=None,
                             max_bytes=20_000))
    assert names(rows) == ["a.md", "broken.pdf", "c-encrypted.pdf", "d-scanned.pdf",
                           "e-good.pdf", "empty.txt", "f-huge.txt", "b.txt", "gone.pdf"]
    status = {n: (r.status, r.reason) for n, r in zip(names(rows), rows)}
    assert status == {"a.md": ("ok", None), "broken.pdf": ("error", "corrupt"),
                      "c-encrypted.pdf": ("error", "encrypted"),
                      "d-scanned.pdf": ("error", "no_text_layer"),
                      "e-good.pdf": ("ok", None), "empty.txt": ("error", "empty"),
                      "f-huge.txt": ("error", "too_large"), "b.txt": ("ok", None),
                      "gone.pdf": ("error", "not_found")}
    assert all(r.message for r in rows if r.status == "error")
    ok = [r for r in rows if r.status == "ok"]
    assert all(set(r.scores) == set(TWO) for r in ok)


def test_a_hanging_reader_times_out_and_the_rest_go_on(folder, roleset, monkeypatch):
    def slow(data, *, filename, **kw):
        if filename.endswith("a.md"):
            time.sleep(30)
        return read_resume(data, filename=filename, **kw)

    monkeypatch.setattr(work, "read_resume", slow)
    t = time.perf_counter()
    rows = list(score_folder([folder], roleset.subset(TWO), workers=0, cache=None,
                             timeout=0.5))
    assert time.perf_counter() - t < 10
    assert [(r.status, r.reason) for r in rows][:1] == [("error", "timeout")]
    assert rows[-1].status == "ok"


def stuck_reader(data, *, filename, **kw):
    """Test reader: 'stuck' files hang where SIGALRM cannot reach; 'crash' files kill
    the worker; others read normally. Module level so spawned workers can import it."""
    base = os.path.basename(filename)
    if "stuck" in base:
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})  # like a hang in C
        time.sleep(600)
    if "crash" in base:
        os._exit(3)
    return read_resume(data, filename=filename, **kw)


def test_a_worker_stuck_in_c_is_replaced_and_a_crash_costs_one_row(folder, roleset):
    (folder / "c-stuck.txt").write_text("stuck", "utf-8")
    (folder / "d-crash.txt").write_text("crash", "utf-8")
    t = time.perf_counter()
    rows = list(score_folder([folder], roleset.subset(TWO), workers=2, cache=None,
                             timeout=0.5, reader=stuck_reader))
    # far below the stuck file's 600 s: its worker was killed and replaced, not waited
    # for (the bound leaves room for replacement workers loading the models on a busy
    # machine)
    assert time.perf_counter() - t < 240
    assert names(rows) == ["a.md", "broken.pdf", "c-stuck.txt", "d-crash.txt", "empty.txt",
                           "b.txt"]
    got = {n: (r.status, r.reason) for n, r in zip(names(rows), rows)}
    assert got["c-stuck.txt"] == ("error", "timeout")
    assert "worker was stopped" in rows[2].message
    assert got["d-crash.txt"] == ("error", "corrupt") and "crashed" in rows[3].message
    assert got["a.md"] == got["b.txt"] == ("ok", None)


def test_good_files_score_the_same_alone_and_in_parallel(folder, roleset):
    roles = roleset.subset(["technical-product-manager", "developer-relations"])
    alone = next(score_folder([folder / "a.md"], roles, workers=0, cache=None))
    together = list(score_folder([folder], roles, workers=2, cache=None))
    assert names(together) == ["a.md", "broken.pdf", "empty.txt", "b.txt"]
    assert together[0] == alone


def test_jsonl_contract(folder, roleset):
    rows = score_folder([folder], roleset.subset(["marketing-analyst"]), workers=0, top=1,
                        cache=None)
    buf = io.StringIO()
    assert write_results(rows, buf, "jsonl") == 4
    objs = [json.loads(line) for line in buf.getvalue().splitlines()]
    for o in objs:
        assert list(o) == ["file", "status", "reason", "message", "scores", "best", "fits"]
    ok = [o for o in objs if o["status"] == "ok"][0]
    assert ok["best"] == "marketing-analyst" and len(ok["fits"]) == 1
    assert set(ok["fits"][0]) == {"role", "score", "missing_required", "matched", "flags"}


# --------------------------------------------------------------------------- cache
@pytest.fixture()
def counting_reader(monkeypatch):
    calls: list[str] = []

    def counted(data, *, filename, **kw):
        calls.append(filename.rsplit("/", 1)[-1])
        return read_resume(data, filename=filename, **kw)

    monkeypatch.setattr(work, "read_resume", counted)
    return calls


def test_cache_hit_against_other_roles_skips_reading(mixed, roleset, tmp_path,
                                                      counting_reader):
    db = tmp_path / "cache.sqlite"
    first = list(score_folder([mixed], roleset.subset(TWO), workers=0, cache=db))
    assert len(counting_reader) == 8
    counting_reader.clear()
    again = list(score_folder([mixed], roleset.subset(OTHER), workers=0, cache=db))
    assert counting_reader == []  # good files and lasting failures both came from the cache
    fresh = list(score_folder([mixed], roleset.subset(OTHER), workers=0, cache=None))
    assert again == fresh
    assert [(r.status, r.reason) for r in first] == [(r.status, r.reason) for r in again]


def test_cache_stores_no_contact_details(folder, roleset, tmp_path):
    import sqlite3

    db = tmp_path / "cache.sqlite"
    list(score_folder([folder / "a.md"], roleset.subset(TWO), workers=0, cache=db))
    (body,) = sqlite3.connect(db).execute("SELECT body FROM resumes").fetchone()
    stored = json.loads(body)
    assert set(stored["contact"]) == {"lines"} and "text" not in stored
    assert stored["contact"]["lines"] and "@" not in body


def test_cache_is_invalidated_by_a_new_reader_version(folder, roleset, tmp_path,
                                                       counting_reader, monkeypatch):
    db = tmp_path / "cache.sqlite"
    list(score_folder([folder / "a.md"], roleset.subset(TWO), workers=0, cache=db))
    list(score_folder([folder / "a.md"], roleset.subset(TWO), workers=0, cache=db))
    assert counting_reader == ["a.md"]
    monkeypatch.setattr(cache_mod, "READER_VERSION", cache_mod.READER_VERSION + "-next")
    list(score_folder([folder / "a.md"], roleset.subset(TWO), workers=0, cache=db))
    assert counting_reader == ["a.md", "a.md"]


@pytest.fixture()
def counting_extractor(monkeypatch):
    import rolematch.score as score_mod

    calls: list[str] = []
    real = score_mod.default_extractor

    def counted():
        def extract(resume):
            calls.append(resume.source.rsplit("/", 1)[-1])
            return real()(resume)
        return extract

    monkeypatch.setattr(score_mod, "default_extractor", counted)
    return calls


def test_cache_keeps_skill_mentions_but_none_on_contact_lines(folder, roleset, tmp_path,
                                                              counting_extractor):
    import sqlite3

    db = tmp_path / "cache.sqlite"
    list(score_folder([folder / "a.md"], roleset.subset(TWO), workers=0, cache=db))
    assert counting_extractor == ["a.md"]
    list(score_folder([folder / "a.md"], roleset.subset(OTHER), workers=0, cache=db))
    assert counting_extractor == ["a.md"]  # the mentions came from the cache
    con = sqlite3.connect(db)
    (resume,) = con.execute("SELECT body FROM resumes").fetchone()
    (found,) = con.execute("SELECT body FROM mentions").fetchone()
    contact = set(json.loads(resume)["contact"]["lines"])
    mentions = json.loads(found)
    assert mentions and all(m[4] not in contact for m in mentions)
    assert "@" not in found


def test_cached_mentions_are_invalidated_by_another_extractor(folder, roleset, tmp_path,
                                                              counting_extractor, monkeypatch):
    db = tmp_path / "cache.sqlite"
    list(score_folder([folder / "a.md"], roleset.subset(TWO), workers=0, cache=db))
    monkeypatch.setattr(cache_mod, "extractor_fingerprint", lambda: "patterns rebuilt")
    list(score_folder([folder / "a.md"], roleset.subset(TWO), workers=0, cache=db))
    assert counting_extractor == ["a.md", "a.md"]


def test_extractor_fingerprint_follows_its_code_and_patterns():
    fp = cache_mod.extractor_fingerprint()
    assert len(fp) == 64 and fp == cache_mod.extractor_fingerprint()
    assert cache_mod.mentions_key("k") != cache_mod.mentions_key("other")


def test_a_cached_rerun_starts_no_worker_and_loads_no_extractor(mixed, roleset, tmp_path,
                                                                 monkeypatch):
    db = tmp_path / "cache.sqlite"
    list(score_folder([mixed], roleset.subset(TWO), workers=0, cache=db, max_bytes=20_000))
    fresh = list(score_folder([mixed], roleset.subset(OTHER), workers=0, cache=None,
                              max_bytes=20_000))

    def forbidden(*a, **k):
        raise AssertionError("not needed on a cached re-run")

    monkeypatch.setattr(work, "_Worker", forbidden)
    import rolematch.score as score_mod

    monkeypatch.setattr(score_mod, "default_extractor", forbidden)
    monkeypatch.setattr(work, "read_resume", forbidden)
    work._WORKER.clear()  # this process's matcher and cache connection, built afresh
    again = list(score_folder([mixed], roleset.subset(OTHER), workers=2, cache=db,
                              max_bytes=20_000))
    assert again == fresh


def test_hits_are_scored_here_and_misses_by_workers_in_order(folder, roleset, tmp_path):
    db = tmp_path / "cache.sqlite"
    roles = roleset.subset(TWO)
    list(score_folder([folder / "sub" / "b.txt", folder / "empty.txt"], roles, workers=0,
                      cache=db))
    fresh = list(score_folder([folder], roles, workers=0, cache=None))
    mixed_run = list(score_folder([folder], roles, workers=2, cache=db))
    assert mixed_run == fresh
    assert list(score_folder([folder], roles, workers=2, cache=db)) == fresh  # all hits now


def test_batch_fits_are_the_matchers(folder, roleset):
    from rolematch.score import Matcher

    roles = roleset.subset(TWO + OTHER)
    (row,) = score_folder([folder / "a.md"], roles, workers=0, cache=None, top=2)
    matcher = Matcher(meaning=True).fit(roles)  # the batch infers skills by meaning
    resume = read_resume(folder / "a.md")
    for fit in row.fits:
        want = matcher.match(resume, fit["role"])
        assert (fit["score"], fit["missing_required"], fit["matched"]) == \
            (want.score, [g.skill_id for g in want.missing_required], len(want.matched))
    assert row.scores == {f.role_id: f.score for f in matcher.rank(resume)}


def test_the_cache_keys_the_file_type_too(folder, roleset, tmp_path):
    text = (folder / "a.md").read_bytes()
    (tmp_path / "same.docx").write_bytes(text)  # text bytes named .docx: a corrupt DOCX
    db = tmp_path / "cache.sqlite"
    rows = list(score_folder([folder / "a.md", tmp_path / "same.docx"], roleset.subset(TWO),
                             workers=0, cache=db))
    assert [(r.status, r.reason) for r in rows] == [("ok", None), ("error", "corrupt")]


@pytest.mark.parametrize("spoil", ["corrupt", "not_a_folder"])
def test_a_broken_cache_degrades_to_no_cache(folder, roleset, tmp_path, caplog, spoil):
    db = tmp_path / "cache.sqlite"
    if spoil == "corrupt":
        db.write_bytes(b"this is not a database" * 100)
    else:  # its folder cannot be made (works as root too, unlike chmod)
        (tmp_path / "file").write_text("x")
        db = tmp_path / "file" / "cache.sqlite"
    work._WORKER.pop("cache_path", None)
    with caplog.at_level(logging.WARNING, logger="rolematch._cache"):
        rows = list(score_folder([folder], roleset.subset(TWO), workers=0, cache=db))
    assert [r.status for r in rows] == ["ok", "error", "error", "ok"]
    assert "continuing without it" in caplog.text


# --------------------------------------------------------------------------- CLI, resume
runner = CliRunner()


def run(*args: str):
    return runner.invoke(app, list(args), catch_exceptions=False)


def score_args(folder, out, fmt):
    return ["score", str(folder), "-o", str(out), "--format", fmt, "--workers", "0",
            "--no-cache", "-q", "--role", TWO[0], "--role", TWO[1]]


@pytest.mark.parametrize("fmt", ["jsonl", "csv"])
def test_resume_continues_an_interrupted_run(folder, tmp_path, fmt, counting_reader):
    full = tmp_path / f"full.{fmt}"
    assert run(*score_args(folder, full, fmt)).exit_code == 0
    reference = full.read_bytes()
    part = tmp_path / f"part.{fmt}"
    part.write_bytes(reference[:len(reference) * 2 // 3 + 1])  # cut mid-line
    assert sorted(read_done(part, fmt)) and part.read_bytes() != reference
    counting_reader.clear()
    result = run(*score_args(folder, part, fmt), "--resume")
    assert result.exit_code == 0, result.output
    assert part.read_bytes() == reference
    assert "a.md" not in counting_reader  # the first file was not read again


def test_resume_reads_a_csv_file_name_holding_a_newline(tmp_path):
    import csv

    name = str(tmp_path / "name\nwith newline.md")
    out = tmp_path / "o.csv"
    with out.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(batch.CSV_FIELDS)
        w.writerow([name, TWO[0], "50.00", 1, "ok", "", "", ""])
        w.writerow([name, TWO[1], "40.00", 2, "ok", "", "", ""])
        w.writerow(["/x/next.txt", TWO[0], "40.00", 1, "ok", "", "", '"half'])  # cut mid-field
    assert read_done(out, "csv") == {name}
    assert out.read_text("utf-8").endswith("40.00,2,ok,,,\n")


def test_resume_refuses_json(folder, tmp_path):
    out = tmp_path / "r.json"
    out.write_text("[\n")
    result = run(*score_args(folder, out, "json"), "--resume")
    assert result.exit_code == 1 and "cannot be continued" in result.output


def test_exit_codes_errors_in_files_are_not_failures(folder, tmp_path):
    result = run(*score_args(folder, tmp_path / "r.jsonl", "jsonl"))
    assert result.exit_code == 0  # two of four files failed, every file was handled
    result = run(*score_args(folder, tmp_path / "no" / "such" / "dir.csv", "csv"))
    assert result.exit_code == 1 and "cannot write output" in result.output


# --------------------------------------------------------------------------- dask
def test_dask_backend_gives_identical_rows(folder, roleset):
    distributed = pytest.importorskip("distributed")
    roles = roleset.subset(TWO)
    local = list(score_folder([folder], roles, workers=0, cache=None))
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=":0") as cluster:
        remote = list(score_folder([folder], roles, backend="dask", cache=None, chunk_size=1,
                                   scheduler=cluster.scheduler_address))
    assert remote == local


# --------------------------------------------------------------------------- role profiles
def test_postings_are_profiled_once_and_cached_by_content(tmp_path, monkeypatch):
    import rolematch.roles as roles_mod
    from rolematch.batch import load_roles

    postings = tmp_path / "postings"
    shutil.copytree(REPO / "examples" / "postings", postings)
    cache = tmp_path / "c.sqlite"
    first = load_roles([postings], cache=cache)
    assert any(r.origin == "posting" for r in first.values())

    def forbidden(*a, **kw):
        raise AssertionError("a cached posting was profiled again")

    monkeypatch.setattr(roles_mod.RoleProfile, "from_file", forbidden)
    again = load_roles([postings], cache=cache)
    assert list(again.values()) == list(first.values())
    changed = next(p for p in sorted(postings.iterdir()) if p.suffix == ".md")
    changed.write_text(changed.read_text("utf-8") + "\nSQL\n", "utf-8")
    with pytest.raises(AssertionError, match="profiled again"):
        load_roles([postings], cache=cache)  # new text: a new key


def test_the_process_matcher_follows_the_meaning_option(roleset):
    """A process keeps one matcher per role set: switching the meaning layer on or
    off for the same roles builds the other one, never reuses the first."""
    roles = tuple(roleset.subset(TWO).values())
    try:
        assert work._matcher(roles, True).meaning is True
        assert work._matcher(roles, False).meaning is False
        assert work._matcher(roles, True).meaning is True
    finally:
        work._WORKER.clear()
