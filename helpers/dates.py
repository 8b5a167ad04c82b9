"""Dates written in words → ISO dates: the small translation task of notebook 10.

A date such as 2019-04-22 is written in one of several English and Korean
forms ("April 22, 2019", "Apr 22, 2019", "22 April 2019", "2019년 4월 22일",
"2019. 4. 22.", and two longer forms with the weekday: "22 April 2019, Monday",
"2019년 4월 22일 월요일") and the model must "translate" it to ``"2019-04-22"``. The
pairs are generated from a fixed seed, and the splits never share a calendar
day, so the test set holds dates no model saw during training::

    from helpers import dates

    splits = dates.make_splits({"train": 1000, "test": 200}, seed=42)
    sources, targets = splits["train"]       # lists of str
    sources[0], targets[0]                   # e.g. ('2041년 3월 7일', '2041-03-07')

Used in: 10.
"""
from __future__ import annotations

import datetime as dt
from typing import Mapping

import numpy as np

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")
STYLES: dict[str, str] = {
    "en_long": "{month} {day}, {year}",          # April 22, 2019
    "en_short": "{mon} {day}, {year}",           # Apr 22, 2019
    "en_day_first": "{day} {month} {year}",      # 22 April 2019
    "ko": "{year}년 {m}월 {day}일",                # 2019년 4월 22일
    "ko_dots": "{year}. {m}. {day}.",            # 2019. 4. 22.
    "en_weekday": "{day} {month} {year}, {weekday}",   # 22 April 2019, Monday
    "ko_weekday": "{year}년 {m}월 {day}일 {weekday_ko}요일",  # 2019년 4월 22일 월요일
}
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
WEEKDAYS_KO = "월화수목금토일"
FIRST_DAY, LAST_DAY = dt.date(1900, 1, 1), dt.date(2099, 12, 31)


def _check_date(date: dt.date) -> dt.date:
    if isinstance(date, dt.datetime) or not isinstance(date, dt.date):
        raise ValueError(f"date must be a datetime.date such as datetime.date(2019, 4, 22), got {date!r}.")
    return date


def format_date(date: dt.date, style: str) -> str:
    """``date`` written in ``style`` (a key of ``STYLES``), e.g. ``"April 22, 2019"``. Used by: make_splits, tests."""
    _check_date(date)
    if style not in STYLES:
        raise ValueError(f"style must be one of {sorted(STYLES)}, got {style!r}.")
    month = MONTHS[date.month - 1]
    return STYLES[style].format(month=month, mon=month[:3], day=date.day, m=date.month, year=date.year,
                                weekday=WEEKDAYS[date.weekday()], weekday_ko=WEEKDAYS_KO[date.weekday()])


def to_iso(date: dt.date) -> str:
    """The target form ``YYYY-MM-DD`` of ``date``. Used by: make_splits, tests."""
    return _check_date(date).isoformat()


def _count(name: str, value) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < 1:
        raise ValueError(f"the size of split {name!r} must be a positive integer, got {value!r}.")
    return int(value)


def make_splits(sizes: Mapping[str, int], seed: int = 42, *, styles: tuple[str, ...] | None = None,
                first: dt.date = FIRST_DAY, last: dt.date = LAST_DAY) -> dict[str, tuple[list[str], list[str]]]:
    """``{split: (sources, targets)}`` with ``sizes[split]`` pairs each, generated from ``seed``.

    Days are drawn without replacement from ``first``..``last`` (so no two
    examples, and no two splits, share a calendar day) and each gets a style
    drawn uniformly from ``styles`` (default: all of ``STYLES``). The same
    arguments always give the same pairs. Used in: 10.
    """
    if not isinstance(sizes, Mapping) or not sizes:
        raise ValueError("sizes must be a non-empty mapping such as {'train': 10000, 'test': 2000}.")
    counts = {name: _count(name, n) for name, n in sizes.items()}
    styles = tuple(STYLES) if styles is None else tuple(styles)
    unknown = [s for s in styles if s not in STYLES]
    if not styles or unknown:
        raise ValueError(f"styles must be a non-empty selection of {sorted(STYLES)}; unknown: {unknown}.")
    _check_date(first), _check_date(last)
    n_days = (last - first).days + 1
    if n_days < 1:
        raise ValueError(f"first ({first}) must not come after last ({last}).")
    total = sum(counts.values())
    if total > n_days:
        raise ValueError(f"{total:,} examples need as many distinct days, but {first}..{last} has only {n_days:,}.")
    rng = np.random.default_rng(seed)
    offsets = rng.choice(n_days, size=total, replace=False)
    chosen = rng.integers(0, len(styles), size=total)
    splits, start = {}, 0
    for name, n in counts.items():
        days = [first + dt.timedelta(days=int(k)) for k in offsets[start:start + n]]
        splits[name] = ([format_date(d, styles[s]) for d, s in zip(days, chosen[start:start + n])],
                        [to_iso(d) for d in days])
        start += n
    return splits
