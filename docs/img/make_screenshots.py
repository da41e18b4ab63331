"""Screenshots of the main pages for docs/web.md, with headless chromium:

    PYTHONPATH=. python docs/img/make_screenshots.py

Serves the app on a free 127.0.0.1 port, drives the pages with the example résumés
and posting, and writes docs/img/web-*.png (64-colour PNGs, well under 300 KB).
"""
import io
import socket
import threading
import time
from pathlib import Path

import uvicorn
from PIL import Image
from selenium import webdriver
from selenium.webdriver.common.by import By
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.support.ui import Select, WebDriverWait
from rolematch.web import WebOptions, create_app

OUT = Path("docs/img")
s = socket.socket(); s.bind(("127.0.0.1", 0)); port = s.getsockname()[1]; s.close()
srv = uvicorn.Server(uvicorn.Config(create_app(WebOptions(workers=0, batch_workers=0, warm_up=False)), host="127.0.0.1", port=port, log_level="warning"))
threading.Thread(target=srv.run, daemon=True).start()
while not srv.started: time.sleep(0.05)
base = f"http://127.0.0.1:{port}"
o = Options(); o.binary_location = "/usr/lib/chromium/chromium"
for a in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1100,1000", "--hide-scrollbars"):
    o.add_argument(a)
d = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=o)

def shot(name, height=None):
    h = height or d.execute_script("return document.body.scrollHeight")
    d.set_window_size(1240 if name == "web-batch" else 1100, min(h + 40, 2200))
    time.sleep(0.3)
    img = Image.open(io.BytesIO(d.get_screenshot_as_png())).convert("RGB")
    img = img.quantize(colors=64, method=Image.Quantize.MEDIANCUT)
    img.save(OUT / f"{name}.png", optimize=True)
    print(name, (OUT / f"{name}.png").stat().st_size)

ex = Path("examples").resolve()
d.get(base + "/"); shot("web-upload", 1000)
d.find_element(By.ID, "resume").send_keys(str(ex / "resumes/priya-natarajan-tpm.md"))
Select(d.find_element(By.ID, "role")).select_by_value("technical-product-manager")
d.find_element(By.ID, "submit").click()
WebDriverWait(d, 60).until(lambda x: x.find_elements(By.CSS_SELECTOR, ".gauge")); shot("web-report")
d.find_element(By.ID, "all-roles").click(); WebDriverWait(d, 60).until(lambda x: x.find_elements(By.ID, "ranking")); shot("web-ranking")
d.get(base + "/")
d.find_element(By.ID, "resume").send_keys(str(ex / "resumes/marcus-bell-content-marketer.md"))
d.find_element(By.ID, "target-posting").click()
d.find_element(By.ID, "posting").send_keys((ex / "postings/senior-growth-marketer.md").read_text())
d.find_element(By.ID, "submit").click()
WebDriverWait(d, 60).until(lambda x: x.find_elements(By.ID, "profile")); shot("web-posting-profile")
d.get(base + "/batch")
d.find_element(By.ID, "files").send_keys("\n".join(str(p) for p in sorted((ex / "resumes").iterdir())))
d.find_element(By.ID, "submit-batch").click()
WebDriverWait(d, 120).until(lambda x: x.find_elements(By.ID, "results")); time.sleep(0.5); shot("web-batch", 700)
d.quit(); srv.should_exit = True
