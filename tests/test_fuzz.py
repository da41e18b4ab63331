"""Fuzzing, small: every target of benchmarks/bench_fuzz.py on a few hundred generated
inputs raises nothing but rolematch's own errors (the benchmark runs 10,000 each).
Plus malformed corpus files: file:line errors, never another exception, never at import."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from benchmarks.bench_fuzz import TARGETS, Tally, run_one
from rolematch.errors import CorpusError, RolematchError

REPO = Path(__file__).resolve().parent.parent
EXAMPLES = {"cleaner": 150, "sections": 150, "dates": 300, "taxonomy": 80, "roles": 80,
            "reader": 150}


@pytest.mark.parametrize("name", sorted(TARGETS))
def test_fuzz_target_raises_only_library_errors(name):
    target = TARGETS[name]

    @settings(max_examples=EXAMPLES[name], deadline=None, database=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
    @given(target.strategy)
    def prop(x):
        try:
            target.fn(x)
        except RolematchError:
            pass
    prop()


def test_the_benchmark_runner_counts_inputs_and_failures(monkeypatch):
    tally = Tally()
    run_one("dates", 50, tally)
    assert tally.inputs == 50 and tally.n_failures == 0

    def boom(line):
        raise KeyError(line)
    monkeypatch.setitem(TARGETS, "dates", TARGETS["dates"].__class__(boom, TARGETS["dates"].strategy))
    tally = Tally()
    run_one("dates", 20, tally)
    assert tally.n_failures == 20 and list(tally.failures) == ["KeyError at ?"]


# --- malformed corpus files -------------------------------------------------------------

GOOD_SKILL = json.dumps({"id": "ok", "name": "OK", "aliases": [], "kind": "hard_skill"})


@pytest.mark.parametrize("line, message", [
    (b"\xff\xfe not utf-8", r"not UTF-8 text \(byte 1 of the line\)"),
    (b"[" * 100_000, "nested too deeply"),
    (b'{"id": "ok", "name": "OK", "kind": "hard_skill", "aliases": ' + b"[" * 50_000 + b"]}",
     "nested too deeply"),
])
def test_malformed_taxonomy_lines_name_file_and_line(tmp_path, line, message):
    from rolematch.taxonomy import Taxonomy

    p = tmp_path / "bad.jsonl"
    p.write_bytes(GOOD_SKILL.encode() + b"\r\n\n" + line + b"\n")
    with pytest.raises(CorpusError, match=message) as ei:
        Taxonomy.load(p, defaults=False)
    assert ei.value.line == 3 and str(ei.value).startswith(f"{p}:3: ")


def test_taxonomy_line_numbers_follow_every_line_ending(tmp_path):
    from rolematch.taxonomy import Taxonomy

    p = tmp_path / "cr.jsonl"
    p.write_bytes(GOOD_SKILL.encode() + b"\r" + b"{oops\r\n")
    with pytest.raises(CorpusError, match="invalid JSON") as ei:
        Taxonomy.load(p, defaults=False)
    assert ei.value.line == 2


@pytest.mark.parametrize("text, where", [
    ('id = "x"\nx = ' + "[" * 50_000, "nested too deeply"),
    ('id = "x"\n\ntitle = "X"\nsalary = = 1\n', r"bad\.toml:4: not valid TOML"),
])
def test_malformed_role_files_are_corpus_errors(tmp_path, text, where):
    from rolematch.roles import load_role_file

    p = tmp_path / "bad.toml"
    p.write_text(text, encoding="utf-8")
    with pytest.raises(CorpusError, match=where):
        load_role_file(p)


def test_importing_rolematch_reads_no_corpus_file():
    """Corpora load lazily: a malformed one can never break `import rolematch`."""
    code = """
import pathlib
import sys

def guard(real):
    def method(self, *a, **k):
        where = str(self.resolve())
        if where.startswith((CORPORA, MODELS)) or 'rolematch/corpora' in where:
            raise SystemExit(f'read {self} at import')
        return real(self, *a, **k)
    return method

CORPORA, MODELS = sys.argv[1], sys.argv[2]
for name in ('open', 'read_text', 'read_bytes'):
    setattr(pathlib.Path, name, guard(getattr(pathlib.Path, name)))
import rolematch, rolematch.taxonomy, rolematch.roles, rolematch.score, rolematch.cli
print('ok')
"""
    run = subprocess.run([sys.executable, "-c", code, str(REPO / "corpora"), str(REPO / "models")],
                         cwd=REPO, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0 and run.stdout.strip() == "ok", run.stdout + run.stderr
