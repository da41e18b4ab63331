"""Privacy: no network anywhere; reports and batch output carry no e-mail, phone or
street address (``--redact`` also drops links and the folder path); the batch cache
keeps only what scoring needs, and ``rolematch cache clear`` removes it."""

from __future__ import annotations

import json
import socket
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rolematch.cli import app

NAME = "Jordan Avery"
EMAIL = "jordan.avery@example.com"
PHONE = "(555) 201-7788"
STREET = "415 Mission Street"
BODY_PHONE = "415-555-0199"
URL = "github.com/jordan-avery-example"
SECRETS = (NAME, "Avery", EMAIL, "201-7788", STREET, "Mission", BODY_PHONE)

RESUME = f"""{NAME}
{STREET}, Salesforce Tower, San Francisco, CA 94105
{EMAIL} | {PHONE} | {URL}

Summary
Marketing operations lead. HubSpot and Salesforce admin, SQL and Tableau reporting.

Experience
Marketing Operations Manager, Acme Corp
Jan 2019 - Present
- Ran Marketo and Salesforce integrations; on call at {BODY_PHONE} for campaign ops.
- Built SQL dashboards in Tableau; code at {URL}.
Marketing Analyst, Globex
03/2016 to 12/2018
- Google Analytics and Excel reporting; A/B tests on email campaigns.

Education
Bachelor of Science in Statistics, State University, 2015
"""


@pytest.fixture()
def resume_file(tmp_path) -> Path:
    p = tmp_path / "cvs" / "jordan-avery.txt"
    p.parent.mkdir()
    p.write_text(RESUME, encoding="utf-8")
    return p


@pytest.fixture()
def no_network(monkeypatch):
    """Every way to reach another host raises, and fails the test even if swallowed:
    connecting a socket, sending to an address, name lookups.  Making a socket stays
    allowed: urllib3 (imported by spaCy's CLI module) binds one to ::1 at import to
    probe for IPv6, which is no network access."""
    calls: list[str] = []

    def refuse(*args, **kwargs):
        calls.append(repr(args)[:200])
        raise AssertionError(f"network access attempted: {args!r}")
    for name in ("connect", "connect_ex", "sendto"):
        monkeypatch.setattr(socket.socket, name, refuse)
    for name in ("create_connection", "getaddrinfo", "gethostbyname", "gethostbyname_ex",
                 "gethostbyaddr", "getnameinfo"):
        monkeypatch.setattr(socket, name, refuse)
    yield calls
    assert not calls, calls


def test_the_network_guard_bites(no_network):
    with pytest.raises(AssertionError, match="network access attempted"):
        socket.create_connection(("example.com", 80))
    with socket.socket() as s, pytest.raises(AssertionError, match="network access attempted"):
        s.connect(("127.0.0.1", 9))
    no_network.clear()


def test_the_whole_pipeline_runs_without_network(no_network, resume_file, tmp_path):
    """read (text, PDF, DOCX) → extract → fit a matcher → score → every report format →
    batch in this process (cache on) → the CLI commands; sockets raise throughout."""
    from benchmarks import _hostile as H
    from rolematch.batch import score_folder
    from rolematch.documents import read_resume
    from rolematch.extract import skill_evidence
    from rolematch.report import FORMATS, render, render_ranking
    from rolematch.roles import RoleProfile, RoleSet
    from rolematch.score import Matcher

    folder = resume_file.parent
    (folder / "cv.pdf").write_bytes(H.text_pdf())
    (folder / "cv.docx").write_bytes(H.good_docx())
    resumes = [read_resume(p) for p in sorted(folder.iterdir())]
    assert all(skill_evidence(r) for r in resumes)
    roles = RoleSet.default().with_role(RoleProfile.from_text(
        "Growth Marketer\nRequired: SQL, Google Analytics, A/B testing.", id="growth"))
    matcher = Matcher().fit(roles)
    for r in resumes:
        fits = matcher.rank(matcher.featurize(r))
        for fmt in FORMATS:
            for redact in (False, True):
                assert render(fits[0], fmt, alternatives=fits[1:], redact=redact)
        assert render_ranking(fits, "md")
    rows = list(score_folder([folder], roles, workers=0, cache=tmp_path / "c.sqlite"))
    assert [r.status for r in rows] == ["ok"] * 3
    runner = CliRunner()
    for args in (["read", str(resume_file)], ["skills", str(resume_file)],
                 ["match", str(resume_file), "--role", "marketing-analyst", "-f", "json"],
                 ["fit", str(resume_file)],
                 ["score", str(folder), "--workers", "0", "--cache", str(tmp_path / "c.sqlite"),
                  "-o", str(tmp_path / "out.csv"), "--quiet"]):
        res = runner.invoke(app, args)
        assert res.exit_code == 0, (args, res.output)


@pytest.mark.parametrize("fmt", ["md", "html", "json", "text"])
def test_reports_carry_no_contact_details(resume_file, fmt):
    res = CliRunner().invoke(app, ["match", str(resume_file), "--role",
                                   "marketing-operations-manager", "-f", fmt])
    assert res.exit_code == 0, res.output
    for secret in SECRETS:
        assert secret not in res.stdout, secret
    assert "Salesforce" in res.stdout  # the lines are still quoted, only scrubbed


@pytest.mark.parametrize("fmt", ["md", "html", "json"])
def test_redact_also_drops_links_and_the_folder(resume_file, fmt):
    runner = CliRunner()
    plain = runner.invoke(app, ["match", str(resume_file), "--role",
                                "marketing-operations-manager", "-f", fmt]).stdout
    red = runner.invoke(app, ["match", str(resume_file), "--role",
                              "marketing-operations-manager", "-f", fmt, "--redact"]).stdout
    assert str(resume_file.parent) in plain.replace("\\", "")
    assert URL not in red and str(resume_file.parent) not in red
    assert "jordan-avery.txt" in red.replace("\\", "")
    for secret in SECRETS:
        assert secret not in red


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "json"])
def test_batch_output_carries_no_contact_details(resume_file, tmp_path, fmt):
    out = tmp_path / f"out.{fmt}"
    res = CliRunner().invoke(app, ["score", str(resume_file.parent), "-o", str(out),
                                   "--workers", "0", "--no-cache", "--quiet"])
    assert res.exit_code == 0, res.output
    text = out.read_text(encoding="utf-8").replace(str(resume_file), "")
    for secret in SECRETS:
        assert secret not in text, secret


def _cache_bytes(path: Path) -> bytes:
    """Everything on disk for an SQLite file: the database, its WAL and shared memory."""
    return b"".join(p.read_bytes() for p in (path, path.with_name(path.name + "-wal"),
                                             path.with_name(path.name + "-shm")) if p.exists())


def test_the_cache_keeps_no_contact_details_and_clear_removes_it(resume_file, tmp_path):
    cache = tmp_path / "cache" / "resumes.sqlite"
    runner = CliRunner()
    res = runner.invoke(app, ["score", str(resume_file.parent), "--workers", "0", "--cache",
                              str(cache), "-o", str(tmp_path / "o.jsonl"), "--quiet"])
    assert res.exit_code == 0, res.output
    stored = _cache_bytes(cache)
    assert b"Marketo" in stored  # it did cache the résumé…
    for secret in (NAME, "Avery", EMAIL, "201-7788", STREET, "Mission", URL):
        assert secret.encode() not in stored, secret  # …but none of the contact lines
    # a second run reads from the cache and scores the same
    first = json.loads((tmp_path / "o.jsonl").read_text(encoding="utf-8"))
    res = runner.invoke(app, ["score", str(resume_file.parent), "--workers", "0", "--cache",
                              str(cache), "-o", str(tmp_path / "o2.jsonl"), "--quiet"])
    assert json.loads((tmp_path / "o2.jsonl").read_text(encoding="utf-8")) == first
    res = runner.invoke(app, ["cache", "clear", "--cache", str(cache)])
    assert res.exit_code == 0, res.output
    assert not any(cache.parent.iterdir()), list(cache.parent.iterdir())


def test_the_name_line_and_contact_lines_are_never_scored(make_resume, matcher):
    """The street address joins the name, e-mail and phone as lines scoring skips:
    a Salesforce Tower address is no Salesforce evidence."""
    r = make_resume(RESUME)
    lines = {r.lines[i] for i in r.contact.lines}
    assert any(STREET in ln for ln in lines) and NAME in lines
    fit = matcher.match(r, "marketing-operations-manager")
    for m in fit.matched:
        for e in m.evidence:
            assert e.line not in r.contact.lines


def test_the_cache_keeps_no_phone_number_from_a_body_line(resume_file, tmp_path):
    cache = tmp_path / "c.sqlite"
    CliRunner().invoke(app, ["score", str(resume_file.parent), "--workers", "0", "--cache",
                             str(cache), "-o", str(tmp_path / "o.jsonl"), "--quiet"])
    assert BODY_PHONE.encode() not in _cache_bytes(cache)


def test_masked_contact_details_score_the_same_cached_or_not(tmp_path):
    """The cache overwrites a body line's e-mail and phone in place; scoring masks them
    too, so a cached re-run gives exactly the rows of a fresh read."""
    from rolematch._privacy import mask_contact
    from rolematch.batch import score_folder
    from rolematch.roles import RoleSet

    line = "- Ran Salesforce reports for sales@acme-analytics.com; hotline 415-555-0199"
    assert len(mask_contact(line)) == len(line) and "415" not in mask_contact(line)
    assert "sales@" not in mask_contact(line) and "Salesforce" in mask_contact(line)
    assert mask_contact(f"Portfolio: {URL}") == "Portfolio: " + "\u2022" * len(URL)
    assert mask_contact("Led 2019-2023 growth of 25% at Salesforce.com") == \
        "Led 2019-2023 growth of 25% at Salesforce.com"
    cvs = tmp_path / "cvs"
    cvs.mkdir()
    (cvs / "a.txt").write_text(RESUME.replace("Experience\n", "Experience\n" + line + "\n", 1),
                               encoding="utf-8")
    roles = RoleSet.default()
    cache = tmp_path / "c.sqlite"
    fresh = list(score_folder([cvs], roles, workers=0, cache=None))
    first = list(score_folder([cvs], roles, workers=0, cache=cache))
    again = list(score_folder([cvs], roles, workers=0, cache=cache))
    assert fresh == first == again and fresh[0].status == "ok"
    assert b"415-555-0199" not in _cache_bytes(cache)
    assert b"sales@acme-analytics.com" not in _cache_bytes(cache)
