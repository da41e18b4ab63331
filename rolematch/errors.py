"""One exception family for everything rolematch raises on purpose."""

from __future__ import annotations

from pathlib import Path

__all__ = ["RolematchError", "ResumeReadError", "CorpusError", "ModelError", "READ_REASONS"]

#: Reason codes carried by :class:`ResumeReadError`; stable, used in batch output.
READ_REASONS = (
    "not_found",
    "unsupported_format",
    "encrypted",
    "corrupt",
    "empty",
    "no_text_layer",
    "too_large",
    "timeout",
    "garbled_text",
)


class RolematchError(Exception):
    """Root of every error rolematch raises on purpose."""


class ResumeReadError(RolematchError):
    """A résumé file could not be read into a :class:`~rolematch.Resume`.

    ``reason`` is one of :data:`READ_REASONS`; ``path`` names the file (or the
    ``filename`` given for bytes input).
    """

    def __init__(self, path: str | Path | None, reason: str, message: str) -> None:
        if reason not in READ_REASONS:
            raise ValueError(f"unknown ResumeReadError reason {reason!r}")
        self.path = str(path) if path is not None else "<bytes>"
        self.reason = reason
        self.message = message
        super().__init__(f"{self.path}: {message} [{reason}]")


class CorpusError(RolematchError):
    """A taxonomy or role file is malformed: names the file, line and field."""

    def __init__(
        self, path: str | Path, message: str, *, line: int | None = None, field: str | None = None
    ) -> None:
        self.path = str(path)
        self.line = line
        self.field = field
        where = self.path + (f":{line}" if line is not None else "")
        what = f"{field}: " if field else ""
        self.message = message
        super().__init__(f"{where}: {what}{message}")


class ModelError(RolematchError):
    """The built artifacts in ``models/`` are missing, stale or of another format."""
