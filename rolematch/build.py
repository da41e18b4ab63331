"""``rolematch build``: fit the text model and write every artifact to ``models/``.

Two steps, both deterministic:

* :func:`build_background` (maintainers, needs O*NET): turns O*NET occupation
  titles, descriptions, tasks and technology examples into *document frequencies*
  (term -> number of occupations using it, skill id -> number of occupations
  naming it) in ``corpora/background/onet_df.json``. Only counts are shipped, no prose.
* :func:`build_models` (anyone): fits IDF over the role corpus plus that background,
  vectorizes the shipped roles, compiles the skill matcher, and writes ``models/``
  with a manifest (format version, corpus hash).
"""

from __future__ import annotations

import csv
import hashlib
import json
import logging
from collections import Counter
from pathlib import Path

import numpy as np
import scipy.sparse as sp

from ._version import __version__
from ._model import (
    FORMAT_VERSION,
    TextModel,
    corpus_files,
    corpus_hash,
    idf_from_df,
    make_analyzer,
    skill_idf_from_df,
    stop_words,
    taxonomy_hash,
)
from ._resources import corpora_dir, models_dir
from .errors import RolematchError
from .extract import SkillExtractor
from .roles import RoleSet, role_document
from .taxonomy import Taxonomy

log = logging.getLogger(__name__)

BACKGROUND_MIN_DF = 2


def _read_tsv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))


def occupation_texts(onet_dir: str | Path) -> dict[str, str]:
    """O*NET occupation code -> title, description, tasks and technology examples."""
    onet = Path(onet_dir)
    need = ["Occupation Data.txt", "Task Statements.txt", "Technology Skills.txt"]
    missing = [n for n in need if not (onet / n).is_file()]
    if missing:
        raise RolematchError(f"{onet}: not an O*NET text release (missing {', '.join(missing)})")
    parts: dict[str, list[str]] = {}
    for row in _read_tsv(onet / "Occupation Data.txt"):
        parts[row["O*NET-SOC Code"]] = [row["Title"], row["Description"]]
    for row in _read_tsv(onet / "Task Statements.txt"):
        parts.setdefault(row["O*NET-SOC Code"], []).append(row["Task"])
    for row in _read_tsv(onet / "Technology Skills.txt"):
        parts.setdefault(row["O*NET-SOC Code"], []).append(row["Example"])
    return {code: "\n".join(p) for code, p in sorted(parts.items())}


def build_background(
    onet_dir: str | Path, out: str | Path | None = None, taxonomy: Taxonomy | None = None
) -> Path:
    """Write term and skill document frequencies over O*NET occupations."""
    texts = occupation_texts(onet_dir)
    term_df = document_frequencies(list(texts.values()))
    extractor = SkillExtractor.from_taxonomy(taxonomy or Taxonomy.default())
    skill_df: Counter[str] = Counter()
    for text in texts.values():
        skill_df.update({m.skill_id for m in extractor(text)})
    out = Path(out) if out else corpora_dir() / "background" / "onet_df.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    doc = {
        "source": "O*NET 29.2 Database by the U.S. Department of Labor, Employment and "
        "Training Administration (USDOL/ETA), CC BY 4.0: occupation titles, "
        "descriptions, task statements and technology skill examples, reduced to "
        "document frequencies",
        "n_docs": len(texts),
        "min_df": BACKGROUND_MIN_DF,
        "terms": {t: n for t, n in sorted(term_df.items()) if n >= BACKGROUND_MIN_DF},
        "skills": dict(sorted(skill_df.items())),
        # skills added or renamed since are missing here and would weigh as the
        # rarest (_fitting.fit_roles): build_models warns when this no longer matches
        "taxonomy_hash": taxonomy_hash(),
    }
    out.write_text(
        json.dumps(doc, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8"
    )
    return out


def _load_background() -> dict:
    """The background's frequencies; a warning when its skills were counted with
    another taxonomy than the shipped one."""
    path = corpora_dir() / "background" / "onet_df.json"
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as e:
        raise RolematchError(
            f"{path}: the background corpus is missing; regenerate it with "
            "`rolematch build --background PATH/TO/onet`"
        ) from e
    if doc.get("taxonomy_hash") != taxonomy_hash():
        log.warning(
            "%s: its skill frequencies were counted with another taxonomy; regenerate "
            "them with `rolematch build --background PATH/TO/onet-29.2` (skills it "
            "lacks weigh as the rarest)",
            path,
        )
    return doc


def document_frequencies(texts: list[str]) -> Counter[str]:
    """In how many texts each term occurs (scikit-learn's CountVectorizer, binary)."""
    from sklearn.feature_extraction.text import CountVectorizer

    cv = CountVectorizer(analyzer=make_analyzer(stop_words()), binary=True)
    counts = np.asarray(cv.fit_transform(texts).sum(axis=0)).ravel()
    return Counter({t: int(counts[j]) for t, j in cv.vocabulary_.items()})


def fit_text_model(roles: RoleSet, background: dict) -> TextModel:
    docs = [role_document(r, roles.taxonomy) for r in roles.values()]
    term_df = Counter(background["terms"])
    term_df.update(document_frequencies(docs))
    skill_df = Counter(background.get("skills", {}))
    for r in roles.values():
        skill_df.update({s.skill_id for s in r.skills})
    n_docs = background["n_docs"] + len(docs)
    vocab, idf = idf_from_df(dict(term_df), n_docs)
    return TextModel(vocab, idf, skill_idf_from_df(dict(skill_df), n_docs), stop_words())


def _carry_occupation_index(out: Path) -> None:
    """A build into another folder keeps the shipped occupation index (it is rebuilt
    only from ../shared/data: ``rolematch build --occupations``)."""
    from .occupations._build import INDEX_FILE

    shipped = models_dir() / INDEX_FILE
    if shipped.is_file() and shipped.resolve() != (out / INDEX_FILE).resolve():
        (out / INDEX_FILE).write_bytes(shipped.read_bytes())


def build_occupations(data_dir: str | Path, out: str | Path | None = None) -> Path:
    """Rebuild ``models/occupations.json.gz`` from O*NET 29.2 and ESCO v1.1.1 under
    ``data_dir`` (see :mod:`rolematch.occupations._build`)."""
    from .occupations._build import build_occupation_index

    return build_occupation_index(data_dir, Path(out) if out else models_dir())


def role_doc_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def build_models(out: str | Path | None = None) -> Path:
    """Fit and write every artifact the library loads at start. Returns the folder."""
    out = Path(out) if out else models_dir()
    out.mkdir(parents=True, exist_ok=True)
    taxonomy = Taxonomy.load()  # fresh, from the shipped files
    roles = RoleSet.load(taxonomy=taxonomy)
    model = fit_text_model(roles, _load_background())
    model.to_disk(out)

    docs = [role_document(r, taxonomy) for r in roles.values()]
    # as the default Matcher weighs them: against each other (Weights.contrast)
    from .score import Matcher

    mat = Matcher(model=model).fit(roles).role_vectors_
    mat.sort_indices()
    np.savez_compressed(
        out / "role_vectors.npz",
        data=mat.data.round(8),
        indices=mat.indices,
        indptr=mat.indptr,
        shape=np.asarray(mat.shape),
    )

    SkillExtractor.from_taxonomy(taxonomy).to_disk(out / "matcher")
    _carry_occupation_index(out)
    taxonomy.to_disk(out)  # validated once here; loaded at start without re-validating

    import spacy
    import sklearn

    manifest = {
        "format_version": FORMAT_VERSION,
        "corpus_hash": corpus_hash(),
        "corpus_files": [f.relative_to(corpora_dir()).as_posix() for f in corpus_files()],
        "built_with": {
            "rolematch": __version__,
            "spacy": spacy.__version__,
            "scikit-learn": sklearn.__version__,
        },
        "vocabulary_size": len(model.vocabulary),
        "skills": len(taxonomy),
        "roles": [{"id": r.id, "doc_hash": role_doc_hash(d)} for r, d in zip(roles.values(), docs)],
    }
    (out / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    return out


def build_embeddings(out: str | Path | None = None, dims: int = 64) -> Path:
    """Distil ``models/embeddings.npz`` (the meaning layer's word vectors) by running
    ``corpora/embeddings/build_embeddings.py``; needs the ``embed`` extra (torch,
    model2vec, the packaged all-MiniLM-L6-v2 weights), never a download."""
    import importlib.util
    import os
    import runpy

    if importlib.util.find_spec("model2vec") is None:
        raise RolematchError(
            "building embeddings needs the embed extra "
            "(pip install 'rolematch[embed]', in its own environment)"
        )
    script = corpora_dir() / "embeddings" / "build_embeddings.py"
    if not script.is_file():
        raise RolematchError(f"{script}: no embeddings build script")
    target = Path(out) if out is not None else models_dir()
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    path = target / "embeddings.npz"
    code = runpy.run_path(str(script))["main"](["--dims", str(dims), "--out", str(path)])
    if code:
        raise RolematchError(f"{script} failed with exit code {code}")
    return path


def load_role_vectors(folder: Path | None = None) -> dict[str, tuple[str, sp.csr_matrix]]:
    """role id -> (doc hash, 1 x V row) from the built ``role_vectors.npz``."""
    from ._model import read_manifest

    folder = folder or models_dir()
    manifest = read_manifest(folder)
    with np.load(folder / "role_vectors.npz", allow_pickle=False) as z:
        mat = sp.csr_matrix((z["data"], z["indices"], z["indptr"]), shape=tuple(z["shape"]))
    return {r["id"]: (r["doc_hash"], mat[i]) for i, r in enumerate(manifest["roles"])}
