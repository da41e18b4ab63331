"""The occupation index: O*NET and ESCO occupations, their titles, skills and paths.

Built by ``rolematch build`` (:mod:`rolematch.occupations._build`) into
``models/occupations.json.gz``; :meth:`OccupationIndex.load` reads it (no pickle) and
resolves each occupation's skills to taxonomy ids, tolerating skills the taxonomy
lacks. Knows titles and skills, nothing of scoring.
"""

from __future__ import annotations

import gzip
import json
import logging
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from collections.abc import Iterator, Mapping, Sequence
from typing import Literal

import numpy as np

from .._resources import models_dir
from ..errors import ModelError, RolematchError
from ..taxonomy import Taxonomy, skill_id
from ._build import INDEX_FILE, INDEX_FORMAT
from .duties import (
    DUTY_POOL,
    RANK_POOL,
    DutyMatcher,
    duty_weight,
    is_bare,
    is_rank_only,
    with_duties,
)
from .titles import TitleEntry, TitleSearcher, invert_title, title_parts

__all__ = ["OccupationSkill", "Occupation", "OccupationIndex", "SYSTEMS"]

log = logging.getLogger(__name__)

SYSTEMS = ("onet", "esco")
System = Literal["onet", "esco"]
#: How much an exact match on each kind of title counts. An O*NET occupation's own
#: title and the titles it names ("Architectural and Engineering Managers" names
#: "Engineering Managers"; an "Except" title names its head) count fully; its head
#: without a qualifier ("Substitute Teachers, Short-Term") almost; a reported title
#: (incumbents' own words, a survey sample) more when O*NET shows it in My Next Move,
#: but less than an alternate title three or more sources list; an alternate title by
#: how many sources list it (``ALT_PER_SOURCE`` each, up to ``ALT_MAX_SOURCES``; source
#: 09, titles users typed into O*NET's search, does not count); an ESCO label through
#: the crosswalk least.
TITLE_WEIGHTS = {
    "title": 1.0,
    "title_part": 1.0,
    "title_head": 0.96,
    "reported": 0.93,
    "reported_shown": 0.95,
    "alt": 0.91,
    "esco": 0.88,
}
ALT_PER_SOURCE, ALT_MAX_SOURCES = 0.015, 4
#: O*NET alternate-title sources that do not vouch for a title (09: user search input).
WEAK_SOURCES = frozenset({"09"})
#: Titles of a residual "All Other" occupation (SOC xx-xx99.00) count this much less,
#: exact or fuzzy: its alternate titles are what no specific occupation claimed.
RESIDUAL_FACTOR = 0.85
#: Related-occupation tiers, closest first.
RELATED_TIERS = ("Primary-Short", "Primary-Long", "Supplemental")


@dataclass(frozen=True)
class OccupationSkill:
    """A skill of an occupation: its label in the source, the taxonomy id it resolves
    to (None when the taxonomy lacks it), and its importance in (0, 1].

    ``source``: "tech" (an O*NET technology skill; ``hot``/``in_demand`` its flags),
    "essential" or "optional" (an ESCO link), or "esco" (an O*NET occupation's skill
    shared by the ESCO occupations crosswalked to it; importance = that share)."""

    label: str
    skill_id: str | None
    importance: float
    source: str
    uri: str = ""
    hot: bool = False
    in_demand: bool = False


@dataclass(frozen=True)
class Occupation:
    """One O*NET or ESCO occupation. ``id`` is ``system:code`` (``onet:13-2011.00``)."""

    system: str
    code: str
    title: str
    alt_titles: tuple[str, ...] = field(default=(), repr=False)
    reported_titles: tuple[str, ...] = field(default=(), repr=False)
    job_zone: int | None = None
    education: str | None = None
    related: tuple[str, ...] = ()  # O*NET codes, closest first
    skills: tuple[OccupationSkill, ...] = field(default=(), repr=False)
    onet: str | None = None  # an ESCO occupation's crosswalk O*NET code
    isco: str = ""
    uri: str = ""
    #: O*NET source codes of each alternate title ("02,10"; parallel to alt_titles)
    alt_sources: tuple[str, ...] = field(default=(), repr=False)
    #: whether O*NET shows each reported title in My Next Move (parallel to reported_titles)
    reported_shown: tuple[bool, ...] = field(default=(), repr=False)

    @property
    def id(self) -> str:
        return f"{self.system}:{self.code}"

    @property
    def major_group(self) -> str:
        """The O*NET-SOC major group ("13" for 13-2011.00); an ESCO occupation's is its
        crosswalk code's, else "isco:" + its ISCO major group."""
        code = self.code if self.system == "onet" else self.onet
        return code[:2] if code else f"isco:{self.isco[:1]}"


def _resolver(taxonomy: Taxonomy):
    """label -> taxonomy id: by alias (any spelling), else by slug of the label."""
    by_uri = getattr(taxonomy, "by_uri", None)
    memo: dict[tuple[str, str], str | None] = {}

    def resolve(label: str, uri: str = "") -> str | None:
        key = (label, uri)
        if key not in memo:
            memo[key] = _resolve(label, uri)
        return memo[key]

    def _resolve(label: str, uri: str) -> str | None:
        if uri and by_uri is not None:
            sk = by_uri(uri)
            if sk is not None:
                return sk.id
        sk = taxonomy.lookup(label)
        if sk is not None:
            return sk.id
        try:
            sid = taxonomy.canonical(skill_id(label))
        except ValueError:
            return None
        return sid if sid in taxonomy else None

    return resolve


def _onet_occupation(rec: dict, table: list, prefix: str, resolve) -> Occupation:
    skills = [
        OccupationSkill(
            name,
            resolve(name),
            _tech_importance(hot, dem),
            "tech",
            hot=bool(hot),
            in_demand=bool(dem),
        )
        for name, hot, dem in rec["tech"]
    ]
    for i, share in rec["esco_skills"]:
        uri, label = table[i]
        skills.append(
            OccupationSkill(
                label, resolve(label, prefix + uri), min(1.0, share), "esco", uri=prefix + uri
            )
        )
    tiers = {t: k for k, t in enumerate(RELATED_TIERS)}
    related = [c for c, _ in sorted(rec["related"], key=lambda x: tiers.get(x[1], 9))]
    return Occupation(
        "onet",
        rec["code"],
        rec["title"],
        tuple(rec["alt"]),
        tuple(rec["reported"]),
        rec["zone"],
        rec["education"],
        tuple(dict.fromkeys(related)),
        tuple(skills),
        alt_sources=tuple(rec.get("alt_sources", ())),
        reported_shown=tuple(bool(x) for x in rec.get("reported_shown", ())),
    )


def _tech_importance(hot: int, in_demand: int) -> float:
    """An O*NET technology skill's importance: 0.4, +0.3 if hot, +0.3 if in demand."""
    return 0.4 + 0.3 * hot + 0.3 * in_demand


def _esco_occupation(rec: dict, table: list, prefix: str, resolve) -> Occupation:
    skills = []
    for kind, imp in (("essential", 1.0), ("optional", 0.5)):
        for i in rec[kind]:
            uri, label = table[i]
            skills.append(
                OccupationSkill(label, resolve(label, prefix + uri), imp, kind, uri=prefix + uri)
            )
    return Occupation(
        "esco",
        rec["code"],
        rec["title"],
        tuple(rec["alt"]),
        (),
        None,
        None,
        (),
        tuple(skills),
        rec["onet"],
        rec["isco"],
        prefix + rec["uri"],
    )


class OccupationIndex:
    """Every O*NET and ESCO occupation, looked up by code, uuid or title."""

    def __init__(
        self,
        occupations: list[Occupation],
        *,
        sources: tuple[str, ...] = (),
        task_words: tuple[Sequence[str], Mapping[str, Sequence[int]]] | None = None,
    ) -> None:
        """``task_words``: the task vocabulary and, per O*NET code, its flat
        ``[word index, count, ...]`` list (the duties' evidence; none: titles only)."""
        self.occupations = occupations
        self.sources = sources
        self._task_words = task_words
        self._duties: DutyMatcher | None = None
        self._by_id = {o.id: o for o in occupations}
        for o in occupations:
            if o.uri:
                self._by_id.setdefault(f"esco:{o.uri.rsplit('/', 1)[-1]}", o)
        self._searchers: dict[str, tuple[TitleSearcher, list[Occupation]]] = {}

    # ---------------------------------------------------------------- loading
    @classmethod
    def load(
        cls, path: str | Path | None = None, *, taxonomy: Taxonomy | None = None
    ) -> OccupationIndex:
        """The index in ``path`` (a ``.json.gz`` or a folder holding one); without
        arguments the shipped one, cached (see :meth:`default`)."""
        if path is None and taxonomy is None:
            return cls.default()
        path = Path(path) if path else models_dir() / INDEX_FILE
        if path.is_dir():
            path = path / INDEX_FILE
        try:
            with gzip.open(path, "rt", encoding="utf-8") as fh:
                doc = json.load(fh)
        except FileNotFoundError as e:
            raise ModelError(
                f"{path}: the occupation index is missing; build it with "
                "`rolematch build --occupations PATH/TO/shared/data`"
            ) from e
        except (OSError, ValueError) as e:
            raise ModelError(f"{path}: not a readable occupation index ({e})") from e
        if doc.get("format_version") != INDEX_FORMAT:
            raise ModelError(
                f"{path}: occupation index format {doc.get('format_version')!r}; "
                f"expected {INDEX_FORMAT}: rebuild it with `rolematch build`"
            )
        resolve = _resolver(taxonomy or Taxonomy.default())
        table, prefix = doc["esco_skills"], doc["esco_uri_prefix"]
        occs = [_onet_occupation(r, table, prefix, resolve) for r in doc["onet"]]
        occs += [_esco_occupation(r, table, prefix, resolve) for r in doc["esco"]]
        words = {r["code"]: r["tasks"] for r in doc["onet"] if r.get("tasks")}
        task_words = (doc["task_words"], words) if doc.get("task_words") and words else None
        return cls(occs, sources=tuple(doc["sources"]), task_words=task_words)

    @classmethod
    def default(cls) -> OccupationIndex:
        """The shipped index with the default taxonomy, loaded once per process."""
        return _default_index()

    # ---------------------------------------------------------------- lookups
    def get(self, code: str) -> Occupation:
        """An occupation by ``onet:CODE``, ``esco:CODE``, ``esco:UUID`` or a bare O*NET
        code; :class:`RolematchError` naming the code when unknown."""
        key = code.strip()
        if ":" not in key:
            key = f"onet:{key}"
        occ = self._by_id.get(key)
        if occ is None:
            raise RolematchError(
                f"unknown occupation {code!r}; expected an O*NET-SOC code "
                "(onet:13-2011.00) or an ESCO code or uuid (esco:2411.1)"
            )
        return occ

    def __contains__(self, code: object) -> bool:
        if not isinstance(code, str):
            return False
        return (code if ":" in code else f"onet:{code}") in self._by_id

    def __iter__(self) -> Iterator[Occupation]:
        return iter(self.occupations)

    def __len__(self) -> int:
        return len(self.occupations)

    def of_system(self, system: str) -> list[Occupation]:
        if system not in SYSTEMS:
            raise RolematchError(f"unknown occupation system {system!r}; expected onet or esco")
        return [o for o in self.occupations if o.system == system]

    def related(self, code: str) -> list[Occupation]:
        """An O*NET occupation's related occupations, closest first (ESCO: those of its
        crosswalk occupation, and that occupation itself)."""
        occ = self.get(code)
        if occ.system == "esco":
            if not occ.onet or f"onet:{occ.onet}" not in self._by_id:
                return []
            base = self.get(occ.onet)
            return [base, *self.related(base.id)]
        return [self._by_id[f"onet:{c}"] for c in occ.related if f"onet:{c}" in self._by_id]

    def major_group(self, code: str) -> str:
        return self.get(code).major_group

    # ---------------------------------------------------------------- titles
    def _searcher(self, system: str) -> tuple[TitleSearcher, list[Occupation]]:
        if system not in self._searchers:
            targets = self.of_system(system)
            mains = [invert_title(o.title) if o.system == "onet" else o.title for o in targets]
            fuzzy = [_residual(o.code) if o.system == "onet" else 1.0 for o in targets]
            general = [i for i, o in enumerate(targets) if "All Other" in o.title]
            searcher = TitleSearcher().fit(
                self._title_entries(targets), len(targets), mains, fuzzy, general
            )
            self._searchers[system] = (searcher, targets)
        return self._searchers[system]

    def _title_entries(self, targets: list[Occupation]) -> list[TitleEntry]:
        row = {o.id: i for i, o in enumerate(targets)}
        out: list[TitleEntry] = []
        for i, o in enumerate(targets):
            if o.system == "onet":
                out += [TitleEntry(t, i, w) for t, w in _onet_titles(o)]
            else:
                out += [TitleEntry(t, i, TITLE_WEIGHTS["title"]) for t in (o.title, *o.alt_titles)]
        if targets and targets[0].system == "onet":  # ESCO labels, through the crosswalk
            for o in self.of_system("esco"):
                j = row.get(f"onet:{o.onet}") if o.onet else None
                if j is not None and o.onet:
                    w = TITLE_WEIGHTS["esco"] * _residual(o.onet)
                    out += [TitleEntry(t, j, w) for t in (o.title, *o.alt_titles)]
        return out

    def duties(self) -> DutyMatcher | None:
        """The O*NET occupations' task words as a fitted :class:`DutyMatcher` (None
        when the index was built without them), fitted on first use."""
        if self._duties is None and self._task_words is not None:
            vocab, counts = self._task_words
            self._duties = DutyMatcher().fit(vocab, counts)
        return self._duties

    def _nearest(
        self, duties: DutyMatcher, vector: np.ndarray, pool: list[tuple[Occupation, float]]
    ) -> list[tuple[Occupation, float]]:
        """The :data:`~rolematch.occupations.duties.RANK_POOL` occupations whose tasks
        are most like the duties, those not in ``pool`` yet, at confidence 0 (the title
        did not name them; the duties may raise them)."""
        have = {o.code for o, _ in pool}
        codes = [c for c in duties.nearest(vector, RANK_POOL) if c not in have]
        return [(self._by_id[f"onet:{c}"], 0.0) for c in codes if f"onet:{c}" in self._by_id]

    def search(
        self, title: str, k: int = 5, *, system: str = "onet", context: str | None = None
    ) -> list[tuple[Occupation, float]]:
        """The ``k`` occupations a job title most likely names, with a confidence in
        [0, 1], best first. ``context``: the job's duty lines, when known; they
        re-rank the title's :data:`~rolematch.occupations.duties.DUTY_POOL` best
        readings the more, the vaguer the title (:func:`~rolematch.occupations.duties.
        with_duties`; O*NET only, ESCO ignores them)."""
        contexts = [context] if context else None
        return self.search_top([title], k, system=system, contexts=contexts)[0]

    def search_many(
        self, titles: list[str], *, system: str = "onet"
    ) -> list[tuple[Occupation, float] | None]:
        """The best occupation for each title (None when nothing matches)."""
        return [hits[0] if hits else None for hits in self.search_top(titles, 1, system=system)]

    def search_top(
        self,
        titles: list[str],
        k: int = 5,
        *,
        system: str = "onet",
        contexts: Sequence[str | None] | None = None,
    ) -> list[list[tuple[Occupation, float]]]:
        """The ``k`` best occupations for each title with their confidences, best first
        (ties by row; an empty list when nothing matches): one batched search.
        ``contexts``: each title's duty lines or None (see :meth:`search`)."""
        searcher, targets = self._searcher(system)
        if not titles:
            return []
        if contexts is not None and len(contexts) != len(titles):
            raise RolematchError(
                f"{len(contexts)} contexts for {len(titles)} titles; expected one each"
            )
        duties = self.duties() if system == "onet" and contexts and any(contexts) else None
        if duties is None:
            return [[(targets[j], c) for j, c in hits] for hits in searcher.top(titles, k)]
        vectors: dict[str, np.ndarray] = {}  # an entry's lines serve each of its titles
        out = []
        for title, text, hits in zip(
            titles, contexts or (), searcher.top(titles, max(k, DUTY_POOL))
        ):
            top = [(targets[j], c) for j, c in hits]
            bare = is_bare(searcher, title) if top else False
            if text and top and duty_weight(top[0][1], bare=bare) > 0:
                if text not in vectors:
                    vectors[text] = duties.vector(text)
                pool = top[:DUTY_POOL]
                if is_rank_only(title):  # "Intern": the duties may name any occupation
                    pool += self._nearest(duties, vectors[text], pool)
                like = duties.similarity(vectors[text], [o.code for o, _ in pool])
                ranked = with_duties(pool, like, bare=bare)
                have = {o.code for o, _ in ranked}  # a reading the duties brought in
                top = ranked + [r for r in top[DUTY_POOL:] if r[0].code not in have]
            out.append(top[:k])
        return out


def _residual(code: str) -> float:
    """RESIDUAL_FACTOR for an "All Other" occupation (xx-xx99.00), else 1."""
    return RESIDUAL_FACTOR if code.endswith("99.00") else 1.0


def _alt_weight(sources: str) -> float:
    n = len({s for s in sources.split(",") if s and s not in WEAK_SOURCES})
    return TITLE_WEIGHTS["alt"] + ALT_PER_SOURCE * min(n, ALT_MAX_SOURCES)


def _onet_titles(o: Occupation) -> list[tuple[str, float]]:
    """An O*NET occupation's titles with how much an exact match on each counts."""
    w = TITLE_WEIGHTS
    f = _residual(o.code)
    out = [(invert_title(o.title), w["title"] * f)]
    out += [
        (t, (w["title_part"] if whole else w["title_head"]) * f)
        for t, whole in title_parts(o.title)
    ]
    sources = o.alt_sources or ("",) * len(o.alt_titles)
    out += [(t, _alt_weight(s) * f) for t, s in zip(o.alt_titles, sources)]
    shown = o.reported_shown or (False,) * len(o.reported_titles)
    out += [
        (t, w["reported_shown" if y else "reported"] * f) for t, y in zip(o.reported_titles, shown)
    ]
    return out


@lru_cache(maxsize=1)
def _default_index() -> OccupationIndex:
    return OccupationIndex.load(models_dir() / INDEX_FILE, taxonomy=Taxonomy.default())
