"""Pure helpers behind :mod:`rolematch.report`: verdicts, advice, coverage, escaping.

Everything here works on the plain dict that :func:`rolematch.report.fit_to_dict`
builds (the report's single source of truth), so every output format says the same.
"""

from __future__ import annotations

import re
from typing import Any, Iterable, Mapping, Sequence

from .formula import WORDING_LEVER_SHARE, points_lost

#: Score bands, best first: (lowest score in the band, band id, label).
BANDS = (
    (75.0, "strong", "strong fit"),
    (60.0, "good", "good fit with gaps"),
    (40.0, "partial", "partial fit"),
    (float("-inf"), "weak", "weak fit"),
)

#: How many names a one-line summary lists before "and N more".
_LIST_NAMES = 3


def band(score: float) -> tuple[str, str]:
    """The band id and label of a 0–100 score (75 is strong, 60 good, 40 partial)."""
    return next((b, label) for low, b, label in BANDS if score >= low)


def name_list(names: Sequence[str], limit: int = _LIST_NAMES) -> str:
    """``"SQL, Jira, user stories"``, or ``"SQL, Jira, Excel and 2 more"``."""
    if len(names) <= limit:
        return ", ".join(names)
    return f"{', '.join(names[:limit])} and {len(names) - limit} more"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def file_name(source: str) -> str:
    """The last part of a POSIX or Windows path (``C:\\cv\\jane.pdf`` → ``jane.pdf``)."""
    return re.split(r"[\\/]", source.rstrip("\\/"))[-1] or source


# --------------------------------------------------------------------------- advice
def _verb_phrase(name: str) -> bool:
    """Is a skill's name a verb and its object, as ESCO words its skills ("comply with
    health legislation", "administer anaesthetics to patients")?  Curated names are
    title case ("Project Management"), so a lowercase name opening with a verb is one."""
    from ._patterns import verb_lemmas

    words = name.split()
    return len(words) >= 2 and name[:1].islower() and words[0] in verb_lemmas()


def close_missing(kind: str, name: str) -> str:
    """What would close a gap nothing on the résumé stands in for."""
    if kind == "hard_skill" and _verb_phrase(name):
        return (
            f"If you have had to {name}, say where in a recent job bullet, with the "
            f"result; if not, a course or supervised practice would build it."
        )
    if kind == "certification":
        return f"A certification — earn it, then list {name} under Certifications."
    if kind == "soft_skill":
        return (
            f"Show {name} with a concrete example in a recent job bullet "
            f"(situation, what you did, result)."
        )
    if kind == "language":
        return f"If you speak it, list {name} with your level (e.g. “professional working”)."
    if kind == "knowledge":
        return (
            f"If you have worked with {name}, say so in a recent job bullet; "
            f"otherwise a short course or project would build it."
        )
    return (
        f"If you have used {name}, add it to a recent job bullet with what you "
        f"achieved; if not, a course or side project would build it."
    )


def close_partial(asks: str, has: str) -> str:
    """What would close a gap a related skill partly covers."""
    return (
        f"Has {has}; the role asks for {asks} — a related skill: highlight the "
        f"transferable experience, and name {asks} too if you have used it."
    )


def visibility_tip(evidence: Sequence[Mapping[str, Any]]) -> str | None:
    """A tip when a matched skill is shown only in a list, not in work experience."""
    if not evidence:
        return "Not quoted on the résumé — make it visible in a job bullet."
    if all(e["section"] not in ("experience", "projects") for e in evidence):
        return "Only listed, not shown in your work — back it up in a recent job bullet."
    return None


# --------------------------------------------------------------------------- flags
def flag_notes(flags: Sequence[str], hidden_chars: int = 0) -> list[dict[str, str]]:
    """Each of a fit's flags with the sentence a report shows for it."""
    text = {
        "mostly_listed": (
            "Most of the evidence for this role is listed (a skills list or "
            "a line of keywords) rather than shown in work; skills only "
            "listed count for little."
        ),
        "hidden_text": (
            f"The file holds {hidden_chars} characters of text a reader cannot "
            "see (white, tiny or invisible); they were left out."
        ),
    }
    return [{"flag": f, "message": text.get(f, f)} for f in flags]


# --------------------------------------------------------------------------- verdict
def lever(d: Mapping[str, Any]) -> str | None:
    """The single change that would add the most points, in words (None if none)."""
    lost = {c["name"]: points_lost(c["value"], c["weight"]) for c in d["components"]}
    options: list[tuple[float, int, str]] = []

    def add(points: float, text: str | None) -> None:
        if text and points > 0.05:
            options.append((points, -len(options), text))

    for req, label in ((True, "required"), (False, "preferred")):
        key = "required" if req else "preferred"
        missing = [g["name"] for g in d["missing"] if g["required"] is req]
        partial = [p for p in d["partial"] if p["required"] is req]
        if missing:
            text = f"{_plural(len(missing), label + ' skill')} missing: {name_list(missing)}"
        elif partial:
            pairs = [f"{p['name']} (has {p['has']['name']})" for p in partial]
            text = (
                f"{_plural(len(partial), label + ' skill')} covered only by related "
                f"skills: {name_list(pairs)}"
            )
        else:
            text = (
                f"{label} skills are listed more than shown — evidence them in recent job bullets"
            )
        add(lost.get(key, 0.0), text)
    exp = d["experience"]
    if exp["min_years"] and exp["years"] < exp["min_years"]:
        add(
            lost.get("experience", 0.0),
            f"experience: {exp['years']:.1f} years against a minimum of {exp['min_years']:g}",
        )
    edu = d["education"]
    if edu["required"]:
        have = (edu["level"] or "no degree found").replace("_", " ")
        add(
            lost.get("education", 0.0),
            f"education: {have} against {edu['required'].replace('_', ' ')} required",
        )
    add(
        lost.get("vocabulary", 0.0) * WORDING_LEVER_SHARE,
        "wording: describe your work in the role's own terms",
    )
    if not options:
        return None
    return max(options)[2]


def verdict(d: Mapping[str, Any]) -> dict[str, Any]:
    """The verdict block: band, label, the biggest lever and a one-line summary."""
    b, label = band(d["score"])
    lv = lever(d)
    line = f"{label[0].upper()}{label[1:]} ({d['score']:.0f}/100) for {d['role']['title']}"
    line += f" — biggest lever: {lv}." if lv else "."
    return {"band": b, "label": label, "lever": lv, "summary": line}


# --------------------------------------------------------------------------- coverage
def counts(d: Mapping[str, Any], required: bool) -> dict[str, int]:
    """How many of the role's required (or preferred) skills are matched/partial/missing."""
    m = sum(1 for x in d["matched"] if x["required"] is required)
    p = sum(1 for x in d["partial"] if x["required"] is required)
    g = sum(1 for x in d["missing"] if x["required"] is required)
    return {"matched": m, "partial": p, "missing": g, "total": m + p + g}


def coverage_groups(
    items: Iterable[tuple[str, str]], by: str, max_groups: int = 8
) -> list[dict[str, Any]]:
    """Group ``(status, group)`` pairs into rows, largest first; the tail goes to "Other"."""
    rows: dict[str, dict[str, Any]] = {}
    for status, group in items:
        label = group.strip() or ("Other skills" if by == "category" else group)
        label = label[0].upper() + label[1:]
        row = rows.setdefault(
            label, {"group": label, "matched": 0, "partial": 0, "missing": 0, "total": 0}
        )
        row[status] += 1
        row["total"] += 1
    ordered = sorted(
        rows.values(), key=lambda r: (r["group"] == "Other skills", -r["total"], r["group"])
    )
    if by == "requirement":
        ordered = sorted(ordered, key=lambda r: r["group"] != "Required")
    if len(ordered) <= max_groups:
        return ordered
    head, tail = ordered[: max_groups - 1], ordered[max_groups - 1 :]
    other = {"group": "Other skills", "matched": 0, "partial": 0, "missing": 0, "total": 0}
    for r in tail:
        for k in ("matched", "partial", "missing", "total"):
            other[k] += r[k]
    return head + [other]


def chart(
    groups: Sequence[Mapping[str, Any]],
    *,
    width: int = 640,
    label_w: int = 200,
    bar_h: int = 18,
    gap: int = 12,
) -> dict[str, Any]:
    """Geometry of a horizontal stacked bar chart (one bar per group), for the SVG."""
    bar_w = width - label_w - 70
    rows = []
    for i, g in enumerate(groups):
        y = i * (bar_h + gap)
        x: float = label_w
        segs = []
        for status in ("matched", "partial", "missing"):
            w = bar_w * g[status] / g["total"] if g["total"] else 0.0
            if w > 0:
                segs.append({"status": status, "x": round(x, 1), "w": round(w, 1), "n": g[status]})
            x += w
        label = g["group"] if len(g["group"]) <= 28 else g["group"][:27] + "…"
        rows.append(
            {
                "label": label,
                "full": g["group"],
                "y": y,
                "segments": segs,
                "text": f"{g['matched']}/{g['total']}",
                "title": (
                    f"{g['group']}: {g['matched']} evidenced, {g['partial']} "
                    f"related, {g['missing']} missing"
                ),
            }
        )
    height = max(1, len(rows)) * (bar_h + gap) + 26
    return {
        "width": width,
        "height": height,
        "label_w": label_w,
        "bar_w": bar_w,
        "bar_h": bar_h,
        "rows": rows,
        "legend_y": height - 10,
    }


# --------------------------------------------------------------------------- markdown
_MD_INLINE = re.compile(r"([\\`*_\[\]<>|~])")
_MD_ENTITY = re.compile(r"&(?=#?\w+;)")
_MD_LEADING = re.compile(r"^(\s*)([#>]|[-+=](?=\s|$))")
_MD_NUMBERED = re.compile(r"^(\s*\d{1,9})([.)])(?=\s|$)")


def md_escape(text: object) -> str:
    """Make any string safe inside Markdown text or a table cell.

    Backslash-escapes inline markup (``* _ ` [ ] < > | ~ \\``), entity-looking ``&``,
    and a leading block marker (heading, quote, list, numbered item); newlines become
    spaces, so a line cannot break out of its table row.
    """
    s = " ".join(str(text).split())
    s = _MD_INLINE.sub(r"\\\1", s)
    s = _MD_ENTITY.sub(r"\\&", s)
    s = _MD_LEADING.sub(r"\1\\\2", s, count=1)
    return _MD_NUMBERED.sub(r"\1\\\2", s, count=1)
