"""Date ranges and experience-year arithmetic (rolematch._dates)."""

from __future__ import annotations

import time
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rolematch._dates import find_date_range, merge_months, years_of

TODAY = date(2021, 6, 15)


@pytest.mark.parametrize("text, start, end, current", [
    ("Jan 2019 – Mar 2021", date(2019, 1, 1), date(2021, 3, 1), False),
    ("January 2019 - Present", date(2019, 1, 1), None, True),
    ("2015-2018", date(2015, 1, 1), date(2018, 1, 1), False),
    ("2015 to 2018", date(2015, 1, 1), date(2018, 1, 1), False),
    ("03/2017 to 05/2019", date(2017, 3, 1), date(2019, 5, 1), False),
    ("03/2017 - Current", date(2017, 3, 1), None, True),
    ("Sept. 2010 – to date", date(2010, 9, 1), None, True),
    ("2019 — Now", date(2019, 1, 1), None, True),
    ("Staff Accountant February 2013 to November 2014 Company Name", date(2013, 2, 1),
     date(2014, 11, 1), False),
    ("2017-03 - 2018-05", date(2017, 3, 1), date(2018, 5, 1), False),
    ("Since 2018", date(2018, 1, 1), None, True),
])
def test_find_date_range(text: str, start: date, end: date | None, current: bool) -> None:
    r = find_date_range(text)
    assert r is not None
    assert (r.start, r.end, r.current) == (start, end, current)


@pytest.mark.parametrize("text", [
    "Call 555-2015 today", "Managed 120 staff across 3 sites", "ISO 9001 certified",
    "Revenue grew 2015%", "", "Present at conferences",
])
def test_no_date_range(text: str) -> None:
    assert find_date_range(text) is None


def test_month_ranges_count_both_end_months() -> None:
    r = find_date_range("Jan 2019 – Mar 2021")
    assert years_of([r], TODAY) == pytest.approx(27 / 12, abs=0.01)


def test_year_only_ranges_are_whole_years() -> None:
    assert years_of([find_date_range("2015 - 2018")], TODAY) == 3.0


def test_present_is_measured_against_today() -> None:
    r = find_date_range("January 2020 - Present")
    assert years_of([r], date(2021, 6, 15)) == pytest.approx(18 / 12, abs=0.01)
    assert years_of([r], date(2022, 6, 15)) == pytest.approx(30 / 12, abs=0.01)


def test_overlaps_are_merged() -> None:
    ranges = [find_date_range(t) for t in
              ("Jan 2019 - Dec 2019", "Jun 2019 - Jun 2020", "Jan 2018 - Mar 2018")]
    # 2019-01..2020-06 = 18 months, plus 3 months in 2018
    assert years_of(ranges, TODAY) == pytest.approx(21 / 12, abs=0.01)


def test_future_and_backwards_ranges_do_not_count() -> None:
    assert years_of([find_date_range("Jan 2030 - Present")], TODAY) == 0.0
    assert find_date_range("Mar 2021 - Jan 2019") is None


def test_merge_months_simple() -> None:
    assert merge_months([(0, 10), (5, 15), (20, 22)]) == 17
    assert merge_months([]) == 0


@given(st.lists(st.tuples(st.integers(0, 500), st.integers(1, 60)), max_size=20))
@settings(max_examples=200, deadline=None)
def test_merge_months_matches_set_union(spans: list[tuple[int, int]]) -> None:
    intervals = [(a, a + n) for a, n in spans]
    covered = {m for a, b in intervals for m in range(a, b)}
    assert merge_months(intervals) == len(covered)


@pytest.mark.parametrize("junk", [
    "12-" * 350_000,
    "2015-" * 200_000 + "x",
    "1" * 1_000_000,
    "-0" * 500_000,
    "01/" * 330_000,
    "Jan " * 250_000,
])
def test_megabyte_of_digits_and_dashes_stays_fast(junk: str) -> None:
    t0 = time.perf_counter()
    find_date_range(junk)
    assert time.perf_counter() - t0 < 3.0


def test_regex_time_grows_linearly() -> None:
    from rolematch import _dates

    def cost(n: int) -> float:
        s = "12-" * n
        t0 = time.perf_counter()
        for pattern in (_dates._RANGE, _dates._BARE, _dates._OPEN):
            pattern.search(s)
        return time.perf_counter() - t0
    small, big = cost(5_000), cost(40_000)
    assert big < 8 * small * 3  # 8× the input, allow generous noise
