"""rolematch (package root; public names are exported once every stage lands)."""

from ._version import __version__

__all__ = ["__version__"]
