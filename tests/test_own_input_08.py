"""Notebook 08's "try your own input": predict_digit (teaching code in the notebook) on good and bad inputs.

The function is taken out of the notebook's cell (tests/notebook_code.py); small fake models keep these tests fast,
and the shipped full-mode GRU (helpers/data/models/08_gru.weights.zip) is checked on drawn digits.
"""
import re

import keras
import matplotlib
import numpy as np
import pytest
from PIL import Image, ImageDraw

from helpers import digits, saved_models
from tests.notebook_code import constant, define

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

HANGUL = re.compile(r"[가-힣]")
predict_digit = define("08", "predict_digit")
build_gru = define("08", "build_gru", keras=keras)


def preprocessing():
    """The PREPROCESSING dict of the notebook's saved-model cell (what the shipped file must hold)."""
    return constant("08", "PREPROCESSING")


def fake_model(favourite=None):
    """Flatten + Dense(10): logits 5 for `favourite` (else all 0, i.e. uniform probabilities)."""
    model = keras.Sequential([keras.Input((28, 28)), keras.layers.Flatten(), keras.layers.Dense(10)], name="fake")
    kernel, bias = model.layers[-1].get_weights()
    bias = np.zeros(10, dtype="float32")
    if favourite is not None:
        bias[favourite] = 5.0
    model.layers[-1].set_weights([np.zeros_like(kernel), bias])
    return model


def drawn(kind, size=(400, 400), width=40):
    """A dark digit on white paper, drawn as a student would (colour RGB image)."""
    canvas = Image.new("RGB", size, (250, 248, 240))
    draw = ImageDraw.Draw(canvas)
    w, h = size
    if kind == 0:
        draw.ellipse([w * 0.3, h * 0.15, w * 0.7, h * 0.85], outline=(10, 10, 40), width=width)
    elif kind == 1:
        draw.line([(w * 0.5, h * 0.15), (w * 0.5, h * 0.85)], fill=(10, 10, 40), width=width)
    else:
        draw.line([(w * 0.3, h * 0.2), (w * 0.7, h * 0.2), (w * 0.45, h * 0.85)], fill=(10, 10, 40), width=width)
    return canvas


def test_array_and_file_give_probabilities(tmp_path, capsys):
    model = fake_model(favourite=3)
    zero = np.zeros((28, 28), dtype="float32")
    zero[6:22, 10:18] = 1.0
    probabilities = predict_digit(zero, model, show=False)
    assert probabilities.shape == (10,) and probabilities.sum() == pytest.approx(1.0, abs=1e-5)
    assert probabilities.argmax() == 3
    out = capsys.readouterr().out
    assert "28x28 array: used as is" in out and "fake: 3 (probability" in out
    drawn(1).save(tmp_path / "one.jpg")
    probabilities = predict_digit(str(tmp_path / "one.jpg"), model, show=True)   # a str path, and the figure
    plt.close("all")
    assert probabilities.argmax() == 3
    assert "one.jpg: 400x400 -> grey, inverted" in capsys.readouterr().out


def test_an_unsure_model_says_so(capsys):
    zero = np.zeros((28, 28), dtype="float32")
    zero[6:22, 12:16] = 1.0
    probabilities = predict_digit(zero, fake_model(), show=False)
    assert np.allclose(probabilities, 0.1)
    assert "확신하지 못합니다" in capsys.readouterr().out


@pytest.mark.parametrize("bad, english", [
    (np.zeros(784), "got (784,)"), (np.zeros((1, 28, 28)), "got (1, 28, 28)"), (np.zeros((28, 28, 3)), "colour"),
    (np.zeros((64, 64)), "image file"), (np.zeros((28, 28)), "blank"), (np.full((28, 28), 255.0), "blank"),
])
def test_bad_arrays_stop_with_korean_first_errors(bad, english):
    with pytest.raises(digits.DigitImageError) as err:
        predict_digit(bad, fake_model(), show=False)
    first, _, rest = str(err.value).partition("\n")
    assert HANGUL.search(first) and english in str(err.value) and "How to fix" in rest


def test_bad_files_stop_with_korean_first_errors(tmp_path):
    Image.new("RGB", (640, 480), "white").save(tmp_path / "blank.png")
    (tmp_path / "notes.png").write_text("7")
    cases = {tmp_path / "missing.png": "does not exist", tmp_path / "blank.png": "blank.png is blank",
             tmp_path / "notes.png": "cannot be read as an image", tmp_path: "is a folder"}
    for path, english in cases.items():
        with pytest.raises(digits.DigitImageError) as err:
            predict_digit(path, fake_model(), show=False)
        first, _, rest = str(err.value).partition("\n")
        assert HANGUL.search(first) and english in rest


@pytest.fixture(scope="module")
def shipped_gru():
    path = saved_models.shipped_path("08_gru")
    model = build_gru(name="saved_gru")
    saved_models.load_weights(model, path, expect=preprocessing())
    return model


def test_the_shipped_gru_loads_with_the_notebooks_preprocessing(shipped_gru):
    manifest = saved_models.read_manifest(saved_models.shipped_path("08_gru"))
    assert manifest["preprocessing"] == preprocessing()
    assert manifest["metrics"]["test_accuracy_gru"] >= 0.98
    assert saved_models.shipped_path("08_gru").stat().st_size < 1_000_000


@pytest.mark.parametrize("kind", [0, 1, 7])
def test_the_shipped_gru_reads_drawn_digits_from_files(shipped_gru, tmp_path, kind):
    drawn(kind, size=(500, 380), width=30).save(tmp_path / f"{kind}.png")
    probabilities = predict_digit(tmp_path / f"{kind}.png", shipped_gru, show=False)
    assert probabilities.argmax() == kind
