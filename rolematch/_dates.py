"""Date ranges in résumé lines ("Jan 2019 – Mar 2021", "2015 to 2018", "03/2017 -
Current") and the arithmetic of experience years.

Every pattern here is linear: no nested or unbounded quantifiers (only ``{0,n}``
repeats of single characters), so a megabyte of digits and dashes stays fast.

Counting rule (documented, used by ``years_experience``):

* a month-precise range counts both end months: Jan 2019 – Mar 2021 = 27 months;
* a year-only date is taken as its middle (July), so 2015 – 2018 = 3 years;
* "Present"/"Current"/"Now"/"to date" ends in the month of ``today`` (inclusive);
* ranges that end before they start or start after ``today`` are ignored;
* overlapping ranges are merged before summing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

__all__ = ["DateRange", "find_date_range", "find_split_range", "merge_months", "years_of"]

_MONTHS = {
    "jan": 1,
    "january": 1,
    "feb": 2,
    "february": 2,
    "mar": 3,
    "march": 3,
    "apr": 4,
    "april": 4,
    "may": 5,
    "jun": 6,
    "june": 6,
    "jul": 7,
    "july": 7,
    "aug": 8,
    "august": 8,
    "sep": 9,
    "sept": 9,
    "september": 9,
    "oct": 10,
    "october": 10,
    "nov": 11,
    "november": 11,
    "dec": 12,
    "december": 12,
}
_SEASONS = {"spring": 4, "summer": 7, "fall": 10, "autumn": 10, "winter": 1}

_MONTH_RE = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|"
    r"aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|"
    r"spring|summer|fall|autumn|winter)"
)
_YEAR = r"(?:19[5-9]\d|20[0-9]\d)"
_YEAR2 = r"'\d\d"
# one date: "Jan 2019", "January, 2019", "Jan. '19", "Jan-2019", "03/2017", "3-2017",
# "2017-03", "2019.09", "2019"
_DATE = (
    rf"(?:(?<![A-Za-z]){_MONTH_RE}\.?,?(?:[ \t]{{0,3}}|[-/][ \t]?)(?:{_YEAR}|{_YEAR2})(?!\d)"
    rf"|(?<![\d/.])(?:0?[1-9]|1[0-2])[/.-](?:[0-3]?\d[/.-])?{_YEAR}(?!\d)"
    rf"|(?<![\d/.]){_YEAR}[/.-](?:0[1-9]|1[0-2])(?![\d/-]|\.\d)"
    rf"|(?<![\d/.]){_YEAR}(?![\d/]|-\d\d(?!\d)|\.\d))"
)
_PRESENT = (
    r"(?:present|current(?:ly)?|now|today|to[ \t]{1,3}date|till[ \t]{1,3}date|"
    r"till[ \t]{1,3}now|up[ \t]{1,3}to[ \t]{1,3}now|ongoing|date)"
)
#: Range separators: hyphen and every dash (‐ ‑ ‒ – — ― −), a tilde, "to", "until"…
_DASHES = "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212~"
_SEP = (
    rf"[ \t]{{0,3}}(?:[{_DASHES}]{{1,2}}|to|until|till|through|thru)[ \t]{{0,3}}"
    rf"(?:(?:to|till)[ \t]{{1,3}})?"
)
_RANGE = re.compile(
    rf"(?P<start>{_DATE}){_SEP}(?:(?P<end>{_DATE})|(?P<present>{_PRESENT})(?![A-Za-z]))",
    re.IGNORECASE,
)
# two dates with only spaces between ("2015 2018", "Jan 2015 Mar 2018")
_BARE = re.compile(
    rf"(?<!\d[ \t])(?P<start>{_DATE})[ \t]{{1,3}}(?P<end>{_DATE})(?![ \t]{{0,3}}[{_DASHES}\d])",
    re.IGNORECASE,
)
# "Since 2019", "from 2019", "2019 - " at a line end, "2019 onwards": open ranges that
# mean "to present"
_OPEN = re.compile(
    rf"(?:(?:since|from)[ \t]{{1,3}}(?P<a>{_DATE})(?![ \t]{{0,3}}(?:[{_DASHES}]|to\b))"
    rf"|(?P<b>{_DATE})[ \t]{{0,3}}(?:[{_DASHES}]|to|till)[ \t]{{0,3}}$"
    rf"|(?P<c>{_DATE})[ \t]{{1,3}}(?:onwards?|and[ \t]{{1,3}}ongoing)\b)",
    re.IGNORECASE,
)


#: How much of a line :func:`find_date_range` searches.
SCAN_CHARS = 2_000


@dataclass(frozen=True)
class DateRange:
    """A parsed range; ``start``/``end`` are first-of-month dates (January for a
    year-only date), ``end`` None when current.  Precisions are "month" or "year"."""

    start: date
    end: date | None
    current: bool
    start_precision: str
    end_precision: str
    span: tuple[int, int]  # character span in the line

    def months(self, today: date) -> tuple[int, int] | None:
        """Half-open month interval [a, b) per the module's counting rule."""
        a = _month_index(self.start, self.start_precision)
        now = today.year * 12 + today.month  # exclusive end: today's month counts
        if self.end is None:
            b = now
        else:
            b = _month_index(self.end, self.end_precision) + (self.end_precision == "month")
        b = min(b, now)
        if b <= a:
            return None
        return a, b


def _month_index(d: date, precision: str) -> int:
    return d.year * 12 + (6 if precision == "year" else d.month - 1)


def _parse_date(text: str) -> tuple[date, str] | None:
    s = text.strip().lower().replace(",", " ").replace(".", " ")
    m = re.match(r"([a-z]{3,9})[ \t/-]{0,4}('?\d{2,4})$", s)
    if m:
        word, yr = m.groups()
        month = _MONTHS.get(word) or _SEASONS.get(word)
        if month is None:
            return None
        year = int(yr[1:]) + (2000 if int(yr[1:]) < 50 else 1900) if yr.startswith("'") else int(yr)
        return date(year, month, 1), "month"
    nums = re.findall(r"\d+", s)
    if len(nums) == 1:
        return date(int(nums[0]), 1, 1), "year"
    if len(nums) >= 2:
        if len(nums[0]) == 4:  # 2017-03
            return date(int(nums[0]), int(nums[1]), 1), "month"
        return date(int(nums[-1]), int(nums[0]), 1), "month"  # 03/2017, 03/15/2017
    return None


def find_date_range(line: str) -> DateRange | None:
    """The first date range in ``line`` (closed or ending in "Present"), else two dates
    with only spaces between ("2015 2018"), else an open range ("Since 2019", "2019 –"
    at the end of the line), else None.  Only the first :data:`SCAN_CHARS` characters
    are searched: a date line is short, and a megabyte of digits must stay fast."""
    line = line[:SCAN_CHARS]
    for pattern in (_RANGE, _BARE):
        for m in pattern.finditer(line):
            found = _closed(m)
            if found is not None:
                return found
    o = _OPEN.search(line)
    if o:
        start = _parse_date(o.group("a") or o.group("b") or o.group("c"))
        if start is not None:
            return DateRange(start[0], None, True, start[1], "month", o.span())
    return None


def _closed(m: re.Match[str]) -> DateRange | None:
    start = _parse_date(m.group("start"))
    if start is None:
        return None
    if m.groupdict().get("present"):
        return DateRange(start[0], None, True, start[1], "month", m.span())
    end = _parse_date(m.group("end"))
    if end is None:
        return None
    if end[0] < start[0] and not (end[1] == "year" and end[0].year == start[0].year):
        return None
    return DateRange(start[0], end[0], False, start[1], end[1], m.span())


_LONE_DATE = re.compile(rf"[ \t]{{0,3}}{_DATE}(?:{_SEP})?[ \t]{{0,3}}", re.IGNORECASE)
_LONE_SEP = re.compile(rf"{_SEP}", re.IGNORECASE)


def find_split_range(lines: Sequence[str], i: int) -> tuple[DateRange, int] | None:
    """A range written over two or three lines from line ``i``: "April 2015" / "to" /
    "Current", or "2015 –" / "2018".  Returns the range and how many lines it took;
    only when line ``i`` holds a date and nothing else."""
    if not _LONE_DATE.fullmatch(lines[i]):
        return None
    for n in (2, 3):
        part = lines[i : i + n]
        if len(part) < n or (n == 3 and not _LONE_SEP.fullmatch(part[1])):
            continue
        if len(part[-1]) > 40:
            continue
        r = find_date_range(" ".join(part))
        if r is not None and r.span[1] > len(lines[i]) + 1:
            return r, n
    return None


def merge_months(intervals: Iterable[tuple[int, int]]) -> int:
    """Total months covered by half-open month intervals, overlaps merged."""
    total = 0
    cur_a = cur_b = None
    for a, b in sorted(intervals):
        if cur_b is None or a > cur_b:
            if cur_b is not None:
                total += cur_b - cur_a  # type: ignore[operator]
            cur_a, cur_b = a, b
        else:
            cur_b = max(cur_b, b)
    if cur_b is not None:
        total += cur_b - cur_a  # type: ignore[operator]
    return total


def years_of(ranges: Iterable[DateRange], today: date) -> float:
    """Years of experience: the ranges' months with overlaps merged, over 12."""
    months = [iv for r in ranges if (iv := r.months(today)) is not None]
    return round(merge_months(months) / 12, 2)
