"""helpers.digits: a student's digit prepared the way MNIST was made; every bad input stops with a Korean-first error."""
import re

import numpy as np
import pytest
from PIL import Image, ImageDraw

from helpers import digits

HANGUL = re.compile(r"[가-힣]")


def _korean_first(exc: BaseException, english: str) -> None:
    first, _, rest = str(exc).partition("\n")
    assert HANGUL.search(first), first
    assert english in rest, rest
    assert "How to fix" in rest, rest


def mnist_like_zero() -> np.ndarray:
    """A ring drawn like an MNIST 0: white on black, in a 20x20 box, centred in 28x28."""
    image = Image.new("L", (28, 28), 0)
    ImageDraw.Draw(image).ellipse([8, 4, 19, 23], outline=255, width=3)
    return np.asarray(image, dtype=np.float32) / 255.0


def centre_of_mass(image):
    rows, cols = np.indices(image.shape)
    return (rows * image).sum() / image.sum(), (cols * image).sum() / image.sum()


def save_big_dark_on_light(array, path, size=(420, 300), colour=True):
    big = Image.fromarray(np.uint8(255 - 255 * array)).resize(size, Image.Resampling.BICUBIC)
    (Image.merge("RGB", [big, big, big.point(lambda v: min(255, v + 40))]) if colour else big).save(path)
    return path


def test_a_large_dark_on_light_colour_file_comes_back_as_the_mnist_digit(tmp_path):
    zero = mnist_like_zero()
    image, steps = digits.prepare_file(save_big_dark_on_light(zero, tmp_path / "zero.png", size=(560, 560)))
    assert image.shape == (28, 28) and image.dtype == np.float32
    assert image.min() >= 0 and image.max() == pytest.approx(1.0)
    assert "inverted" in steps and "centre of mass at (14, 14)" in steps
    assert np.corrcoef(image.ravel(), zero.ravel())[0, 1] > 0.9
    assert image[0].max() == 0 and image[:, 0].max() == 0      # white on black: the border stays black


def test_the_bounding_box_fits_20x20_keeping_the_aspect_ratio_and_is_centred_by_mass(tmp_path):
    canvas = Image.new("RGB", (900, 700), "white")            # a thick, tall, off-centre stroke: a "1"
    ImageDraw.Draw(canvas).line([(100, 80), (100, 680)], fill=(20, 20, 60), width=60)
    canvas.save(tmp_path / "one.jpg", quality=90)
    image, _ = digits.prepare_file(tmp_path / "one.jpg")
    ink = np.argwhere(image > 0.05)
    height, width = ink.max(axis=0) - ink.min(axis=0) + 1
    assert height == 20 and 2 <= width <= 4                       # 600 x 60 -> 20 x 2
    assert centre_of_mass(image) == pytest.approx((14, 14), abs=0.6)


def test_a_light_digit_on_dark_is_not_inverted(tmp_path):
    Image.fromarray(np.uint8(255 * mnist_like_zero())).resize((100, 100)).save(tmp_path / "white_on_black.png")
    image, steps = digits.prepare_file(tmp_path / "white_on_black.png")
    assert "kept (light digit on dark)" in steps and image[0].max() == 0


def test_a_thin_pen_line_in_a_large_image_is_thickened(tmp_path):
    canvas = Image.new("L", (800, 600), 255)
    ImageDraw.Draw(canvas).line([(300, 100), (500, 100), (380, 500)], fill=0, width=3)
    canvas.save(tmp_path / "seven.png")
    image, steps = digits.prepare_file(tmp_path / "seven.png")
    assert "thickened" in steps
    assert (image > 0.5).sum() >= 40                              # a 3-pixel line would vanish into ~0.15 px


def test_transparent_png_is_laid_over_white_paper(tmp_path):
    canvas = Image.new("RGBA", (200, 200), (0, 0, 0, 0))         # transparent black: what drawing apps save
    ImageDraw.Draw(canvas).line([(100, 20), (100, 180)], fill=(0, 0, 0, 255), width=16)
    canvas.save(tmp_path / "drawn.png")
    image, steps = digits.prepare_file(tmp_path / "drawn.png")
    assert "inverted" in steps and image.max() == pytest.approx(1.0)


def test_blank_files_and_arrays(tmp_path):
    Image.new("RGB", (300, 200), "white").save(tmp_path / "white.png")
    Image.new("L", (50, 50), 0).save(tmp_path / "black.png")
    for name in ["white.png", "black.png"]:
        with pytest.raises(digits.DigitImageError) as err:
            digits.prepare_file(tmp_path / name)
        _korean_first(err.value, f"{name} is blank")
    for blank in [np.zeros((28, 28)), np.ones((28, 28)), np.full((28, 28), 255, dtype=np.uint8)]:
        with pytest.raises(digits.DigitImageError) as err:
            digits.prepare_array(blank)
        _korean_first(err.value, "the array is blank")


def test_missing_file_folder_and_non_image(tmp_path):
    with pytest.raises(digits.DigitImageError) as err:
        digits.prepare_file(tmp_path / "nothing.png")
    _korean_first(err.value, "does not exist")
    assert "nothing.png" in str(err.value).partition("\n")[0]
    with pytest.raises(digits.DigitImageError) as err:
        digits.prepare_file(tmp_path)
    _korean_first(err.value, "is a folder, not a file")
    (tmp_path / "notes.png").write_text("not an image")
    (tmp_path / "empty.jpg").write_bytes(b"")
    for name in ["notes.png", "empty.jpg"]:
        with pytest.raises(digits.DigitImageError) as err:
            digits.prepare_file(tmp_path / name)
        _korean_first(err.value, f"{name} cannot be read as an image")


@pytest.mark.parametrize("shape, fix", [((784,), "np.reshape(x, (28, 28))"), ((1, 28, 28), "np.reshape"),
                                        ((28, 28, 3), "colour image"), ((100, 100), "image file"),
                                        ((2, 28, 28), "one digit"), ((), "one digit")])
def test_wrong_array_shapes(shape, fix):
    with pytest.raises(digits.DigitImageError) as err:
        digits.prepare_array(np.full(shape, 0.5))
    _korean_first(err.value, f"got {shape}")
    assert fix in str(err.value)


def test_bad_array_values():
    with pytest.raises(digits.DigitImageError) as err:
        digits.prepare_array(np.full((28, 28), np.nan))
    _korean_first(err.value, "NaN")
    for bad in [np.full((28, 28), -1.0), np.full((28, 28), 300.0)]:
        with pytest.raises(digits.DigitImageError) as err:
            digits.prepare_array(bad)
        _korean_first(err.value, "outside 0-255")
    with pytest.raises(digits.DigitImageError) as err:
        digits.prepare_array("seven")
    _korean_first(err.value, "not an array of numbers")


def test_arrays_in_mnist_format_0_255_and_inverted():
    zero = mnist_like_zero()
    same, steps = digits.prepare_array(zero)
    assert steps.endswith("used as is (MNIST format)") and np.array_equal(same, zero)
    scaled, steps = digits.prepare_array(np.uint8(np.round(zero * 255)))
    assert "/ 255" in steps and np.allclose(scaled, zero, atol=1 / 255)
    flipped, steps = digits.prepare_array(1 - zero)
    assert "inverted" in steps and np.allclose(flipped, zero, atol=1e-6)
