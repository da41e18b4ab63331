"""Load on the web page: concurrent clients uploading one-page résumés to
``rolematch serve`` on 127.0.0.1, each upload followed to its fit report.

    python -m benchmarks.bench_serve [--clients 20] [--duration 60]
                                     [--resumes ../shared/data/livecareer-dev] [--limit 40]

Starts its own server (``python -m rolematch serve --host 127.0.0.1``) on a free
port, warms it up, then runs ``--clients`` clients for ``--duration`` seconds: each
posts a résumé with a role (POST /match: read in a worker, scored) and fetches the
report the answer redirects to (GET: rendered).  One upload = both requests; its
latency is both.  Reports uploads/s, p50 / p95 / max latency and errors (a status
other than 303 then 200).  Résumés: the shipped examples, or the one-page PDFs
under ``--resumes``.  Nothing but 127.0.0.1 is contacted.  Target (issue 20): no
errors, p95 under 1 s on the 2-core machine.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
ROLE = "technical-product-manager"
MAX_UPLOADS = 1_000_000  # a bound on the loop besides the duration


def one_page_resumes(folder: Path | None, limit: int) -> list[tuple[str, bytes]]:
    if folder is None:
        return [(p.name, p.read_bytes()) for p in sorted((REPO / "examples" / "resumes").iterdir())
                if p.suffix in (".md", ".txt")]
    import pypdfium2 as pdfium

    out = []
    for p in sorted(folder.rglob("*.pdf")):
        if len(out) >= limit:
            break
        pdf = pdfium.PdfDocument(p)
        try:
            if len(pdf) == 1:
                out.append((p.name, p.read_bytes()))
        finally:
            pdf.close()
    return out


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(port: int, workers: int) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    proc = subprocess.Popen([sys.executable, "-m", "rolematch", "serve", "--host", "127.0.0.1",
                             "--port", str(port), "--workers", str(workers)],
                            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    for _ in range(600):
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return proc
        if proc.poll() is not None:
            raise SystemExit(f"server exited: {proc.stderr.read().decode()[-2000:]}")
        time.sleep(0.1)
    proc.terminate()
    raise SystemExit("server did not start in 60 s")


async def upload(client, name: str, data: bytes) -> tuple[float, bool]:
    t = time.perf_counter()
    r = await client.post("/match", files={"resume": (name, data)},
                          data={"target": "role", "role": ROLE})
    ok = r.status_code == 303
    if ok:
        r = await client.get(r.headers["location"])
        ok = r.status_code == 200 and "data-score" in r.text
    return time.perf_counter() - t, ok


async def run(base: str, resumes, clients: int, duration: float) -> tuple[list[float], int, float]:
    import httpx

    latencies: list[float] = []
    errors = 0
    limits = httpx.Limits(max_connections=clients)
    async with httpx.AsyncClient(base_url=base, timeout=60, limits=limits) as client:
        for name, data in resumes[:4]:  # warm-up: workers loaded, matcher fitted
            await upload(client, name, data)
        end = time.monotonic() + duration
        start = time.perf_counter()

        async def worker(k: int) -> None:
            nonlocal errors
            i = k
            while time.monotonic() < end and len(latencies) < MAX_UPLOADS:
                name, data = resumes[i % len(resumes)]
                i += clients
                try:
                    dt, ok = await upload(client, name, data)
                except httpx.HTTPError:
                    dt, ok = 0.0, False
                latencies.append(dt)
                errors += not ok

        await asyncio.gather(*(worker(k) for k in range(clients)))
        elapsed = time.perf_counter() - start
    return latencies, errors, elapsed


def cpu_seconds(pid: int) -> float:
    """CPU time of a process and its children (the reading workers), via psutil."""
    try:
        import psutil
    except ImportError:
        return float("nan")
    procs = [psutil.Process(pid)]
    procs += procs[0].children(recursive=True)
    total = 0.0
    for p in procs:
        try:
            t = p.cpu_times()
            total += t.user + t.system
        except psutil.Error:
            pass
    return total


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--clients", type=int, default=20)
    ap.add_argument("--duration", type=float, default=60.0)
    ap.add_argument("--workers", type=int, default=2, help="the server's reading processes")
    ap.add_argument("--resumes", type=Path, default=None,
                    help="folder of PDFs; its one-page ones are uploaded (default: examples)")
    ap.add_argument("--limit", type=int, default=40, help="one-page PDFs taken from --resumes")
    a = ap.parse_args()
    resumes = one_page_resumes(a.resumes, a.limit)
    if not resumes:
        raise SystemExit("no one-page résumés found")
    port = _free_port()
    server = start_server(port, a.workers)
    load0 = os.getloadavg()[0]
    try:
        cpu0, client0 = cpu_seconds(server.pid), time.process_time()
        lat, errors, elapsed = asyncio.run(run(f"http://127.0.0.1:{port}", resumes,
                                               a.clients, a.duration))
        cpu = cpu_seconds(server.pid) - cpu0  # (includes the warm-up uploads)
        client_cpu = time.process_time() - client0
    finally:
        server.terminate()
        server.wait(10)
    lat_sorted = sorted(lat)
    p95 = lat_sorted[max(0, round(0.95 * len(lat_sorted)) - 1)]
    print(f"{len(resumes)} one-page résumés ({'examples' if a.resumes is None else a.resumes}),"
          f" {a.clients} clients, {a.duration:g} s, server --workers {a.workers}, "
          f"load average {load0:.1f} at start, {os.getloadavg()[0]:.1f} at end")
    print(f"uploads: {len(lat)} in {elapsed:.1f} s = {len(lat) / elapsed:.1f} uploads/s "
          f"({2 * len(lat) / elapsed:.1f} requests/s)")
    print(f"latency (upload + report): p50 {statistics.median(lat) * 1000:.0f} ms, "
          f"p95 {p95 * 1000:.0f} ms, max {lat_sorted[-1] * 1000:.0f} ms; errors: {errors}")
    print(f"server CPU (with its workers): {cpu:.1f} s = {1000 * cpu / max(len(lat), 1):.0f} ms "
          f"an upload, {cpu / elapsed:.2f} cores busy; the clients' CPU: {client_cpu:.1f} s")


if __name__ == "__main__":
    main()
