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


class _Cue:
    """A cue regex with a cheap gate: the words (or 4-letter word starts, for stems
    such as "pregnan") its alternatives begin with.  A sentence holding none of them
    cannot match, so the slow, many-branched regex only runs on the few that might."""

    def __init__(self, pattern: str, flags: int = re.IGNORECASE) -> None:
        self.rx = re.compile(pattern, flags)
        self.words: frozenset[str] = frozenset()
        self.stems: frozenset[str] = frozenset()
        self.gated = pattern.startswith(r"\b(?:")
        if not self.gated:
            return
        words, stems = set(), set()
        for alt in _top_level(pattern[len(r"\b(?:") : -1]):
            m = re.match(r"(?:\\b)?([a-z0-9]+)(.?)", alt)
            if m is None:
                self.gated = False  # an alternative without a literal start
                return
            lit, nxt = m.groups()
            if nxt in ("?", "*", "{"):
                lit = lit[:-1]
            whole = nxt not in ("?", "*", "{") and alt[m.end(1) :].startswith((" ", "\\b"))
            if whole or (len(lit) < 4 and nxt not in ("?", "*", "{")):
                words.add(lit)
            elif len(lit) >= 4:
                stems.add(lit[:4])
            else:
                self.gated = False
                return
        self.words, self.stems = frozenset(words), frozenset(stems)

    def search(
        self, text: str, ws: tuple[frozenset[str], frozenset[str]] | None = None
    ) -> re.Match[str] | None:
        if self.gated and ws is not None and not (self.words & ws[0] or self.stems & ws[1]):
            return None
        return self.rx.search(text)


def _top_level(body: str) -> list[str]:
    """The top-level alternatives of a regex body."""
    out, depth, cur, esc = [], 0, [], False
    for ch in body:
        if esc:
            cur.append(ch)
            esc = False
            continue
        if ch == "\\":
            esc = True
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            out.append("".join(cur))
            cur = []
            continue
        cur.append(ch)
    out.append("".join(cur))
    return out


_WORD = re.compile(r"[a-z0-9]+")


def word_starts(text: str) -> tuple[frozenset[str], frozenset[str]]:
    """A text's words (lower case) and their 4-letter starts, for :class:`_Cue` gates."""
    words = _WORD.findall(text.lower())
    return frozenset(words), frozenset(w[:4] for w in words)


_LEGAL = _Cue(
    r"\b(?:equal (?:employment )?opportunit|without regard|regardless of (?:race|age|sex|gender)|"
    r"sexual orientation|gender identity|national origin|genetic|veteran status|"
    r"protected (?:veteran|class|status|characteristic)|disabilit|reasonable accommodation|"
    r"e-verify|affirmative action|pregnan|childbirth|lactation|marital status|drug[- ]free|"
    r"drug (?:test|screen)|background (?:check|screen)|at[- ]will|eeo\b|ofccp|fair chance|"
    r"conviction|criminal histor|privacy (?:policy|notice)|lift (?:up to )?\d+|lbs\b|pounds\b|"
    r"stand(?:ing)? for (?:long|extended|prolonged)|physical demands|work environment is|"
    r"ancestry|creed|religion|citizenship status|discriminat|harassment|"
    r"recruitment (?:agencies|agency)|unsolicited|scam|fraudulent|pursuant to|"
    r"(?:employees|candidates|applicants) (?:may|will) be required to (?:disclose|submit|"
    r"undergo|provide proof))"
)
_BENEFITS = _Cue(
    r"\b(?:401\s?\(?k\)?|vision (?:insurance|plan|coverage)|health(?:care)? (?:insurance|"
    r"benefits|plan|coverage)|medical(?:, dental| insurance| benefits| coverage)|"
    r"paid time off|pto\b|paid (?:holidays|vacation|leave|sick)|vacation|parental leave|"
    r"tuition|stock options|salary|compensation|pay range|per hour|"
    r"an hour|bonus(?:es)? (?:eligib|program|potential|structure|opportunit)|"
    r"employee (?:discount|assistance)|hsa\b|fsa\b|flexible spending|health savings|"
    r"benefits? (?:package|include|eligib|program)|we offer|"
    r"competitive (?:pay|salary|wage|benefits|compensation)|perks|"
    r"free (?:lunch|snacks|meals)|catered|gym\b|full[- ]time|part[- ]time|"
    r"remote work|work from home|hybrid (?:work|schedule)|relocation assistance|"
    r"commission|wage|monday\s*[-–]\s*friday|mon\s*[-–]\s*fri|shifts?\b|holidays|"
    r"career (?:growth|development) opportunit|professional development opportunit|"
    r"welfare benefits|benefits (?:begin|start|are effective|become effective)|"
    r"training (?:is |will be )?provided|paid training|flexible schedul\w*|"
    r"work(?:ing)? hours|hours of work)"
)
#: Benefits words that also name a trade ("1-3 years of personal lines insurance
#: experience", "Experience in the wellness industry", "dental assistant experience"):
#: benefits text unless the word is asked for (:data:`_TRADE_ASKED`): an experience
#: or trade noun after it, or "experience in / with" before it.  A duty naming one
#: ("verify patient insurance eligibility") stays benefits: measured, reading those as
#: work cost the gold (docs/postings.md, eighth and ninth passes).
_TRADE = _Cue(r"\b(?:insurance|retirement|pension|wellness|dental\b)")
_TRADE_WORD = r"(?:insurance|retirement|pension|wellness|dental)"
_TRADE_ASKED = re.compile(
    r"(?<!\ba )(?<!\ban )\b"
    + _TRADE_WORD
    + r"\s+(?:[a-z&/-]+\s+){0,2}?(?:experience|industry|background|"
    r"knowledge|agent|agency|claims|underwriting|products|sales|assistant|hygien\w*|"
    r"eligibility|verifications?|billing|authori[sz]ations?|carriers|payers|"
    r"licen[sc]e)\b|\b(?:experience|background|knowledge|expertise|familiarity)\s+"
    r"(?:in|with|of)\s+(?:the\s+)?(?:[a-z&/-]+\s+){0,2}?" + _TRADE_WORD + r"\b",
    re.IGNORECASE,
)
#: What the job gives that it could also ask for ("ongoing training opportunities",
#: "comprehensive onboarding", "CEUs"): benefits text only when the sentence neither
#: opens with a duty verb nor asks for something (:func:`_works`; "Identify training
#: opportunities for staff" is a duty).
_WEAK_BENEFITS = _Cue(
    r"\b(?:training opportunit\w*|(?:comprehensive|supportive|structured) onboarding|"
    r"continuing education (?:opportunit\w*|credits|units|allowance)|ceu['’]?s?)\b"
)
#: Whom the job reports to, as a label ("Supervisor: Director of Communications",
#: "REPORTS TO: Senior Manager, Construction"): names a person, asks for nothing.
_REPORTS_TO = re.compile(
    r"^\W*(?:supervisor|reports? to|reporting to|supervised by|(?:direct|immediate) "
    r"supervisor|hiring manager)\s*:",
    re.IGNORECASE,
)


def _reports_to(text: str, ws: tuple[frozenset[str], frozenset[str]]) -> bool:
    """Is the sentence a reports-to label naming a person (:data:`_REPORTS_TO`), not a
    label before a requirement ("Supervisor: must have 3 years of…")?"""
    label = _REPORTS_TO.match(text)
    if label is None:
        return False
    rest = text[label.end() :]
    rws = word_starts(rest)
    return not (
        _REQ_FORM.search(rest, rws) or _REQ_CUE.search(rest, rws) or PREF_CUE.search(rest, rws)
    )


_MONEY = re.compile(r"\$\s?\d|/\s?(?:hr|hour|year|yr)\b")
_COMPANY = re.compile(
    r"^(?:at \w+[,\s]+)?(?:we|our|we're|we’re|us)\b(?!\s+(?:are|'re|’re)?\s*(?:looking|seeking|"
    r"hiring|searching|in search))(?!\s+(?:need|want|expect|require|would|prefer)\b)|"
    r"^(?:this|the) (?:company|organi[sz]ation|firm|employer|agency)\b(?!\s+(?:is|are)\s+"
    r"(?:looking|seeking|hiring|searching))|"
    r"founded in|headquartered|our mission|our (?:clients|customers|team|company|culture|"
    r"values|people|employees)|for (?:over|more than) \d+ years|since \d{4}|"
    r"\b(?:is|are) (?:a|an|the) (?:leading|premier|global|fast[- ]growing|world|national|"
    r"nationally|innovative|trusted|family|privately|publicly|award|top|largest|"
    r"leader|recognized)|fortune \d+|\bbest places to work\b",
    re.IGNORECASE,
)
#: A named organisation doing what it does ("The Acme team provides email security to
#: companies…"): the company, even inside a requirements list.
_NAMED_DOES = re.compile(
    r"^(?:The\s+)?[A-Z][\w&.'’-]*(?:\s+[A-Z][\w&.'’-]*){0,3}"
    r"(?:\s+(?:team|company|group|family|organization|organisation))?\s+"
    r"(?:provides|offers|serves|delivers|specializes|specialises|was founded|has been serving|"
    r"partners with|empowers|helps (?:companies|businesses|organizations|clients|people))\b"
)
#: Sentences about the company even when they address the reader.
_OURS = re.compile(
    r"^(?:we|our team) (?:value|believe|embrace|celebrate|pride|are proud|love)\b|"
    # a team or unit of the company as the subject, saying what it is or gives ("Our
    # experienced marketing team will be there to support you", "The Aerospace
    # Business Unit is responsible for sales, manufacturing…"); not one that needs or
    # looks for someone ("Our team is looking for…", "Our team needs…")
    r"^our (?:[\w&’'-]+ ){0,4}(?:team|department|division|business unit|group|staff)s? "
    r"(?:(?:is|are|has|have) (?!(?:looking|seeking|hiring|searching|in need|growing)\b)|"
    r"will be (?:there|available|on hand)\b|provides?\b|supports?\b|offers?\b)|"
    r"^(?:our|[\w&.-]+['’]s) (?:[\w&’'-]+ ){0,3}culture (?:is|provides|offers|gives)\b|"
    r"^the (?:[\w&’'-]+ ){0,4}(?:business unit|division|organi[sz]ation|company) "
    r"(?:is responsible for|provides|offers|serves|specializes|has)\b|"
    r"^(?:enjoy|join) (?:a|an|our) (?:culture|team|company|community)\b|"
    r".{0,80}\b(?:find|follow)\b.{0,50}\bon (?:linkedin|facebook|instagram|"
    r"twitter|youtube|tiktok|social media)\b",
    re.IGNORECASE,
)
_APPLY = _Cue(
    r"\b(?:apply (?:now|online|today|here|at|via|through|by|for|to (?:this|our|join|the))\b|"
    r"how to apply\b|please\W+(?:\w+\W+){0,3}apply\b|interested\W+(?:\w+\W+){0,4}apply\b|submit (?:your|a|an) (?:resume|cv|application|cover)|send (?:your|a|us) "
    r"(?:resume|cv)|to be considered|click\b|applications? (?:will|are|must|should)|"
    r"interview process|contact us|cover letter|job (?:id|number|code)\b|"
    r"referenc(?:e|ing) (?:the )?job|posting (?:date|id)|formally apply\b|"
    r"to apply, (?:please|visit|go|follow|click|send|submit)\b|"
    r"recruitment (?:is|will (?:be|remain)) open|open until (?:the position is )?filled)"
)
#: Whom to ask about the posting: how-to-apply text in any section ("If you have any
#: questions, contact the Office of Human Resources").
_CONTACT = _Cue(
    r"\b(?:if you have (?:any )?questions|contact (?:the )?(?:office of |our )?(?:recruit\w*|"
    r"hiring (?:manager|team)|hr\b|human resources|talent acquisition))"
)
_ROLE_WORDS = _Cue(  # not inside a compound: "an employee-owned company", "person-centred"
    r"\b(?:you|your|candidate|applicant|role|position|responsib\w*|will|duties|"
    r"individual|person|incumbent|employee|hire|seeking|looking for|ideal)\b(?![-‐])"
)
_REQ_FORM = _Cue(
    r"\b(?:experience|experienced|knowledge|proficien\w*|skills?|skilled|degree|diploma|"
    r"certifi\w*|licen[sc]\w*|ability|able to|familiar\w*|understanding|expertise|"
    r"background in|years?|must|required|qualifications?|fluen\w*|command of|"
    r"track record|demonstrated|proven|working knowledge|competen\w*)\b"
)

PREF_CUE = _Cue(
    r"\b(?:preferred|preferably|prefer|a plus|is a plus|are a plus|plus\b(?! side)|"
    r"nice[- ]to[- ]haves?|bonus|desired|desirable|ideally|optional|an advantage|"
    r"advantageous|helpful|beneficial|not (?:required|necessary|mandatory|essential)|"
    r"would be (?:great|nice|ideal(?! for))|good to have|an asset|is welcome|are welcome|"
    r"appreciated|will be considered|even better|(?:is|are|would be) ideal(?! for)|"
    r"(?:preference|priority) (?:will be |is )?given|given (?:preference|priority))\b"
)
_REQ_CUE = _Cue(
    r"\b(?:must|required|requirement|mandatory|essential|minimum|"
    r"at least|need(?:s|ed)? to|necessary|requires?)\b"
)
#: A clause saying the candidate should want to take part in the company's own work
#: ("the curiosity and motivation to engage in our other practice areas in the spheres
#: of social justice, law and politics", "passionate about our work") names the
#: company's fields, not a skill asked for: no skill is taken from it, unless it also
#: asks for experience, knowledge or skills (:data:`_REQ_FORM`). An interest in a
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
    if s.heading or _reports_to(text, ws):
        return OTHER
    if _LEGAL.search(text, ws):
        return LEGAL
    req_form = _REQ_FORM.search(text, ws)
    if s.section in (LEGAL, APPLY) and not req_form:
        return s.section
    benefit = (
        _BENEFITS.search(text, ws)
        or (("$" in text or "/" in text) and _MONEY.search(text))
        or (_WEAK_BENEFITS.search(text, ws) and not _works(s, req_form))
        or (_TRADE.search(text, ws) and not _TRADE_ASKED.search(text))
    )
    if benefit and not (s.section in (REQUIREMENTS, PREFERRED) and _REQ_CUE.search(text, ws)):
        return BENEFITS
    if s.section == LEGAL:  # "Education/Experience: Bachelor's preferred" after a legal part
        return REQUIRED
    if (
        s.section not in (REQUIREMENTS, PREFERRED, DUTIES) and _APPLY.search(text, ws)
    ) or _CONTACT.search(text, ws):
        return APPLY
    role_words = _ROLE_WORDS.search(text, ws)
    joins_to_work = _joins_to_work(text)
    if not joins_to_work and (
        (not role_words and (_COMPANY.search(text) or _NAMED_DOES.match(text)))
        or _OURS.match(text)
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
        return REQUIRED if _REQ_CUE.search(text, ws) else DUTY
    if s.section in _BOILER:
        if ASKS_FOR.match(text):  # "Ability to read blueprints" after an "About us"
            return REQUIRED
        return DUTY if VERB_START.match(text) else s.section
    if _REQ_CUE.search(text, ws) or req_form:  # asks for experience, skills, a degree…
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
#: you'll have the opportunity to…", "Be a part of a company that's shaping…",
#: "Come join us", "Why work with us"), either unless the sentence also asks for
#: something ("Must live our core values and have 3+ years of …").
_VALUES = _Cue(r"\b(?:core values|our values)\b")
_PITCH = re.compile(
    r"^(?:[^:]{0,30}:\s*)?(?:when you (?:work|join) (?:here|us|our)|come (?:join|be)|"
    r"(?:be|become) (?:a )?part of (?:a|an|our|this)|why (?:work|join)|"
    r"join (?:us|our (?:[\w-]+ )?team|a team of))\b",
    re.IGNORECASE,
)


#: The invitation to join that goes on to say what the job does ("Join our team and
#: provide care to patients", "Come join us to manage our payroll"): a duty, not the
#: company's pitch; not when what follows is the candidate's own gain or the company's
#: ("and grow your career", "and make a difference", "and help us shape the future").
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
    if not _JOIN.match(text):
        return False
    first = re.split(r"[,;:(]", text, maxsplit=1)[0]  # the invitation's own clause
    for m in _JOINED_WORK.finditer(first):
        rest = text[m.end() :]
        if _VERB_BASE.match(rest) and not _NO_WORK.match(rest):
            return True
    return False


def _works(s: Sentence, req_form: re.Match[str] | None) -> bool:
    """Does the sentence say what the job does or asks for (it opens with a duty verb
    or asks for something, or it states a requirement in a requirements, preferred or
    duties section)?  What it gives is then no benefits (:data:`_WEAK_BENEFITS`)."""
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
        (_interest(text, ws) and not _REQ_FORM.search(text, ws))
        or ("no" in ws[0] or "none" in ws[0])
        and _NOT_NEEDED.match(text)
    ):
        return INTEREST
    if PREF_CUE.search(text, ws):
        return PREF
    if _REQ_CUE.search(text, ws):
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
#: immunology and preferably, in gastroenterology"): the adverb is the next clause's.
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
    ("Familiarity with PowerShell, Python and/or SQL is a plus")."""
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
            cue = PREF  # "Experience in immunology and preferably, in gastroenterology"
        elif cue is None and not _REQ_FORM.search(s.text[a:b], starts[k]):  # a bare item
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


def classify(sents: list[Sentence]) -> list[list[Clause]]:
    """Per sentence, its clauses with their classes."""
    out = []
    for i, s in enumerate(sents):
        ws = word_starts(s.text)
        cls = sentence_class(s, ws)
        label = _REPORTS_TO.match(s.text) if cls in SKILL_CLASSES else None
        # "Supervisor: must have…": the label before the requirement names no skill
        head = [Clause(i, 0, label.end(), OTHER)] if label else []
        out.append(head + clauses(i, s, cls, ws))
    return out
