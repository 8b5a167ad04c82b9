"""Notebook 09's "try your own image": prepare_image, reconstruct_images and interpolate_images on good and bad inputs.

The functions are taken out of the notebook's cells (tests/notebook_code.py) and run with a tiny fake
encoder/decoder (no training, no dataset); the shipped full-mode autoencoder is checked on an image too.
"""
import re

import keras
import matplotlib
import numpy as np
import pytest
from PIL import Image

from helpers import saved_models
from tests.notebook_code import constant, define

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

HANGUL = re.compile(r"[가-힣]")
run_model = define("09", "run_model", keras=keras, np=np, plt=plt)
rounded_accuracy_np = define("09", "rounded_accuracy_np", keras=keras, np=np)
build_stacked_autoencoder = define("09", "build_stacked_autoencoder", keras=keras)
NAMESPACE = {"np": np, "plt": plt, "keras": keras, "run_model": run_model, "rounded_accuracy_np": rounded_accuracy_np}
prepare_image = define("09", "prepare_image", **NAMESPACE)
reconstruct_images = define("09", "reconstruct_images", **NAMESPACE)
interpolate_images = define("09", "interpolate_images", **NAMESPACE)


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def korean_first(error: BaseException, english: str) -> None:
    first, _, rest = str(error).partition("\n")
    assert HANGUL.search(first), f"first line is not Korean: {first!r}"
    assert english in rest, f"{english!r} missing from {rest!r}"


def fake_autoencoder():
    """Flatten + Dense(30) / Dense(784, sigmoid) + Reshape, fixed random weights: the notebook's shapes."""
    keras.utils.set_random_seed(0)
    encoder = keras.Sequential([keras.Input((28, 28)), keras.layers.Flatten(), keras.layers.Dense(30)])
    decoder = keras.Sequential([keras.Input((30,)), keras.layers.Dense(784, activation="sigmoid"),
                                keras.layers.Reshape((28, 28))])
    return encoder, decoder


def shirt(size=28, light_background=False, scale=255.0):
    """A bright T-shirt silhouette on a dark square (or the reverse), values 0-scale."""
    image = np.zeros((size, size), dtype=np.float32)
    s = size / 28
    image[int(4 * s):int(26 * s), int(8 * s):int(20 * s)] = 1        # body
    image[int(4 * s):int(10 * s), int(2 * s):int(26 * s)] = 1        # sleeves
    if light_background:
        image = 1 - image
    return image * scale


# ---- good inputs


def test_a_validation_like_array_passes_unchanged():
    image = shirt(scale=1.0) * 0.8                                   # already 0-1, like X_valid
    prepared = prepare_image(image)
    assert prepared.shape == (28, 28) and prepared.dtype == np.float32
    np.testing.assert_array_equal(prepared, image)


def test_0_255_arrays_are_scaled_like_training():
    prepared = prepare_image(shirt().astype(np.uint8))
    assert prepared.max() == pytest.approx(1.0) and prepared.min() == 0.0
    np.testing.assert_allclose(prepared, shirt(scale=1.0))


def test_light_background_is_inverted():
    prepared = prepare_image(shirt(light_background=True))
    np.testing.assert_allclose(prepared, shirt(scale=1.0))           # object light, background dark again


def test_an_array_of_another_size_is_trimmed_padded_and_resized():
    big = np.zeros((90, 60), dtype=np.float32)
    big[10:80, 20:40] = 200                                          # a tall bar, off-centre
    prepared = prepare_image(big)
    assert prepared.shape == (28, 28)
    rows, cols = np.nonzero(prepared > 0.5)
    assert rows.min() == 0 and rows.max() == 27                      # longest side fills the square
    assert abs((cols.min() + cols.max()) / 2 - 13.5) <= 1            # centred across


def test_an_image_file_of_any_size(tmp_path):
    """A colour photo, dark object on white, 150x100 pixels, becomes 28x28, object light on dark, 0-1."""
    rgb = np.full((150, 100, 3), 245, dtype=np.uint8)
    rgb[20:130, 30:70] = (30, 20, 60)
    path = tmp_path / "photo.jpg"
    Image.fromarray(rgb).save(path)
    prepared = prepare_image(path)
    assert prepared.shape == (28, 28) and 0 <= prepared.min() and prepared.max() <= 1
    assert prepared[0, 0] < 0.1 and prepared[14, 14] > 0.7
    assert prepare_image(str(path)).shape == (28, 28)               # a string path too


@pytest.mark.parametrize("paper", [205, 150])
def test_grey_paper_is_subtracted_and_the_object_trimmed(tmp_path, paper):
    """Off-white (0.8) or grey (0.6) grainy paper: after inverting, the background is 0.2-0.4 and must become 0,
    or fit_to_square keeps the whole photo and the grey paper meets black padding."""
    rng = np.random.default_rng(1)
    photo = paper + rng.normal(0, 3, size=(150, 100))                # grainy paper, 150 rows x 100 columns
    photo[20:130, 40:60] = 25                                        # a dark bar: 110 x 20, off-centre
    path = tmp_path / "grey_paper.png"
    Image.fromarray(np.clip(photo, 0, 255).astype(np.uint8)).save(path)
    prepared = prepare_image(path)
    assert prepared.shape == (28, 28)
    background = np.ones((28, 28), dtype=bool)
    background[:, 9:19] = False                                      # the bar fills the height, centred across
    assert prepared[background].max() < 0.02                         # paper -> 0, padding and paper agree
    rows, cols = np.nonzero(prepared > 0.5)
    assert (rows.min(), rows.max()) == (0, 27)                       # trimmed to the bar: it fills the height
    assert abs((cols.min() + cols.max()) / 2 - 13.5) <= 1 and cols.max() - cols.min() <= 6
    assert prepared.max() > 0.8             # the bar is bright: (paper - 25) / paper = 0.83-0.88 of the way to 1


def test_grey_paper_array_and_white_paper_give_the_same_image():
    white = shirt(size=56, light_background=True)                    # 255 paper, 0 shirt
    grey = 205 * white / 255                                         # 205 paper, 0 shirt: same photo on grey paper
    np.testing.assert_allclose(prepare_image(grey), prepare_image(white), atol=1e-5)


def test_noise_alone_on_grey_paper_is_blank():
    noise = 200 + np.random.default_rng(2).normal(0, 4, size=(60, 60))   # spans > 0.1, but no object
    with pytest.raises(ValueError) as error:
        prepare_image(np.clip(noise, 0, 255))
    korean_first(error.value, "no pixel stands out")


def test_a_transparent_drawing_reads_as_white_background(tmp_path):
    rgba = np.zeros((64, 64, 4), dtype=np.uint8)                     # transparent everywhere...
    rgba[8:56, 24:40] = (0, 0, 0, 255)                               # ...but a black bar
    path = tmp_path / "drawing.png"
    Image.fromarray(rgba).save(path)
    prepared = prepare_image(path)
    assert prepared[0, 0] < 0.1 and prepared[14, 14] > 0.7


def test_reconstruct_and_interpolate_shapes():
    encoder, decoder = fake_autoencoder()
    codes = reconstruct_images([shirt(), shirt(light_background=True)], encoder, decoder)
    assert codes.shape == (2, 30)
    np.testing.assert_allclose(codes[0], codes[1], atol=1e-6)       # same prepared image, same code
    assert reconstruct_images(shirt(), encoder, decoder).shape == (1, 30)    # one image given alone
    decoded = interpolate_images(shirt(), shirt(size=56, scale=1.0), encoder, decoder, steps=5)
    assert decoded.shape == (5, 28, 28) and decoded.min() >= 0 and decoded.max() <= 1
    ends = run_model(decoder, run_model(encoder, np.stack([prepare_image(shirt()),
                                                           prepare_image(shirt(size=56, scale=1.0))])))
    np.testing.assert_allclose(decoded[[0, -1]], ends, atol=1e-5)   # the row starts at A's and ends at B's decoding


# ---- bad inputs: a clear error, Korean first, naming the problem and the fix


@pytest.mark.parametrize("shape, hint", [((784,), "reshape(28, 28)"), ((28, 28, 3), "mean(axis=-1)"),
                                         ((2, 28, 28), "a list of 2-D images"), ((1, 28), "such as (28, 28)")])
def test_wrong_shape(shape, hint):
    with pytest.raises(ValueError) as error:
        prepare_image(np.full(shape, 100.0))
    korean_first(error.value, f"got shape {shape}")
    assert hint in str(error.value)


def test_missing_file(tmp_path):
    with pytest.raises(FileNotFoundError) as error:
        prepare_image(tmp_path / "no_such.png")
    korean_first(error.value, "no_such.png: no such file")


def test_a_file_that_is_not_an_image(tmp_path):
    path = tmp_path / "notes.png"
    path.write_text("this is not a picture")
    with pytest.raises(ValueError) as error:
        prepare_image(path)
    korean_first(error.value, "notes.png: not an image")
    assert "PNG or JPEG" in str(error.value)


@pytest.mark.parametrize("value", [0, 1, 255, 128])
def test_blank_image(value):
    with pytest.raises(ValueError) as error:
        prepare_image(np.full((28, 28), value, dtype=np.uint8))
    korean_first(error.value, "pixel values span only")


def test_a_blank_image_file(tmp_path):
    path = tmp_path / "white.png"
    Image.new("L", (50, 50), 255).save(path)
    with pytest.raises(ValueError) as error:
        prepare_image(path)
    korean_first(error.value, "pixel values span only")


@pytest.mark.parametrize("bad, found", [(-1.0, "values from -1 to 255"), (300.0, "values from 0 to 300"),
                                        (np.nan, "and NaN/inf"), (np.inf, "and NaN/inf")])
def test_values_outside_0_255(bad, found):
    image = shirt()
    image[0, 0] = bad
    with pytest.raises(ValueError) as error:
        prepare_image(image)
    korean_first(error.value, found)


def test_not_an_array():
    with pytest.raises(TypeError) as error:
        prepare_image({"a": 1})
    korean_first(error.value, "got dict")


@pytest.mark.parametrize("steps", [np.int64(4), np.int32(3), 2])
def test_steps_any_integer_type(steps):
    encoder, decoder = fake_autoencoder()
    assert interpolate_images(shirt(), shirt(), encoder, decoder, steps=steps).shape == (int(steps), 28, 28)


def test_bad_steps_and_bad_images_in_lists():
    encoder, decoder = fake_autoencoder()
    with pytest.raises(ValueError) as error:
        interpolate_images(shirt(), shirt(), encoder, decoder, steps=1)
    korean_first(error.value, "got steps=1")
    for bad in (True, 7.0, "7", np.int64(1)):
        with pytest.raises(ValueError) as error:
            interpolate_images(shirt(), shirt(), encoder, decoder, steps=bad)
        korean_first(error.value, f"got steps={bad!r}")
    with pytest.raises(ValueError) as error:
        reconstruct_images([shirt(), np.zeros((28, 28))], encoder, decoder)
    korean_first(error.value, "pixel values span only")


# ---- the shipped model


def preprocessing():
    """The PREPROCESSING dict of the notebook's saved-model cell (what the shipped file must hold)."""
    return constant("09", "PREPROCESSING")


def test_the_shipped_autoencoder_reconstructs_a_drawn_shirt():
    encoder, decoder, autoencoder = build_stacked_autoencoder()
    info = saved_models.load_weights(autoencoder, saved_models.shipped_path("09_autoencoder"), expect=preprocessing())
    assert info["metrics"]["val_rounded_accuracy"] > 0.93
    image = prepare_image(shirt(size=80, light_background=True))
    reconstruction = run_model(decoder, run_model(encoder, image[None]))[0]
    assert rounded_accuracy_np(image, reconstruction) > 0.8          # a fresh (untrained) copy gets about 0.5
