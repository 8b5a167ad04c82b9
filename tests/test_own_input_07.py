"""Notebook 07's "try your own input" code: judge_reviews never prints a verdict it cannot give.

The functions are taken from the notebook's cells (tests/notebook_code.py) and run on a small fake model
(a few words, an untrained BiLSTM built by the notebook's own builder, a TF-IDF fitted on six sentences):
the tests are about how raw text is read and which reviews get a verdict, not about accuracy.
"""
from __future__ import annotations

import math
import re
import string

import numpy as np
import pandas as pd
import pytest

from helpers import tf_quiet  # noqa: F401  (TensorFlow without start-up log lines)

import keras  # noqa: E402
import tensorflow as tf  # noqa: E402
from sklearn.feature_extraction.text import TfidfVectorizer  # noqa: E402
from sklearn.linear_model import LogisticRegression  # noqa: E402

from tests.notebook_code import define  # noqa: E402

WORDS = ["the", "movie", "was", "great", "bad", "dont", "like", "it", "acting", "worst", "waste", "of", "time"]
MAX_LEN = 8
TRAIN = ["the movie was great", "great acting", "i like it", "the worst movie", "a waste of time", "bad acting"]
NOT_A_VERDICT = {"no known words", "outside what the model read"}


@pytest.fixture(scope="module")
def judge():
    standardize = define("07", "standardize", tf=tf, re=re, string=string)
    vectorizer = keras.layers.TextVectorization(vocabulary=["", "[UNK]"] + WORDS, standardize=standardize)
    keras.utils.set_random_seed(0)
    bilstm = define("07", "build_bilstm", keras=keras)(len(WORDS) + 2)
    texts = [t.decode() for t in standardize(tf.constant(TRAIN)).numpy()]
    tfidf = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True)
    logreg = LogisticRegression().fit(tfidf.fit_transform(texts), [1, 1, 1, 0, 0, 0])
    tfidf_logit = define("07", "tfidf_logit_model", keras=keras)(len(tfidf.vocabulary_))
    tfidf_logit.set_weights([logreg.coef_.T, logreg.intercept_])
    return define("07", "judge_reviews", standardize=standardize, SAVED_VECTORIZER=vectorizer, SAVED_BILSTM=bilstm,
                  SAVED_MAX_LEN=MAX_LEN, SAVED_TFIDF=tfidf, SAVED_TFIDF_LOGIT=tfidf_logit)


def test_a_plain_review_gets_a_probability_a_verdict_and_the_tfidf_verdict(judge):
    (row,) = judge(["The movie was great"]).to_dict("records")
    assert row["words"] == 4 and row["known"] == 1.0
    assert 0 < row["P(positive)"] < 1
    assert row["BiLSTM"] == ("positive" if row["P(positive)"] >= 0.5 else "negative")
    assert row["TF-IDF"] in {"positive", "negative"} and 0 < row["TF-IDF P(positive)"] < 1


@pytest.mark.parametrize("review", ["", "   ", "?!?! ...", "<br /><br />", "zzz qqq xyzzy"])
def test_nothing_to_judge_gives_no_known_words_instead_of_a_verdict(judge, review):
    (row,) = judge([review]).to_dict("records")
    assert row["BiLSTM"] == row["TF-IDF"] == "no known words"
    assert math.isnan(row["P(positive)"]) and math.isnan(row["TF-IDF P(positive)"])


@pytest.mark.parametrize("review", ["이 영화 정말 재미있어요! 배우들의 연기가 최고였습니다.",
                                    "이 영화 정말 최고예요 great",          # an English word among Korean ones
                                    "Этот фильм был great"])
def test_a_mostly_non_english_review_is_flagged_as_outside_what_the_model_read(judge, review):
    (row,) = judge([review]).to_dict("records")
    assert row["BiLSTM"] == row["TF-IDF"] == "outside what the model read"
    assert "not English" in row["note"]


def test_a_mixed_review_is_counted_word_by_word(judge):
    """65 % of the letters are Latin and 2 of 4 words known: only the per-word count stops a verdict from two [UNK]s."""
    latin_share = define("07", "latin_share")
    review = "Great acting, 정말 최고예요!"
    assert latin_share(review) == pytest.approx(11 / 17)
    (row,) = judge([review]).to_dict("records")
    assert row["words"] == 4 and row["known"] == 0.5            # the older rules alone would give a verdict
    assert row["BiLSTM"] == row["TF-IDF"] == "outside what the model read"
    assert "not English: 50% of the words have non-Latin letters" in row["note"]


def test_a_quarter_of_the_words_with_non_latin_letters_is_outside_less_is_judged(judge):
    (quarter,) = judge(["the movie was 최고"]).to_dict("records")            # 1 of 4 words
    assert quarter["BiLSTM"] == quarter["TF-IDF"] == "outside what the model read"
    (fifth,) = judge(["The movie was great 최고"]).to_dict("records")        # 1 of 5 words
    assert fifth["BiLSTM"] in {"positive", "negative"} and fifth["TF-IDF"] in {"positive", "negative"}
    assert "not English" not in fifth["note"]


def test_non_latin_word_share():
    share = define("07", "non_latin_word_share", unicodedata=__import__("unicodedata"))
    assert share("Great acting, 정말 최고예요!") == 0.5
    assert share("") is None and share("?! 10/10 :)") is None               # words without letters do not count
    assert share("Amélie is a naïve film") == 0.0                          # accented Latin letters are Latin
    assert share("movie정말 great !!") == 0.5                                # one Hangul letter makes a word non-Latin
    assert share("Этот фильм был great") == 0.75


def test_mostly_unknown_latin_words_are_outside_too(judge):
    (row,) = judge(["great zorp blick fnord quux"]).to_dict("records")
    assert row["known"] == pytest.approx(0.2)
    assert row["BiLSTM"] == row["TF-IDF"] == "outside what the model read"


def test_empty_and_korean_reviews_do_not_change_the_others(judge):
    alone = judge(["The movie was great", "bad acting"])
    mixed = judge(["", "The movie was great", "이 영화 최고", "bad acting", "?!"])
    assert list(mixed["BiLSTM"][[0, 2, 4]]) == ["no known words", "outside what the model read", "no known words"]
    np.testing.assert_allclose(mixed["P(positive)"][[1, 3]], alone["P(positive)"], rtol=1e-5)


def test_every_review_gets_a_row_in_order_without_labels(judge):
    reviews = ["bad acting", "", "The movie was great", "이 영화", "the worst movie"]
    table = judge(reviews)
    assert len(table) == len(reviews)
    assert list(table["review"]) == [repr(r) for r in reviews]
    assert judge("bad acting")["review"].tolist() == ["'bad acting'"]      # one string is one review


def test_html_tags_are_removed_not_glued_into_words(judge):
    (tagged,) = judge(["<i>Great</i> <b>acting</b>, <p>the movie</p>"]).to_dict("records")
    (plain,) = judge(["Great acting, the movie"]).to_dict("records")
    assert tagged["words"] == plain["words"] == 4 and tagged["known"] == 1.0      # not "igreati", "bactingb"
    assert tagged["P(positive)"] == pytest.approx(plain["P(positive)"], rel=1e-5)
    assert "HTML/quotes cleaned" in tagged["note"]
    (entity,) = judge(["the worst movie &amp; a waste of time"]).to_dict("records")
    assert entity["words"] == 7          # "&amp;" is "&" (punctuation, dropped), not the word "amp"


def test_curly_quotes_are_normalised(judge):
    (curly,) = judge(["I don’t like it"]).to_dict("records")
    (straight,) = judge(["I don't like it"]).to_dict("records")
    assert curly["words"] == straight["words"] == 4
    assert curly["known"] == straight["known"] == 0.75      # "dont" known, "i" unknown
    assert curly["P(positive)"] == pytest.approx(straight["P(positive)"], rel=1e-5)


def test_a_long_review_is_cut_to_the_last_max_len_tokens_as_in_training(judge):
    long_review = "bad acting " * 10 + "the movie was great"            # 24 tokens
    (row,) = judge([long_review]).to_dict("records")
    (tail,) = judge([" ".join(long_review.split()[-MAX_LEN:])]).to_dict("records")
    assert row["words"] == MAX_LEN
    assert f"last {MAX_LEN} of 24 tokens" in row["note"]
    assert row["P(positive)"] == pytest.approx(tail["P(positive)"], rel=1e-5)


@pytest.mark.parametrize("bad", [[], [None], ["fine", 3], None])
def test_what_is_not_a_list_of_strings_gets_a_korean_first_error(judge, bad):
    with pytest.raises(TypeError) as err:
        judge(bad)
    assert str(err.value).startswith("리뷰는 문자열(str)의 리스트로")


def test_latin_share_and_clean_review():
    latin_share = define("07", "latin_share")
    clean_review = define("07", "clean_review")
    assert latin_share("") is None and latin_share("?!") is None
    assert latin_share("Café") == 1.0 and latin_share("영화 good") == pytest.approx(4 / 6)
    assert clean_review("I <3 it<br />so ‘much’ &amp; “more”") == "I <3 it so 'much' & \"more\""


def test_section_6_scores_a_sentence_added_without_a_label():
    """The deck's sentences: a sentence without a label is scored ('-'), never dropped by a zip."""
    vectorizer = keras.layers.TextVectorization(vocabulary=["", "[UNK]"] + WORDS)
    keras.utils.set_random_seed(0)
    model = define("07", "build_bilstm", keras=keras)(len(WORDS) + 2)
    sample_verdicts = define("07", "sample_verdicts", vectorizer=vectorizer, np=np, pd=pd)
    samples = ["the movie was great", "the worst movie", "a sentence without a label"]
    table = sample_verdicts({"m": model}, samples, {samples[0]: "positive", samples[1]: "negative"})
    assert len(table) == 3
    assert table["right"].iloc[2] == "-" and table["right"].iloc[:2].map(type).eq(bool).all()


def test_the_shipped_tfidf_file_reads_text_with_the_codes_own_settings():
    """Section 8 checks the saved TF-IDF's `reading` against this code's TfidfVectorizer, in quick mode too."""
    from helpers import saved_models

    tfidf_reading = define("07", "tfidf_reading")
    tfidf_logit_model = define("07", "tfidf_logit_model", keras=keras)
    texts = ["good movie good", "bad movie bad", "good film", "bad film", "good good", "bad bad"] * 2
    labels = np.array([1, 0, 1, 0, 1, 0] * 2)
    tfidf_logreg = define("07", "tfidf_logreg", TfidfVectorizer=TfidfVectorizer, LogisticRegression=LogisticRegression,
                          np=np, y_train=labels, y_valid=labels, y_test=labels)
    code_tfidf = tfidf_logreg(texts, texts, texts)[2][0]                   # the notebook's own vectorizer settings
    path = saved_models.shipped_path("07_tfidf")
    model = tfidf_logit_model(len(saved_models.read_manifest(path)["preprocessing"]["vocabulary"]))
    saved_models.load_weights(model, path, expect={"reading": tfidf_reading(code_tfidf)})
    with pytest.raises(saved_models.SavedModelError, match="'reading'"):
        saved_models.load_weights(model, path, expect={"reading": tfidf_reading(TfidfVectorizer(sublinear_tf=False))})
