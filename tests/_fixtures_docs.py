"""Generators for résumé fixtures: reportlab PDFs, python-docx DOCX, text bytes.

Nothing binary is committed; tests build what they need in tmp_path."""

from __future__ import annotations

import io
from collections.abc import Sequence
from pathlib import Path

from reportlab.lib.pagesizes import letter
from reportlab.pdfgen import canvas

PAGE_W, PAGE_H = letter

SINGLE_COLUMN = [
    "Jane Q. Doe",
    "jane.doe@example.com | (555) 123-4567 | linkedin.com/in/janedoe",
    "Professional Summary",
    "Product marketer with ten years of go-to-market experience.",
    "Work History",
    "Senior Product Marketing Manager, Acme Corp",
    "Jan 2019 – Present",
    "Led launches of three analytics products.",
    "Product Marketing Manager, Globex",
    "03/2015 to 05/2019",
    "Built the pricing and packaging model.",
    "Education",
    "Bachelor of Science in Computer Science, State University, 2014",
    "Skills",
    "SQL, Python, Salesforce, pricing strategy",
]

MAIN_COLUMN = [
    "Experience",
    "Data Engineer, Initech",
    "Feb 2018 - Mar 2021",
    "Built streaming pipelines in Kafka.",
    "Cut warehouse costs by a third.",
    "Owned the on-call rotation.",
    "Analyst, Hooli",
    "2015 - 2018",
    "Wrote reporting dashboards.",
    "Automated monthly close reports.",
    "Education",
    "MSc in Data Science, Tech University",
]
SIDEBAR = ["Skills", "Python", "Kafka", "Airflow", "Spark", "Terraform", "dbt"]


def _pdf_bytes(draw, *, pages: int = 1, encrypt: object | None = None) -> bytes:
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=letter, encrypt=encrypt, invariant=1)
    for n in range(pages):
        draw(c, n)
        c.showPage()
    c.save()
    return buf.getvalue()


def _lines(c: canvas.Canvas, lines: Sequence[str], x: float, y: float, *,
           font: str = "Helvetica", size: float = 10, leading: float = 14) -> float:
    c.setFont(font, size)
    for line in lines:
        c.drawString(x, y, line)
        y -= leading
    return y


def single_column_pdf(lines: Sequence[str] = SINGLE_COLUMN, **kw: object) -> bytes:
    return _pdf_bytes(lambda c, n: _lines(c, lines, 72, PAGE_H - 72), **kw)  # type: ignore[arg-type]


def two_column_pdf() -> bytes:
    """Name across the top, then a skills sidebar on the left (same font and leading
    as the main column, rows aligned) beside the experience column."""
    def draw(c: canvas.Canvas, n: int) -> None:
        _lines(c, ["Alex Example", "alex@example.org"], 72, PAGE_H - 60, size=14, leading=18)
        _lines(c, SIDEBAR, 40, PAGE_H - 120)
        _lines(c, MAIN_COLUMN, 200, PAGE_H - 120)
    return _pdf_bytes(draw)


def right_dates_pdf() -> bytes:
    """Single column whose dates sit at the right margin on the title's row: they must
    stay with their titles (not read as a second column)."""
    def draw(c: canvas.Canvas, n: int) -> None:
        c.setFont("Helvetica", 10)
        y = PAGE_H - 72
        c.drawString(72, y, "Experience")
        y -= 14
        for title, dates in (("Engineer, Acme", "Jan 2019 - Mar 2021"),
                             ("Developer, Globex", "Jun 2016 - Dec 2018"),
                             ("Intern, Initech", "May 2015 - Aug 2015")):
            c.drawString(72, y, title)
            c.drawRightString(540, y, dates)
            y -= 14
            for k in range(3):
                c.drawString(84, y, f"- delivered feature number {k} for the team")
                y -= 14
    return _pdf_bytes(draw)


def unicode_pdf(font_path: str | None) -> bytes:
    """é – • € need a TrueType font; DejaVu is used when present."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    font = "Helvetica"
    if font_path:
        pdfmetrics.registerFont(TTFont("DejaVu", font_path))
        font = "DejaVu"
    lines = ["René Café", "Skills", "• Budget ownership €2M – 2019",
             "• ﬁnance ﬂows and eﬀective reporting"]
    return _pdf_bytes(lambda c, n: _lines(c, lines, 72, PAGE_H - 72, font=font))


def dingbat_bullets_pdf() -> bytes:
    """Bullets drawn with ZapfDingbats and Symbol glyphs, then the item text.  pdfminer
    reads ZapfDingbats "●" as the letter "l" and "➢" as "(cid:226)"."""
    def draw(c: canvas.Canvas, n: int) -> None:
        y = PAGE_H - 72
        c.setFont("Helvetica", 10)
        c.drawString(72, y, "Skills")
        for i, (font, glyph) in enumerate((("ZapfDingbats", "\u25cf"), ("Symbol", "\u2022"),
                                           ("ZapfDingbats", "\u27a2"))):
            y -= 14
            c.setFont(font, 10)
            c.drawString(72, y, glyph)
            c.setFont("Helvetica", 10)
            c.drawString(86, y, f"Negotiation item {i}")
    return _pdf_bytes(draw)


def hyphenated_pdf() -> bytes:
    lines = ["Summary", "Ten years of people manage-", "ment and go-to-market planning",
             "with a well-known brand."]
    return _pdf_bytes(lambda c, n: _lines(c, lines, 72, PAGE_H - 72))


def two_page_pdf() -> bytes:
    def draw(c: canvas.Canvas, n: int) -> None:
        c.setFont("Helvetica", 8)
        c.drawString(72, PAGE_H - 30, "Jordan Smith - Curriculum Vitae")
        c.drawString(72, 30, f"Page {n + 1} of 2")
        body = (["Experience", "Manager, Acme", "2010 - 2015", "Ran the team."] if n == 0
                else ["Education", "MBA, Business School", "Skills", "Leadership"])
        _lines(c, body, 72, PAGE_H - 100)
    return _pdf_bytes(draw, pages=2)


def encrypted_pdf(user_password: str) -> bytes:
    from reportlab.lib import pdfencrypt

    enc = pdfencrypt.StandardEncryption(user_password, ownerPassword="owner-secret", strength=128)
    return single_column_pdf(encrypt=enc)


def image_only_pdf() -> bytes:
    from reportlab.lib.utils import ImageReader

    png = _tiny_png()

    def draw(c: canvas.Canvas, n: int) -> None:
        c.drawImage(ImageReader(io.BytesIO(png)), 72, 400, width=300, height=200)
    return _pdf_bytes(draw)


def _tiny_png() -> bytes:
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))
    raw = b"".join(b"\x00" + bytes([(x * 7 + y * 3) % 256 for x in range(16)]) for y in range(16))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 16, 16, 8, 0, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def docx_with_table() -> bytes:
    import docx

    d = docx.Document()
    d.add_paragraph("Sam Sample")
    d.add_paragraph("Experience")
    d.add_paragraph("Engineer, Acme")
    d.add_paragraph("2012 - 2016")
    table = d.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "Skills"
    table.cell(0, 1).text = "Python"
    table.cell(1, 0).text = "Tools"
    table.cell(1, 1).text = "Docker"
    d.add_paragraph("Education")
    d.add_paragraph("B.A. in History")
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def zip_not_docx() -> bytes:
    import zipfile

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("notes.txt", "hello")
    return buf.getvalue()


TEXT_RESUME = ("Émilie Durand\nemilie@example.fr\n\nSummary\nCafé owner – ten years.\n\n"
               "Experience\nOwner, Café Lumière\n2012 - 2020\n\nEducation\nHigh School Diploma\n")


def write(tmp: Path, name: str, data: bytes) -> Path:
    p = tmp / name
    p.write_bytes(data)
    return p


def find_unicode_font() -> str | None:
    for candidate in ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
                      "/usr/share/fonts/dejavu/DejaVuSans.ttf",
                      "/usr/share/fonts/TTF/DejaVuSans.ttf"):
        if Path(candidate).exists():
            return candidate
    try:
        import reportlab

        p = Path(reportlab.__file__).parent / "fonts" / "Vera.ttf"
        return str(p) if p.exists() else None
    except ImportError:
        return None
