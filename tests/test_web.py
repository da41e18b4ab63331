"""The web page (``rolematch serve``) over plain HTTP: every page, the library calls
behind them, and the safety rules (security headers, escaping, hostile uploads, zip
archives, size limits, error pages without tracebacks)."""

from __future__ import annotations

import asyncio
import csv
import html
import io
import json
import re
import time
import zipfile
from pathlib import Path

import pytest

pytest.importorskip("starlette")
from starlette.testclient import TestClient

from rolematch.batch import BatchOptions
from rolematch.web import CSP, UploadLimits, WebOptions, create_app
from rolematch.web._pagecss import split_styles
from rolematch.web._store import Expired, Store

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
PRIYA = EXAMPLES / "resumes" / "priya-natarajan-tpm.md"
SOFIA = EXAMPLES / "resumes" / "sofia-reyes-software-engineer.md"
POSTING = EXAMPLES / "postings" / "senior-growth-marketer.md"
TPM = "technical-product-manager"


def _options(**kw) -> WebOptions:
    base = {"workers": 0, "batch": BatchOptions(workers=0, cache=None), "warm_up": False}
    return WebOptions(**{**base, **kw})


@pytest.fixture(scope="module")
def client():
    with TestClient(create_app(_options()), raise_server_exceptions=False) as c:
        yield c


def _secure(r) -> None:
    assert r.headers["content-security-policy"] == CSP
    assert r.headers["x-content-type-options"] == "nosniff"


def _match(client, path: Path | None = None, name: str | None = None, data: bytes | None = None,
           **form):
    files = None
    if path is not None or data is not None:
        files = {"resume": (name or path.name, data if data is not None else path.read_bytes())}
    return client.post("/match", files=files, data=form, follow_redirects=False)


def _error_line(r) -> str:
    m = re.search(r'<p class="rmw-error" role="alert" id="error">(.*?)</p>', r.text, re.DOTALL)
    assert m, r.text[:500]
    return html.unescape(m.group(1))


# --------------------------------------------------------------------------- pages
@pytest.mark.parametrize("url", ["/", "/batch", "/static/web.css", "/static/app.js"])
def test_every_page_answers_with_the_security_headers(client, url):
    r = client.get(url)
    assert r.status_code == 200
    _secure(r)


def test_pages_hold_no_inline_script_or_style_and_no_external_source(client):
    for url in ("/", "/batch"):
        html = client.get(url).text
        assert "<style" not in html and 'style="' not in html
        assert not re.search(r"<script(?![^>]*\bsrc=\"/static/)", html)
        assert not re.search(r'(src|href)="(https?:)?//', html)


def test_a_foreign_host_header_is_refused():
    opts = _options(allowed_hosts=("127.0.0.1", "localhost", "::1"))
    with TestClient(create_app(opts), base_url="http://127.0.0.1:8000",
                    raise_server_exceptions=False) as c:
        assert c.get("/").status_code == 200
        assert c.get("/", headers={"host": "[::1]:8000"}).status_code == 200
        r = c.get("/", headers={"host": "rebound.example:8000"})
        assert r.status_code == 400 and "not 'rebound.example:8000'" in _error_line(r)
        _secure(r)


def test_a_form_posted_from_another_site_is_refused(client):
    evil = {"origin": "http://evil.example"}
    r = client.post("/match", data={"target": "rank", "resume_text": "Skills\nSQL"},
                    headers=evil)
    assert r.status_code == 403 and "another site" in _error_line(r)
    same = {"origin": "http://testserver"}
    r = client.post("/match", data={"target": "rank", "resume_text": "Skills\nSQL"},
                    headers=same, follow_redirects=False)
    assert r.status_code == 303


def test_unknown_page_is_an_error_page_with_headers(client):
    r = client.get("/nope")
    assert r.status_code == 404
    _secure(r)
    assert "Traceback" not in r.text


# --------------------------------------------------------------------------- one résumé
def test_match_a_role_gives_the_cli_report(client, roleset, matcher):
    from rolematch.documents import read_resume
    from rolematch.report import render

    r = _match(client, PRIYA, target="role", role=TPM)
    assert r.status_code == 303
    page = client.get(r.headers["location"])
    _secure(page)
    assert "<style" not in page.text and 'style="' not in page.text
    fits = matcher.rank(read_resume(PRIYA.read_bytes(), filename=PRIYA.name))
    fit = next(f for f in fits if f.role_id == TPM)
    assert f'data-score="{fit.score:.2f}"' in page.text
    token = r.headers["location"].split("/")[2]
    css = client.get(f"/r/{token}/report.css?role={TPM}")
    assert css.headers["content-type"].startswith("text/css") and ".rm-s0" in css.text
    others = [f for f in fits if f.role_id != TPM]
    for fmt in ("html", "md", "json"):
        dl = client.get(f"/r/{token}/download?role={TPM}&format={fmt}")
        assert dl.status_code == 200
        assert dl.headers["content-disposition"].startswith("attachment;")
        assert dl.text == render(fit, fmt, alternatives=others)
    assert json.loads(dl.text)["role"]["id"] == TPM


def test_pasted_text_ranked_against_every_role(client, roleset):
    r = _match(client, resume_text=SOFIA.read_text(encoding="utf-8"), target="rank")
    page = client.get(r.headers["location"])
    assert page.status_code == 200
    links = re.findall(r'href="(/r/[^"]+/fit\?role=[^"]+)"', page.text)
    assert len(links) == len(roleset)
    assert client.get(links[0].replace("&amp;", "&")).status_code == 200


def test_a_posting_profile_is_adjusted_before_scoring(client):
    r = _match(client, PRIYA, target="posting", posting=POSTING.read_text(encoding="utf-8"))
    assert r.status_code == 303 and r.headers["location"].startswith("/p/")
    form = client.get(r.headers["location"])
    skills = re.findall(r'<select name="skill:([^"]+)"', form.text)
    required = re.findall(r'<tr data-skill="([^"]+)">.*?<option value="required" selected>',
                          form.text, re.DOTALL)
    assert len(skills) >= 3 and required
    dropped, moved = skills[0], required[-1]
    edit = {f"skill:{dropped}": "drop", f"skill:{moved}": "preferred", "title": "Edited role"}
    done = client.post(r.headers["location"], data=edit, follow_redirects=False)
    assert done.status_code == 303
    token = done.headers["location"].split("/")[2]
    report = json.loads(client.get(f"/r/{token}/download?role=posting&format=json").text)
    listed = {s["skill_id"]: s["required"]
              for s in report["matched"] + report["partial"] + report["missing"]}
    assert dropped not in listed
    assert listed[moved] is False
    assert report["role"]["title"] == "Edited role"
    page = client.get(done.headers["location"])
    assert 'id="edit-profile"' in page.text


def test_a_profile_choice_outside_the_options_is_refused(client):
    r = _match(client, PRIYA, target="posting", posting=POSTING.read_text(encoding="utf-8"))
    skill = re.findall(r'<select name="skill:([^"]+)"', client.get(r.headers["location"]).text)[0]
    bad = client.post(r.headers["location"], data={f"skill:{skill}": "<b>x</b>"})
    assert bad.status_code == 400
    assert "choose required, preferred or drop" in _error_line(bad)
    assert "<b>x</b>" not in bad.text


def test_a_file_named_like_a_script_is_escaped(client):
    name = "<script>alert(1).md"  # (a "/" would end the path: the name is what follows it)
    r = _match(client, PRIYA, name=name, target="role", role=TPM)
    page = client.get(r.headers["location"])
    assert "<script>alert(1)" not in page.text
    assert "&lt;script&gt;alert(1)" in page.text


@pytest.mark.parametrize("name, data, reason", [
    ("random.pdf", b"%PDF-1.7\n" + bytes(range(256)) * 40, "corrupt"),
    ("empty.txt", b"", "empty"),
    ("blob.bin", bytes(range(256)) * 40, "unsupported_format"),
    ("<img src=x onerror=alert(1)>.docx", b"PK\x03\x04not a docx at all", "corrupt"),
])
def test_a_hostile_upload_gets_the_clis_one_line_reason(client, name, data, reason):
    r = _match(client, name=name, data=data, target="role", role=TPM)
    assert r.status_code == 400
    _secure(r)
    line = _error_line(r)
    assert line.startswith("error: ") and line.endswith(f"[{reason}]") and "\n" not in line
    assert "Traceback" not in r.text and "<img src=x" not in r.text


def test_an_upload_over_the_size_limit_is_too_large():
    opts = _options(batch=BatchOptions(workers=0, cache=None, max_bytes=1000), uploads=UploadLimits(max_bytes=1000))
    with TestClient(create_app(opts), raise_server_exceptions=False) as c:
        r = _match(c, PRIYA, target="role", role=TPM)
        assert r.status_code == 400 and _error_line(r).endswith("[too_large]")


def test_a_request_over_the_total_limit_is_refused_with_413():
    opts = _options(uploads=UploadLimits(max_total=10_000))
    with TestClient(create_app(opts), raise_server_exceptions=False) as c:
        r = _match(c, name="big.txt", data=b"x" * 2_000_000, target="rank")
        assert r.status_code == 413
        assert "limit of one request" in _error_line(r)


@pytest.mark.parametrize("form, message", [
    ({"target": "role", "role": TPM}, "choose a résumé file"),
    ({"target": "role", "role": "no-such-role", "resume_text": "Skills\nSQL"}, "unknown role"),
    ({"target": "posting", "posting": " ", "resume_text": "Skills\nSQL"}, "paste the job"),
])
def test_form_mistakes_are_one_line_errors(client, form, message):
    r = client.post("/match", data=form)
    assert r.status_code == 400 and message in _error_line(r)


def test_an_unknown_or_expired_token_is_a_404(client):
    for url in ("/r/nope", "/r/nope/fit?role=x", "/p/nope", "/batch/nope", "/batch/nope/status"):
        r = client.get(url)
        assert r.status_code == 404 and "no longer kept" in _error_line(r)


def test_a_server_bug_is_a_500_page_without_traceback(monkeypatch):
    from rolematch.web import routes

    def boom(*a, **k):
        raise ValueError("secret internals /home/x/resume.pdf")

    monkeypatch.setattr(routes, "_rank", boom)
    with TestClient(create_app(_options()), raise_server_exceptions=False) as c:
        r = _match(c, PRIYA, target="rank")
    assert r.status_code == 500
    _secure(r)
    assert "something went wrong" in r.text
    assert "Traceback" not in r.text and "secret internals" not in r.text


# --------------------------------------------------------------------------- occupations
def _occupations() -> bool:
    from rolematch.web.app import _occupations_available

    return _occupations_available()


needs_occupations = pytest.mark.skipif(not _occupations(),
                                       reason="no occupation index installed")


@needs_occupations
def test_occupations_are_suggested_by_title(client):
    hits = client.get("/api/occupations?q=software developer").json()
    assert hits and hits[0]["id"].startswith("onet:") and hits[0]["title"]
    assert client.get("/api/occupations?q=a").json() == []
    assert 'id="target-occupation"' in client.get("/").text


@needs_occupations
def test_match_an_occupation_found_by_title_or_code(client):
    from rolematch.occupations import OccupationIndex

    best = OccupationIndex.default().search("software developer", 1)[0][0]
    for value in ("software developer", best.id):
        r = _match(client, SOFIA, target="occupation", occupation=value)
        assert r.status_code == 303, r.text[:300]
        token = r.headers["location"].split("/")[2]
        report = json.loads(client.get(f"/r/{token}/download?role={best.id}&format=json").text)
        assert report["role"]["id"] == best.id
    r = _match(client, SOFIA, target="occupation", occupation=" ")
    assert r.status_code == 400 and "type a job title" in _error_line(r)


@needs_occupations
def test_explore_occupations_and_open_one(client):
    r = _match(client, SOFIA, target="explore")
    assert r.status_code == 303 and r.headers["location"].startswith("/x/")
    page = client.get(r.headers["location"])
    links = re.findall(r'href="(/x/[^"]+/match\?role=[^"]+)"', page.text)
    assert links and 'id="explore-best"' in page.text
    report = client.get(links[0].replace("&amp;", "&"))
    assert report.status_code == 200 and "data-score=" in report.text


def test_without_the_occupation_index_the_choice_is_not_offered(monkeypatch):
    from rolematch.web import app as web_app

    monkeypatch.setattr(web_app, "_occupations_available", lambda: False)
    with TestClient(create_app(_options()), raise_server_exceptions=False) as c:
        assert 'id="target-occupation"' not in c.get("/").text
        r = _match(c, SOFIA, target="occupation", occupation="software developer")
        assert r.status_code == 400 and "unknown choice 'occupation'" in _error_line(r)
        assert c.get("/api/occupations?q=nurse").status_code == 404


# --------------------------------------------------------------------------- batch
def _wait(c, location: str) -> dict:
    token = location.rsplit("/", 1)[1]
    for _ in range(600):
        status = c.get(f"/batch/{token}/status").json()
        if status["state"] in ("done", "failed"):
            return status
        time.sleep(0.1)
    raise AssertionError("batch did not finish")


def _zip(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members.items():
            z.writestr(name, data)
    return buf.getvalue()


def test_a_batch_of_files_and_a_zip_with_a_broken_file(client, tmp_path, roleset):
    from rolematch.batch import score_folder

    archive = _zip({"cvs/sofia.md": SOFIA.read_bytes(), "cvs/notes.bin": b"x",
                    "__MACOSX/._sofia.md": b"junk"})
    files = [("files", (PRIYA.name, PRIYA.read_bytes())),
             ("files", ("broken.pdf", b"%PDF-1.4 broken")),
             ("files", ("cvs.zip", archive))]
    r = client.post("/batch", files=files, data={"role": [TPM, "product-manager"]},
                    follow_redirects=False)
    assert r.status_code == 303
    status = _wait(client, r.headers["location"])
    assert status == {"state": "done", "done": 3, "total": 3, "message": ""}
    page = client.get(r.headers["location"])
    assert 'data-sortable id="results"' in page.text
    rows = [json.loads(x) for x in client.get(r.headers["location"] + "/results.jsonl").text.splitlines()]
    assert [x["file"] for x in rows] == [PRIYA.name, "broken.pdf", "cvs.zip/cvs/sofia.md"]
    assert rows[1]["status"] == "error" and rows[1]["reason"] == "corrupt"
    assert "corrupt" in page.text
    want = list(score_folder([PRIYA, SOFIA], roleset.subset([TPM, "product-manager"]),
                             workers=0, cache=None))
    assert rows[0]["scores"] == want[0].scores and rows[2]["scores"] == want[1].scores
    table = list(csv.reader(io.StringIO(client.get(r.headers["location"] + "/results.csv").text)))
    assert table[0] == ["file", "role", "score", "rank", "status", "reason", "top_missing"]
    assert len(table) == 1 + 2 + 1 + 2


def test_a_batch_deletes_its_temporary_folder(tmp_path, monkeypatch):
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    with TestClient(create_app(_options()), raise_server_exceptions=False) as c:
        r = c.post("/batch", files=[("files", (PRIYA.name, PRIYA.read_bytes()))],
                   follow_redirects=False)
        assert _wait(c, r.headers["location"])["state"] == "done"
    assert not list(tmp_path.glob("rolematch-web-*"))


@pytest.mark.parametrize("member", ["../evil.md", "/etc/evil.md", "a/../../evil.md",
                                    "C:\\evil.md"])
def test_zip_slip_is_refused(client, tmp_path, member):
    archive = _zip({"ok.md": PRIYA.read_bytes(), member: b"Skills\nSQL"})
    r = client.post("/batch", files=[("files", ("slip.zip", archive))])
    assert r.status_code == 400
    assert "unsafe path" in _error_line(r) and "nothing was unpacked" in _error_line(r)
    assert not (tmp_path.parent / "evil.md").exists()


def test_a_zip_bomb_member_is_a_too_large_row():
    opts = _options(batch=BatchOptions(workers=0, cache=None, max_bytes=100_000),
                    uploads=UploadLimits(max_bytes=100_000, max_total=5_000_000))
    archive = _zip({"bomb.txt": b"0" * 3_000_000, "ok.md": PRIYA.read_bytes()})
    assert len(archive) < 20_000
    with TestClient(create_app(opts), raise_server_exceptions=False) as c:
        r = c.post("/batch", files=[("files", ("bomb.zip", archive))], follow_redirects=False)
        _wait(c, r.headers["location"])
        rows = [json.loads(x) for x in
                c.get(r.headers["location"] + "/results.jsonl").text.splitlines()]
    assert [(x["file"], x["status"], x["reason"]) for x in rows] == [
        ("bomb.zip/bomb.txt", "error", "too_large"), ("bomb.zip/ok.md", "ok", None)]


def test_an_archive_over_the_member_or_size_limits_is_refused():
    opts = _options(uploads=UploadLimits(max_files=3, max_total=50_000))
    with TestClient(create_app(opts), raise_server_exceptions=False) as c:
        many = _zip({f"{i}.txt": b"Skills\nSQL" for i in range(5)})
        r = c.post("/batch", files=[("files", ("many.zip", many))])
        assert r.status_code == 400 and "the limit is 3" in _error_line(r)
        huge = _zip({"a.txt": b"1" * 40_000, "b.txt": b"2" * 40_000})
        r = c.post("/batch", files=[("files", ("huge.zip", huge))])
        assert r.status_code == 400 and "unpacks to" in _error_line(r)


def test_a_batch_escapes_file_names(client):
    name = "<script>alert(2).txt"
    r = client.post("/batch", files=[("files", (name, b"Skills\nSQL and Python"))],
                    follow_redirects=False)
    _wait(client, r.headers["location"])
    page = client.get(r.headers["location"])
    assert "<script>alert(2)" not in page.text and "&lt;script&gt;alert(2)" in page.text


def test_batch_results_before_the_end_and_in_an_unknown_format(client):
    r = client.post("/batch", files=[("files", (PRIYA.name, PRIYA.read_bytes()))],
                    follow_redirects=False)
    bad = client.get(r.headers["location"] + "/results.xml")
    assert bad.status_code == 400 and "use csv or jsonl" in _error_line(bad)
    _wait(client, r.headers["location"])


# --------------------------------------------------------------------------- parts
def test_split_styles_moves_every_inline_style_to_classes():
    html = ('<html><head><title>t</title><style>body{color:red}</style></head><body>'
            '<div style="width:5%">a</div><i class="x" style="color:var(--band)"></i>'
            '<circle r="1" style="margin:0"/><p>style="not an attribute"</p></body></html>')
    rep = split_styles(html)
    assert "style=" not in rep.body.replace('style="not an attribute"', "")
    assert '<div class="rm-s0">' in rep.body and '<i class="x rm-s1">' in rep.body
    assert '<circle r="1" class="rm-s2"/>' in rep.body
    assert "body{color:red}" in rep.css and ".rm-s0 { width:5% !important }" in rep.css
    assert rep.head == "<title>t</title>"


def test_the_store_forgets_after_its_time_to_live(monkeypatch):
    store: Store[int] = Store(ttl=10, size=2)
    now = [100.0]
    monkeypatch.setattr(time, "monotonic", lambda: now[0])
    a = store.put(1)
    assert store.get(a) == 1
    now[0] += 11
    with pytest.raises(Expired, match="no longer kept"):
        store.get(a)
    b, _, d = store.put(2), store.put(3), store.put(4)
    assert len(store) == 2 and store.get(d) == 4
    with pytest.raises(Expired):
        store.get(b)


def test_the_reader_pool_reads_in_a_worker_process():
    from rolematch.errors import ResumeReadError
    from rolematch.web._work import ReaderPool

    pool = ReaderPool(BatchOptions(timeout=30, cache=None), workers=1)
    try:
        resume, mentions = asyncio.run(pool.read(PRIYA.read_bytes(), PRIYA.name))
        assert resume.source == PRIYA.name and mentions
        with pytest.raises(ResumeReadError, match=r"\[empty\]"):
            asyncio.run(pool.read(b"   ", "blank.txt"))
    finally:
        pool.close()


def _stuck_reader(data, *, filename, **kw):
    """A reader stuck where no alarm reaches it (SIGALRM blocked), for "stuck.txt"."""
    import signal

    from rolematch.documents import read_resume

    if filename == "stuck.txt":
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})
        time.sleep(60)
    return read_resume(data, filename=filename, **kw)


def test_a_stuck_reader_is_killed_and_the_pool_restarted():
    from rolematch.errors import ResumeReadError
    from rolematch.web._work import ReaderPool

    pool = ReaderPool(BatchOptions(timeout=1, cache=None, reader=_stuck_reader), workers=1)
    pool.grace = 60  # the first read also starts the worker

    async def scenario():
        await pool.read(PRIYA.read_bytes(), PRIYA.name)
        first = pool._executor
        pool.grace = 1
        t = time.monotonic()
        with pytest.raises(ResumeReadError, match=r"the worker was stopped \[timeout\]"):
            await pool.read(b"Skills\nSQL", "stuck.txt")
        assert time.monotonic() - t < 10
        pool.grace = 60
        resume, _ = await pool.read(SOFIA.read_bytes(), SOFIA.name)
        assert resume.source == SOFIA.name and pool._executor is not first

    try:
        asyncio.run(scenario())
    finally:
        pool.close()


def test_serve_checks_its_options():
    from typer.testing import CliRunner

    from rolematch.cli import app

    res = CliRunner().invoke(app, ["serve", "--pdf-reader", "ocr"])
    assert res.exit_code == 1 and "unknown PDF reader 'ocr'" in res.output


# --------------------------------------------------------------------------- CLI
@pytest.mark.parametrize("host, warned", [("127.0.0.1", False), ("0.0.0.0", True),
                                          ("::1", False), ("localhost", False)])
def test_serve_prints_the_address_and_warns_off_loopback(monkeypatch, host, warned):
    import uvicorn
    from typer.testing import CliRunner

    from rolematch.cli import app

    calls, apps = [], []
    monkeypatch.setattr(uvicorn, "run", lambda app_, **kw: (calls.append(kw), apps.append(app_)))
    res = CliRunner().invoke(app, ["serve", "--host", host, "--port", "8123"])
    assert res.exit_code == 0, res.output
    shown = f"[{host}]" if ":" in host else host
    assert f"http://{shown}:8123/" in res.output
    assert ("warning:" in res.output) is warned
    assert calls == [{"host": host, "port": 8123, "log_level": "warning", "access_log": False}]
    assert (apps[0].allowed_hosts is None) is warned  # loopback: the Host header is checked
