"""Batch scoring: one row per file, in order, errors kept, good files unaffected."""

from __future__ import annotations

import io
import json

import pytest

from rolematch.batch import discover, score_folder, write_results


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


def test_discover_sorted_skips_hidden(folder):
    files, hidden = discover([folder])
    assert [f.relative_to(folder).as_posix() for f in files] == \
        ["a.md", "broken.pdf", "empty.txt", "sub/b.txt"]
    assert hidden == 1


def test_every_file_gets_a_row_in_order(folder, roleset):
    rows = list(score_folder([folder], roleset.subset(["technical-product-manager",
                                                       "marketing-analyst"]), workers=1))
    assert [r.file.rsplit("/", 1)[-1] for r in rows] == ["a.md", "broken.pdf", "empty.txt",
                                                         "b.txt"]
    status = {r.file.rsplit("/", 1)[-1]: (r.status, r.reason) for r in rows}
    assert status["broken.pdf"] == ("error", "corrupt")
    assert status["empty.txt"] == ("error", "empty")
    ok = [r for r in rows if r.status == "ok"]
    assert all(set(r.scores) == {"technical-product-manager", "marketing-analyst"} for r in ok)


def test_good_files_score_the_same_alone_and_in_parallel(folder, roleset):
    roles = roleset.subset(["technical-product-manager", "developer-relations"])
    alone = next(score_folder([folder / "a.md"], roles, workers=1))
    together = {r.file: r for r in score_folder([folder], roles, workers=2, chunk_size=1)}
    assert together[str(folder / "a.md")].scores == alone.scores


def test_jsonl_contract(folder, roleset):
    rows = score_folder([folder], roleset.subset(["marketing-analyst"]), workers=1, top=1)
    buf = io.StringIO()
    assert write_results(rows, buf, "jsonl") == 4
    objs = [json.loads(line) for line in buf.getvalue().splitlines()]
    for o in objs:
        assert list(o) == ["file", "status", "reason", "message", "scores", "best", "fits"]
    ok = [o for o in objs if o["status"] == "ok"][0]
    assert ok["best"] == "marketing-analyst" and len(ok["fits"]) == 1
    assert set(ok["fits"][0]) == {"role", "score", "missing_required", "matched"}
