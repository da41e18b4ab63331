"""The fit report's HTML made to live under the page's Content-Security-Policy.

``rolematch.report.render(fit, "html")`` is a self-contained document: its CSS is an
inline ``<style>`` block and a few elements carry ``style="…"`` attributes (bar
widths, the gauge's colour).  A policy of ``style-src 'self'`` blocks both, so the
page version moves them into a stylesheet the server serves: the block's CSS as is,
and each distinct attribute value as a class (``rm-s0``…) with ``!important``, the
weight an inline style has.  Nothing else in the document changes.  The downloaded
HTML report is the untouched ``render`` output.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["PageReport", "split_styles"]

_STYLE_BLOCK = re.compile(r"<style[^>]*>(.*?)</style>\s*", re.DOTALL | re.IGNORECASE)
# jinja's autoescape turns every quote and angle bracket inside values into entities,
# so a tag runs to the first ">" and an attribute value to its closing quote
_TAG = re.compile(r"<[A-Za-z][^<>]*>")
_STYLE_ATTR = re.compile(r'\sstyle="([^"]*)"')
_CLASS_ATTR = re.compile(r'\sclass="([^"]*)"')


@dataclass(frozen=True)
class PageReport:
    head: str  # what <head> keeps (meta, title), without the style block
    body: str  # the document's body content
    css: str  # the stylesheet that replaces the inline styles


def _important(decls: str) -> str:
    parts = [d.strip() for d in decls.split(";") if d.strip()]
    return "; ".join(d if d.endswith("!important") else f"{d} !important" for d in parts)


def split_styles(html: str) -> PageReport:
    """``html`` (a rendered report) without inline styles, and the CSS they held."""
    css = [m.group(1).strip() for m in _STYLE_BLOCK.finditer(html)]
    html = _STYLE_BLOCK.sub("", html)
    classes: dict[str, str] = {}

    def tag(m: re.Match) -> str:
        text = m.group(0)
        style = _STYLE_ATTR.search(text)
        if style is None:
            return text
        name = classes.setdefault(style.group(1), f"rm-s{len(classes)}")
        text = _STYLE_ATTR.sub("", text, count=1)
        if _CLASS_ATTR.search(text):
            return _CLASS_ATTR.sub(lambda c: f' class="{c.group(1)} {name}"', text, count=1)
        return (
            text[:-1].rstrip("/").rstrip()
            + f' class="{name}"'
            + ("/>" if text.endswith("/>") else ">")
        )

    html = _TAG.sub(tag, html)
    css += [f".{name} {{ {_important(decls)} }}" for decls, name in classes.items()]
    head = re.search(r"<head[^>]*>(.*?)</head>", html, re.DOTALL | re.IGNORECASE)
    body = re.search(r"<body[^>]*>(.*?)</body>", html, re.DOTALL | re.IGNORECASE)
    return PageReport(
        head.group(1).strip() if head else "",
        body.group(1).strip() if body else html,
        "\n".join(css) + "\n",
    )
