"""Issue 16 items 1-6 and 12: hostile file names, cut outputs, silent skips, formula
cells, unsafe ids and paths, and a newcomer's stumbles (docs/privacy.md "Hostile input")."""

from __future__ import annotations

import csv
import json
import os
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rolematch.batch import BatchOptions, discover, load_roles, read_done, score_folder
from rolematch.cli import app
from rolematch.errors import RolematchError

REPO = Path(__file__).resolve().parent.parent
TWO = ["technical-product-manager", "marketing-analyst"]
runner = CliRunner()


def run(*args: str):
    return runner.invoke(app, list(args), catch_exceptions=False)


def score(folder, out, *extra: str):
    return run("score", str(folder), "-o", str(out), "--workers", "0", "--no-cache", "-q",
               "--role", TWO[0], "--role", TWO[1], *extra)


@pytest.fixture()
def cvs(tmp_path, example_files):
    d = tmp_path / "cvs"
    d.mkdir()
    for name, src in zip(("a.md", "b.txt"), example_files):
        (d / name).write_text(src.read_text("utf-8"), "utf-8")
    return d


def rows_of(out: Path, fmt: str) -> list:
    text = out.read_text("utf-8")
    if fmt == "csv":
        return list(csv.DictReader(text.splitlines()))
    return [json.loads(line) for line in text.splitlines()]


# --------------------------------------------------------------------------- 1
@pytest.mark.parametrize("fmt", ["jsonl", "csv"])
def test_a_file_name_not_in_utf8_gets_its_row_and_resumes(cvs, tmp_path, fmt):
    bad = os.path.join(os.fsencode(cvs), b"cv-\xff.txt")
    with open(bad, "wb") as fh:
        fh.write((cvs / "a.md").read_bytes())
    out = tmp_path / f"r.{fmt}"
    result = score(cvs, out)
    assert result.exit_code == 0, result.output
    rows = rows_of(out, fmt)
    files = {r["file"].rsplit("/", 1)[-1] for r in rows}
    assert files == {"a.md", "b.txt", "cv-\\udcff.txt"}  # every file, the bad one escaped
    before = out.read_bytes()
    result = score(cvs, out, "--resume")
    assert result.exit_code == 0, result.output
    assert out.read_bytes() == before  # all done: nothing scored twice, nothing lost


def test_a_nul_in_a_path_costs_one_row_through_the_library(cvs, roleset):
    rows = list(score_folder([str(cvs / "x\0y.txt"), cvs / "a.md"], roleset.subset(TWO),
                             workers=0, cache=None))
    assert [(r.status, r.reason) for r in rows] == [("error", "not_found"), ("ok", None)]


# --------------------------------------------------------------------------- 2
@pytest.mark.parametrize("name", ["cv[final].txt", "x[/bold]y.txt", "esc\x1b[31mred.txt"])
def test_error_messages_show_file_names_as_written(tmp_path, name):
    result = run("read", str(tmp_path / name))
    assert result.exit_code == 1
    assert "Traceback" not in result.output and "\x1b" not in result.output
    shown = name.replace("\x1b", "?")
    assert shown in result.output


def test_a_non_utf8_name_in_a_message_is_escaped(tmp_path):
    bad = os.path.join(os.fsencode(tmp_path), b"gone-\xff.pdf")
    result = run("read", os.fsdecode(bad))
    assert result.exit_code == 1 and "gone-\\udcff.pdf" in result.output


def test_the_dask_hint_keeps_its_brackets(cvs, tmp_path, monkeypatch):
    import sys

    monkeypatch.setitem(sys.modules, "distributed", None)  # not installed
    result = score(cvs, tmp_path / "r.jsonl", "--backend", "dask")
    assert result.exit_code == 1
    assert "pip install 'rolematch[dask]'" in result.output


def test_library_warnings_are_shown_escaped(cvs, tmp_path):
    (tmp_path / "real").mkdir()
    (cvs / "[bold]link").symlink_to(tmp_path / "real")
    result = score(cvs, tmp_path / "r.jsonl")
    assert result.exit_code == 0, result.output
    assert "[bold]link: skipped: a symbolic link to a folder" in result.output


# --------------------------------------------------------------------------- 3
def test_a_csv_cut_inside_a_file_name_rescores_that_file_in_full(cvs, tmp_path):
    out = tmp_path / "r.csv"
    assert score(cvs, out).exit_code == 0
    reference = out.read_bytes()
    lines = reference.split(b"\n")  # header, a.md x2, b.txt x2
    cut = b"\n".join(lines[:4]) + b"\n" + lines[4][:len(lines[4]) // 4]  # inside b's name
    out.write_bytes(cut)
    assert read_done(out, "csv", n_roles=2) == {str(cvs / "a.md")}
    out.write_bytes(cut)
    result = score(cvs, out, "--resume")
    assert result.exit_code == 0, result.output
    assert out.read_bytes() == reference  # b.txt's partial row dropped, b.txt scored again


def test_resume_refuses_a_jsonl_file_it_did_not_write(cvs, tmp_path):
    out = tmp_path / "notes.jsonl"
    out.write_text('{"a": 1}\nplain words\n', "utf-8")
    before = out.read_bytes()
    result = score(cvs, out, "--resume")
    assert result.exit_code == 1 and "not rolematch JSONL output" in result.output
    assert out.read_bytes() == before


# --------------------------------------------------------------------------- 4
def test_no_silent_skips_in_folders(cvs, tmp_path, monkeypatch):
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "c.txt").write_text("x", "utf-8")
    (cvs / "linked").symlink_to(tmp_path / "elsewhere")
    (cvs / "locked").mkdir()
    real_walk = os.walk

    def walk(top, onerror=None, followlinks=False):  # root reads any folder: simulate
        for root, dirs, names in real_walk(top, onerror=onerror, followlinks=followlinks):
            if os.path.basename(root) == "locked":
                onerror(PermissionError(13, "Permission denied", root))
                continue
            yield root, dirs, names

    monkeypatch.setattr("rolematch.batch.os.walk", walk)
    found = discover([cvs])
    why = {p.name: w for p, w in found.skipped}
    assert why == {"linked": "a symbolic link to a folder, not followed",
                   "locked": "cannot be read (Permission denied)"}


def test_a_second_role_with_the_same_id_warns(tmp_path, caplog):
    src = next((REPO / "corpora" / "roles").glob("*.toml"))
    for sub in ("a", "b"):
        (tmp_path / sub).mkdir()
        shutil.copy(src, tmp_path / sub / src.name)
    load_roles([tmp_path], cache=None)
    assert "is also the id of" in caplog.text


def test_a_missing_path_gets_a_row_and_exit_1(cvs, tmp_path):
    out = tmp_path / "r.jsonl"
    result = run("score", str(cvs), "/no/such/path", "-o", str(out), "--workers", "0",
                 "--no-cache", "-q", "--role", TWO[0])
    assert result.exit_code == 1 and "no such file or folder: /no/such/path" in result.output
    rows = rows_of(out, "jsonl")
    assert rows[-1]["file"] == "/no/such/path" and rows[-1]["reason"] == "not_found"
    assert len(rows) == 3


# --------------------------------------------------------------------------- 5
def test_csv_cells_are_never_formulas(cvs, tmp_path, monkeypatch):
    (cvs / "=cmd|calc!A1.txt").write_text((cvs / "a.md").read_text("utf-8"), "utf-8")
    (cvs / "@sum.txt").write_bytes(b"")
    (cvs / "'quoted.txt").write_bytes(b"")
    monkeypatch.chdir(cvs)  # relative names: "=cmd|calc!A1.txt" starts the cell
    out = tmp_path / "r.csv"
    assert score(".", out).exit_code == 0
    with out.open(encoding="utf-8") as fh:
        cells = [row[0] for row in csv.reader(fh)]
    assert "'=cmd|calc!A1.txt" in cells and "'@sum.txt" in cells and "''quoted.txt" in cells
    assert not [c for c in cells if c.startswith(("=", "+", "-", "@", "\t", "\r"))]
    assert read_done(out, "csv", n_roles=2) == {"=cmd|calc!A1.txt", "@sum.txt", "'quoted.txt",
                                                "a.md", "b.txt"}
    from rolematch._rows import csv_cell

    assert [csv_cell(v) for v in ("=1+1", "+1", "-1", "@A1", "\tx", "\rx", "ok")] == \
        ["'=1+1", "'+1", "'-1", "'@A1", "'\tx", "'\rx", "ok"]


# --------------------------------------------------------------------------- 6
@pytest.mark.parametrize("bad", ["../../tmp/escape", "Bad ID"])
def test_roles_import_takes_only_a_role_id(tmp_path, monkeypatch, bad):
    monkeypatch.chdir(tmp_path)
    posting = REPO / "examples" / "postings" / "senior-growth-marketer.md"
    result = run("roles", "import", str(posting), "--id", bad)
    assert result.exit_code == 1 and "is not a role id" in result.output
    assert not list(tmp_path.rglob("*.toml")) and not Path("/tmp/escape.toml").exists()
    if bad == "Bad ID":
        assert "try --id bad-id" in result.output


def test_cache_clear_deletes_only_a_cache(tmp_path):
    notes = tmp_path / "notes.txt"
    notes.write_text("keep me", "utf-8")
    result = run("cache", "clear", "--cache", str(notes))
    assert result.exit_code == 1 and "not a rolematch cache" in result.output
    assert notes.read_text("utf-8") == "keep me"
    result = run("cache", "clear", "--cache", str(tmp_path))
    assert result.exit_code == 1 and "is a folder" in result.output
    assert "Traceback" not in result.output
    import sqlite3

    other = tmp_path / "other.sqlite"
    with sqlite3.connect(other) as db:
        db.execute("CREATE TABLE t (x)")
    db.close()
    assert run("cache", "clear", "--cache", str(other)).exit_code == 1 and other.exists()


def test_a_corrupt_cache_says_how_to_fix_it(cvs, tmp_path, roleset, caplog):
    bad = tmp_path / "c.sqlite"
    bad.write_bytes(b"SQLite format 3\0" + b"\xff" * 4000)
    list(score_folder([cvs], roleset.subset(TWO), workers=0, cache=bad))
    assert f"rolematch cache clear --cache {bad}" in caplog.text
    assert run("cache", "clear", "--cache", str(bad)).exit_code == 0 and not bad.exists()


# --------------------------------------------------------------------------- 12
def test_match_takes_the_format_from_the_output_suffix(tmp_path):
    out = tmp_path / "report.html"
    resume = REPO / "examples" / "resumes" / "priya-natarajan-tpm.md"
    result = run("match", str(resume), "--role", "technical-product-manager", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert out.read_text("utf-8").lstrip().lower().startswith("<!doctype html")


def test_flags_are_flags_and_options_have_help():
    text = run("match", "--help").output
    redact = next(line for line in text.splitlines() if "--redact" in line)
    assert "<bool>" not in redact
    roles = next(line for line in text.splitlines() if "--roles" in line)
    assert "Role files" in roles
    for cmd in ("score",):
        for line in run(cmd, "--help").output.splitlines():
            if any(f in line for f in ("--no-cache", "--resume", "--quiet")):
                assert "<bool>" not in line, line


def test_build_says_where_it_writes_and_takes_a_checkout(tmp_path, monkeypatch):
    import rolematch._resources as res
    import rolematch.build as build_mod

    seen = {}
    monkeypatch.setattr(res, "packaged", lambda name: True)
    monkeypatch.setattr(build_mod, "build_models",
                        lambda out=None: seen.setdefault("corpora", res.corpora_dir()) and out)
    result = run("build")
    assert result.exit_code == 0, result.output
    assert "installed package's corpora" in result.output and "--corpora" in result.output
    (tmp_path / "corpora").mkdir()
    seen.clear()
    result = run("build", "--corpora", str(tmp_path / "corpora"), "--out", str(tmp_path / "m"))
    assert result.exit_code == 0, result.output
    assert seen["corpora"] == tmp_path / "corpora"
    assert "installed package's corpora" not in result.output


def test_the_ranking_gap_cell_uses_the_fit_reports_wording():
    from rolematch.report import _required_gap

    assert _required_gap([], 4) == "4 required skills covered only by related skills"
    assert _required_gap(["SQL"], 4) == "SQL"
    assert _required_gap([], 0) == "—"


# --------------------------------------------------------------------------- speed, options
def test_to_dict_does_not_copy_the_row(cvs, roleset):
    row = next(iter(score_folder([cvs], roleset.subset(TWO), workers=0, cache=None)))
    d = row.to_dict()
    assert d["scores"] is row.scores and d["fits"] is row.fits and "missing" not in d


@pytest.mark.parametrize("bad", [dict(backend="spark"), dict(pdf_reader="ocr"), dict(top=0),
                                 dict(workers=-1), dict(max_pages=0)])
def test_batch_options_are_checked_once_when_made(bad):
    with pytest.raises(RolematchError):
        BatchOptions(**bad)
