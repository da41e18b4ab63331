"""Private: the cues a posting's sentences are classified by (used by
:mod:`rolematch._posting_classify`; :mod:`rolematch._posting_weigh` reads
:data:`PREF_CUE` for a preferred years figure): what marks equal-opportunity, benefits, company and
how-to-apply text, a requirement's form, and the preferred and required cues of a
clause.  Each is a regex; most run behind a cheap word gate (:class:`Cue`).
"""

from __future__ import annotations

import re

__all__ = [
    "APPLY_CUE",
    "BENEFITS_CUE",
    "COMPANY_CUE",
    "CONTACT_CUE",
    "Cue",
    "LEGAL_CUE",
    "MONEY",
    "NAMED_DOES",
    "OURS",
    "PREF_CUE",
    "REPORTS_TO",
    "REQ_CUE",
    "REQ_FORM",
    "ROLE_WORDS",
    "TRADE_ASKED",
    "TRADE_CUE",
    "WEAK_BENEFITS",
    "WORKER_FUNCTIONS",
    "word_starts",
]


class Cue:
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
        for alt in top_level(pattern[len(r"\b(?:") : -1]):
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


def top_level(body: str) -> list[str]:
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
    """A text's words (lower case) and their 4-letter starts, for :class:`Cue` gates."""
    words = _WORD.findall(text.lower())
    return frozenset(words), frozenset(w[:4] for w in words)


LEGAL_CUE = Cue(
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
#: The U.S. Department of Labor's worker-function and training boilerplate some
#: employers paste ("Data: Coordinating: …", "Things: Handling: …",
#: "Specific Vocational Preparation: …"): it rates
#: the job for a classification, asks for nothing (legal text, as physical demands are).
#: The functions are the Dictionary of Occupational Titles' own (a "Data: Modeling:"
#: label before a requirement is none of them).
_FUNCTIONS = (
    "synthesizing|coordinating|analyzing|compiling|computing|copying|comparing|"
    "mentoring|negotiating|instructing|supervising|diverting|persuading|"
    r"speaking[-–\s]+signaling|serving|taking instructions(?:[-–\s]+helping)?|helping|"
    r"setting up|precision working|operating[-–\s]+controlling|driving[-–\s]+operating|"
    r"manipulating|tending|feeding[-–\s]+offbearing|handling"
)
WORKER_FUNCTIONS = re.compile(
    r"^\W*(?:(?:data,?\s+people,?\s+and\s+things\s*:\s*)?(?:data|people|things)\s*:\s*"
    rf"(?:{_FUNCTIONS})\s*:|specific vocational preparation\b|"
    r"general educational development\b)",
    re.IGNORECASE,
)
#: What the job gives: pay, insurance, time off, perks, work arrangements ("a hybrid
#: model", "flexibility of your schedule"; not "flexibility in the schedule to work
#: weekends", which is asked for).
BENEFITS_CUE = Cue(
    r"\b(?:401\s?\(?k\)?|vision (?:insurance|plan|coverage)|health(?:care)? (?:insurance|"
    r"benefits|plan|coverage)|medical(?:, dental| insurance| benefits| coverage)|"
    r"paid time off|pto\b|paid (?:holidays|vacation|leave|sick)|vacation|parental leave|"
    r"tuition|stock options|salary|compensation|pay range|per hour|"
    r"an hour|bonus(?:es)? (?:eligib|program|potential|structure|opportunit)|"
    r"employee (?:discount|assistance)|hsa\b|fsa\b|flexible spending|health savings|"
    r"benefits? (?:package|include|eligib|program)|we offer|"
    r"competitive (?:pay|salary|wage|benefits|compensation)|perks|"
    r"free (?:lunch|snacks|meals)|catered|gym\b|full[- ]time|part[- ]time|"
    r"remote work|work from home|hybrid (?:work|schedule|model|position|role|arrangement)|relocation assistance|"
    r"commission|wage|monday\s*[-–]\s*friday|mon\s*[-–]\s*fri|shifts?\b|holidays|"
    r"career (?:growth|development) opportunit|professional development opportunit|"
    r"welfare benefits|benefits (?:begin|start|are effective|become effective)|"
    r"training (?:is |will be )?provided|paid training|flexible schedul\w*|"
    r"work(?:ing)? hours|hours of work|attendance bonus|referral bonus|sign-on bonus|"
    r"signing bonus|retention bonus|development bonuses|healthcare options|commuter benefits|"
    r"flexibility (?:of|in) (?:your|the) schedule(?!\s+to\b)|best in class benefits)"
)
#: Benefits words that also name a trade ("2-4 years of commercial lines insurance
#: experience", "Experience in the wellness industry", "dental assistant experience"):
#: benefits text unless the word is asked for (:data:`TRADE_ASKED`): an experience
#: or trade noun after it ("verify insurance eligibility for new patients"), or "experience /
#: knowledge in / with / of" up to five words before it ("Knowledge of Medicare,
#: Medicaid and private insurance").  A duty verb alone does not make one work
#: ("process insurance paperwork" stays benefits): measured, reading those as work
#: cost the gold (docs/postings.md, eighth and ninth passes).
TRADE_CUE = Cue(r"\b(?:insurance|retirement|pension|wellness|dental\b)")
_TRADE_WORD = r"(?:insurance|retirement|pension|wellness|dental)"
TRADE_ASKED = re.compile(
    r"(?<!\ba )(?<!\ban )\b"
    + _TRADE_WORD
    + r"\s+(?:[a-z&/-]+\s+){0,2}?(?:experience|industry|background|"
    r"knowledge|agent|agency|claims|underwriting|products|sales|assistant|hygien\w*|"
    r"eligibility|verifications?|billing|authori[sz]ations?|carriers|payers|"
    r"licen[sc]e)\b|\b(?:experience|background|knowledge|expertise|familiarity)\s+"
    r"(?:in|with|of)\s+(?:the\s+)?(?:[a-z&/-]+,?\s+){0,5}?" + _TRADE_WORD + r"\b",
    re.IGNORECASE,
)
#: What the job gives that it could also ask for ("ongoing training opportunities",
#: "comprehensive onboarding", "CEUs"): benefits text only when the sentence neither
#: opens with a duty verb nor asks for something (:func:`_works`; "Identify training
#: opportunities for staff" is a duty).
WEAK_BENEFITS = Cue(
    r"\b(?:training opportunit\w*|(?:comprehensive|supportive|structured) onboarding|"
    r"continuing education (?:opportunit\w*|credits|units|allowance)|ceu['’]?s?)\b"
)
#: Whom the job reports to, as a label ("Supervisor: Director of Admissions",
#: "REPORTS TO: Senior Manager, Field Operations"): names a person, asks for nothing.
REPORTS_TO = re.compile(
    r"^\W*(?:supervisor|reports? to|reporting to|supervised by|(?:direct|immediate) "
    r"supervisor|hiring manager)\s*:",
    re.IGNORECASE,
)


MONEY = re.compile(r"\$\s?\d|/\s?(?:hr|hour|year|yr)\b")
COMPANY_CUE = re.compile(
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
NAMED_DOES = re.compile(
    r"^(?:The\s+)?[A-Z][\w&.'’-]*(?:\s+[A-Z][\w&.'’-]*){0,3}"
    r"(?:\s+(?:team|company|group|family|organization|organisation))?\s+"
    r"(?:provides|offers|serves|delivers|specializes|specialises|was founded|has been serving|"
    r"partners with|empowers|helps (?:companies|businesses|organizations|clients|people))\b"
)
#: Sentences about the company even when they address the reader.
OURS = re.compile(
    r"^(?:we|our team) (?:value|believe|embrace|celebrate|pride|are proud|love)\b|"
    # a team or unit of the company as the subject, saying what it is or gives ("Our
    # seasoned design team will be on hand to guide you", "The Marine Business
    # Unit is responsible for sales, service…"); not one that needs or
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
APPLY_CUE = Cue(
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
CONTACT_CUE = Cue(
    r"\b(?:if you have (?:any )?questions|contact (?:the )?(?:office of |our )?(?:recruit\w*|"
    r"hiring (?:manager|team)|hr\b|human resources|talent acquisition))"
)
ROLE_WORDS = Cue(  # not inside a compound: "an employee-owned company", "person-centred"
    r"\b(?:you|your|candidate|applicant|role|position|responsib\w*|will|duties|"
    r"individual|person|incumbent|employee|hire|seeking|looking for|ideal)\b(?![-‐])"
)
REQ_FORM = Cue(
    r"\b(?:experience|experienced|knowledge|proficien\w*|skills?|skilled|degree|diploma|"
    r"certifi\w*|licen[sc]\w*|ability|able to|familiar\w*|understanding|expertise|"
    r"background in|years?|must|required|qualifications?|fluen\w*|command of|"
    r"track record|demonstrated|proven|working knowledge|competen\w*)\b"
)

PREF_CUE = Cue(
    r"\b(?:preferred|preferably|prefer|a plus|is a plus|are a plus|plus\b(?! side)|"
    r"nice[- ]to[- ]haves?|bonus|desired|desirable|ideally|optional|an advantage|"
    r"advantageous|helpful|beneficial|not (?:required|necessary|mandatory|essential)|"
    r"would be (?:great|nice|ideal(?! for))|good to have|an asset|is welcome|are welcome|"
    r"appreciated|will be considered|even better|(?:is|are|would be) ideal(?! for)|"
    r"(?:preference|priority) (?:will be |is )?given|given (?:preference|priority))\b"
)
REQ_CUE = Cue(
    r"\b(?:must|required|requirement|mandatory|essential|minimum|"
    r"at least|need(?:s|ed)? to|necessary|requires?)\b"
)
