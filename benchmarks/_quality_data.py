"""Inputs of the match-quality harness: labelled résumés, O*NET category postings,
seed-role title patterns.

Nothing here reads ``../shared/data`` unless given its path; the tables are plain
data so a test can check them without the files.
"""

from __future__ import annotations

import csv
import hashlib
import json
import logging
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Mapping, Sequence

log = logging.getLogger(__name__)

# --------------------------------------------------------------------------- categories
#: LiveCareer category (folder name) → O*NET-SOC occupations whose description, tasks
#: and technology skills make that category's posting.  Chosen by reading the O*NET
#: titles against what the category's résumés are (the labels come from a keyword
#: search, so each category is broad: two to four occupations cover its main jobs).
#: Every code is checked against ``Occupation Data.txt`` when postings are built.
CATEGORY_OCCUPATIONS: dict[str, tuple[tuple[str, str], ...]] = {
    "ACCOUNTANT": (("13-2011.00", "Accountants and Auditors"),
                   ("43-3031.00", "Bookkeeping, Accounting, and Auditing Clerks")),
    "ADVOCATE": (("23-1011.00", "Lawyers"),
                 ("23-2011.00", "Paralegals and Legal Assistants"),
                 ("21-1093.00", "Social and Human Service Assistants")),
    "AGRICULTURE": (("11-9013.00", "Farmers, Ranchers, and Other Agricultural Managers"),
                    ("19-1031.00", "Conservation Scientists"),
                    ("45-2092.00", "Farmworkers and Laborers, Crop, Nursery, and Greenhouse")),
    "APPAREL": (("27-1022.00", "Fashion Designers"),
                ("41-2031.00", "Retail Salespersons"),
                ("13-1022.00", "Wholesale and Retail Buyers, Except Farm Products")),
    "ARTS": (("27-1013.00", "Fine Artists, Including Painters, Sculptors, and Illustrators"),
             ("27-1011.00", "Art Directors"),
             ("25-1121.00", "Art, Drama, and Music Teachers, Postsecondary")),
    "AUTOMOBILE": (("49-3023.00", "Automotive Service Technicians and Mechanics"),
                   ("41-2031.00", "Retail Salespersons"),
                   ("17-2141.00", "Mechanical Engineers")),
    "AVIATION": (("53-2011.00", "Airline Pilots, Copilots, and Flight Engineers"),
                 ("49-3011.00", "Aircraft Mechanics and Service Technicians"),
                 ("53-2031.00", "Flight Attendants")),
    "BANKING": (("43-3071.00", "Tellers"),
                ("13-2072.00", "Loan Officers"),
                ("41-3031.00", "Securities, Commodities, and Financial Services Sales Agents")),
    "BPO": (("43-4051.00", "Customer Service Representatives"),
            ("41-9041.00", "Telemarketers"),
            ("43-1011.00", "First-Line Supervisors of Office and Administrative Support Workers")),
    "BUSINESS-DEVELOPMENT": (("11-2022.00", "Sales Managers"),
                             ("41-4012.00", "Sales Representatives, Wholesale and Manufacturing, "
                                            "Except Technical and Scientific Products"),
                             ("13-1161.00", "Market Research Analysts and Marketing Specialists")),
    "CHEF": (("35-1011.00", "Chefs and Head Cooks"),
             ("35-2014.00", "Cooks, Restaurant"),
             ("11-9051.00", "Food Service Managers")),
    "CONSTRUCTION": (("11-9021.00", "Construction Managers"),
                     ("47-1011.00", "First-Line Supervisors of Construction Trades and "
                                    "Extraction Workers"),
                     ("47-2061.00", "Construction Laborers")),
    "CONSULTANT": (("13-1111.00", "Management Analysts"),
                   ("15-1211.00", "Computer Systems Analysts")),
    "DESIGNER": (("27-1024.00", "Graphic Designers"),
                 ("27-1025.00", "Interior Designers"),
                 ("15-1255.00", "Web and Digital Interface Designers")),
    "DIGITAL-MEDIA": (("27-1014.00", "Special Effects Artists and Animators"),
                      ("27-4032.00", "Film and Video Editors"),
                      ("13-1161.01", "Search Marketing Strategists")),
    "ENGINEERING": (("17-2141.00", "Mechanical Engineers"),
                    ("17-2071.00", "Electrical Engineers"),
                    ("17-2051.00", "Civil Engineers")),
    "FINANCE": (("13-2051.00", "Financial and Investment Analysts"),
                ("11-3031.01", "Treasurers and Controllers"),
                ("13-2011.00", "Accountants and Auditors")),
    "FITNESS": (("39-9031.00", "Exercise Trainers and Group Fitness Instructors"),
                ("27-2022.00", "Coaches and Scouts")),
    "HEALTHCARE": (("29-1141.00", "Registered Nurses"),
                   ("31-9092.00", "Medical Assistants"),
                   ("11-9111.00", "Medical and Health Services Managers")),
    "HR": (("13-1071.00", "Human Resources Specialists"),
           ("11-3121.00", "Human Resources Managers"),
           ("43-4161.00", "Human Resources Assistants, Except Payroll and Timekeeping")),
    "INFORMATION-TECHNOLOGY": (("15-1232.00", "Computer User Support Specialists"),
                               ("15-1244.00", "Network and Computer Systems Administrators"),
                               ("11-3021.00", "Computer and Information Systems Managers")),
    "PUBLIC-RELATIONS": (("27-3031.00", "Public Relations Specialists"),
                         ("11-2032.00", "Public Relations Managers")),
    "SALES": (("41-2031.00", "Retail Salespersons"),
              ("41-1011.00", "First-Line Supervisors of Retail Sales Workers"),
              ("11-2022.00", "Sales Managers")),
    "TEACHER": (("25-2021.00", "Elementary School Teachers, Except Special Education"),
                ("25-2031.00", "Secondary School Teachers, Except Special and Career/"
                               "Technical Education"),
                ("25-9042.00", "Teaching Assistants, Preschool, Elementary, Middle, and "
                               "Secondary School, Except Special Education")),
}
CATEGORIES = tuple(CATEGORY_OCCUPATIONS)


def _rows(path: Path) -> Iterable[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        yield from csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)


@dataclass(frozen=True)
class Occupation:
    code: str
    title: str
    description: str
    tasks: tuple[str, ...]
    technology: tuple[str, ...]
    hot_technology: tuple[str, ...] = ()   # flagged "Hot Technology" by O*NET


def load_onet(folder: Path, codes: Iterable[str]) -> dict[str, Occupation]:
    """Description, core-then-supplemental tasks and technology examples of ``codes``."""
    wanted = set(codes)
    occ = {r["O*NET-SOC Code"]: r for r in _rows(folder / "Occupation Data.txt")
           if r["O*NET-SOC Code"] in wanted}
    missing = sorted(wanted - set(occ))
    if missing:
        raise ValueError(f"O*NET codes not in {folder / 'Occupation Data.txt'}: {missing}")
    tasks: dict[str, list[tuple[int, str]]] = {c: [] for c in wanted}
    for r in _rows(folder / "Task Statements.txt"):
        c = r["O*NET-SOC Code"]
        if c in wanted:
            tasks[c].append((0 if r["Task Type"] == "Core" else 1, r["Task"]))
    tech: dict[str, list[str]] = {c: [] for c in wanted}
    hot: dict[str, list[str]] = {c: [] for c in wanted}
    for r in _rows(folder / "Technology Skills.txt"):
        c = r["O*NET-SOC Code"]
        if c in wanted:
            tech[c].append(r["Example"])
            if r["Hot Technology"] == "Y":
                hot[c].append(r["Example"])
    return {c: Occupation(c, occ[c]["Title"], occ[c]["Description"],
                          tuple(t for _, t in sorted(tasks[c], key=lambda x: x[0])),
                          tuple(dict.fromkeys(tech[c])), tuple(dict.fromkeys(hot[c])))
            for c in sorted(wanted)}


def check_titles(onet: Mapping[str, Occupation],
                 table: Mapping[str, Sequence[tuple[str, str]]] = CATEGORY_OCCUPATIONS
                 ) -> list[str]:
    """Table entries whose title differs from O*NET's (a sign of a wrong code)."""
    return [f"{cat}: {code} is {onet[code].title!r}, table says {title!r}"
            for cat, occs in table.items() for code, title in occs
            if code in onet and onet[code].title != title]


#: Which O*NET technology examples a posting lists: "hot" = those O*NET flags
#: "Hot Technology" (frequently asked for in employers' job postings) — the default,
#: closest to a real posting; "all" = every example (hundreds of niche vendor
#: products for some occupations), reported as a sensitivity check.
TECHNOLOGY_CHOICES = ("hot", "all")


def posting_text(category: str, occupations: Sequence[Occupation],
                 technology: str = "hot", title: str = "occupations") -> str:
    """A posting in the shape ``RoleProfile.from_text`` reads: title, summary
    (descriptions), responsibilities (tasks), requirements (technology skills).

    ``title``: "occupations" (the default) heads it with the O*NET titles of its
    occupations (:func:`posting_title`); "category" with the category's name
    ("Accountant"), which is also the keyword the résumé scrape searched for, so it
    recurs in that category's résumés (kept as a sensitivity check)."""
    if technology not in TECHNOLOGY_CHOICES:
        raise ValueError(f"technology must be one of {TECHNOLOGY_CHOICES}, not {technology!r}")
    out = [posting_title(category, occupations, title), "", "About the role:"]
    out += [o.description for o in occupations]
    out += ["", "Responsibilities:"]
    out += [f"- {t}" for o in occupations for t in o.tasks]
    tech = list(dict.fromkeys(t for o in occupations
                              for t in (o.hot_technology if technology == "hot"
                                        else o.technology)))
    if tech:
        out += ["", "Requirements:", "- Experience with " + ", ".join(tech)]
    return "\n".join(out) + "\n"


#: What heads a category's posting (see :func:`posting_text`); the first is the default.
TITLE_CHOICES = ("occupations", "category")


def posting_title(category: str, occupations: Sequence[Occupation],
                  title: str = "occupations") -> str:
    if title not in TITLE_CHOICES:
        raise ValueError(f"title must be one of {TITLE_CHOICES}, not {title!r}")
    if title == "category":
        return category.replace("-", " ").title()
    return " / ".join(o.title for o in occupations)


def category_postings(onet_dir: Path, technology: str = "hot", title: str = "occupations"
                      ) -> dict[str, str]:
    codes = {c for occs in CATEGORY_OCCUPATIONS.values() for c, _ in occs}
    onet = load_onet(onet_dir, codes)
    for problem in check_titles(onet):
        log.warning("category table: %s", problem)
    return {cat: posting_text(cat, [onet[c] for c, _ in occs], technology, title)
            for cat, occs in CATEGORY_OCCUPATIONS.items()}


# --------------------------------------------------------------------------- seed roles
#: Résumé title (its first line) → shipped seed roles that are a right answer.  A
#: title matches the first pattern that finds it (case-insensitive ``re.search``),
#: so specific patterns come before general ones.
SEED_TITLE_PATTERNS: tuple[tuple[str, frozenset[str]], ...] = tuple(
    (rx, frozenset(ids)) for rx, ids in (
        (r"\b(chief marketing officer|cmo)\b",
         {"chief-marketing-officer"}),
        (r"\b(vp|vice president|head|director)\b.*\bmarketing\b",
         {"chief-marketing-officer", "brand-manager", "digital-marketing-manager",
          "product-marketing-manager", "demand-generation-manager"}),
        (r"\bdeveloper (relations|advocate|evangelist)\b|\bdevrel\b",
         {"developer-relations"}),
        (r"\btechnical product (manager|owner)\b",
         {"technical-product-manager", "product-manager"}),
        (r"\bproduct marketing\b",
         {"product-marketing-manager"}),
        (r"\bproduct (manager|owner|management)\b",
         {"product-manager", "technical-product-manager"}),
        (r"\btechnical marketing\b",
         {"technical-marketing-manager", "product-marketing-manager"}),
        (r"\bmarketing operations\b|\bmarketing automation\b",
         {"marketing-operations-manager"}),
        (r"\b(demand generation|lead generation|growth marketing)\b",
         {"demand-generation-manager"}),
        (r"\b(content marketing|content (manager|strategist|writer|specialist)|"
         r"copywriter)\b",
         {"content-marketing-manager"}),
        (r"\bbrand\b",
         {"brand-manager"}),
        (r"\b(digital|online|social media|e-?mail|seo|sem|search)\b.*\b(marketing|"
         r"marketer|specialist|coordinator|strategist)\b.*\b(manager|director|lead)\b",
         {"digital-marketing-manager", "digital-marketing-specialist"}),
        (r"\b(digital|online|social media|e-?mail|seo|sem|search engine)\b.*\b(marketing|"
         r"marketer|media|specialist|coordinator|strategist|optimization)\b",
         {"digital-marketing-specialist", "digital-marketing-manager"}),
        (r"\b(marketing|business|data|web|digital|analytics|insights?)\b.*\banalyst\b"
         r"|\banalytics\b",
         {"marketing-analyst"}),
        (r"\bmarketing (manager|lead|supervisor)\b",
         {"digital-marketing-manager", "brand-manager", "product-marketing-manager",
          "demand-generation-manager", "content-marketing-manager"}),
        (r"\b(marketing|communications?)\b.*\b(specialist|coordinator|associate|assistant|"
         r"consultant|strategist)\b",
         {"digital-marketing-specialist", "content-marketing-manager",
          "marketing-operations-manager"}),
        (r"\b(communications?|public relations)\b.*\b(manager|director|lead)\b",
         {"content-marketing-manager", "brand-manager"}),
    ))
_SEED_RX = tuple((re.compile(rx, re.I), ids) for rx, ids in SEED_TITLE_PATTERNS)


def seed_roles_for(title: str) -> frozenset[str] | None:
    """The acceptable seed role ids for a résumé title, or None when none applies."""
    for rx, ids in _SEED_RX:
        if rx.search(title):
            return ids
    return None


# --------------------------------------------------------------------------- résumés
@dataclass(frozen=True)
class Doc:
    """One labelled résumé, parsed once: category, path, the Resume and its title."""

    category: str
    path: str
    resume: object          # rolematch.Resume
    title: str

    @property
    def text(self) -> str:
        return self.resume.text  # type: ignore[attr-defined]


def first_line_index(resume) -> int | None:
    return next((i for i, ln in enumerate(resume.lines) if ln.strip()), None)


def without_title(resume):
    """The résumé with its first non-empty line (the job title) blanked out.

    The line is replaced by an empty string rather than removed, so line indices of
    sections, experience entries and contact details stay valid."""
    from dataclasses import replace

    i = first_line_index(resume)
    if i is None:
        return resume
    lines = list(resume.lines)
    lines[i] = ""
    return replace(resume, lines=tuple(lines), text="\n".join(lines))


def _file_key(path: Path) -> str:
    """The file's bytes and the reader's version: a parse cached by an older reader
    is not reused."""
    from rolematch._cache import READER_VERSION

    return hashlib.sha256(READER_VERSION.encode() + b"\0" + path.read_bytes()).hexdigest()[:24]


def read_labelled(folder: Path, *, limit_per_category: int | None = None,
                  cache_dir: Path | None = None,
                  progress: Callable[[int, int], None] | None = None,
                  stats: dict[str, int] | None = None
                  ) -> tuple[list[Doc], list[tuple[str, str]]]:
    """Every ``<CATEGORY>/*.pdf`` under ``folder`` read with ``read_resume`` once.

    With ``cache_dir`` (keep it outside the repository, e.g. under /tmp) each parsed
    résumé is stored as ``Resume.to_dict`` JSON keyed by the file's SHA-256.
    Returns the documents and the (path, reason) of files that could not be read;
    ``stats["cached"]`` counts the résumés taken from the cache."""
    from rolematch import Resume, ResumeReadError, read_resume

    files: list[tuple[str, Path]] = []
    for cat in CATEGORIES:
        sub = folder / cat
        if sub.is_dir():
            files += [(cat, p) for p in sorted(sub.glob("*.pdf"))[:limit_per_category]]
    if cache_dir is not None:
        cache_dir.mkdir(parents=True, exist_ok=True)
    docs: list[Doc] = []
    failed: list[tuple[str, str]] = []
    for n, (cat, path) in enumerate(files):
        resume = None
        cached = cache_dir / f"{_file_key(path)}.json" if cache_dir is not None else None
        if cached is not None and cached.is_file():
            resume = Resume.from_dict(json.loads(cached.read_text(encoding="utf-8")))
            resume = replace_source(resume, str(path))
            if stats is not None:
                stats["cached"] = stats.get("cached", 0) + 1
        else:
            try:
                resume = read_resume(path)
            except ResumeReadError as e:
                failed.append((str(path), e.reason))
            if resume is not None and cached is not None:
                cached.write_text(json.dumps(resume.to_dict(), ensure_ascii=False),
                                  encoding="utf-8")
        if resume is not None:
            i = first_line_index(resume)
            docs.append(Doc(cat, str(path), resume,
                            resume.lines[i].strip() if i is not None else ""))
        if progress is not None:
            progress(n + 1, len(files))
    return docs, failed


def replace_source(resume, source: str):
    from dataclasses import replace

    return replace(resume, source=source) if resume.source != source else resume
