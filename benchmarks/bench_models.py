"""Load time of the shipped models, time to profile one posting, size of models/.

    python -m benchmarks.bench_models [--runs 5]

Cold load runs in fresh processes: import rolematch, load the taxonomy, the skill
matcher and the TF-IDF model, fit a Matcher on the shipped roles and score one line.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

COLD = """
import time
t0 = time.perf_counter()
import rolematch
from rolematch.roles import RoleSet
from rolematch.score import Matcher
m = Matcher().fit(RoleSet.default())
m.extractor_("SQL and Agile")
print(time.perf_counter() - t0)
"""


def cold_load(runs: int) -> tuple[list[float], list[float]]:
    inner, wall = [], []
    for _ in range(runs):
        t = time.perf_counter()
        out = subprocess.run([sys.executable, "-c", COLD], capture_output=True, text=True,
                             check=True)
        wall.append(time.perf_counter() - t)
        inner.append(float(out.stdout.strip().splitlines()[-1]))
    return inner, wall


def profile_posting(runs: int) -> list[float]:
    from rolematch.roles import RoleProfile

    text = (REPO / "examples" / "postings" / "senior-growth-marketer.md").read_text("utf-8")
    RoleProfile.from_text(text)  # warm: models loaded
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        RoleProfile.from_text(text)
        times.append(time.perf_counter() - t)
    return times


def size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args(argv)
    from rolematch._resources import models_dir

    inner, wall = cold_load(args.runs)
    post = profile_posting(max(args.runs, 20))
    print("| figure | median | min | max |\n|---|--:|--:|--:|")
    print(f"| cold load, in-process (s) | {statistics.median(inner):.2f} | {min(inner):.2f} | "
          f"{max(inner):.2f} |")
    print(f"| cold load, whole process (s) | {statistics.median(wall):.2f} | {min(wall):.2f} | "
          f"{max(wall):.2f} |")
    print(f"| profile one posting, warm (ms) | {1000 * statistics.median(post):.1f} | "
          f"{1000 * min(post):.1f} | {1000 * max(post):.1f} |")
    md = models_dir()
    print(f"\nmodels/ ({md}): {size(md) / 1e6:.2f} MB; "
          + ", ".join(f"{p.name} {size(p) / 1e6 if p.is_dir() else p.stat().st_size / 1e6:.2f} MB"
                      for p in sorted(md.iterdir())))


if __name__ == "__main__":
    main()
