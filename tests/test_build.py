"""Built models: safe formats, version and hash checks, committed == fresh build."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from rolematch import _model
from rolematch._resources import models_dir
from rolematch.build import build_models, load_role_vectors
from rolematch.errors import ModelError


@pytest.fixture(scope="module")
def fresh(tmp_path_factory):
    return build_models(tmp_path_factory.mktemp("models"))


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


#: built by ``rolematch build --embeddings`` only (torch at build time), not by build_models
SEPARATE = {"embeddings.npz"}


def test_committed_models_equal_a_fresh_build(fresh):
    shipped, built = _files(models_dir()), _files(fresh)
    shipped = {k: v for k, v in shipped.items() if k not in SEPARATE}
    assert sorted(shipped) == sorted(built)
    for name in built:
        if name.endswith(".npz"):
            with np.load(fresh / name) as a, np.load(models_dir() / name) as b:
                assert sorted(a.files) == sorted(b.files)
                for k in a.files:
                    np.testing.assert_array_equal(a[k], b[k])
        else:
            assert shipped[name] == built[name], f"models/{name} differs from a fresh build"


def test_models_hold_no_pickles(fresh):
    for p in fresh.rglob("*"):
        assert p.suffix not in (".pkl", ".pickle", ".joblib")
    with np.load(fresh / "role_vectors.npz", allow_pickle=False) as z:
        assert set(z.files) == {"data", "indices", "indptr", "shape"}


def test_manifest_records_version_and_hash(fresh):
    manifest = json.loads((fresh / "manifest.json").read_text())
    assert manifest["format_version"] == _model.FORMAT_VERSION
    assert manifest["corpus_hash"] == _model.corpus_hash()
    assert manifest["skills"] >= 3000


def test_stale_models_are_refused_with_a_fix():
    manifest = _model.read_manifest()
    stale = dict(manifest, corpus_hash="0" * 64)
    with pytest.raises(ModelError, match=r"stale.*rolematch build"):
        _model.check_manifest(stale, models_dir())
    with pytest.raises(ModelError, match=r"format 0.*rolematch build"):
        _model.check_manifest(dict(manifest, format_version=0), models_dir())


def test_missing_models_say_how_to_build(tmp_path):
    with pytest.raises(ModelError, match="run `rolematch build`"):
        _model.read_manifest(tmp_path)


def test_shipped_role_vectors_match_the_roles(roleset, matcher):
    stored = load_role_vectors()
    assert set(stored) == set(roleset)
    for i, role in enumerate(matcher.roles_):
        row = matcher.role_vectors_[i]
        np.testing.assert_allclose(row.toarray(), stored[role.id][1].toarray(), atol=1e-7)


def test_vocabulary_has_no_protected_words():
    model = _model.default_text_model()
    for word in ("she", "he", "mother", "father", "married", "age", "wife", "pregnant"):
        assert word not in model.vocabulary


def test_runtime_tfidf_equals_scikit_learn():
    from sklearn.feature_extraction.text import TfidfVectorizer

    model = _model.default_text_model()
    texts = ["Led SQL and Tableau dashboards; SQL daily.", "Product roadmap, user stories, "
             "A/B tests and go-to-market for C++ and node.js APIs", "", "zzz qqq"]
    for binary, sublinear in ((True, False), (False, True)):
        ref = TfidfVectorizer(lowercase=True, token_pattern=_model.TOKEN_PATTERN,
                              ngram_range=(1, 2), stop_words=sorted(model.stop),
                              vocabulary=model.vocabulary, binary=binary,
                              sublinear_tf=sublinear)
        ref.fit(["x"])
        ref.idf_ = model.idf
        np.testing.assert_allclose(model.transform(texts, binary=binary).toarray(),
                                   ref.transform(texts).toarray(), atol=1e-12)


def test_background_skill_frequencies_match_the_shipped_taxonomy():
    """The background's skill document frequencies were counted with the taxonomy
    that ships: a skill added since would weigh as the rarest of all (the stale
    background once made "record-keeping" and "reporting" the most specific skills
    of the harness' accountant posting). Regenerate with
    ``rolematch build --background ../shared/data/onet-29.2``."""
    from rolematch._resources import corpora_dir

    doc = json.loads((corpora_dir() / "background" / "onet_df.json").read_text("utf-8"))
    assert doc.get("taxonomy_hash") == _model.taxonomy_hash()


def test_a_stale_background_is_a_warning_at_build(monkeypatch, caplog):
    from rolematch import build

    with caplog.at_level("WARNING", logger="rolematch.build"):
        build._load_background()
    assert "another taxonomy" not in caplog.text  # the shipped one is current
    monkeypatch.setattr(build, "taxonomy_hash", lambda: "0" * 64)  # a taxonomy edited since
    with caplog.at_level("WARNING", logger="rolematch.build"):
        build._load_background()
    assert "onet_df.json: its skill frequencies were counted with another taxonomy" in caplog.text
