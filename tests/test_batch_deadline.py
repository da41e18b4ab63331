"""The per-file time limit where SIGALRM cannot reach: a reading deadline, per thread,
checked between PDF pages — in a plain thread and on the Dask backend."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest
from _fixtures_docs import single_column_pdf

import rolematch._deadline as deadline_mod
import rolematch._pdf as pdf_mod
import rolematch._work as work
from rolematch.batch import score_folder
from rolematch.documents import read_resume
from rolematch.errors import ResumeReadError

PAGE = [f"Built dashboards in SQL and Python for the sales team, week {i} of the year."
        for i in range(70)]


@pytest.fixture(scope="module")
def many_pages() -> bytes:
    return single_column_pdf(PAGE, pages=30)


@pytest.fixture()
def slow_pages(monkeypatch):
    """Every PDF page takes at least 30 ms more (30 pages: ≥ 0.9 s a file)."""
    real = pdf_mod._page_lines

    def slow(*a, **k):
        time.sleep(0.03)
        return real(*a, **k)

    monkeypatch.setattr(pdf_mod, "_page_lines", slow)


def in_thread(fn):
    """fn() run in a new thread (no SIGALRM there): its result or its exception."""
    out: dict = {}

    def run():
        try:
            out["value"] = fn()
        except BaseException as e:  # noqa: BLE001 - handed back to the test
            out["error"] = e

    t = threading.Thread(target=run)
    t.start()
    t.join(60)
    assert not t.is_alive()
    return out


@pytest.mark.parametrize("reader", ["pdfminer", "pdfium", "auto"])
def test_the_deadline_stops_a_pdf_between_pages_in_a_thread(many_pages, slow_pages, reader):
    def read():
        with work._time_limit(0.15, "many.pdf"):
            return read_resume(many_pages, filename="many.pdf", pdf_reader=reader)

    t = time.perf_counter()
    got = in_thread(read)
    assert time.perf_counter() - t < 0.6  # a few pages, not thirty
    err = got.get("error")
    assert isinstance(err, ResumeReadError) and err.reason == "timeout", got
    assert err.message == "reading took longer than 0.15 s"
    assert in_thread(lambda: read_resume(many_pages, filename="many.pdf",
                                         pdf_reader=reader)).get("value") is not None


def test_threads_do_not_share_a_deadline(many_pages, slow_pages):
    results: dict[str, object] = {}

    def read(tag: str, seconds: float):
        try:
            with work._time_limit(seconds, tag):
                # (pdfminer: pdfium must not run in two threads at once)
                results[tag] = read_resume(many_pages, filename=tag, pdf_reader="pdfminer")
        except ResumeReadError as e:
            results[tag] = e.reason

    threads = [threading.Thread(target=read, args=("short", 0.1)),
               threading.Thread(target=read, args=("long", 60.0))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert results["short"] == "timeout"
    assert getattr(results["long"], "pages", None) == 30
    assert deadline_mod._DEADLINE.get() is None  # nothing left behind in this thread


def test_a_nested_later_deadline_keeps_the_earlier_one():
    with pdf_mod.read_deadline(0.01):
        with pdf_mod.read_deadline(60):
            time.sleep(0.02)
            with pytest.raises(ResumeReadError, match="longer than 0.01 s"):
                pdf_mod.check_deadline("x.pdf")
    pdf_mod.check_deadline("x.pdf")  # none outside
    with pdf_mod.read_deadline(None):
        assert deadline_mod._DEADLINE.get() is None


def test_a_batch_in_a_thread_times_out_a_slow_pdf(tmp_path, roleset, many_pages, slow_pages,
                                                   example_files):
    (tmp_path / "a-many.pdf").write_bytes(many_pages)
    (tmp_path / "b.md").write_text(example_files[0].read_text("utf-8"), "utf-8")
    got = in_thread(lambda: list(score_folder([tmp_path], roleset.subset(["product-manager"]),
                                              workers=0, cache=None, timeout=0.15,
                                              pdf_reader="pdfium")))
    rows = got["value"]
    assert [(r.status, r.reason) for r in rows] == [("error", "timeout"), ("ok", None)]


def test_the_dask_backend_enforces_the_time_limit(tmp_path, roleset, example_files):
    """In a Dask worker the file is read in a thread: the deadline is what stops it.
    (Two workers: with one thread in all, joblib runs the chunks in this process.)"""
    distributed = pytest.importorskip("distributed")
    (tmp_path / "a-many.pdf").write_bytes(single_column_pdf(PAGE * 2, pages=30))
    (tmp_path / "b.md").write_text(example_files[0].read_text("utf-8"), "utf-8")
    roles = roleset.subset(["product-manager"])
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=":0") as cluster:
        def run(timeout):
            return [(r.status, r.reason) for r in score_folder(
                [tmp_path], roles, backend="dask", cache=None, chunk_size=1, timeout=timeout,
                pdf_reader="pdfminer", scheduler=cluster.scheduler_address)]

        assert run(0.05) == [("error", "timeout"), ("ok", None)]
        assert run(None) == [("ok", None), ("ok", None)]  # readable, given the time



def test_pdfium_reads_take_turns_across_threads(many_pages):
    """PDFium is not thread-safe (two threads in it at once corrupt the heap), and a
    Dask worker reads files in threads: every pdfium read holds one lock."""
    done = threading.Event()

    def read():
        read_resume(many_pages, filename="many.pdf", pdf_reader="pdfium")
        done.set()

    with pdf_mod._PDFIUM_LOCK:
        t = threading.Thread(target=read)
        t.start()
        assert not done.wait(0.3)  # waits for the lock
    t.join(30)
    assert done.is_set()


def test_pdfium_in_four_threads_does_not_crash(tmp_path):
    import subprocess
    import sys

    script = tmp_path / "threads.py"
    script.write_text(f"""
import sys, threading
sys.path.insert(0, {str(Path(__file__).parent)!r})
from _fixtures_docs import single_column_pdf
from rolematch.documents import read_resume
data = single_column_pdf([f"Built dashboards in SQL, week {{i}}." for i in range(60)], pages=8)
def work():
    for _ in range(4):
        assert read_resume(data, filename="x.pdf", pdf_reader="pdfium").pages == 8
threads = [threading.Thread(target=work) for _ in range(4)]
[t.start() for t in threads]
[t.join() for t in threads]
print("ok")
""")
    done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0 and done.stdout.strip() == "ok", done.stderr[-2000:]
