"""A student's own digit in MNIST's format: a 28x28 array or an image file of any size, prepared as MNIST was made.

How MNIST was made (LeCun, Cortes and Burges): NIST's black-and-white digits were scaled to fit a 20x20 box
keeping their aspect ratio (anti-aliasing gives the grey levels), then placed in a 28x28 field so that their
centre of mass sits at the field's centre. MNIST's digits are white (1 after dividing by 255) on black (0);
their centre of mass is at pixel (row 14, column 14) on average (measured on the training images).

:func:`prepare_file` does the same to a photo or a drawing (colour or grey, any size, dark digit on light paper
or light on dark); :func:`prepare_array` checks a 28x28 array that is already in MNIST's layout. Both return the
prepared image (float32, 0-1, white on black) and one line saying what was done. Problems a student meets (a
missing file, a file that is not an image, a blank image, a wrong shape) raise :class:`DigitImageError`, whose
message starts with one Korean sentence and names the problem and the fix.

Used in: 08.
"""
from __future__ import annotations

import math
import os
from pathlib import Path

import numpy as np

from helpers import images, runtime

SIZE = 28            # the field
BOX = 20             # the digit's bounding box is scaled to fit BOX x BOX
CENTRE = 14.0        # MNIST's mean centre of mass (row and column)
MIN_STROKE = 2.0     # thinnest pen stroke, in pixels of the 20x20 box (MNIST's strokes: about 2-4.5)
MIN_CONTRAST = 0.2   # ink must differ from the background by this much (0-1 scale), else the image is blank
TEXTURE = 0.25       # after stretching background -> 0, ink -> 1: weaker values are paper texture or shadow


class DigitImageError(ValueError):
    """A digit image that cannot be read as a digit. Used in: 08."""


def _error(korean: str, problem: str, fix: str) -> DigitImageError:
    return DigitImageError(f"{korean}\n{problem}. How to fix: {fix}.")


def _blank(what: str) -> DigitImageError:
    return _error("빈 이미지입니다: 숫자가 보이지 않습니다. 흰 종이에 진하게 쓴 숫자를 주세요.",
                  f"{what} is blank (no stroke stands out from the background)",
                  "write the digit darker or larger, or pass another image")


def read_grey(path: str | os.PathLike) -> np.ndarray:
    """An image file as grey levels 0-1 (2-D float32); transparency is laid over white paper.

    Phone photos are turned upright (EXIF orientation). Used in: prepare_file.
    """
    from PIL import UnidentifiedImageError

    if not isinstance(path, (str, os.PathLike)):
        raise TypeError(f"a path is a str or pathlib.Path, got {type(path).__name__}.")
    path = Path(path)
    if not path.exists():
        raise _error(f"파일이 없습니다: {path.name}. 경로와 파일 이름을 확인하세요.",
                     f"{runtime.display_path(path)} does not exist",
                     "check the folder and the file name (a relative path starts in the notebook's folder: "
                     "print(Path.cwd()) shows it)")
    if not path.is_file():
        raise _error(f"파일이 아니라 폴더입니다: {path.name}. 이미지 파일의 경로를 주세요.",
                     f"{runtime.display_path(path)} is a folder, not a file", "pass the path of the image file inside it")
    try:
        grey = images.open_grey(path) / 255.0
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        raise _error(f"이미지 파일이 아닙니다: {path.name}. PNG나 JPEG 파일을 주세요.",
                     f"{path.name} cannot be read as an image ({type(exc).__name__})",
                     "save the drawing or photo as PNG or JPEG and pass that file") from None
    return grey


def white_on_black(grey: np.ndarray, what: str = "the image") -> tuple[np.ndarray, bool]:
    """Ink 0-1 on a 0 background: inverted when the background (the border's median) is light.

    The background goes to 0, the strongest ink to 1 and weak values (paper texture, shadows) to 0.
    Returns the ink and whether it was inverted. Used in: prepare_file.
    """
    grey = np.asarray(grey, dtype=np.float32)
    border = np.concatenate([grey[0], grey[-1], grey[:, 0], grey[:, -1]])
    inverted = bool(np.median(border) > 0.5)
    ink = 1.0 - grey if inverted else grey
    background = float(np.median(border if not inverted else 1.0 - border))
    strength = float(ink.max()) - background
    if strength < MIN_CONTRAST:
        raise _blank(what)
    ink = np.clip((ink - background) / strength, 0.0, 1.0)
    ink[ink < TEXTURE] = 0.0
    return ink, inverted


def _stroke_width(ink: np.ndarray) -> float:
    """Mean stroke width in pixels: 2 x area / boundary of the binarised strokes (a long thin stroke: area w*L,
    boundary 2*L)."""
    from scipy import ndimage

    strokes = ink > 0.5
    boundary = strokes & ~ndimage.binary_erosion(strokes)
    return 2.0 * strokes.sum() / max(int(boundary.sum()), 1)


def _crop(ink: np.ndarray) -> np.ndarray:
    rows, cols = np.flatnonzero(ink.any(axis=1)), np.flatnonzero(ink.any(axis=0))
    return ink[rows[0]:rows[-1] + 1, cols[0]:cols[-1] + 1]


def to_mnist(ink: np.ndarray, what: str = "the image") -> tuple[np.ndarray, str]:
    """White-on-black ink of any size -> 28x28 as MNIST: the bounding box scaled to fit 20x20 (aspect kept),
    the centre of mass moved to (14, 14).

    A pen line that would become thinner than MIN_STROKE pixels in the 20x20 box is first thickened (a maximum
    filter), since MNIST's strokes are 2-4.5 pixels wide there. Returns the image and what was done.
    Used in: prepare_file.
    """
    from PIL import Image
    from scipy import ndimage

    ink = np.asarray(ink, dtype=np.float32)
    if not ink.any():
        raise _blank(what)
    crop = _crop(ink)
    height, width = crop.shape
    steps = [f"ink box {width}x{height}"]
    scale = BOX / max(height, width)
    stroke = _stroke_width(crop)
    if stroke * scale < MIN_STROKE:
        k = int(math.ceil(MIN_STROKE / scale - stroke)) + 1
        crop = _crop(ndimage.maximum_filter(np.pad(crop, k), size=k))
        height, width = crop.shape
        scale = BOX / max(height, width)
        steps.append(f"thin strokes thickened (maximum filter of {k} px)")
    new_w, new_h = max(1, round(width * scale)), max(1, round(height * scale))
    small = np.asarray(Image.fromarray(crop, mode="F").resize((new_w, new_h), Image.Resampling.BILINEAR))
    small = np.clip(small, 0.0, None)
    small = small / small.max()
    steps.append(f"scaled to {new_w}x{new_h}")
    rows, cols = np.indices(small.shape)
    centre_row, centre_col = (rows * small).sum() / small.sum(), (cols * small).sum() / small.sum()
    top, left = int(round(CENTRE - centre_row)), int(round(CENTRE - centre_col))
    image = np.zeros((SIZE, SIZE), dtype=np.float32)
    r0, c0 = max(top, 0), max(left, 0)
    r1, c1 = min(top + new_h, SIZE), min(left + new_w, SIZE)
    image[r0:r1, c0:c1] = small[r0 - top:r1 - top, c0 - left:c1 - left]
    steps.append("centre of mass at (14, 14)")
    return image, ", ".join(steps)


def prepare_file(path: str | os.PathLike) -> tuple[np.ndarray, str]:
    """An image file (PNG, JPEG, ...; colour or grey, any size) as a 28x28 MNIST-format digit, and what was done.

    Grey levels -> white on black (inverted when the paper is light) -> bounding box into 20x20, aspect kept ->
    centre of mass at the centre of 28x28; values 0-1 as the training images (pixel / 255). Used in: 08.
    """
    grey = read_grey(path)
    name = Path(path).name
    ink, inverted = white_on_black(grey, what=name)
    image, steps = to_mnist(ink, what=name)
    colours = "inverted (dark digit on light paper)" if inverted else "kept (light digit on dark)"
    return image, f"{name}: {grey.shape[1]}x{grey.shape[0]} -> grey, {colours}, {steps}"


def prepare_array(array) -> tuple[np.ndarray, str]:
    """A 28x28 array already laid out as MNIST (digit centred, 0-1 or 0-255) as the model's input.

    0-255 values are divided by 255 as the training images were; a light background is inverted. A wrong shape,
    values outside 0-255 or a blank array raise DigitImageError naming the fix. Used in: 08.
    """
    try:
        array = np.asarray(array, dtype=np.float32)
    except (TypeError, ValueError):
        raise _error("숫자 배열이 아닙니다: 28x28 숫자 배열이나 이미지 파일 경로를 주세요.",
                     f"got {type(array).__name__}, which is not an array of numbers",
                     "pass a 28x28 NumPy array or the path of an image file") from None
    shape = array.shape
    if shape != (SIZE, SIZE):
        if array.size == SIZE * SIZE:
            fix = "reshape it: np.reshape(x, (28, 28))"
        elif array.ndim == 3 and shape[:2] == (SIZE, SIZE) and shape[2] in (3, 4):
            fix = "it is a colour image: take the grey levels, e.g. x.mean(axis=2), or save it as a PNG file"
        elif array.ndim == 2:
            fix = "save it as an image file (PIL.Image.fromarray(np.uint8(x)).save('data/cache/mine.png')) " \
                  "and pass the file's path: a file of any size is scaled as MNIST was"
        else:
            fix = "pass one digit as a 28x28 array (one image, no batch axis, no colour axis)"
        raise _error(f"배열의 모양이 {shape} 입니다: 숫자 하나는 28x28 배열이어야 합니다.",
                     f"an array digit must have shape (28, 28), got {shape}", fix)
    if not np.isfinite(array).all():
        raise _error("배열에 NaN이나 무한대가 있습니다: 0-1 또는 0-255 사이의 값만 주세요.",
                     "the array holds NaN or infinite values", "replace them, e.g. np.nan_to_num(x)")
    low, high = float(array.min()), float(array.max())
    if low < 0 or high > 255:
        raise _error(f"값의 범위가 {low:g}..{high:g} 입니다: 0-1 또는 0-255 사이의 값만 주세요.",
                     f"values run from {low:g} to {high:g}, outside 0-255",
                     "pass grey levels 0-255 (as the MNIST files hold) or 0-1 (as after dividing by 255)")
    steps = []
    if high > 1:
        array = array / 255.0
        steps.append("0-255 -> 0-1 (/ 255 as in training)")
    if np.median(np.concatenate([array[0], array[-1], array[:, 0], array[:, -1]])) > 0.5:
        array = 1.0 - array
        steps.append("inverted (dark digit on light background)")
    border = np.concatenate([array[0], array[-1], array[:, 0], array[:, -1]])
    if float(array.max()) - float(np.median(border)) < MIN_CONTRAST:
        raise _blank("the array")
    return array.astype(np.float32), "28x28 array: " + (", ".join(steps) if steps else "used as is (MNIST format)")
