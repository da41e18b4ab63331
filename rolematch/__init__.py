"""rolematch: match résumés to roles, with explained fit scores and gap reports.

The pipeline runs one way: ``documents`` (file → :class:`Resume`) → ``taxonomy``
→ ``extract`` (text → :class:`SkillMention`) → ``roles`` (→ :class:`RoleProfile`)
→ ``score`` (→ :class:`Fit`) → ``report``; ``batch`` and ``cli`` sit on top.
Nothing heavy happens at import: the public names below load their module on first
use, and the spaCy pipeline and models load on first use of those.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from ._version import __version__
from .errors import CorpusError, ModelError, ResumeReadError, RolematchError

_LAZY = {
    "BatchOptions": "batch",
    "BatchResult": "batch",
    "score_folder": "batch",
    "Resume": "documents",
    "read_resume": "documents",
    "SkillExtractor": "extract",
    "SkillMention": "extract",
    "extract_skills": "extract",
    "Role": "roles",
    "RoleProfile": "roles",
    "RoleSet": "roles",
    "Fit": "score",
    "Matcher": "score",
    "Weights": "score",
    "Skill": "taxonomy",
    "Taxonomy": "taxonomy",
    "skill_id": "taxonomy",
}

__all__ = [
    "__version__",
    "CorpusError",
    "ModelError",
    "ResumeReadError",
    "RolematchError",
    *sorted(_LAZY),
]


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'rolematch' has no attribute {name!r}")
    value = getattr(import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))


if TYPE_CHECKING:  # pragma: no cover
    from .batch import BatchOptions, BatchResult, score_folder
    from .documents import Resume, read_resume
    from .extract import SkillExtractor, SkillMention, extract_skills
    from .roles import Role, RoleProfile, RoleSet
    from .score import Fit, Matcher, Weights
    from .taxonomy import Skill, Taxonomy, skill_id
