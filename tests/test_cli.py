"""The CLI, invoked in-process: each command works and errors are one clean line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rolematch.cli import app

REPO = Path(__file__).resolve().parent.parent
runner = CliRunner()


def run(*args: str):
    return runner.invoke(app, list(args), catch_exceptions=False)


@pytest.fixture(scope="module")
def tpm_resume():
    return str(REPO / "examples" / "resumes" / "priya-natarajan-tpm.md")


def test_every_command_has_help():
    for cmd in (["read"], ["skills"], ["match"], ["fit"], ["score"], ["build"],
                ["roles", "list"], ["roles", "show"], ["roles", "import"],
                ["taxonomy", "show"], ["taxonomy", "search"], ["cache", "clear"]):
        result = run(*cmd, "--help")
        assert result.exit_code == 0, cmd
        assert "Usage" in result.output


def test_read_json(tpm_resume):
    result = run("read", tpm_resume, "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert data["years_experience"] > 0


def test_read_missing_file_is_one_line_error(tmp_path):
    result = run("read", str(tmp_path / "nope.pdf"))
    assert result.exit_code == 1
    assert "nope.pdf" in result.output and "Traceback" not in result.output


def test_roles_list_and_show():
    result = run("roles", "list")
    assert result.exit_code == 0 and "technical-product-manager" in result.output
    result = run("roles", "show", "technical-marketing-manager")
    assert result.exit_code == 0 and "Ceros" in result.output
    result = run("roles", "show", "astronaut")
    assert result.exit_code == 1 and "unknown role 'astronaut'" in result.output


def test_roles_import_writes_an_editable_role_file(tmp_path):
    out = tmp_path / "growth.toml"
    posting = REPO / "examples" / "postings" / "senior-growth-marketer.md"
    result = run("roles", "import", str(posting), "--id", "growth", "-o", str(out))
    assert result.exit_code == 0, result.output
    from rolematch.roles import load_role_file

    role = load_role_file(out)
    assert role.id == "growth" and role.required


def test_roles_import_makes_the_id_from_the_title(tmp_path, monkeypatch):
    posting = tmp_path / "p.txt"
    posting.write_text("Payroll Clerk\nRequirements\n- Payroll processing in ADP\n"
                       "- Advanced Excel\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = run("roles", "import", str(posting))
    assert result.exit_code == 0, result.output
    from rolematch.roles import load_role_file

    assert load_role_file(tmp_path / "payroll-clerk.toml").id == "payroll-clerk"


def test_taxonomy_show_and_search():
    result = run("taxonomy", "show", "hubspot")
    assert result.exit_code == 0 and "marketo" in result.output.lower()
    result = run("taxonomy", "search", "analytics")
    assert result.exit_code == 0 and "google-analytics" in result.output


def test_skills_lists_evidence(tpm_resume):
    result = run("skills", tpm_resume)
    assert result.exit_code == 0 and "SQL" in result.output


@pytest.mark.parametrize("fmt", ["md", "json", "text", "html"])
def test_match_formats(tpm_resume, fmt, tmp_path):
    out = tmp_path / f"report.{fmt}"
    result = run("match", tpm_resume, "--role", "technical-product-manager", "--format", fmt,
                 "-o", str(out))
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8").strip()


def test_match_against_a_posting_file(tpm_resume):
    posting = REPO / "examples" / "postings" / "senior-growth-marketer.md"
    result = run("match", tpm_resume, "--role", str(posting), "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["role"]["id"] == "senior-growth-marketer"


def test_fit_ranks_roles(tpm_resume):
    result = run("fit", tpm_resume, "--format", "json")
    assert result.exit_code == 0, result.output
    assert "technical-product-manager" in result.output


def test_score_folder_to_csv(tmp_path):
    out = tmp_path / "r.csv"
    result = run("score", str(REPO / "examples" / "resumes"), "-o", str(out), "--workers", "1",
                 "--role", "technical-product-manager", "--role", "marketing-analyst")
    assert result.exit_code == 0, result.output
    rows = out.read_text().splitlines()
    assert rows[0] == "file,role,score,rank,status,reason,top_missing,flags"
    n_files = len([p for p in (REPO / "examples" / "resumes").iterdir()
                   if p.suffix in (".md", ".txt") and p.name != "README.md"])
    assert len(rows) - 1 == 2 * n_files


def test_score_unknown_role_is_a_library_error_exit_1():
    result = run("score", str(REPO / "examples" / "resumes"), "--role", "astronaut")
    assert result.exit_code == 1 and "unknown role" in result.output
    assert "Traceback" not in result.output


def test_score_unknown_option_is_a_usage_error_exit_2():
    result = runner.invoke(app, ["score", str(REPO / "examples" / "resumes"), "--no-such"])
    assert result.exit_code == 2


def test_cache_clear(tmp_path):
    out = tmp_path / "r.jsonl"
    cache = tmp_path / "c.sqlite"
    args = ["score", str(REPO / "examples" / "resumes"), "-o", str(out), "--workers", "1",
            "--cache", str(cache), "--role", "marketing-analyst", "--quiet"]
    assert run(*args).exit_code == 0
    result = run("cache", "clear", "--cache", str(cache))
    assert result.exit_code == 0 and "(4 entries)" in result.output


def test_fit_with_roles_dir_ranks_only_those(tpm_resume):
    postings = REPO / "examples" / "postings"
    result = run("fit", tpm_resume, "--roles", str(postings), "--format", "json")
    assert result.exit_code == 0, result.output
    assert "senior-growth-marketer" in result.output
    assert "technical-product-manager" not in result.output


def test_csv_lists_missing_skills_for_every_role_not_only_the_top_k(tmp_path):
    import csv

    from rolematch import Matcher, RoleSet, read_resume

    out = tmp_path / "r.csv"
    resume = REPO / "examples" / "resumes" / "daniel-okafor-marketing-analyst.txt"
    assert run("score", str(resume), "-o", str(out), "--workers", "0", "--top", "1",
               "--no-cache", "--quiet").exit_code == 0
    rows = list(csv.DictReader(out.read_text(encoding="utf-8").splitlines()))
    m = Matcher(meaning=True).fit(RoleSet.default())  # as `score` ships
    fits = {f.role_id: f for f in m.rank(read_resume(resume))}
    assert len(rows) == len(fits)
    for row in rows:
        want = [g.skill_id for g in fits[row["role"]].missing_required][:5]
        got = row["top_missing"].split(";") if row["top_missing"] else []
        assert got == want, row["role"]
    assert sum(1 for row in rows if row["top_missing"]) > 1  # beyond the one explained fit
