"""Screenshots of the main pages for docs/web.md, with headless chromium:

    PYTHONPATH=. python docs/img/make_screenshots.py

Serves the app on a free 127.0.0.1 port, drives the pages with the example résumés
and posting, and writes docs/img/web-*.png (64-colour PNGs, well under 300 KB).
"""

from __future__ import annotations

import io
import socket
import threading
import time
from pathlib import Path

import uvicorn
from PIL import Image
from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

from rolematch.batch import BatchOptions
from rolematch.web import WebOptions, create_app

OUT = Path(__file__).resolve().parent
EXAMPLES = OUT.parent.parent / "examples"


def serve() -> tuple[str, uvicorn.Server]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    app = create_app(WebOptions(workers=0, batch=BatchOptions(workers=0, cache=None), warm_up=False))
    srv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    threading.Thread(target=srv.run, daemon=True).start()
    while not srv.started:
        time.sleep(0.05)
    return f"http://127.0.0.1:{port}", srv


def browser() -> webdriver.Chrome:
    opts = Options()
    opts.binary_location = "/usr/lib/chromium/chromium"
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1100,1000",
                "--hide-scrollbars"):
        opts.add_argument(arg)
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=opts)


def shot(d: webdriver.Chrome, name: str, height: int | None = None, width: int = 1100) -> None:
    h = height or d.execute_script("return document.body.scrollHeight")
    d.set_window_size(width, min(h + 40, 2200))
    time.sleep(0.3)
    img = Image.open(io.BytesIO(d.get_screenshot_as_png())).convert("RGB")
    img.quantize(colors=64, method=Image.Quantize.MEDIANCUT).save(OUT / f"{name}.png",
                                                                  optimize=True)
    print(name, (OUT / f"{name}.png").stat().st_size, "bytes")


def wait(d: webdriver.Chrome, by: str, what: str) -> None:
    WebDriverWait(d, 120).until(lambda x: x.find_elements(by, what))


def main() -> None:
    base, srv = serve()
    d = browser()
    try:
        d.get(base + "/")
        shot(d, "web-upload", 1000)
        d.find_element(By.ID, "resume").send_keys(str(EXAMPLES / "resumes/priya-natarajan-tpm.md"))
        Select(d.find_element(By.ID, "role")).select_by_value("technical-product-manager")
        d.find_element(By.ID, "submit").click()
        wait(d, By.CSS_SELECTOR, ".gauge")
        shot(d, "web-report")
        d.find_element(By.ID, "all-roles").click()
        wait(d, By.ID, "ranking")
        shot(d, "web-ranking")
        d.get(base + "/")
        d.find_element(By.ID, "resume").send_keys(
            str(EXAMPLES / "resumes/marcus-bell-content-marketer.md"))
        d.find_element(By.ID, "target-posting").click()
        d.find_element(By.ID, "posting").send_keys(
            (EXAMPLES / "postings/senior-growth-marketer.md").read_text(encoding="utf-8"))
        d.find_element(By.ID, "submit").click()
        wait(d, By.ID, "profile")
        shot(d, "web-posting-profile")
        d.get(base + "/batch")
        files = sorted((EXAMPLES / "resumes").iterdir())
        d.find_element(By.ID, "files").send_keys("\n".join(map(str, files)))
        d.find_element(By.ID, "submit-batch").click()
        wait(d, By.ID, "results")
        time.sleep(0.5)
        shot(d, "web-batch", 700, width=1240)
    finally:
        d.quit()
        srv.should_exit = True


if __name__ == "__main__":
    main()
