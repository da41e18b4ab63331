"""A corpus of bad and hostile résumé files, generated on demand (never committed).

Used by ``tests/test_hostile.py`` and ``python -m benchmarks.bench_fuzz --hostile``.
:func:`build_corpus` writes every case into a folder and returns the cases with the
outcome :func:`rolematch.read_resume` must give: a reason code of
:class:`~rolematch.errors.ResumeReadError`, or ``None`` for a file that reads.

Bombs are built cheaply: a deflate stream of zeros is one compressed block repeated
(a full flush makes each block independent), so a 2 GiB stream costs about 2 MB and
a few milliseconds to write.  Needs reportlab (the ``test`` extra) for the PDFs.
"""

from __future__ import annotations

import io
import os
import random
import struct
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

GIB = 1 << 30

GOOD_TEXT = """Jordan Avery
jordan.avery@example.com | (555) 201-7788 | 42 Elm Street, Springfield, IL 62704

Summary
Marketing analyst with six years of campaign reporting and SQL.

Experience
Marketing Analyst, Acme Corp
Jan 2019 - Present
- Built Tableau dashboards and ran A/B tests on email campaigns.
- Wrote SQL in Snowflake for attribution and customer segmentation.
Analyst, Globex
03/2016 to 12/2018
- Forecasting in Excel and Python; Google Analytics reporting.

Education
Bachelor of Science in Statistics, State University, 2015

Skills
SQL, Python, Tableau, Google Analytics, A/B testing, Excel
"""

PDF_LINES = [ln for ln in GOOD_TEXT.splitlines() if ln.strip()]


@dataclass(frozen=True)
class Case:
    """One hostile input: ``name`` is the file name in the corpus, ``expect`` the
    ResumeReadError reason (None: it must read), ``good``: its scores must equal
    the scores of the same bytes scored alone."""

    key: str
    name: str
    expect: str | None
    what: str
    good: bool = False


# --- PDF --------------------------------------------------------------------------

def text_pdf(lines: list[str] = PDF_LINES, *, pages: int = 1,
             encrypt: object | None = None) -> bytes:
    from reportlab.lib.pagesizes import letter
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=letter, encrypt=encrypt, invariant=1)
    for n in range(pages):
        c.setFont("Helvetica", 10)
        y = letter[1] - 72
        for line in (lines if n == 0 else [f"Page {n + 1} of {pages}", "Experience notes"]):
            c.drawString(72, y, line)
            y -= 14
        c.showPage()
    c.save()
    return buf.getvalue()


def encrypted_pdf(user_password: str) -> bytes:
    from reportlab.lib import pdfencrypt

    enc = pdfencrypt.StandardEncryption(user_password, ownerPassword="owner-secret",
                                        strength=128)
    return text_pdf(encrypt=enc)


def image_only_pdf() -> bytes:
    """One page holding a grey 64×64 image and no text."""
    from reportlab.lib.pagesizes import letter
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))
    raw = b"".join(b"\x00" + bytes((x * 7 + y * 3) % 256 for x in range(64)) for y in range(64))
    png = (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 64, 64, 8, 0, 0, 0, 0))
           + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=letter, invariant=1)
    c.drawImage(ImageReader(io.BytesIO(png)), 72, 400, width=300, height=300)
    c.showPage()
    c.save()
    return buf.getvalue()


def zeros_deflate(n_bytes: int, *, raw: bool = False) -> tuple[bytes, int]:
    """A deflate stream that inflates to ``n_bytes`` zeros (rounded down to MiB), and
    the CRC-32 of those zeros when ``raw`` (for a zip entry; zlib framing otherwise)."""
    block = 1 << 20
    n = max(1, n_bytes // block)
    c = zlib.compressobj(9, zlib.DEFLATED, -15 if raw else 15)
    first = c.compress(bytes(block)) + c.flush(zlib.Z_FULL_FLUSH)
    again = c.compress(bytes(block)) + c.flush(zlib.Z_FULL_FLUSH)
    body = first + again * (n - 1) + b"\x03\x00"   # an empty final block ends the stream
    total = n * block
    if raw:
        crc = 0
        zero = bytes(block)
        for _ in range(n):
            crc = zlib.crc32(zero, crc)
        return body, crc
    adler = ((total % 65521) << 16) | 1   # adler32 of zeros: a = 1, b = n mod 65521
    return body + struct.pack(">I", adler), 0


def pdf_with_content(stream: bytes, *, flate: bool = True, count: int = 1) -> bytes:
    """A one-page PDF (catalog, pages, page, font, content) built by hand with a
    correct xref table, its page content being ``stream``; its page tree declares
    ``count`` pages (a lie when not 1)."""
    filt = b"/Filter /FlateDecode " if flate else b""
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count %d >>" % count,
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
        b"/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        b"<< " + filt + b"/Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, body in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += (b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n"
            % (len(objs) + 1, xref))
    return bytes(out)


def flate_bomb_pdf(inflated: int = 2 * GIB) -> bytes:
    """A valid PDF whose page content inflates to ``inflated`` zero bytes."""
    stream, _ = zeros_deflate(inflated)
    return pdf_with_content(stream)


def count_lie_pdf(count: int = 1_000_000) -> bytes:
    """One real page whose page tree declares ``count`` pages."""
    text = b"BT /F1 11 Tf 72 720 Td 14 TL " + b" ".join(
        b"(" + ln.replace("(", "[").replace(")", "]").encode("latin-1") + b") '"
        for ln in PDF_LINES) + b" ET"
    return pdf_with_content(zlib.compress(text), count=count)


def dense_pdf(content_bytes: int) -> bytes:
    """One page of tiny text whose content stream is about ``content_bytes`` long:
    about as many glyphs."""
    line = b"(" + b"word " * 40 + b") Tj T* "
    body = b"BT /F1 1 Tf 1 TL 10 780 Td " + line * (content_bytes // len(line)) + b" ET"
    return pdf_with_content(zlib.compress(body))


def glyph_soup(n_lines: int = 30, seed: int = 3) -> list[str]:
    """Lines of random letters, digits and punctuation: what a font without a usable
    Unicode map decodes to."""
    import string

    rng = random.Random(seed)
    chars = string.ascii_letters + string.digits + "!#$%&*+;<=>?@^~"
    return [" ".join("".join(rng.choice(chars) for _ in range(rng.randint(2, 9)))
                     for _ in range(10)) for _ in range(n_lines)]


def garbled_pdf() -> bytes:
    """A one-page PDF whose only text is glyph soup (both readers decode it as such)."""
    return text_pdf(glyph_soup())


# --- DOCX -------------------------------------------------------------------------

def good_docx(lines: list[str] = PDF_LINES) -> bytes:
    import docx

    d = docx.Document()
    for line in lines:
        d.add_paragraph(line)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def _zip(entries: list[tuple[str, bytes, int, int, int]]) -> bytes:
    """A zip built by hand from (name, deflated data, crc, inflated size, method)."""
    out = bytearray()
    central = bytearray()
    for name, data, crc, size, method in entries:
        fn = name.encode()
        off = len(out)
        out += struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, method, 0, 0x21, crc,
                           len(data), size, len(fn), 0) + fn + data
        central += struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, method, 0, 0x21,
                               crc, len(data), size, len(fn), 0, 0, 0, 0, 0, off) + fn
    cd = len(out)
    out += central
    out += struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(entries), len(entries),
                       len(central), cd, 0)
    return bytes(out)


def zip_bomb_docx(inflated: int = GIB) -> bytes:
    """A DOCX (it has word/document.xml) whose document part inflates to ``inflated``
    bytes; the parts python-docx needs are real, the document is a sea of zeros."""
    with io.BytesIO(good_docx()) as buf:
        import zipfile

        with zipfile.ZipFile(buf) as zf:
            parts = {n: zf.read(n) for n in zf.namelist()}
    entries = []
    for name, data in parts.items():
        if name == "word/document.xml":
            body, crc = zeros_deflate(inflated, raw=True)
            entries.append((name, body, crc, max(1, inflated >> 20) << 20, 8))
        else:
            c = zlib.compressobj(6, zlib.DEFLATED, -15)
            packed = c.compress(data) + c.flush()
            entries.append((name, packed, zlib.crc32(data), len(data), 8))
    return _zip(entries)


def entity_bomb_docx() -> bytes:
    """A DOCX whose document.xml declares a billion-laughs entity chain."""
    import zipfile

    laughs = ['<!ENTITY l0 "lol">'] + [f'<!ENTITY l{i} "{"&l%d;" % (i - 1) * 10}">'
                                       for i in range(1, 10)]
    xml = ('<?xml version="1.0"?><!DOCTYPE d [' + "".join(laughs) + ']>'
           '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
           '<w:body><w:p><w:r><w:t>Skills &l9;</w:t></w:r></w:p></w:body></w:document>')
    src = io.BytesIO(good_docx())
    dst = io.BytesIO()
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for n in zin.namelist():
            zout.writestr(n, xml if n == "word/document.xml" else zin.read(n))
    return dst.getvalue()


def big_docx(n: int = 1_700_000, *, table: bool = False) -> bytes:
    """A DOCX whose document.xml is ``n`` one-letter paragraphs (58 MB of XML from a
    200 KB file for the default), or as many one-cell table rows."""
    import zipfile

    para = "<w:p><w:r><w:t>a</w:t></w:r></w:p>"
    body = (f"<w:tbl>{f'<w:tr><w:tc>{para}</w:tc></w:tr>' * n}</w:tbl>" if table
            else para * n)
    xml = ('<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/'
           'wordprocessingml/2006/main"><w:body>' + body + '</w:body></w:document>')
    src = io.BytesIO(good_docx())
    dst = io.BytesIO()
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for name in zin.namelist():
            zout.writestr(name, xml if name == "word/document.xml" else zin.read(name))
    return dst.getvalue()


# --- the corpus -------------------------------------------------------------------

def _seeded(n: int, seed: int = 8) -> bytes:
    return random.Random(seed).randbytes(n)


def cases(*, bombs: int = 2 * GIB) -> list[tuple[Case, Callable[[Path], None]]]:
    """Every case with the function that writes it into a folder."""
    def data(name: str, make: Callable[[], bytes]) -> Callable[[Path], None]:
        return lambda d: (d / name).write_bytes(make())

    def symlink_loop(d: Path) -> None:
        os.symlink("loop-b.pdf", d / "loop-a.pdf")
        os.symlink("loop-a.pdf", d / "loop-b.pdf")

    def unreadable(d: Path) -> None:
        p = d / "unreadable.txt"
        p.write_text(GOOD_TEXT, encoding="utf-8")
        p.chmod(0)

    def sparse(d: Path) -> None:
        with open(d / "over-the-size-limit.txt", "wb") as f:
            f.truncate(10_000_001)   # 10 MB of NULs, no disk blocks

    def line_5mb() -> bytes:
        rng = random.Random(5)
        words = ("sql python tableau analytics roadmap growth marketing campaign "
                 "stakeholders pricing launch data pipeline forecast").split()
        return " ".join(rng.choice(words) for _ in range(700_000)).encode()[:5_000_000]

    good = GOOD_TEXT.encode("utf-8")
    table: list[tuple[Case, Callable[[Path], None]]] = [
        (Case("zero_bytes", "zero-bytes.pdf", "empty", "zero bytes"),
         data("zero-bytes.pdf", lambda: b"")),
        (Case("random_pdf", "random-bytes.pdf", "corrupt", "64 KiB of random bytes named .pdf"),
         data("random-bytes.pdf", lambda: _seeded(65536))),
        (Case("random_pdf_header", "random-after-header.pdf", "corrupt",
              "%PDF- header then random bytes"),
         data("random-after-header.pdf", lambda: b"%PDF-1.7\n" + _seeded(65536, 9))),
        (Case("truncated_pdf", "truncated.pdf", "corrupt", "a PDF cut after 40% of its bytes"),
         data("truncated.pdf", lambda: (lambda b: b[:len(b) * 2 // 5])(text_pdf()))),
        (Case("encrypted_empty", "encrypted-empty-password.pdf", None,
              "encrypted, empty user password", good=True),
         data("encrypted-empty-password.pdf", lambda: encrypted_pdf(""))),
        (Case("encrypted", "encrypted-password.pdf", "encrypted", "encrypted with a password"),
         data("encrypted-password.pdf", lambda: encrypted_pdf("s3cret"))),
        (Case("image_only", "image-only.pdf", "no_text_layer", "one image, no text"),
         data("image-only.pdf", image_only_pdf)),
        (Case("pages_500", "500-pages.pdf", "too_large", "500 pages (limit 30)"),
         data("500-pages.pdf", lambda: text_pdf(pages=500))),
        (Case("flate_bomb", "flate-bomb.pdf", "too_large",
              f"page content inflating to {bombs >> 20} MiB of zeros"),
         data("flate-bomb.pdf", lambda: flate_bomb_pdf(bombs))),
        (Case("good_pdf", "good.pdf", None, "a plain one-page PDF", good=True),
         data("good.pdf", text_pdf)),
        (Case("zip_bomb", "zip-bomb.docx", "too_large",
              f"document.xml inflating to {(bombs // 2) >> 20} MiB"),
         data("zip-bomb.docx", lambda: zip_bomb_docx(bombs // 2))),
        (Case("entity_bomb", "entity-bomb.docx", "corrupt",
              "document.xml with a billion-laughs entity chain (lxml refuses to expand it)"),
         data("entity-bomb.docx", entity_bomb_docx)),
        (Case("not_zip_docx", "not-a-zip.docx", "corrupt", "text bytes named .docx"),
         data("not-a-zip.docx", lambda: b"Not a zip: plain text named .docx\n" + good)),
        (Case("good_docx", "good.docx", None, "a plain DOCX", good=True),
         data("good.docx", good_docx)),
        (Case("utf16le", "utf16-le-no-bom.txt", None, "UTF-16 LE without BOM", good=True),
         data("utf16-le-no-bom.txt", lambda: GOOD_TEXT.encode("utf-16-le"))),
        (Case("utf16be", "utf16-be-no-bom.txt", None, "UTF-16 BE without BOM", good=True),
         data("utf16-be-no-bom.txt", lambda: GOOD_TEXT.encode("utf-16-be"))),
        (Case("latin1", "latin1.txt", None, "Latin-1 text", good=True),
         data("latin1.txt", lambda: ("Zoë Müller-Ça\n" + GOOD_TEXT).encode("latin-1"))),
        (Case("line_5mb", "single-line-5mb.txt", None, "5 MB on one line"),
         data("single-line-5mb.txt", line_5mb)),
        (Case("digits_dashes", "digits-and-dashes.txt", None,
              "1 MB of digits and dashes on one line"),
         data("digits-and-dashes.txt", lambda: ("12-2015-" * 131_072).encode())),
        (Case("spaces", "name with  spaces.txt", None, "spaces in the file name", good=True),
         data("name with  spaces.txt", lambda: good)),
        (Case("newline", "name\nwith newline.md", None, "a newline in the file name",
              good=True),
         data("name\nwith newline.md", lambda: good)),
        (Case("non_ascii", "Zoë-履歴書-резюме.txt", None, "non-ASCII file name", good=True),
         data("Zoë-履歴書-резюме.txt", lambda: good)),
        (Case("loop", "loop-a.pdf", "not_found", "symlink loop (a → b → a)"), symlink_loop),
        (Case("loop_b", "loop-b.pdf", "not_found", "the other end of the loop"),
         lambda d: None),
        (Case("unreadable", "unreadable.txt", "not_found",
              "chmod 000 (root reads it anyway)"), unreadable),
        (Case("fifo", "named-pipe.txt", "not_found", "a FIFO: read() would block forever"),
         lambda d: os.mkfifo(d / "named-pipe.txt")),
        (Case("dev_zero", "dev-zero.txt", "not_found",
              "symlink to /dev/zero: stat says 0 bytes, read() never ends"),
         lambda d: os.symlink("/dev/zero", d / "dev-zero.txt")),
        (Case("too_big", "over-the-size-limit.txt", "too_large", "10 MB + 1 byte"), sparse),
        (Case("one_char_lines", "one-char-lines.txt", None,
              "9 MB: 4.5 million one-character lines"),
         data("one-char-lines.txt", lambda: b"a\n" * 4_500_000)),
        (Case("heading_lines", "heading-lines.txt", None, "8 MB of heading lines"),
         data("heading-lines.txt", lambda: b"Experience\n" * 727_000)),
        (Case("date_lines", "date-lines.txt", None, "8 MB of date-range lines"),
         data("date-lines.txt", lambda: b"Jan 2019 - Mar 2021\n" * 400_000)),
        (Case("digits", "digits.txt", None, "8 MB of digits on one line"),
         data("digits.txt", lambda: b"0123456789" * 800_000)),
        (Case("digit_lines", "digit-lines.txt", None, "8 MB of phone-like digit lines"),
         data("digit-lines.txt", lambda: b"555 123 4567\n" * 615_000)),
        (Case("docx_paragraphs", "many-paragraphs.docx", None,
              "DOCX: 1.7 million one-letter paragraphs (58 MB of XML)"),
         data("many-paragraphs.docx", big_docx)),
        (Case("docx_table", "many-table-rows.docx", None,
              "DOCX: a table of 1 million one-letter rows"),
         data("many-table-rows.docx", lambda: big_docx(1_000_000, table=True))),
        (Case("dense_pdf", "dense-page.pdf", "no_text_layer",
              "one page of 2 million tiny glyphs (2 MB of page content): 1 pt text is "
              "hidden text (issue 16), so nothing readable is left"),
         data("dense-page.pdf", lambda: dense_pdf((2 << 20) - 4096))),
        (Case("dense_pdf_over", "dense-page-over.pdf", "too_large",
              "one page of 4 million tiny glyphs (over the 2 MiB content limit)"),
         data("dense-page-over.pdf", lambda: dense_pdf(4 << 20))),
        (Case("count_lie", "count-a-million.pdf", None,
              "one real page, /Count 1000000 in the page tree"),
         data("count-a-million.pdf", count_lie_pdf)),
        (Case("garbled_pdf", "garbled.pdf", "garbled_text",
              "a PDF whose text is glyph soup"),
         data("garbled.pdf", garbled_pdf)),
        (Case("garbled_text", "garbled.txt", "garbled_text", "a text file of glyph soup"),
         data("garbled.txt", lambda: "\n".join(glyph_soup()).encode())),
        (Case("duplicate_a", "duplicate-a.txt", None, "same bytes as duplicate-b", good=True),
         data("duplicate-a.txt", lambda: good)),
        (Case("duplicate_b", "duplicate-b.txt", None, "same bytes as duplicate-a", good=True),
         data("duplicate-b.txt", lambda: good)),
    ]
    return table


def build_corpus(folder: Path, *, bombs: int = 2 * GIB,
                 only: set[str] | None = None) -> list[Case]:
    """Write the hostile corpus into ``folder``; returns its cases in file-name order."""
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for case, make in cases(bombs=bombs):
        if only is None or case.key in only:
            make(folder)
            out.append(case)
    return sorted(out, key=lambda c: c.name)


# --- measuring one case in a limited process ---------------------------------------

def _limit(memory_mb: int, cpu_s: int) -> None:
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (memory_mb << 20, memory_mb << 20))
    resource.setrlimit(resource.RLIMIT_CPU, (cpu_s, cpu_s + 5))


def _peak_mb() -> float:
    """Peak resident memory of this process in MB: VmHWM (ru_maxrss would carry the
    peak of the parent that forked us across exec)."""
    import resource

    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def run_read(path: str) -> dict:
    """read_resume on one file: outcome, wall and CPU seconds of the read, peak memory
    of this process."""
    import time

    from rolematch.documents import read_resume
    from rolematch.errors import ResumeReadError

    t0, c0 = time.perf_counter(), _cpu_s()
    try:
        resume = read_resume(path, pdf_reader="auto")
        out: dict = {"reason": None, "lines": len(resume.lines)}
    except ResumeReadError as e:
        out = {"reason": e.reason, "message": e.message}
    out.update(seconds=round(time.perf_counter() - t0, 3), cpu_s=round(_cpu_s() - c0, 3),
               peak_mb=round(_peak_mb(), 1))
    return out


def _cpu_s() -> float:
    """CPU seconds (user + system) this process has used: unlike the wall clock, not
    inflated when other work shares the machine."""
    import resource

    ru = resource.getrusage(resource.RUSAGE_SELF)
    return ru.ru_utime + ru.ru_stime


def run_pipeline(folder: str) -> dict:
    """Every file of ``folder`` through the whole pipeline: read, featurize, match
    against every shipped role, render every report format (plain and redacted)."""
    import time

    from rolematch.documents import read_resume
    from rolematch.errors import ResumeReadError
    from rolematch.report import FORMATS, render
    from rolematch.roles import RoleSet
    from rolematch.score import Matcher

    matcher = Matcher().fit(RoleSet.default())
    rows = {}
    for p in sorted(Path(folder).iterdir()):
        t0 = time.perf_counter()
        try:
            resume = read_resume(p, pdf_reader="auto")
        except ResumeReadError as e:
            rows[p.name] = {"reason": e.reason}
            continue
        fits = matcher.rank(matcher.featurize(resume))
        sizes = [len(render(fits[0], fmt, alternatives=fits[1:], redact=r))
                 for fmt in FORMATS for r in (False, True)]
        rows[p.name] = {"reason": None, "scores": {f.role_id: f.score for f in fits},
                        "report_chars": sum(sizes),
                        "seconds": round(time.perf_counter() - t0, 3)}
    return {"files": rows, "peak_mb": round(_peak_mb(), 1)}


def main(argv: list[str] | None = None) -> None:
    """``python -m benchmarks._hostile read FILE | pipeline DIR [--memory-mb N]
    [--cpu-s N]``: one JSON object on stdout, under the given resource limits."""
    import argparse
    import json
    import sys

    ap = argparse.ArgumentParser(description=main.__doc__)
    ap.add_argument("mode", choices=("read", "pipeline"))
    ap.add_argument("path")
    ap.add_argument("--memory-mb", type=int, default=1024)
    ap.add_argument("--cpu-s", type=int, default=60)
    a = ap.parse_args(argv)
    _limit(a.memory_mb, a.cpu_s)
    out = run_read(a.path) if a.mode == "read" else run_pipeline(a.path)
    sys.stdout.write(json.dumps(out) + "\n")


if __name__ == "__main__":
    main()
