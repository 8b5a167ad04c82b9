"""Image plumbing for "try your own image": read any image file as grey levels, fit an image into a small square.

The teaching steps (check the input, scale to 0-1, invert a light background) stay in the notebook's
own function; this module holds the parts that are file handling and resampling. Errors a student
can meet start with one Korean sentence, then the English detail and the fix.

Used in: 09.
"""
from __future__ import annotations

import os
from pathlib import Path

import numpy as np


def _message(korean: str, detail: str) -> str:
    return f"{korean}\n{detail}"


def read_grey_image(path: str | os.PathLike) -> np.ndarray:
    """An image file of any size and format Pillow reads, as a 2-D float32 array of grey levels 0-255.

    Colour becomes luminance (Pillow's "L" conversion); a transparent background becomes white
    (what a drawing program shows). A missing file raises FileNotFoundError, a file that is not an
    image ValueError, both Korean first. Used in: 09.
    """
    from PIL import UnidentifiedImageError

    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(_message(
            "이미지 파일을 찾을 수 없습니다: 경로와 파일 이름을 확인하세요.",
            f"{path.name}: no such file (looked for {path}). How to fix: give the path of an existing "
            f"image file (PNG, JPEG, ...), relative to the notebook's folder or absolute."))
    try:
        return open_grey(path)
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        raise ValueError(_message(
            "이미지로 읽을 수 없는 파일입니다: PNG나 JPEG 같은 이미지 파일을 주세요.",
            f"{path.name}: not an image Pillow can read ({type(exc).__name__}). How to fix: save the picture "
            f"as PNG or JPEG and pass that file's path.")) from None


def open_grey(path: str | os.PathLike) -> np.ndarray:
    """Pillow's reading of an image file as grey levels 0-255 (2-D float32), errors left to the caller.

    Phone photos are turned upright (EXIF orientation); a transparent background becomes white
    paper; colour becomes luminance (Pillow's "L"). Used in: read_grey_image, helpers.digits.
    """
    from PIL import Image, ImageOps

    with Image.open(path) as image:
        image = ImageOps.exif_transpose(image)
        if image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info):
            rgba = image.convert("RGBA")
            white = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
            image = Image.alpha_composite(white, rgba)
        return np.asarray(image.convert("L"), dtype=np.float32)


def fit_to_square(image: np.ndarray, size: int = 28, threshold: float = 0.1) -> np.ndarray:
    """Trim ``image`` (0-1, object light on a dark background) to its object, pad it square, resize to ``size``.

    This is how Fashion-MNIST was made from product photos: the object's longest side fills the
    square, the other side is centred with background around it. Pixels above ``threshold`` count
    as the object; with none, the whole image is kept. Returns float32 values in [0, 1]. Used in: 09.
    """
    from PIL import Image

    image = np.asarray(image, dtype=np.float32)
    if image.ndim != 2:
        raise ValueError(f"fit_to_square takes a 2-D grey image, got shape {image.shape}.")
    rows, cols = np.nonzero(image > threshold)
    if len(rows):
        image = image[rows.min():rows.max() + 1, cols.min():cols.max() + 1]
    height, width = image.shape
    side = max(height, width)
    square = np.zeros((side, side), dtype=np.float32)
    top, left = (side - height) // 2, (side - width) // 2
    square[top:top + height, left:left + width] = image
    resized = Image.fromarray(square).resize((size, size), Image.Resampling.LANCZOS)
    return np.clip(np.asarray(resized, dtype=np.float32), 0.0, 1.0)


def subtract_background(image: np.ndarray, border: int = 1) -> np.ndarray:
    """Put the background of ``image`` (0-1, object lighter than the background) at 0.

    The background level is the median of the outer ``border`` pixels and its spread (paper texture,
    noise) four robust standard deviations of them (1.4826 x their median absolute deviation), so an
    object touching up to half the border does not count as background. Values move down by the level
    and are rescaled so 1 stays 1; pixels no brighter than level + spread go to 0. An image whose border
    is already 0 (a Fashion-MNIST image) comes back unchanged. Returns float32 values in [0, 1].
    Used in: 09.
    """
    image = np.asarray(image, dtype=np.float32)
    if image.ndim != 2 or min(image.shape) <= 2 * border:
        raise ValueError(f"subtract_background takes a 2-D grey image larger than its border, got shape {image.shape}.")
    edge = np.concatenate([image[:border].ravel(), image[-border:].ravel(),
                           image[:, :border].ravel(), image[:, -border:].ravel()])
    level = float(np.median(edge))
    spread = 4 * 1.4826 * float(np.median(np.abs(edge - level)))   # 4 standard deviations of the paper's noise
    if level >= 1.0:
        return np.zeros_like(image)
    result = np.clip((image - level) / (1.0 - level), 0.0, 1.0)
    result[image <= level + spread] = 0.0
    return result.astype(np.float32)
