"""Private: a pasted job posting → what a :class:`~rolematch.roles.RoleProfile` needs.

Three steps, one module each:

* :mod:`rolematch._posting_read`: the text as it comes (HTML, run-together words,
  wrapped lines) → sentences under the section they sit in;
* :mod:`rolematch._posting_classify`: each sentence and clause → required, preferred,
  duty, company, benefits, legal, apply or other;
* :mod:`rolematch._posting_weigh`: skills found in required / preferred / duty text
  (never in a degree's field) → weights and decisions; years, degree, seniority.

This module knows nothing of ``roles``: :meth:`RoleProfile.from_text` calls
:func:`analyse_posting` and builds the profile from the :class:`PostingAnalysis`.
"""

from __future__ import annotations

import logging
import re
from collections import defaultdict
from dataclasses import dataclass, field

from ._context import PEOPLE
from ._posting_classify import (
    DUTY,
    PREF,
    REQUIRED,
    SKILL_CLASSES,
    VERB_START,
    Clause,
    classify,
)
from ._posting_read import Sentence, html_to_text, read_posting
from ._posting_weigh import (
    SkillDecision,
    degree,
    degree_field_spans,
    field_line,
    seniority,
    weigh,
    years_range,
)
from .errors import ModelError, RolematchError
from .extract import SkillExtractor, SkillMention, default_extractor
from .taxonomy import Taxonomy

__all__ = ["PostingAnalysis", "analyse_posting", "title_occupations"]

log = logging.getLogger(__name__)

_TITLE_PREFIX = re.compile(r"^(?:job title|position|role|title)\s*:\s*", re.IGNORECASE)


@dataclass(frozen=True)
class PostingAnalysis:
    """Everything read from one posting; ``decisions`` covers every skill found."""

    title: str
    decisions: tuple[SkillDecision, ...]
    min_years: float
    max_years: float | None
    education_level: str | None
    education_fields: tuple[str, ...]
    education_equivalent: bool
    seniority: str
    summary: str
    responsibilities: tuple[str, ...]
    text: str
    warnings: tuple[str, ...] = ()
    occupations: tuple[str, ...] = ()  # O*NET codes the title names


def title_occupations(title: str) -> tuple[str, ...]:
    """The O*NET codes a posting's title names (imported on first use: the occupation
    index loads only when a posting is profiled)."""
    from .occupations.posting_titles import title_occupations as search

    return search(title)


def _title(text: str, sents: list[Sentence]) -> str:
    first = next((ln.strip() for ln in html_to_text(text).splitlines() if ln.strip()), "")
    first = re.sub(r"^[#>\s]+|[*_`]+", "", first).strip()
    return _TITLE_PREFIX.sub("", first)[:120] or (sents[0].text[:120] if sents else "")


@dataclass(frozen=True)
class _Mentions:
    """A posting's skills as its text names them: ``classes``: skill id → the class of
    each sentence naming it; ``listed``: skill id → the size of the shortest list it is
    named in, 1 when named outside a list once (:func:`_list_sizes`); ``alias_only``:
    the ESCO skills met only through an alternative label (:func:`_by_name`);
    ``settings``: the skills named only as items of a list of settings
    (:func:`_setting`); ``people``: the skills named only by a plural noun naming
    people (:func:`_people`), or by that and as items of settings."""

    classes: dict[str, list[str]]
    listed: dict[str, int] = field(default_factory=dict)
    alias_only: frozenset[str] = frozenset()
    settings: frozenset[str] = frozenset()
    people: frozenset[str] = frozenset()


def _mentions(
    extractor: SkillExtractor,
    sents: list[Sentence],
    clauses: list[list[Clause]],
    *,
    classes: frozenset[str],
    tax: Taxonomy,
    title: str = "",
) -> _Mentions:
    """The skills named in the sentences with a class in ``classes`` (best clause class
    per sentence), degree fields, departments and settings skipped (:func:`_aside`)."""
    text = "\n".join(s.text for s in sents)
    starts, pos = [], 0
    for s in sents:
        starts.append(pos)
        pos += len(s.text) + 1
    fields: dict[int, tuple[list[tuple[int, int]], list[tuple[int, int]]]] = {}
    found: dict[tuple[str, int], str] = {}
    in_list: set[tuple[str, int]] = set()
    rank = {REQUIRED: 3, DUTY: 2, PREF: 1}
    named: set[str] = set()
    how: dict[str, set[str]] = defaultdict(set)  # "asked", "listed" or "people"
    for m in extractor(text):
        i = m.line
        if i >= len(sents):
            continue
        off = m.start - starts[i]
        if i not in fields:
            fields[i] = _field_spans(sents, i)
        own, line = fields[i]  # a field line holds only field skills ("Finance")
        spans = own or (line if _field(m, tax) else [])
        aside = _aside(m, sents[i].text, off, spans, text, tax, title)
        if aside == "skip":
            continue
        cls = next((c.cls for c in clauses[i] if c.start <= off < c.end), clauses[i][0].cls)
        if cls not in classes:
            continue
        key = (m.skill_id, i)
        if _by_name(m, tax):
            named.add(m.skill_id)
        how[m.skill_id].add(aside)
        if cls not in rank:
            cls = DUTY  # a fallback class: counts like a duty
        if rank[cls] > rank.get(found.get(key, ""), 0):
            found[key] = cls
        if _LIST_BEFORE.search(text, max(0, m.start - 6), m.start) or _LIST_AFTER.match(
            text, m.end
        ):
            in_list.add(key)
    out: dict[str, list[str]] = defaultdict(list)
    for (sid, _i), cls in found.items():
        out[sid].append(cls)
    alias_only = frozenset(sid for sid in out if sid not in named and _esco(sid, tax))
    settings = frozenset(sid for sid in out if how[sid] == {"listed"})
    people = frozenset(sid for sid in out if "people" in how[sid] and "asked" not in how[sid])
    return _Mentions(dict(out), _list_sizes(found, in_list), alias_only, settings, people)


def _field_spans(
    sents: list[Sentence], i: int
) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """Sentence ``i``'s degree fields: those it names after its degree
    (:func:`degree_field_spans`), and the whole line when it is the field line of a
    degree on the line before (:func:`field_line`, for field skills only)."""
    own = degree_field_spans(sents[i].text)
    return own, [] if own or not i else field_line(sents[i - 1].text, sents[i].text)


def _aside(
    m: SkillMention,
    sentence: str,
    off: int,
    fields: list[tuple[int, int]],
    text: str,
    tax: Taxonomy,
    title: str = "",
) -> str:
    """How a mention names its skill: ``"skip"`` (a degree's field, a department, a
    setting: no skill), ``"listed"`` (an item of a list of settings), ``"people"``
    (people around the job) or ``"asked"``."""
    if any(a <= off < b for a, b in fields):
        return "skip"
    if _TEAMS_BEFORE.search(sentence, max(0, off - 60), off):
        return "skip"  # "stakeholders (e.g., IT, HR)": a department, not a skill
    setting = _setting(m, text, tax)
    if setting == "setting":
        return "skip"  # "a fast-paced manufacturing environment": a setting, not a skill
    if (
        _people(m.surface)
        or _names_team(text, m.start, m.end, title)
        or (_TEAM_LIST_AFTER.match(text, m.end) and _field(m, tax) and not _led(text, m.start))
    ):
        return "people"
    return "listed" if setting == "listed" else "asked"


def _esco(sid: str, tax: Taxonomy) -> bool:
    skill = tax.get(sid)
    return skill is not None and skill.source == "esco"


def _by_name(m: SkillMention, tax: Taxonomy) -> bool:
    """Is the mention the skill's own name (its ESCO preferred label), not one of its
    alternative labels?  Case, punctuation and a plural "s" aside (not
    :func:`normalize_alias`, which joins words: "data base" would be "database")."""
    skill = tax.get(m.skill_id)
    if skill is None:
        return True
    return _plain(m.surface) == _plain(skill.name)


def _plain(text: str) -> str:
    words = re.sub(r"[^a-z0-9+#]+", " ", text.lower()).split()
    return " ".join(w[:-1] if len(w) > 3 and w.endswith("s") else w for w in words)


#: A mention names a department when it is an item of the examples of the teams
#: someone works with: "coordinate with stakeholders (e.g., IT, HR)", "partner with
#: departments such as Finance and IT". Only list items (up to three words each) may
#: stand between, so "teams including data scientists using Python" keeps Python;
#: bare "functions" is left out ("Excel functions such as VLOOKUP").
_TEAMS_BEFORE = re.compile(
    r"\b(?:stakeholders|teams|departments|business functions|business units)\s*"
    r"(?:\(\s*(?:e\.g\.|i\.e\.|such as|including|like)?|,?\s*(?:e\.g\.|i\.e\.|"
    r"(?:such as|including|like)\b))[\s,]*"
    r"(?:[\w&'-]+(?:\s+[\w&'-]+){0,2}\s*(?:,|/|&|\band\b|\bor\b)[\s,]*)*(?:and\s+|or\s+)?$",
    re.IGNORECASE,
)

#: A one-word skill that modifies a noun naming where work happens ("a manufacturing
#: environment", "the manufacturing floor", "a retail business", "the banking
#: industry") names the setting, not a skill asked for: the compound's head is
#: another thing; unless that noun itself starts a compound ("sales, business
#: development", "the plant manager", "the company's policies").
_COMPOUND_NEXT = (
    r"(?![ \t]*['’]s\b)(?![ \t]+(?:development|analys[ie]s|analyst|analytics|intelligence|"
    r"operations|management|manager|process\w*|administration|acumen|units?|partner\w*|"
    r"strateg\w*|continuity|plan\w*|requirements|systems?|relationships?|leader\w*|"
    r"owner\w*|needs|goals|objectives|cases?|models?|law|ethics|writing|solutions|"
    r"applications|performance|finance|insights|rules|logic|sense|skills|knowledge|"
    r"experience|policies|policy|procedures|standards|maintenance|safety|design)\b)"
)
_SETTING_NOUN = (
    r"(?:environments?|settings?|industry|industries|sector|floor|plant|plants|facility|"
    r"facilities|company|companies|firm|firms|business|businesses|space)\b" + _COMPOUND_NEXT
)
#: A field of several words names a setting only before a word for a trade ("the
#: financial services industry", "a material handling company"): "a project
#: management environment" may be asked for.
_TRADE_NOUN = (
    r"(?:industry|industries|sector|company|companies|firm|firms|business|businesses)\b"
    + _COMPOUND_NEXT
)
#: A field that is an item of a list of settings ("a retail, logistics or
#: manufacturing business", "the logistics or transportation industry") is not
#: dropped (:func:`_setting`): the list may name the trade of the job itself.
_SETTING_LIST = (
    r"(?:[ \t]*(?:,|/|&|\band\b|\bor\b)(?:[ \t]*(?:and|or)\b)?[ \t]*"
    r"[\w-]+(?:[ \t]+[\w-]+)?)+[ \t]+"
)
_SETTING_AFTER = re.compile(r"[ \t]+" + _SETTING_NOUN, re.IGNORECASE)
_TRADE_AFTER = re.compile(r"[ \t]+" + _TRADE_NOUN, re.IGNORECASE)
_SETTING_LIST_AFTER = re.compile(  # "setting" and "space" end lists of skills too: "goal setting"
    _SETTING_LIST + _SETTING_NOUN.replace("settings?|", "settings|").replace("|space)", ")"),
    re.IGNORECASE,
)
_TRADE_LIST_AFTER = re.compile(_SETTING_LIST + _TRADE_NOUN, re.IGNORECASE)


def _setting(m: SkillMention, text: str, tax: Taxonomy) -> str | None:
    """Does the mention name the setting work happens in: ``"setting"`` when it
    modifies the setting's noun itself (:data:`_SETTING_AFTER`), ``"listed"`` when it
    is an item of a list of settings (:data:`_SETTING_LIST`), else None.  Only a field
    (a knowledge area or skill, not an acronym, not a programming language; of several
    words only before a trade's noun): "a GMP environment", "an Agile environment", "a
    Linux environment", "a Python environment" ask for GMP, Agile, Linux and Python."""
    if m.surface.isupper():
        return None
    several = " " in m.surface
    if (_TRADE_AFTER if several else _SETTING_AFTER).match(text, m.end):
        found = "setting"
    elif (_TRADE_LIST_AFTER if several else _SETTING_LIST_AFTER).match(text, m.end):
        found = "listed"
    else:
        return None
    return found if _field(m, tax) else None


def _field(m: SkillMention, tax: Taxonomy) -> bool:
    """Is the mention's skill a field (a knowledge area or skill, not a tool, not a
    programming language)?"""
    skill = tax.get(m.skill_id)
    return (
        skill is not None
        and skill.kind in ("knowledge", "hard_skill")
        and skill.category != "programming languages"
    )


#: A plural noun naming people ("supervisors", "external auditors", "Case Managers",
#: "machine operators") names the people a job works with, reports to or hires
#: ("communicate with customers, supervisors, peers"; "support from BCBAs, Case
#: Managers"), not a skill it asks for; the role itself is named in the singular.
#: Vendors and subcontractors are left out: managing them is a skill.
#: The people nouns of the extractor's context rules (:data:`rolematch._context.PEOPLE`)
#: and those postings name as colleagues.
_PEOPLE_NOUNS = PEOPLE | frozenset(
    """supervisors auditors trainers educators editors writers copywriters machinists
    leaders operators inspectors physicians agents representatives directors""".split()
)
_PEOPLE = re.compile(
    r"(?:[a-z&/-]+ ){0,2}(?:" + "|".join(sorted(_PEOPLE_NOUNS)) + ")", re.IGNORECASE
)


def _people(surface: str) -> bool:
    """Is the mention a plural noun naming people (:data:`_PEOPLE`), no verb before it
    ("assists managers", "manage subcontractors" name a skill)?"""
    return _PEOPLE.fullmatch(surface) is not None and not VERB_START.match(surface)


#: A field naming a team or department of the company, not a skill asked for: before
#: a team's noun ("collaborate with the marketing team", "our sales staff") or after
#: a head's title ("the Director of Marketing"); not a team the job leads or builds
#: ("lead the marketing team", "build a sales team": a skill), nor the job's own team
#: ("join our marketing team", "a member of the Marketing team"), nor a verb phrase
#: ("coach and mentor team members").
_TEAM_AFTER = re.compile(
    r"[ \t]+(?:and[ \t]+(?!(?:a|an|the)\b)[\w&-]+[ \t]+)?(?:teams?|departments?|dept\b|"
    r"staff|group|"
    r"personnel|colleagues|counterparts|organi[sz]ation)\b",
    re.IGNORECASE,
)
_HEAD_OF_BEFORE = re.compile(
    r"\b(?:director|manager|vp|vice president|head|chief|department|dept\.?)[ \t]+of"
    r"[ \t]+(?:the[ \t]+)?$",
    re.IGNORECASE,
)
_LEADS_BEFORE = re.compile(
    r"\b(?:lead|leads|leading|manage|manages|managing|build|builds|building|supervis\w+|"
    r"oversee\w*|direct|directs|directing|run|runs|running|head|heads|heading|grow|"
    r"grows|growing|develop|develops|developing|mentor\w*|coach\w*|train|trains|"
    r"training|hire|hires|hiring|join|joining|members? of|part of)[ \t]+"
    r"(?:(?:a|an|the|our|your|their|his|her)[ \t]+)?"
    r"(?:[\w&-]+[ \t]+){0,3}$",
    re.IGNORECASE,
)


#: A field that is an item of a list of departments ("internal stakeholders: Customer
#: Service, Logistics, Sales, and Finance departments", "the Design, QA and Business
#: teams"): the list ends in "and" / "&", an item, and a team's noun.
_TEAM_LIST_AFTER = re.compile(
    r"(?:[ \t]*,[ \t]*(?!(?:and|or|a|an|the)\b)[\w&-]+(?:[ \t]+[\w&-]+)?)*,?[ \t]*(?:and|&)"
    r"[ \t]+(?!(?:a|an|the)\b)[\w&-]+(?:[ \t]+[\w&-]+)?[ \t]+(?:teams|departments)\b",
    re.IGNORECASE,
)


#: The items of a list before a mention ("the logistics, sales and " before "finance").
_ITEMS_BEFORE = re.compile(
    r"(?:[\w&-]+(?:[ \t]+[\w&-]+)?(?:[ \t]*,[ \t]*|,?[ \t]+(?:and|&)[ \t]+))*$", re.IGNORECASE
)


def _led(text: str, start: int) -> bool:
    """Does a verb of leading or joining (:data:`_LEADS_BEFORE`) stand before ``start``,
    or before the list whose item starts there ("Lead the logistics, sales and finance
    teams": each of the three is led)?"""
    if _LEADS_BEFORE.search(text, max(0, start - 60), start):
        return True  # "hiring and interviewing staff": the verb may be an item itself
    items = _ITEMS_BEFORE.search(text, max(0, start - 120), start)
    at = items.start() if items else start
    return bool(_LEADS_BEFORE.search(text, max(0, at - 60), at))


#: "As Manager of Marketing Operations, you will…": the head's title is the job's; not
#: "such as" or "as well as" before it ("stakeholders such as the VP of Sales").
_AS_BEFORE = re.compile(
    r"(?<!\bsuch )(?<!\bwell )\bas[ \t]+(?:(?:a|an|the|our)[ \t]+)?(?:[\w-]+[ \t]+){0,2}$",
    re.IGNORECASE,
)


def _names_team(text: str, start: int, end: int, title: str = "") -> bool:
    """Does the mention ``text[start:end]`` name a team or department of the company
    (:data:`_TEAM_AFTER`, :data:`_HEAD_OF_BEFORE`), not one the job leads?  A head's
    title that is the job's own (its words all in ``title``, or after "As") names
    no one around the job."""
    if VERB_START.match(text[start:end]):
        return False
    head = _HEAD_OF_BEFORE.search(text, max(0, start - 40), start)
    if head:
        said = set(_plain(text[head.start() : end]).split()) - {"of", "the"}
        return not (
            said <= set(_plain(title).split())
            or _AS_BEFORE.search(text, max(0, head.start() - 40), head.start())
        )
    return bool(_TEAM_AFTER.match(text, end) and not _led(text, start))


#: A mention is a list item when a separator stands right before or after it
#: ("Python, SQL and Tableau"; "SQL/Python").
_LIST_BEFORE = re.compile(r"(?:[,;/&]|\band|\bor)\s*$", re.IGNORECASE)
_LIST_AFTER = re.compile(r"\s*[,;/&]")


def _list_sizes(found: dict[tuple[str, int], str], in_list: set[tuple[str, int]]) -> dict[str, int]:
    """Skill id → the size of the shortest list (the skills named as list items of one
    sentence) it is named in; 1 when one of its mentions is no list item."""
    size: dict[int, int] = defaultdict(int)
    for _sid, i in in_list:
        size[i] += 1
    out: dict[str, int] = {}
    for sid, i in found:
        n = size[i] if (sid, i) in in_list else 1
        out[sid] = min(out.get(sid, n), n)
    return out


def analyse_posting(
    text: str,
    *,
    title: str | None = None,
    source: str = "<text>",
    taxonomy: Taxonomy | None = None,
    extractor: SkillExtractor | None = None,
) -> PostingAnalysis:
    """Read, classify and weigh one posting."""
    if not text.strip():
        raise RolematchError(f"{source}: the job posting is empty")
    sents = read_posting(text)
    if not sents:
        raise RolematchError(f"{source}: the job posting is empty")
    title = title or _title(text, sents)
    tax = taxonomy if taxonomy is not None else Taxonomy.default()
    if extractor is None:
        extractor = (
            SkillExtractor.from_taxonomy(tax)
            if taxonomy is not None and taxonomy is not Taxonomy.default()
            else default_extractor()
        )
    clauses = classify(sents)
    cls_of = [max((c.cls for c in cs), key=lambda c: c in SKILL_CLASSES) for cs in clauses]
    found, notes = _evidence(extractor, sents, clauses, source, title, tax)
    decisions = _weigh(found, title, tax)
    skill_text = [(c, s.text) for c, s in zip(cls_of, sents) if c in SKILL_CLASSES or c == "other"]
    lo, hi = years_range(skill_text)
    level, fields, equiv = degree(skill_text)
    duties = [s.text for c, s in zip(cls_of, sents) if c == DUTY and not s.heading][:10]
    prose = [
        s.text for c, s in zip(cls_of, sents) if c in (DUTY, "other") and len(s.text.split()) > 6
    ]
    return PostingAnalysis(
        title=title,
        decisions=tuple(decisions),
        min_years=lo,
        max_years=hi,
        education_level=level,
        education_fields=fields,
        education_equivalent=equiv,
        seniority=seniority(title, lo),
        summary=" ".join(p if p[-1:] in ".!?:;" else p + "." for p in prose[:2])[:600],
        responsibilities=tuple(duties),
        text="\n".join(s.text for c, s in zip(cls_of, sents) if c in SKILL_CLASSES or c == "other"),
        warnings=tuple(notes),
        occupations=title_occupations(title),
    )


def _evidence(
    extractor: SkillExtractor,
    sents: list[Sentence],
    clauses: list[list[Clause]],
    source: str,
    title: str,
    tax: Taxonomy,
) -> tuple[_Mentions, list[str]]:
    """Skills from requirement, preferred and duty text; else from the posting's
    unclassified text; else the skills its title names; else the core skills of the
    occupation its title names; else none (the profile is its vocabulary).  Never from
    company, benefits, legal or how-to-apply text.  And notes saying which fallback."""
    notes: list[str] = []
    found = _mentions(extractor, sents, clauses, classes=SKILL_CLASSES, tax=tax, title=title)
    if not found.classes:
        found = _mentions(
            extractor, sents, clauses, classes=frozenset({"other"}), tax=tax, title=title
        )
        if found.classes:
            notes.append(
                "no skills in requirement, duty or preferred text: skills taken "
                "from the posting's unclassified text"
            )
    if not found.classes:
        found = _Mentions({m.skill_id: [REQUIRED] for m in extractor(title)})
        if found.classes:
            notes.append("no skills in the posting's text: the skills its title names")
    if not found.classes:
        found = _Mentions({sid: [DUTY] for sid in _occupation_core(title)})
        if found.classes:
            notes.append(
                "no skills in the posting's text or title: the core skills of the "
                "occupation its title names"
            )
    if not found.classes:
        notes.append(
            "no skills from the taxonomy were found: the profile is the "
            "posting's vocabulary only (title, text, years, degree)"
        )
    for note in notes:
        log.warning("%s: %s", source, note)
    return found, notes


#: How many of its most important skills an occupation lends a posting that names none.
OCCUPATION_FALLBACK = 10


#: The title search must be this sure before a posting takes its occupation's skills
#: (higher than for the profile's ``occupations``: here the skills are all it has;
#: "Assistant Principal" → secretaries is 0.6 sure).
FALLBACK_MIN_CONFIDENCE = 0.7


def _occupation_core(title: str) -> list[str]:
    """The required skills of the occupation the title names, as the occupation index
    profiles it (core first: :func:`rolematch.occupations.occupation_profile`), when
    the title search is at least :data:`FALLBACK_MIN_CONFIDENCE` sure."""
    from .occupations import OccupationIndex, occupation_profile

    try:
        index = OccupationIndex.default()
    except ModelError:
        return []
    hits = index.search(title, 1) if title.strip() else []
    if not hits or hits[0][1] < FALLBACK_MIN_CONFIDENCE:
        return []
    profile = occupation_profile(hits[0][0], index)
    return [sid for sid, _w in profile.required[:OCCUPATION_FALLBACK]]


def _weigh(found: _Mentions, title: str, tax: Taxonomy) -> list[SkillDecision]:
    from ._model import default_text_model

    model = default_text_model()
    names, kinds = {}, {}
    for sid in found.classes:
        skill = tax.get(sid)
        names[sid] = skill.terms if skill else (sid.replace("-", " "),)
        kinds[sid] = (skill.kind, skill.source) if skill else ("", "")
    return weigh(
        found.classes,
        title=title,
        names=names,
        kinds=kinds,
        distinct=model.skill_weight,
        listed=found.listed,
        alias_only=found.alias_only,
        settings=found.settings,
        people=found.people,
    )
