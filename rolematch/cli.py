"""The ``rolematch`` command: a thin shell over the library.

Each command parses options, calls one library function and renders the result;
library errors become a one-line message on stderr and exit code 1 (2 for usage).
"""

from __future__ import annotations

import json
import logging
import re
import sys
import time
from collections import Counter
from functools import wraps
from pathlib import Path
from typing import Any, Callable, List, Optional

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from .errors import RolematchError

app = typer.Typer(help="Match résumés to roles: fit scores, explained, and gap reports.",
                  no_args_is_help=True, add_completion=False,
                  pretty_exceptions_enable=False)
roles_app = typer.Typer(help="The role corpus: list, show, import postings.",
                        no_args_is_help=True)
taxonomy_app = typer.Typer(help="The skill taxonomy: show a skill, search skills.",
                           no_args_is_help=True)
cache_app = typer.Typer(help="The batch cache of parsed résumés.", no_args_is_help=True)
app.add_typer(roles_app, name="roles")
app.add_typer(cache_app, name="cache")
app.add_typer(taxonomy_app, name="taxonomy")

def _console(**kw) -> Console:
    """A console that does not squeeze tables to 80 columns when piped."""
    probe = Console(**kw)
    return probe if probe.is_terminal else Console(width=160, **kw)


out = _console(highlight=False)
err = _console(stderr=True, highlight=False)

TaxonomyOpt = Optional[List[Path]]
#: C0 and C1 control characters but newline and tab: never sent to the terminal raw.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _plain(text: object) -> str:
    """Text (a file name, an error message) for rich: its markup escaped, its control
    characters (escape sequences) shown as "?", bytes that were not UTF-8 as ``\\udcXX``."""
    text = str(text).encode("utf-8", "backslashreplace").decode("utf-8")
    return escape(_CONTROL.sub("?", text))


def _flag(*names: str, help: str) -> Any:
    """An on/off flag shown as a flag in the help (no value, no type column)."""
    return typer.Option(False, *names, help=help, metavar="")


class _ConsoleLog(logging.Handler):
    """The library's warnings, one plain line each on stderr (the library never prints)."""

    def emit(self, record: logging.LogRecord) -> None:
        err.print(f"[yellow]warning:[/yellow] {_plain(record.getMessage())}")


def _show_warnings() -> None:
    logger = logging.getLogger("rolematch")
    if not any(isinstance(h, _ConsoleLog) for h in logger.handlers):
        handler = _ConsoleLog(logging.WARNING)
        logger.addHandler(handler)


def _friendly(fn: Callable) -> Callable:
    """Turn library errors into one line on stderr and exit code 1."""
    @wraps(fn)
    def wrapper(*args, **kwargs):
        _show_warnings()
        try:
            return fn(*args, **kwargs)
        except RolematchError as e:
            err.print(f"[red]error:[/red] {_plain(e)}")
            raise typer.Exit(1) from None
    return wrapper


def _write(text: str, output: Optional[Path]) -> None:
    if output is None:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
        return
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as e:
        raise RolematchError(f"{output}: cannot write output ({e.strerror or e})") from e
    err.print(f"wrote {_plain(output)}")


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
def read(file: Path = typer.Argument(..., help="A résumé: PDF, DOCX, text or Markdown."),
         format: str = typer.Option("text", "--format", "-f", help="text or json."),
         pdf_reader: str = typer.Option("pdfminer", help="pdfminer, pdfium or auto.")) -> None:
    """Show what rolematch understood of a résumé: sections, jobs, years, education."""
    from .documents import format_resume_text, read_resume

    resume = read_resume(file, pdf_reader=pdf_reader)
    if format == "json":
        _write(json.dumps(resume.to_dict(), indent=2, ensure_ascii=False), None)
    elif format == "text":
        _write(format_resume_text(resume), None)
    else:
        raise typer.BadParameter("--format must be text or json")


@app.command()
@_friendly
def skills(file: Path = typer.Argument(..., help="A résumé or posting file."),
           taxonomy: TaxonomyOpt = typer.Option(None, "--taxonomy",
                                                help="Extra taxonomy file(s) (.jsonl).")) -> None:
    """List the skills found in a file, each with the lines that evidence it."""
    from .documents import read_resume
    from .extract import skill_evidence

    resume = read_resume(file)
    found = skill_evidence(resume, extractor=_extractor(taxonomy), taxonomy=_taxonomy(taxonomy))
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
def taxonomy_show(skill: str = typer.Argument(..., help="A skill id, name or alias."),
                  taxonomy: TaxonomyOpt = typer.Option(None, "--taxonomy")) -> None:
    """Show one skill: id, aliases, kind, category, parent, related skills."""
    try:
        info = _taxonomy(taxonomy).show(skill)
    except KeyError as e:
        raise RolematchError(f"{e.args[0]}; try `rolematch taxonomy search`") from None
    names = (lambda items: ", ".join(f"{x['name']} ({x['id']})" for x in items))
    rows = [("id", info["id"]), ("name", info["name"]), ("aliases", ", ".join(info["aliases"])),
            ("kind", info["kind"]), ("category", info["category"]),
            ("broader", names(info.get("parents", []))),
            ("narrower", names(info.get("children", []))),
            ("related", names(info.get("related_skills", []))), ("source", info["source"])]
    table = Table(show_header=False)
    for k, v in rows:
        table.add_row(k, v)
    out.print(table)


@taxonomy_app.command("search")
@_friendly
def taxonomy_search(word: str = typer.Argument(..., help="Words to look for."),
                    limit: int = typer.Option(20, "--limit", "-n"),
                    taxonomy: TaxonomyOpt = typer.Option(None, "--taxonomy")) -> None:
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
def roles_list(roles: Optional[List[Path]] = typer.Option(None, "--roles",
               help="Folder(s) or file(s) of extra roles / postings.")) -> None:
    """List the roles (shipped, plus --roles)."""
    rs = _roleset(roles, None)
    table = Table("id", "title", "seniority", "min years", "required", "preferred")
    for r in rs.values():
        table.add_row(r.id, r.title, r.seniority, f"{r.min_years:g}", str(len(r.required)),
                      str(len(r.preferred)))
    out.print(table)


@roles_app.command("show")
@_friendly
def roles_show(role_id: str = typer.Argument(..., help="A role id (see `roles list`)."),
               roles: Optional[List[Path]] = typer.Option(None, "--roles")) -> None:
    """Show a role's profile: skills with weights, years, education."""
    from .roles import format_role_text

    rs = _roleset(roles, None)
    _write(format_role_text(rs[role_id], rs.taxonomy), None)


@roles_app.command("import")
@_friendly
def roles_import(posting: Path = typer.Argument(..., help="A job posting (.txt/.md/.pdf/.docx)."),
                 id: str = typer.Option(..., "--id", help="Id of the new role."),
                 title: Optional[str] = typer.Option(None, help="Title (default: first line)."),
                 output: Optional[Path] = typer.Option(None, "-o", "--output",
                                                       help="Role file to write (default ID.toml).")
                 ) -> None:
    """Profile a job posting and write it as a role file you can edit and keep."""
    from dataclasses import replace

    from .roles import _ID_RE, RoleProfile, _slug

    if not _ID_RE.match(id):
        raise RolematchError(f"{id!r} is not a role id (lowercase letters, digits and '-'); "
                             f"try --id {_slug(id)}")
    role = RoleProfile.from_file(posting)
    role = replace(role, id=id, title=title or role.title)
    _write(role.to_toml(), output or Path(f"{id}.toml"))


# --------------------------------------------------------------------------- build
@app.command()
@_friendly
def build(out_dir: Optional[Path] = typer.Option(
              None, "--out", help="Models folder to write (default: the one rolematch loads)."),
          corpora: Optional[Path] = typer.Option(
              None, "--corpora", help="Corpora folder to build from (default: the one "
              "rolematch loads; pass a checkout's corpora/ on a regular install)."),
          background: Optional[Path] = typer.Option(
              None, "--background", help="O*NET text release folder: first regenerate "
              "corpora/background/onet_df.json from it.")) -> None:
    """Fit the TF-IDF model and compile the skill matcher into models/."""
    from contextlib import nullcontext

    from ._resources import corpora_dir, models_dir, packaged, use_data_dir
    from .build import build_background, build_models

    if corpora is None and packaged("corpora"):
        err.print(f"[yellow]warning:[/yellow] building from the installed package's corpora "
                  f"({_plain(corpora_dir())}), not a checkout's; edits to a checkout's "
                  "corpora/ are not seen. Use --corpora ./corpora --out ./models for that.")
    if out_dir is None and packaged("models"):
        err.print(f"[yellow]warning:[/yellow] writing into the installed package "
                  f"({_plain(models_dir())})")
    with use_data_dir("corpora", corpora) if corpora is not None else nullcontext():
        if background is not None:
            err.print(f"wrote {_plain(build_background(background))}")
        err.print(f"wrote {_plain(build_models(out_dir))}")


# --------------------------------------------------------------------------- match / fit
def _resolve_role(role: str, rs):
    """A role id from the set, or a posting file profiled on the fly."""
    from .roles import RoleProfile

    if role in rs:
        return rs, rs[role]
    p = Path(role)
    if p.is_file():
        r = RoleProfile.from_file(p, taxonomy=rs.taxonomy)
        return rs.with_role(r), r
    raise RolematchError(f"{role!r} is neither a known role id nor a posting file; "
                         "see `rolematch roles list`")


def _report_format(fmt: Optional[str], output: Optional[Path]) -> str:
    """The report format: ``--format``, else ``-o``'s suffix (.md, .html, .json, .txt),
    else text."""
    if fmt:
        return fmt
    suffix = output.suffix.lower().lstrip(".") if output is not None else ""
    return {"md": "md", "markdown": "md", "html": "html", "htm": "html", "json": "json",
            "txt": "text"}.get(suffix, "text")


ReportFormat = typer.Option(None, "--format", "-f",
                            help="md, html, json or text (default: from -o's suffix, else text).")
RolesOpt = typer.Option(None, "--roles", help="Role files/postings (files or folders) added "
                        "to the shipped roles.")


@app.command()
@_friendly
def match(resume: Path = typer.Argument(..., help="The résumé."),
          role: str = typer.Option(..., "--role", "-r", help="Role id or a posting file."),
          roles: Optional[List[Path]] = RolesOpt,
          format: Optional[str] = ReportFormat,
          output: Optional[Path] = typer.Option(None, "-o", "--output", help="File to write."),
          redact: bool = _flag("--redact", help="Strip e-mail, phone, URLs and the name line "
                               "from quoted lines.")) -> None:
    """Fit and gap report of one résumé against one role."""
    from .documents import read_resume
    from .report import render
    from .score import Matcher

    fmt = _report_format(format, output)
    rs, target = _resolve_role(role, _roleset(roles, None))
    matcher = Matcher().fit(rs)
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
def fit(resume: Path = typer.Argument(..., help="The résumé."),
        roles: Optional[List[Path]] = typer.Option(
            None, "--roles", help="Role files/postings to rank instead of the shipped roles."),
        format: Optional[str] = ReportFormat,
        output: Optional[Path] = typer.Option(None, "-o", "--output", help="File to write.")
        ) -> None:
    """Rank every role for one person."""
    from .documents import read_resume
    from .report import render_ranking
    from .score import Matcher

    fmt = _report_format(format, output)
    rs = _roleset(roles, None, defaults=not roles)  # --roles replaces the shipped corpus
    fits = Matcher().fit(rs).rank(read_resume(resume))
    _write(render_ranking(fits, fmt), output)


# --------------------------------------------------------------------------- batch
@app.command()
@_friendly
def score(paths: List[Path] = typer.Argument(..., help="Résumé files or folders."),
          role: Optional[List[str]] = typer.Option(None, "--role", "-r",
                                                   help="Role id (repeatable)."),
          roles: Optional[List[Path]] = typer.Option(None, "--roles",
                                                     help="Folder of role files/postings."),
          format: str = typer.Option("", "--format", "-f", help="csv, jsonl or json "
                                     "(default: from -o's suffix, else jsonl)."),
          output: Optional[Path] = typer.Option(None, "-o", "--output", help="File to write."),
          workers: Optional[int] = typer.Option(None, "--workers", "-j",
                                                help="Worker processes (default: all cores; "
                                                     "0: in this process)."),
          top: int = typer.Option(3, "--top", "-k", help="Fits listed per résumé."),
          cache: Optional[Path] = typer.Option(None, "--cache",
                                               help="Cache of parsed résumés (SQLite; default "
                                                    "~/.cache/rolematch/cache.sqlite)."),
          no_cache: bool = _flag("--no-cache", help="Read every file again."),
          resume: bool = _flag("--resume", help="Continue an interrupted run: keep what -o "
                               "holds, score the rest (jsonl or csv)."),
          pdf_reader: str = typer.Option("auto", "--pdf-reader",
                                         help="pdfminer, pdfium or auto (pdfium, pdfminer "
                                              "when pdfium fails)."),
          timeout: float = typer.Option(60.0, "--timeout", help="Seconds per file (0: none)."),
          max_pages: int = typer.Option(30, "--max-pages", help="Pages read per PDF."),
          max_mb: float = typer.Option(10.0, "--max-mb", help="Larger files are too_large."),
          backend: str = typer.Option("loky", "--backend",
                                      help="loky (local processes) or dask."),
          scheduler: Optional[str] = typer.Option(None, "--scheduler",
                                                  help="Dask scheduler address (tcp://host:8786)."),
          quiet: bool = _flag("--quiet", "-q", help="No progress bar and no summary.")) -> None:
    """Score résumés (files or whole folders) against roles; one row per file."""
    from .batch import DEFAULT_CACHE, BatchOptions, discover, load_roles, output_format, read_done

    options = BatchOptions(top=top, workers=workers, pdf_reader=pdf_reader,
                           timeout=timeout or None, max_bytes=int(max_mb * 1_000_000),
                           max_pages=max_pages, backend=backend, scheduler=scheduler,
                           cache=None if no_cache else (cache or DEFAULT_CACHE))
    fmt = output_format(format, output)
    if resume and output is None:
        raise RolematchError("--resume needs -o FILE: the output of the interrupted run")
    rs = load_roles(roles or (), role or (), cache=options.cache)
    found = discover(paths)
    for folder, why in found.skipped:
        err.print(f"[yellow]warning:[/yellow] {_plain(folder)}: skipped: {why}")
    if not found.files:
        raise RolematchError("no résumé files (.pdf, .docx, .txt, .md) found in "
                             + ", ".join(map(str, paths)))
    done = read_done(output, fmt, len(rs)) if resume and output is not None else set()
    started = time.perf_counter()
    reasons, skipped = _score_into(found.files, rs, options, fmt, output, done,
                                   resume=resume, quiet=quiet)
    if not quiet:
        _summary(reasons, len(rs), time.perf_counter() - started, output,
                 skipped=skipped, hidden=found.hidden)
    if found.missing:
        raise RolematchError("no such file or folder: " + ", ".join(map(str, found.missing))
                             + " (each has a not_found row)")


def _score_into(files, rs, options, fmt: str, output: Optional[Path], done: set[str], *,
                resume: bool, quiet: bool) -> tuple[Counter[str], int]:
    """Score ``files`` into ``output`` (stdout when None; appended to when resuming)
    with a progress bar on stderr; returns the count of rows by reason ("ok" for
    scored files) and how many files were already done."""
    from rich.progress import (BarColumn, MofNCompleteColumn, Progress, TextColumn,
                               TimeElapsedColumn, TimeRemainingColumn)

    from .batch import ResultWriter, safe_name, score_folder

    appending = resume and output is not None and output.exists() and \
        output.stat().st_size > 0
    try:
        fh = output.open("a" if appending else "w", encoding="utf-8", newline="") \
            if output else sys.stdout
    except OSError as e:
        raise RolematchError(f"{output}: cannot write output ({e.strerror or e})") from e
    reasons: Counter[str] = Counter()
    skipped = sum(1 for f in files if safe_name(str(f)) in done)
    writer = ResultWriter(fh, fmt, header=not appending)
    show = not quiet and err.is_terminal
    started = time.perf_counter()
    results = score_folder(files, rs, options, skip=done)
    try:
        with Progress(TextColumn("scoring"), BarColumn(), MofNCompleteColumn(),
                      TextColumn("{task.fields[rate]:.1f} files/s"), TimeElapsedColumn(),
                      TimeRemainingColumn(), console=err, disable=not show) as bar:
            task = bar.add_task("score", total=len(files), completed=skipped, rate=0.0)
            for n, r in enumerate(results, 1):
                writer.write(r)
                reasons[r.reason or "ok"] += 1
                bar.update(task, completed=skipped + n,
                           rate=n / max(time.perf_counter() - started, 1e-9))
    finally:
        results.close()
        writer.close()
        if output:
            fh.close()
    return reasons, skipped


def _summary(reasons: Counter[str], n_roles: int, elapsed: float, output: Optional[Path], *,
             skipped: int, hidden: int) -> None:
    n = sum(reasons.values())
    failed = ", ".join(f"{k}: {v}" for k, v in sorted(reasons.items()) if k != "ok")
    err.print(f"scored {reasons['ok']} of {n} files against {n_roles} roles"
              f" in {elapsed:.1f} s ({n / max(elapsed, 1e-9):.1f} résumés/s)"
              + (f"; failed: {failed}" if failed else "")
              + (f"; {skipped} already in {_plain(output)}" if skipped else "")
              + (f"; skipped {hidden} hidden" if hidden else "")
              + (f"; wrote {_plain(output)}" if output else ""))


@cache_app.command("clear")
@_friendly
def cache_clear(cache: Optional[Path] = typer.Option(None, "--cache",
                help="Cache file (default: the user cache folder).")) -> None:
    """Delete the cache of parsed résumés that `rolematch score` keeps."""
    from ._cache import clear_cache, default_cache_path

    removed = clear_cache(cache)
    err.print(f"cleared {_plain(cache or default_cache_path())} ({removed} entries)")


def main() -> None:
    app()


if __name__ == "__main__":  # pragma: no cover
    main()
