"""Private: the one tokenizer behind skill matching (taxonomy terms and texts alike).

One compiled regular expression splits a text into word and punctuation tokens with
exact character offsets; a run of whitespace that holds a line break becomes one
``"\\n"`` token (phrases never match across lines), other whitespace is dropped, so
"Microsoft  Excel" (two spaces) still matches "Microsoft Excel". The rules, checked
against spaCy's English tokenizer on the taxonomy and on real résumés:

* ``/``, ``|``, brackets, quotes, bullets, ``,;:!?%$`` are tokens of their own:
  ``A/B`` → ``A / B``, ``(Word`` → ``( Word``;
* a hyphen splits before a letter and between digits (``go-to-market``, ``C-level``,
  ``Objective-C``, ``2007-2008``) but not before a digit after a letter (``ICD-10``);
* a dot stays inside a word (``Node.js``, ``ASP.NET``, ``3.5``) except between a
  lowercase and an uppercase letter, where PDF text lost a space (``goals.Worked``);
  a leading dot stays on a word (``.NET``); a final dot splits off, except in
  dotted abbreviations (``e.g.``, ``U.S.``) and after a single capital (the
  initial in "John C. Smith" is not the language C);
* ``&`` and ``'`` between letters stay (``R&D``, ``AT&T``, ``O'Connor``), but
  ``'s`` is its own token (``Excel's``); ``+``, ``++`` and ``#`` end a word
  (``C++``, ``C#``, ``A+``); digit groups stay whole (``10,000``);
* URLs and e-mail addresses are single tokens (no skills inside ``github.com/python``).

No alternative may backtrack over more than a bounded stretch: the e-mail pattern's
parts are bounded as in RFC 5321 (local part 64, labels 63), else a megabyte of
``12-2015-12-…`` costs a scan to the end of the run at every start (quadratic); the
spaces before a line break likewise (a line-break token starts at most 64 spaces
before its break).
"""

from __future__ import annotations

import re

__all__ = ["NEWLINE", "TOKEN_RE", "tokenize", "words"]

#: The text of a line-break token.
NEWLINE = "\n"

_W = r"[^\W_]"  # a letter or digit
_L = r"[^\W\d_]"  # a letter
_PART = rf"""(?:
      (?:(?<![a-z])\.|\.(?![A-Z]))(?={_W}){_W}+    # Node.js, ASP.NET, 3.5 (not goals.Worked)
    | (?<=[^\W\d_])-(?=\d){_W}+                    # ICD-10, W-2
    | (?<=\d),(?=\d){_W}+                          # 10,000
    | [&'’](?![sS](?!{_W}))(?={_W}){_W}+             # R&D, AT&T, O'Connor (not Excel's)
)"""

TOKEN_RE = re.compile(
    rf"""
      (?P<nl>[^\S\n]{{0,64}}\n\s*)                               # line break(s)
    | (?:https?://|www\.)[^\s<>"]*[^\s<>".,;:!?)\]'’”]          # URL
    | {_W}[\w.+-]{{0,63}}@{_W}[\w-]{{0,62}}(?:\.[\w-]{{1,63}}){{1,8}}  # e-mail
    | (?:{_L}\.){{2,}}(?!{_W})                                  # e.g. U.S.
    | [A-Z]\.(?!\S)                                            # initials: John C. Smith
    | (?<![^\s(\[{{/,;:"'“‘|•])\.{_L}{_W}*{_PART}*              # .NET
    | {_W}+{_PART}*(?:\+\+|\+|\#)?(?![\w+#])                    # words, C++, C#
    | {_W}+{_PART}*                                             # (word before + or #)
    | ['’][sS](?!{_W})                                          # 's
    | \.{{2,}}                                                  # ellipsis
    | \S                                                        # anything else
""",
    re.VERBOSE,
)


def tokenize(text: str) -> tuple[list[str], list[int]]:
    """Tokens of ``text`` and their start offsets; a line-break token is ``"\\n"``.

    A word token ``i`` spans ``text[starts[i]:starts[i] + len(words[i])]`` exactly.
    """
    words: list[str] = []
    starts: list[int] = []
    for m in TOKEN_RE.finditer(text):
        if m.lastgroup == "nl":
            words.append(NEWLINE)
        else:
            words.append(m.group())
        starts.append(m.start())
    return words, starts


def words(text: str) -> list[str]:
    """The word tokens of a short text such as a taxonomy term (no line breaks)."""
    return [m.group() for m in TOKEN_RE.finditer(text) if m.lastgroup != "nl"]
