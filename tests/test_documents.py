"""read_resume: formats, PDF layout and clean-up, errors, Resume methods."""

from __future__ import annotations

import codecs
import json
from datetime import date
from pathlib import Path

import pytest

from _fixtures_docs import (MAIN_COLUMN, SIDEBAR, TEXT_RESUME, dingbat_bullets_pdf,
                            docx_with_table, encrypted_pdf, find_unicode_font, hyphenated_pdf,
                            image_only_pdf, right_dates_pdf, single_column_pdf, two_column_pdf,
                            two_page_pdf, unicode_pdf, write, zip_not_docx)
from rolematch.documents import Resume, format_resume_text, read_resume
from rolematch.errors import ResumeReadError

TODAY = date(2021, 6, 15)
READERS = ["pdfminer", "pdfium", "auto"]


@pytest.fixture(scope="module")
def pdfs() -> dict[str, bytes]:
    return {"single": single_column_pdf(), "two": two_column_pdf(),
            "right": right_dates_pdf(), "unicode": unicode_pdf(find_unicode_font()),
            "dingbats": dingbat_bullets_pdf(), "hyphen": hyphenated_pdf(),
            "two_page": two_page_pdf()}


# --- PDF --------------------------------------------------------------------------

@pytest.mark.parametrize("reader", READERS)
def test_single_column_pdf(pdfs: dict[str, bytes], tmp_path: Path, reader: str) -> None:
    path = write(tmp_path, "cv.pdf", pdfs["single"])
    r = read_resume(path, pdf_reader=reader, today=TODAY)
    assert r.format == "pdf" and r.pages == 1 and r.source == str(path)
    assert r.lines[0] == "Jane Q. Doe"
    assert [s.name for s in r.sections] == ["header", "summary", "experience", "education",
                                            "skills"]
    assert [(e.start, e.end, e.current) for e in r.experience] == [
        (date(2019, 1, 1), None, True), (date(2015, 3, 1), date(2019, 5, 1), False)]
    # 2015-03 .. 2021-06 merged: 76 months
    assert r.years_experience == pytest.approx(76 / 12, abs=0.01)
    assert r.education_level == "bachelor"
    assert r.education[0].field == "Computer Science"
    assert r.contact.emails == ("jane.doe@example.com",)
    assert r.contact.name == "Jane Q. Doe"
    assert r.text == "\n".join(r.lines) and "\n\n" not in r.text


@pytest.mark.parametrize("reader", READERS)
def test_two_column_reads_sidebar_as_one_block(pdfs: dict[str, bytes], reader: str) -> None:
    r = read_resume(pdfs["two"], filename="two.pdf", pdf_reader=reader, today=TODAY)
    lines = list(r.lines)
    side = [lines.index(s) for s in SIDEBAR]
    assert side == list(range(side[0], side[0] + len(SIDEBAR))), lines
    main = [lines.index(m) for m in MAIN_COLUMN]
    assert main == sorted(main) and main == list(range(main[0], main[0] + len(main))), lines
    # no sidebar line inside a job entry
    for e in r.experience:
        assert not set(range(e.first_line, e.last_line)) & set(side)
    assert r.section_at(side[1]) == "skills"
    assert [s.name for s in r.sections if s.name != "header"] == ["skills", "experience",
                                                                   "education"]
    assert len(r.experience) == 2
    assert r.education_level == "master"


@pytest.mark.parametrize("reader", ["pdfminer", "pdfium"])
def test_right_aligned_dates_stay_with_their_titles(pdfs: dict[str, bytes], reader: str) -> None:
    r = read_resume(pdfs["right"], filename="right.pdf", pdf_reader=reader, today=TODAY)
    assert "Engineer, Acme Jan 2019 - Mar 2021" in r.lines
    assert len(r.experience) == 3
    assert [e.start for e in r.experience] == [date(2019, 1, 1), date(2016, 6, 1), date(2015, 5, 1)]


@pytest.mark.parametrize("reader", ["pdfminer", "pdfium"])
def test_unicode_and_ligatures(pdfs: dict[str, bytes], reader: str) -> None:
    r = read_resume(pdfs["unicode"], filename="u.pdf", pdf_reader=reader)
    assert r.lines[0] == "René Café"
    assert "• Budget ownership €2M – 2019" in r.lines
    assert "• finance flows and effective reporting" in r.lines


@pytest.mark.parametrize("reader", ["pdfminer", "pdfium"])
def test_symbol_font_bullets(pdfs: dict[str, bytes], reader: str) -> None:
    r = read_resume(pdfs["dingbats"], filename="d.pdf", pdf_reader=reader)
    assert r.lines == ("Skills", "• Negotiation item 0", "• Negotiation item 1",
                       "• Negotiation item 2")
    assert "(cid:" not in r.text


@pytest.mark.parametrize("reader", ["pdfminer", "pdfium"])
def test_hyphenated_line_break(pdfs: dict[str, bytes], reader: str) -> None:
    r = read_resume(pdfs["hyphen"], filename="h.pdf", pdf_reader=reader)
    assert "Ten years of people management" in r.lines
    assert "go-to-market" in r.text and "well-known" in r.text


@pytest.mark.parametrize("reader", ["pdfminer", "pdfium"])
def test_running_header_and_footer_dropped(pdfs: dict[str, bytes], reader: str) -> None:
    r = read_resume(pdfs["two_page"], filename="2p.pdf", pdf_reader=reader, today=TODAY)
    assert r.pages == 2
    assert "Curriculum Vitae" not in r.text and "Page 1" not in r.text
    assert r.lines[0] == "Experience"
    assert [s.name for s in r.sections] == ["experience", "education", "skills"]
    assert r.years_experience == 5.0


@pytest.mark.parametrize("reader", READERS)
def test_encrypted_with_empty_user_password_is_read(reader: str) -> None:
    r = read_resume(encrypted_pdf(""), filename="e.pdf", pdf_reader=reader)
    assert r.lines[0] == "Jane Q. Doe"


@pytest.mark.parametrize("reader", READERS)
def test_encrypted_with_password(reader: str) -> None:
    with pytest.raises(ResumeReadError, match=r"^locked\.pdf: PDF is encrypted") as ei:
        read_resume(encrypted_pdf("s3cret"), filename="locked.pdf", pdf_reader=reader)
    assert ei.value.reason == "encrypted" and ei.value.path == "locked.pdf"


@pytest.mark.parametrize("reader", READERS)
def test_image_only_pdf_needs_ocr(reader: str) -> None:
    with pytest.raises(ResumeReadError, match="no text layer.*needs OCR") as ei:
        read_resume(image_only_pdf(), filename="scan.pdf", pdf_reader=reader)
    assert ei.value.reason == "no_text_layer"


@pytest.mark.parametrize("reader", READERS)
@pytest.mark.parametrize("cut", [300, -300, 40])
def test_truncated_pdf_is_corrupt(pdfs: dict[str, bytes], reader: str, cut: int) -> None:
    with pytest.raises(ResumeReadError, match="trunc.pdf: PDF") as ei:
        read_resume(pdfs["single"][:cut], filename="trunc.pdf", pdf_reader=reader)
    assert ei.value.reason == "corrupt"


def test_too_many_pages(pdfs: dict[str, bytes]) -> None:
    for reader in READERS:
        with pytest.raises(ResumeReadError, match="more than max_pages=1") as ei:
            read_resume(pdfs["two_page"], filename="x.pdf", pdf_reader=reader, max_pages=1)
        assert ei.value.reason == "too_large"


def test_too_many_bytes(pdfs: dict[str, bytes], tmp_path: Path) -> None:
    path = write(tmp_path, "big.pdf", pdfs["single"])
    with pytest.raises(ResumeReadError, match=r"big\.pdf: \d+ bytes, more than max_bytes=100") as ei:
        read_resume(path, max_bytes=100)
    assert ei.value.reason == "too_large"
    with pytest.raises(ResumeReadError, match="more than max_bytes=10"):
        read_resume(b"x" * 11, max_bytes=10)


def test_unknown_pdf_reader() -> None:
    with pytest.raises(ValueError, match="pdf_reader must be one of"):
        read_resume(b"hello", pdf_reader="tesseract")


# --- DOCX -------------------------------------------------------------------------

def test_docx_paragraphs_and_table_in_document_order(tmp_path: Path) -> None:
    r = read_resume(write(tmp_path, "cv.docx", docx_with_table()), today=TODAY)
    assert r.format == "docx"
    assert r.lines == ("Sam Sample", "Experience", "Engineer, Acme", "2012 - 2016",
                       "Skills", "Python", "Tools", "Docker", "Education", "B.A. in History")
    assert r.years_experience == 4.0
    assert r.education[0].level == "bachelor" and r.education[0].field == "History"


def test_docx_detected_by_content_not_extension() -> None:
    r = read_resume(docx_with_table(), filename="resume.bin")
    assert r.format == "docx"


def test_zip_that_is_not_docx() -> None:
    with pytest.raises(ResumeReadError, match="^notes.docx: zip archive that is not a DOCX") as ei:
        read_resume(zip_not_docx(), filename="notes.docx")
    assert ei.value.reason == "unsupported_format"


def test_truncated_docx_is_corrupt() -> None:
    data = docx_with_table()
    with pytest.raises(ResumeReadError, match="cv.docx: ") as ei:
        read_resume(data[: len(data) // 2], filename="cv.docx")
    assert ei.value.reason == "corrupt"


# --- text -------------------------------------------------------------------------

@pytest.mark.parametrize("encoding, prefix", [
    ("utf-8", b""), ("utf-8", codecs.BOM_UTF8), ("utf-16-le", codecs.BOM_UTF16_LE),
    ("utf-16-be", codecs.BOM_UTF16_BE), ("cp1252", b""),
])
def test_text_encodings(encoding: str, prefix: bytes) -> None:
    data = prefix + TEXT_RESUME.encode(encoding)
    r = read_resume(data, filename="cv.txt", today=TODAY)
    assert r.format == "text"
    assert r.lines[0] == "Émilie Durand"
    assert "Café owner – ten years." in r.lines
    assert [s.name for s in r.sections] == ["header", "summary", "experience", "education"]
    assert r.years_experience == 8.0
    assert r.education_level == "high_school"
    assert r.contact.emails == ("emilie@example.fr",)


def test_markdown_headings() -> None:
    r = read_resume(b"# Sam\n\n## Skills\n- Python\n\n## Experience\nDev, 2019 - 2020\n",
                    filename="cv.md", today=TODAY)
    assert [s.name for s in r.sections] == ["header", "skills", "experience"]


# --- errors -----------------------------------------------------------------------

def test_missing_path(tmp_path: Path) -> None:
    missing = tmp_path / "nope.pdf"
    with pytest.raises(ResumeReadError, match=r"nope\.pdf: no such file \[not_found\]") as ei:
        read_resume(missing)
    assert ei.value.reason == "not_found"


@pytest.mark.parametrize("data, msg", [(b"", "file is empty"),
                                       (b"  \n\t\r\n ", "only whitespace")])
def test_empty(data: bytes, msg: str) -> None:
    with pytest.raises(ResumeReadError, match=msg) as ei:
        read_resume(data, filename="e.txt")
    assert ei.value.reason == "empty"


def test_whitespace_only_docx_is_empty() -> None:
    import io

    import docx

    d = docx.Document()
    d.add_paragraph("   ")
    buf = io.BytesIO()
    d.save(buf)
    with pytest.raises(ResumeReadError, match="holds no text") as ei:
        read_resume(buf.getvalue(), filename="blank.docx")
    assert ei.value.reason == "empty"


@pytest.mark.parametrize("data, reason, msg", [
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "unsupported_format", "legacy Word"),
    (b"\x89PNG\r\n\x1a\n" + b"\x00" * 100, "unsupported_format", "PNG image.*OCR"),
    (b"\xff\xd8\xff\xe0" + b"\x00" * 100, "unsupported_format", "JPEG image"),
    (bytes(range(256)) * 8, "unsupported_format", "binary data"),
    (b"PK\x03\x04garbage that is no zip", "corrupt", "zip container is damaged"),
])
def test_unsupported_and_corrupt(data: bytes, reason: str, msg: str) -> None:
    with pytest.raises(ResumeReadError, match=msg) as ei:
        read_resume(data, filename="f.bin")
    assert ei.value.reason == reason


def test_pdf_extension_without_pdf_content_is_corrupt(tmp_path: Path) -> None:
    with pytest.raises(ResumeReadError, match=r"named \.pdf does not hold a PDF") as ei:
        read_resume(write(tmp_path, "cv.pdf", b"hello, not really a pdf"))
    assert ei.value.reason == "corrupt"


def test_errors_chain_the_library_exception(pdfs: dict[str, bytes]) -> None:
    with pytest.raises(ResumeReadError) as ei:
        read_resume(pdfs["single"][:300], filename="t.pdf")
    assert ei.value.__cause__ is not None


# --- Resume methods ---------------------------------------------------------------

def test_to_dict_round_trip(pdfs: dict[str, bytes]) -> None:
    r = read_resume(pdfs["single"], filename="cv.pdf", today=TODAY)
    d = json.loads(json.dumps(r.to_dict()))
    assert d["experience"][0]["start"] == "2019-01-01"
    assert Resume.from_dict(d) == r


def test_section_text_rejects_unknown_names(pdfs: dict[str, bytes]) -> None:
    r = read_resume(pdfs["single"], filename="cv.pdf", today=TODAY)
    assert r.section_text("skills") == "Skills\nSQL, Python, Salesforce, pricing strategy"
    assert r.section_text("projects") == ""
    with pytest.raises(ValueError, match="unknown section name 'skill'"):
        r.section_text("skill")


def test_format_resume_text(pdfs: dict[str, bytes]) -> None:
    out = format_resume_text(read_resume(pdfs["single"], filename="cv.pdf", today=TODAY))
    assert "experience" in out and '"Work History"' in out
    assert "Jan 2019 – Present" in out and "Mar 2015 – May 2019" in out
    assert "6.3 years" in out
    assert "bachelor in Computer Science" in out
    assert "jane.doe@example.com" in out


@pytest.mark.parametrize("first_line, name", [
    ("Liam O'Connor (he/him)", "Liam O'Connor (he/him)"),
    ("María José García | she/her", "María José García | she/her"),
    ("Maria van der Berg, MBA", "Maria van der Berg, MBA"),
    ("# Priya Natarajan", "Priya Natarajan"),
])
def test_name_line_found_with_pronouns_particles_and_markdown(first_line, name):
    resume = read_resume(f"{first_line}\nx@example.com\n\nSummary\nBuilt things.\n".encode(),
                         filename="cv.md")
    assert resume.contact.name == name
    assert 0 in resume.contact.lines


def test_markdown_markup_is_removed_and_headings_kept():
    text = ("# Ana Ruiz\n\n## About\nI **led** the _launch_ of [our app](https://x.example/a).\n\n"
            "Experience\n----------\n### Analyst, Acme\n*Jan 2020 – Present*\n- Used `SQL`\n")
    resume = read_resume(text.encode(), filename="cv.md")
    assert "I led the launch of our app https://x.example/a." in resume.lines
    assert "Used SQL" in " ".join(resume.lines)
    assert not any(ln.startswith("#") or set(ln) == {"-"} for ln in resume.lines)
    assert [s.name for s in resume.sections][:3] == ["header", "summary", "experience"]
    assert resume.experience and resume.experience[0].current
