"""The ``rolematch`` command: a thin shell over the library.

Each command parses options, calls one library function and renders the result;
library errors become a one-line message on stderr and exit code 1 (2 for usage).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import List, Optional

import typer
from rich.table import Table

from . import _cli_batch as B
from ._cli_util import _flag, _friendly, _plain, _report_format, _write, err, out
from .documents import DEFAULT_PDF_READER
from .errors import RolematchError

app = typer.Typer(
    help="Match résumés to roles: fit scores, explained, and gap reports.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
roles_app = typer.Typer(help="The role corpus: list, show, import postings.", no_args_is_help=True)
taxonomy_app = typer.Typer(
    help="The skill taxonomy: show a skill, search skills.", no_args_is_help=True
)
cache_app = typer.Typer(help="The batch cache of parsed résumés.", no_args_is_help=True)
app.add_typer(roles_app, name="roles")
app.add_typer(cache_app, name="cache")
app.add_typer(taxonomy_app, name="taxonomy")

TaxonomyOpt = Optional[List[Path]]


def _taxonomy(files: TaxonomyOpt):
    from .taxonomy import Taxonomy

    return Taxonomy.load(*files) if files else Taxonomy.default()


def _extractor(files: TaxonomyOpt):
    from .extract import SkillExtractor, default_extractor

    return SkillExtractor.from_taxonomy(_taxonomy(files)) if files else default_extractor()


def _roleset(roles_dir: Optional[List[Path]], files: TaxonomyOpt, *, defaults: bool = True):
    from .roles import RoleSet

    return RoleSet.load(*(roles_dir or []), defaults=defaults, taxonomy=_taxonomy(files))


# --------------------------------------------------------------------------- read / skills
@app.command()
@_friendly
def read(
    file: Path = typer.Argument(..., help="A résumé: PDF, DOCX, text or Markdown."),
    format: str = typer.Option("text", "--format", "-f", help="text or json."),
    pdf_reader: str = typer.Option(
        DEFAULT_PDF_READER, help="pdfminer, pdfium or auto (the default everywhere)."
    ),
) -> None:
    """Show what rolematch understood of a résumé: sections, jobs, years, education."""
    from .documents import format_resume_text, read_resume

    from .occupations import occupations_of

    resume = read_resume(file, pdf_reader=pdf_reader)
    jobs = occupations_of(resume)
    if format == "json":
        doc = {**resume.to_dict(), "occupations": [j.to_dict() for j in jobs]}
        _write(json.dumps(doc, indent=2, ensure_ascii=False), None)
    elif format == "text":
        _write(format_resume_text(resume) + "\n\n" + _format_jobs(jobs), None)
    else:
        raise typer.BadParameter("--format must be text or json")


@app.command()
@_friendly
def skills(
    file: Path = typer.Argument(..., help="A résumé or posting file."),
    taxonomy: TaxonomyOpt = typer.Option(
        None, "--taxonomy", help="Extra taxonomy file(s) (.jsonl)."
    ),
    format: str = typer.Option("text", "--format", "-f", help="text or json."),
) -> None:
    """List the skills found in a file, each with the lines that evidence it."""
    from .documents import read_resume
    from .extract import evidence_to_dict, skill_evidence

    if format not in ("text", "json"):
        raise typer.BadParameter("--format must be text or json")
    resume = read_resume(file)
    found = skill_evidence(resume, extractor=_extractor(taxonomy), taxonomy=_taxonomy(taxonomy))
    if format == "json":
        rows = [evidence_to_dict(ev) for ev in found]
        _write(json.dumps(rows, indent=2, ensure_ascii=False), None)
        return
    if not found:
        err.print(f"{_plain(file)}: no taxonomy skills found")
        return
    table = Table("skill", "kind", "section", "evidence (line: text)", show_lines=False)
    for ev in found:
        lines = "\n".join(f"{i + 1}: {text.strip()[:100]}" for i, text in ev.lines[:3])
        table.add_row(ev.name, ev.kind, ", ".join(ev.sections), lines)
    out.print(table)


# --------------------------------------------------------------------------- taxonomy
@taxonomy_app.command("show")
@_friendly
def taxonomy_show(
    skill: str = typer.Argument(..., help="A skill id, name or alias."),
    taxonomy: TaxonomyOpt = typer.Option(None, "--taxonomy"),
) -> None:
    """Show one skill: id, aliases, kind, category, parent, related skills."""
    try:
        info = _taxonomy(taxonomy).show(skill)
    except KeyError as e:
        raise RolematchError(f"{e.args[0]}; try `rolematch taxonomy search`") from None
    names = lambda items: ", ".join(f"{x['name']} ({x['id']})" for x in items)
    rows = [
        ("id", info["id"]),
        ("name", info["name"]),
        ("aliases", ", ".join(info["aliases"])),
        ("kind", info["kind"]),
        ("category", info["category"]),
        ("broader", names(info.get("parents", []))),
        ("narrower", names(info.get("children", []))),
        ("related", names(info.get("related_skills", []))),
        ("source", info["source"]),
    ]
    table = Table(show_header=False)
    for k, v in rows:
        table.add_row(k, v)
    out.print(table)


@taxonomy_app.command("search")
@_friendly
def taxonomy_search(
    word: str = typer.Argument(..., help="Words to look for."),
    limit: int = typer.Option(20, "--limit", "-n"),
    taxonomy: TaxonomyOpt = typer.Option(None, "--taxonomy"),
) -> None:
    """Find skills whose name or aliases contain WORD."""
    tax = _taxonomy(taxonomy)
    hits = tax.search(word, limit=limit)
    if not hits:
        err.print(f"no skills match {_plain(repr(word))}")
        raise typer.Exit(1)
    table = Table("id", "name", "kind", "category")
    for sk in hits:
        table.add_row(sk.id, sk.name, sk.kind, sk.category)
    out.print(table)


# --------------------------------------------------------------------------- roles
@roles_app.command("list")
@_friendly
def roles_list(
    roles: Optional[List[Path]] = typer.Option(
        None, "--roles", help="Folder(s) or file(s) of extra roles / postings."
    ),
) -> None:
    """List the roles (shipped, plus --roles)."""
    rs = _roleset(roles, None)
    table = Table("id", "title", "seniority", "min years", "required", "preferred")
    for r in rs.values():
        table.add_row(
            r.id,
            r.title,
            r.seniority,
            f"{r.min_years:g}",
            str(len(r.required)),
            str(len(r.preferred)),
        )
    out.print(table)


@roles_app.command("show")
@_friendly
def roles_show(
    role_id: str = typer.Argument(..., help="A role id (see `roles list`)."),
    roles: Optional[List[Path]] = typer.Option(None, "--roles"),
) -> None:
    """Show a role's profile: skills with weights, years, education."""
    from .roles import format_role_text

    rs = _roleset(roles, None)
    _write(format_role_text(rs[role_id], rs.taxonomy), None)


@roles_app.command("import")
@_friendly
def roles_import(
    posting: Path = typer.Argument(..., help="A job posting (.txt/.md/.pdf/.docx/.html)."),
    id: Optional[str] = typer.Option(
        None, "--id", help="Id of the new role (default: made from its title)."
    ),
    title: Optional[str] = typer.Option(None, help="Title (default: first line)."),
    output: Optional[Path] = typer.Option(
        None, "-o", "--output", help="Role file to write (default ID.toml)."
    ),
) -> None:
    """Profile a job posting and write it as a role file you can edit and keep
    (each skill's reason, and the skills dropped, written as comments)."""
    from ._role_file import _ID_RE
    from .roles import _slug, import_posting, tomllib

    if id is not None and not _ID_RE.match(id):
        raise RolematchError(
            f"{id!r} is not a role id (lowercase letters, digits and '-'); try --id {_slug(id)}"
        )
    text = import_posting(posting, id=id, title=title)
    _write(text, output or Path(f"{tomllib.loads(text)['id']}.toml"))


# --------------------------------------------------------------------------- build
@app.command()
@_friendly
def build(
    out_dir: Optional[Path] = typer.Option(
        None, "--out", help="Models folder to write (default: the one rolematch loads)."
    ),
    corpora: Optional[Path] = typer.Option(
        None,
        "--corpora",
        help="Corpora folder to build from (default: the one "
        "rolematch loads; pass a checkout's corpora/ on a regular install).",
    ),
    background: Optional[Path] = typer.Option(
        None,
        "--background",
        help="O*NET text release folder: first regenerate corpora/background/onet_df.json from it.",
    ),
    occupations: Optional[Path] = typer.Option(
        None,
        "--occupations",
        help="Folder holding onet-29.2/ and esco/ (the shared data): first rebuild the "
        "occupation index from it.",
    ),
    embeddings: bool = typer.Option(
        False,
        "--embeddings",
        help="Also distil models/embeddings.npz, the meaning layer's word vectors "
        "(needs the embed extra: torch, model2vec; minutes).",
    ),
) -> None:
    """Fit the TF-IDF model and compile the skill matcher into models/."""
    from contextlib import nullcontext

    from ._resources import corpora_dir, models_dir, packaged, use_data_dir
    from .build import build_background, build_embeddings, build_models, build_occupations

    if corpora is None and packaged("corpora"):
        err.print(
            f"[yellow]warning:[/yellow] building from the installed package's corpora "
            f"({_plain(corpora_dir())}), not a checkout's; edits to a checkout's "
            "corpora/ are not seen. Use --corpora ./corpora --out ./models for that."
        )
    if out_dir is None and packaged("models"):
        err.print(
            f"[yellow]warning:[/yellow] writing into the installed package ({_plain(models_dir())})"
        )
    with use_data_dir("corpora", corpora) if corpora is not None else nullcontext():
        if background is not None:
            err.print(f"wrote {_plain(build_background(background))}")
        if occupations is not None:
            err.print(f"wrote {_plain(build_occupations(occupations, out_dir))}")
        err.print(f"wrote {_plain(build_models(out_dir))}")
        if embeddings:
            err.print(f"wrote {_plain(build_embeddings(out_dir))}")


# --------------------------------------------------------------------------- match / fit
def _resolve_role(role: str, rs):
    """A role id from the set, an occupation (onet:CODE, esco:CODE), or a posting file
    profiled on the fly."""
    from .roles import RoleProfile, is_occupation_id

    if role in rs:
        return rs, rs[role]
    if is_occupation_id(role):
        r = RoleProfile.from_occupation(role, taxonomy=rs.taxonomy)
        return rs.with_role(r), r
    p = Path(role)
    if p.is_file():
        r = RoleProfile.from_file(p, taxonomy=rs.taxonomy)
        return rs.with_role(r), r
    raise RolematchError(
        f"{role!r} is neither a known role id nor a posting file; see `rolematch roles list`"
    )


ReportFormat = typer.Option(
    None, "--format", "-f", help="md, html, json or text (default: from -o's suffix, else text)."
)
RolesOpt = typer.Option(
    None, "--roles", help="Role files/postings (files or folders) added to the shipped roles."
)
MeaningOpt = typer.Option(
    True,
    "--meaning/--no-meaning",
    help="Also recognise skills from a line's meaning (credited less, marked inferred).",
)


@app.command()
@_friendly
def match(
    resume: Path = typer.Argument(..., help="The résumé."),
    role: str = typer.Option(..., "--role", "-r", help="Role id or a posting file."),
    roles: Optional[List[Path]] = RolesOpt,
    format: Optional[str] = ReportFormat,
    output: Optional[Path] = typer.Option(None, "-o", "--output", help="File to write."),
    redact: bool = _flag(
        "--redact", help="Strip e-mail, phone, URLs and the name line from quoted lines."
    ),
    meaning: bool = MeaningOpt,
) -> None:
    """Fit and gap report of one résumé against one role."""
    from .documents import read_resume
    from .report import render
    from .score import Matcher

    fmt = _report_format(format, output)
    rs, target = _resolve_role(role, _roleset(roles, None))
    matcher = Matcher(meaning=meaning).fit(rs)
    res = read_resume(resume)
    feats = matcher.featurize(res)
    fits = matcher.rank(feats)
    fit = next(f for f in fits if f.role_id == target.id)
    alternatives = [f for f in fits if f.role_id != target.id]
    if fmt == "text" and output is None and out.is_terminal:
        from .report import render_text

        out.print(render_text(fit, alternatives=alternatives, redact=redact))
        return
    _write(render(fit, fmt, alternatives=alternatives, redact=redact), output)


@app.command()
@_friendly
def fit(
    resume: Path = typer.Argument(..., help="The résumé."),
    roles: Optional[List[Path]] = typer.Option(
        None, "--roles", help="Role files/postings to rank instead of the shipped roles."
    ),
    format: Optional[str] = ReportFormat,
    output: Optional[Path] = typer.Option(None, "-o", "--output", help="File to write."),
    meaning: bool = MeaningOpt,
) -> None:
    """Rank every role for one person."""
    from .documents import read_resume
    from .report import render_ranking
    from .score import Matcher

    fmt = _report_format(format, output)
    rs = _roleset(roles, None, defaults=not roles)  # --roles replaces the shipped corpus
    fits = Matcher(meaning=meaning).fit(rs).rank(read_resume(resume))
    _write(render_ranking(fits, fmt), output)


# --------------------------------------------------------------------------- batch
@app.command()
@_friendly
def score(
    paths: List[Path] = typer.Argument(..., help="Résumé files or folders."),
    role: B.RoleIds = None,
    roles: B.RolesDirs = None,
    format: B.Format = "",
    output: B.Output = None,
    workers: B.Workers = None,
    top: B.Top = 3,
    cache: B.CachePath = None,
    no_cache: B.NoCache = False,
    resume: B.Resume = False,
    pdf_reader: B.PdfReader = "auto",
    timeout: B.Timeout = 60.0,
    max_pages: B.MaxPages = 30,
    max_mb: B.MaxMb = 10.0,
    backend: B.Backend = "loky",
    scheduler: B.Scheduler = None,
    quiet: B.Quiet = False,
    meaning: bool = MeaningOpt,
) -> None:
    """Score résumés (files or whole folders) against roles; one row per file."""
    from .batch import DEFAULT_CACHE, BatchOptions

    options = BatchOptions(
        top=top,
        workers=workers,
        pdf_reader=pdf_reader,
        timeout=timeout or None,
        max_bytes=int(max_mb * 1_000_000),
        max_pages=max_pages,
        backend=backend,
        scheduler=scheduler,
        cache=None if no_cache else (cache or DEFAULT_CACHE),
        meaning=meaning,
    )
    B.score_command(
        paths,
        options,
        role_ids=role or (),
        roles_dirs=roles or (),
        fmt=format,
        output=output,
        resume=resume,
        quiet=quiet,
    )


@cache_app.command("clear")
@_friendly
def cache_clear(
    cache: Optional[Path] = typer.Option(
        None, "--cache", help="Cache file (default: the user cache folder)."
    ),
) -> None:
    """Delete the cache of parsed résumés that `rolematch score` keeps."""
    from ._cache import clear_cache, default_cache_path

    removed = clear_cache(cache)
    err.print(f"cleared {_plain(cache or default_cache_path())} ({removed} entries)")


# --------------------------------------------------------------------------- occupations
occupations_app = typer.Typer(
    help="The occupation index (O*NET, ESCO): search titles, show an occupation.",
    no_args_is_help=True,
)
app.add_typer(occupations_app, name="occupations")


def _format_jobs(jobs) -> str:
    out = ["Occupations (job title -> O*NET occupation, confidence):"]
    for j in jobs:
        occ = f"{j.occupation_title} ({j.code})" if j.code else "no occupation found"
        out.append(f"  job {j.job}: {j.title or '?'} -> {occ}  {j.confidence:.2f}")
    return "\n".join(out if jobs else out + ["  (no experience entries)"])


@occupations_app.command("search")
@_friendly
def occupations_search(
    title: str = typer.Argument(..., help="A job title."),
    limit: int = typer.Option(5, "--limit", "-n"),
    esco: bool = typer.Option(False, "--esco", help="Search ESCO occupations instead of O*NET."),
    duties: Optional[str] = typer.Option(
        None,
        "--duties",
        help="The job's duty lines: they settle a vague title's readings (O*NET only).",
    ),
) -> None:
    """Rank occupations for a job title, each with a confidence."""
    from .occupations import OccupationIndex

    system = "esco" if esco else "onet"
    hits = OccupationIndex.default().search(title, limit, system=system, context=duties)
    if not hits:
        err.print(f"no occupation matches {title!r}")
        raise typer.Exit(1)
    table = Table("id", "occupation", "confidence")
    for occ, conf in hits:
        table.add_row(occ.id, occ.title, f"{conf:.2f}")
    out.print(table)


@occupations_app.command("show")
@_friendly
def occupations_show(
    code: str = typer.Argument(
        ..., help="onet:CODE, esco:CODE or an ESCO uuid (a bare code is O*NET)."
    ),
) -> None:
    """Show an occupation: titles, job zone, education, related occupations, role."""
    from .occupations import OccupationIndex
    from .roles import RoleProfile, format_role_text
    from .taxonomy import Taxonomy

    ix = OccupationIndex.default()
    occ = ix.get(code)
    rel = ", ".join(f"{o.title} ({o.code})" for o in ix.related(occ.id)[:8]) or "none"
    lines = [
        f"{occ.title}  [{occ.id}]  major group {occ.major_group}",
        f"job zone: {occ.job_zone or '?'}    typical education: "
        f"{(occ.education or 'not stated').replace('_', ' ')}",
        "titles: " + ", ".join((occ.alt_titles + occ.reported_titles)[:15]),
        f"related: {rel}",
        "",
        "As a role:",
    ]
    role = RoleProfile.from_occupation(occ.id, index=ix)
    _write("\n".join(lines) + "\n" + format_role_text(role, Taxonomy.default()), None)


@app.command()
@_friendly
def explore(
    resume: Path = typer.Argument(..., help="The résumé."),
    esco: bool = typer.Option(False, "--esco", help="Score ESCO occupations too."),
    top: int = typer.Option(10, "--top", "-k", help="Occupations listed."),
    format: str = typer.Option("text", "--format", "-f", help="md, html, json or text."),
    output: Optional[Path] = typer.Option(None, "-o", "--output"),
) -> None:
    """The best-fitting occupations across the whole index, with gaps and career paths."""
    from .documents import read_resume
    from .explore import explore as run, render_exploration

    _write(render_exploration(run(read_resume(resume), top, esco=esco), format), output)


# --------------------------------------------------------------------------- serve (web page)
@app.command()
@_friendly
def serve(
    host: str = typer.Option(
        "127.0.0.1", "--host", help="Address to bind (default: this machine only)."
    ),
    port: int = typer.Option(8000, "--port", "-p"),
    workers: int = typer.Option(
        2, "--workers", "-j", help="Reading processes, and the batch's workers."
    ),
    cache: Optional[Path] = typer.Option(
        None, "--cache", help="Keep parsed résumés in this SQLite cache (default: none kept)."
    ),
    pdf_reader: str = typer.Option("auto", "--pdf-reader", help="pdfminer, pdfium or auto."),
    timeout: float = typer.Option(60.0, "--timeout", help="Seconds per file (0: none)."),
    max_pages: int = typer.Option(30, "--max-pages", help="Pages read per PDF."),
    max_mb: float = typer.Option(10.0, "--max-mb", help="Larger files are too_large."),
) -> None:
    """Open the local web page: upload résumés, match roles or postings, read reports."""
    import uvicorn

    from .batch import BatchOptions
    from .web import LOOPBACK_NAMES, UploadLimits, WebOptions, create_app, is_loopback

    batch = BatchOptions(
        workers=workers,
        pdf_reader=pdf_reader,
        timeout=timeout or None,
        max_bytes=int(max_mb * 1_000_000),
        max_pages=max_pages,
        cache=str(cache) if cache else None,
    )
    loopback = is_loopback(host)
    opts = WebOptions(
        batch=batch,
        uploads=UploadLimits(max_bytes=batch.max_bytes),
        workers=workers,
        allowed_hosts=tuple(sorted({*LOOPBACK_NAMES, host})) if loopback else None,
    )
    web_app = create_app(opts)
    shown = f"[{host}]" if ":" in host else host
    err.print(f"rolematch is at [bold]http://{shown}:{port}/[/bold] (Ctrl+C stops it)")
    if not loopback:
        err.print(
            f"[yellow]warning:[/yellow] bound to {host}: other machines on the "
            "network can reach this page and the résumés uploaded to it"
        )
    uvicorn.run(web_app, host=host, port=port, log_level="warning", access_log=False)


def main() -> None:
    app()


if __name__ == "__main__":  # pragma: no cover
    main()
