"""Job titles to occupations: normalization and a fitted title searcher.

:func:`normalize_title` lower-cases a title, expands the abbreviations résumés use
(``sr``, ``mgr``, ``asst``, ``rn``, ``cmo``…) and drops seniority words, so that
"Sr. Staff Accountant" and "Accountant" meet. :class:`TitleSearcher` ranks
occupations for a title by three signals, each a general rule:

* an exact normalized title (O*NET title, alternate or reported title, ESCO label);
* a TF-IDF cosine over word 1–2-grams and character 3–5-grams of every title;
* a head-noun fallback for bare titles ("Consultant"): the occupations whose titles
  most often end in that noun.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass
from collections.abc import Callable, Sequence

import numpy as np

from ..errors import RolematchError

__all__ = [
    "normalize_title",
    "invert_title",
    "title_parts",
    "query_variants",
    "head_noun",
    "TitleEntry",
    "TitleSearcher",
    "ABBREVIATIONS",
]

#: Abbreviations written in job titles -> their words. Acronyms of whole titles win
#: over the data's own short titles (so "CMO" is a chief marketing officer, not a
#: continuous miner operator).
ABBREVIATIONS = {
    "sr": "senior", "snr": "senior", "jr": "junior", "mgr": "manager", "mngr": "manager",
    "asst": "assistant", "assoc": "associate", "adm": "administrative", "dir": "director",
    "exec": "executive", "eng": "engineer", "engr": "engineer", "coord": "coordinator",
    "rep": "representative", "reps": "representative", "spec": "specialist",
    "supv": "supervisor", "supvr": "supervisor", "svc": "service", "svcs": "services",
    "ops": "operations", "acct": "accounting", "accts": "accounts", "mktg": "marketing",
    "mkt": "marketing", "dev": "development", "devel": "development", "tech": "technician",
    "techs": "technician", "hr": "human resources", "it": "information technology",
    "qa": "quality assurance", "qc": "quality control", "rn": "registered nurse",
    "lpn": "licensed practical nurse", "lvn": "licensed vocational nurse",
    "cna": "certified nursing assistant", "np": "nurse practitioner",
    "emt": "emergency medical technician", "ceo": "chief executive officer",
    "cfo": "chief financial officer", "coo": "chief operating officer",
    "cto": "chief technology officer", "cio": "chief information officer",
    "cmo": "chief marketing officer", "cno": "chief nursing officer",
    "cpa": "certified public accountant", "vp": "vice president", "svp": "vice president",
    "evp": "vice president", "avp": "vice president", "gm": "general manager",
    "pm": "project manager", "dba": "database administrator",
    "csr": "customer service representative", "ae": "account executive",
    "bdr": "business development representative", "sdr": "sales development representative",
    "hvac": "heating air conditioning", "cdl": "truck driver", "sme": "subject matter expert",
    "ui": "user interface", "ux": "user experience", "ar": "accounts receivable",
    "ap": "accounts payable",
    # fields, trades and licences (ninth pass)
    "pr": "public relations", "crm": "customer relationship management",
    "csa": "customer service associate", "cs": "customer service", "dept": "department",
    "mgmt": "management", "mgt": "management", "mfg": "manufacturing", "maint": "maintenance",
    "whse": "warehouse", "acctg": "accounting", "cust": "customer", "sys": "systems",
    "sw": "software", "pc": "personal computer", "swe": "software engineer",
    "sre": "site reliability engineer", "hrbp": "human resources business partner",
    "ea": "executive assistant", "natl": "national", "intl": "international",
    "equip": "equipment", "elec": "electrical", "tchr": "teacher", "hha": "home health aide",
    "pca": "personal care aide", "gna": "geriatric nursing assistant",
    "stna": "state tested nursing assistant", "lmt": "licensed massage therapist",
    "lcsw": "licensed clinical social worker", "slp": "speech language pathologist",
}  # fmt: skip
#: "admin" is an administrator at a title's end ("System Admin"), else administrative.
_ADMIN = ("admin", "administrative", "administrator")
#: Words about rank, not occupation: dropped before matching.
SENIORITY = frozenset(
    (
        "senior junior sr jr i ii iii iv 1 2 3 4 level entry mid staff principal lead "
        "head trainee intern interim acting temporary temp part time full contract "
        "contractor freelance volunteer seasonal"
    ).split()
)
#: Words that stand for a company or place in anonymized résumés.
_NOISE = frozenset({"company", "name", "city", "state"})
#: Added, times the head-noun share, to a bare title's occupations (a tie-break among
#: the many titles that end in the same noun).
HEAD_SHARE_BONUS = 0.1
#: A bare one-word title that is no title itself: its fuzzy scores count this much.
BARE_DISCOUNT = 0.5
#: A title at least this alike (cosine) counts toward an occupation's "mass" of
#: similar titles, which saturates at about MASS_SCALE such titles.
MASS_MIN, MASS_SCALE = 0.5, 3.0
#: Normalized titles whose scores a fitted searcher keeps (float32, ~4 kB each), and
#: how many new ones it scores at once.
MEMO_SIZE, _CHUNK = 4096, 64
#: A part of a "/"-joined title counts this much of a whole title.
PART_FACTOR = 0.95
#: Where a line names several jobs ("Stock Loader / Driver"), an occupation
#: also gains this share of its score for the second job it best reads as: one that
#: two of the jobs name is the likelier reading of the line (tenth pass).
PART_AGREEMENT = 0.08
#: "Manager of Finance" read as "Finance Manager" counts this much of the title as written.
INVERT_FACTOR = 0.97
#: Where a line names several jobs: "/", ";", "|" or " - " between them; else "&" or
#: " and " (weak: "Training and Development Specialist" is one job).
_STRONG_PARTS = re.compile(r"\s*[/;|]\s*|\s+[-–—]\s+")
_WEAK_PARTS = re.compile(r"\s*&\s*|\s+and\s+", re.IGNORECASE)
#: A word that ends at least this many titles is a job noun ("manager", "tester").
JOB_NOUN_MIN = 20
#: "X of Y", "X, Y", "X - Y": a job X in the department Y.
_OF = re.compile(
    r"^(?P<job>[^,]+?)(?:\s+of\s+|\s+for\s+|\s*,\s*|\s+[-–—]\s+)(?P<dept>.+)$", re.IGNORECASE
)
_TOKEN = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
#: Words a PDF ran together ("StaffNurse", "ofArts"): split where a lower-case letter
#: meets a capital that starts a word (on both sides of a match, so "PowerPoint" in a
#: title still meets "PowerPoint" in the data).
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z][a-z])")
#: Initials written with dots ("C.S.R.", "R.N."): one word.
_DOTTED = re.compile(r"\b(?:[a-z]\.){1,}[a-z]\b\.?")


def _ascii(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")


def normalize_title(title: str, *, strip_seniority: bool = True) -> str:
    """A job title as matched: lower case, abbreviations expanded, seniority dropped.

    >>> normalize_title("Sr. Staff Accountant")
    'accountant'
    >>> normalize_title("Admin Asst (part-time)")
    'administrative assistant'
    """
    text = _CAMEL.sub(" ", _ascii(title)).lower().replace("&", " and ")
    text = re.sub(r"\(([^)]*)\)", r" \1 ", text)
    text = _DOTTED.sub(lambda m: m[0].replace(".", ""), text)  # "C.S.A." -> "csa"
    words = _TOKEN.findall(text.replace("'s", ""))
    out: list[str] = []
    for i, w in enumerate(words):
        if w in _NOISE:
            continue
        if w == "admin":
            out.append(_ADMIN[2] if i == len(words) - 1 else _ADMIN[1])
            continue
        out.extend(ABBREVIATIONS.get(w, w).split())
    for k in range(len(out) - 1, 0, -1):  # "Shift Lead (part-time)": a shift's supervisor
        if out[k] == "lead" and any(w not in SENIORITY for w in out[:k]):
            out[k] = "supervisor"
        if out[k] not in SENIORITY:
            break
    if strip_seniority:
        kept = [w for w in out if w not in SENIORITY]
        while len(kept) < len(out) and kept and kept[-1] in ("and", "or", "of", "for"):
            kept.pop()  # "Analyst and Intern" -> "analyst", not "analyst and"
        out = kept or out
    return " ".join(_singular(w) for w in out)


def _singular(word: str) -> str:
    """A crude English singular, the same on both sides of a match ("cooks" -> "cook")."""
    if len(word) <= 3 or word.endswith(("ss", "us", "is", "ics")):
        return word
    if word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith(("ches", "shes", "xes", "sses")):
        return word[:-2]
    return word[:-1] if word.endswith("s") else word


_EXCEPT = re.compile(r",\s*(?:except\b|all other\b).*$", re.IGNORECASE)


def _segments(title: str) -> tuple[str, str]:
    """An O*NET title as (noun phrase, qualifier): ", Except …" and ", All Other"
    dropped; a comma list closed by ", and …" kept whole ("Transportation, Storage, and
    Distribution Managers") unless it follows a plural noun, where it qualifies it
    ("Hosts and Hostesses, Restaurant, Lounge, and Coffee Shop")."""
    segs = [p.strip() for p in _EXCEPT.sub("", title).split(",") if p.strip()]
    if not segs:
        return "", ""
    last_and = max((i for i, p in enumerate(segs) if p.lower().startswith("and ")), default=0)
    if last_and and (not _is_plural(segs[0]) or _is_plural(segs[last_and])):
        head = _and_list(", ".join(segs[: last_and + 1]))  # "A, B, and C Xs": one phrase
        return head, _and_list(", ".join(segs[last_and + 1 :]))
    return segs[0], _and_list(", ".join(segs[1:]))


def _and_list(text: str) -> str:
    return re.sub(r",\s*(?:and\s+)?", " and ", text)


def _is_plural(phrase: str) -> bool:
    word = phrase.split()[-1].lower() if phrase.split() else ""
    return len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is"))


def invert_title(title: str) -> str:
    """An O*NET title read as a job title: "Cooks, Restaurant" -> "Restaurant Cooks";
    "Secretaries, Except Legal" -> "Secretaries"; "…, All Other" dropped."""
    head, rest = _segments(title)
    return f"{rest} {head}".strip() if rest else head


def title_parts(title: str) -> list[tuple[str, bool]]:
    """The job titles an O*NET title names besides itself, each with whether it is
    the whole occupation (True) or a qualifier was dropped (False): the members of an
    "and" list, a shared head noun handed to modifiers ("Architectural and Engineering
    Managers" -> "Architectural Managers", "Engineering Managers"; "Secretaries and
    Administrative Assistants" -> "Secretaries", "Administrative Assistants"; the first
    member's modifiers handed on: "Farm Equipment Mechanics and Service Technicians" ->
    "Farm Equipment Service Technicians"), and the
    noun phrase without its qualifier ("Substitute Teachers, Short-Term" ->
    "Substitute Teachers"), whole when the qualifier was an "Except" (the general case).
    The title itself (:func:`invert_title`) is not among them."""
    head, rest = _segments(title)
    items = [p.strip() for p in re.split(r"\s+and\s+", head) if p.strip()]
    out: list[tuple[str, bool]] = []
    if rest:
        out.append((head, bool(_EXCEPT.search(title))))
    if len(items) > 1:
        last = items[-1].split()[-1]
        prefix = " ".join(items[0].split()[:-1]) if _is_plural(items[0]) else ""
        for it in items:
            text = it if _is_plural(it) or it == items[-1] else f"{it} {last}"
            if prefix and not text.startswith(prefix.split()[0]):
                text = f"{prefix} {text}"  # "Farm Equipment Mechanics and Service Technicians"
            out.append((f"{rest} {text}" if rest else text, True))
            if rest:
                out.append((text, False))
    best: dict[str, bool] = {}
    for text, is_whole in out:
        best[text] = best.get(text, False) or is_whole
    return list(best.items())


def query_variants(
    title: str, is_job: Callable[[str], bool] = lambda _: True
) -> list[tuple[str, float]]:
    """A written job title and the readings it is also searched as, each with the
    share of a whole match it may earn: itself (1); a job of a department with the
    department made a modifier ("Manager of Finance", "Director, Media Strategy" ->
    "Finance Manager", "Media Strategy Director", INVERT_FACTOR), each of several
    departments too ("Manager of Claims and Billing" -> "Claims Manager", "Billing
    Manager"; INVERT_FACTOR × PART_FACTOR); its parts where it
    names several jobs ("Teacher/Coach", "Translator & Product Tester", PART_FACTOR;
    at "&" or "and" only when every part ``is_job``), a part that is no job taking the
    job noun of the next part that is one ("QA / QC Manager" -> "QA Manager", "QC
    Manager"); at "&" or "and" before the one part that is a job, that part's job
    noun shared by the others ("Maintenance & Production Manager" -> "Maintenance
    Manager", "Production Manager"; PART_FACTOR; the line as written still counts
    whole, so "Training and Development Specialist" keeps its own title)."""
    title = " ".join(title.split())
    out: dict[str, float] = {title: 1.0}
    if m := _OF.match(title):
        out.setdefault(f"{m['dept']} {m['job']}", INVERT_FACTOR)
        fields = [p.strip() for p in _WEAK_PARTS.split(m["dept"]) if p.strip()]
        if len(fields) > 1 and not any(is_job(p) for p in fields):
            for p in fields:  # "Manager of Claims and Billing"
                out.setdefault(f"{p} {m['job']}", INVERT_FACTOR * PART_FACTOR)
    for sep in (_STRONG_PARTS, _WEAK_PARTS):
        parts = [p.strip() for p in sep.split(title) if p and re.search(r"[A-Za-z]{2}", p)]
        if len(parts) < 2:
            continue
        if sep is _WEAK_PARTS and not all(is_job(p) for p in parts):
            for p in _shared_head(parts, is_job):
                out.setdefault(p, PART_FACTOR)
            continue
        jobs = [is_job(p) for p in parts]
        for k, p in enumerate(parts):
            out.setdefault(p, PART_FACTOR)
            later = [q for q, j in zip(parts[k + 1 :], jobs[k + 1 :]) if j]
            if not jobs[k] and later:
                out.setdefault(f"{p} {later[0].split()[-1]}", PART_FACTOR)
        break
    return list(out.items())


def _shared_head(parts: list[str], is_job: Callable[[str], bool]) -> list[str]:
    """Parts joined by "&" or "and" of which only the last is a job: each part with
    that job's noun ("Aviation Maintenance", "Production Manager" -> "Aviation
    Maintenance Manager", "Production Manager"); none otherwise."""
    if not is_job(parts[-1]) or any(is_job(p) for p in parts[:-1]):
        return []
    noun = parts[-1].split()[-1]
    return [f"{p} {noun}" for p in parts[:-1]] + [parts[-1]]


def head_noun(normalized: str) -> str:
    """The last word of a normalized title ("" for none): what a title is."""
    words = normalized.split()
    return words[-1] if words else ""


@dataclass(frozen=True)
class TitleEntry:
    """One title of one occupation (``target``: the occupation's row in the index);
    ``weight`` in (0, 1]: how much an exact match on it counts."""

    text: str
    target: int
    weight: float = 1.0
    exact_only: bool = False  # short titles and acronyms: never fuzzy-matched


def _transform(
    analyze, vocab: dict[str, int], idf: np.ndarray, texts: Sequence[str], dtype=np.float32
):
    """What a fitted sublinear-tf, l2-normalized ``TfidfVectorizer.transform`` gives
    (``analyze``: its ``build_analyzer()``, ``vocab`` and ``idf`` its fitted state),
    without its per-call checks: about 2 ms a call, most of a short query's cost."""
    from scipy.sparse import csr_matrix

    indptr, indices, data = [0], [], []
    for text in texts:
        counts = Counter(j for g in analyze(text) if (j := vocab.get(g)) is not None)
        cols = np.fromiter(counts, dtype=np.int64, count=len(counts))
        tf = np.fromiter(counts.values(), dtype=np.float64, count=len(counts))
        vals = (1.0 + np.log(tf)) * idf[cols] if len(cols) else tf
        norm = np.sqrt((vals**2).sum())
        indices.append(cols)
        data.append(vals / norm if norm > 0 else vals)
        indptr.append(indptr[-1] + len(cols))
    return csr_matrix(
        (
            np.concatenate(data or [np.zeros(0)]).astype(dtype),
            np.concatenate(indices or [np.zeros(0, dtype=np.int64)]),
            indptr,
        ),
        shape=(len(texts), len(vocab)),
    )


def _per_target(weights: Sequence[float] | None, n_targets: int) -> np.ndarray:
    """One weight per target (1 each by default)."""
    if weights is None:
        return np.ones(n_targets)
    out = np.asarray(weights, dtype=np.float64)
    if out.shape != (n_targets,):
        raise RolematchError("fuzzy_weights needs one weight per target")
    return out


class TitleSearcher:
    """Ranks occupations for a job title. Fit on the index's titles, then search.

    Estimator manners: parameters in ``__init__``; :meth:`fit` learns the title
    vectors and returns ``self``; learned state ends in ``_``."""

    def __init__(
        self,
        *,
        word_share: float = 0.5,
        exact_bonus: float = 0.15,
        head_floor: float = 0.55,
        head_confidence: float = 0.5,
        main_share: float = 0.1,
        mass_share: float = 0.1,
    ) -> None:
        self.word_share = word_share  # word vs character n-gram cosine
        self.exact_bonus = exact_bonus  # added for an exact normalized title
        self.head_floor = head_floor  # below this best fuzzy score: try the head noun
        self.head_confidence = head_confidence  # confidence of a head-noun-only answer
        self.main_share = main_share  # share of the likeness to the main title
        self.mass_share = mass_share  # share of how many of its titles are alike

    def fit(
        self,
        entries: Sequence[TitleEntry],
        n_targets: int,
        main_titles: Sequence[str] | None = None,
        fuzzy_weights: Sequence[float] | None = None,
        general: Sequence[int] = (),
    ) -> TitleSearcher:
        """Learn the titles; ``main_titles[i]``: target i's own title (its likeness to a
        query breaks ties between occupations sharing an alternate title);
        ``fuzzy_weights[i]`` (default 1): how much target i's fuzzy likeness counts;
        ``general``: targets whose title names no one occupation ("All Other" ones)."""
        from sklearn.feature_extraction.text import TfidfVectorizer

        self.n_targets_, self.general_ = n_targets, frozenset(general)
        exact: dict[str, dict[int, float]] = defaultdict(dict)
        heads: dict[str, Counter[int]] = defaultdict(Counter)
        texts, targets = [], []
        for e in entries:
            key = normalize_title(e.text)
            if not key:
                continue
            cur = exact[key].get(e.target, 0.0)
            exact[key][e.target] = max(cur, e.weight)
            if e.exact_only:
                continue
            heads[head_noun(key)][e.target] += 1
            texts.append(key)
            targets.append(e.target)
        if not texts:
            raise RolematchError("no titles to fit the title searcher on")
        self.exact_ = dict(exact)
        self.heads_ = {h: c.most_common(3) for h, c in heads.items()}
        self.head_n_ = {h: sum(c.values()) for h, c in heads.items()}
        uniq = sorted(dict.fromkeys(zip(texts, targets)), key=lambda x: x[1])  # by target
        self.texts_ = [t for t, _ in uniq]
        self.targets_ = np.array([g for _, g in uniq], dtype=np.int64)
        # each target's titles are one run: per-target maxima and sums by reduceat
        self.starts_ = np.flatnonzero(np.r_[True, self.targets_[1:] != self.targets_[:-1]])
        self.groups_ = self.targets_[self.starts_]
        self.word_ = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, dtype=np.float32)
        self.char_ = TfidfVectorizer(
            analyzer="char_wb", ngram_range=(3, 4), sublinear_tf=True, dtype=np.float32
        )
        # each distinct text analysed once (a title many occupations share), then its
        # row repeated for every (text, target) pair
        distinct = list(dict.fromkeys(self.texts_))
        at = {t: i for i, t in enumerate(distinct)}
        rows = np.array([at[t] for t in self.texts_], dtype=np.int64)
        self.word_matrix_ = self.word_.fit_transform(distinct)[rows].T.tocsr()
        self.char_titles_ = self.char_.fit_transform(distinct)[rows].tocsr()  # titles x grams
        self.char_matrix_ = self.char_titles_.T.tocsr()
        self.word_analyzer_ = self.word_.build_analyzer()
        self.char_analyzer_ = self.char_.build_analyzer()
        self._memo: dict[str, np.ndarray] = {}
        self._lock = threading.Lock()
        mains = [normalize_title(t) for t in (main_titles or [""] * n_targets)]
        self.main_matrix_ = self.word_.transform(mains).T.tocsr()
        self.fuzzy_weights_ = _per_target(fuzzy_weights, n_targets)
        return self

    def __getstate__(self) -> dict:
        """Picklable for process workers: the memo and its lock stay behind."""
        state = dict(self.__dict__)
        state.pop("_lock", None)
        state.pop("_memo", None)
        return state

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state)
        if "exact_" in state:
            self._memo, self._lock = {}, threading.Lock()

    def _check(self) -> None:
        if not hasattr(self, "exact_"):
            raise RolematchError("this TitleSearcher is not fitted yet; call .fit() first")

    def scores(self, titles: Sequence[str]) -> np.ndarray:
        """(len(titles) x n_targets) confidences in [0, 1]. A title scores as the best
        of itself and its :func:`query_variants` (each times its factor): the parts of
        a line naming several jobs ("Office Manager/Bookkeeper") and a department
        phrase read as a modifier ("Manager of Finance" -> "Finance Manager"). Where
        two or more of the parts are jobs, each occupation also gains
        :data:`PART_AGREEMENT` times its second-best part's score, the row then scaled
        so that its best confidence is what the best part alone gave."""
        variants = [query_variants(t, self._is_job) for t in titles]
        flat = [v for vs in variants for v, _ in vs]
        factors = np.array([f for vs in variants for _, f in vs])
        sub = self._scores(flat) * factors[:, None]
        out = np.zeros((len(titles), self.n_targets_))
        k = 0
        for i, vs in enumerate(variants):
            block = sub[k : k + len(vs)]
            out[i] = block.max(axis=0)
            jobs = [j for j, (v, f) in enumerate(vs) if f == PART_FACTOR and self._is_job(v)]
            if len(jobs) >= 2:  # an occupation two of the line's jobs name gains
                top, second = out[i].max(), np.sort(block[jobs], axis=0)[-2]
                out[i] += PART_AGREEMENT * second
                out[i] *= top / max(out[i].max(), 1e-9)  # the line's best stays as sure
            k += len(vs)
        return out

    def _scores(self, titles: Sequence[str]) -> np.ndarray:
        """Each title's scores, from the memo of normalized titles already scored."""
        self._check()
        keys = [normalize_title(t) for t in titles]
        with self._lock:
            rows = {k: self._memo[k] for k in dict.fromkeys(keys) if k in self._memo}
        todo = [k for k in dict.fromkeys(keys) if k and k not in rows]
        for at in range(0, len(todo), _CHUNK):
            chunk = todo[at : at + _CHUNK]
            fresh = dict(zip(chunk, self._score_keys(chunk)))
            rows.update(fresh)
            with self._lock:  # a web app's threads share one searcher
                for key, row in fresh.items():
                    while self._memo and len(self._memo) >= MEMO_SIZE:
                        self._memo.pop(next(iter(self._memo)))  # the oldest first
                    self._memo[key] = row
        out = np.zeros((len(keys), self.n_targets_), dtype=np.float64)
        for i, k in enumerate(keys):
            if k:
                out[i] = rows[k]
        return out

    def _score_keys(self, keys: list[str]) -> list[np.ndarray]:
        """Scores of distinct normalized titles. Candidates first: the titles sharing a
        word with the query (an inverted index, the word matrix); their character
        likeness is computed for them alone. A query sharing no word with any title
        is compared with every title by characters."""
        qw = _transform(self.word_analyzer_, self.word_.vocabulary_, self.word_.idf_, keys)
        qc = _transform(self.char_analyzer_, self.char_.vocabulary_, self.char_.idf_, keys)
        words = (qw @ self.word_matrix_).tocsr()
        main = (qw @ self.main_matrix_).toarray()
        out = []
        for r, key in enumerate(keys):
            lo, hi = words.indptr[r], words.indptr[r + 1]
            cols, wsim = words.indices[lo:hi], words.data[lo:hi]
            if len(cols):
                csim = self.char_titles_[cols] @ qc[r].toarray().ravel()
            else:
                crow = (qc[r] @ self.char_matrix_).tocsr()
                cols, csim, wsim = crow.indices, crow.data, np.zeros(len(crow.indices))
            order = np.argsort(cols, kind="stable")
            cols = cols[order]
            sim = self.word_share * wsim[order] + (1 - self.word_share) * csim[order]
            fuzzy = np.zeros(self.n_targets_)
            mass = np.zeros(self.n_targets_)
            if len(cols):
                tg = self.targets_[cols]  # titles are sorted by target: runs
                starts = np.flatnonzero(np.r_[True, tg[1:] != tg[:-1]])
                fuzzy[tg[starts]] = np.maximum.reduceat(sim, starts)
                mass[tg[starts]] = np.add.reduceat(np.where(sim >= MASS_MIN, sim, 0.0), starts)
            mass = 1.0 - np.exp(-mass / MASS_SCALE)
            fuzzy *= self.fuzzy_weights_
            out.append(self._combine(key, fuzzy, main[r], mass).astype(np.float32))
        return out

    def _combine(
        self, key: str, fuzzy: np.ndarray, main: np.ndarray, mass: np.ndarray
    ) -> np.ndarray:
        """One title's confidence per target from its exact hits, its fuzzy likeness,
        the head-noun fallback and the tie-breaks."""
        best = fuzzy * (1.0 - self.exact_bonus)
        for target, w in self.exact_.get(key, {}).items():
            best[target] = max(best[target], w * (1.0 - self.exact_bonus) + self.exact_bonus)
        bare = " " not in key and key not in self.exact_
        if bare:  # a bare noun O*NET lacks: its likeness to "X noun" titles is weak
            best *= BARE_DISCOUNT
        if bare or best.max() < self.head_floor:
            self._head_fallback(key, best)
        best = (
            (1.0 - self.main_share - self.mass_share) * best
            + self.main_share * main
            + self.mass_share * mass
        )
        return np.clip(best, 0.0, 1.0)

    def _is_job(self, text: str) -> bool:
        """Whether ``text`` ends in a job noun: one that ends JOB_NOUN_MIN titles."""
        return self.head_n_.get(head_noun(normalize_title(text)), 0) >= JOB_NOUN_MIN

    def _head_fallback(self, key: str, best: np.ndarray) -> None:
        head = head_noun(key)
        n = self.head_n_.get(head, 0)
        for target, count in self.heads_.get(head, ()):
            share = count / n  # of the titles ending in this noun, how many are target's
            best[target] = (
                max(best[target], self.head_confidence * (0.5 + 0.5 * share))
                + HEAD_SHARE_BONUS * share
            )

    def search(self, title: str, k: int = 5) -> list[tuple[int, float]]:
        """The ``k`` best occupation rows for ``title`` with their confidence, best
        first (ties by row); an empty list when nothing matches."""
        return self.top([title], k)[0]

    def top(self, titles: Sequence[str], k: int = 5) -> list[list[tuple[int, float]]]:
        """:meth:`search` for each title, in one batched :meth:`scores`."""
        out = []
        for row in self.scores(titles):
            kth = -np.partition(-row, k - 1)[k - 1] if 0 < k < len(row) else -np.inf
            cand = np.flatnonzero(row >= kth)  # every row tied with the k-th too
            order = cand[np.lexsort((cand, -row[cand]))][:k]
            out.append([(int(j), round(float(row[j]), 4)) for j in order if row[j] > 0])
        return out
