"""Keyword stuffing (issue 16, item 9): does pasting a role's skills raise the score?

    python -m benchmarks.bench_stuffing [--resumes ../shared/data/livecareer-dev] [--n 60]
        [--pdf-reader pdfminer]

For ``--n`` dev résumés (every k-th PDF of the folder, across categories), each read
with rolematch, against the shipped role it scores lowest on (an unrelated role):

* **line** — the résumé's text with the role's skill names appended as one line
  (comma-separated), against the same text without it (both read as text);
* **hidden** — a PDF made with reportlab of the résumé's lines, with the skill list
  drawn in white at the end, against the same PDF without it (both read as PDFs).

Reported: mean and max score rise and how often the fit carries its flag
(``mostly_listed`` for the line, ``hidden_text`` for the PDF), and how often the
unchanged résumé's fit with its best role carries a flag (false alarms).  Target: rise at most
5 points, flag set.  Works on older rolematch versions too (no flags: "—").
"""

from __future__ import annotations

import argparse
import io
import statistics
import sys
import time
from pathlib import Path

if __package__ in (None, ""):  # run as a script: the repo root, after PYTHONPATH
    sys.path.append(str(Path(__file__).resolve().parent.parent))

#: ../shared/data/livecareer-dev beside the checkout (or beside its worktrees folder)
DEFAULT_RESUMES = next((p / "shared" / "data" / "livecareer-dev"
                        for p in Path(__file__).resolve().parents
                        if (p / "shared" / "data" / "livecareer-dev").is_dir()),
                       Path("../shared/data/livecareer-dev"))


def pick(folder: Path, n: int) -> list[Path]:
    """Every k-th PDF (sorted), so that the sample spans the categories."""
    files = sorted(folder.glob("*/*.pdf"))
    step = max(1, len(files) // max(n, 1))
    return files[::step][:n]


def make_pdf(lines: list[str], hidden: str | None = None) -> bytes:
    """A PDF of ``lines`` (10 pt Helvetica, 60 lines a page); ``hidden`` is drawn last
    in white."""
    from reportlab.lib.pagesizes import letter
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=letter)
    safe = [ln.encode("cp1252", "replace").decode("cp1252") for ln in lines]
    y = 740.0
    for ln in safe:
        if y < 50:
            c.showPage()
            y = 740.0
        c.setFont("Helvetica", 10)
        c.drawString(50, y, ln)
        y -= 12
    if hidden is not None:
        c.setFillColorRGB(1, 1, 1)
        c.setFont("Helvetica", 10)
        c.drawString(50, max(y, 40.0), hidden.encode("cp1252", "replace").decode("cp1252"))
    c.showPage()
    c.save()
    return buf.getvalue()


def _flags(fit) -> tuple[str, ...] | None:
    return getattr(fit, "flags", None)


def run(files: list[Path], pdf_reader: str) -> dict[str, list]:
    from rolematch import Matcher, RoleSet
    from rolematch.documents import ResumeReadError, read_resume

    roles = RoleSet.default()
    m = Matcher().fit(roles)
    out: dict[str, list] = {"line": [], "hidden": [], "skipped": [], "plain": []}
    for path in files:
        try:
            resume = read_resume(path)
        except ResumeReadError as e:
            out["skipped"].append((path.name, e.reason))
            continue
        scores = m.score_matrix([resume])[0]
        role = m.roles_[int(scores.argmin())]
        out["plain"].append(_flags(m.match(resume, m.roles_[int(scores.argmax())].id)))
        skills = ", ".join(roles.taxonomy[s.skill_id].name if s.skill_id in roles.taxonomy
                           else s.skill_id for s in role.skills)
        text = "\n".join(resume.lines)
        plain = read_resume(text.encode("utf-8"), filename=path.stem + ".txt")
        stuffed = read_resume((text + "\n" + skills).encode("utf-8"), filename=path.stem + ".txt")
        a, b = m.match(plain, role.id), m.match(stuffed, role.id)
        out["line"].append((path.name, role.id, a.score, b.score, _flags(b)))
        pdf_a = read_resume(make_pdf(list(resume.lines)), filename=path.stem + ".pdf",
                            pdf_reader=pdf_reader)
        pdf_b = read_resume(make_pdf(list(resume.lines), skills), filename=path.stem + ".pdf",
                            pdf_reader=pdf_reader)
        a, b = m.match(pdf_a, role.id), m.match(pdf_b, role.id)
        out["hidden"].append((path.name, role.id, a.score, b.score, _flags(b)))
    return out


def summary(rows: list, flag: str) -> str:
    if not rows:
        return "no résumés"
    rise = [b - a for _, _, a, b, _ in rows]
    flagged = [f for *_, f in rows if f is not None]
    rate = (f"{100 * sum(flag in f for f in flagged) / len(flagged):.0f}%" if flagged
            else "—")
    worst = max(rows, key=lambda r: r[3] - r[2])
    return (f"{len(rows)} résumés: rise mean {statistics.mean(rise):+.2f}, max "
            f"{max(rise):+.2f} ({worst[0]} against {worst[1]}: {worst[2]:.1f} -> "
            f"{worst[3]:.1f}); `{flag}` set on {rate}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--resumes", type=Path, default=DEFAULT_RESUMES)
    ap.add_argument("--n", type=int, default=60)
    ap.add_argument("--pdf-reader", default="pdfminer", choices=("pdfminer", "pdfium"))
    args = ap.parse_args(argv)
    if not args.resumes.is_dir():
        print(f"no résumé folder at {args.resumes}; skipped")
        return 0
    t = time.perf_counter()
    out = run(pick(args.resumes, args.n), args.pdf_reader)
    print(f"keyword stuffing, {args.pdf_reader} for the PDFs "
          f"({time.perf_counter() - t:.0f} s; {len(out['skipped'])} unreadable skipped)")
    print(f"- skill list appended as a line: {summary(out['line'], 'mostly_listed')}")
    print(f"- skill list as white text in the PDF: {summary(out['hidden'], 'hidden_text')}")
    plain = [f for f in out["plain"] if f is not None]
    if plain:
        print(f"- the unchanged résumés against their best role: `mostly_listed` on "
              f"{100 * sum('mostly_listed' in f for f in plain) / len(plain):.0f}%, "
              f"`hidden_text` on {100 * sum('hidden_text' in f for f in plain) / len(plain):.0f}%")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
