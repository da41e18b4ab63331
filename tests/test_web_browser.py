"""The web page in a real browser: Debian's chromium, headless, driven by selenium.

A uvicorn server runs on a free 127.0.0.1 port in a thread; the browser uploads the
example résumés, picks roles, pastes a posting and adjusts its profile, runs a
batch, and reads the score and the gaps from the page.  Every response must carry
the Content-Security-Policy, the page must raise no CSP violation, and no request may
leave 127.0.0.1 (checked in Chrome's performance log of network events).  Skipped
where no chromium or chromedriver is installed.
"""

from __future__ import annotations

import json
import shutil
import socket
import threading
import time
from pathlib import Path

import pytest

webdriver = pytest.importorskip("selenium.webdriver")
uvicorn = pytest.importorskip("uvicorn")

from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.ui import Select, WebDriverWait  # noqa: E402

from rolematch.batch import BatchOptions  # noqa: E402
from rolematch.web import CSP, LOOPBACK_NAMES, WebOptions, create_app  # noqa: E402

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
RESUMES = sorted((EXAMPLES / "resumes").glob("*.*"))
PRIYA = EXAMPLES / "resumes" / "priya-natarajan-tpm.md"
POSTING = EXAMPLES / "postings" / "senior-growth-marketer.md"
TPM = "technical-product-manager"


def _browser() -> tuple[str, str] | None:
    for exe in ("/usr/lib/chromium/chromium", shutil.which("chromium"),
                shutil.which("chromium-browser"), shutil.which("google-chrome")):
        if exe and Path(exe).exists():
            driver = shutil.which("chromedriver") or "/usr/lib/chromium/chromedriver"
            if Path(driver).exists():
                return exe, driver
    return None


pytestmark = pytest.mark.skipif(_browser() is None, reason="no chromium/chromedriver installed")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server():
    port = _free_port()
    app = create_app(WebOptions(workers=0, batch=BatchOptions(workers=0, cache=None), warm_up=False,
                                allowed_hosts=LOOPBACK_NAMES))  # as `rolematch serve`
    srv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    for _ in range(200):
        if srv.started:
            break
        time.sleep(0.05)
    assert srv.started, "uvicorn did not start"
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(10)


@pytest.fixture(scope="module")
def browser():
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service

    exe, driver_path = _browser()
    opts = Options()
    opts.binary_location = exe
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--window-size=1200,1600", "--no-first-run", "--disable-extensions",
                "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--disable-default-apps"):
        opts.add_argument(arg)
    opts.set_capability("goog:loggingPrefs", {"performance": "ALL", "browser": "ALL"})
    drv = webdriver.Chrome(service=Service(driver_path), options=opts)
    drv.set_page_load_timeout(60)
    yield drv
    drv.quit()


def _network(drv) -> list[dict]:
    """Chrome's network events since the last call."""
    events = []
    for entry in drv.get_log("performance"):
        msg = json.loads(entry["message"])["message"]
        if msg["method"].startswith("Network."):
            events.append(msg)
    return events


def _check_traffic(drv, base: str) -> None:
    """Every request went to the server under test; every response carried the CSP;
    the console shows no CSP violation."""
    events = _network(drv)
    urls = [e["params"]["request"]["url"] for e in events
            if e["method"] == "Network.requestWillBeSent"]
    assert urls
    assert all(u.startswith((base + "/", "data:")) for u in urls), urls
    for e in events:
        if e["method"] == "Network.responseReceived" and \
                not e["params"]["response"]["url"].startswith("data:"):
            headers = {k.lower(): v for k, v in e["params"]["response"]["headers"].items()}
            assert headers.get("content-security-policy") == CSP, e["params"]["response"]["url"]
            assert headers.get("x-content-type-options") == "nosniff"
    problems = [m["message"] for m in drv.get_log("browser")
                if "Content Security Policy" in m["message"] or m["level"] == "SEVERE"]
    assert not problems, problems


def _wait_for(drv, css: str, timeout: float = 60):
    return WebDriverWait(drv, timeout).until(lambda d: d.find_element(By.CSS_SELECTOR, css))


def _gaps(drv) -> list[str]:
    heads = drv.find_elements(By.XPATH, "//h2[starts-with(., 'Gaps')]/following-sibling::table[1]"
                                        "//tbody/tr/td[2]/span[@class='skill']")
    return [h.text for h in heads]


def test_upload_a_resume_and_read_its_report(server, browser, matcher):
    from rolematch.documents import read_resume

    browser.get(server + "/")
    browser.find_element(By.ID, "resume").send_keys(str(PRIYA))
    Select(browser.find_element(By.ID, "role")).select_by_value(TPM)
    browser.find_element(By.ID, "submit").click()
    score = _wait_for(browser, ".gauge .num").text
    fit = matcher.match(read_resume(PRIYA.read_bytes(), filename=PRIYA.name), TPM)
    assert score == f"{fit.score:.0f}"
    gaps = _gaps(browser)
    assert gaps and set(gaps) == {g.name for g in (*fit.missing, *fit.partial)}
    assert gaps[0] == fit.missing_required[0].name if fit.missing_required else True
    bar = browser.find_element(By.CSS_SELECTOR, ".bar i")  # width from a style attribute
    track = browser.find_element(By.CSS_SELECTOR, ".bar")
    share = bar.size["width"] / track.size["width"]
    assert abs(share - fit.components[0].value) < 0.02  # it survived the CSP as a class
    assert browser.find_element(By.ID, "dl-md").get_attribute("href").endswith("format=md")
    _check_traffic(browser, server)


def test_paste_a_posting_adjust_its_profile_and_score(server, browser):
    browser.get(server + "/")
    browser.find_element(By.ID, "resume").send_keys(str(PRIYA))
    browser.find_element(By.ID, "target-posting").click()
    assert browser.find_element(By.ID, "posting").is_displayed()
    assert not browser.find_element(By.ID, "role").is_displayed()
    browser.find_element(By.ID, "posting").send_keys(POSTING.read_text(encoding="utf-8"))
    browser.find_element(By.ID, "submit").click()
    rows = WebDriverWait(browser, 60).until(
        lambda d: d.find_elements(By.CSS_SELECTOR, "#profile tbody tr"))
    dropped = rows[0].find_element(By.TAG_NAME, "b").text
    Select(rows[0].find_element(By.TAG_NAME, "select")).select_by_value("drop")
    browser.find_element(By.ID, "score-profile").click()
    _wait_for(browser, ".gauge .num")
    assert browser.find_element(By.ID, "report").get_attribute("data-score")
    listed = [e.text for e in browser.find_elements(By.CSS_SELECTOR, "#report td .skill")]
    assert listed and dropped not in listed
    assert browser.find_element(By.ID, "edit-profile").is_displayed()
    _check_traffic(browser, server)


def test_every_role_ranked_and_sorted(server, browser, roleset):
    browser.get(server + "/")
    browser.find_element(By.ID, "resume").send_keys(str(RESUMES[0]))
    browser.find_element(By.ID, "target-rank").click()
    browser.find_element(By.ID, "submit").click()
    rows = WebDriverWait(browser, 60).until(
        lambda d: d.find_elements(By.CSS_SELECTOR, "#ranking tbody tr"))
    assert len(rows) == len(roleset)
    _check_traffic(browser, server)


def test_a_batch_with_progress_and_a_sortable_table(server, browser, tmp_path):
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.4 not really")
    browser.get(server + "/batch")
    browser.find_element(By.ID, "files").send_keys("\n".join(map(str, [*RESUMES, broken])))
    browser.find_element(By.ID, "submit-batch").click()
    table = _wait_for(browser, "#results", timeout=120)
    rows = table.find_elements(By.CSS_SELECTOR, "tbody tr")
    assert len(rows) == len(RESUMES) + 1
    assert "corrupt" in rows[-1].text
    head = table.find_elements(By.CSS_SELECTOR, "thead th")[3]  # best score
    head.click()
    first = [float(r.find_elements(By.TAG_NAME, "td")[3].get_attribute("data-sort"))
             for r in table.find_elements(By.CSS_SELECTOR, "tbody tr")]
    assert first == sorted(first) and head.get_attribute("aria-sort") == "ascending"
    head.click()
    again = [float(r.find_elements(By.TAG_NAME, "td")[3].get_attribute("data-sort"))
             for r in table.find_elements(By.CSS_SELECTOR, "tbody tr")]
    assert again == sorted(first, reverse=True)
    _check_traffic(browser, server)
