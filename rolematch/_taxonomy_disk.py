"""Private: the built taxonomy, ``models/taxonomy.json.gz`` (written by ``rolematch
build``, read at start without validating the JSON Lines again)."""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ._taxonomy_records import Skill, expand, files_sha256
from .errors import ModelError

if TYPE_CHECKING:
    from .taxonomy import Taxonomy

#: File name of the built taxonomy in a models folder, and its layout version.
TAXONOMY_FILE = "taxonomy.json.gz"
#: 2: gzip'd; ``uri`` and ``no_match`` fields; the uri index.
TAXONOMY_FORMAT = 2

#: Field order of a skill row in the built file.
ROW = (
    "id",
    "name",
    "aliases",
    "kind",
    "category",
    "parent",
    "related",
    "source",
    "exact_case",
    "ambiguous",
    "context",
    "veto_next",
    "hot",
    "uri",
    "no_match",
)
_TUPLES = frozenset({"aliases", "related", "exact_case", "context", "veto_next", "no_match"})


def write(tax: Taxonomy, folder: str | Path) -> Path:
    """Write ``tax``, resolved, as ``folder/taxonomy.json.gz``; returns the file."""
    out = Path(folder) / TAXONOMY_FILE
    out.parent.mkdir(parents=True, exist_ok=True)
    data = {
        "format": TAXONOMY_FORMAT,
        "sha256": tax.fingerprint(),
        "files": [p.name for p in tax.files],
        "fields": list(ROW),
        "skills": [[getattr(s, f) for f in ROW] for s in tax],
        **tax._state(),
    }
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    out.write_bytes(gzip.compress(text.encode("utf-8"), mtime=0))
    return out


def read(
    cls: type[Taxonomy], folder: str | Path, files: Iterable[str | Path] | None = None
) -> Taxonomy:
    """Read a taxonomy written by :func:`write`; :class:`ModelError` when the file is
    missing, of another format, or was built from other files or other bytes."""
    from ._taxonomy_records import default_dir

    file = Path(folder) / TAXONOMY_FILE
    paths = tuple(Path(p) for p in files) if files is not None else tuple(expand([default_dir()]))
    try:
        data = json.loads(gzip.decompress(file.read_bytes()))
    except FileNotFoundError as e:
        raise ModelError(f"{file}: built taxonomy not found; run rolematch build") from e
    except (OSError, EOFError, ValueError) as e:
        raise ModelError(f"{file}: unreadable built taxonomy ({e})") from e
    if (
        not isinstance(data, dict)
        or data.get("format") != TAXONOMY_FORMAT
        or data.get("fields") != list(ROW)
    ):
        fmt = data.get("format") if isinstance(data, dict) else None
        raise ModelError(
            f"{file}: built taxonomy has format {fmt!r}, this rolematch "
            f"reads format {TAXONOMY_FORMAT}; rebuild it (rolematch build)"
        )
    sha = files_sha256(paths)
    if data.get("files") != [p.name for p in paths] or data.get("sha256") != sha:
        raise ModelError(f"{file}: built from other taxonomy files; rebuild it (rolematch build)")
    skills: dict[str, Skill] = {}
    for row in data["skills"]:
        values: dict[str, Any] = {f: tuple(v) if f in _TUPLES else v for f, v in zip(ROW, row)}
        skills[values["id"]] = Skill(**values)
    return cls._restore(skills, data, files=paths, sha256=sha)
