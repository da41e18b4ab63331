"""Private: context rules that accept or reject a skill match (used by
:mod:`rolematch.extract`).

Two kinds of rule, both on one line's tokens:

* :func:`confirmed` — a form that is also an ordinary word ("Go", "Excel", "React",
  lowercase "docker") counts only with evidence: a context word of its skill, or
  standing as an item of a list (between separators, or right beside another
  skill as in the tag cloud "javascript reactjs java") next to another skill, in a
  list-like line, or in the résumé's skills section.
* :func:`vetoed` — any match is rejected where the words around it show it names
  something else: a standard or code ("API 1104", "AWS D1.1"), a department
  ("Quality Assurance Departments"), part of a proper name such as an employer
  ("North Star Marketing", "LinkedIn Top Companies"), or boilerplate ("the
  academy's mission and philosophy", "in close collaboration with"), or a verb
  ("we are hiring").
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence

from ._tokenize import NEWLINE

#: list bullets and dashes: they separate list items and end a sentence alike
_BULLETS = frozenset({"•", "·", "▪", "●", "◦", "►", "➢", "✓", "*", "–", "—"})
SEP_BEFORE = _BULLETS | {
    ",", ";", ":", "/", "|", "(", "[", "and", "or", "&", "+", "like", "including",
    "e.g.", "as", "using", "with",
}  # fmt: skip
SEP_AFTER = frozenset({",", ";", "/", "|", ")", "]", ".", "and", "or", ":", "+"})
LIST_MARKS = frozenset({",", ";", "|", "•", "·", "/"})
HARD_VETO_NEXT = frozenset({"-", "&", "'s", "’s", "@"})
WINDOW = 12
NEIGHBOUR = 6

#: Words after a skill name that make it the name of a unit of an organisation.
DEPARTMENT = frozenset(
    {
        "department",
        "departments",
        "dept",
        "dept.",
        "division",
        "divisions",
        "office",
        "offices",
        "unit",
    }
)
#: Capitalized words that may follow a skill name without making it part of a
#: proper name: job titles ("Marketing Manager"), headings ("Python Skills"), months.
TITLE_WORDS = frozenset(
    """
manager managers coordinator specialist assistant director analyst engineer intern
associate representative rep lead officer consultant supervisor clerk technician
administrator developer designer teacher executive architect instructor agent
generalist accountant auditor nurse aide operator writer editor professional
strategist partner advisor adviser expert trainer head chief president vp worker
workers crew member leader attendant teller cashier driver mechanic inspector planner
scheduler buyer recruiter therapist liaison handler helper apprentice advocate
skills skill experience certification certificate certified tools tool systems
endorsed endorsement endorsements licensed license licence
software programming development developers projects project
jan feb mar apr may jun jul aug sep sept oct nov dec january february march april
june july august september october november december current present
""".split()
)
#: Capitalized nouns after a tool's name that name its packaging, not another
#: product: "Microsoft Office Suite Products", "Adobe Creative Cloud Applications".
PRODUCT_NOUNS = frozenset(
    "products product applications application apps programs suite suites platform".split()
)
#: Words before "in" / "with" / "of" that ask for a named tool ("Proficient in Excel",
#: "knowledge of Word"): a capitalized ambiguous name after them is the tool.  Not
#: "working": "Working with Teams, partners and vendors" names people
#: ("experience working with Teams" has its "experience").
PROFICIENCY = frozenset(
    """proficient proficiency proficiencies experience experienced expertise expert
    knowledge knowledgeable skilled skills skill familiarity familiar competency
    competence competent fluency fluent comfortable advanced""".split()
)
#: Words after a name asked for by name that end it there ("Experience with Workday
#: is a plus", "Knowledge of Excel preferred"), as a separator does: no noun phrase
#: goes on ("Experience with Spark plugs").
ASKED_AFTER = frozenset(
    """is are a an preferred required desired desirable helpful strongly highly would
    will should must""".split()
)
#: A tool named like a job ("Restaurant Manager", point-of-sale software) is the
#: job unless one of these words stands on its line (:data:`TITLED_TOOL`).
TOOL_WORDS = frozenset(
    """software system systems pos platform application applications app apps tool
    tools program programs module modules suite version erp crm cms""".split()
)
#: Last words of a job's name that name a person ("manager", "planner").
JOB_HEADS = frozenset(
    """manager coordinator specialist assistant director analyst engineer associate
    representative officer consultant supervisor clerk technician administrator
    developer designer teacher executive architect instructor agent accountant auditor
    nurse operator writer editor strategist advisor adviser trainer planner scheduler
    buyer recruiter therapist inspector mechanic driver cashier""".split()
)
#: The kind the compiled patterns give a tool whose every name is ordinary words
#: ending in a person's job ("Restaurant Manager", "Bid Assistant").
TITLED_TOOL = "titled_tool"
#: People named in the plural: "a team of Project Managers", "scrum masters" name
#: colleagues, not a skill of the reader.
PEOPLE = frozenset(
    """
managers masters engineers developers designers analysts consultants specialists
coordinators recruiters teachers nurses assistants architects testers programmers
accountants officers administrators technicians
""".split()
)
#: Capitalized words before a skill name in a job title ("Senior Outreach Liaison").
TITLE_PREFIXES = frozenset(
    "senior junior lead chief head assistant associate principal staff deputy general".split()
)
#: Forms of "be" that make a following -ing word a verb ("we are hiring").
BE_FORMS = frozenset({"am", "is", "are", "was", "were", "be", "been", "'re", "’re"})
#: Words that make nearby knowledge nouns boilerplate ("our mission and philosophy").
BOILERPLATE = frozenset({"mission", "vision", "values", "ethos"})
#: Nouns a quality word describes when it names a workplace, not a person ("a
#: collaborative and flexible environment", "a motivated culture").
WORKPLACE = frozenset({"environment", "environments", "culture", "atmosphere", "workplace"})
#: Groups of people a quality word describes ("a motivated team", "dedicated
#: colleagues"): the group's quality, not the person's, unless a role follows ("a
#: dedicated team player").
GROUPS = frozenset({"team", "teams", "colleagues", "coworkers", "co-workers", "crew"})
_WORKPLACE_OR_GROUP = WORKPLACE | GROUPS
#: Endings of nouns ("leadership", "coaching"), which name a skill next to a group
#: noun rather than describe the group.
NOUN_ENDINGS = ("ship", "ing", "ment", "ness", "tion")
#: Words after a group noun that make it the person's role or trait ("team player",
#: "team-oriented"), hyphenated or not.
TEAM_ROLES = frozenset(
    """player players member members leader lead worker oriented focused builder""".split()
)
#: Subjects that make "we are X" describe the company, not the candidate.
GROUP_SUBJECTS = frozenset({"we", "they"})
#: Words of an equal-opportunity statement: a line holding several of them lists
#: protected grounds ("race, religion, gender, pregnancy or disability"), not skills.
PROTECTED_GROUNDS = frozenset(
    """race color colour religion religious sex gender disability disabilities veteran
    orientation marital ethnicity ethnic ancestry creed pregnancy genetic""".split()
)
#: How a sentence opens when the company describes itself ("We are a fintech
#: company…", "Our platform runs on…"); one that also speaks to the reader ("you",
#: "your") may ask for something, so it is not one of them.
COMPANY_OPENINGS = frozenset({"We're", "We’re", "Our"})
READER = frozenset({"you", "your", "you'll", "you’ll", "you're", "you’re", "yourself"})
#: Words that make such a sentence ask for someone ("We are looking for…").
ASKING = frozenset(
    """looking seeking searching hiring recruiting need needs want wants require
    requires expect expects""".split()
)
_FULL_STOP = _BULLETS | {".", "!", "?", NEWLINE}
#: Words after "reporting" that make it a reporting line ("reporting to the CTO").
REPORTING_LINE = frozenset({"to", "into", "directly"})
#: Words that show a run of tokens is a sentence, not a list of names.
FUNCTION_WORDS = frozenset(
    """
a an the to of in on at for by from with into is are was were be been being am has
have had do does did will would can could should may might must shall we you i he
she it they our your their my his her its this that these those who which what
""".split()
)
_SENTENCE_END = _BULLETS | {".", "!", "?", ":", ";", "-", "|", "(", ")", ","}


def line_bounds(words: Sequence[str], s: int, e: int, width: int = WINDOW) -> tuple[int, int]:
    """Token range around [s, e) on the same line, at most ``width`` each side."""
    lo = s
    while lo > 0 and s - lo < width and words[lo - 1] != NEWLINE:
        lo -= 1
    hi = e
    while hi < len(words) and hi - e < width and words[hi] != NEWLINE:
        hi += 1
    return lo, hi


def confirmed(
    words: Sequence[str],
    s: int,
    e: int,
    section: str,
    rule: Mapping[str, Collection[str]],
    plain: Sequence[tuple[int, int]],
    covered: Collection[int],
) -> bool:
    """Is an ambiguous form at tokens [s, e) meant as the skill?"""
    lo, hi = line_bounds(words, s, e)
    prev = words[s - 1] if s > lo else None
    nxt = words[e] if e < hi else None
    if nxt is not None and (nxt in HARD_VETO_NEXT or nxt.lower() in rule.get("veto_next", ())):
        if not _as_well_as(words, e):
            return False
    if prev == "-" and s - 1 > lo:
        return False  # "top-R", "T-C"
    context = set(rule.get("context", ()))
    window = [*words[lo:s], *words[e:hi]]
    if context and any(w.lower() in context for w in window):
        return True
    ends = nxt is None or nxt.lower() in SEP_AFTER or e in covered
    if (ends or (nxt or "").lower() in ASKED_AFTER) and _asked_by_name(words, lo, s):
        return True  # "Proficient in Excel." (not "Experience with Spark plugs")
    standalone = ends and (prev is None or prev.lower() in SEP_BEFORE or s - 1 in covered)
    if not standalone:
        return tag_cloud(words, lo, hi, s, e, covered)
    if section == "skills":
        return True
    if any(
        ps < hi and pe > lo and (abs(ps - e) <= NEIGHBOUR or abs(s - pe) <= NEIGHBOUR)
        for ps, pe in plain
    ):
        return True
    return sum(1 for w in window if w in LIST_MARKS) >= 2


def _asked_by_name(words: Sequence[str], lo: int, s: int) -> bool:
    """Does a capitalized form at token ``s`` follow "in" / "with" / "of" after a
    :data:`PROFICIENCY` word ("Proficient in Excel", "advanced knowledge of Word")?
    Up to two words may stand between ("experience working with Teams").  The caller
    checks that the name ends there: "Experience with Spark plugs" asks for plugs."""
    if s - 2 < lo or not words[s][:1].isupper() or words[s - 1].lower() not in ("in", "with", "of"):
        return False
    return any(w.lower() in PROFICIENCY for w in words[max(lo, s - 4) : s - 1])


def _as_well_as(words: Sequence[str], e: int) -> bool:
    """Do the words from token ``e`` read "as well as" (a list going on: "especially
    Excel as well as Word"), which no veto word after a name ("excel as a leader")
    means?"""
    return [w.lower() for w in words[e : e + 3]] == ["as", "well", "as"]


def tag_cloud(
    words: Sequence[str], lo: int, hi: int, s: int, e: int, covered: Collection[int]
) -> bool:
    """Is tokens [lo, hi) a run of skill names without sentence words around [s, e)
    ("javascript reactjs java", "MySQL Nginx Hibernate Apache Java Spring")?
    At least two other tokens are skills and none is a function word, or at least
    three and one function word ("Vendor Relations Payroll Onboarding Road to Growth")."""
    others = sum(1 for i in range(lo, hi) if i in covered and not s <= i < e)
    function = sum(1 for w in words[lo:hi] if w.lower() in FUNCTION_WORDS)
    return others >= 2 and (function == 0 or (others >= 3 and function == 1))


def _capitalized(word: str) -> bool:
    return word[:1].isupper() and word[1:2].islower() and word.isalpha()


def _line_start(words: Sequence[str], i: int) -> bool:
    """Is token ``i`` the first of its line or sentence?"""
    return i == 0 or words[i - 1] == NEWLINE or words[i - 1] in _SENTENCE_END


def vetoed(
    words: Sequence[str],
    s: int,
    e: int,
    section: str,
    kind: str,
    covered: Collection[int],
    verb_phrase: Callable[[], bool] = lambda: False,
) -> bool:
    """Do the words around tokens [s, e) show they name something other than a skill?
    ``verb_phrase()``: is the match the skill's own verb and its object ("Supported
    nurses" for "support nurses"), so people at its end are its object, not colleagues?
    Asked only of a match ending in people."""
    nxt = words[e] if e < len(words) and words[e] != NEWLINE else ""
    prev = words[s - 1] if s > 0 and words[s - 1] != NEWLINE else ""
    span = words[s:e]
    # a standard or code: "API 1104", "AWS D1.1"
    if (
        len(span) == 1
        and span[0].isupper()
        and len(span[0]) > 1
        and any(c.isdigit() for c in nxt)
        and e not in covered
    ):
        return True
    if nxt.lower() in DEPARTMENT or (_people(span) and not verb_phrase()):
        return True
    if kind == TITLED_TOOL and section != "skills":
        lo, hi = line_bounds(words, s, e)
        if not any(w.lower() in TOOL_WORDS for w in words[lo:hi]):
            return True  # "The Restaurant Manager will oversee…": the job, not the POS
    if len(span) == 1 and span[0].lower().endswith("ing") and prev.lower() in BE_FORMS:
        return True  # "we are hiring", "is teaching": a verb, not the skill's name
    if kind in ("knowledge", "soft_skill") and len(span) == 1:
        lo, hi = line_bounds(words, s, e, 4)
        if any(w.lower() in BOILERPLATE for w in words[lo:hi]):
            return True
    if kind == "soft_skill" and prev.lower() in ("in", "close") and nxt.lower() == "with":
        return True  # "in close collaboration with"
    if kind == "soft_skill" and len(span) == 1 and _describes_workplace(words, e):
        return True  # "a collaborative and flexible environment"
    if (kind == "soft_skill" or words[s].lower() in BE_FORMS) and _group_subject(words, s, prev):
        return True  # "we are open-minded": the company describing itself
    if len(span) == 1 and span[0].lower() == "reporting" and nxt.lower() in REPORTING_LINE:
        return True  # "reporting to our DevOps Manager": a reporting line, not reporting
    wlo, whi = line_bounds(words, s, e)
    if len({w.lower() for w in words[wlo:whi]} & PROTECTED_GROUNDS) >= 3:
        return True  # "… veteran status, pregnancy or disability": protected grounds
    if words[s][:1].islower() and _company_sentence(words, s):
        return True  # "We are developing an AI for developers": what the company does
    if section == "skills":
        return False
    return _in_proper_name(words, s, e, prev, nxt, covered) and not tag_cloud(
        words, wlo, whi, s, e, covered
    )


def _company_sentence(words: Sequence[str], s: int) -> bool:
    """Does the sentence holding token ``s`` open with the company describing itself
    ("We are …", "We're …", "Our …", capitalized), never speaking to the reader nor
    asking for someone?"""
    lo = s
    while lo > 0 and words[lo - 1] not in _FULL_STOP:
        lo -= 1
    first = words[lo] if lo < len(words) else ""
    if not (
        first in COMPANY_OPENINGS
        or (first == "We" and lo + 1 < len(words) and words[lo + 1] == "are")
    ):
        return False
    hi = s
    while hi < len(words) and words[hi] not in _FULL_STOP:
        hi += 1
    return not any(w.lower() in READER or w.lower() in ASKING for w in words[lo:hi])


def _people(span: Sequence[str]) -> bool:
    """Is ``span`` a noun compound naming people ("Project Managers", "scrum
    masters"), not a phrase about them ("work with managers")?"""
    return (
        len(span) > 1
        and span[-1].lower() in PEOPLE
        and not any(w.lower() in FUNCTION_WORDS for w in span)
    )


def _group_subject(words: Sequence[str], s: int, prev: str) -> bool:
    """Does a match at token ``s`` follow "we are" / "they are" (or start with "are"
    after "we")?"""
    if words[s].lower() in BE_FORMS:
        return prev.lower() in GROUP_SUBJECTS
    return prev.lower() in BE_FORMS and s > 1 and words[s - 2].lower() in GROUP_SUBJECTS


def _describes_workplace(words: Sequence[str], e: int, width: int = 4) -> bool:
    """Does the quality word before token ``e`` describe a workplace or a group of
    people, not the reader? After a noun ("leadership and teams") only a workplace."""
    if words[e - 1].lower().endswith(NOUN_ENDINGS):  # "leadership and teams"
        return _before_noun(words, e, width, WORKPLACE)
    return _before_noun(words, e, width, _WORKPLACE_OR_GROUP)


def _before_noun(words: Sequence[str], e: int, width: int, nouns: frozenset[str]) -> bool:
    """Is the word before token ``e`` one of the adjectives before a workplace or group
    noun ("collaborative and flexible environment", "a motivated team")?
    Only words, hyphens, commas and "and" may stand between."""
    for i, w in enumerate(words[e : e + width + 1], start=e):
        low = w.lower()
        if low in nouns:
            return low not in GROUPS or not _team_role(words, i + 1)
        if low in FUNCTION_WORDS or not (w.isalpha() or w in ("-", ",", "&")):
            return False
    return False


def _team_role(words: Sequence[str], j: int) -> bool:
    """Does token ``j`` (or the one after a hyphen there) make the group word before it
    a role or trait of the person ("team player", "team-oriented")?"""
    if j < len(words) and words[j] == "-":
        j += 1
    return j < len(words) and words[j].lower() in TEAM_ROLES


def _in_proper_name(
    words: Sequence[str], s: int, e: int, prev: str, nxt: str, covered: Collection[int]
) -> bool:
    """A capitalized skill name inside a run of capitalized words that are no skill:
    an employer, a product or a list's title ("North Star Marketing")."""
    if not all(w[:1].isupper() for w in words[s:e] if w.isalpha()):
        return False
    if e - s > 1 and words[e - 1].lower() in TITLE_WORDS:
        return False  # a job title before its employer: "Reading Teacher Acme Schools"
    if (
        nxt
        and _capitalized(nxt)
        and e not in covered
        and nxt.lower() not in TITLE_WORDS
        and nxt.lower() not in PRODUCT_NOUNS
    ):
        return True
    return (
        bool(prev)
        and _capitalized(prev)
        and s - 1 not in covered
        and prev.lower() not in TITLE_PREFIXES
        and not _line_start(words, s - 1)
    )
