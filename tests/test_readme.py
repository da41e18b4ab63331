"""What the README and docs/ claim is checked: their Python examples run as written
(from a temporary folder, not the repository), the batch output sample and the exit
codes match the code, every CLI command is in the README."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
PAGES = [REPO / "README.md", *sorted((REPO / "docs").glob("*.md"))]


def blocks(page: Path, lang: str) -> list[str]:
    return re.findall(rf"```{lang}\n(.*?)```", page.read_text(encoding="utf-8"), flags=re.S)


def test_the_readme_is_a_front_door():
    assert len((REPO / "README.md").read_text(encoding="utf-8").splitlines()) <= 150


@pytest.mark.parametrize("page", [p for p in PAGES if blocks(p, "python")],
                         ids=lambda p: p.name)
def test_python_examples_run_from_anywhere(page, tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    for code in blocks(page, "python"):
        exec(compile(code, str(page.relative_to(REPO)), "exec"), {})
    if page.name == "README.md":
        assert "technical-product-manager" in capsys.readouterr().out


def test_readme_documents_every_cli_command():
    from rolematch.cli import app

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    names = [c.name or c.callback.__name__ for c in app.registered_commands]
    names += [g.name for g in app.registered_groups]
    for name in names:
        assert f"rolematch {name}" in readme, name


def _objects(text: str) -> list[dict]:
    dec, at, out = json.JSONDecoder(), 0, []
    while text[at:].strip():
        at += len(text[at:]) - len(text[at:].lstrip())
        obj, at = dec.raw_decode(text, at)
        out.append(obj)
    return out


def test_the_jsonl_sample_matches_the_rows(example_files, roleset):
    from rolematch.batch import score_folder
    from rolematch.errors import READ_REASONS

    page = REPO / "docs" / "batch.md"
    sample = _objects(blocks(page, "json")[0])
    ok = next(score_folder(example_files[:1], roleset, workers=0, cache=None, top=1))
    bad = next(score_folder(["/no/such/file.pdf"], roleset, workers=0, cache=None))
    for doc, row in zip(sample, (ok.to_dict(), bad.to_dict())):
        assert list(doc) == list(row)
        assert doc["status"] == row["status"]
    assert list(sample[0]["fits"][0]) == list(ok.to_dict()["fits"][0])
    text = page.read_text(encoding="utf-8")
    listed = re.search(r"`reason` is one of (.*?)\.\s", text, flags=re.S).group(1)
    documented = set(re.findall(r"`(\w+)`", listed))
    assert documented == set(READ_REASONS)


def test_the_exit_codes_table_matches_the_cli(tmp_path, example_files):
    from typer.testing import CliRunner

    from rolematch.cli import app

    text = (REPO / "docs" / "batch.md").read_text(encoding="utf-8")
    table = dict(re.findall(r"^\| (\d) \| (.*) \|$", text, flags=re.M))
    assert set(table) == {"0", "1", "2"}
    runner = CliRunner()
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(b"%PDF-1.4 garbage")
    args = ["score", str(example_files[0]), str(bad), "--workers", "0", "--no-cache", "-q",
            "--role", "marketing-analyst", "-o", str(tmp_path / "r.jsonl")]
    assert runner.invoke(app, args).exit_code == 0  # an error row is not a failure
    assert runner.invoke(app, [*args[:-2], "--role", "astronaut"]).exit_code == 1
    assert runner.invoke(app, [*args, "--no-such-option"]).exit_code == 2
