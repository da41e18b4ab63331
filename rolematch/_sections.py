"""Clean lines → sections, experience entries, education, contact details.

Heading rule: a heading is a short line (at most 6 words, 50 characters, no sentence
punctuation, no digits) whose words, once lower-cased and stripped of a trailing colon,
bullets and "&"/"and"/"of" fillers, form a known heading phrase (:data:`_HEADINGS`) or
end in a heading noun ("experience", "skills", "education", …) after at most three
qualifier words.  "Accomplishments" and "Awards" go to ``other`` (they list results,
which scoring should not read as a skills list); "Highlights", "Qualifications" and
"Core Competencies" go to ``skills``, as on most résumé templates.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ._dates import DateRange, find_date_range, find_split_range
from ._privacy import EMAIL, STREET_ADDRESS, find_phones, find_urls

__all__ = ["heading_name", "HeadingVocabulary", "RESUME_HEADINGS", "find_headings",
           "split_run_on", "split_sections", "find_experience", "find_education",
           "find_contact", "is_personal_line", "PERSONAL_LINE"]

_S, _X, _E, _K, _C, _P, _O = ("summary", "experience", "education", "skills",
                              "certifications", "projects", "other")

_HEADINGS: dict[str, str] = {}
for _name, _phrases in {
    _S: ["summary", "professional summary", "profile", "professional profile", "objective",
         "career objective", "executive summary", "summary of qualifications",
         "qualifications summary", "career summary", "career overview", "overview",
         "about me", "about", "personal statement", "executive profile", "personal profile",
         "professional overview", "introduction", "career focus", "career profile",
         "summary statement", "objective statement", "professional objective",
         "summary profile", "profile summary", "executive overview"],
    _X: ["experience", "work experience", "work history", "professional experience",
         "employment", "employment history", "career history", "relevant experience",
         "professional history", "work", "experience details", "professional background",
         "related experience", "teaching experience", "research experience",
         "industry experience", "employment experience", "military experience",
         "leadership experience", "volunteer experience", "internships", "internship",
         "career experience", "positions held", "professional employment",
         "experience history", "clinical experience", "management experience"],
    _E: ["education", "education and training", "training and education", "academic background",
         "educational background", "academic qualifications", "educational qualifications",
         "academic history", "education history", "academics", "education details",
         "academic profile", "education and certifications", "education and credentials",
         "academic credentials", "educational history", "training", "schooling",
         "education background", "formal education", "academic training",
         "education and professional development", "degrees", "education and coursework",
         "relevant coursework", "coursework"],
    _K: ["skills", "technical skills", "core competencies", "highlights", "skill highlights",
         "qualifications", "key skills", "areas of expertise", "expertise", "competencies",
         "computer skills", "skills summary", "summary of skills", "skill set", "skillset",
         "core skills", "professional skills", "key competencies", "technical proficiencies",
         "proficiencies", "technologies", "tools", "software", "strengths", "key strengths",
         "abilities", "technical expertise", "areas of strength", "core qualifications",
         "skills and abilities", "technical competencies", "it skills", "relevant skills",
         "specialized skills", "additional skills", "technical summary", "software skills",
         "key qualifications", "professional qualifications", "summary of qualifications and skills",
         "skills and expertise", "skills and competencies", "hard skills", "soft skills",
         "computer proficiency", "technical skill set", "knowledge base",
         "areas of knowledge", "technical knowledge", "core strengths"],
    _C: ["certifications", "certification", "certificates", "licenses", "license",
         "licenses and certifications", "certifications and licenses", "credentials",
         "licensure", "professional certifications", "certifications and training",
         "training and certifications", "licenses and certificates",
         "certificates and licenses", "accreditations", "professional licenses"],
    _P: ["projects", "personal projects", "key projects", "academic projects",
         "selected projects", "project experience", "project", "side projects",
         "notable projects", "project highlights", "open source",
         "open source and community", "open source contributions", "community involvement",
         "open source community"],
    _O: ["interests", "additional information", "languages", "awards", "honors",
         "honors and awards", "awards and honors", "accomplishments", "achievements",
         "key achievements", "activities", "volunteer", "volunteering", "volunteer work",
         "community service", "affiliations", "professional affiliations", "memberships",
         "professional memberships", "publications", "presentations", "references",
         "hobbies", "hobbies and interests", "personal interests", "personal information",
         "personal details", "military service", "extracurricular activities",
         "leadership", "community involvement", "professional development",
         "conferences", "research", "patents", "associations", "additional skills and interests",
         "other", "miscellaneous", "personal", "recognition", "volunteer activities",
         "professional activities", "community", "service", "additional", "organizations",
         "declaration", "attributes", "links"],
}.items():
    for _p in _phrases:
        _HEADINGS[_p] = _name

# Words that head a section on some résumés but are list items on others ("Skills:
# Leadership, Research"): headings only when written in capitals or with a colon.
_WEAK = {"leadership", "research", "training", "software", "tools", "technologies", "service",
         "community", "work", "links", "other", "additional", "personal", "strengths",
         "abilities", "expertise", "proficiencies", "attributes", "volunteer", "about",
         "introduction", "project", "internship", "overview",
         "miscellaneous", "declaration", "organizations", "recognition", "conferences",
         "patents", "associations", "schooling", "academics"}

_HEAD_NOUNS = {"experience": _X, "history": _X, "employment": _X, "education": _E,
               "skills": _K, "competencies": _K, "proficiencies": _K, "highlights": _K,
               "qualifications": _K, "expertise": _K, "training": _E, "strengths": _K,
               "coursework": _E, "summary": _S, "profile": _S,
               "objective": _S, "certifications": _C, "licenses": _C, "certificates": _C,
               "projects": _P, "awards": _O, "interests": _O, "accomplishments": _O,
               "achievements": _O, "publications": _O, "activities": _O, "affiliations": _O,
               "languages": _O, "honors": _O, "references": _O}
_FILLERS = {"and", "&", "of", "/", "the", "my", "+", "-", "–", "|"}


@dataclass(frozen=True)
class HeadingVocabulary:
    """What :func:`heading_name` knows: heading phrases → section names, words that
    are headings only in capitals or with a colon, and heading nouns that end a
    qualified heading ("Relevant Work *Experience*")."""

    phrases: Mapping[str, str]
    weak: frozenset[str]
    nouns: Mapping[str, str]


#: The résumé vocabulary (the default); postings have their own
#: (:data:`rolematch._posting_read.POSTING_HEADINGS`).
RESUME_HEADINGS = HeadingVocabulary(_HEADINGS, frozenset(_WEAK), _HEAD_NOUNS)
_HEADING_CHARS = re.compile(r"^[A-Za-zÀ-ÿ&/+,'’ \t|–-]{2,50}$")
_STRIP = re.compile(r"^[\s•*#=_~>\-–—]{0,8}|[\s:•*#=_~\-–—.]{0,8}$")
_WORD = re.compile(r"[a-zà-ÿ']+|&|/|\+")


def heading_name(line: str, vocab: HeadingVocabulary = RESUME_HEADINGS) -> str | None:
    """The section a heading line opens, or None when the line is not a heading: the
    one heading detector, for résumés and (with their own ``vocab``) postings."""
    core = _STRIP.sub("", line)
    if not core or len(core) > 50 or not _HEADING_CHARS.match(core):
        return None
    if core[0].islower():
        return None
    words = _WORD.findall(core.lower())
    if not words or len(words) > 7:
        return None
    key = " ".join(w for w in words if w not in ("&", "/", "+"))
    key2 = " ".join(w for w in words if w not in _FILLERS)
    if key in vocab.weak and not (core.isupper() or line.rstrip().endswith(":")):
        return None
    for k in (key, key2, key.replace("&", "and")):
        if k in vocab.phrases:
            return vocab.phrases[k]
    content = [w for w in words if w not in _FILLERS]
    if 1 <= len(content) <= 4 and content[-1] in vocab.nouns:
        # a qualified heading ("Relevant Work Experience"): title case or caps only
        letters = [w for w in core.split() if w[:1].isalpha()]
        if all(w[0].isupper() or w.lower() in _FILLERS for w in letters):
            return vocab.nouns[content[-1]]
    return None


def find_headings(lines: Sequence[str]) -> list[tuple[int, str]]:
    """(line index, section name) of every heading line."""
    return [(i, name) for i, ln in enumerate(lines) if (name := heading_name(ln)) is not None]


def split_sections(lines: Sequence[str]) -> list[tuple[str, str, int, int]]:
    """(name, heading, start, end) covering every line: the block before the first
    heading is "header"; a document without headings is one "other" section."""
    n = len(lines)
    heads = find_headings(lines)
    if not heads:
        return [(_O, "", 0, n)] if n else []
    out: list[tuple[str, str, int, int]] = []
    if heads[0][0] > 0:
        out.append(("header", "", 0, heads[0][0]))
    for k, (i, name) in enumerate(heads):
        end = heads[k + 1][0] if k + 1 < len(heads) else n
        out.append((name, lines[i], i, end))
    return out


# --- a résumé written as one line ------------------------------------------------

_RUN_ON = 300          # characters: a shorter line is never split
_MAX_CUTS = 200        # per line: bounds the work on hostile input
_WORD_AT = re.compile(r"\S+")


def _heading_cuts(line: str) -> list[tuple[int, int]]:
    """(start, end) of heading phrases inside a long line: one to four words, each
    capitalised, forming a known heading phrase (not a weak one); a single word only
    in capitals or with a colon ("EXPERIENCE", "Skills:"), not a sentence's first word
    ("Experience in retail…")."""
    words = [(m.start(), m.end(), m.group()) for m in _WORD_AT.finditer(line)]
    cuts: list[tuple[int, int]] = []
    k = 0
    while k < len(words) and len(cuts) < _MAX_CUTS:
        for n in (4, 3, 2, 1):
            group = words[k:k + n]
            if len(group) < n or not all(w[2][:1].isupper() for w in group):
                continue
            key = " ".join(w[2] for w in group).lower().rstrip(":")
            if key in _HEADINGS and key not in _WEAK and (
                    group[-1][2].endswith(":") or all(w[2].isupper() for w in group) or n > 1):
                cuts.append((group[0][0], group[-1][1]))
                k += n - 1
                break
        k += 1
    return cuts


def _date_cuts(text: str) -> list[str]:
    """``text`` cut before every date range it holds."""
    out: list[str] = []
    pos = 0
    for _ in range(_MAX_CUTS):
        r = find_date_range(text[pos:])
        if r is None:
            break
        a, b = r.span
        if pos + a > 0 and text[:pos + a].strip():
            out.append(text[:pos + a])
            text, pos = text[pos + a:], b - a
        else:
            pos += b
    out.append(text)
    return out


def split_run_on(lines: Sequence[str]) -> list[str]:
    """A résumé that reads as a single line (or a few very long ones: a DOCX or text
    file without line breaks) split into lines at its headings and before its date
    ranges.  Only when the lines hold fewer than two headings; only lines of 300+
    characters holding two or more heading phrases are cut."""
    if not any(len(ln) >= _RUN_ON for ln in lines) or len(find_headings(lines)) >= 2:
        return list(lines)
    out: list[str] = []
    for line in lines:
        cuts = _heading_cuts(line) if len(line) >= _RUN_ON else []
        if len(cuts) < 2:
            out.append(line)
            continue
        pos = 0
        for a, b in cuts:
            out.extend(_date_cuts(line[pos:a]))
            out.append(line[a:b])
            pos = b
        out.extend(_date_cuts(line[pos:]))
    return [t for ln in out if (t := ln.strip(" \t:;,|"))]


# --- experience -----------------------------------------------------------------

_BULLETED = re.compile(r"^[•*\-–—o>]\s")
_LONE_OPEN = re.compile(r"[-–—~][ \t]{0,3}$")  # "2015 –" at a line end: an open range


def _title_like(line: str) -> bool:
    return (len(line) <= 80 and len(line.split()) <= 10 and not _BULLETED.match(line)
            and not line.endswith((".", ";", ",")) and not line[:1].islower())


def find_experience(lines: Sequence[str], spans: Sequence[tuple[int, int]],
                    ) -> list[tuple[str, DateRange, int, int]]:
    """Entries in the experience sections: (heading, range, first_line, last_line).

    An entry starts at a line holding a date range; up to two title-like lines just
    above it (no bullet, short, no final period, below the previous entry's date line)
    belong to it and form its heading with the date line."""
    out: list[tuple[str, DateRange, int, int]] = []
    for s_start, s_end in spans:
        found: list[tuple[int, DateRange]] = []
        i = s_start + 1
        while i < s_end:
            r = find_date_range(lines[i])
            split = find_split_range(lines[:s_end], i) if r is None or r.current and \
                _LONE_OPEN.search(lines[i]) else None
            if split is not None:
                r = split[0]
            if r is not None:
                found.append((i, r))
            i += split[1] if split is not None else 1
        firsts: list[int] = []
        prev = s_start
        for i, _ in found:
            first = i
            for _k in range(2):
                j = first - 1
                if j <= prev or not _title_like(lines[j]) or find_date_range(lines[j]):
                    break
                first = j
            firsts.append(first)
            prev = i
        for k, (i, r) in enumerate(found):
            first = firsts[k]
            last = firsts[k + 1] if k + 1 < len(found) else s_end
            heading = " | ".join(lines[first:i + 1])
            out.append((heading, r, first, last))
    return out


# --- education ------------------------------------------------------------------

_FIELD = r"(?P<field>[A-Z][\w&'’.-]{0,30}(?:[ \t]{1,2}(?:and|of|in|&|[A-Z][\w&'’.-]{0,30})){0,6})"
_LEVEL_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("doctorate", re.compile(
        r"\b(?:ph\.?[ \t]?d\b\.?|doctor(?:ate)?(?=[ \t]{1,3}(?:of|in)\b)|doctorate\b|"
        r"d\.?phil\b|ed\.?d\b\.?|psy\.?d\b|pharm\.?d\b|d\.n\.p\b|dnp\b|d\.d\.s\b|"
        r"m\.d\.|j\.d\.|juris[ \t]{1,3}doctor(?:ate)?\b|(?<!,[ \t])(?<!,)\b(?:md|jd)\b(?!\.?[ \t]{0,2}\d)(?![ \t]{1,3}edwards\b))",
        re.I)),
    ("master", re.compile(
        r"(?<!scrum[ \t])(?<!scrum-)\bmaster(?:'s|’s|s)?(?=[ \t]{1,3}(?:of|in|degree)(?:\b|(?-i:[A-Z])))"
        r"|(?<!scrum[ \t])(?<!scrum-)\bmaster(?:'s|’s|s)\b(?![ \t]{1,3}certificate)"
        r"|(?-i:\bMS\b)(?=[ \t]{0,3}[-–:,][ \t]{0,3}(?-i:[A-Z]))"
        r"|\bm\.?b\.?a\b|\bm\.s\.?(?![a-z])|\bms(?=[ \t]{1,3}(?:in|of)\b)|\bm\.?sc\b|\bm\.a\.|"
        r"\bma(?=[ \t]{1,3}(?:in|of)\b)|\bm\.?eng\b|\bm\.?ed\b|\bm\.?p\.?h\b|\bm\.?f\.?a\b|"
        r"\bm\.?p\.?a\b|\bll\.?m\b|\bm\.?s\.?w\b|\bm\.?s\.?n\b",
        re.I)),
    ("bachelor", re.compile(
        r"\bbachelor(?:'s|’s|s)?\b|\bbaccalaureate\b|\bb\.s\.?(?![a-z])|\bbs(?=[ \t]{1,3}(?:in|of)\b)|"
        r"\bb\.?sc\b|\bb\.a\.|\bba(?=[ \t]{1,3}(?:in|of)\b)|\bb\.?eng\b|\bb\.e\.|\bb\.?tech\b|"
        r"\bb\.?b\.?a\b|\bb\.?f\.?a\b|\bb\.?s\.?n\b|\bb\.?com\b|\bbs(?=[ \t]{0,2}[:,-])|\bba(?=[ \t]{0,2}[:,])|"
        r"\bb\.[as](?=[ \t]{0,2}[:,])|\bbsba\b|\bb\.?s\.?b\.?a\b",
        re.I)),
    ("associate", re.compile(
        r"\bassociate(?:'s|’s|s)?(?=[ \t]{1,3}(?:of|in|degree)(?:\b|(?-i:[A-Z])))|\bassociate(?:'s|’s)|"
        r"(?-i:\bA\.?S\b\.?)(?=[ \t]{0,2}[:,])|(?-i:\bA\.?A\.?S?\b\.?)(?=[ \t]{0,2}[:,])|"
        r"\ba\.a\.s?\b|\ba\.s\.|\baas\b|\ba\.a\.s\.",
        re.I)),
    ("high_school", re.compile(
        r"\bhigh[ \t]{1,3}school(?:\b|(?=(?-i:[A-Z])))|\bg\.?e\.?d\b|\bsecondary[ \t]{1,3}school\b|\bhsc\b|"
        r"(?-i:\bH\.S\b\.?)|\bhigh[ \t]{1,3}school[ \t]{1,3}diploma\b", re.I)),
]
_GENERIC_OF = {"science", "sciences", "arts", "art", "applied science", "applied sciences",
               "fine arts", "applied arts", "liberal arts", "arts and sciences",
               "science and arts", "philosophy", "education"}
_OF_PART = re.compile(rf"^(?:[ \t]{{1,3}}degree)?[ \t]{{1,3}}of[ \t]{{1,3}}{_FIELD}")
_IN_PART = re.compile(rf"^(?:[ \t]{{1,3}}degree)?(?:[ \t]{{1,3}}in[ \t]{{1,3}}|[ \t]{{0,2}}[:,–-][ \t]{{0,2}}){_FIELD}")
_INSTITUTION = re.compile(r"\b(?:university|college|school|institute|academy|polytechnic)\b", re.I)
_TRAILING = re.compile(r"(?:[ \t]{1,3}(?:and|of|in|&))+$")


def _clean_field(text: str | None) -> str | None:
    if not text:
        return None
    text = _TRAILING.sub("", text.strip(" .,"))
    if len(text) < 2 or text.lower() in _GENERIC_OF or _INSTITUTION.search(text):
        return None
    return text


def _field_after(line: str, pos: int) -> str | None:
    """The field of study stated after a degree word: "of X", "of Science in X",
    "in X", ": X", ", X" (not an institution name)."""
    rest = line[pos:]
    of = _OF_PART.match(rest)
    if of:
        thing = of.group("field")
        head, sep, tail = thing.partition(" in ")
        if head.lower() in _GENERIC_OF:
            if sep:
                return _clean_field(tail)
            after = _IN_PART.match(rest[of.end():])
            return _clean_field(after.group("field")) if after else None
        return _clean_field(head)
    m = _IN_PART.match(rest)
    return _clean_field(m.group("field")) if m else None


def degree_of(line: str) -> tuple[str, str | None] | None:
    """(level, field) for a line stating a degree, the highest level on the line."""
    for level, pat in _LEVEL_PATTERNS:
        m = pat.search(line)
        if m:
            return level, _field_after(line, m.end()) if level != "high_school" else None
    return None


#: A degree not (yet) completed: not counted.
_IN_PROGRESS = re.compile(r"\b(?:in[ \t]{1,3}progress|expected|anticipated|candidate|"
                          r"currently[ \t]{1,3}(?:pursuing|enrolled|attending)|pursuing|ongoing)\b",
                          re.I)
_A_YEAR = re.compile(r"(?<!\d)(?:19[5-9]\d|20[0-4]\d)(?!\d)")


def find_education(lines: Sequence[str], spans: Sequence[tuple[int, int]],
                   elsewhere: Sequence[tuple[int, int]] = (),
                   ) -> list[tuple[str, str | None, int]]:
    """(level, field, line) for degree lines inside ``spans`` (the education sections).
    Without an education section, degree lines in ``elsewhere`` that also name an
    institution or a year ("MBA, Kellogg School, 2012"; not "MBA-level analysis")."""
    out = []
    for a, b in spans:
        for i in range(a, b):
            found = degree_of(lines[i])
            if found and not _IN_PROGRESS.search(lines[i]):
                out.append((found[0], found[1], i))
    if not spans:
        for a, b in elsewhere:
            for i in range(a, b):
                line = lines[i]
                if len(line) > 200 or not (_INSTITUTION.search(line) or _A_YEAR.search(line)):
                    continue
                found = degree_of(line)
                if found:
                    out.append((found[0], found[1], i))
    return out


# --- contact --------------------------------------------------------------------

_INITIAL = re.compile(r"^[A-Z]\.$")


def _name_word(word: str) -> bool:
    """A capitalised word in any script ("Łucja", "Nguyễn", "Дмитрий"; a letter of a
    script without case counts as capital: "محمد", "प्रिया"), or an initial ("Q.")."""
    if _INITIAL.match(word):
        return True
    if not 1 <= len(word) <= 31 or not word[0].isalpha() or word[0].islower():
        return False
    return all(ch.isalpha() or ch in "'’.-" or unicodedata.category(ch)[0] == "M"
               for ch in word[1:])
_NOT_NAME = {"resume", "résumé", "curriculum", "vitae", "cv", "manager", "engineer",
             "developer", "analyst", "director", "specialist", "consultant", "assistant",
             "officer", "teacher", "designer", "nurse", "chef", "representative",
             "administrator", "coordinator", "executive", "sales", "senior", "accountant",
             "associate", "technician", "supervisor", "intern", "lead", "marketing",
             "president", "contact", "address", "phone", "email", "page", "professional"}


#: A short line that states who the person is, not what they can do: a photo, date of
#: birth, age, family, marital status, nationality, religion, gender.  Such lines are
#: kept out of scoring like contact lines; the words alone are stop words already, but
#: what is left ("headshot.jpg", "Nigerian", "date") would still move the vocabulary
#: score and join the neighbouring lines' words into other bigrams.
PERSONAL_LINE = re.compile(
    r"^[\W_]{0,6}(?:"
    r"(?:photo(?:graph)?|picture|headshot|image|date[ \t]{1,3}of[ \t]{1,3}birth|d\.?o\.?b\.?|"
    r"birth[ \t]{0,3}date|born|age|marital[ \t]{1,3}status|family[ \t]{1,3}status|"
    r"nationality|citizenship|religion|gender|sex|pronouns|children|dependents)"
    r"(?:[ \t]{0,3}[:=]|[ \t]{1,3}[–—-][ \t])"   # "Age: 29", "Religion - X"; not "Age-based"
    r"|(?:mother|father|mom|dad|parent)[ \t]{1,3}of[ \t]{1,3}(?:one|two|three|four|five|six|\d)\b"
    r"|single[ \t]{1,3}(?:mother|father|parent|mom|dad)\b"
    r"|(?:married|divorced|widowed|single)[ \t]{0,3}(?:,|;|$|[ \t]{1,3}with\b)"
    r"|(?:age[ \t]{1,3})?\d{1,3}[ \t]{1,3}years?[ \t]{1,3}old\b"
    r"|!\[[^\]\n]{0,80}\]\([^)\s]{1,200}\)"   # a Markdown image
    r"|\[(?:photo|picture|image|headshot)\]"
    r")", re.I)
_IMAGE_FILE = re.compile(r"\b[\w-]{1,80}\.(?:jpe?g|png|gif|heic|webp|bmp)\b", re.I)


def is_personal_line(line: str) -> bool:
    """True for a short line stating a personal detail (see :data:`PERSONAL_LINE`) or
    naming an image file."""
    if len(line.split()) > 8:
        return False
    return bool(PERSONAL_LINE.search(line) or _IMAGE_FILE.search(line))


def _phones(line: str) -> list[str]:
    return [p for p in find_phones(line) if find_date_range(p) is None]


_PRONOUNS = re.compile(r"[ \t]{0,3}[(\[|,–-]?[ \t]{0,3}\b(?:she|he|they|ze|xe)[ \t]{0,2}/[ \t]{0,2}"
                       r"(?:her|him|them|hers|his|theirs|hir|zir)(?:[ \t]{0,2}/[ \t]{0,2}[a-z]{1,6})?"
                       r"[ \t]{0,3}[)\]]?[ \t]{0,3}$", re.I)
# ", MBA", ", M.B.A.", ", PhD, PMP", ", SHRM-CP": capitalised short tokens after commas
_POSTNOMINAL = re.compile(r"(?:,[ \t]{0,3}[A-Z][A-Za-z.]{0,7}(?:-[A-Z]{1,4})?){1,5}[ \t]{0,3}$")
_PARTICLES = {"van", "von", "der", "den", "de", "del", "della", "da", "di", "du", "la", "le",
              "bin", "ibn", "al", "el", "dos", "das", "ter", "ten"}


def name_part(line: str) -> str:
    """The name on a line, without pronouns ("(she/her)") or post-nominals (", MBA")."""
    return _POSTNOMINAL.sub("", _PRONOUNS.sub("", line)).strip()


def _looks_like_name(line: str) -> bool:
    line = name_part(line)
    words = line.split()
    if not 2 <= len(words) <= 5 or len(line) > 48:
        return False
    if any(w.lower().strip(".,") in _NOT_NAME for w in words):
        return False
    named = [w for w in words if w.lower() not in _PARTICLES]
    return (len(named) >= 2 and all(_name_word(w) for w in named)
            and heading_name(line) is None)


# a name beside a title or contact details: "Name — Title", "Name | e-mail | phone"
_NAME_SEPARATORS = re.compile(r"[ \t]{0,3}[|•·—–][ \t]{0,3}|[ \t]{1,3}-[ \t]{1,3}|\t|[ \t]{2,}|"
                              r",[ \t]{0,3}(?=[^,]{0,40}(?:@|\d))")


def _name_in(line: str) -> str | None:
    """The name a header line holds: the whole line, or its first part before a
    separator ("Jane Doe — Data Analyst", "JANE DOE, MBA | jane@x.org")."""
    if _looks_like_name(line):
        return line
    parts = [p for p in _NAME_SEPARATORS.split(line) if p.strip()]
    if len(parts) > 1 and _looks_like_name(parts[0]):
        return parts[0].strip()
    return None


# words of job titles and fields that are rarely a name: "Data Science Manager" is a
# title, not "Data Science" followed by one
_TITLE_WORDS = frozenset("""
data science software information technology business project product program customer
human resources financial finance operations account accounts quality health care
marketing sales digital content research clinical medical legal office general regional
network systems system security web mobile cloud junior principal staff chief head
administrative executive technical support service services development management
retail store restaurant food hotel warehouse construction registered certified public
""".split())


def _name_before_title(line: str) -> str | None:
    """"Jane Doe Data Analyst" (a two-column header read as one row): the capitalised
    words before the first title word, when they look like a name."""
    words = line.split()
    for k, w in enumerate(words[:6]):
        if w.lower().strip(".,:;") in _NOT_NAME:
            head = " ".join(words[:k])
            if any(h.lower() in _TITLE_WORDS for h in words[:k]):
                return None
            return head if k >= 2 and _looks_like_name(head) else None
    return None


def _find_name(lines: Sequence[str], first: int) -> tuple[str | None, int | None]:
    """(name, line index) among the first ``first`` lines (one more line is looked at
    when the first is a "Résumé" or contact line)."""
    for i in range(first):
        found = _name_in(lines[i])
        if found:
            return found, i
    for i in range(first):
        found = _name_before_title(lines[i])
        if found:
            return found, i
    return None, None


def find_contact(lines: Sequence[str], header_end: int,
                 ) -> tuple[str | None, list[str], list[str], list[str], list[int]]:
    """(name, emails, phones, urls, line indices).  Emails, URLs and personal-detail
    lines (photo, date of birth, family…: :func:`is_personal_line`) anywhere; phones and
    street addresses in the header block and the last three lines; the name among the
    first five header lines."""
    emails: list[str] = []
    phones: list[str] = []
    urls: list[str] = []
    hit: set[int] = set()
    n = len(lines)
    phone_zone = set(range(min(max(header_end, 8), n))) | set(range(max(0, n - 3), n))
    for i, line in enumerate(lines):
        if "@" in line:
            for e in EMAIL.findall(line):
                emails.append(e)
                hit.add(i)
        found_urls = find_urls(line)
        if found_urls:
            urls.extend(found_urls)
            hit.add(i)
        if i in phone_zone:
            found = _phones(line)
            if found:
                phones.extend(found)
                hit.add(i)
            if STREET_ADDRESS.search(line):
                hit.add(i)  # a home address: never scored, quoted or cached
    hit.update(i for i, line in enumerate(lines) if is_personal_line(line))
    name, at = _find_name(lines, min(header_end if header_end else 5, 5, n))
    if at is not None:
        hit.add(at)
    dedup = lambda xs: list(dict.fromkeys(xs))  # noqa: E731
    return name, dedup(emails), dedup(phones), dedup(urls), sorted(hit)
