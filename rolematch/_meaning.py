"""The meaning layer of the skills stage: skills recognised from a line's meaning.

Where a skill's words do not appear in a résumé, a line may still describe it
("trained new hires" for training employees). Static word vectors distilled from
all-MiniLM-L6-v2 (``models/embeddings.npz``, built by
``corpora/embeddings/build_embeddings.py``) embed each line and each skill (the mean of
its words' vectors, normalised; a skill's vector is the mean of its name's and aliases'
vectors); a skill is *inferred* from the line most similar to it when the cosine
similarity reaches :data:`THRESHOLD`. numpy only at run time; the vectors load lazily,
once, without pickle. Knows nothing of roles: callers pass the skill ids to look for.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from ._model import PROTECTED_WORDS
from .errors import ModelError

__all__ = [
    "FORMAT",
    "THRESHOLD",
    "Inferred",
    "MeaningModel",
    "default_meaning_model",
    "fingerprint",
    "threshold",
]

#: the ``meta.format`` this module reads
FORMAT = 1
#: cosine similarity a line needs to evidence a skill (calibrated on half the evidence
#: gold, see docs/skills.md)
THRESHOLD = 0.75
#: lines with fewer known words than this are not used (a lone word is the lexical
#: extractor's job, and one word says too little about meaning)
MIN_WORDS = 3
#: endings tried, longest first, when a word is not in the vocabulary ("hires" -> "hire")
_SUFFIXES = ("ings", "ing", "ers", "ies", "es", "ed", "er", "ly", "s", "d")
_WORD = re.compile(r"[a-z][a-z0-9+#.&'-]*[a-z0-9+#]|[a-z]")
EMBEDDINGS = "embeddings.npz"


@dataclass(frozen=True)
class Inferred:
    """A skill inferred from a line's meaning: the line (0-based) and its similarity."""

    skill_id: str
    line: int
    similarity: float


class MeaningModel:
    """Static word vectors: embeds texts and infers skills from lines.

    Load with :meth:`load` (an ``.npz`` of ``words``, ``vectors`` and ``meta``)."""

    def __init__(self, words: Sequence[str], vectors: np.ndarray, meta: dict) -> None:
        self.index_ = {w: i for i, w in enumerate(words)}
        self.vectors_ = np.asarray(vectors, dtype=np.float32)
        self.meta_ = meta
        self._skill_cache: dict[str, np.ndarray] = {}
        self._stem_cache: dict[str, int | None] = {}

    @classmethod
    def load(cls, path: str | Path) -> MeaningModel:
        path = Path(path)
        try:
            with np.load(path, allow_pickle=False) as npz:
                meta = json.loads(str(npz["meta"]))
                words, vectors = npz["words"].tolist(), npz["vectors"]
        except (OSError, ValueError, KeyError) as e:
            raise ModelError(f"{path}: not a rolematch embeddings file ({e})") from e
        if meta.get("format") != FORMAT:
            raise ModelError(
                f"{path}: embeddings format {meta.get('format')!r}, "
                f"expected {FORMAT}; rebuild with rolematch build --embeddings"
            )
        if vectors.shape[0] != len(words):
            raise ModelError(f"{path}: {len(words)} words but {vectors.shape[0]} vectors")
        return cls(words, vectors, meta)

    # ------------------------------------------------------------------ embedding
    def embed(self, texts: Iterable[str], min_words: int = 1) -> np.ndarray:
        """One normalised row per text (zeros when it has fewer than ``min_words``
        known words). Words that say who a person is (pronouns, family, age:
        :data:`rolematch._model.PROTECTED_WORDS`) are left out, so that they cannot
        move an inferred skill."""
        texts = list(texts)
        dims = self.vectors_.shape[1]
        rows: list[list[int]] = []
        for text in texts:
            ids = [
                j
                for w in _WORD.findall(text.lower())
                if w not in PROTECTED_WORDS and (j := self._id(w)) is not None
            ]
            rows.append(ids if len(ids) >= min_words else [])
        counts = np.array([len(r) for r in rows])
        out = np.zeros((len(texts), dims), dtype=np.float32)
        used = counts > 0
        if used.any():
            flat = np.fromiter((j for r in rows for j in r), dtype=np.intp, count=int(counts.sum()))
            starts = np.concatenate(([0], np.cumsum(counts[used])[:-1]))
            sums = np.add.reduceat(self.vectors_[flat], starts, axis=0)
            norms = np.linalg.norm(sums, axis=1, keepdims=True)
            out[used] = np.divide(sums, norms, out=np.zeros_like(sums), where=norms > 0)
        return out

    def _id(self, word: str) -> int | None:
        """The word's row, or that of the word without a common ending."""
        if word in self.index_:
            return self.index_[word]
        if word in self._stem_cache:
            return self._stem_cache[word]
        j = None
        if len(word) > 4:
            for suffix in _SUFFIXES:
                if word.endswith(suffix):
                    stem = word[: -len(suffix)]
                    j = self.index_.get(stem)
                    if j is None and suffix in ("ies",):
                        j = self.index_.get(stem + "y")
                    if j is None and suffix in ("ing", "ed", "er", "ers", "es"):
                        j = self.index_.get(stem + "e")
                    if j is not None:
                        break
        if len(self._stem_cache) < 500_000:  # bounded: unknown words are many
            self._stem_cache[word] = j
        return j

    def skill_vector(self, skill_id: str, terms: Sequence[str]) -> np.ndarray:
        """A skill's vector from its terms (name and aliases), cached by id."""
        if skill_id not in self._skill_cache:
            rows = self.embed(terms)
            v = rows.sum(axis=0)
            norm = float(np.linalg.norm(v))
            self._skill_cache[skill_id] = v / norm if norm > 0 else v
        return self._skill_cache[skill_id]

    def similarity(self, a: str, b: str) -> float:
        va, vb = self.embed([a, b])
        return float(va @ vb)

    # ------------------------------------------------------------------ inference
    def infer(
        self,
        lines: Sequence[str],
        skills: Sequence[tuple[str, Sequence[str]]],
        threshold: float = THRESHOLD,
        skip: Iterable[int] = (),
    ) -> list[Inferred]:
        """Skills (``(id, terms)`` pairs) whose best line reaches ``threshold``; the
        lines in ``skip`` (contact lines, say) are not used."""
        if not lines or not skills:
            return []
        line_m = self.embed(lines, MIN_WORDS)
        for i in skip:
            if 0 <= i < len(line_m):
                line_m[i] = 0.0
        skill_m = np.stack([self.skill_vector(sid, terms) for sid, terms in skills])
        # einsum, not BLAS: for matrices this small, a multithreaded BLAS spends
        # milliseconds waking threads (10 ms a résumé on a loaded machine; 0.5 here)
        sims = np.einsum("ij,kj->ik", skill_m, line_m)
        best = sims.argmax(axis=1)
        out = []
        for k, (sid, _) in enumerate(skills):
            s = float(sims[k, best[k]])
            if s >= threshold:
                out.append(Inferred(sid, int(best[k]), round(s, 4)))
        return out


@lru_cache(maxsize=1)
def default_meaning_model() -> MeaningModel:
    """The shipped vectors (``models/embeddings.npz``), loaded once."""
    from ._resources import data_dir

    path = data_dir("models") / EMBEDDINGS
    if not path.is_file():
        raise ModelError(
            f"{path}: no embeddings shipped; build them with rolematch build --embeddings"
        )
    return MeaningModel.load(path)


def threshold(meaning: bool | float) -> float:
    """The similarity threshold a ``meaning`` setting means (``Matcher(meaning=...)``):
    True, :data:`THRESHOLD`; a float, itself."""
    return THRESHOLD if meaning is True else float(meaning)


def fingerprint(meaning: bool | float, skill_ids: Iterable[str]) -> str:
    """``""`` when the layer is off (``meaning`` False); else sha256 over its threshold,
    the skill ids it looks for (the fitted roles' skills), this module's code and the
    shipped vectors: what a cached résumé's inferred skills depend on."""
    if meaning is False:
        return ""
    h = hashlib.sha256(f"{threshold(meaning)}:{_code_and_vectors()}:".encode())
    h.update("\0".join(sorted(set(skill_ids))).encode())
    return h.hexdigest()


@lru_cache(maxsize=1)
def _code_and_vectors() -> str:
    from ._resources import data_dir
    from .errors import RolematchError

    h = hashlib.sha256(Path(__file__).read_bytes())
    try:
        vectors: Path | None = data_dir("models") / EMBEDDINGS
    except RolematchError:
        vectors = None
    h.update(vectors.read_bytes() if vectors is not None and vectors.is_file() else b"none")
    return h.hexdigest()
