"""What every ``rolematch`` command shares: the consoles, plain-text messages (markup
escaped, control characters stripped), the library's warnings on stderr, errors as one
line and exit code 1, and writing a command's output."""

from __future__ import annotations

import logging
import re
import sys
from functools import wraps
from pathlib import Path
from typing import Any, Callable, Optional

import typer
from rich.console import Console
from rich.markup import escape

from .errors import RolematchError


def _console(**kw) -> Console:
    """A console that does not squeeze tables to 80 columns when piped."""
    probe = Console(**kw)
    return probe if probe.is_terminal else Console(width=160, **kw)


out = _console(highlight=False)
err = _console(stderr=True, highlight=False)

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


def _report_format(fmt: Optional[str], output: Optional[Path]) -> str:
    """The report format: ``--format``, else ``-o``'s suffix (.md, .html, .json, .txt),
    else text."""
    if fmt:
        return fmt
    suffix = output.suffix.lower().lstrip(".") if output is not None else ""
    return {
        "md": "md",
        "markdown": "md",
        "html": "html",
        "htm": "html",
        "json": "json",
        "txt": "text",
    }.get(suffix, "text")
