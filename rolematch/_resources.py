"""Where the shipped corpora and built models live.

In an installed wheel they sit inside the package (``rolematch/corpora``,
``rolematch/models``, put there by hatchling's force-include); in a source
checkout they are the top-level ``corpora/`` and ``models/`` folders.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from .errors import RolematchError

_REPO_ROOT = Path(__file__).resolve().parent.parent


def data_dir(name: str) -> Path:
    """Return the folder of shipped data called ``name`` ("corpora" or "models")."""
    packaged = resources.files("rolematch") / name
    if packaged.is_dir():
        return Path(str(packaged))
    checkout = _REPO_ROOT / name
    if checkout.is_dir():
        return checkout
    raise RolematchError(
        f"shipped data folder {name!r} not found inside the rolematch package "
        f"or at {checkout}; reinstall rolematch"
    )


def corpora_dir() -> Path:
    return data_dir("corpora")


def models_dir() -> Path:
    return data_dir("models")
