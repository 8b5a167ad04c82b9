"""helpers/images.py: reading any image file as grey levels, fitting an image into a small square."""
import re

import numpy as np
import pytest
from PIL import Image

from helpers import images

HANGUL = re.compile(r"[가-힣]")


def test_read_grey_image_any_format_and_size(tmp_path):
    rgb = np.zeros((30, 50, 3), dtype=np.uint8)
    rgb[..., 0] = 255                                               # pure red
    Image.fromarray(rgb).save(tmp_path / "red.png")
    grey = images.read_grey_image(tmp_path / "red.png")
    assert grey.shape == (30, 50) and grey.dtype == np.float32
    assert np.all(grey == 76)                                       # Pillow's luminance of red (0.299 * 255)
    Image.fromarray(rgb).save(tmp_path / "red.jpg")
    assert images.read_grey_image(str(tmp_path / "red.jpg")).shape == (30, 50)


def test_transparency_becomes_white(tmp_path):
    rgba = np.zeros((10, 10, 4), dtype=np.uint8)
    rgba[4:6, 4:6] = (0, 0, 0, 255)
    Image.fromarray(rgba).save(tmp_path / "drawing.png")
    grey = images.read_grey_image(tmp_path / "drawing.png")
    assert grey[0, 0] == 255 and grey[5, 5] == 0


def test_missing_and_broken_files(tmp_path):
    with pytest.raises(FileNotFoundError) as error:
        images.read_grey_image(tmp_path / "gone.png")
    assert HANGUL.search(str(error.value).splitlines()[0]) and "gone.png: no such file" in str(error.value)
    (tmp_path / "fake.jpg").write_bytes(b"\x00\x01 not a jpeg")
    with pytest.raises(ValueError) as error:
        images.read_grey_image(tmp_path / "fake.jpg")
    assert HANGUL.search(str(error.value).splitlines()[0]) and "fake.jpg: not an image" in str(error.value)
    with pytest.raises(FileNotFoundError):
        images.read_grey_image(tmp_path)                            # a folder is not an image file


def test_fit_to_square_trims_pads_and_resizes():
    image = np.zeros((60, 100), dtype=np.float32)
    image[10:50, 20:40] = 1                                         # a 40x20 object
    square = images.fit_to_square(image, size=28)
    assert square.shape == (28, 28) and square.dtype == np.float32
    assert 0 <= square.min() and square.max() <= 1
    rows, cols = np.nonzero(square > 0.5)
    assert (rows.min(), rows.max()) == (0, 27)                      # the longest side fills the square
    assert (cols.min(), cols.max()) == (7, 20)                      # the other is centred (14 of 28 columns)


def test_fit_to_square_keeps_an_image_without_object_and_refuses_3d():
    faint = np.full((10, 20), 0.05, dtype=np.float32)
    assert images.fit_to_square(faint, size=8).shape == (8, 8)
    with pytest.raises(ValueError, match="2-D"):
        images.fit_to_square(np.zeros((4, 4, 3)))


def test_subtract_background_grey_paper_to_zero():
    rng = np.random.default_rng(0)
    image = 0.2 + rng.normal(0, 0.01, size=(40, 30)).astype(np.float32)   # inverted off-white paper, grainy
    image[10:30, 10:20] = 0.9                                       # the object
    clean = images.subtract_background(image)
    assert clean.dtype == np.float32 and clean.shape == (40, 30)
    paper = np.r_[clean[:10].ravel(), clean[30:].ravel()]
    assert (paper == 0).mean() > 0.99 and paper.max() < 0.05         # paper and its grain -> 0 (a rare grain: weak)
    np.testing.assert_allclose(clean[10:30, 10:20], (0.9 - 0.2) / 0.8, atol=0.02)   # rescaled: 1 would stay 1
    assert np.array_equal(np.nonzero(images.fit_to_square(clean) > 0.1)[0][[0, -1]], [0, 27])   # now trimmed


def test_subtract_background_keeps_a_zero_background_image_and_an_object_touching_the_border():
    image = np.zeros((28, 28), dtype=np.float32)
    image[0:28, 10:18] = np.linspace(0.01, 1, 28)[:, None]           # touches the top and bottom rows
    np.testing.assert_array_equal(images.subtract_background(image), image)
    image[:, :5] = 0.5                                              # more than half the border is not 0 ...
    assert images.subtract_background(image).max() <= 1             # ... still 0-1


def test_subtract_background_edge_cases():
    assert not images.subtract_background(np.ones((5, 5))).any()     # all background
    with pytest.raises(ValueError, match="2-D"):
        images.subtract_background(np.zeros((2, 2)))
    with pytest.raises(ValueError, match="2-D"):
        images.subtract_background(np.zeros((4, 4, 3)))
