"""Private: a job posting as it comes (HTML, Markdown, scraped text) → sentences.

Reading steps, in order (each one pure, each tested on its own):

1. :func:`html_to_text`: HTML through :class:`html.parser.HTMLParser` (block tags and
   ``<br>`` end lines, ``<li>`` becomes a ``- `` bullet, entities decoded); plain text
   only has its entities decoded.
2. :func:`split_glued`: words that a scrape ran together where a line break was lost
   ("Microsoft ExcelStrong analytical", "QualificationsBachelor's", "timely.Monitor")
   are split onto two lines.  A camel-case word a skill name uses ("JavaScript",
   "HubSpot", the taxonomy's own spellings) is never split, nor is a one-letter prefix
   ("eCommerce", "mParticle").
3. :func:`join_wrapped`: a line wrapped in mid-sentence (the next line starts in lower
   case, or this one ends with a comma or a joining word such as "and" / "a") is joined
   to the next one, unless the next is a bullet or a heading.
4. :func:`sentences`: each line cut into sentences; a heading at the head of a
   sentence ("Qualifications: Bachelor's …") becomes its own line.

Headings are found with the résumé detector (:func:`rolematch._sections.heading_name`)
given the posting vocabulary :data:`POSTING_HEADINGS`.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from functools import lru_cache
from html.parser import HTMLParser
from pathlib import Path

from ._sections import HeadingVocabulary, heading_name

__all__ = [
    "ASKS_FOR",
    "POSTING_HEADINGS",
    "POSTING_SUFFIXES",
    "Sentence",
    "html_to_text",
    "join_wrapped",
    "posting_heading",
    "read_posting",
    "read_posting_file",
    "sentences",
    "split_glued",
]

#: Posting section names.  ``role`` is the description of the job (summary, overview).
REQUIREMENTS, PREFERRED, DUTIES, ROLE = "requirements", "preferred", "duties", "role"
COMPANY, BENEFITS, LEGAL, APPLY, OTHER = "company", "benefits", "legal", "apply", "other"

_PHRASES = {
    REQUIREMENTS: [
        "requirements", "required", "qualifications", "minimum qualifications",
        "basic qualifications", "required qualifications", "required skills", "skills",
        "skills and experience", "experience", "what you'll need", "what you need",
        "what you will need", "what you bring", "what you'll bring", "what we're looking for",
        "what we are looking for", "who you are", "about you", "you have", "must haves",
        "must have", "key skills", "knowledge skills and abilities", "education",
        "education and experience", "experience and education", "competencies",
        "job requirements", "position requirements", "qualifications and skills",
        "skills and qualifications", "the ideal candidate", "ideal candidate",
        "who we're looking for", "required experience", "requirements and qualifications",
        "qualifications and requirements", "your background", "your profile",
        "we're looking for", "we are looking for", "minimum requirements",
        "skills and abilities", "knowledge and skills", "skills and competencies",
        "experience and qualifications", "qualifications and experience",
        "education and qualifications", "required education", "required experience and skills",
        "what it takes", "what you need to succeed", "to be successful", "requirements include",
        "skills required", "job qualifications", "candidate requirements", "experience required",
        "technical skills", "key qualifications", "certifications", "licenses",
        "licenses and certifications", "certifications and licenses", "you bring",
        "you are", "is this you", "who you'll be", "your experience", "your skills"],
    PREFERRED: [
        "preferred qualifications", "preferred", "nice to have", "nice to haves",
        "nice-to-have", "nice-to-haves", "bonus", "bonus points", "bonus skills", "pluses",
        "desired", "desired skills", "desired qualifications", "desired experience",
        "preferred skills", "preferred experience", "good to have", "extra credit",
        "preferred requirements", "preferred education", "additional qualifications",
        "additional preferred qualifications", "preferred skills and experience",
        "desired skills and experience", "it's a plus if", "bonus if you have",
        "preferred competencies", "desirable", "would be nice",
        # eighth pass: what the candidate stands out by
        "what makes you stand out", "what will make you stand out", "how to stand out",
        "what sets you apart",
        "what will set you apart", "you will stand out if you have",
        "you'll stand out if you have", "we would love if you had",
        "we'd love if you had", "we would love it if you had", "it would be great if you had",
        "it would be great if you have", "even better if you have", "extra points",
        "extra points for", "ideally you have", "ideally you will have",
        "ideally you'll have"],
    DUTIES: [
        "responsibilities", "key responsibilities", "job responsibilities", "duties",
        "essential duties", "duties and responsibilities", "responsibilities and duties",
        "essential functions", "essential job functions", "what you'll do", "what you will do",
        "what you'll be doing", "what you will be doing", "your role", "in this role",
        "day to day", "a day in the life", "your impact", "job duties", "primary responsibilities",
        "main responsibilities", "principal duties", "position responsibilities",
        "job functions", "key accountabilities", "accountabilities", "tasks", "key tasks",
        "essential duties and responsibilities", "major responsibilities",
        "roles and responsibilities", "role and responsibilities", "your responsibilities",
        "what you'll work on", "what you will work on", "the work", "responsibilities include",
        "specific responsibilities", "general responsibilities", "core responsibilities"],
    ROLE: [
        "job description", "description", "position summary", "job summary", "summary",
        "overview", "position overview", "about the role", "about the position",
        "about this role", "about the job", "about this position", "the opportunity",
        "opportunity", "job overview", "role overview", "purpose", "position purpose",
        "the role", "role", "position", "the position", "role summary", "job purpose",
        "position description", "role description", "general summary", "job title"],
    COMPANY: [
        "about us", "about the company", "who we are", "our company", "company overview",
        "company description", "our mission", "mission", "our story", "our culture",
        "why join us", "why us", "why work here", "our values", "culture", "company",
        "about the team", "the team", "our team", "who are we", "company profile",
        "about the organization", "organization", "why you'll love working here",
        "life at the company", "mission and values", "our vision", "vision"],
    BENEFITS: [
        "benefits", "perks", "compensation", "salary", "pay", "what we offer", "we offer",
        "benefits and perks", "perks and benefits", "compensation and benefits",
        "total rewards", "pay range", "salary range", "schedule", "job type", "work schedule",
        "shift", "location", "work location", "hours", "what's in it for you",
        "why you'll love it here", "employee benefits", "our benefits", "rewards",
        "pay and benefits", "salary and benefits", "benefits include", "compensation range",
        "base salary", "job types", "supplemental pay", "physical setting", "work setting",
        "travel", "employment type", "position type", "hourly rate", "reports to",
        "supervises", "work hours", "start date", "duration", "workplace type"],
    LEGAL: [
        "equal opportunity", "equal opportunity employer", "eeo", "eeo statement",
        "disclaimer", "accommodation", "reasonable accommodation", "diversity",
        "diversity and inclusion", "diversity equity and inclusion", "e-verify", "notice",
        "privacy notice", "equal employment opportunity", "our commitment to diversity",
        "physical requirements", "physical demands", "working conditions", "work environment",
        "physical demands and work environment", "legal", "background check",
        "additional information", "other information", "note", "important"],
    APPLY: [
        "how to apply", "to apply", "application process", "next steps",
        "application instructions", "apply", "apply now", "interested", "contact",
        "application", "ready to apply", "how to apply for this position"],
}
_NOUNS = {"requirements": REQUIREMENTS, "qualifications": REQUIREMENTS,
          "skills": REQUIREMENTS, "experience": REQUIREMENTS, "competencies": REQUIREMENTS,
          "responsibilities": DUTIES, "duties": DUTIES, "functions": DUTIES,
          "compensation": BENEFITS,
          "overview": ROLE, "summary": ROLE, "description": ROLE}
_WEAK = {"experience", "education", "skills", "description", "summary", "overview",
         "purpose", "role", "position", "opportunity", "mission", "culture", "company",
         "organization", "vision", "pay", "salary", "schedule", "shift", "location", "hours",
         "rewards", "travel", "duration", "notice", "legal", "note", "important", "interested",
         "contact", "application", "apply", "tasks", "diversity", "accommodation", "licenses",
         "certifications", "preferred", "required", "desired", "desirable", "bonus",
         "the team", "our team", "the work", "the role", "you are", "you have", "you bring",
         "job title"}

#: Weak heading words that open their section when they are a whole line by themselves.
_ALONE = frozenset({"preferred", "required", "desired", "desirable", "bonus", "experience",
                    "education", "skills", "certifications", "licenses", "tasks"})
_PHRASES_BY_WORD = {w: name for name, ps in _PHRASES.items() for w in ps if w in _ALONE}

#: The posting vocabulary handed to the one heading detector.
POSTING_HEADINGS = HeadingVocabulary(
    phrases={p: name for name, ps in _PHRASES.items() for p in ps},
    weak=frozenset(_WEAK), nouns=_NOUNS)

_ABOUT = re.compile(r"^\W{0,4}about\s+(?!(?:the|this)\s+(?:role|job|position)\b|you\b)"
                    r"[A-Z][\w&.'’-]*(?:\s+[\w&.'’-]+){0,4}\s*:?\s*$", re.IGNORECASE)


@lru_cache(maxsize=8192)
def posting_heading(line: str) -> str | None:
    """The posting section a heading line opens ("What you'll do" → duties), or None.
    "About <company>" opens the company section."""
    if len(line) > 64:  # headings are short; long lines are never one
        return None
    line = line.replace("’", "'")
    name = heading_name(line, vocab=POSTING_HEADINGS)
    if name is not None:
        return name
    word = line.strip().strip("*#:-–—•").strip().lower()
    if word in _ALONE and line.strip()[:1].isupper():  # one section word: "Preferred"
        return _PHRASES_BY_WORD[word]
    if _ABOUT.match(line) and len(line) <= 50:
        return COMPANY
    bracketed = _BRACKETED.match(line)
    if bracketed and (outer := posting_heading(bracketed.group(1))) is not None:
        # "How To Stand Out (Bonus Skills)": the bracket names the section
        return posting_heading(bracketed.group(2)) or outer
    return _keyword_heading(line)


#: A heading followed by another naming its section in brackets.
_BRACKETED = re.compile(r"^\s*([^()]{2,40}?)\s*\(([^()]{3,40})\)\s*:?\s*$")


_TITLE_LINE = re.compile(r"^[A-Z][A-Za-z'&/,+ -]{2,58}:?$")
_KEY_HEADS = [
    (DUTIES, re.compile(r"\b(?:responsibilities|duties|outcomes|accountabilities|functions|"
                        r"what you(?:'ll| will) do)\b", re.IGNORECASE)),
    (PREFERRED, re.compile(r"\b(?:desired|preferred|nice to have|bonus|pluses|desirable)\b", re.IGNORECASE)),
    (REQUIREMENTS, re.compile(r"\b(?:requirements|required|qualifications|skills|attributes|"
                              r"competencies|experience|education|knowledge|must haves?)\b", re.IGNORECASE)),
    (BENEFITS, re.compile(r"\b(?:benefits|perks|compensation|salary)\b", re.IGNORECASE)),
    (LEGAL, re.compile(r"\b(?:equal opportunity|eeo|accommodations?|physical)\b", re.IGNORECASE)),
]


#: How a line or sentence opens when it asks for something ("Experience with Jira",
#: "Knowledge of SQL", "Ability to read blueprints", "Must have a license"): a
#: requirement, not a heading (:func:`_keyword_heading`), wherever it sits
#: (``_posting_classify``). "Summary of Qualifications" is none.
ASKS_FOR = re.compile(
    r"^\W*(?:the )?(?:ability to|able to|must (?:have|be able)|"
    r"(?:experience|experienced|knowledge|proficiency|proficient|familiarity|familiar|"
    r"expertise|understanding|background|fluency|skills|skilled) "
    r"(?:with|of|in|using|on|working))\b",
    re.IGNORECASE,
)


#: A line that ends by saying how much its own words are asked for, after two words
#: or more ("Previous Sales Experience A Plus", "Sales Experience Preferred"), states
#: a requirement; a heading names the cue first ("Preferred Qualifications") or names
#: only sections before it (:data:`_SECTIONS_CUED`).
_CUE_END = r"\s(?:a plus|is a plus|preferred|required|desired|a must)$"
_CUED_LINE = re.compile(r"^\S+\s+\S+.*" + _CUE_END, re.IGNORECASE)
_SECTION_NOUN = (
    r"(?:qualifications|requirements|experience|education|skills|knowledge|abilities|"
    r"certifications|licenses|licensure|competencies|training)"
)
#: A cued line that is a heading all the same: section nouns alone before the cue
#: ("Minimum Qualifications Required", "Education and Experience Preferred").
_SECTIONS_CUED = re.compile(
    r"^(?:(?:minimum|additional|other|special|basic|general)\s+)?" + _SECTION_NOUN
    + r"(?:\s*(?:,\s*(?:and\s+)?|and\s+|&\s*|/\s*)" + _SECTION_NOUN + r")*" + _CUE_END,
    re.IGNORECASE,
)


def _keyword_heading(line: str) -> str | None:
    """A short title-case line naming a section ("Desired Skills For Analyst Roles")."""
    core = line.strip().strip("*#:").strip()
    words = core.split()
    if not 1 < len(words) <= 7 or not _TITLE_LINE.match(core):
        return None
    if ASKS_FOR.match(core) and not line.rstrip().endswith(":"):
        return None  # "Experience with Active Directory", "Knowledge of SQL": a requirement
    if not line.rstrip().endswith(":") and _CUED_LINE.search(core) and not _SECTIONS_CUED.match(core):
        return None  # "PREVIOUS SALES EXPERIENCE A PLUS": a requirement saying how much
    if not all(w[0].isupper() or w.lower() in ("and", "of", "for", "to", "the", "in", "&",
                                               "a", "with", "you", "we", "our", "-")
               for w in words):
        return None
    return next((name for name, rx in _KEY_HEADS if rx.search(core)), None)


#: Requirement headings that only name a kind of thing: under "Preferred
#: Qualifications", an "Experience:" or "Education:" heading stays preferred.
_SUBHEADINGS = {"experience", "education", "skills", "knowledge", "certifications",
                "licenses", "technical skills", "work experience", "competencies",
                "skills and abilities", "education and experience", "experience and education"}


def _next_section(line: str, name: str, current: str) -> str:
    key = " ".join(re.findall(r"[a-z]+", line.lower()))
    if name == REQUIREMENTS and current == PREFERRED and key in _SUBHEADINGS:
        return PREFERRED
    return name


# --------------------------------------------------------------------------- 1. HTML
_BLOCK = {"p", "div", "section", "article", "header", "footer", "ul", "ol", "table", "tr",
          "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "dl", "dt", "dd", "hr"}
_LOOKS_HTML = re.compile(r"<(?:p|br|li|ul|ol|div|h[1-6]|strong|b|span|table|html|body|head|script|style|section|article|tr|td|th|em|i)\b[^>]{0,200}>", re.IGNORECASE)


#: Elements whose text is not the page's: code, styles, and the head's <title> (a
#: saved page's "Careers | Company" would otherwise become the posting's title).
_HIDDEN = ("script", "style", "title", "noscript", "template")


class _TextParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in _HIDDEN:
            self._skip += 1
        elif tag == "br":
            self.out.append("\n")
        elif tag == "li":
            self.out.append("\n- ")
        elif tag in _BLOCK:
            self.out.append("\n")

    def handle_startendtag(self, tag: str, attrs: list) -> None:
        if tag not in _HIDDEN:  # a self-closed "<script src=… />" hides nothing after it
            self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag in _HIDDEN:
            self._skip = max(0, self._skip - 1)
        elif tag in _BLOCK or tag == "li":
            self.out.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.out.append(data)


def html_to_text(text: str) -> str:
    """Visible text of an HTML posting, one block or list item a line; other text
    with its character entities decoded."""
    if not _LOOKS_HTML.search(text):
        return html.unescape(text) if "&" in text else text
    parser = _TextParser()
    parser.feed(text)
    parser.close()
    lines = (" ".join(ln.split()) for ln in "".join(parser.out).split("\n"))
    return "\n".join(ln for ln in lines if ln)


# --------------------------------------------------------------------------- 2. glued words
_CAMEL = re.compile(r"\b(?=[A-Za-z'’]*[a-z][A-Z])[A-Za-z'’]+")
#: Where a line break was lost: the kept text is group 1, a break goes after it.  Each
#: pattern starts by consuming characters so that the scan is quick.
_GLUE = [re.compile(p) for p in (
    r"([a-z)\]]{2}[.!?;:])(?=[A-Z][a-zA-Z])",                 # "manner.Monitor"
    r"([a-z]{2}[)\]])(?=[A-Z][a-z])",                          # "(CRM)Strong"
    r"([a-z]{3})(?=\d{1,2}\+?(?:\s*[-–]\s*\d{1,2}\+?)?\s*[Yy](?:ears?|rs?)\b)",  # "Experience3-5 years"
    r"([a-z]{3})(?=\d{1,2}\.(?:\s|$))",                       # "years3." (a glued list number)
    r"(\d)(?=[A-Z][a-z]{3,})",                                 # "$25Schedule"
    r"([A-Z]{2})(?=[A-Z][a-z]{3,})",                           # "SQLExperience"
    r"([A-Za-z][+#]+)(?=[A-Z][a-z]{3,})",                      # "C++Previous", "C#Strong"
)]
_PIECE = re.compile(r"[A-Z]*[a-z'’]+|[A-Z]+(?![a-z])")
_KEEP = ("JavaScript", "TypeScript", "PowerPoint", "LinkedIn", "QuickBooks", "HubSpot",
         "YouTube", "WordPress", "SharePoint", "GitHub", "GitLab", "PostgreSQL", "MySQL",
         "DevOps", "NetSuite", "FedEx", "PayPal", "MailChimp", "ZoomInfo", "SolidWorks",
         "AutoCAD", "McDonald", "MacBook", "iPhone", "iPad", "OneDrive", "OneNote",
         "SalesForce", "TikTok", "WhatsApp", "SendGrid", "BigQuery", "DynamoDB", "MongoDB",
         "NoSQL", "GraphQL", "OpenAI", "ChatGPT", "SaaS", "PaaS", "IaaS", "DoD", "DevSecOps",
         "SecOps", "FinOps", "MLOps", "DataOps", "RevOps", "SalesOps", "PhD", "PhDs",
         "DeVry", "McKinsey", "LeBron", "JetBrains", "IntelliJ", "PyTorch", "TensorFlow",
         "NumPy", "SciPy", "FinTech", "HealthTech", "EdTech", "AdTech", "MarTech", "InDesign",
         "ProTools", "ServiceNow", "SuccessFactors", "WorkDay", "ZipRecruiter", "GoLang")


@lru_cache(maxsize=1)
def _camel_words() -> frozenset[str]:
    """Lower-case camel-case spellings that are one word: the taxonomy's own
    ("HubSpot", "ActionScript", …) and a short list of common names."""
    from .taxonomy import Taxonomy

    words = {w.lower() for w in _KEEP}
    for skill in Taxonomy.default():
        for term in skill.terms:
            for w in re.findall(r"[A-Za-z]+", term):
                if re.search(r"[a-z][A-Z]", w):
                    words.add(w.lower())
    return frozenset(words)


def _split_camel(word: str, keep: frozenset[str]) -> str:
    pieces = _PIECE.findall(word)
    if len("".join(pieces)) != len(word) or len(pieces) < 2:
        return word
    out: list[str] = []
    i = 0
    while i < len(pieces):
        for j in range(len(pieces), i + 1, -1):  # longest run of pieces that is one word
            if "".join(pieces[i:j]).lower().strip("'’") in keep:
                out.append("".join(pieces[i:j]))
                i = j
                break
        else:
            out.append(pieces[i])
            i += 1
    merged = [out[0]]
    for p in out[1:]:  # a one-letter prefix stays ("eCommerce", "mParticle")
        if len(merged[-1]) == 1 and merged[-1].islower():
            merged[-1] += p
        else:
            merged.append(p)
    return "\n".join(merged)


def split_glued(text: str) -> str:
    """Put a line break where a scrape ran two lines together."""
    keep = _camel_words()
    text = _CAMEL.sub(lambda m: _split_camel(m.group(), keep), text)
    for rx in _GLUE:
        text = rx.sub("\\1\n", text)
    return text


# --------------------------------------------------------------------------- 3. wrapped lines
_BULLET = re.compile(r"^\s*(?:[-*•·▪◦●►➢✓○§–—]|\d{1,2}[.)]|[a-z][.)])\s+")
_JOINER = re.compile(r"(?:[,(/&+–-]|\b(?:and|or|of|with|including|a|an|the|to|in|for|on|"
                     r"at|by|as|such as|from|into|our|your|their|is|are|be|will|must)|"
                     r"\b(?:e\.g|i\.e|etc)\.?)\s*$", re.IGNORECASE)


def _is_bullet(line: str) -> bool:
    return bool(_BULLET.match(line))


def join_wrapped(lines: list[str]) -> list[str]:
    """Join lines wrapped in mid-sentence; bullets and headings stay on their own."""
    out: list[str] = []
    for raw in lines:
        line = raw.strip()
        if not line:
            out.append("")
            continue
        if out and out[-1] and not _is_bullet(line) and posting_heading(line) is None \
                and posting_heading(out[-1]) is None:
            prev = out[-1]
            if line[0].islower() or _JOINER.search(prev):
                glue = "" if re.search(r"[a-z]-$", prev) and line[0].islower() else " "
                out[-1] = prev + glue + line
                continue
        out.append(line)
    return out


# --------------------------------------------------------------------------- 4. sentences
@dataclass(frozen=True)
class Sentence:
    """One sentence of the posting, under the section it sits in."""

    text: str
    section: str          # a posting section name, "other" before any heading
    heading: bool = False  # the sentence is a heading line
    bullet: bool = False


_ABBREV = re.compile(r"(?:\b(?:e\.g|i\.e|etc|inc|co|ltd|corp|llc|vs|no|dr|mr|mrs|ms|jr|sr|st|"
                     r"approx|dept|min|max|est|u\.s|a\.m|p\.m)|\b[A-Z])\.$", re.IGNORECASE)
_SENT_END = re.compile(r"(?<=[.!?])[\"'’”)]*\s+(?=[\"'“(]?[A-Z0-9•])")
_INLINE_HEAD = re.compile(r"^\s*([A-Z][^:.!?\n]{1,48}?)\s*[:–—]\s+(?=\S)")


def _cut_sentences(line: str) -> list[str]:
    parts: list[str] = []
    start = 0
    for m in _SENT_END.finditer(line):
        head = line[start:m.start()].rstrip()
        if _ABBREV.search(head):
            continue
        parts.append(line[start:m.start()].strip())
        start = m.end()
    parts.append(line[start:].strip())
    return [p for p in parts if p]


#: Headings that label one value ("Location: Boston, MA", "Duration: 6 months"): their
#: section covers the next line only, then the section before them goes on.
_META = {"location", "work location", "duration", "schedule", "work schedule", "shift",
         "hours", "work hours", "job type", "job types", "employment type", "position type",
         "start date", "travel", "reports to", "supervises", "workplace type", "hourly rate",
         "pay", "salary", "pay range", "salary range", "base salary", "compensation range",
         "physical setting", "work setting", "job title", "title"}


def _heading_key(line: str) -> str:
    return " ".join(re.findall(r"[a-z]+", line.lower()))


class _Sections:
    """The section in force while reading, one heading after another."""

    def __init__(self) -> None:
        self.section = OTHER
        self._restore: str | None = None

    def heading(self, line: str, name: str) -> str:
        meta = _heading_key(line) in _META
        before = self._restore if self._restore is not None else self.section
        self.section = _next_section(line, name, self.section)
        self._restore = before if meta else None
        return self.section

    def line_done(self) -> None:
        if self._restore is not None:
            self.section, self._restore = self._restore, None


def sentences(lines: list[str]) -> list[Sentence]:
    """Every sentence with the section it sits in (headings found inside lines too: a
    sentence that is a heading on its own, or one heading the sentence: "Skills: …")."""
    out: list[Sentence] = []
    state = _Sections()
    for line in lines:
        if not line:
            continue
        name = posting_heading(line)
        if name is not None:
            out.append(Sentence(line, state.heading(line, name), heading=True))
            continue
        bullet = _is_bullet(line)
        body = _BULLET.sub("", line) if bullet else line
        for k, sent in enumerate(_cut_sentences(body)):
            if k and (name := posting_heading(sent)) is not None:
                out.append(Sentence(sent, state.heading(sent, name), heading=True))
                continue
            m = _INLINE_HEAD.match(sent)
            if m and (name := posting_heading(m.group(1) + ":")) is not None:
                out.append(Sentence(m.group(1), state.heading(m.group(1), name), heading=True))
                sent = sent[m.end():]
            out.append(Sentence(sent, state.section, bullet=bullet and k == 0))
        state.line_done()
    return out


#: A list bullet inside a line, where a scrape lost the line breaks: a middle dot or
#: bullet anywhere, an asterisk after a sentence end or between spaces before a capital,
#: a hyphen glued to a sentence end or a word before a capital ("Benefits:- Paid time
#: off- Dental", "…required.- Experience in sales"; not "E-Verify", "COVID-19",
#: "Monday- Friday", "(e.g.- Jenkins"); nor a hyphen after an abbreviation of
#: capitals ("U.S.-Based") or of a day or month ("Mon- Fri", "Sept- Dec": a range).
_SHORT_DAYS = ("Mon", "Tue", "Tues", "Wed", "Thu", "Thur", "Thurs", "Fri", "Sat", "Sun",
               "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct",
               "Nov", "Dec")
_INLINE_BULLET = re.compile(
    r"\s*[·•▪●]\s*(?=\S)|(?<=[:.;!?])(?<!e\.g\.)(?<!i\.e\.)(?<![.\s][A-Z]\.)\s*[*-]\s*(?=[A-Z])|"
    r"\s+\*\s+(?=[A-Z])|(?<=[a-z)])(?<!day)"
    + "".join(rf"(?<!\b{d})" for d in _SHORT_DAYS)
    + r"-\s+(?=[A-Z][a-z])"
)


def read_posting(text: str) -> list[Sentence]:
    """A posting's text, as it comes, as classified-ready sentences."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ")
    text = split_glued(html_to_text(text))
    text = re.sub(r"^[#>]+\s*|[*_`]{2,}", "", text, flags=re.MULTILINE)
    text = _INLINE_BULLET.sub("\n- ", text)
    return sentences(join_wrapped(text.split("\n")))


#: Posting files: what :func:`rolematch.read_resume` reads, and saved web pages (their
#: markup goes to :func:`read_posting` as it is, so lists and ``<br>`` keep their lines).
POSTING_SUFFIXES = (".txt", ".md", ".pdf", ".docx", ".html", ".htm")
_HTML_SUFFIXES = (".html", ".htm")
_MAX_POSTING_BYTES = 10_000_000


def read_posting_file(path: Path) -> str:
    """A posting file's text: an HTML page decoded as it is, any other format through
    the résumé reader (PDF, DOCX, text).  Errors name the file and the reason."""
    from ._files import load
    from .documents import decoded_text, read_resume

    if path.suffix.lower() not in _HTML_SUFFIXES:
        return read_resume(path).text
    data, name = load(path, None, _MAX_POSTING_BYTES)
    # a page with nothing to read is the profiler's "the job posting is empty", naming
    # the file, as for any other format: no second parse here
    return decoded_text(data, name, "an HTML page")
