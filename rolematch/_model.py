"""The built text model: TF-IDF vocabulary and IDF, and skill weights.

Fitted by ``rolematch build`` over the role corpus plus a background corpus of
occupation texts (document frequencies derived from O*NET, shipped in
``corpora/background/``), stored as JSON and ``.npz`` in ``models/`` with a format
version and a hash of the corpus files; loaded once, lazily.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from typing import Iterable, Mapping, Sequence
from functools import cached_property, lru_cache
from pathlib import Path

import re
from collections import Counter

import numpy as np
import scipy.sparse as sp

from ._resources import corpora_dir, models_dir
from .errors import ModelError

log = logging.getLogger(__name__)

FORMAT_VERSION = 1

#: Words that say who a person is rather than what they can do. They are never
#: features: stripped from every vocabulary, so they cannot move a score.
PROTECTED_WORDS = frozenset(
    """
he him his himself she her hers herself they them their theirs themselves
mr mrs ms miss mx sir madam man woman men women male female boy girl boys girls
mother father mom mum dad mothers fathers parent parents son sons daughter daughters
wife husband married single divorced widow widowed pregnant pregnancy maternity paternity
child children kids baby grandmother grandfather grandparent family
age aged old young older younger elderly born birth birthday
gender sex sexual religion religious christian muslim jewish hindu buddhist church
ethnicity race nationality citizen citizenship photo photograph picture
""".split()
)

#: Words nearly every résumé has that say nothing about the work: section headings,
#: month names, the "Company Name, City, State" of job lines. Not features either: in a
#: background of occupation texts they look rare, so they would otherwise weigh a lot
#: wherever a role's text happens to use them (measured: benchmarks/RESULTS.md).
RESUME_WORDS = frozenset(
    """
resume curriculum vitae cv objective summary profile highlights accomplishments
qualification qualifications skill skills experience education professional
responsibilities responsibility duties duty references reference
company name city state current present
january february march april may june july august september october november december
jan feb mar apr jun jul aug sep sept oct nov dec
gpa year years month months work worked working job jobs position positions role roles
including various
""".split()
)

#: Tokens: words of two or more characters starting with a letter, keeping tech
#: spellings (c++, c#, node.js); no number is ever a token.
TOKEN_PATTERN = r"(?u)\b[^\W\d_][\w+#]+(?:\.[^\W\d_]+)*"
_TOKEN_RE = re.compile(TOKEN_PATTERN)


def stop_words() -> frozenset[str]:
    """scikit-learn's English stop words plus :data:`PROTECTED_WORDS` and
    :data:`RESUME_WORDS` (build time only; the built model carries the list, so
    loading it never imports scikit-learn)."""
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    return frozenset(ENGLISH_STOP_WORDS) | PROTECTED_WORDS | RESUME_WORDS


def make_analyzer(stop: frozenset[str]):
    """Lowercase word unigrams and bigrams without stop words.

    The same analysis as scikit-learn's ``TfidfVectorizer(token_pattern=TOKEN_PATTERN,
    ngram_range=(1, 2), stop_words=stop)`` (a test checks they agree), written out so
    that scoring does not import scikit-learn, which alone costs about 0.9 s of start-up.
    """

    def analyze(text: str) -> list[str]:
        tokens = [t for t in _TOKEN_RE.findall(text.lower()) if t not in stop]
        return tokens + [f"{a} {b}" for a, b in zip(tokens, tokens[1:])]

    return analyze


def distinct_lines(text: str) -> str:
    """The text with repeated lines (same words, any spacing or case) kept once."""
    seen: set[str] = set()
    out = []
    for ln in text.split("\n"):
        key = " ".join(ln.lower().split())
        if key and key not in seen:
            seen.add(key)
            out.append(ln)
    return "\n".join(out)


#: The shipped corpus parts a build depends on: (folder under corpora/, file pattern).
_CORPUS_PARTS = (("taxonomy", "*.jsonl*"), ("roles", "*.toml"), ("background", "*.json"))


def corpus_files(parts: tuple[tuple[str, str], ...] = _CORPUS_PARTS) -> list[Path]:
    """The shipped corpus files a build depends on (of ``parts``), in a fixed order."""
    root = corpora_dir()
    files = []
    for sub, pattern in parts:
        files.extend(sorted((root / sub).glob(pattern)))
    return files


def taxonomy_hash() -> str:
    """The hash of the shipped taxonomy files alone: the background's skill frequencies
    (``corpora/background/onet_df.json``) record the one they were counted with."""
    from .taxonomy import files_sha256

    return files_sha256(corpus_files(_CORPUS_PARTS[:1]))


def corpus_hash(files: list[Path] | None = None) -> str:
    """The hash of the corpus files a build came from (see :func:`files_sha256`)."""
    from .taxonomy import files_sha256

    return files_sha256(files if files is not None else corpus_files())


@dataclass
class TextModel:
    """Vocabulary, IDF, stop words and skill weights; turns texts into TF-IDF vectors.

    Roles and résumés are vectorized with sublinear term frequency (1 + ln tf), so a
    word used in five lines weighs about 2.6 times one used once, never five times.
    A résumé's identical lines are counted once, so pasting the same text again
    changes nothing. Rows are l2-normalized, so a product of two is their cosine.
    """

    vocabulary: dict[str, int]
    idf: np.ndarray
    skill_idf: dict[str, float]
    stop: frozenset[str] = frozenset()
    corpus_hash: str = ""

    def __post_init__(self) -> None:
        self.analyze = make_analyzer(self.stop)

    def transform(self, texts: list[str], *, binary: bool) -> sp.csr_matrix:
        """TF-IDF rows: binary or sublinear term frequency, times IDF, l2-normalized."""
        return self.transform_counts([Counter(self.analyze(t)) for t in texts], binary=binary)

    def transform_counts(
        self,
        counts: Sequence[Mapping[str, int]],
        *,
        binary: bool = False,
        idf: np.ndarray | None = None,
    ) -> sp.csr_matrix:
        """TF-IDF rows of analyzed term counts (terms outside the vocabulary ignored);
        ``idf``: other weights per vocabulary column than the model's IDF."""
        return self.transform_columns([self.columns(doc) for doc in counts], binary=binary, idf=idf)

    def columns(self, doc: Mapping[str, int]) -> tuple[np.ndarray, np.ndarray]:
        """A document's vocabulary columns (sorted) and their counts; other terms dropped."""
        vocab = self.vocabulary
        pairs = sorted((j, n) for t, n in doc.items() if (j := vocab.get(t)) is not None)
        return (
            np.fromiter((j for j, _ in pairs), dtype=np.int64, count=len(pairs)),
            np.fromiter((n for _, n in pairs), dtype=np.float64, count=len(pairs)),
        )

    def transform_columns(
        self,
        rows: Sequence[tuple[np.ndarray, np.ndarray]],
        *,
        binary: bool = False,
        idf: np.ndarray | None = None,
        norm_columns: int | None = None,
    ) -> sp.csr_matrix:
        """TF-IDF rows of (sorted vocabulary columns, counts) pairs: binary or sublinear
        term frequency, times IDF (or ``idf``), l2-normalized — over the first
        ``norm_columns`` columns only when given (a résumé's length measured on a fixed
        vocabulary, whatever words the roles scored with it added)."""
        idf = self.idf if idf is None else idf
        indptr, indices, data = [0], [], []
        for cols, counts in rows:
            cols = np.asarray(cols, dtype=np.int64)
            tf = (
                np.ones(len(cols)) if binary else 1.0 + np.log(np.asarray(counts, dtype=np.float64))
            )
            vals = tf * idf[cols]
            kept = vals if norm_columns is None else vals[cols < norm_columns]
            norm = np.sqrt(kept @ kept)
            indices.append(cols)
            data.append(vals / norm if norm > 0 else vals)
            indptr.append(indptr[-1] + len(cols))
        return sp.csr_matrix(
            (
                np.concatenate(data) if data else np.zeros(0),
                np.concatenate(indices) if indices else np.zeros(0, np.int64),
                np.asarray(indptr),
            ),
            shape=(len(rows), len(self.vocabulary)),
        )

    def transform_roles(self, texts: list[str]) -> sp.csr_matrix:
        return self.transform(texts, binary=False)

    def resume_terms(self, text: str) -> Counter[str]:
        """A résumé's analyzed terms and their counts, each distinct line counted once.
        Kept whole (not only the vocabulary's terms), so a matcher whose roles bring
        new words can still compare them."""
        return Counter(self.analyze(distinct_lines(text)))

    def transform_resumes(self, texts: list[str]) -> sp.csr_matrix:
        return self.transform_counts([self.resume_terms(t) for t in texts])

    def extended(self, texts: Iterable[str]) -> TextModel:
        """This model with the words of ``texts`` it has never seen added, at the
        highest IDF it knows: a posting's own rare words (a product name, a trade's
        jargon) are the most telling, not noise to drop."""
        new = sorted({t for text in texts for t in self.analyze(text)} - self.vocabulary.keys())
        if not new:
            return self
        vocab = dict(self.vocabulary)
        vocab.update((t, len(self.vocabulary) + i) for i, t in enumerate(new))
        idf = np.concatenate([self.idf, np.full(len(new), float(self.idf.max()))])
        return TextModel(vocab, idf, self.skill_idf, self.stop, self.corpus_hash)

    def skill_weight(self, skill_id: str) -> float:
        """How distinctive a skill is, in [0, 1] (1 = rare across occupations)."""
        if not self.skill_idf:
            return 0.5
        lo, hi = self._idf_range
        v = self.skill_idf.get(skill_id, hi)
        return 0.0 if hi <= lo else (v - lo) / (hi - lo)

    @cached_property
    def _idf_range(self) -> tuple[float, float]:
        vals = self.skill_idf.values()
        return (min(vals), max(vals))

    # ---------------------------------------------------------------- persistence
    def to_disk(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        terms = sorted(self.vocabulary, key=self.vocabulary.__getitem__)
        (folder / "tfidf.json").write_text(
            json.dumps(
                {
                    "params": {
                        "lowercase": True,
                        "token_pattern": TOKEN_PATTERN,
                        "ngram_range": [1, 2],
                        "stop_words": sorted(self.stop),
                    },
                    "terms": terms,
                    "idf": [round(float(x), 6) for x in self.idf],
                },
                ensure_ascii=False,
                separators=(",", ":"),
            )
            + "\n",
            encoding="utf-8",
        )
        (folder / "skill_weights.json").write_text(
            json.dumps(
                {k: round(v, 6) for k, v in sorted(self.skill_idf.items())},
                ensure_ascii=False,
                indent=0,
            )
            + "\n",
            encoding="utf-8",
        )

    @classmethod
    def from_disk(cls, folder: Path, corpus_hash: str = "") -> TextModel:
        try:
            tf = json.loads((folder / "tfidf.json").read_text(encoding="utf-8"))
            sw = json.loads((folder / "skill_weights.json").read_text(encoding="utf-8"))
            terms, idf = tf["terms"], np.asarray(tf["idf"], dtype=np.float64)
            stop = frozenset(tf["params"]["stop_words"])
        except (OSError, ValueError, KeyError) as e:
            raise ModelError(
                f"{folder}: the TF-IDF model cannot be read ({e}); "
                "rebuild it with `rolematch build`"
            ) from e
        if len(terms) != len(idf):
            raise ModelError(
                f"{folder}/tfidf.json: {len(terms)} terms but {len(idf)} IDF "
                "values; rebuild it with `rolematch build`"
            )
        return cls({t: i for i, t in enumerate(terms)}, idf, sw, stop, corpus_hash)


def smooth_idf(n_docs: int, df: np.ndarray) -> np.ndarray:
    """scikit-learn's smoothed IDF: ln((1 + n) / (1 + df)) + 1."""
    return np.log((1.0 + n_docs) / (1.0 + df)) + 1.0


# ------------------------------------------------------------------ manifest & loading
def read_manifest(folder: Path | None = None) -> dict:
    folder = folder or models_dir()
    try:
        return json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    except FileNotFoundError as e:
        raise ModelError(
            f"{folder}: no built models (manifest.json missing); run `rolematch build`"
        ) from e
    except (OSError, ValueError) as e:
        raise ModelError(
            f"{folder}/manifest.json cannot be read ({e}); run `rolematch build`"
        ) from e


def check_manifest(manifest: dict, folder: Path) -> None:
    """Refuse models of another format or built from other corpus files."""
    if manifest.get("format_version") != FORMAT_VERSION:
        raise ModelError(
            f"{folder}: models are format {manifest.get('format_version')!r}, this rolematch "
            f"reads format {FORMAT_VERSION}; rebuild them with `rolematch build`"
        )
    current = corpus_hash()
    if manifest.get("corpus_hash") != current:
        raise ModelError(
            f"{folder}: models are stale: built from corpus {manifest.get('corpus_hash', '?')[:12]}, "
            f"the corpus files are now {current[:12]}; rebuild them with `rolematch build`"
        )


@lru_cache(maxsize=1)
def default_text_model() -> TextModel:
    folder = models_dir()
    manifest = read_manifest(folder)
    check_manifest(manifest, folder)
    return TextModel.from_disk(folder, manifest["corpus_hash"])


def idf_from_df(df_terms: dict[str, int], n_docs: int) -> tuple[dict[str, int], np.ndarray]:
    terms = sorted(df_terms)
    df = np.array([df_terms[t] for t in terms], dtype=np.float64)
    return {t: i for i, t in enumerate(terms)}, smooth_idf(n_docs, df)


def skill_idf_from_df(df_skills: dict[str, int], n_docs: int) -> dict[str, float]:
    ids = list(df_skills)
    idf = smooth_idf(n_docs, np.array([df_skills[k] for k in ids], dtype=np.float64))
    return {k: float(v) for k, v in zip(ids, idf)}
