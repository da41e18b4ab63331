"""Text clean-up shared by every reader: decoding, glyph junk, ligatures, hyphens,
running headers/footers.  Pure functions on strings and line lists."""

from __future__ import annotations

import codecs
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

BULLET = "•"

# Characters used as list bullets by word processors and PDF fonts; all become "•".
_BULLET_CHARS = "●▪■◆◦○◾◼►▸‣⁃∙·➢➤✓✔❖□❏❐❑➔◘✦✧❯" + "\uf0b7\uf0a7\uf076\uf0d8\uf0fc\uf06c\uf02d\uf0a8"
_BULLET_TABLE: dict[int, str | None] = {ord(c): BULLET for c in _BULLET_CHARS}
# Zero-width characters and soft hyphens carry no text.
for _c in "\u200b\u200c\u200d\u2060\ufeff\u00ad":
    _BULLET_TABLE[ord(_c)] = None

# Compatibility decompositions we do NOT apply: they would change meaning
# ("m²" → "m2", "½" → "1⁄2") rather than just undo typography.
_KEEP_DECOMPOSITIONS = ("<super>", "<sub>", "<fraction>", "<circle>", "<square>")

# "(cid:108)" at the start of a line or standing alone between spaces is a bullet glyph
# from a font without a Unicode map (ZapfDingbats, Symbol, Wingdings); elsewhere it is
# junk and goes.
_CID_LEAD = re.compile(r"^[ \t]{0,40}(?:\(cid:\d{1,6}\)[ \t]{0,4}){1,8}")
_CID_ALONE = re.compile(r"(?<= )\(cid:\d{1,6}\)(?= )")
_CID_ANY = re.compile(r"\(cid:\d{1,6}\)")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u3000]+")
_DIGITS = re.compile(r"\d+")


@lru_cache(maxsize=4096)
def _char_map(ch: str) -> str:
    decomposition = unicodedata.decomposition(ch)
    if decomposition.startswith("<") and not decomposition.startswith(_KEEP_DECOMPOSITIONS):
        return unicodedata.normalize("NFKC", ch)
    return ch


# UTF-8 read as cp1252 somewhere upstream (common in HTML-rendered résumés).
_MOJIBAKE = {
    "â€™": "’",
    "â€˜": "‘",
    "â€œ": "“",
    "â€\x9d": "”",
    "â€“": "–",
    "â€”": "—",
    "â€¢": "•",
    "â€¦": "…",
    "Ã©": "é",
    "Ã¨": "è",
    "Ã±": "ñ",
    "Ã¶": "ö",
    "Ã¼": "ü",
    "â€‹": "",  # a zero-width space
    "ï¼\x8d": "–",
    "ï¼": "–",
}  # a full-width hyphen (LiveCareer's date ranges)
_MOJIBAKE_RE = re.compile(
    "|".join(map(re.escape, sorted(_MOJIBAKE, key=len, reverse=True))) + r"|Â(?=[\s\u00a0]|$)"
)


def normalize_chars(text: str) -> str:
    """Bullets to "•", ligatures and other typographic compatibility forms undone
    (NFKC, except superscripts, subscripts and fractions), common UTF-8-as-cp1252
    mojibake repaired ("â€™" → "’", a stray "Â" before a space dropped), then NFC."""
    text = text.translate(_BULLET_TABLE)
    if text.isascii():
        return text
    if "â" in text or "Ã" in text or "Â" in text or "ï" in text:
        text = _MOJIBAKE_RE.sub(lambda m: _MOJIBAKE.get(m.group(), ""), text)
    table = {}
    for ch in set(text):
        if ord(ch) > 127:
            mapped = _char_map(ch)
            if mapped != ch:
                table[ord(ch)] = mapped
    if table:
        text = text.translate(table)
    return unicodedata.normalize("NFC", text)


def clean_cid(line: str) -> tuple[str, int]:
    """Replace glyph codes pdfminer could not map: bullets become "•", the rest goes.
    Returns the line and how many codes were seen."""
    if "(cid:" not in line:
        return line, 0
    count = len(_CID_ANY.findall(line))
    line = _CID_LEAD.sub(BULLET + " ", line, count=1)
    line = _CID_ALONE.sub(BULLET, line)
    line = _CID_ANY.sub("", line)
    return line, count


def tidy_line(line: str) -> str:
    """Collapse runs of spaces and tabs, strip the ends."""
    return _SPACES.sub(" ", line).strip()


_HYPHEN_END = re.compile(r"(?<![\s\-])([A-Za-zÀ-ÿ]{1,40})-$")
_LOWER_START = re.compile(r"^([a-zà-ÿ][\w'’]{0,40})(.*)$", re.S)


def join_hyphenated(lines: list[str]) -> list[str]:
    """Rejoin a word split across a line end: "manage-" + "ment of…" → "management" +
    "of…".  A hyphen is kept when the fragment already holds one ("go-to-" + "market")
    or when the next line does not start with a lower-case letter."""
    out = list(lines)
    for i in range(len(out) - 1):
        cur = out[i]
        if not cur.endswith("-") or len(cur) < 3:
            continue
        m = _HYPHEN_END.search(cur)
        if m is None:
            continue
        nxt = out[i + 1].lstrip()
        n = _LOWER_START.match(nxt)
        if n is None:
            continue
        head = cur[: m.start(1)]
        token_start = max(head.rfind(" "), head.rfind("\t")) + 1
        whole_token = cur[token_start:-1]
        keep_hyphen = "-" in whole_token
        joined = cur[:-1] + ("-" if keep_hyphen else "") + n.group(1)
        out[i] = joined
        out[i + 1] = n.group(2).lstrip()
    return out


def _line_key(line: str) -> str:
    return _DIGITS.sub("#", line.strip().lower())


@dataclass(frozen=True)
class PageLine:
    """One line of a page with its vertical position as a share of the page height
    (0 = top, 1 = bottom)."""

    text: str
    top: float
    bottom: float


def drop_running_lines(
    pages: Sequence[Sequence[PageLine]],
    band: float = 0.12,
) -> list[list[PageLine]]:
    """Drop lines that repeat (modulo digits) in the top or bottom band of every page
    of a multi-page document: running headers, footers, page numbers."""
    if len(pages) < 2:
        return [list(p) for p in pages]

    def keys(page: Sequence[PageLine]) -> set[str]:
        return {
            _line_key(pl.text)
            for pl in page
            if pl.text.strip() and (pl.bottom <= band or pl.top >= 1 - band)
        }

    page_keys = [keys(p) for p in pages]
    common = set.intersection(*page_keys)
    if len(pages) >= 3:  # a first page often has no running header
        common |= set.intersection(*page_keys[1:])
    # a bare page number differs on every page: "#" and "page #" are keys already
    if not common:
        return [list(p) for p in pages]
    return [
        [
            pl
            for pl in p
            if not ((pl.bottom <= band or pl.top >= 1 - band) and _line_key(pl.text) in common)
        ]
        for p in pages
    ]


def finish_lines(raw: Sequence[str]) -> tuple[list[str], int]:
    """Raw text lines → clean lines: glyph codes, characters, spacing, hyphenation,
    no empty lines.  Returns the lines and the number of glyph codes seen."""
    cids = 0
    lines: list[str] = []
    for line in raw:
        line, n = clean_cid(line)
        cids += n
        line = tidy_line(normalize_chars(line))
        if line:
            lines.append(line)
    return [ln for ln in join_hyphenated(lines) if ln], cids


# --- decoding -------------------------------------------------------------------

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def _utf16_guess(data: bytes) -> str | None:
    """UTF-16 without a BOM, as Windows tools write it: in text that is mostly ASCII,
    every other byte is NUL ("utf-16-le" when the odd bytes are, "utf-16-be" when the
    even ones are).  Text mostly outside Latin-1 is not recognised this way."""
    sample = data[:4096]
    if len(sample) < 8:
        return None
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    half = len(sample) // 2
    if odd >= 0.4 * half and even <= 0.05 * half:
        return "utf-16-le"
    if even >= 0.4 * half and odd <= 0.05 * half:
        return "utf-16-be"
    return None


def decode_text(data: bytes) -> tuple[str, str]:
    """Decode résumé text: BOM (UTF-8/16/32), else UTF-16 recognised by its NUL bytes,
    else strict UTF-8, else cp1252, else Latin-1.  Returns (text, encoding).  Raises
    UnicodeDecodeError only for a BOM whose body does not decode."""
    for bom, enc in _BOMS:
        if data.startswith(bom):
            return data.decode(enc), enc
    guess = _utf16_guess(data)
    if guess is not None:
        try:
            return data.decode(guess), guess
        except UnicodeDecodeError:
            pass  # odd length or a lone surrogate: not UTF-16 after all
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "latin-1"


_MD_HEADING = re.compile(r"^[ \t]{0,3}#{1,6}[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$")
_MD_RULE = re.compile(r"^[ \t]{0,3}(?:(?:[-*_=][ \t]{0,2}){3,})$")
_MD_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_MD_EM = re.compile(
    r"(?<![\w*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![\w*])|(?<![\w_])_(?=\S)([^_\n]+?)(?<=\S)_(?![\w_])"
)
_MD_LINK = re.compile(r"\[([^\]\n]{1,200})\]\(([^)\s]{1,300})\)")
_MD_CODE = re.compile(r"`([^`\n]{1,200})`")


def strip_markdown(lines: Sequence[str]) -> list[str]:
    """Markdown syntax out of text lines: heading marks, rules and setext underlines,
    emphasis, links (kept as "text url") and code ticks; bullets stay."""
    out = []
    for line in lines:
        if _MD_RULE.match(line):
            out.append("")
            continue
        m = _MD_HEADING.match(line)
        if m:
            # "## About" is a heading by its markup: keep that as a colon, which the
            # section finder reads as a heading mark (level 1 is usually the name)
            level = len(line.lstrip()) - len(line.lstrip().lstrip("#"))
            line = m.group(1)
            if level > 1 and line and line[-1].isalnum():
                line += ":"
        line = _MD_LINK.sub(lambda mm: f"{mm.group(1)} {mm.group(2)}", line)
        line = _MD_STRONG.sub(r"\2", line)
        line = _MD_EM.sub(lambda mm: mm.group(1) or mm.group(2), line)
        line = _MD_CODE.sub(r"\1", line)
        out.append(line)
    return out


def looks_binary(text: str) -> bool:
    """True when decoded text is mostly control characters (a binary file)."""
    sample = text[:4096]
    if not sample:
        return False
    bad = sum(1 for c in sample if (ord(c) < 32 and c not in "\t\n\r\f") or 0x7F <= ord(c) < 0xA0)
    return bad / len(sample) > 0.05


# --- does the text make sense? --------------------------------------------------------

_EDGE = "\"'“”‘’`([{<)]}>.,;:!?*•·-–—_|"
_NUMBERISH = re.compile(r"^[#$€£+(]{0,2}\d[\d.,:/%'’()+×x–-]{0,30}[a-z]{0,3}$", re.I)
_WORDISH = re.compile(r"^[^\W\d_][^\W_]{0,39}(?:['’./&+#-][^\W_]{1,40}){0,6}[+#]{0,2}$")
_LINKISH = re.compile(
    r"^[\w.+-]{1,64}@[\w.-]{1,200}$|^[\w-]{1,63}(?:\.[\w-]{1,63}){1,8}(?:/\S{0,200})?$"
)
_VOWELS = frozenset("aeiouyàáâãäåæèéêëìíîïòóôõöøùúûüýÿœ")
_CONSONANT_RUN = re.compile(r"[b-df-hj-np-tv-xz]{6,}", re.I)
_BAD_CATEGORIES = frozenset(("Co", "Cn", "Cs", "Cc"))
#: Below this share of word-like tokens a text is garbled (glyph soup from a font
#: without a usable Unicode map).  Real résumés score 0.9 and more; see docs/reading.md.
GARBLED_BELOW = 0.5
#: Fewer judged tokens than this: too little text to call it garbled.
_MIN_TOKENS = 25
_SAMPLE_CHARS = 20_000


def _word_like(tok: str) -> bool:
    if not _WORDISH.match(tok):
        return False
    letters = [c for c in tok if c.isalpha()]
    if not all(c.isascii() or "LATIN" in unicodedata.name(c, "") for c in letters):
        return True  # another script: no vowel rule to apply
    low = tok.lower()
    if len(letters) >= 5 and tok.isalpha() and not any(c in _VOWELS for c in low):
        return len(letters) <= 6 and tok.isupper()  # "sql", "HTML", "CSS"; not "xkcdq"
    if _CONSONANT_RUN.search(low) and not tok.isupper():
        return False
    changes = sum(1 for a, b in zip(tok, tok[1:]) if a.islower() and b.isupper())
    return changes <= 2  # "iPhone", "JavaScript", "McDonald"; not "aZkQwE"


def text_quality(lines: Sequence[str]) -> float | None:
    """Share of tokens that look like words, numbers, e-mail addresses or links in
    the first 20,000 characters; None when there are too few tokens to judge.
    Replacement, private-use, unassigned and control characters count against it."""
    sample = "\n".join(lines)[:_SAMPLE_CHARS]
    bad_chars = sum(
        1
        for c in sample
        if c != "\n" and c != "\t" and (c == "\ufffd" or unicodedata.category(c) in _BAD_CATEGORIES)
    )
    good = bad = 0
    for raw in sample.split():
        tok = raw.strip(_EDGE)
        if len(tok) < 2:
            continue
        if _NUMBERISH.match(tok) or _word_like(tok) or _LINKISH.match(tok):
            good += 1
        else:
            bad += 1
    if good + bad < _MIN_TOKENS and bad_chars < _MIN_TOKENS:
        return None
    return good / (good + bad + bad_chars)


def is_garbled(lines: Sequence[str]) -> bool:
    """True when :func:`text_quality` judges the text and finds it below
    :data:`GARBLED_BELOW`."""
    q = text_quality(lines)
    return q is not None and q < GARBLED_BELOW
