"""Where the shipped corpora and built models live.

In an installed wheel they sit inside the package (``rolematch/corpora``,
``rolematch/models``, put there by hatchling's force-include); in a source
checkout they are the top-level ``corpora/`` and ``models/`` folders.
"""

from __future__ import annotations

from contextlib import contextmanager
from importlib import resources
from pathlib import Path
from typing import Iterator

from .errors import RolematchError

_REPO_ROOT = Path(__file__).resolve().parent.parent
_OVERRIDES: dict[str, Path] = {}


@contextmanager
def use_data_dir(name: str, folder: str | Path) -> Iterator[Path]:
    """Within the block, :func:`data_dir` answers ``folder`` for ``name`` (``rolematch
    build --corpora DIR`` builds from a checkout's corpora this way)."""
    folder = Path(folder)
    if not folder.is_dir():
        raise RolematchError(f"{folder}: no such {name} folder")
    old = _OVERRIDES.get(name)
    _OVERRIDES[name] = folder
    try:
        yield folder
    finally:
        if old is None:
            _OVERRIDES.pop(name, None)
        else:
            _OVERRIDES[name] = old


def packaged(name: str) -> bool:
    """Whether ``name`` is found inside the installed package (a wheel install), not
    in a source checkout."""
    return name not in _OVERRIDES and (resources.files("rolematch") / name).is_dir()


def data_dir(name: str) -> Path:
    """Return the folder of shipped data called ``name`` ("corpora" or "models")."""
    if name in _OVERRIDES:
        return _OVERRIDES[name]
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
