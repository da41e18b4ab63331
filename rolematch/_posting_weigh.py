"""Private: how central each skill of a posting is; years, degree and seniority.

A skill's weight (in (0, 1]) multiplies, in this order:

* **where** it is asked for, its best class: required 1.0, duty 0.85, preferred 0.55
  (:data:`CLASS_WEIGHT`);
* **how often** (distinct sentences): +0.05 for each further one, at most +0.15;
* **named in the title**: +0.15 ("Salesforce Administrator" → Salesforce);
* **how specific**: a generic skill (soft skills, :data:`GENERIC`) × 0.45; otherwise
  × (0.75 + 0.25 × its distinctiveness across O*NET occupations, the background IDF
  of :meth:`rolematch._model.TextModel.skill_weight`), × :data:`TOOL_FACTOR` for a
  named tool and × :data:`BROAD_FACTOR` for a one-word field ("marketing", "sales");
* **how long a list** it is named in: a skill named only as an item of lists of
  n > :data:`LIST_SIZE` skills × (LIST_SIZE / n) ** :data:`LIST_POWER` (a
  fifteen-tool list is not fifteen core requirements);
* not the occupation's own skill importance: tried (the title's occupation from the
  index, a skill it lists × (1 + 0.25 × importance), others × 0.85), it cost the quality
  harness' "required alone" MRR 0.33 → 0.27 (limit 10) and moved the gold figures by
  under a point, so the title's occupation serves only the fallback of a posting naming no
  skill (:func:`rolematch._posting._occupation_core`).

The strongest :data:`MAX_REQUIRED` required skills are kept as required; the next
ones become preferred when they weigh at least :data:`DEMOTE_FLOOR`, the rest are
dropped.  Every decision carries its reason, so ``rolematch roles import`` can write
it beside the skill.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from ._posting_cues import PREF_CUE
from ._sections import degree_of

__all__ = [
    "CLASS_WEIGHT",
    "GENERIC",
    "TRAITS",
    "MAX_REQUIRED",
    "MIN_REQUIRED",
    "SkillDecision",
    "degree",
    "seniority",
    "weigh",
    "years_range",
]

CLASS_WEIGHT = {"required": 1.0, "duty": 0.85, "preferred": 0.55}
FREQ_STEP, FREQ_MAX, TITLE_BONUS = 0.05, 0.15, 0.15
GENERIC_FACTOR = 0.45
#: 20, not 15: the gold postings ask for 18 skills on average, and of the skills a cap
#: of 15 demoted to preferred none was a labelled preferred skill (half were labelled
#: required); the quality harness did not move (docs/postings.md, third pass).
MAX_REQUIRED, MIN_REQUIRED = 20, 8
#: Generic skills the requirement text asks for by name, kept required (at their low
#: weight) beyond the strongest MAX_REQUIRED. 8, not 5: a posting asking for Word,
#: Outlook and analytical skills by name had them demoted to preferred (wrong) or
#: dropped; preferred F1 0.453 -> 0.459, the quality harness unmoved. Kept from duty
#: text too, 8 more gold skills were found (+0.8 point) but the harness' taxonomy part
#: lost 0.002 MRR (its postings are duties): not done.
MAX_GENERIC = 8
DEMOTE_FLOOR = 0.45
#: Skills every job asks for: they weigh little (soft skills are generic too).
GENERIC = frozenset(
    """
    communication teamwork leadership attention-to-detail problem-solving
    time-management microsoft-office microsoft-word microsoft-outlook email
    organizational-skills interpersonal-skills customer-service multitasking
    collaboration critical-thinking adaptability creativity work-independently
    written-communication verbal-communication presentation-skills english
    computer-literacy self-motivation reliability flexibility work-efficiently
    prioritization stakeholder-management analytical-skills microsoft-teams internet
    spelling typing google-workspace mathematics planning strategic-thinking
    """.split()
)


#: Phrases every job could say that the taxonomy happens to hold as skills ("solve
#: problems", "meet deadlines"): they weigh least of all and are usually dropped.
VAGUE = frozenset(
    {
        "identify-opportunities",
        "solve-problems",
        "identify-problems",
        "work-independently",
        "make-decisions",
        "manage-time",
        "meet-deadlines",
        "show-initiative",
        "cope-with-pressure",
        "demonstrate-consideration",
        "work-efficiently",
        "company-policies",
        "terminology",
        "spelling",
        "use-questioning-techniques",
        "assist-customers",
        "notify-supervisor",
        "office-equipment",
        "delegate-responsibilities",
        "database",
        "consultation",
        "creative-thinking",
        "think-creatively",
        "think-analytically",
        "work-in-teams",
        "manage-a-team",
        "business-processes",
        "operating-systems",
        "follow-instructions",
        "follow-verbal-instructions",
        "follow-written-instructions",
        "show-confidence",
        "attend-to-detail",
        "communicate-by-telephone",
        "use-microsoft-office",
        "maintain-professional-records",
        "keep-records",
        "be-friendly",
        "adapt-to-change",
        "ski",
        "outdoor-activities",
        "crafting",
        "politics",
        "christianity",
        "migration",
    }
)
#: Personal qualities the taxonomy holds as soft skills ("self-motivated", "reliable"):
#: a trait is not a skill a résumé shows, so they weigh as little as vague phrases.
TRAITS = frozenset(
    {
        "self-motivation",
        "work-ethic",
        "independence",
        "enthusiasm",
        "open-mindedness",
        "reliability",
        "sociability",
        "results-orientation",
        "confidence",
        "persistence",
        "hands-on-approach",
        "working-under-pressure",
        "adaptability",
        "flexibility",
        "willingness-to-travel",
        "show-entrepreneurial-spirit",
        "show-confidence",
        "cope-with-pressure",
    }
)
#: How far a skill of each taxonomy source and kind is a skill a recruiter would name:
#: curated and named tools 1.0; ESCO knowledge areas a little less; ESCO skill
#: phrases ("implement marketing strategies") less again.
SOURCE_TRUST = {
    ("esco", "knowledge"): 0.85,
    ("esco", "hard_skill"): 0.55,
    ("esco", "soft_skill"): 0.6,
    ("esco", "language"): 0.85,
}
#: An ESCO skill met only through one of its alternative labels, never its own name,
#: weighs × ALIAS_TRUST more: ESCO's alternative labels include everyday phrases
#: ("find people" for tracing people, "monitor infrastructure" for swimming pools)
#: that a posting uses for another thing.  Sixth pass: of the gold postings' required
#: ESCO knowledge areas, 85% of those named by their own name are gold skills and 48%
#: of those met through an alternative label.  With ESCO skill phrases at 0.55 (was
#: 0.75; they were gold 35% of the time in profiles' top 10, by either label), the
#: quality harness' taxonomy part rose 0.450 -> 0.456 and "required alone" 0.448 -> 0.453.
ALIAS_TRUST = 0.65
#: A field named only as an item of a list of settings ("leadership in a retail,
#: logistics or manufacturing business") weighs this much: the list may name the
#: trade of the job itself ("the freight or shipping trade is a plus"
#: in a freight posting), so it stays, but as no core requirement.
SETTING_FACTOR = 0.5
#: A skill named only by a plural noun naming people ("confer with other
#: supervisors", "support from Case Managers", "work with machinists") weighs this
#: much: the people around the job, not what it asks for. Not dropped: the job may
#: also do what they do, in words the extractor does not read.
PEOPLE_FACTOR = 0.3
VAGUE_FACTOR = 0.15
#: A named tool (Salesforce, AutoCAD, Tableau; not a generic one such as Microsoft
#: Office, nor one of a list longer than LIST_SIZE) is a concrete requirement:
#: × TOOL_FACTOR. A field of one word ("marketing", "sales", "manufacturing",
#: "banking") is often the trade or the team around the job, and the posting names
#: what it wants of it more narrowly: × BROAD_FACTOR, unless the title names it
#: ("Sales Representative": then it is the job's own field). Found by a
#: logistic model of "is it a gold skill?" over the gold postings' profile skills, each
#: half held out in turn: a tool's and a one-word field's coefficients were the largest
#: left once the weight was in. Top-10 0.811 / 0.807 -> 0.829 / 0.807 on the two
#: halves; the quality harness' fit 0.634 -> 0.635, its skill part alone 0.474 -> 0.479
#: (docs/postings.md, "Eighth pass, the lead's part").
TOOL_FACTOR, BROAD_FACTOR = 1.2, 0.8
DROP_FLOOR = 0.2
#: A skill named only as an item of lists of n > LIST_SIZE skills weighs
#: × (LIST_SIZE / n) ** LIST_POWER: a fifteen-tool list is not fifteen core
#: requirements.  Power 0.25: the quality harness' taxonomy-part MRR 0.393 (no
#: factor) → 0.434 (0.25), 0.426 (0.5); the gold figures within a point of each other.
LIST_SIZE, LIST_POWER = 4, 0.25


@dataclass(frozen=True)
class SkillDecision:
    """One skill found in a posting: its weight, where it ended up, and why."""

    skill_id: str
    weight: float
    status: str  # "required", "preferred" or "dropped"
    reason: str


def _specificity(
    sid: str,
    kind: str,
    source: str,
    distinct: float,
    alias: bool = False,
    titled: bool = False,
    long_list: bool = False,
) -> tuple[float, str]:
    """The factor a skill's kind, source and distinctiveness put on its weight, and
    the reason to show (vague, trait, generic, source trust, named tool, broad field)."""
    if sid in VAGUE:
        return VAGUE_FACTOR, "vague"
    if sid in TRAITS:
        return VAGUE_FACTOR, "a trait, not a skill"
    trust = SOURCE_TRUST.get((source, kind), 1.0) * (ALIAS_TRUST if alias else 1.0)
    if sid in GENERIC or kind == "soft_skill":
        return GENERIC_FACTOR * trust, "generic"
    tag = (
        "" if trust == 1.0 else f"{source} {kind}" + (", by an alternative label" if alias else "")
    )
    shape = 1.0
    if kind == "tool" and not long_list:
        shape, tag = TOOL_FACTOR, "; ".join(t for t in (tag, "a named tool") if t)
    elif kind == "knowledge" and "-" not in sid and not alias and not titled:
        shape, tag = BROAD_FACTOR, "; ".join(t for t in (tag, "a broad field") if t)
    return trust * shape * (0.75 + 0.25 * distinct), tag


def weigh(
    evidence: Mapping[str, list[str]],
    *,
    title: str,
    names: Mapping[str, tuple[str, ...]],
    kinds: Mapping[str, tuple[str, str]],
    distinct: Callable[[str], float],
    listed: Mapping[str, int] | None = None,
    alias_only: frozenset[str] = frozenset(),
    settings: frozenset[str] = frozenset(),
    people: frozenset[str] = frozenset(),
) -> list[SkillDecision]:
    """Weights and required / preferred / dropped for each skill.

    ``evidence``: skill id → the classes of the sentences naming it (one per sentence);
    ``names``: skill id → its surfaces (for the title test); ``kinds``: skill id →
    (taxonomy kind, taxonomy source); ``distinct``: skill id →
    [0, 1] distinctiveness; ``listed``: skill id → the size of the shortest list it
    is named in as an item, 1 when named outside a list (:data:`LIST_SIZE`);
    ``alias_only``: the ESCO skills met only through an alternative label
    (:data:`ALIAS_TRUST`); ``settings``: the skills named only as items of a list
    of settings (:data:`SETTING_FACTOR`); ``people``: the skills named only by a
    plural noun naming people (:data:`PEOPLE_FACTOR`).
    """
    title_l = f" {re.sub(r'[^a-z0-9+#]+', ' ', title.lower())} "
    scored = []
    for sid, classes in evidence.items():
        best = max(classes, key=CLASS_WEIGHT.__getitem__)
        w = CLASS_WEIGHT[best] + min(FREQ_MAX, FREQ_STEP * (len(classes) - 1))
        why = [f"{best} text" + (f", {len(classes)} sentences" if len(classes) > 1 else "")]
        titled = _named_in(title_l, names.get(sid, ()))
        if titled:
            w += TITLE_BONUS
            why.append("in the title")
        n = (listed or {}).get(sid, 1)
        factor, tag = _specificity(
            sid,
            *kinds.get(sid, ("", "")),
            distinct(sid),
            alias=sid in alias_only,
            titled=titled,
            long_list=n > LIST_SIZE,
        )
        w *= factor
        if tag:
            why.append(tag)
        if sid in settings:
            w *= SETTING_FACTOR
            why.append("named only in a list of settings")
        if sid in people:
            w *= PEOPLE_FACTOR
            why.append("named only as people the job works with")
        if n > LIST_SIZE:
            w *= (LIST_SIZE / n) ** LIST_POWER
            why.append(f"one of {n} skills in a list")
        scored.append((sid, round(min(1.0, max(0.05, w)), 2), best, why))
    return _decide(sorted(scored, key=lambda x: (-x[1], x[0])))


def _named_in(title_l: str, surfaces: tuple[str, ...]) -> bool:
    """Does the title (lower case, words space-padded) name one of the surfaces?"""
    return any(
        f" {re.sub(r'[^a-z0-9+#]+', ' ', s.lower()).strip()} " in title_l
        for s in surfaces
        if len(s) > 2
    )


def _decide(scored: list[tuple[str, float, str, list[str]]]) -> list[SkillDecision]:
    """Required, preferred or dropped, strongest first (see the module's docstring)."""
    out: list[SkillDecision] = []
    n_req = n_generic = 0
    beyond = f"beyond the strongest {MAX_REQUIRED}"
    for sid, w, best, why in scored:
        reason = "; ".join(why)
        if w < DROP_FLOOR:
            out.append(SkillDecision(sid, w, "dropped", f"{reason}; weight under {DROP_FLOOR}"))
        elif best == "preferred":
            out.append(SkillDecision(sid, w, "preferred", reason))
        elif n_req < MAX_REQUIRED:
            n_req += 1
            out.append(SkillDecision(sid, w, "required", reason))
        elif best == "required" and "generic" in why and n_generic < MAX_GENERIC:
            # a generic skill the requirements ask for in so many words: required, but
            # weighing little and not counted among the strongest
            n_generic += 1
            out.append(SkillDecision(sid, w, "required", reason))
        elif w >= DEMOTE_FLOOR:
            out.append(SkillDecision(sid, w, "preferred", f"{reason}; {beyond}"))
        else:
            why_dropped = f"{reason}; {beyond}, weight under {DEMOTE_FLOOR}"
            out.append(SkillDecision(sid, w, "dropped", why_dropped))
    return out


# --------------------------------------------------------------------------- years
_NUM = {
    w: n
    for n, w in enumerate(
        [
            "zero",
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
            "thirteen",
            "fourteen",
            "fifteen",
            "sixteen",
            "seventeen",
            "eighteen",
            "nineteen",
            "twenty",
        ]
    )
}
_N = r"(?P<{}>\d{{1,2}}(?:\.\d)?|" + "|".join(_NUM) + r")(?:\s*\(\s*\d{{1,2}}\s*\))?"
_YEARS = re.compile(
    rf"(?:(?P<least>at least|minimum(?: of)?|min\.?|a minimum of|no less than|over|more than)"
    rf"\s+)?\b{_N.format('lo')}\s*(?P<plus1>\+|plus)?\s*"
    rf"(?:(?:-|–|—|to)\s*{_N.format('hi')}\s*(?P<plus2>\+)?\s*)?"
    r"(?:years?|yrs?)\b(?P<after>['’]?\s*(?:of\s+)?[\w/-]+(?:\s+[\w/-]+){0,3})?",
    re.IGNORECASE,
)
_NOT_EXPERIENCE = re.compile(
    r"^\W*(?:old|of age|degree|college|university|program|"
    r"bachelor|olds?\b|ago|warranty|contract|term|plan|"
    r"in business|history|of service|of (?:innovation|excellence|tradition|serving)\b"
    r"(?!\s+(?:and\s+\w+\s+)?(?:experience|background)))",
    re.IGNORECASE,
)
_BEFORE_BAD = re.compile(
    r"(?:\bage\b|\bwithin\b|\bevery\b|\bfor over\b|\bover the (?:past|last)\b|"
    r"\bin the (?:past|last)\b|\bfour-|\bbacked by|\bbuilt on|\bcelebrating)\s*$",
    re.IGNORECASE,
)


def _num(text: str | None) -> float | None:
    if text is None:
        return None
    t = text.lower()
    return float(_NUM[t]) if t in _NUM else float(t)


def years_in(text: str) -> list[tuple[float, float | None, bool]]:
    """(min, max, said "at least") for every years-of-experience figure in a sentence."""
    out: list[tuple[float, float | None, bool]] = []
    low = text.lower()
    if "year" not in low and "yr" not in low:
        return out
    for m in _YEARS.finditer(text):
        lo, hi = _num(m.group("lo")), _num(m.group("hi"))
        after = m.group("after") or ""
        if _NOT_EXPERIENCE.match(after) or _BEFORE_BAD.search(text[: m.start()]):
            continue
        if re.match(
            r"[\s-]*year[\s-]+(?:degree|college|university)", text[m.end("lo") :], re.IGNORECASE
        ):
            continue
        if lo is None or not 0 <= lo <= 40 or (hi is not None and not lo < hi <= 45):
            continue
        if hi is not None and m.group("plus2"):
            hi = None
        out.append((lo, hi, bool(m.group("least"))))
    return out


def years_range(found: list[tuple[str, str]]) -> tuple[float, float | None]:
    """The main years of experience a posting asks for: (min, max or None).

    ``found``: (class, sentence text) of the skill-bearing sentences.  Figures stated as
    required beat preferred ones; a sentence counts by its first figure ("5+ years …,
    at least 2 of them in SaaS" is 5); explicit minimums ("at least", "minimum of") beat
    other figures; of those left the largest minimum wins, with its own maximum."""
    req: list[tuple[float, float | None, bool]] = []
    pref: list[tuple[float, float | None, bool]] = []
    for cls, text in found:
        ys = years_in(text)[:1]  # a sentence's first figure is its main one
        for y in ys:
            (pref if cls == "preferred" or _pref(text) else req).append(y)
    pool = req or pref
    if not pool:
        return 0.0, None
    least = [y for y in pool if y[2]]
    lo, hi, _ = max(least or pool, key=lambda y: (y[0], -(y[1] or 0)))
    return lo, hi


def _pref(text: str) -> bool:
    return bool(PREF_CUE.search(text))


# --------------------------------------------------------------------------- degree
_LEVELS = ("high_school", "associate", "bachelor", "master", "doctorate")
_EQUIV = re.compile(
    r"\bor (?:an? )?(?:equivalent|comparable|relevant|related|commensurate)"
    r"(?: combination of)?(?: \w+){0,3} (?:experience|work)|"
    r"equivalent (?:work |professional |practical )?experience|"
    r"\bor equivalent\b|in lieu of|experience (?:may|can) (?:be )?substitute",
    re.IGNORECASE,
)
_DEGREE_PARTS = (
    *(
        "degree bachelor master diploma ph.d phd mba b.s b.a m.s m.a b.sc m.sc associate "
        "doctor j.d m.d baccalaureate college university ged hsc jd b.eng m.eng bba bfa mfa "
        "bsn msn"
    ).split(),
    "high school",
    "bs ",
    "ba ",
    "ms ",
    "ma ",
    "md ",
)


def _has_degree_word(text: str) -> bool:
    """A quick test before the degree patterns run (plain substring search)."""
    return any(map(text.lower().__contains__, _DEGREE_PARTS))


_COLLEGE = re.compile(
    r"\b(?:college|university|undergraduate|4-year|four-year)"
    r" (?:degree|graduate|diploma)\b|\b(?:4|four)[- ]year\b[^.;]{0,60}\bdegree\b",
    re.IGNORECASE,
)
_DEGREE_FIELD = re.compile(
    r"\b(?:degree|diploma|bachelor['’]?s?|master['’]?s?|b\.?s\.?|b\.?a\.?|m\.?s\.?|mba|phd|"
    r"associate['’]?s?|doctorate)(?:\s+degree)?\b"
    # "from an accredited college or university in …" before the field
    r"(?:\s+from\s+(?:an?\s+|the\s+)?(?:accredited\s+)?(?:[\w-]+\s+){0,2}?"
    r"(?:college|university|institution|school)(?:\s+or\s+university)?)?"
    # the field ("e.g." inside it) or its examples in brackets ("a diploma (e.g., X)")
    r"(?P<field>\s+(?:in|of)\b(?:e\.g\.|i\.e\.|[^;.])*?|\s*\((?:e\.g\.|i\.e\.|such as)[^)]*\))"
    r"(?=\s*(?:[;.]|\bor (?:an? )?(?:equivalent|related|relevant|similar)\b|\bplus\b|"
    r"\band (?:\d|one|two|three|four|five|at least|a minimum|experience|knowledge|proficien|"
    r"strong|excellent|demonstrated|familiar|skills|ability)|\bwith\b|\bpreferred\b|"
    r"\brequired\b|$))",
    re.IGNORECASE,
)


def degree(found: list[tuple[str, str]]) -> tuple[str | None, tuple[str, ...], bool]:
    """(minimum level, fields, "or equivalent experience" accepted) over the
    skill-bearing sentences; a preferred degree counts as the baseline too."""
    levels: list[str] = []
    fields: list[str] = []
    equiv = False
    for _cls, text in found:
        if not _has_degree_word(text):
            continue
        got = degree_of(text)
        if got is None and _COLLEGE.search(text):
            got = ("bachelor", None)
        if got is None:
            continue
        level, field = got
        for lv, _pat in _level_hits(text):
            levels.append(lv)
        levels.append(level)
        if field:
            fields.extend(
                f.strip().lower()
                for f in re.split(r",|\bor\b|/|\band\b|;", field)
                if 2 < len(f.strip()) < 40
            )
        equiv = equiv or bool(_EQUIV.search(text))
    if not levels:
        return None, (), False
    return min(levels, key=_LEVELS.index), tuple(dict.fromkeys(fields)), equiv


def _level_hits(text: str) -> list[tuple[str, str]]:
    """Every level named in a sentence ("high school diploma; bachelor's preferred")."""
    from ._sections import _LEVEL_PATTERNS

    return [(lv, m.group()) for lv, pat in _LEVEL_PATTERNS for m in pat.finditer(text)]


def degree_field_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of a sentence that name a degree's field ("Bachelor's in
    Economics or a related field"): skills found there are not skills."""
    if not _has_degree_word(text):
        return []
    return [
        (m.start("field"), m.end("field"))
        for m in _DEGREE_FIELD.finditer(text)
        if m.group("field").strip()
    ]


#: A line ending in a degree with its field to come.  A finished sentence ("High
#: school diploma.") asks for no field on the next line; "master" needs its "'s"
#: ("Certified Scrum Master" is no degree).
_DEGREE_LINE_END = re.compile(
    r"\b(?:degree|diploma|bachelor(?:['’]?s)?|master(?:['’]s|s)|b\.?s\.?|b\.?a\.?|mba|phd|"
    r"doctorate)(?:\s+(?:degree|required|preferred))?(?:\s+in)?\s*[:,]?\s*$",
    re.IGNORECASE,
)
_FIELD_LINE = re.compile(r"^\W*[A-Za-z&,/ -]{3,60}?\W*$")


def field_line(before: str, text: str) -> list[tuple[int, int]]:
    """The whole of a short line of names only ("Accounting or Finance") right after
    a line ending in a degree ("Bachelor's degree", "Degree in:"): a degree's field.
    Only a field skill in it is the degree's (the caller checks the kind): a list
    line "Microsoft Office" after "Bachelor's degree" still asks for the tool."""
    if not (_DEGREE_LINE_END.search(before) and _FIELD_LINE.match(text)):
        return []
    if len(text.split()) > 6 or _has_degree_word(text):
        return []
    return [(0, len(text))]


# --------------------------------------------------------------------------- seniority
_SENIORITY = [
    (
        "executive",
        re.compile(
            r"\b(?:chief|vp|svp|evp|vice president|director|head of|"
            r"cmo|cpo|cto|cfo|ceo|coo|president)\b",
            re.IGNORECASE,
        ),
    ),
    ("lead", re.compile(r"\b(?:lead|principal|staff|manager of|group manager)\b", re.IGNORECASE)),
    ("senior", re.compile(r"\b(?:senior|sr\.?|iii|iv)\b", re.IGNORECASE)),
    (
        "entry",
        re.compile(
            r"\b(?:junior|jr\.?|entry[- ]level|intern(?:ship)?|trainee|"
            r"graduate|apprentice|assistant)\b",
            re.IGNORECASE,
        ),
    ),
]


def seniority(title: str, min_years: float) -> str:
    """From the title, else from the years asked for."""
    for level, rx in _SENIORITY:
        if rx.search(title):
            return level
    if min_years >= 8:
        return "senior"
    if 0 < min_years <= 1:
        return "entry"
    return "mid"
