"""Contact details inside résumé text, wherever they are written.

Reports replace them with placeholders (:func:`scrub_contact`, and with ``--redact``
:func:`redact_line`); the cache and scoring overwrite them in place
(:func:`mask_contact`), so character positions hold and a cached résumé scores exactly
like a freshly read one while storing no e-mail address, phone number or street address.
"""

from __future__ import annotations

import re

__all__ = [
    "scrub_contact",
    "redact_line",
    "mask_contact",
    "find_phones",
    "find_urls",
    "EMAIL",
    "STREET_ADDRESS",
]

# parts bounded (RFC 5321 lengths): unbounded runs backtrack quadratically on long lines
EMAIL = re.compile(r"[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){1,8}", re.UNICODE)

#: A street address: house number, up to four capitalised words, a street type
#: ("415 Mission Street", "12B Baker St., Apt 4"); every repeat bounded.
STREET_ADDRESS = re.compile(
    r"\b\d{1,5}[A-Za-z]?(?:[ \t]{1,3}[A-Z][\w'.-]{0,30}){1,4}[ \t]{1,3}"
    r"(?:Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Lane|Ln|Drive|Dr|Court|Ct|Way|Place|Pl|"
    r"Terrace|Parkway|Pkwy|Circle|Square|Sq|Highway|Hwy|Row|Close|Crescent)\b\.?"
    r"(?:,?[ \t]{1,3}(?:Apt|Apartment|Suite|Ste|Unit|Floor|Fl|#)\.?[ \t]{0,3}[\w-]{1,8})?"
)

_URL = re.compile(
    r"(?:\b(?:https?|ftp)://|\bwww\.)[^\s<>\"')\]]+"
    r"|\b[\w-]{1,63}(?:\.[\w-]{1,63}){0,8}\.[a-z]{2,12}/[^\s<>\"')\]]*",
    re.IGNORECASE,
)
_PHONE = re.compile(
    r"(?<![\w+])(?:\+\d{1,3}[\s.-]?)?(?:\(\d{1,4}\)[\s.-]?)?"
    r"\d{2,6}(?:[\s.-]\d{2,6}){0,4}(?![\w])"
)
# what the reader records as the résumé's links and phone numbers (stricter than the
# patterns that mask and redact: only these sites' paths or an explicit scheme/www)
_CONTACT_URL = re.compile(
    r"(?:https?://|www\.)[^\s<>()\[\]|,]{2,200}|"
    r"\b(?:linkedin\.com|github\.com|gitlab\.com|bitbucket\.org|behance\.net|"
    r"dribbble\.com|medium\.com)/[^\s<>()\[\]|,]{1,200}",
    re.I,
)
_CONTACT_PHONE = re.compile(
    r"(?<![\w/.-])(?:\+[ \t]{0,1}\d{1,3}[ \t.-]{0,2})?(?:\(\d{1,4}\)[ \t.-]{0,2})?"
    r"\d{2,4}(?:[ \t.-]{1,2}\d{2,4}){1,4}(?![\w/-])"
)
_YEAR_RANGE = re.compile(r"^(?:19|20)\d\d[\s.-]+(?:19|20)\d\d$")


def _phone(m: re.Match[str]) -> str:
    s = m.group(0)
    digits = sum(ch.isdigit() for ch in s)
    groups = len(re.findall(r"\d+", s))
    marked = s.startswith("+") or "(" in s
    if not 7 <= digits <= 15 or _YEAR_RANGE.match(s):
        return s
    if marked or groups >= 3 or (groups >= 2 and digits >= 10) or (groups == 1 and digits >= 10):
        return "[phone]"
    return s


def find_urls(line: str) -> list[str]:
    """Links written on a contact line: an explicit scheme or www., or a profile path
    on a known site (linkedin.com/in/…); trailing "." and ";" dropped."""
    if "." not in line:
        return []
    return [u.rstrip(".;") for u in _CONTACT_URL.findall(line) if "@" not in u]


def find_phones(line: str) -> list[str]:
    """Phone numbers on a line: groups of digits (9 to 15 digits in all) with an
    optional +country code and (area code)."""
    out = []
    for m in _CONTACT_PHONE.finditer(line):
        digits = sum(c.isdigit() for c in m.group())
        if 9 <= digits <= 15:
            out.append(m.group().strip())
    return out


def scrub_contact(text: str) -> str:
    """``text`` with e-mail addresses, phone numbers and street addresses replaced by
    placeholders; every quoted résumé line goes through this, redacted or not."""
    text = EMAIL.sub("[email]", text)
    text = STREET_ADDRESS.sub("[address]", text)
    return _PHONE.sub(_phone, text)


def redact_line(text: str) -> str:
    """``text`` with e-mail addresses, links, phone numbers and street addresses
    replaced by placeholders.

    >>> redact_line("jane.doe@mail.com · +1 (555) 123-4567 · linkedin.com/in/jane")
    '[email] · [phone] · [link]'

    Year ranges (``2019-2023``), amounts and percentages are left alone; a bare domain
    counts as a link only with a path (``Salesforce.com`` stays, ``github.com/jane`` goes).
    """
    text = EMAIL.sub("[email]", text)
    text = _URL.sub("[link]", text)
    text = STREET_ADDRESS.sub("[address]", text)
    return _PHONE.sub(_phone, text)


_NO_DIGITS = str.maketrans("", "", "0123456789")
MASK = "\u2022"  # "•": not a word character, so a masked span is never a token


def mask_contact(text: str) -> str:
    """``text`` with every e-mail address, link, phone number and street address
    overwritten by "•" of the same length (year ranges, amounts and ordinary numbers
    stay).

    >>> mask_contact("Call 555-123-4567 or mail jo@x.org")
    'Call •••••••••••• or mail ••••••••'
    """
    if "/" in text or "www." in text:
        text = _URL.sub(lambda m: MASK * len(m.group(0)), text)
    digits = (
        len(text) - len(text.translate(_NO_DIGITS))
        if text.isascii()
        else sum(ch.isdigit() for ch in text)
    )
    if not digits and "@" not in text:  # the other patterns need an "@" or a digit
        return text

    def cover(m: re.Match[str]) -> str:
        return MASK * len(m.group(0))

    def cover_phone(m: re.Match[str]) -> str:
        return cover(m) if _phone(m) != m.group(0) else m.group(0)

    if "@" in text:
        text = EMAIL.sub(cover, text)
    if digits:
        text = STREET_ADDRESS.sub(cover, text)
    if digits >= 7:  # a phone number has 7 to 15 digits
        text = _PHONE.sub(cover_phone, text)
    return text
