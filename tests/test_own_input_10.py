"""Notebook 10's "try your own input": read_date (the notebook's own code) with good and bad dates.

The function and the pieces it calls (greedy_decode, ids_to_text, rule_or_error, calendar_check) are taken out
of the notebook with tests/notebook_code.py. Most tests give read_date a fake model that always spells one
answer (or fails if it is called at all), so they are fast and need no data set; the last ones load the shipped
full-mode attention model into the notebook's own architecture (encoder_decoder) and read real dates with it.
"""
import datetime as dt
import re
import time

import keras
import numpy as np
import pytest
import tensorflow as tf

from helpers import dates, saved_models
from helpers.text import Vocabulary
from tests.notebook_code import define

KOREAN_FIRST = re.compile(r"^[가-힣]")
TARGET_LEN = 11
SOURCE_LEN = 28


def _shipped_preprocessing() -> dict:
    return saved_models.read_manifest(saved_models.shipped_path("10_attention"))["preprocessing"]


@pytest.fixture(scope="module")
def preprocessing():
    return _shipped_preprocessing()


def _read_date(preprocessing):
    """read_date with its notebook neighbours, bound to the saved model's vocabularies."""
    source_vocab = Vocabulary(tuple(preprocessing["source_vocabulary"]))
    target_vocab = Vocabulary(tuple(preprocessing["target_vocabulary"]))
    greedy_decode = define("10", "greedy_decode", np=np, tf=tf, time=time, TARGET_LEN=TARGET_LEN,
                           target_vocab=target_vocab, X_test=None, steps={})
    ids_to_text = greedy_decode.__globals__["ids_to_text"]
    rule_based_iso = define("10", "rule_based_iso", re=re, np=np, dates=dates)
    rule_or_error = define("10", "rule_or_error", rule_based_iso=rule_based_iso, source_vocab=source_vocab,
                           target_vocab=target_vocab, SOURCE_LEN=SOURCE_LEN, greedy_decode=greedy_decode,
                           ids_to_text=ids_to_text)
    return define("10", "read_date", re=re, dt=dt, dates=dates, Vocabulary=Vocabulary, greedy_decode=greedy_decode,
                  ids_to_text=ids_to_text, rule_or_error=rule_or_error)


@pytest.fixture(scope="module")
def read_date(preprocessing):
    return _read_date(preprocessing)


class Spelling:
    """A stand-in model: whatever the input, it puts all probability on the characters of ``answer``."""

    def __init__(self, answer: str, target_vocab: Vocabulary, name: str):
        self.name = name
        ids = np.full(TARGET_LEN, target_vocab.pad_id, dtype=np.int32)
        spelled = target_vocab.encode(answer, add_eos=True)
        ids[:len(spelled)] = spelled
        self.one_hot = tf.one_hot(ids, len(target_vocab))
        self.calls = 0

    def __call__(self, inputs, training=False):
        self.calls += 1
        source, _ = inputs
        return tf.tile(self.one_hot[None], [tf.shape(source)[0], 1, 1])


class SpellingIfSource(Spelling):
    """Spells ``answer`` only when the encoder input is exactly ``source`` (ids), else "0000-00-00"."""

    def __init__(self, answer: str, target_vocab: Vocabulary, name: str, source: np.ndarray):
        super().__init__(answer, target_vocab, name)
        self.expected = tf.constant(source, dtype=tf.int32)
        self.other = Spelling("0000-00-00", target_vocab, name).one_hot

    def __call__(self, inputs, training=False):
        self.calls += 1
        source, _ = inputs
        same = tf.reduce_all(tf.equal(tf.cast(source, tf.int32), self.expected))
        one_hot = tf.where(same, self.one_hot, self.other)
        return tf.tile(one_hot[None], [tf.shape(source)[0], 1, 1])


class NeverCall:
    """A model that must not be used: the input should have been refused before the model is called."""

    name = "never_call"

    def __call__(self, inputs, training=False):
        raise AssertionError("the model was called on an input it must not translate")


def _target_vocab(preprocessing) -> Vocabulary:
    return Vocabulary(tuple(preprocessing["target_vocabulary"]))


def _message(excinfo) -> str:
    message = str(excinfo.value)
    assert KOREAN_FIRST.match(message), message          # one Korean sentence first, then the English detail
    return message


@pytest.mark.parametrize("text", [None, 19540823, b"23 August 1954", ["23 August 1954"], dt.date(1954, 8, 23)])
def test_a_date_that_is_not_a_string_is_refused(read_date, preprocessing, text):
    with pytest.raises(TypeError) as excinfo:
        read_date(text, NeverCall(), preprocessing)
    assert "문자열" in _message(excinfo) and type(text).__name__ in str(excinfo.value)


@pytest.mark.parametrize("text", ["", "   ", "\n\t"])
def test_an_empty_date_is_refused(read_date, preprocessing, text):
    with pytest.raises(ValueError) as excinfo:
        read_date(text, NeverCall(), preprocessing)
    assert "비어" in _message(excinfo) and "empty" in str(excinfo.value)


def test_the_answer_is_the_greedy_decoding_beside_the_rule_based_parser(read_date, preprocessing):
    model = Spelling("1954-08-23", _target_vocab(preprocessing), "spell_1954")
    row = read_date("23 August 1954", model, preprocessing)
    assert model.calls >= 1
    assert row == {"input": "23 August 1954", "saved attention model": "1954-08-23", "calendar check": "ok",
                   "rule-based parser": "1954-08-23", "note": "–"}


@pytest.mark.parametrize("answer, problem", [("2023-02-30", "달력에 없는 날짜"), ("2023-13-01", "달력에 없는 날짜"),
                                             ("2023-2-3", "ISO 날짜 모양이 아님"), ("1954-08-2", "ISO 날짜 모양이 아님")])
def test_an_answer_that_is_no_calendar_date_is_flagged(read_date, preprocessing, answer, problem):
    model = Spelling(answer, _target_vocab(preprocessing), f"spell_{answer}")
    row = read_date("2023년 2월 30일", model, preprocessing)
    assert row["saved attention model"] == answer
    assert row["calendar check"].startswith(problem)                    # Korean first
    assert row["rule-based parser"].startswith("2023-02-30") and "달력에 없는 날짜" in row["rule-based parser"]


@pytest.mark.parametrize("text, unknown", [("23/08/1954", ["'/'"]), ("23. août 1954", ["'û'"]),
                                           ("1954년 8월 23일 (월)", ["'('", "')'"]), ("二〇一九年", ["'二'", "'〇'"])])
def test_characters_the_model_never_saw_are_named_not_dropped(read_date, preprocessing, text, unknown):
    row = read_date(text, NeverCall(), preprocessing)                    # the model is never called
    assert row["saved attention model"] == "–" and row["calendar check"] == "–"
    assert row["note"].startswith("모델이 학습에서 본 적 없는 문자")          # Korean first, then English
    for name in unknown:
        assert name in row["note"]
    assert "never saw" in row["note"]


def test_an_input_longer_than_training_is_named_not_cut(read_date, preprocessing):
    text = "23 September 1954, Thursday evening"                       # known characters, 35 > 28
    assert len(text) > preprocessing["source_length"] and all(c in preprocessing["source_vocabulary"] for c in text)
    row = read_date(text, NeverCall(), preprocessing)
    assert row["saved attention model"] == "–"
    assert row["note"].startswith(f"입력이 {len(text)}자로") and f"({preprocessing['source_length']}자)" in row["note"]
    assert "not cut" in row["note"] and row["input"] == text
    assert row["rule-based parser"] == "1954-09-23"                      # the parser's answer stays beside it


def test_unknown_characters_and_length_are_both_named(read_date, preprocessing):
    row = read_date("Thursday, the 23rd of September 1954", NeverCall(), preprocessing)
    assert "'f'" in row["note"] and "36자" in row["note"]
    assert row["rule-based parser"].startswith("error")


@pytest.mark.parametrize("text", ["  23 August 1954", "23 August 1954 ", "\t23 August 1954\n", "   23 August 1954   "])
def test_leading_and_trailing_spaces_are_stripped_and_reported(read_date, preprocessing, text):
    source_vocab = Vocabulary(tuple(preprocessing["source_vocabulary"]))
    stripped = source_vocab.encode_batch(["23 August 1954"], length=SOURCE_LEN)      # what training inputs look like
    model = SpellingIfSource("1954-08-23", _target_vocab(preprocessing), "spell_if_stripped", stripped)
    row = read_date(text, model, preprocessing)
    assert row["saved attention model"] == "1954-08-23" and row["calendar check"] == "ok"
    assert row["note"].startswith("앞뒤 공백을 지우고") and "whitespace removed" in row["note"]
    assert row["input"] == text and row["rule-based parser"] == "1954-08-23"


def test_no_whitespace_note_without_whitespace(read_date, preprocessing):
    row = read_date("23 August 1954", Spelling("1954-08-23", _target_vocab(preprocessing), "spell"), preprocessing)
    assert row["note"] == "–"


def test_the_length_limit_counts_the_stripped_input(read_date, preprocessing):
    text = "   23 September 1954, Thursday  "                    # 27 characters inside, 32 with the spaces
    assert len(text) > SOURCE_LEN >= len(text.strip())
    row = read_date(text, Spelling("1954-09-23", _target_vocab(preprocessing), "spell_0923"), preprocessing)
    assert row["saved attention model"] == "1954-09-23" and row["calendar check"] == "ok"
    assert "자로" not in row["note"]


def test_every_training_weekday_is_recognised_in_both_languages(read_date):
    weekdays_written = read_date.__globals__["weekdays_written"]
    for day in range(7):                                          # 1954-08-23 was a Monday
        date = dt.date(1954, 8, 23 + day)
        for style in ("en_weekday", "ko_weekday"):
            assert weekdays_written(dates.format_date(date, style)) == [date.weekday()], (style, date)
    for style in ("en_long", "en_short", "en_day_first", "ko", "ko_dots"):     # "8월" is no 월요일
        assert weekdays_written(dates.format_date(dt.date(1954, 8, 23), style)) == []
    assert weekdays_written("23 August 1954, monday") == [0]


@pytest.mark.parametrize("text, says, is_", [("1954년 8월 23일 화요일", "화요일", "월요일"),
                                          ("23 August 1954, Tuesday", "Tuesday", "Monday"),
                                          ("1954년 8월 23일 일요일", "일요일", "월요일"),
                                          ("23 August 1954, Sunday", "Sunday", "Monday")])
def test_a_weekday_that_disagrees_with_the_answer_is_flagged(read_date, preprocessing, text, says, is_):
    row = read_date(text, Spelling("1954-08-23", _target_vocab(preprocessing), "spell_1954"), preprocessing)
    assert row["saved attention model"] == "1954-08-23"
    assert row["calendar check"].startswith("요일이 다름") and "weekday differs" in row["calendar check"]
    assert row["note"].startswith("입력의 요일은") and says in row["note"] and is_ in row["note"]


@pytest.mark.parametrize("text", ["1954년 8월 23일 월요일", "23 August 1954, Monday", "23 August 1954"])
def test_a_matching_or_missing_weekday_is_not_flagged(read_date, preprocessing, text):
    row = read_date(text, Spelling("1954-08-23", _target_vocab(preprocessing), "spell_1954"), preprocessing)
    assert row["calendar check"] == "ok" and row["note"] == "–"


def test_the_years_learned_are_the_generator_s(read_date):
    assert read_date.__globals__["YEARS_LEARNED"] == (dates.FIRST_DAY.year, dates.LAST_DAY.year) == (1900, 2099)


@pytest.mark.parametrize("text, answer, named", [("23 August 1954", "2150-08-23", "답의 연도 2150년"),
                                                 ("23 August 1954", "1899-08-23", "답의 연도 1899년"),
                                                 ("23 August 2150", "1950-08-23", "입력의 연도 2150년"),
                                                 ("2150년 8월 23일", "2050-08-21", "입력의 연도 2150년"),
                                                 ("August 23, 1899", "1999-08-23", "입력의 연도 1899년")])
def test_a_year_outside_the_years_learned_is_flagged(read_date, preprocessing, text, answer, named):
    row = read_date(text, Spelling(answer, _target_vocab(preprocessing), f"spell_{answer}"), preprocessing)
    assert row["saved attention model"] == answer
    assert row["calendar check"].startswith("학습 밖 연도") and "year not learned" in row["calendar check"]
    assert row["note"].startswith(named) and "1900-2099" in row["note"]


@pytest.mark.parametrize("text, answer", [("1 January 1900", "1900-01-01"), ("31 December 2099", "2099-12-31")])
def test_the_first_and_last_years_learned_are_not_flagged(read_date, preprocessing, text, answer):
    row = read_date(text, Spelling(answer, _target_vocab(preprocessing), f"spell_{answer}"), preprocessing)
    assert row["calendar check"] == "ok" and row["note"] == "–"


def test_year_and_weekday_flags_together(read_date, preprocessing):
    row = read_date("23 August 2150, Monday", Spelling("2150-08-23", _target_vocab(preprocessing), "s"), preprocessing)
    assert row["calendar check"] == "학습 밖 연도 — year not learned; 요일이 다름 — weekday differs"  # 2150-08-23: a Sunday
    assert "입력의 연도 2150년, 답의 연도 2150년" in row["note"] and "Sunday" in row["note"]


@pytest.fixture(scope="module")
def shipped_model(preprocessing):
    source_vocab = Vocabulary(tuple(preprocessing["source_vocabulary"]))
    target_vocab = Vocabulary(tuple(preprocessing["target_vocabulary"]))
    encoder_decoder = define("10", "encoder_decoder", keras=keras, source_vocab=source_vocab,
                             target_vocab=target_vocab, EMBED_DIM=32, UNITS=128)
    model = encoder_decoder(attention=True, name="shipped_attention")
    saved_models.load_weights(model, saved_models.shipped_path("10_attention"), expect=preprocessing)
    return model


def test_the_shipped_model_flags_a_wrong_weekday_and_an_unlearned_year(read_date, preprocessing, shipped_model):
    row = read_date("1954년 8월 23일 화요일", shipped_model, preprocessing)
    assert row["saved attention model"] == "1954-08-23" and row["calendar check"].startswith("요일이 다름")
    row = read_date("23 August 2150", shipped_model, preprocessing)
    assert row["calendar check"].startswith("학습 밖 연도") and row["rule-based parser"] == "2150-08-23"
    row = read_date(" 2019. 4. 22. ", shipped_model, preprocessing)
    assert row["saved attention model"] == "2019-04-22" and row["note"].startswith("앞뒤 공백")


def test_the_shipped_model_reads_real_dates(read_date, preprocessing, shipped_model):
    model = shipped_model
    for text in ["23 August 1954", "1954년 8월 23일 월요일", "Aug 23, 1954", "1954. 8. 23."]:
        row = read_date(text, model, preprocessing)
        assert row["saved attention model"] == "1954-08-23" and row["calendar check"] == "ok", row
        assert row["rule-based parser"] == "1954-08-23" and row["note"] == "–"
