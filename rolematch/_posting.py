"""Turn a pasted job posting into a :class:`~rolematch.roles.RoleProfile`.

* skills come from the extractor;
* required vs preferred from the section a skill sits in ("Requirements",
  "Nice to have", …) and from cue phrases on its own line ("must", "a plus", …);
* weights from how distinctive the skill is across occupations (its IDF in the
  built model) and how often the posting repeats it;
* years from "5+ years of …", education from "Bachelor's degree in …".
"""

from __future__ import annotations

import re
from collections import defaultdict

from ._model import default_text_model
from ._sections import degree_of
from .documents import EDUCATION_LEVELS
from .errors import RolematchError
from .extract import SkillExtractor, default_extractor
from .taxonomy import Taxonomy

_REQ, _PREF, _DUTY, _OTHER = "required", "preferred", "duty", "other"

_HEADINGS = [
    (_PREF, re.compile(r"\b(preferred|nice[\s-]to[\s-]haves?|bonus|pluses|desired|"
                       r"desirable|ideally|extra credit|good to have)\b", re.I)),
    (_REQ, re.compile(r"\b(requirements?|required|qualifications|must[\s-]haves?|"
                      r"what you(?:'|’)?ll need|what you bring|what we(?:'|’)re looking for|"
                      r"you have|who you are|skills|experience|about you)\b", re.I)),
    (_DUTY, re.compile(r"\b(responsibilities|what you(?:'|’)?ll do|the role|duties|"
                       r"your impact|in this role|day to day|key tasks)\b", re.I)),
    (_OTHER, re.compile(r"\b(about us|about the company|benefits|perks|who we are|"
                        r"compensation|salary|equal opportunity|our team)\b", re.I)),
]
_PREF_CUE = re.compile(r"\b(preferred|nice[\s-]to[\s-]have|bonus|a plus|is a plus|"
                       r"ideally|desirable|advantageous|an advantage|familiarity with)\b", re.I)
_REQ_CUE = re.compile(r"\b(must|required|requirement|mandatory|essential|"
                      r"proven|strong|expert|deep)\b", re.I)
_BULLET = re.compile(r"^\s*(?:[-*•·▪◦]|\d+[.)])\s+")
_YEARS = re.compile(r"\b(\d{1,2})\s*(?:\+|plus)?\s*(?:(?:-|–|to)\s*\d{1,2}\s*)?\+?\s*"
                    r"(?:years?|yrs?)\b(?:\s+of)?", re.I)
_SENIORITY = [
    ("executive", re.compile(r"\b(chief|vp|vice president|director|head of|cmo|cpo|cto)\b", re.I)),
    ("lead", re.compile(r"\b(lead|principal|staff|group)\b", re.I)),
    ("senior", re.compile(r"\b(senior|sr\.?)\b", re.I)),
    ("entry", re.compile(r"\b(junior|jr\.?|entry[- ]level|intern|graduate|associate)\b", re.I)),
]


def _clean(line: str) -> str:
    return re.sub(r"^[#>\s]+|[*_`]+", "", line).strip()


def _heading_mode(line: str) -> str | None:
    text = _clean(line)
    raw = line.strip()
    is_heading = (raw.startswith("#") or text.endswith(":") or
                  (text.isupper() and len(text) > 3)) and 0 < len(text.split()) <= 7
    if not is_heading or _BULLET.match(line):
        return None
    for mode, rx in _HEADINGS:
        if rx.search(text):
            return mode
    return _OTHER


def _education(lines: list[tuple[str, str]]) -> tuple[str | None, tuple[str, ...]]:
    """The lowest degree level the posting requires (a preferred degree does not count)."""
    found: list[str] = []
    fields: list[str] = []
    for mode, line in lines:
        degree = degree_of(line)
        if degree is None:
            continue
        level, field_text = degree
        optional = _PREF_CUE.search(line) or (mode == _PREF and not _REQ_CUE.search(line))
        if not optional:
            found.append(level)
        if field_text:
            fields.extend(f.strip().lower() for f in re.split(r",|\bor\b|/|\band\b|;",
                                                            field_text) if f.strip())
    best = min(found, key=EDUCATION_LEVELS.index) if found else None
    return best, tuple(dict.fromkeys(f for f in fields if 2 < len(f) < 40))


def _years(lines: list[tuple[str, str]]) -> float:
    best = 0
    for mode, line in lines:
        if mode == _PREF or _PREF_CUE.search(line):
            continue
        for m in _YEARS.finditer(line):
            n = int(m.group(1))
            if 0 < n <= 30:
                best = max(best, n)
    return float(best)


def _seniority(title: str) -> str:
    for level, rx in _SENIORITY:
        if rx.search(title):
            return level
    return "mid"


def profile_posting(text: str, *, title: str | None = None, role_id: str | None = None,
                    source: str = "<text>", taxonomy: Taxonomy | None = None,
                    extractor: SkillExtractor | None = None):
    from .roles import RoleProfile, RoleSkill, _slug

    raw_lines = [ln.rstrip() for ln in text.replace("\r\n", "\n").split("\n")]
    if not any(ln.strip() for ln in raw_lines):
        raise RolematchError(f"{source}: the job posting is empty")
    if title is None:
        title = next(_clean(ln) for ln in raw_lines if ln.strip())
        title = re.sub(r"^(job title|position|role)\s*:\s*", "", title, flags=re.I)[:120]

    modes: list[str] = []
    mode = _OTHER
    for ln in raw_lines:
        hm = _heading_mode(ln)
        if hm is not None:
            mode = hm
        modes.append(mode)
    moded = [(m, _clean(ln)) for m, ln in zip(modes, raw_lines)]

    if extractor is None:
        extractor = (SkillExtractor.from_taxonomy(taxonomy) if taxonomy is not None
                     and taxonomy is not Taxonomy.default() else default_extractor())
    mentions = extractor("\n".join(raw_lines))
    kinds: dict[str, set[str]] = defaultdict(set)
    counts: dict[str, int] = defaultdict(int)
    for m in mentions:
        line = raw_lines[m.line]
        sec = modes[m.line]
        if _PREF_CUE.search(line):
            kind = _PREF
        elif _REQ_CUE.search(line) and sec != _OTHER:
            kind = _REQ
        else:
            kind = {_DUTY: _REQ, _REQ: _REQ, _PREF: _PREF}.get(sec, _OTHER)
        kinds[m.skill_id].add(kind)
        counts[m.skill_id] += 1
    if not kinds:
        raise RolematchError(f"{source}: no skills from the taxonomy were found in this "
                             "job posting; add a role file instead (see `rolematch roles import`)")

    model = default_text_model()
    skills = []
    for sid, ks in kinds.items():
        required = _REQ in ks
        base = 1.0 if required else (0.6 if _PREF in ks else 0.4)
        w = base * (0.7 + 0.3 * model.skill_weight(sid)) + 0.05 * (counts[sid] - 1)
        skills.append(RoleSkill(sid, round(min(base, max(0.05, w)), 2), required))
    if not any(s.required for s in skills):  # a posting with no cues: its skills are its needs
        skills = [RoleSkill(s.skill_id, s.weight, True) for s in skills]
    skills.sort(key=lambda s: (not s.required, -s.weight, s.skill_id))

    level, fields = _education(moded)
    duties = [ln for m, ln in moded if m == _DUTY and _BULLET.match(ln) is None and ln
              and _heading_mode(ln) is None][:10]
    bullets = [re.sub(_BULLET, "", raw).strip() for m, raw in zip(modes, raw_lines)
               if m == _DUTY and _BULLET.match(raw)][:10]
    prose = [ln for m, ln in moded if ln and _heading_mode(ln) is None and len(ln.split()) > 6]
    return RoleProfile(
        id=role_id or _slug(title), title=title, skills=tuple(skills),
        summary=" ".join(prose[:2])[:600], responsibilities=tuple(bullets or duties),
        min_years=_years(moded), education_level=level, education_fields=fields,
        seniority=_seniority(title), source=source, origin="posting",
        posting_text="\n".join(ln for _, ln in moded if ln),
    )
