"""The two longer date forms with the weekday (notebook 10's input-length study)."""
import datetime as dt

from helpers import dates


def test_weekday_styles():
    day = dt.date(2019, 4, 22)                        # a Monday
    assert dates.format_date(day, "en_weekday") == "22 April 2019, Monday"
    assert dates.format_date(day, "ko_weekday") == "2019년 4월 22일 월요일"
    assert dates.format_date(dt.date(2026, 12, 2), "ko_weekday") == "2026년 12월 2일 수요일"


def test_weekday_styles_are_drawn_and_longest():
    sources, targets = dates.make_splits({"all": 700}, seed=5)["all"]
    assert any(s.endswith("요일") for s in sources)
    assert any(s.split(", ")[-1] in dates.WEEKDAYS for s in sources)
    longest = max(sources, key=len)
    assert longest.split(", ")[-1] in dates.WEEKDAYS
    for s, t in zip(sources, targets):
        if s.endswith("요일"):
            assert dates.WEEKDAYS_KO[dt.date.fromisoformat(t).weekday()] == s[-3]
