import datetime as dt
import re

import pytest

from helpers import dates

DAY = dt.date(2019, 4, 22)


@pytest.mark.parametrize("style,text", [
    ("en_long", "April 22, 2019"), ("en_short", "Apr 22, 2019"), ("en_day_first", "22 April 2019"),
    ("ko", "2019년 4월 22일"), ("ko_dots", "2019. 4. 22."),
])
def test_format_date_every_style(style, text):
    assert dates.format_date(DAY, style) == text


def test_to_iso_pads_month_and_day():
    assert dates.to_iso(dt.date(1905, 1, 3)) == "1905-01-03"


def test_make_splits_sizes_targets_and_seed():
    sizes = {"train": 300, "valid": 50, "test": 80}
    a = dates.make_splits(sizes, seed=7)
    assert a == dates.make_splits(sizes, seed=7)
    assert a != dates.make_splits(sizes, seed=8)
    assert list(a) == ["train", "valid", "test"]
    for name, n in sizes.items():
        sources, targets = a[name]
        assert len(sources) == len(targets) == n
        assert all(re.fullmatch(r"\d{4}-\d{2}-\d{2}", t) for t in targets)


def test_splits_share_no_day_and_sources_match_targets():
    splits = dates.make_splits({"train": 2000, "test": 500}, seed=1)
    train_days, test_days = set(splits["train"][1]), set(splits["test"][1])
    assert len(train_days) == 2000 and len(test_days) == 500 and not train_days & test_days
    for source, target in zip(*splits["train"]):
        day = dt.date.fromisoformat(target)
        assert source in {dates.format_date(day, s) for s in dates.STYLES}
        assert dates.FIRST_DAY <= day <= dates.LAST_DAY


def test_every_style_is_used_and_styles_can_be_chosen():
    sources, _ = dates.make_splits({"all": 500}, seed=3)["all"]
    assert any("년" in s for s in sources) and any(s.endswith(".") for s in sources)
    assert any("," in s for s in sources) and any(s[0].isdigit() and s[-1].isdigit() for s in sources)
    korean, _ = dates.make_splits({"all": 50}, seed=3, styles=("ko",))["all"]
    assert all(s.endswith("일") for s in korean)


@pytest.mark.parametrize("kwargs,message", [
    ({"sizes": {}}, "non-empty mapping"),
    ({"sizes": {"train": 0}}, "positive integer"),
    ({"sizes": {"train": 2.5}}, "positive integer"),
    ({"sizes": {"train": 10}, "styles": ("klingon",)}, "styles"),
    ({"sizes": {"train": 10}, "first": dt.date(2000, 1, 2), "last": dt.date(2000, 1, 1)}, "must not come after"),
    ({"sizes": {"train": 40}, "first": dt.date(2000, 1, 1), "last": dt.date(2000, 1, 31)}, "distinct days"),
])
def test_make_splits_rejects_bad_arguments(kwargs, message):
    with pytest.raises(ValueError, match=message):
        dates.make_splits(**kwargs)


def test_format_date_rejects_bad_arguments():
    with pytest.raises(ValueError, match="style"):
        dates.format_date(DAY, "iso")
    with pytest.raises(ValueError, match="datetime.date"):
        dates.format_date("2019-04-22", "ko")
    with pytest.raises(ValueError, match="datetime.date"):
        dates.to_iso(dt.datetime(2019, 4, 22))
