"""A benchmark-side cache of rolematch's scoring features (gzip'd JSON under a
``--cache-dir``), so a probe featurizes the dev résumés once and rescores them many
times.  Keyed by the features' fingerprint (code, text model, occupation index), the
meaning layer's fingerprint over the fitted roles' skills, and the résumés' texts: any
change that could change a feature misses.  Never committed (keep it under /tmp)."""

from __future__ import annotations

import gzip
import hashlib
import json
from pathlib import Path
from typing import Any, Sequence

from rolematch.features import Evidence, Job, ResumeFeatures


def dump(f: ResumeFeatures) -> dict[str, Any]:
    """A JSON-ready dict of one résumé's features."""
    return {
        "source": f.source,
        "credit": dict(f.credit),
        "evidence": {k: [[e.line, e.text, e.section, e.credit, e.inferred] for e in v]
                     for k, v in f.evidence.items()},
        "terms": dict(f.terms),
        "years": f.years,
        "education_level": f.education_level,
        "listed": sorted(f.listed),
        "listed_terms": dict(f.listed_terms),
        "hidden_chars": f.hidden_chars,
        "notes": list(f.notes),
        "jobs": [j.to_list() for j in f.jobs],
        "inferred": sorted(f.inferred),
    }


def load(d: dict[str, Any]) -> ResumeFeatures:
    """The features :func:`dump` wrote."""
    return ResumeFeatures(
        d["source"],
        d["credit"],
        {k: tuple(Evidence(int(a), b, c, float(x), bool(y)) for a, b, c, x, y in v)
         for k, v in d["evidence"].items()},
        d["terms"],
        float(d["years"]),
        d["education_level"],
        frozenset(d["listed"]),
        d["listed_terms"],
        int(d["hidden_chars"]),
        tuple(d["notes"]),
        tuple(Job.from_list(j) for j in d["jobs"]),
        frozenset(d["inferred"]),
    )


def _key(resumes: Sequence, matcher, tag: str) -> str:
    from rolematch._cache import features_fingerprint
    from rolematch._meaning import fingerprint

    skills = sorted({s.skill_id for r in matcher.roles_ for s in r.skills})
    h = hashlib.sha256(f"{tag}:{features_fingerprint()}:"
                       f"{fingerprint(matcher.meaning, skills)}".encode())
    for r in resumes:
        h.update(r.source.encode() + b"\0" + r.text.encode() + b"\0")
    return h.hexdigest()[:24]


def features(resumes: Sequence, matcher, cache_dir: Path | None, tag: str
             ) -> list[ResumeFeatures]:
    """``matcher.featurize`` of each résumé, from ``cache_dir`` when it holds them."""
    if cache_dir is None:
        return [matcher.featurize(r) for r in resumes]
    path = cache_dir / f"features-{tag}-{_key(resumes, matcher, tag)}.json.gz"
    if path.is_file():
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            return [load(d) for d in json.load(fh)]
    feats = [matcher.featurize(r) for r in resumes]
    cache_dir.mkdir(parents=True, exist_ok=True)
    with gzip.open(path, "wt", encoding="utf-8") as fh:
        json.dump([dump(f) for f in feats], fh, ensure_ascii=False)
    return feats
