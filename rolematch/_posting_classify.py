"""Private: every sentence of a posting, and every clause of it, gets a class.

Classes: ``required``, ``preferred``, ``duty`` (skill-bearing), and ``company``,
``benefits``, ``legal`` (equal opportunity, accommodation, physical demands),
``apply`` (how to apply) and ``other`` (no skills are taken from these).

A sentence's class comes from what it says first (an equal-opportunity or benefits
sentence is that wherever it sits), then from the section it sits in, then from its
form (a sentence opening with a verb describes a duty; one asking for experience,
knowledge or a degree states a requirement).

Inside a skill-bearing sentence, cues apply to their own clause (clauses are cut at
``;``, ``,``, "but", "while" and brackets): "Experience with SQL required, Tableau a
plus" makes SQL required and Tableau preferred.  A clause without a cue of its own takes
the cue of the next clause that has one ("Python, SQL and Tableau are preferred"), else
of the previous one, else the sentence's class.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ._posting_cues import (
    APPLY_CUE,
    BENEFITS_CUE,
    COMPANY_CUE,
    CONTACT_CUE,
    Cue,
    LEGAL_CUE,
    MONEY,
    NAMED_DOES,
    OURS,
    PREF_CUE,
    REPORTS_TO,
    REQ_CUE,
    REQ_FORM,
    ROLE_WORDS,
    TRADE_ASKED,
    TRADE_CUE,
    WEAK_BENEFITS,
    WORKER_FUNCTIONS,
    word_starts,
)
from ._posting_read import (
    APPLY,
    ASKS_FOR,
    BENEFITS,
    COMPANY,
    DUTIES,
    LEGAL,
    OTHER,
    PREFERRED,
    REQUIREMENTS,
    ROLE,
    Sentence,
)

__all__ = [
    "DUTY",
    "PREF",
    "PREF_CUE",
    "REQUIRED",
    "SKILL_CLASSES",
    "VERB_START",
    "Clause",
    "classify",
]

REQUIRED, PREF, DUTY = "required", "preferred", "duty"
SKILL_CLASSES = frozenset({REQUIRED, PREF, DUTY})


#: A years figure ("3 years", "2+ yrs"): what a label's text asks for.
_YEARS_FIGURE = re.compile(r"\b\d{1,2}\s*\+?\s*(?:years?|yrs?)\b", re.IGNORECASE)


def _reports_to(text: str) -> bool:
    """Is the sentence a reports-to label naming a person (:data:`REPORTS_TO`), not a
    label before a requirement ("Supervisor: must have 3 years of…")?  The person's
    title may hold a requirement's noun ("Supervisor: Manager, Customer Experience"):
    only a cue, an asking form (:data:`ASKS_FOR`) or a years figure makes a requirement."""
    label = REPORTS_TO.match(text)
    if label is None:
        return False
    rest = text[label.end() :]
    rws = word_starts(rest)
    return not (
        ASKS_FOR.match(rest)
        or _YEARS_FIGURE.search(rest)
        or REQ_CUE.search(rest, rws)
        or PREF_CUE.search(rest, rws)
    )


#: A clause saying the candidate should want to take part in the company's own work
#: ("the curiosity and drive to join our service lines of public health, housing and
#: education", "passionate about our work") names the
#: company's fields, not a skill asked for: no skill is taken from it, unless it also
#: asks for experience, knowledge or skills (:data:`REQ_FORM`). An interest in a
#: field itself ("a passion for storytelling", "eager to push digital marketing
#: through data analysis") is how the gold postings ask for a skill, and stays one.
_INTEREST = re.compile(
    r"\b(?:curiosity|curious|motivation|motivated|passion|passionate|interest|interested|"
    r"enthusiasm|enthusiastic|desire|love|eager)\b(?:\W+\w+){0,5}?\W+"
    r"(?:our|the company['’]s)\b",
    re.IGNORECASE,
)
INTEREST = "interest"
#: A bracket that holds nothing but a cue, annotating the item before it (the
#: "Nursing: 5 years (Required)", "BLS Certification (Preferred)" of job-board forms).
_BARE_CUE = re.compile(
    r"^\s*(?:preferred|required|optional|desired|a plus|nice to have|"
    r"preferred,? (?:but )?not required|not required|mandatory)\s*$",
    re.IGNORECASE,
)
_CLAUSE_CUT = re.compile(
    r"\s*(?:;|,(?!\d{3})|\bbut\b|\bwhile\b|\bwhereas\b|[()])\s*", re.IGNORECASE
)
VERB_START = re.compile(
    r"^(?:and\s+)?(?:assist|build|conduct|coordinate|create|design|develop|drive|ensure|"
    r"establish|execute|help|identify|implement|lead|maintain|manage|monitor|oversee|"
    r"own|partner|perform|plan|prepare|process|provide|recommend|report|research|"
    r"resolve|review|run|serve|support|track|train|update|work|write|analy[sz]e|"
    r"collaborate|communicate|deliver|define|evaluate|facilitate|generate|handle|"
    r"investigate|liaise|negotiate|operate|optimi[sz]e|organi[sz]e|participate|"
    r"prioriti[sz]e|produce|promote|reconcile|respond|schedule|set|answer|apply|"
    r"audit|collect|compile|complete|contribute|deploy|document|draft|edit|engage|"
    r"enter|file|follow|gather|greet|guide|install|inspect|interpret|launch|mentor|"
    r"model|order|place|present|program|repair|sell|source|supervise|test|"
    r"troubleshoot|use|utili[sz]e|verify|act|advise|advocate|align|architect|"
    r"assess|attend|automate|calculate|champion|clean|coach|configure|consult|"
    r"cultivate|debug|demonstrate|diagnose|direct|distribute|educate|"
    r"enhance|estimate|forecast|foster|grow|host|improve|influence|integrate|"
    r"measure|motivate|navigate|nurture|prospect|publish|pull|purchase|"
    r"recruit|reduce|refine|represent|scale|shape|ship|solve|spearhead|staff|"
    r"streamline|teach|translate|treat|administer|acquire|adhere|keep|"
    r"make|meet|take|bring|stay|be)(?:s|es|ed|ing)?\b",
    re.IGNORECASE,
)
_BOILER = {LEGAL, BENEFITS, COMPANY, APPLY}


@dataclass(frozen=True)
class Clause:
    """A span of one sentence (character offsets into ``Sentence.text``) and its class."""

    sentence: int
    start: int
    end: int
    cls: str


def sentence_class(s: Sentence, ws: tuple[frozenset[str], frozenset[str]] | None = None) -> str:
    """The class of a whole sentence (before its clauses are looked at)."""
    text = s.text
    ws = word_starts(text) if ws is None else ws
    if s.heading or _reports_to(text):
        return OTHER
    if LEGAL_CUE.search(text, ws) or WORKER_FUNCTIONS.match(text):
        return LEGAL
    req_form = REQ_FORM.search(text, ws)
    if s.section in (LEGAL, APPLY) and not req_form:
        return s.section
    benefit = (
        BENEFITS_CUE.search(text, ws)
        or (("$" in text or "/" in text) and MONEY.search(text))
        or (WEAK_BENEFITS.search(text, ws) and not _works(s, req_form))
        or (TRADE_CUE.search(text, ws) and not TRADE_ASKED.search(text))
    )
    if benefit and not (s.section in (REQUIREMENTS, PREFERRED) and REQ_CUE.search(text, ws)):
        return BENEFITS
    if s.section == LEGAL:  # "Education/Experience: Bachelor's preferred" after a legal part
        return REQUIRED
    if (
        s.section not in (REQUIREMENTS, PREFERRED, DUTIES) and APPLY_CUE.search(text, ws)
    ) or CONTACT_CUE.search(text, ws):
        return APPLY
    role_words = ROLE_WORDS.search(text, ws)
    joins_to_work = _joins_to_work(text)
    if not joins_to_work and (
        (not role_words and (COMPANY_CUE.search(text) or NAMED_DOES.match(text)))
        or OURS.match(text)
        or (not req_form and (_VALUES.search(text, ws) or _PITCH.match(text)))
    ):
        return COMPANY
    if s.section == REQUIREMENTS:
        return REQUIRED
    if s.section == PREFERRED:
        return PREF
    if s.section == DUTIES or joins_to_work:
        return DUTY
    if s.section == COMPANY and role_words and (req_form or VERB_START.match(text)):
        return REQUIRED if REQ_CUE.search(text, ws) else DUTY
    if s.section in _BOILER:
        if ASKS_FOR.match(text):  # "Ability to read blueprints" after an "About us"
            return REQUIRED
        return DUTY if VERB_START.match(text) else s.section
    if REQ_CUE.search(text, ws) or req_form:  # asks for experience, skills, a degree…
        return REQUIRED
    if role_words or VERB_START.match(text):
        return DUTY
    if s.section == ROLE:
        return DUTY
    return OTHER


#: A verb that is a label's noun ("Schedule: 8 hour shift", "Work Shift").
_LABEL_AFTER = re.compile(r"\s*(?::|shifts?\b|schedule\b)", re.IGNORECASE)


#: The employer selling itself, in any section: its values ("our core values of
#: respect, collaboration…") and the invitation to join it ("When you work here,
#: you'll have …", "Be a part of a company that's changing…",
#: "Come join us", "Why work with us"), either unless the sentence also asks for
#: something ("Must live our core values and have 3+ years of …").
_VALUES = Cue(r"\b(?:core values|our values)\b")
_PITCH = re.compile(
    r"^(?:[^:]{0,30}:\s*)?(?:when you (?:work|join) (?:here|us|our)|come (?:join|be)|"
    r"(?:be|become) (?:a )?part of (?:a|an|our|this)|why (?:work|join)|"
    r"join (?:us|our (?:[\w-]+ )?team|a team of))\b",
    re.IGNORECASE,
)


#: The invitation to join that goes on to say what the job does ("Join our team and
#: provide care to patients", "Come join us to manage payroll"): a duty, not the
#: company's pitch; not when what follows is the candidate's own gain or the company's
#: ("and grow your career", "and make a difference", "and help us shape the future"),
#: nor when the verb's object is "our …" ("and serve our community"; so "to manage our
#: payroll" stays company text too).
_JOIN = re.compile(
    r"^(?:[^:]{0,30}:\s*)?(?:come |why )?(?:join|be (?:a )?part of)\b", re.IGNORECASE
)
_JOINED_WORK = re.compile(r"\s(?:and|to)\s+(?=\w)", re.IGNORECASE)
_NO_WORK = re.compile(
    r"^(?:and\s+)?(?:\w+)\s+(?:(?:you|your|yourself|us|our|a difference|the (?:future|world|"
    r"difference|next)|part|with us|here|together|in)\b|(?:career|future)\b)|"
    r"^(?:be|make|grow|take|stay|keep|meet|bring|work|help|enjoy)\b",
    re.IGNORECASE,
)


#: A duty verb in its base form ("and provide", "to manage"; not "committed to
#: delivering").
_VERB_BASE = re.compile(VERB_START.pattern.replace(r"(?:s|es|ed|ing)?\b", r"\b"), re.IGNORECASE)


def _joins_to_work(text: str) -> bool:
    """Does an invitation to join go on to say what the job does (:data:`_JOIN`)?"""
    join = _JOIN.match(text)
    if join is None:
        return False
    # the invitation's own clause, after any label ("Our promise: join us and…")
    first = re.split(r"[,;:(]", text[join.end() :], maxsplit=1)[0]
    for m in _JOINED_WORK.finditer(first):
        rest = text[join.end() + m.end() :]
        if _VERB_BASE.match(rest) and not _NO_WORK.match(rest):
            return True
    return False


def _works(s: Sentence, req_form: re.Match[str] | None) -> bool:
    """Does the sentence say what the job does or asks for (it opens with a duty verb
    or asks for something, or it states a requirement in a requirements, preferred or
    duties section)?  What it gives is then no benefits (:data:`WEAK_BENEFITS`)."""
    verb = VERB_START.match(s.text)
    return bool(
        (verb and not _LABEL_AFTER.match(s.text, verb.end()))
        or ASKS_FOR.match(s.text)
        or (req_form and s.section in (REQUIREMENTS, PREFERRED, DUTIES))
    )


def _interest(text: str, ws: tuple[frozenset[str], frozenset[str]]) -> bool:
    """Does the text ask the candidate to want the company's own work (:data:`_INTEREST`)?"""
    return ("our" in ws[0] or "company" in ws[0]) and bool(_INTEREST.search(text))


#: A clause saying a thing is not needed ("No lesson planning required", "no prior
#: experience necessary") asks for nothing ("no less than 3 years" is no such clause).
_NOT_NEEDED = re.compile(
    r"^\W*(?:no|none)\s+(?!(?:less|fewer|more|later|sooner|other)\b)(?:[\w/&'’-]+\s+){0,5}?"
    r"(?:is\s+|are\s+)?(?:required|necessary|needed|expected)\b",
    re.IGNORECASE,
)


def _clause_cue(text: str, ws: tuple[frozenset[str], frozenset[str]]) -> str | None:
    if (
        (_interest(text, ws) and not REQ_FORM.search(text, ws))
        or ("no" in ws[0] or "none" in ws[0])
        and _NOT_NEEDED.match(text)
    ):
        return INTEREST
    if PREF_CUE.search(text, ws):
        return PREF
    if REQ_CUE.search(text, ws):
        return REQUIRED
    return None


def _spans(text: str) -> list[tuple[int, int, bool]]:
    """(start, end, inside brackets) of each clause of a sentence."""
    spans: list[tuple[int, int, bool]] = []
    start, depth = 0, 0
    for m in _CLAUSE_CUT.finditer(text):
        if m.start() > start:
            spans.append((start, m.start(), depth > 0))
        depth = max(0, depth + m.group().count("(") - m.group().count(")"))
        start = m.end()
    if start < len(text):
        spans.append((start, len(text), depth > 0))
    return spans


#: The last item of a comma list ("…, Python and/or SQL is a plus"): its cue covers
#: the list ("Strong SQL skills, Tableau is a plus" is two items).
_LIST_END = re.compile(r"^(?:and\s+)?[^\s].{0,60}?\s(?:and/or|and|or)\s", re.IGNORECASE)


def _borrowed_cue(
    k: int, text: str, spans: list[tuple[int, int, bool]], cues: list[str | None]
) -> str | None:
    """The cue a clause without its own takes: the next clause's with one, else the
    previous one's, never across a ";"; a bracketed cue ("(preferably Azure)") stays
    inside its brackets."""
    a, b, _ = spans[k]
    for j in range(k + 1, len(spans)):
        if ";" in text[b : spans[j][0]]:
            break
        if cues[j] is not None and not spans[j][2]:
            return cues[j]
    for j in range(k - 1, -1, -1):
        if ";" in text[spans[j][1] : a]:
            break
        if cues[j] is not None and not spans[j][2]:
            return cues[j]
    return None


#: A clause ending in a preference adverb after a conjunction ("Experience in
#: cardiology and preferably, in oncology"): the adverb is the next clause's.
_TRAILING_PREF = re.compile(r"\s*\b(?:and|or|but|,)?\s*(?:preferably|ideally)\s*$", re.IGNORECASE)


def _forward_cues(
    text: str, spans: list[tuple[int, int, bool]], cues: list[str | None]
) -> set[int]:
    """The clauses a trailing preference adverb (:data:`_TRAILING_PREF`) of the clause
    before covers; that clause's own cue is what it says without the adverb (``cues``
    is updated in place)."""
    out: set[int] = set()
    for k in range(len(spans) - 1):
        a, b, _ = spans[k]
        m = _TRAILING_PREF.search(text, a, b)
        if m is None or m.start() == a or cues[k + 1] is not None:
            continue
        own = text[a : m.start()]
        cues[k] = _clause_cue(own, word_starts(own))
        out.add(k + 1)
    return out


def clauses(
    index: int, s: Sentence, cls: str, ws: tuple[frozenset[str], frozenset[str]] | None = None
) -> list[Clause]:
    """The sentence cut into clauses, each with its own class.  A clause without a cue
    takes a neighbour's when it is a bare list item, or when the sentence's cues all
    say "preferred", no ";" separates it from the next one and that one ends a list
    ("Familiarity with Bash, Ruby and/or SQL is a plus")."""
    ws = word_starts(s.text) if ws is None else ws
    if cls not in SKILL_CLASSES or (  # one class throughout
        _clause_cue(s.text, ws) is None and not _interest(s.text, ws)
    ):
        return [Clause(index, 0, len(s.text), cls)]
    spans = _spans(s.text)
    if not spans:
        return [Clause(index, 0, len(s.text), cls)]
    starts = [word_starts(s.text[a:b]) for a, b, _ in spans]
    cues = [_clause_cue(s.text[a:b], w) for (a, b, _), w in zip(spans, starts)]
    for k in range(1, len(spans)):  # "BLS Certification (Preferred)": a bracket holding
        a, b, inside = spans[k]  # only a cue marks the item before it
        if inside and cues[k - 1] is None and _BARE_CUE.match(s.text[a:b]):
            cues[k - 1] = cues[k]
    forward = _forward_cues(s.text, spans, cues)
    only_pref = all(c in (None, PREF) for c in cues)
    out = []
    for k, (a, b, _inside) in enumerate(spans):
        cue = cues[k]
        if k in forward:
            cue = PREF  # "Experience in cardiology and preferably, in oncology"
        elif cue is None and not REQ_FORM.search(s.text[a:b], starts[k]):  # a bare item
            cue = _borrowed_cue(k, s.text, spans, cues)
        elif cue is None and only_pref:
            nxt = next(
                (j for j in range(k + 1, len(spans)) if cues[j] == PREF and not spans[j][2]), None
            )
            if (
                nxt is not None
                and ";" not in s.text[b : spans[nxt][0]]
                and _LIST_END.match(s.text[spans[nxt][0] : spans[nxt][1]])
            ):
                cue = PREF
        if cue is None:
            own = cls
        elif cue == INTEREST:
            own = OTHER
        elif cue == REQUIRED and cls == DUTY:
            own = REQUIRED
        else:
            own = cue
        out.append(Clause(index, a, b, own))
    return out


#: The company named, then described in an appositive, before what it seeks ("Acme,
#: a young studio focused on AR and VR, is seeking an animator"): the
#: description is company text inside a skill-bearing sentence.  Only before a verb of
#: seeking: "Salesforce, the CRM platform our team uses, is required" names a tool.
_APPOSITIVE = re.compile(
    r"^(?:At\s+)?[A-Z][\w&.'’-]*(?:\s+[A-Z&][\w&.'’-]*){0,4},\s+(?P<what>(?:a|an|the)\s+"
    r"[^,;]{0,80}?\b(?:studio|company|firm|agency|provider|organi[sz]ation|group|business|"
    r"manufacturer|leader|developer|distributor|retailer|startup|start-up|consultancy|"
    r"practice|institution|nonprofit|non-profit|brand|platform|network)\b[^;]{0,200}?),\s+"
    r"(?:(?:is|are)\s+(?:(?:currently|now|actively)\s+)?(?:seeking|looking|hiring|searching|"
    r"recruiting|on the hunt|in search)|seeks|hires|has\s+(?:an?\s+)?(?:opening|opportunity)|"
    r"we)\b"
)


def classify(sents: list[Sentence]) -> list[list[Clause]]:
    """Per sentence, its clauses with their classes."""
    out = []
    for i, s in enumerate(sents):
        ws = word_starts(s.text)
        cls = sentence_class(s, ws)
        label = REPORTS_TO.match(s.text) if cls in SKILL_CLASSES else None
        # "Supervisor: must have…": the label before the requirement names no skill
        head = [Clause(i, 0, label.end(), OTHER)] if label else []
        appos = _APPOSITIVE.match(s.text) if cls in SKILL_CLASSES and "," in s.text else None
        if appos:  # "Acme, a studio specializing in AR and VR, is seeking…"
            head.append(Clause(i, 0, appos.end("what"), OTHER))
        out.append(head + clauses(i, s, cls, ws))
    return out
