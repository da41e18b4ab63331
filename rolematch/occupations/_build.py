"""Build the occupation index (``models/occupations.json.gz``) from O*NET and ESCO.

Facts only, no prose: codes, titles (O*NET titles, alternate titles with their
source codes, reported titles with O*NET's "shown in My Next Move" flag;
ESCO preferred and alternative labels), job zones, the typical education level,
related occupations, O*NET technology skills with their hot-technology and in-demand
flags, ESCO essential and optional skills (as ESCO skill URIs with their labels),
the ESCO–O*NET crosswalk, and each O*NET occupation's task words (how often each word
of its O*NET Task Statements occurs: a bag of words, no sentences). Deterministic: the
same data gives the same file.
"""

from __future__ import annotations

import csv
import gzip
import json
import logging
from collections import Counter, defaultdict
from pathlib import Path

import numpy as np

from ..errors import RolematchError

log = logging.getLogger(__name__)

#: Layout version of ``occupations.json.gz``; checked on load.
INDEX_FORMAT = 1
INDEX_FILE = "occupations.json.gz"
ONET_DIR, ESCO_DIR, CROSSWALK = "onet-29.2", "esco/v1.1.1", "esco/crosswalk"
ESCO_URI = "http://data.europa.eu/esco/"
SOURCES = (
    "O*NET 29.2 Database by the U.S. Department of Labor, Employment and Training "
    "Administration (USDOL/ETA), CC BY 4.0",
    "ESCO v1.1.1, European Commission (free reuse with attribution)",
    "ESCO-O*NET crosswalk: Nesta, Mapping Career Causeways (2020), MIT",
)
#: O*NET "Required Level of Education" (RL) category -> rolematch education level.
RL_LEVEL = {
    1: None,
    2: "high_school",
    3: "high_school",
    4: "high_school",
    5: "associate",
    6: "bachelor",
    7: "bachelor",
    8: "master",
    9: "master",
    10: "doctorate",
    11: "doctorate",
    12: "doctorate",
}
#: Share of a crosswalked O*NET occupation's ESCO occupations that must list a skill
#: (optional links count half) for the skill to be kept for the O*NET occupation.
ESCO_SHARE_MIN = 0.25
#: Task words (:data:`~rolematch.occupations.duties.TASK_WORD`, English stop words
#: out) are kept when at least this many occupations' tasks use them.
TASK_WORD_MIN_OCCUPATIONS = 2


def _tsv(path: Path) -> list[dict[str, str]]:
    if not path.is_file():
        raise RolematchError(f"{path}: missing (expected an O*NET 29.2 text release)")
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))


def _csv(path: Path) -> list[dict[str, str]]:
    if not path.is_file():
        raise RolematchError(f"{path}: missing (expected ESCO v1.1.1 / the crosswalk)")
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _short(uri: str) -> str:
    return uri.removeprefix(ESCO_URI)


def _onet(root: Path) -> dict[str, dict]:
    occ: dict[str, dict] = {}
    for r in _tsv(root / "Occupation Data.txt"):
        occ[r["O*NET-SOC Code"]] = {
            "code": r["O*NET-SOC Code"],
            "title": r["Title"],
            "alt": [],
            "reported": [],
            "zone": None,
            "education": None,
            "related": [],
            "tech": [],
            "esco_skills": [],
        }
    alt_src: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for r in _tsv(root / "Alternate Titles.txt"):
        if r["O*NET-SOC Code"] in occ:
            srcs = {s.strip() for s in (r.get("Source(s)") or "").split(",") if s.strip()}
            alt_src[r["O*NET-SOC Code"]][r["Alternate Title"]] |= srcs
    shown: dict[str, dict[str, bool]] = defaultdict(dict)
    for r in _tsv(root / "Sample of Reported Titles.txt"):
        if r["O*NET-SOC Code"] in occ:
            cur = shown[r["O*NET-SOC Code"]].get(r["Reported Job Title"], False)
            flag = r.get("Shown in My Next Move") == "Y"
            shown[r["O*NET-SOC Code"]][r["Reported Job Title"]] = cur or flag
    for r in _tsv(root / "Job Zones.txt"):
        if r["O*NET-SOC Code"] in occ:
            occ[r["O*NET-SOC Code"]]["zone"] = int(r["Job Zone"])
    shares: dict[str, dict[int, float]] = defaultdict(dict)
    for r in _tsv(root / "Education, Training, and Experience.txt"):
        if r["Scale ID"] == "RL" and r["O*NET-SOC Code"] in occ:
            shares[r["O*NET-SOC Code"]][int(r["Category"])] = float(r["Data Value"])
    for code, cats in shares.items():  # the category with the highest share (lower on ties)
        best = max(sorted(cats), key=lambda c: cats[c])
        occ[code]["education"] = RL_LEVEL[best]
    for r in _tsv(root / "Related Occupations.txt"):
        if r["O*NET-SOC Code"] in occ and r["Related O*NET-SOC Code"] in occ:
            occ[r["O*NET-SOC Code"]]["related"].append(
                [r["Related O*NET-SOC Code"], r["Relatedness Tier"]]
            )
    for r in _tsv(root / "Technology Skills.txt"):
        if r["O*NET-SOC Code"] in occ:
            occ[r["O*NET-SOC Code"]]["tech"].append(
                [r["Example"], int(r["Hot Technology"] == "Y"), int(r["In Demand"] == "Y")]
            )
    for code, o in occ.items():
        alts = {t: s for t, s in alt_src[code].items() if t != o["title"]}
        o["alt"] = sorted(alts)
        o["alt_sources"] = [",".join(sorted(alts[t])) for t in o["alt"]]
        reps = {t: f for t, f in shown[code].items() if t != o["title"]}  # often also in alt
        o["reported"] = sorted(reps)
        o["reported_shown"] = [int(reps[t]) for t in o["reported"]]
        o["tech"].sort()
    return occ


def _crosswalk_code(code: str, known: set[str]) -> str | None:
    """A crosswalk O*NET code as a 29.2 code: as is, else the same SOC detail code."""
    if code in known:
        return code
    base = code[:7]
    if f"{base}.00" in known:
        return f"{base}.00"
    same = sorted(c for c in known if c.startswith(base))
    return same[0] if same else None


def _esco(root: Path, known_onet: set[str], crosswalk: Path) -> tuple[list[dict], list[list[str]]]:
    occs = _csv(root / "occupations_en.csv")
    skills = {r["conceptUri"]: r["preferredLabel"] for r in _csv(root / "skills_en.csv")}
    cw = {
        r["concept_uri"]: _crosswalk_code(r["onet_code"], known_onet)
        for r in _csv(crosswalk / "esco_onet_crosswalk_Nov2020.csv")
    }
    parent: dict[str, str] = {}
    for r in _csv(root / "broaderRelationsOccPillar.csv"):
        if r["conceptType"] == "Occupation" and r["broaderType"] == "Occupation":
            parent[r["conceptUri"]] = r["broaderUri"]

    def onet_of(uri: str) -> str | None:
        seen = set()
        while uri and uri not in seen:
            if cw.get(uri):
                return cw[uri]
            seen.add(uri)
            uri = parent.get(uri, "")
        return None

    links: dict[str, dict[str, list[str]]] = defaultdict(lambda: {"essential": [], "optional": []})
    for r in _csv(root / "occupationSkillRelations.csv"):
        if r["skillUri"] in skills and r["relationType"] in ("essential", "optional"):
            links[r["occupationUri"]][r["relationType"]].append(r["skillUri"])
    used = sorted({u for d in links.values() for v in d.values() for u in v})
    table = [[_short(u), skills[u]] for u in used]
    col = {u: i for i, u in enumerate(used)}
    out = []
    for r in sorted(occs, key=lambda r: r["code"]):
        uri = r["conceptUri"]
        alts = sorted(
            {a.strip() for a in r["altLabels"].splitlines() if a.strip()} - {r["preferredLabel"]}
        )
        out.append(
            {
                "code": r["code"],
                "uri": _short(uri),
                "title": r["preferredLabel"],
                "alt": alts,
                "isco": r["iscoGroup"],
                "onet": onet_of(uri),
                "essential": sorted(col[u] for u in set(links[uri]["essential"])),
                "optional": sorted(col[u] for u in set(links[uri]["optional"])),
            }
        )
    return out, table


def _esco_skills_for_onet(onet: dict[str, dict], esco: list[dict]) -> None:
    """Each O*NET occupation's ESCO skills: the share of its crosswalked ESCO
    occupations listing the skill (optional links count half), when >= ESCO_SHARE_MIN.
    An O*NET occupation no ESCO occupation maps to borrows those of its SOC broad
    occupation (the code's first six characters, "35-201"), else of its minor group
    ("35-2")."""
    by_code: dict[str, list[dict]] = defaultdict(list)
    for e in esco:
        if e["onet"]:
            by_code[e["onet"]].append(e)
            by_code[e["onet"][:6]].append(e)
            by_code[e["onet"][:4]].append(e)
    for code in onet:
        group = by_code.get(code) or by_code.get(code[:6]) or by_code.get(code[:4]) or []
        if not group:
            continue
        share: Counter[int] = Counter()
        for e in group:
            share.update({i: 1.0 for i in e["essential"]})
            share.update({i: 0.5 for i in e["optional"]})
        n = len(group)
        onet[code]["esco_skills"] = sorted(
            [i, round(s / n, 3)] for i, s in share.items() if s / n >= ESCO_SHARE_MIN
        )


def _task_words(root: Path, codes: list[str]) -> tuple[list[str], dict[str, list[int]]]:
    """The words of each O*NET occupation's task statements: a sorted vocabulary and,
    per code, a flat list ``[word index, count, word index, count, ...]``."""
    from sklearn.feature_extraction.text import CountVectorizer

    from .duties import TASK_WORD  # the words a résumé's duties are read with

    tasks: dict[str, list[str]] = defaultdict(list)
    for r in _tsv(root / "Task Statements.txt"):
        tasks[r["O*NET-SOC Code"]].append(r["Task"])
    cv = CountVectorizer(
        stop_words="english", token_pattern=TASK_WORD, min_df=TASK_WORD_MIN_OCCUPATIONS
    )
    counts = cv.fit_transform([" ".join(tasks.get(c, [])) for c in codes]).tocsr()
    vocab = list(cv.get_feature_names_out())  # sorted
    out: dict[str, list[int]] = {}
    for i, code in enumerate(codes):
        row = counts[i]
        order = np.argsort(row.indices)
        out[code] = [int(v) for j, n in zip(row.indices[order], row.data[order]) for v in (j, n)]
    return [str(w) for w in vocab], out


def build_occupation_index(data_dir: str | Path, out: str | Path) -> Path:
    """Read O*NET 29.2, ESCO v1.1.1 and the crosswalk under ``data_dir`` (the layout of
    ``../shared/data``) and write the index to ``out`` (a folder or a ``.json.gz``)."""
    data = Path(data_dir)
    onet = _onet(data / ONET_DIR)
    esco, table = _esco(data / ESCO_DIR, set(onet), data / CROSSWALK)
    _esco_skills_for_onet(onet, esco)
    vocab, words = _task_words(data / ONET_DIR, sorted(onet))
    for code, flat in words.items():
        onet[code]["tasks"] = flat
    doc = {
        "format_version": INDEX_FORMAT,
        "sources": list(SOURCES),
        "esco_uri_prefix": ESCO_URI,
        "esco_skills": table,
        "onet": [onet[c] for c in sorted(onet)],
        "esco": esco,
        "task_words": vocab,
    }
    out = Path(out)
    if out.suffix != ".gz":
        out.mkdir(parents=True, exist_ok=True)
        out = out / INDEX_FILE
    raw = json.dumps(doc, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    with gzip.GzipFile(out, "wb", mtime=0, compresslevel=9) as fh:
        fh.write(raw.encode("utf-8"))
    log.info("wrote %s: %d O*NET and %d ESCO occupations", out, len(onet), len(esco))
    return out
