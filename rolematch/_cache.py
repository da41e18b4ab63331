"""A cache of parsed résumés and their skill mentions, keyed by content, in one SQLite file.

Reading a PDF is the slow part of scoring (pdfminer: ~0.3 s a page), then finding
skills (a spaCy pipeline and phrase matchers to load, ~20 ms a résumé); scoring
against roles is fast.  So the batch caches both stages' output:

* ``resumes``: what the reader produced, keyed by the sha256 of the file's bytes
  plus the reader options and :data:`READER_VERSION`.  Files that failed for a
  lasting reason (corrupt, encrypted, no text layer…) are cached as failures too.
* ``mentions``: the skills found in that résumé (skill id, line, section, span),
  keyed by the résumé's key plus :func:`extractor_fingerprint` (the extractor's
  code and compiled patterns, hence the taxonomy they came from).
* ``features``: what scoring reads from that résumé (:class:`~rolematch.score.PackedFeatures`:
  skill credits, term counts, years, degree; no evidence lines), keyed by the résumé's
  key plus :func:`features_fingerprint` (the extractor's, the text model's and the
  code computing them).  An entry whose résumé has a current job is valid for the day
  it was computed on only: recency credit measures a current job's age from today.

* ``profiles``: the role profiles of job postings passed with ``--roles``, keyed by
  the posting file's bytes, its stem (the role id) and :func:`profiler_fingerprint`,
  so a posting is not profiled again (nor the extractor loaded) on every run.

**One fingerprint scheme: every key is a sha256 hash** of everything its value
depends on — the input's bytes, the options, and the code and built files that
produce it (each fingerprint hashes their source files and model files, so no
version number needs remembering).  :data:`READER_VERSION` is the one hand-kept
input, hashed in like the rest: reading spans many modules and changes often.

Scoring the same folder again, against other roles, then reads nothing, loads no
extractor and does not even decode the résumé: see :mod:`rolematch.batch`.

Only what scoring needs is stored: the lines, sections, experience entries, education
and *which* lines hold contact details — those lines are stored empty, so no name,
e-mail, phone or URL is kept; mentions on those lines are not stored either, and the
stored term counts come from the text scoring reads, which leaves those lines out and
masks contact details elsewhere.  Entries holding a current job ("– Present") are valid
for the month they were read in, since years of experience count up to the current
month.

Several processes share the file (WAL journal, busy timeout, one short transaction
per write).  Any SQLite problem — a read-only folder, a corrupt file, a lock held too
long — turns the cache off for the process with one logged warning; it never fails
a batch.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import sqlite3
from dataclasses import asdict
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Sequence

import numpy as np

from ._privacy import mask_contact
from .documents import Resume
from .errors import RolematchError
from .extract import SkillMention
from .roles import RoleLevel, RoleProfile, RoleSkill

if TYPE_CHECKING:
    from .score import PackedFeatures

log = logging.getLogger(__name__)

__all__ = [
    "READER_VERSION",
    "ResumeCache",
    "cache_key",
    "mentions_key",
    "extractor_fingerprint",
    "features_key",
    "features_fingerprint",
    "profile_key",
    "profiler_fingerprint",
    "clear_cache",
    "default_cache_path",
]

#: Bump whenever reading a file can give a different :class:`Resume` (documents,
#: _pdf, _clean, _sections, _dates changes): every cached entry then misses.
READER_VERSION = "2026.6"

#: Failure reasons worth caching: the same bytes fail the same way next time.
CACHED_FAILURES = frozenset(
    {"unsupported_format", "encrypted", "corrupt", "empty", "no_text_layer", "garbled_text"}
)

_SCHEMA = (
    """
CREATE TABLE IF NOT EXISTS resumes (
    key   TEXT PRIMARY KEY,
    month INTEGER NOT NULL,
    body  TEXT NOT NULL
)""",
    """
CREATE TABLE IF NOT EXISTS mentions (
    key   TEXT PRIMARY KEY,
    body  TEXT NOT NULL
)""",
    """
CREATE TABLE IF NOT EXISTS features (
    key    TEXT PRIMARY KEY,
    day    INTEGER NOT NULL,
    dated  INTEGER NOT NULL,
    body   TEXT NOT NULL,
    cols   BLOB NOT NULL,
    counts BLOB NOT NULL,
    other  TEXT NOT NULL,
    other_counts BLOB NOT NULL
)""",
    """
CREATE TABLE IF NOT EXISTS profiles (
    key   TEXT PRIMARY KEY,
    body  TEXT NOT NULL
)""",
)

#: The modules whose code decides which skills a résumé's text yields (the context
#: rules, overlap resolution and verb forms the extractor calls included).
_EXTRACTOR_SOURCES = (
    "extract.py", "_tokenize.py", "_patterns.py", "_context.py", "_overlaps.py", "_derive.py",
    "_senses.py",
)  # fmt: skip
#: The modules whose code turns a résumé and its mentions into scoring features
#: (credit and recency, the term analyzer, contact masking, the job history's
#: occupations, the meaning layer's inferred skills: ``Matcher._infer``).
_FEATURE_SOURCES = tuple(
    "features.py formula.py _model.py _privacy.py score.py occupations/history.py "
    "occupations/titles.py occupations/index.py occupations/duties.py".split()
)
#: The modules whose code turns a posting's text into a role profile (besides the
#: extractor's and the reader's).
_PROFILER_SOURCES = (
    "_posting.py", "_posting_read.py", "_posting_classify.py", "_posting_cues.py",
    "_posting_weigh.py", "_sections.py",
    "roles.py",
    "occupations/posting_titles.py",
    "occupations/profiles.py",  # a posting naming no skill takes its occupation's core
)  # fmt: skip
_INT32 = np.dtype("<i4")
_SQLITE_MAGIC = b"SQLite format 3\0"


def default_cache_path() -> Path:
    """``$XDG_CACHE_HOME/rolematch/cache.sqlite`` (else ``~/.cache/rolematch/...``)."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "rolematch" / "cache.sqlite"


def cache_key(data: bytes, **options: Any) -> str:
    """sha256 over the reader version, the reader options and the file's bytes."""
    h = hashlib.sha256()
    h.update(json.dumps([READER_VERSION, sorted(options.items())]).encode())
    h.update(b"\0")
    h.update(data)
    return h.hexdigest()


@lru_cache(maxsize=1)
def extractor_fingerprint() -> str:
    """sha256 over the extractor's source files and the compiled patterns it loads.

    Any change to the matching code, the patterns or the taxonomy they were built
    from (``rolematch build``) gives another fingerprint, so cached mentions miss;
    no version number to remember to bump.  Computed without loading the extractor.
    """
    from ._model import corpus_hash
    from ._resources import models_dir
    from .errors import RolematchError
    from .extract import PATTERNS_FILE

    h = hashlib.sha256()
    here = Path(__file__).resolve().parent
    for name in _EXTRACTOR_SOURCES:
        h.update(name.encode() + b"\0" + (here / name).read_bytes() + b"\0")
    try:
        patterns: Path | None = models_dir() / "matcher" / PATTERNS_FILE
    except RolematchError:
        patterns = None
    if patterns is not None and patterns.is_file():
        h.update(patterns.read_bytes())
    else:  # default_extractor() compiles the patterns from the shipped taxonomy
        h.update(b"compiled:" + corpus_hash().encode())
    return h.hexdigest()


def mentions_key(resume_key: str) -> str:
    """The key of a résumé's skill mentions: its résumé key plus the extractor's."""
    return hashlib.sha256(f"{resume_key}:{extractor_fingerprint()}".encode()).hexdigest()


def features_fingerprint() -> str:
    """sha256 over :func:`extractor_fingerprint`, the built text model (its stop words
    and vocabulary: packed term columns index it) and the source of the modules that
    compute features from a résumé, so that cached features miss whenever fresh ones
    could differ."""
    return hashlib.sha256(f"{extractor_fingerprint()}:{_features_code()}".encode()).hexdigest()


def _hash_sources(h: Any, names: tuple[str, ...]) -> Path | None:
    """Add the named modules' source and the built text model (``models/tfidf.json``)
    to ``h``; return the model's path, or None when there is no built model."""
    from ._resources import models_dir
    from .errors import RolematchError

    here = Path(__file__).resolve().parent
    for name in names:
        h.update(name.encode() + b"\0" + (here / name).read_bytes() + b"\0")
    try:
        model = models_dir() / "tfidf.json"
    except RolematchError:
        return None
    if not model.is_file():
        return None
    h.update(model.read_bytes())
    return model


def _hash_index(h: Any, model: Path | None) -> None:
    """Add the occupation index built beside ``model`` (job and posting titles' occupations)."""
    index = model.parent / "occupations.json.gz" if model is not None else None
    h.update(index.read_bytes() if index is not None and index.is_file() else b"no index")


@lru_cache(maxsize=1)
def _features_code() -> str:
    from ._model import corpus_hash

    h = hashlib.sha256()
    model = _hash_sources(h, _FEATURE_SOURCES)
    if model is None:  # pragma: no cover - no built model: scoring fails before any lookup
        h.update(b"model:" + corpus_hash().encode())
    _hash_index(h, model)
    return h.hexdigest()


def features_key(resume_key: str, meaning: str = "") -> str:
    """The key of a résumé's scoring features: its résumé key plus the features'
    and, when the meaning layer is on, its :func:`rolematch._meaning.fingerprint`
    (features then hold the skills inferred from the résumé's lines, which depend on
    the roles)."""
    salt = f":{meaning}" if meaning else ""
    return hashlib.sha256(f"{resume_key}:{features_fingerprint()}{salt}".encode()).hexdigest()


@lru_cache(maxsize=1)
def profiler_fingerprint() -> str:
    """sha256 over :data:`READER_VERSION`, :func:`extractor_fingerprint`, the profiler's
    source files, the built text model (a posting's skill weights come from it) and the
    occupation index (its occupations come from the title)."""
    h = hashlib.sha256(f"{READER_VERSION}:{extractor_fingerprint()}".encode())
    model = _hash_sources(h, _PROFILER_SOURCES)
    # a profile's occupations come from its title, looked up in the occupation index
    _hash_index(h, model)
    return h.hexdigest()


def profile_key(data: bytes, stem: str) -> str:
    """The key of a posting file's role profile: its bytes, its stem (the role id is
    made from it) and :func:`profiler_fingerprint`."""
    h = hashlib.sha256(f"{profiler_fingerprint()}:{stem}".encode() + b"\0")
    h.update(data)
    return h.hexdigest()


def _role_body(role: RoleProfile) -> str:
    d = asdict(role)
    del d["source"]
    return json.dumps(d, ensure_ascii=False, separators=(",", ":"))


def _role(body: str, source: str) -> RoleProfile:
    d = json.loads(body)
    tuples = ("alt_titles", "responsibilities", "education_fields", "occupations")
    return RoleProfile(
        **{
            **d,
            **{k: tuple(d.get(k, ())) for k in tuples},
            "source": source,
            "skills": tuple(RoleSkill(**s) for s in d["skills"]),
            "levels": tuple(RoleLevel(**lv) for lv in d["levels"]),
        }
    )


def _day(today: date | None = None) -> int:
    return (today or date.today()).toordinal()


def _month(today: date | None = None) -> int:
    d = today or date.today()
    return d.year * 12 + d.month


def _slim(resume: Resume) -> dict[str, Any]:
    d = resume.to_dict()
    del d["text"]  # "\n".join(lines)
    drop = set(resume.contact.lines)  # scoring skips these lines: keep their place only
    # a phone or e-mail written in a body line is overwritten in place (same length:
    # spans hold, and scoring masks it too, so a cached résumé scores the same)
    d["lines"] = ["" if i in drop else mask_contact(ln) for i, ln in enumerate(d["lines"])]
    d["contact"] = {"lines": d["contact"]["lines"]}
    for e in d.get("experience", ()):
        e["heading"] = mask_contact(e["heading"])
    return d


def _fat(d: dict[str, Any], source: str) -> Resume:
    d = dict(d, source=source, text="\n".join(d["lines"]))
    return Resume.from_dict(d)


class ResumeCache:
    """Parsed résumés (or lasting read failures) by content key; see the module doc.

    ``get`` returns a :class:`Resume`, a ``(reason, message)`` pair for a cached
    failure, or None.  Once broken, every call is a no-op.
    """

    def __init__(self, path: str | Path | None = None) -> None:
        self.path = Path(path) if path is not None else default_cache_path()
        self._db: sqlite3.Connection | None = None
        self.broken = False
        self.hits = self.misses = 0

    def _conn(self) -> sqlite3.Connection | None:
        if self._db is None and not self.broken:
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                db = sqlite3.connect(self.path, timeout=30.0, isolation_level=None)
                db.execute("PRAGMA busy_timeout = 30000")
                db.execute("PRAGMA journal_mode = WAL")
                db.execute("PRAGMA synchronous = NORMAL")
                for table in _SCHEMA:
                    db.execute(table)
                self._db = db
            except (sqlite3.Error, OSError) as e:
                self._fail(e)
        return self._db

    def _fail(self, e: Exception) -> None:
        log.warning(
            "résumé cache %s unusable, continuing without it: %s. If it is damaged, "
            "delete it with: rolematch cache clear --cache %s",
            self.path,
            e,
            self.path,
        )
        self.broken = True
        if self._db is not None:
            try:
                self._db.close()
            except sqlite3.Error:  # pragma: no cover - closing a broken db
                pass
        self._db = None

    def _run(self, sql: str, args: Sequence[Any]) -> list[tuple] | None:
        """The rows of one statement, or None when the cache is unusable (a database
        error turns the cache off for the rest of the run; see :meth:`_fail`)."""
        db = self._conn()
        if db is None:
            return None
        try:
            return db.execute(sql, args).fetchall()
        except sqlite3.Error as e:
            self._fail(e)
            return None

    def get(self, key: str, source: str) -> Resume | tuple[str, str] | None:
        rows = self._run("SELECT month, body FROM resumes WHERE key = ?", (key,))
        if rows is None:
            return None
        if not rows:
            self.misses += 1
            return None
        month, body = rows[0]
        try:
            d = json.loads(body)
            if "error" in d:
                self.hits += 1
                return d["error"][0], d["error"][1]
            if month != _month() and any(e["current"] for e in d["experience"]):
                self.misses += 1  # years of experience have grown since
                return None
            resume = _fat(d, source)
        except (ValueError, KeyError, TypeError) as e:
            log.warning(
                "résumé cache %s: unreadable entry %s… ignored (%s)", self.path, key[:12], e
            )
            self.misses += 1
            return None
        self.hits += 1
        return resume

    def put(self, key: str, value: Resume | tuple[str, str]) -> None:
        body = {"error": list(value)} if isinstance(value, tuple) else _slim(value)
        self._run(
            "INSERT OR REPLACE INTO resumes (key, month, body) VALUES (?, ?, ?)",
            (key, _month(), json.dumps(body, ensure_ascii=False)),
        )

    def get_mentions(self, key: str) -> list[SkillMention] | None:
        """The skill mentions stored under ``key`` (:func:`mentions_key`), or None."""
        rows = self._run("SELECT body FROM mentions WHERE key = ?", (key,))
        if rows is None:
            return None
        if not rows:
            self.misses += 1
            return None
        try:
            found = [
                SkillMention(str(sid), str(surface), int(start), int(end), int(line), str(section))
                for sid, surface, start, end, line, section in json.loads(rows[0][0])
            ]
        except (ValueError, TypeError) as e:
            log.warning(
                "résumé cache %s: unreadable mentions %s… ignored (%s)", self.path, key[:12], e
            )
            self.misses += 1
            return None
        self.hits += 1
        return found

    def put_mentions(self, key: str, mentions: Sequence[SkillMention], resume: Resume) -> None:
        """Store a résumé's mentions, leaving out those on its name and contact lines."""
        drop = set(resume.contact.lines)
        body = [
            [m.skill_id, m.surface, m.start, m.end, m.line, m.section]
            for m in mentions
            if m.line not in drop
        ]
        self._run(
            "INSERT OR REPLACE INTO mentions (key, body) VALUES (?, ?)",
            (key, json.dumps(body, ensure_ascii=False, separators=(",", ":"))),
        )

    def get_features(self, key: str, source: str) -> PackedFeatures | None:
        """The scoring features stored under ``key`` (:func:`features_key`), or None
        (also for an entry of another day whose résumé has a current job)."""
        return self.get_features_many([key], [source])[0]

    def get_features_many(
        self, keys: Sequence[str], sources: Sequence[str]
    ) -> list[PackedFeatures | None]:
        """:meth:`get_features` for many keys, in one query."""
        from .features import Job
        from .score import PackedFeatures

        out: list[PackedFeatures | None] = [None] * len(keys)
        found: dict[str, tuple] = {}
        for i in range(0, len(keys), 500):  # SQLite's host parameter limit
            part = list(set(keys[i : i + 500]))
            rows = self._run(
                "SELECT key, day, dated, body, cols, counts, other, other_counts "
                f"FROM features WHERE key IN ({','.join('?' * len(part))})",
                part,
            )
            if rows is None:
                return out
            found.update((row[0], row[1:]) for row in rows)
        today = _day()
        for i, (key, source) in enumerate(zip(keys, sources)):
            row = found.get(key)
            if row is None or (row[1] and row[0] != today):
                self.misses += 1  # (a current job's recency credit has aged since)
                continue
            try:
                d = json.loads(row[2])
                out[i] = PackedFeatures(
                    source,
                    d["credit"],
                    np.frombuffer(row[3], _INT32),
                    np.frombuffer(row[4], _INT32),
                    row[5],
                    np.frombuffer(row[6], _INT32),
                    float(d["years"]),
                    d["education"],
                    int(d["vocab"]),
                    frozenset(d.get("listed", ())),
                    np.array(d.get("listed_cols", ()), dtype=np.int32),
                    np.array(d.get("listed_counts", ()), dtype=np.int32),
                    str(d.get("listed_other", "")),
                    np.array(d.get("listed_other_counts", ()), dtype=np.int32),
                    int(d.get("hidden", 0)),
                    tuple(Job.from_list(x) for x in d.get("jobs", ())),
                    frozenset(d.get("inferred", ())),
                )
            except (ValueError, KeyError, TypeError) as e:
                log.warning(
                    "résumé cache %s: unreadable features %s… ignored (%s)", self.path, key[:12], e
                )
                self.misses += 1
                continue
            self.hits += 1
        return out

    def put_features(
        self, key: str, f: PackedFeatures, *, dated: bool, today: date | None = None
    ) -> None:
        """Store a résumé's scoring features; ``dated``: they hold today's recency credit
        (the résumé has a current job), so they are valid for ``today`` only."""
        body = {
            "credit": dict(f.credit),
            "years": f.years,
            "education": f.education_level,
            "vocab": f.vocab_size,
            "listed": sorted(f.listed),
            "listed_cols": [int(j) for j in f.listed_cols],
            "listed_counts": [int(n) for n in f.listed_counts],
            "listed_other": f.listed_other,
            "listed_other_counts": [int(n) for n in f.listed_other_counts],
            "hidden": int(f.hidden_chars),
            "jobs": [jb.to_list() for jb in f.jobs],
            "inferred": sorted(f.inferred),
        }
        self._run(
            "INSERT OR REPLACE INTO features (key, day, dated, body, cols, counts, "
            "other, other_counts) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                key,
                _day(today),
                int(dated),
                json.dumps(body, ensure_ascii=False, separators=(",", ":")),
                np.asarray(f.cols, _INT32).tobytes(),
                np.asarray(f.counts, _INT32).tobytes(),
                f.other,
                np.asarray(f.other_counts, _INT32).tobytes(),
            ),
        )

    def get_profile(self, key: str, source: str) -> RoleProfile | None:
        """The role profile stored under ``key`` (:func:`profile_key`), or None."""
        rows = self._run("SELECT body FROM profiles WHERE key = ?", (key,))
        if not rows:
            return None
        try:
            return _role(rows[0][0], source)
        except (ValueError, KeyError, TypeError) as e:
            log.warning(
                "résumé cache %s: unreadable profile %s… ignored (%s)", self.path, key[:12], e
            )
            return None

    def put_profile(self, key: str, role: RoleProfile) -> None:
        self._run(
            "INSERT OR REPLACE INTO profiles (key, body) VALUES (?, ?)", (key, _role_body(role))
        )

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None


def clear_cache(path: str | Path | None = None) -> int:
    """Delete the cache file (and its WAL files); returns the entries it held (0 if none).

    Only a rolematch cache is deleted: an SQLite file (even a damaged one), an empty
    file, or any file at the default path; a folder or another file is refused.
    """
    p = Path(path) if path is not None else default_cache_path()
    if p.is_dir():
        raise RolematchError(f"{p}: is a folder, not a cache file; nothing deleted")
    if not p.exists():
        return 0
    try:
        with p.open("rb") as fh:
            head = fh.read(len(_SQLITE_MAGIC))
    except OSError as e:
        raise RolematchError(f"{p}: cannot read the cache file ({e.strerror or e})") from e
    if head and head != _SQLITE_MAGIC and p != default_cache_path():
        raise RolematchError(f"{p}: not a rolematch cache (not an SQLite file); nothing deleted")
    n = 0
    try:
        db = sqlite3.connect(p.resolve().as_uri() + "?mode=ro", uri=True)
        try:
            tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master")}
            if head and "resumes" not in tables:
                raise RolematchError(
                    f"{p}: an SQLite file but not a rolematch cache (no "
                    "'resumes' table); nothing deleted"
                )
            n = db.execute("SELECT count(*) FROM resumes").fetchone()[0] if tables else 0
        finally:
            db.close()
    except sqlite3.Error:
        n = 0  # damaged: delete it
    for f in (p, p.with_name(p.name + "-wal"), p.with_name(p.name + "-shm")):
        f.unlink(missing_ok=True)
    return n
