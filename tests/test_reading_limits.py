"""Issue 16 reading items: one default reader with a text-quality check, reads bounded
by the size limit, page counts from real pages, job dates in many forms, the
"no job dates" note, a résumé written as one line."""

from __future__ import annotations

import inspect
import io
from datetime import date

import pytest

from benchmarks import _hostile as H
from rolematch import _pdf
from rolematch._clean import PageLine, is_garbled, text_quality
from rolematch.documents import (DEFAULT_PDF_READER, MAX_CHARS, MAX_LINES, NO_JOB_DATES,
                                 read_resume)
from rolematch.errors import ResumeReadError

TODAY = date(2024, 6, 15)
READERS = ["pdfminer", "pdfium", "auto"]


# --- one default reader; garbled text ---------------------------------------------------

def test_auto_is_the_one_default_reader():
    assert DEFAULT_PDF_READER == "auto"
    assert inspect.signature(read_resume).parameters["pdf_reader"].default == DEFAULT_PDF_READER


def test_text_quality_tells_words_from_glyph_soup():
    good = H.GOOD_TEXT.splitlines() * 3
    assert text_quality(good) > 0.9 and not is_garbled(good)
    assert is_garbled(H.glyph_soup())
    assert text_quality(["SQL", "Python"]) is None  # too little to judge
    assert is_garbled(["\ufffd\ufffd \ue000\ue001 " * 20])  # replacement and private-use


@pytest.mark.parametrize("reader", READERS)
def test_a_garbled_pdf_is_refused_by_every_reader(reader):
    with pytest.raises(ResumeReadError, match="does not read as words") as ei:
        read_resume(H.garbled_pdf(), filename="g.pdf", pdf_reader=reader)
    assert ei.value.reason == "garbled_text"


def test_garbage_text_is_refused():
    data = "\n".join(H.glyph_soup()).encode()
    with pytest.raises(ResumeReadError) as ei:
        read_resume(data, filename="g.txt")
    assert ei.value.reason == "garbled_text"


@pytest.mark.parametrize("reader", ["pdfium", "auto"])
def test_garbled_text_from_one_reader_falls_back_to_the_other(monkeypatch, reader):
    soup = _pdf.PdfPages((tuple(PageLine(ln, 0.1, 0.12) for ln in H.glyph_soup()),), 1)
    monkeypatch.setattr(_pdf, "read_pdf_pdfium", lambda data, name, max_pages: soup)
    r = read_resume(H.text_pdf(), filename="cv.pdf", pdf_reader=reader)
    assert r.lines[0] == "Jordan Avery"  # pdfminer's reading


# --- bounded by the size limit -----------------------------------------------------------

def test_millions_of_short_lines_are_cut_and_noted():
    r = read_resume(b"a\n" * 1_000_000, filename="x.txt")
    assert len(r.lines) == MAX_LINES
    assert f"text cut at {MAX_CHARS} characters" in r.notes


def test_a_long_single_line_is_cut_at_the_character_limit():
    r = read_resume(b"sql " * 200_000, filename="x.txt")
    assert len(r.text) <= MAX_CHARS and any("characters" in n for n in r.notes)


def test_a_short_resume_is_not_cut():
    r = read_resume(H.GOOD_TEXT.encode(), filename="x.txt", today=TODAY)
    assert not any("cut" in n for n in r.notes)


@pytest.mark.parametrize("reader", READERS)
def test_a_page_count_claiming_a_million_pages_reads_its_real_page(reader):
    r = read_resume(H.count_lie_pdf(), filename="cv.pdf", pdf_reader=reader, today=TODAY)
    assert r.pages == 1 and r.lines[0] == "Jordan Avery"


@pytest.mark.parametrize("reader", READERS)
def test_too_many_real_pages_are_still_refused(reader):
    with pytest.raises(ResumeReadError, match="more than max_pages=30") as ei:
        read_resume(H.text_pdf(pages=40), filename="cv.pdf", pdf_reader=reader)
    assert ei.value.reason == "too_large"


# --- dates written in many ways ----------------------------------------------------------

DATED_LINES = [
    ("Store Manager, Fresh Foods", "2021 till now", 3.5),
    ("Shift Lead, Fresh Foods", "since 2018", 6.5),
    ("Clerk, Corner Shop", "2015 ‒ 2017", 2.0),
    ("Clerk, Corner Shop", "2015 ― 2017", 2.0),
    ("Clerk, Corner Shop", "2015 ~ 2017", 2.0),
    ("Clerk, Corner Shop", "2015 to 2017", 2.0),
    ("Clerk, Corner Shop", "2015 2017", 2.0),
    ("Cashier, Corner Shop", "Sept. 2019 – Aug. 2021", 2.0),
    ("Cashier, Corner Shop", "09/2019 - 08/2021", 2.0),
    ("Cashier, Corner Shop", "2019.09 - 2021.08", 2.0),
]


def _text_resume(title: str, dates: str) -> str:
    return (f"Sam Taylor\nsam@example.com\n\nExperience\n{title}\n{dates}\n"
            "- Ran the store.\n\nEducation\nBachelor of Arts in History, 2012\n")


@pytest.mark.parametrize("title, dates, years", DATED_LINES,
                         ids=[d for _, d, _ in DATED_LINES])
def test_text_resume_dates_in_many_forms(title, dates, years):
    r = read_resume(_text_resume(title, dates).encode(), filename="cv.txt", today=TODAY)
    assert len(r.experience) == 1, r.lines
    assert abs(r.years_experience - years) <= 0.5
    assert r.education_level == "bachelor"
    assert NO_JOB_DATES not in r.notes


def _docx(lines: list[str]) -> bytes:
    import docx

    d = docx.Document()
    for line in lines:
        d.add_paragraph(line)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def test_docx_resume_with_unusual_dates_and_degree():
    lines = ["Alex Morgan", "alex@example.com", "WORK EXPERIENCE",
             "Operations Lead, Globex", "2021 till now", "• Ran the night shift.",
             "Supervisor, Initech", "Jan-2017 – Dec-2020", "• Scheduling.",
             "Clerk, Acme", "2014 2016", "EDUCATION", "Master of Business Administration",
             "Bachelor of Science in Biology, 2013"]
    r = read_resume(_docx(lines), filename="cv.docx", today=TODAY)
    assert [e.current for e in r.experience] == [True, False, False]
    assert abs(r.years_experience - (3.5 + 4.0 + 2.0)) <= 0.5
    assert r.education_level == "master"


def test_a_resume_on_one_line_is_split_at_headings_and_dates():
    one = ("Sam Taylor sam@example.com SUMMARY Store manager with eight years in retail. "
           "EXPERIENCE Store Manager, Fresh Foods Jan 2019 – Present Ran a team of twelve "
           "and the ordering. Assistant Manager, Corner Shop 03/2016 to 12/2018 Scheduling "
           "and cash handling. EDUCATION Bachelor of Arts in History, State University, "
           "2015 SKILLS Scheduling, inventory, cash handling")
    r = read_resume(one.encode(), filename="cv.txt", today=TODAY)
    assert [s.name for s in r.sections][1:] == ["summary", "experience", "education", "skills"]
    assert len(r.experience) == 2
    assert abs(r.years_experience - (5.5 + 2.83)) <= 0.5
    assert r.education_level == "bachelor"


def test_long_paragraphs_with_heading_words_in_sentences_are_not_split():
    para = ("Experience in retail operations and scheduling across many stores. Education "
            "of new staff was my job. Training: none. ") * 4
    text = "Sam Taylor\nSummary\n" + para + "\n" + para + "\n"
    r = read_resume(text.encode(), filename="cv.txt")
    assert len(r.lines) == 4


def test_no_job_dates_is_noted():
    r = read_resume(b"Sam Taylor\n\nExperience\nStore Manager, Fresh Foods\n- Ran the store.\n",
                    filename="cv.txt", today=TODAY)
    assert r.years_experience == 0.0 and NO_JOB_DATES in r.notes
    assert NO_JOB_DATES in r.from_dict(r.to_dict()).notes


def test_an_oversized_docx_part_is_streamed_and_cut(monkeypatch):
    from rolematch import _docx

    monkeypatch.setattr(_docx, "STREAM_ABOVE", 1000)
    for table in (False, True):
        r = read_resume(H.big_docx(MAX_LINES + 50, table=table), filename="cv.docx")
        assert len(r.lines) == MAX_LINES and f"text cut at {MAX_LINES} lines" in r.notes


def test_a_streamed_docx_reads_like_a_loaded_one(monkeypatch):
    from rolematch import _docx

    loaded = read_resume(H.good_docx(), filename="cv.docx", today=TODAY)
    monkeypatch.setattr(_docx, "STREAM_ABOVE", 0)
    streamed = read_resume(H.good_docx(), filename="cv.docx", today=TODAY)
    assert streamed.lines == loaded.lines


def test_a_range_written_over_three_lines():
    text = ("Sam Taylor\n\nExperience\nApril 2015\nto\nCurrent\nTeacher, City School\n- Taught.\n"
            "2010 –\n2012\nClerk, Acme\n")
    r = read_resume(text.encode(), filename="cv.txt", today=TODAY)
    assert [(e.start, e.end, e.current) for e in r.experience] == [
        (date(2015, 4, 1), None, True), (date(2010, 1, 1), date(2012, 1, 1), False)]


def test_a_full_width_dash_read_as_cp1252_is_a_dash():
    from rolematch._clean import normalize_chars

    assert normalize_chars("09/2015 ï¼\x8d Current") == "09/2015 – Current"
    assert normalize_chars("09/2015 ï¼ Current") == "09/2015 – Current"
    assert normalize_chars("naïve café") == "naïve café"


def test_jobs_under_another_heading_count_when_the_experience_section_has_none():
    text = ("Sam Taylor\n\nWork History\nScheduling\nInventory\n\nPresentations\n"
            "Store Manager 07/2011 to 06/2016\n- Ran the store.\n\nEducation\nBA, 2010\n")
    r = read_resume(text.encode(), filename="cv.txt", today=TODAY)
    assert len(r.experience) == 1 and r.years_experience == 5.0


@pytest.mark.parametrize("line, level", [
    ("MS - HRM : Human Resources 2007", "master"),
    ("High SchoolDiploma, 2004", "high_school"),
    ("B.A : Marketing 2005", "bachelor"),
    ("AS : Business Management", "associate"),
    ("Associate ofScience : Business, 2012", "associate"),
    ("BSBA : Human Resource Management 2011", "bachelor"),
    ("Master's Certificate : Project Management, 2006", None),
    ("Worked in MS Excel daily", None),
])
def test_degree_forms(line, level):
    from rolematch._sections import degree_of

    found = degree_of(line)
    assert (found[0] if found else None) == level


def test_a_degree_in_progress_is_not_counted():
    text = ("Sam Taylor\n\nEducation\nMBA : Finance, State University, in progress\n"
            "Bachelor of Arts in History, 2010\n")
    r = read_resume(text.encode(), filename="cv.txt")
    assert r.education_level == "bachelor"


def test_the_content_limit_counts_text_drawing_not_images():
    from rolematch._pdf import check_inflated_size

    check_inflated_size(H.image_only_pdf(), "img.pdf", 1 << 20, 2000)  # a 4 KB image: fine
    check_inflated_size(H.dense_pdf(100_000), "dense.pdf", 1 << 20, 200_000)
    with pytest.raises(ResumeReadError, match="drawing instructions") as ei:
        check_inflated_size(H.dense_pdf(100_000), "dense.pdf", 1 << 20, 50_000)
    assert ei.value.reason == "too_large"
    raw = H.pdf_with_content(b"BT (x) Tj ET " * 10_000, flate=False)  # stored, not deflated
    with pytest.raises(ResumeReadError, match="drawing instructions"):
        check_inflated_size(raw, "raw.pdf", 1 << 20, 50_000)


def test_heading_name_takes_another_vocabulary():
    from rolematch._sections import RESUME_HEADINGS, HeadingVocabulary, heading_name

    duties = HeadingVocabulary({"what you will do": "duties"}, frozenset(), {})
    assert heading_name("What You Will Do:", duties) == "duties"
    assert heading_name("What You Will Do:") is None
    assert heading_name("Work Experience", RESUME_HEADINGS) == "experience"
    assert heading_name("what you will do", duties) is None  # lower-case start: a sentence


def test_the_read_command_text_shows_the_notes():
    from rolematch.documents import format_resume_text

    r = read_resume(b"Sam Taylor\n\nSkills\nSQL\n", filename="cv.txt")
    assert NO_JOB_DATES in format_resume_text(r)


def test_contact_links_and_phones_come_from_privacy():
    from rolematch import _sections
    from rolematch._privacy import find_phones, find_urls

    assert find_urls("see linkedin.com/in/jane, www.x.org.") == ["linkedin.com/in/jane", "www.x.org"]
    assert find_urls("Node.js/React and A/B tests") == []
    assert find_phones("Call +1 (555) 201-7788 today") == ["+1 (555) 201-7788"]
    assert not hasattr(_sections, "_PHONE") and not hasattr(_sections, "_URL")
