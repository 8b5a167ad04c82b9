"""Notebook 06's "try your own input": continue_prompt (the notebook's own code) with good and bad prompts.

The function is taken out of the notebook with tests/notebook_code.py. Most tests give it a tiny untrained
model and vocabulary (fast, no data set); the last ones load the shipped full-mode model into the notebook's
own architecture (build_char_rnn) and check that it is a trained model that continues a prompt.
"""
import re

import keras
import numpy as np
import pytest
import tensorflow as tf

from helpers import runtime, saved_models, text
from helpers.text import Vocabulary
from tests.notebook_code import define

KOREAN_FIRST = re.compile(r"^[가-힣]")


def _generator(vocab_size: int, units: int = 4) -> keras.Model:
    keras.utils.set_random_seed(0)
    inputs = keras.Input(batch_shape=(1, None), dtype="int32")
    x = keras.layers.Embedding(vocab_size, 3)(inputs)
    x = keras.layers.GRU(units, return_sequences=True, stateful=True, name="gru")(x)
    return keras.Model(inputs, keras.layers.Dense(vocab_size)(x))


def _continue_prompt(generator, vocab, window):
    step = tf.function(lambda ids: generator(ids, training=False), input_signature=[tf.TensorSpec((1, None), tf.int32)])
    return define("06", "continue_prompt", SAVED_GENERATOR=generator, SAVED_STEP=step, SAVED_VOCAB=vocab,
                  SAVED_WINDOW=window)


@pytest.fixture(scope="module")
def tiny():
    vocab = Vocabulary.build("the cat sat on the mat.\nROMEO:\n")
    return vocab, _continue_prompt(_generator(len(vocab)), vocab, window=20)


def _message(excinfo) -> str:
    message = str(excinfo.value)
    assert KOREAN_FIRST.match(message), message          # one Korean sentence first, then the English detail
    return message


@pytest.mark.parametrize("prompt", [42, None, b"the cat", ["t", "h", "e"], 3.5])
def test_a_prompt_that_is_not_a_string_is_refused(tiny, prompt):
    _, continue_prompt = tiny
    with pytest.raises(TypeError) as excinfo:
        continue_prompt(prompt, 0.5)
    assert "문자열" in _message(excinfo) and type(prompt).__name__ in str(excinfo.value)


def test_an_empty_prompt_is_refused(tiny):
    _, continue_prompt = tiny
    with pytest.raises(ValueError) as excinfo:
        continue_prompt("", 0.5)
    assert "비어" in _message(excinfo) and "empty" in str(excinfo.value)


@pytest.mark.parametrize("temperature", [0, 0.0, -0.5, -1, float("nan"), float("inf"), "0.5", None, True])
def test_a_temperature_that_is_not_positive_is_refused(tiny, temperature):
    _, continue_prompt = tiny
    with pytest.raises(ValueError) as excinfo:
        continue_prompt("the cat", temperature)
    assert "온도" in _message(excinfo) and "> 0" in str(excinfo.value)


@pytest.mark.parametrize("n_chars", [0, -3, 2.5, "10", True])
def test_a_length_that_is_not_a_positive_integer_is_refused(tiny, n_chars):
    _, continue_prompt = tiny
    with pytest.raises(ValueError) as excinfo:
        continue_prompt("the cat", 0.5, n_chars=n_chars)
    assert "n_chars" in _message(excinfo)


def test_unknown_characters_are_named_and_skipped(tiny, capsys):
    vocab, continue_prompt = tiny
    out = continue_prompt("the “cat” 한é cat", 1.0, n_chars=5)
    said = capsys.readouterr().out
    assert KOREAN_FIRST.match(said), said
    for c in "“”한é":                                    # every unknown character is named ...
        assert repr(c) in said
    assert "4종" in said and "without them" in said       # ... with what was done with them
    assert out.startswith("the cat  cat") and len(out) == len("the cat  cat") + 5   # read without them, not as <unk>


def test_known_characters_alone_print_nothing(tiny, capsys):
    _, continue_prompt = tiny
    continue_prompt("the cat", 0.5, n_chars=3)
    assert capsys.readouterr().out == ""


def test_a_prompt_of_unknown_characters_only_is_refused_and_named(tiny):
    _, continue_prompt = tiny
    with pytest.raises(ValueError) as excinfo:
        continue_prompt("로미오1“”", 0.5)
    message = _message(excinfo)
    assert all(repr(c) in message for c in "로미오1“”")


@pytest.mark.parametrize("prompt", ["로미오와 줄리엣", "  \n ", "안녕\n"])
def test_a_prompt_whose_known_characters_are_only_white_space_is_refused(tiny, prompt):
    """A space is in the vocabulary: "로미오와 줄리엣" would otherwise be continued from a lone space."""
    _, continue_prompt = tiny
    with pytest.raises(ValueError) as excinfo:
        continue_prompt(prompt, 0.5)
    assert "white space" in _message(excinfo)


def test_a_long_prompt_is_cut_to_the_training_window(tiny, capsys):
    _, continue_prompt = tiny
    prompt = "the cat sat on the mat.\nROMEO:\n"                     # 31 characters, the window is 20
    out = continue_prompt(prompt, 0.5, n_chars=4)
    said = capsys.readouterr().out
    assert KOREAN_FIRST.match(said) and "31" in said and "20" in said
    assert out.startswith(prompt[-20:]) and len(out) == 20 + 4


def test_the_continuation_is_text_and_reproducible(tiny):
    vocab, continue_prompt = tiny
    a = continue_prompt("ROMEO:\n", 1.5, n_chars=60, seed=3)
    assert a == continue_prompt("ROMEO:\n", 1.5, n_chars=60, seed=3)          # the state is reset every call
    assert len(a) == len("ROMEO:\n") + 60 and a.startswith("ROMEO:\n")
    assert all(c in vocab and c not in vocab.specials for c in a)              # no <pad>, <unk>, ... drawn
    assert a != continue_prompt("ROMEO:\n", 1.5, n_chars=60, seed=4)


# ------------------------------------------------------------------ the shipped full-mode model
@pytest.fixture(scope="module")
def shipped():
    path = saved_models.shipped_path("06_char_rnn")
    assert path.is_file(), f"{path} is missing: run notebook 06 in full mode with tools/run_notebooks.py"
    assert path.stat().st_size <= 6e6
    preprocessing = saved_models.read_manifest(path)["preprocessing"]
    vocab = Vocabulary(tuple(preprocessing["vocabulary"]))
    # the notebook's own builder (its cell's constants need a stand-in for the training ids)
    build_char_rnn = define("06", "build_char_rnn", keras=keras, runtime=runtime, text=text, np=np,
                            V=len(vocab), rnn_ids=np.zeros(1000, dtype="int32"))
    units = build_char_rnn.__globals__["FULL_UNITS"]
    model = build_char_rnn(units=units, vocab_size=len(vocab), name="saved_char_rnn")
    info = saved_models.load_weights(model, path, expect={"vocabulary": list(vocab.tokens), "window": 100})
    generator = build_char_rnn(batch_size=1, stateful=True, units=units, vocab_size=len(vocab))
    generator.set_weights(model.get_weights())
    return model, vocab, info, _continue_prompt(generator, vocab, preprocessing["window"])


def test_the_shipped_model_is_trained(shipped):
    model, vocab, info, _ = shipped
    assert info["metrics"]["val_accuracy"] >= 0.5
    passage = "First Citizen:\nBefore we proceed any further, hear me speak.\n\nAll:\nSpeak, speak.\n\nFirst Citizen:\n"
    ids = vocab.encode(passage)
    hits = np.asarray(model(ids[None, :-1], training=False))[0].argmax(axis=-1) == ids[1:]
    assert hits.mean() > 0.5                     # an untrained model of this vocabulary gets about 1/69


def test_the_shipped_model_continues_a_students_prompt(shipped, capsys):
    _, vocab, _, continue_prompt = shipped
    out = continue_prompt("ROMEO:\nWhere is my café? 안녕", 0.5, n_chars=80)
    said = capsys.readouterr().out
    assert all(repr(c) in said for c in "é안녕") and KOREAN_FIRST.match(said)
    assert out.startswith("ROMEO:\nWhere is my caf? ") and len(out) == len("ROMEO:\nWhere is my caf? ") + 80
    words = re.findall(r"[a-z]+", out[len("ROMEO:\nWhere is my caf? "):].lower())
    assert sum(w in {"the", "and", "to", "of", "i", "you", "my", "a", "that", "in", "is", "not", "me", "will",
                     "with", "be", "it", "your", "his", "for", "this", "thou", "have", "so", "him", "but"}
               for w in words) >= 3          # at τ = 0.5 a trained model writes common English words
