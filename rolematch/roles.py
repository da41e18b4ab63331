"""Stage 4: roles become skill profiles.

A :class:`RoleProfile` is what a résumé is scored against: weighted required and
preferred skills (taxonomy ids), years, education and seniority. Profiles come
from the shipped role files (``corpora/roles/*.toml``), from the user's own role
files, or from any job posting via :meth:`RoleProfile.from_text`.
"""

from __future__ import annotations

import logging
import re
import sys
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Callable, Iterable, Iterator, Literal, Mapping

from pydantic import ValidationError

from ._posting import PostingAnalysis, analyse_posting
from ._posting_read import POSTING_SUFFIXES, read_posting_file
from ._resources import corpora_dir
from ._role_file import _RoleFile, _toml_line
from .errors import CorpusError, RolematchError
from .taxonomy import Taxonomy

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

__all__ = [
    "RoleSkill",
    "RoleLevel",
    "RoleProfile",
    "Role",
    "RoleSet",
    "POSTING_SUFFIXES",
    "role_document",
    "load_role_file",
    "is_occupation_id",
    "import_posting",
]

log = logging.getLogger(__name__)

#: Role ids that name an occupation of the index: ``onet:13-2011.00``, ``esco:2411.1``.
OCCUPATION_PREFIXES = ("onet:", "esco:")


def is_occupation_id(role_id: str) -> bool:
    """Whether ``role_id`` names an O*NET or ESCO occupation (``onet:…``, ``esco:…``)."""
    return role_id.startswith(OCCUPATION_PREFIXES)


# --------------------------------------------------------------------------- values
@dataclass(frozen=True)
class RoleSkill:
    skill_id: str
    weight: float  # in (0, 1]; 1.0 = core to the role
    required: bool


@dataclass(frozen=True)
class RoleLevel:
    name: str
    seniority: str
    min_years: float
    summary: str = ""


@dataclass(frozen=True)
class RoleProfile:
    """A role as a skill profile. ``skills`` holds required and preferred skills."""

    id: str
    title: str
    skills: tuple[RoleSkill, ...]
    alt_titles: tuple[str, ...] = ()
    summary: str = ""
    responsibilities: tuple[str, ...] = ()
    min_years: float = 0.0
    education_level: str | None = None
    education_fields: tuple[str, ...] = ()
    seniority: str = "mid"
    levels: tuple[RoleLevel, ...] = ()
    source: str = ""
    origin: Literal["corpus", "posting", "occupation"] = "corpus"
    posting_text: str = field(default="", repr=False)
    #: the most years the role is meant for ("1-4 years" → 4); None: no maximum
    max_years: float | None = None
    #: the degree may be replaced by equivalent experience
    education_equivalent: bool = False
    #: the O*NET-SOC code(s) of the role's occupation, when known
    occupations: tuple[str, ...] = ()

    @property
    def required(self) -> tuple[RoleSkill, ...]:
        return tuple(s for s in self.skills if s.required)

    @property
    def preferred(self) -> tuple[RoleSkill, ...]:
        return tuple(s for s in self.skills if not s.required)

    def weight_of(self, skill_id: str) -> RoleSkill | None:
        return next((s for s in self.skills if s.skill_id == skill_id), None)

    @classmethod
    def from_text(
        cls,
        text: str,
        *,
        title: str | None = None,
        id: str | None = None,
        source: str = "<text>",
        taxonomy: Taxonomy | None = None,
    ) -> RoleProfile:
        """Profile a pasted job posting: its sentences classified (requirement,
        preferred, duty, company, benefits, legal, apply), skills taken from requirement,
        preferred and duty text only and weighed (see ``docs/postings.md``); its title's
        occupation(s) from the title search
        (:func:`rolematch.occupations.posting_titles.title_occupations`)."""
        return _from_analysis(
            analyse_posting(text, title=title, source=source, taxonomy=taxonomy),
            id=id,
            source=source,
        )

    @classmethod
    def from_occupation(
        cls, code: str, *, taxonomy: Taxonomy | None = None, index: object | None = None
    ) -> RoleProfile:
        """An O*NET or ESCO occupation of the index as a role (``onet:13-2011.00``,
        ``esco:2411.1`` or an ESCO uuid): see :mod:`rolematch.occupations.profiles`."""
        from .occupations import OccupationIndex, occupation_profile

        ix = index if isinstance(index, OccupationIndex) else OccupationIndex.default()
        p = occupation_profile(ix.get(code), ix, taxonomy)
        skills = tuple(RoleSkill(sid, w, True) for sid, w in p.required) + tuple(
            RoleSkill(sid, w, False) for sid, w in p.preferred
        )
        return cls(
            id=p.id,
            title=p.title,
            skills=skills,
            alt_titles=p.alt_titles,
            min_years=p.min_years,
            education_level=p.education,
            seniority="mid",
            source=p.source,
            origin="occupation",
            occupations=p.occupations,
        )

    @classmethod
    def from_file(cls, path: str | Path, *, taxonomy: Taxonomy | None = None) -> RoleProfile:
        """Load a role file (.toml) or profile a posting file (.txt/.md/.pdf/.docx/.html)."""
        path = Path(path)
        if path.suffix.lower() == ".toml":
            return load_role_file(path)
        if path.suffix.lower() not in POSTING_SUFFIXES:
            raise RolematchError(
                f"{path}: not a role file or job posting (expected .toml, "
                f"{', '.join(POSTING_SUFFIXES)})"
            )
        text = read_posting_file(path)
        return cls.from_text(text, id=_slug(path.stem), source=str(path), taxonomy=taxonomy)

    def to_toml(self, taxonomy: Taxonomy | None = None) -> str:
        """The role as an editable role file (the format of ``corpora/roles``)."""
        import tomli_w

        doc: dict = {
            "id": self.id,
            "title": self.title,
            "alt_titles": list(self.alt_titles),
            "seniority": self.seniority,
            "summary": self.summary,
            "responsibilities": list(self.responsibilities),
            "min_years": self.min_years,
        }
        if self.occupations:
            doc["occupations"] = list(self.occupations)
        if self.max_years is not None:
            doc["max_years"] = self.max_years
        if self.education_level:
            doc["education"] = {
                "level": self.education_level,
                "fields": list(self.education_fields),
            }
            if self.education_equivalent:
                doc["education"]["or_equivalent"] = True
        doc["skills"] = {
            "required": {s.skill_id: round(s.weight, 2) for s in self.required},
            "preferred": {s.skill_id: round(s.weight, 2) for s in self.preferred},
        }
        if self.levels:
            doc["levels"] = [
                {
                    "name": lv.name,
                    "seniority": lv.seniority,
                    "min_years": lv.min_years,
                    "summary": lv.summary,
                }
                for lv in self.levels
            ]
        head = (
            f"# Role profile written by `rolematch roles import` from {self.source}.\n"
            "# Edit freely: weights are in (0, 1], 1.0 = core to the role.\n"
        )
        return head + tomli_w.dumps(doc)


Role = RoleProfile


def _from_analysis(a: PostingAnalysis, *, id: str | None, source: str) -> RoleProfile:
    skills = tuple(
        RoleSkill(d.skill_id, d.weight, d.status == "required")
        for d in a.decisions
        if d.status != "dropped"
    )
    if skills and not any(s.required for s in skills):  # no cue anywhere: needs, all
        skills = tuple(RoleSkill(s.skill_id, s.weight, True) for s in skills)
    skills = tuple(sorted(skills, key=lambda s: (not s.required, -s.weight, s.skill_id)))
    return RoleProfile(
        id=id or _slug(a.title),
        title=a.title,
        skills=skills,
        summary=a.summary,
        responsibilities=a.responsibilities,
        min_years=a.min_years,
        max_years=a.max_years,
        education_level=a.education_level,
        education_fields=a.education_fields,
        education_equivalent=a.education_equivalent,
        seniority=a.seniority,
        source=source,
        origin="posting",
        posting_text=a.text,
        occupations=a.occupations,
    )


def import_posting(
    path: str | Path,
    *,
    id: str | None = None,
    title: str | None = None,
    taxonomy: Taxonomy | None = None,
) -> str:
    """A posting file as an editable role file (``rolematch roles import``): the
    profile, with each skill's reason as a comment and the dropped skills listed.
    ``id``: the role's id (default: made from its title)."""
    from dataclasses import replace

    path = Path(path)
    if path.suffix.lower() not in POSTING_SUFFIXES:
        raise RolematchError(f"{path}: not a job posting (expected {', '.join(POSTING_SUFFIXES)})")
    a = analyse_posting(read_posting_file(path), source=str(path), taxonomy=taxonomy)
    role_id = id or _slug(title or a.title)
    role = replace(_from_analysis(a, id=role_id, source=str(path)), title=title or a.title)
    return _annotated_toml(role, a)


def _annotated_toml(role: RoleProfile, a: PostingAnalysis) -> str:
    """``role.to_toml()`` with the reason of every kept skill written beside it and
    the dropped skills listed as comments."""
    why = {d.skill_id: d.reason for d in a.decisions}
    lines = role.to_toml().splitlines()
    out = [f"# {w}" for w in a.warnings]
    for ln in lines:
        m = re.match(r"^([a-z0-9][a-z0-9+#.-]*|\"[^\"]+\") = [0-9.]+$", ln)
        key = m.group(1).strip('"') if m else None
        out.append(f"{ln}  # {why[key]}" if key in why else ln)
    dropped = [d for d in a.decisions if d.status == "dropped"]
    if dropped:
        out += ["", "# Dropped (weight; why):"]
        out += [f"#   {d.skill_id} ({d.weight:.2f}; {d.reason})" for d in dropped]
    return "\n".join(out) + "\n"


def _slug(text: str) -> str:
    """A role id made from a title or file stem: the one slug rule,
    :func:`~rolematch.taxonomy.skill_id` ("role" when the text has no letters)."""
    from .taxonomy import skill_id

    try:
        return skill_id(text)
    except ValueError:
        return "role"


# --------------------------------------------------------------------------- role files
def load_role_file(path: str | Path) -> RoleProfile:
    """Read and validate one role file; errors name the file and the field."""
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as e:
        raise CorpusError(path, f"cannot read role file: {e.strerror or e}") from e
    except UnicodeDecodeError as e:
        raise CorpusError(path, "role file is not UTF-8 text") from e
    except tomllib.TOMLDecodeError as e:
        m = re.search(r"at line (\d+)", str(e))
        line = getattr(e, "lineno", None) or (int(m.group(1)) if m else None)
        raise CorpusError(path, f"not valid TOML: {e}", line=line) from e
    except RecursionError as e:  # tomllib recurses once per nesting level
        raise CorpusError(path, "not valid TOML: arrays or tables nested too deeply") from e
    try:
        model = _RoleFile.model_validate(data)
    except ValidationError as e:
        err = e.errors()[0]
        where = ".".join(str(p) for p in err["loc"])
        raise CorpusError(
            path,
            err["msg"],
            field=where,
            line=_toml_line(path.read_text(encoding="utf-8"), err["loc"]),
        ) from e
    both = set(model.skills.required) & set(model.skills.preferred)
    if both:
        raise CorpusError(
            path, f"skill(s) both required and preferred: {sorted(both)}", field="skills"
        )
    skills = tuple(RoleSkill(k, float(w), True) for k, w in model.skills.required.items()) + tuple(
        RoleSkill(k, float(w), False) for k, w in model.skills.preferred.items()
    )
    return RoleProfile(
        id=model.id,
        title=model.title,
        skills=skills,
        alt_titles=tuple(model.alt_titles),
        summary=model.summary.strip(),
        responsibilities=tuple(model.responsibilities),
        min_years=float(model.min_years),
        education_level=model.education.level,
        education_fields=tuple(model.education.fields),
        seniority=model.seniority,
        max_years=None if model.max_years is None else float(model.max_years),
        education_equivalent=model.education.or_equivalent,
        levels=tuple(
            RoleLevel(lv.name, lv.seniority, lv.min_years, lv.summary) for lv in model.levels
        ),
        source=str(path),
        origin="corpus",
        occupations=tuple(model.occupations),
    )


def role_document(role: RoleProfile, taxonomy: Taxonomy) -> str:
    """The text a role contributes to TF-IDF: its own words and its skills' names.

    Required skills are written twice so that they weigh more than preferred ones.
    """
    names = []
    for s in role.skills:
        skill = taxonomy.get(s.skill_id)
        name = skill.name if skill else s.skill_id.replace("-", " ")
        names.extend([name] * (2 if s.required else 1))
    parts = [
        role.title,
        *role.alt_titles,
        role.summary,
        *role.responsibilities,
        *(lv.summary for lv in role.levels),
        ". ".join(names),
        role.posting_text,
    ]
    return "\n".join(p for p in parts if p)


# --------------------------------------------------------------------------- role sets
class RoleSet(Mapping[str, RoleProfile]):
    """An ordered, validated collection of roles keyed by id."""

    def __init__(
        self, roles: Iterable[RoleProfile] = (), *, taxonomy: Taxonomy | None = None
    ) -> None:
        self.taxonomy = taxonomy if taxonomy is not None else Taxonomy.default()
        self._roles: dict[str, RoleProfile] = {}
        for role in roles:
            self.add(role)

    def add(self, role: RoleProfile) -> None:
        """Add a role (a later role with the same id replaces the earlier one)."""
        for s in role.skills:
            if s.skill_id not in self.taxonomy:
                hint = [sk.id for sk in self.taxonomy.search(s.skill_id.replace("-", " "), limit=3)]
                kind = "required" if s.required else "preferred"
                line = None
                if role.origin == "corpus" and role.source and Path(role.source).is_file():
                    line = _toml_line(
                        Path(role.source).read_text(encoding="utf-8"), ("skills", kind, s.skill_id)
                    )
                raise CorpusError(
                    role.source or role.id,
                    f"unknown skill id {s.skill_id!r}"
                    + (f" (did you mean {', '.join(hint)}?)" if hint else ""),
                    line=line,
                    field=f"skills.{kind}.{s.skill_id}",
                )
        self._roles[role.id] = role

    @classmethod
    def load(
        cls,
        *paths: str | Path,
        defaults: bool = True,
        taxonomy: Taxonomy | None = None,
        read: Callable[[Path, Taxonomy], RoleProfile] | None = None,
    ) -> RoleSet:
        """The shipped corpus (unless ``defaults=False``) plus role files and postings.

        Each path is a role file (.toml), a posting (.txt/.md/.pdf/.docx/.html) or a folder of
        them (read in sorted order; hidden files skipped).  Two of these files giving
        the same role id log a warning (the later one is kept).  ``read(path,
        taxonomy)`` replaces :meth:`RoleProfile.from_file` (the batch's cache uses it).
        """
        rs = cls(taxonomy=taxonomy)
        seen: dict[str, Path] = {}
        if defaults:
            for role in _shipped_roles():
                rs.add(role)
        for p in paths:
            p = Path(p)
            if p.is_dir():
                files = sorted(
                    f
                    for f in p.rglob("*")
                    if f.is_file()
                    and not any(part.startswith(".") for part in f.relative_to(p).parts)
                    and f.suffix.lower() in (".toml", *POSTING_SUFFIXES)
                    and f.name.lower() not in ("readme.md", "source.md")
                )
                if not files:
                    raise RolematchError(
                        f"{p}: no role files (.toml) or postings "
                        f"({', '.join(POSTING_SUFFIXES)}) in this folder"
                    )
            elif p.is_file():
                files = [p]
            else:
                raise RolematchError(f"{p}: no such role file or folder")
            for f in files:
                role = (
                    read(f, rs.taxonomy) if read else RoleProfile.from_file(f, taxonomy=rs.taxonomy)
                )
                if role.id in seen:
                    log.warning(
                        "%s: role id %r is also the id of %s; the later file is kept",
                        f,
                        role.id,
                        seen[role.id],
                    )
                seen[role.id] = f
                rs.add(role)
        return rs

    @classmethod
    def default(cls) -> RoleSet:
        return _default_roleset()

    def subset(self, ids: Iterable[str]) -> RoleSet:
        """The roles with these ids, in the order given; unknown ids are an error."""
        out = RoleSet(taxonomy=self.taxonomy)
        for rid in ids:
            if rid not in self._roles and is_occupation_id(rid):
                out.add(RoleProfile.from_occupation(rid, taxonomy=self.taxonomy))
                continue
            if rid not in self._roles:
                raise RolematchError(f"unknown role {rid!r}; known roles: {', '.join(self._roles)}")
            out._roles[rid] = self._roles[rid]
        return out

    def with_role(self, role: RoleProfile) -> RoleSet:
        out = RoleSet(self._roles.values(), taxonomy=self.taxonomy)
        out.add(role)
        return out

    def __getitem__(self, key: str) -> RoleProfile:
        """A role by id; an occupation id (``onet:…``, ``esco:…``) not in the set gives
        that occupation's role (not added to the set: see :meth:`with_role`)."""
        try:
            return self._roles[key]
        except KeyError:
            if is_occupation_id(key):
                return RoleProfile.from_occupation(key, taxonomy=self.taxonomy)
            raise RolematchError(
                f"unknown role {key!r}; known roles: {', '.join(self._roles)}"
            ) from None

    def __contains__(self, key: object) -> bool:
        return key in self._roles

    def __iter__(self) -> Iterator[str]:
        return iter(self._roles)

    def __len__(self) -> int:
        return len(self._roles)

    def __repr__(self) -> str:
        return f"RoleSet({len(self)} roles)"


def shipped_role_files() -> list[Path]:
    return sorted((corpora_dir() / "roles").glob("*.toml"))


def _shipped_roles() -> list[RoleProfile]:
    return [load_role_file(f) for f in shipped_role_files()]


@lru_cache(maxsize=1)
def _default_roleset() -> RoleSet:
    return RoleSet(_shipped_roles(), taxonomy=Taxonomy.default())


def format_role_text(role: RoleProfile, taxonomy: Taxonomy) -> str:
    """A role profile as plain text a person can check (``rolematch roles show``)."""

    def name(sid: str) -> str:
        return taxonomy[sid].name if sid in taxonomy else sid

    years = f"{role.min_years:g}" + (
        f" (at most {role.max_years:g})" if role.max_years is not None else ""
    )
    out = [
        f"{role.title}  [{role.id}]",
        f"seniority: {role.seniority}    "
        f"minimum years: {years}    education: "
        f"{(role.education_level or 'not stated').replace('_', ' ')}"
        + (f" in {', '.join(role.education_fields)}" if role.education_fields else "")
        + (" or equivalent experience" if role.education_equivalent else ""),
    ]
    if role.alt_titles:
        out.append("also called: " + ", ".join(role.alt_titles))
    if role.summary:
        out += ["", role.summary]
    if role.responsibilities:
        out += ["", "Responsibilities:"] + [f"  - {r}" for r in role.responsibilities]
    for label, group in (("Required skills", role.required), ("Preferred skills", role.preferred)):
        out += ["", f"{label} (weight):"]
        out += [
            f"  {s.weight:4.2f}  {name(s.skill_id)} ({s.skill_id})"
            for s in sorted(group, key=lambda s: (-s.weight, s.skill_id))
        ] or ["  (none)"]
    for lv in role.levels:
        out += [
            "",
            f"Level: {lv.name} ({lv.seniority}, {lv.min_years:g}+ years)",
            f"  {lv.summary}" if lv.summary else "",
        ]
    out.append(f"\nsource: {role.source}")
    return "\n".join(out)
