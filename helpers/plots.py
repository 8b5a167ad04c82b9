"""Figure helpers with one consistent look (after *Hands-On ML*'s figures).

``use_style()`` (called by ``runtime.start_notebook``) applies the look and
adds a font that has Hangul (NanumGothic, shipped by the
``koreanize-matplotlib`` package, or a system CJK font) as a fallback behind
DejaVu Sans: Latin text, minus signs and math keep DejaVu's glyphs, Hangul is
drawn with the fallback. Importing the module changes nothing. Keep Korean out of ``$...$`` math strings: mathtext
uses one font and would warn about missing glyphs.
"""
from __future__ import annotations

import importlib.util
import warnings
from pathlib import Path
from typing import Sequence

import matplotlib as mpl
import matplotlib.pyplot as plt
import numpy as np
from matplotlib import font_manager

KOREAN_FONTS = ("NanumGothic", "Noto Sans CJK KR", "Noto Sans KR", "Malgun Gothic", "AppleGothic")


def _bundled_nanum() -> list[Path]:
    """NanumGothic files of koreanize-matplotlib, found without importing it."""
    spec = importlib.util.find_spec("koreanize_matplotlib")
    if spec is None or not spec.submodule_search_locations:
        return []
    folder = Path(list(spec.submodule_search_locations)[0]) / "fonts"
    return sorted(folder.glob("NanumGothic*.ttf"))


def use_korean_font() -> str | None:
    """Make matplotlib use a Hangul-capable font; return its name or ``None``. Used in: use_style."""
    for path in _bundled_nanum():
        font_manager.fontManager.addfont(str(path))
    installed = {f.name for f in font_manager.fontManager.ttflist}
    chosen = next((name for name in KOREAN_FONTS if name in installed), None)
    if chosen:
        mpl.rcParams["font.family"] = ["DejaVu Sans", chosen]
    else:
        warnings.filterwarnings("ignore", message=r"Glyph .* missing from (current )?font")
    return chosen


def use_style() -> str | None:
    """Apply the workbook's figure style and the Hangul font; return the font's name.

    Called by ``runtime.start_notebook``. Used in: runtime.start_notebook (every notebook).
    """
    chosen = use_korean_font()
    mpl.rcParams.update({
        "figure.dpi": 80,
        "axes.grid": True,
        "grid.alpha": 0.4,
        "axes.titlesize": 13,
        "axes.labelsize": 12,
        "legend.fontsize": 10,
    })
    return chosen


def _axes(ax: plt.Axes | None) -> plt.Axes:
    return ax if ax is not None else plt.gca()


def plot_series(
    series: Sequence[float],
    y: float | None = None,
    y_pred: float | None = None,
    *,
    x_label: str = "$t$",
    y_label: str | None = "$x(t)$",
    ylim: tuple[float, float] | None = (-1, 1),
    ax: plt.Axes | None = None,
) -> plt.Axes:
    """Plot one series; mark the target ``y`` and the forecast ``y_pred`` after it. Used in: 02."""
    series = np.asarray(series).reshape(-1)
    n_steps = len(series)
    ax = _axes(ax)
    ax.plot(series, ".-", color="tab:blue")
    if y is not None:
        ax.plot(n_steps, float(np.ravel(y)[0]), "bo", label="target")
    if y_pred is not None:
        ax.plot(n_steps, float(np.ravel(y_pred)[0]), "rx", markersize=10, label="forecast")
    ax.set_xlabel(x_label)
    if y_label:  # short math labels read best upright, longer ones rotated
        short = len(y_label) <= 6
        ax.set_ylabel(y_label, rotation=0 if short else 90, labelpad=15 if short else 4)
    ax.set_xlim(0, n_steps + 1)
    if ylim is not None:
        ax.axhline(0, color="k", linewidth=0.8)
        ax.set_ylim(*ylim)
    if y is not None or y_pred is not None:
        ax.legend(loc="upper left")
    return ax


def plot_multiple_forecasts(
    X: np.ndarray,
    Y: np.ndarray,
    Y_pred: np.ndarray,
    *,
    index: int = 0,
    label: str = "forecast",
    ylim: tuple[float, float] | None = (-1, 1),
    ax: plt.Axes | None = None,
) -> plt.Axes:
    """Plot input window ``X[index]``, the actual future ``Y`` and the forecast ``Y_pred`` (named ``label``).

    ``X`` has shape ``(batch, n_steps, 1)``; ``Y`` and ``Y_pred`` ``(batch, ahead[, 1])``.
    Used in: 02, 04."""
    X, Y, Y_pred = np.asarray(X), np.asarray(Y), np.asarray(Y_pred)
    if X.ndim != 3 or Y.ndim < 2 or Y_pred.ndim < 2 or Y.shape[1] != Y_pred.shape[1]:
        raise ValueError(
            "expected X of shape (batch, steps, 1) and Y, Y_pred of shape (batch, ahead[, 1]) "
            f"with the same ahead; got {X.shape}, {Y.shape}, {Y_pred.shape}."
        )
    if not (0 <= index < min(len(X), len(Y), len(Y_pred))):
        raise ValueError(f"index {index} is outside the batch of {min(len(X), len(Y), len(Y_pred))} series.")
    n_steps, ahead = X.shape[1], Y.shape[1]
    ax = plot_series(X[index, :, 0], ylim=ylim, ax=ax)
    future = np.arange(n_steps, n_steps + ahead)
    ax.plot(future, Y[index].reshape(-1), "bo-", label="actual")
    ax.plot(future, Y_pred[index].reshape(-1), "rx-", markersize=10, label=label)
    ax.set_xlim(0, n_steps + ahead)
    ax.legend(loc="upper left")
    return ax


def plot_learning_curves(
    history,
    *,
    metric: str = "loss",
    title: str | None = None,
    ylim: tuple[float, float] | None = None,
    ax: plt.Axes | None = None,
) -> plt.Axes:
    """Training and validation curves of a Keras ``History`` (or its ``.history`` dict). Used in: 02, 08, 09."""
    logs = history.history if hasattr(history, "history") else dict(history)
    if metric not in logs:
        raise ValueError(f"history has no {metric!r}; it has {sorted(logs)}.")
    ax = _axes(ax)
    train = np.asarray(logs[metric])
    # Training loss is an average over each epoch, so it sits half an epoch earlier.
    ax.plot(np.arange(len(train)) + 0.5, train, "b.-", label=f"training {metric}")
    if f"val_{metric}" in logs:
        val = np.asarray(logs[f"val_{metric}"])
        ax.plot(np.arange(len(val)) + 1, val, "r.-", label=f"validation {metric}")
    ax.xaxis.set_major_locator(mpl.ticker.MaxNLocator(integer=True))
    ax.set_xlabel("epoch")
    ax.set_ylabel(metric)
    if ylim is not None:
        ax.set_ylim(*ylim)
    if title:
        ax.set_title(title)
    ax.legend()
    return ax


RNN_ARCHITECTURES = (
    # title, number of time steps, steps with an input, steps with an output, the Keras recipe
    ("one-to-one", 1, (0,), (0,), "Dense (순환 없음)"),
    ("one-to-many", 3, (0,), (0, 1, 2), "RepeatVector →\nreturn_sequences=True"),
    ("many-to-one", 3, (0, 1, 2), (2,), "return_sequences=False\n(마지막 상태)"),
    ("many-to-many\n(지연, encoder-decoder)", 5, (0, 1, 2), (3, 4), "인코더 return_state →\n디코더"),
    ("many-to-many\n(동기, synchronised)", 3, (0, 1, 2), (0, 1, 2), "return_sequences=True\n→ Dense"),
)


def plot_rnn_architectures(architectures=RNN_ARCHITECTURES) -> plt.Figure:
    """Sketch RNN input/output architectures (after the figure of deck 003): inputs red, states green, outputs blue.

    Each entry is ``(title, steps, input_steps, output_steps, keras_recipe)``; time runs left to right, an
    arrow between green boxes is the recurrent state. Returns the figure. Used in: 05.
    """
    architectures = list(architectures)
    if not architectures:
        raise ValueError("give at least one architecture to draw.")
    widths = [max(int(steps), 1) + 0.6 for _, steps, *_ in architectures]
    fig, axes = plt.subplots(1, len(architectures), figsize=(2.9 * len(architectures) + 0.4, 4.2),
                             gridspec_kw={"width_ratios": widths}, squeeze=False)
    box = dict(width=0.6, height=0.5)
    colours = {"input": "#e8a0a0", "state": "#9fd39f", "output": "#9fbfe8"}
    for ax, (title, steps, inputs, outputs, recipe) in zip(axes[0], architectures):
        if any(not 0 <= t < steps for t in (*inputs, *outputs)):
            raise ValueError(f"{title!r}: input and output steps must lie in 0..{steps - 1}.")
        for t in range(steps):
            for row, kind, show in [(0, "input", t in inputs), (1, "state", True), (2, "output", t in outputs)]:
                if not show:
                    continue
                ax.add_patch(mpl.patches.FancyBboxPatch((t - box["width"] / 2, row - box["height"] / 2),
                                                        box["width"], box["height"], boxstyle="round,pad=0.02",
                                                        facecolor=colours[kind], edgecolor="black", linewidth=1))
            if t in inputs:
                ax.annotate("", xy=(t, 0.75), xytext=(t, 0.25), arrowprops=dict(arrowstyle="->", lw=1.2))
            if t in outputs:
                ax.annotate("", xy=(t, 1.75), xytext=(t, 1.25), arrowprops=dict(arrowstyle="->", lw=1.2))
            if t + 1 < steps:
                ax.annotate("", xy=(t + 0.7, 1), xytext=(t + 0.3, 1), arrowprops=dict(arrowstyle="->", lw=1.2))
        ax.set_xlim(-0.6, steps - 0.4)
        ax.set_ylim(-0.9, 2.5)
        ax.set_aspect("equal")
        ax.axis("off")
        ax.set_title(title, fontsize=10)
        ax.text((steps - 1) / 2, -0.65, recipe, ha="center", va="top", fontsize=8)
    axes[0][0].text(-0.75, 0, "x", ha="right", va="center", fontsize=9)
    axes[0][0].text(-0.75, 1, "h", ha="right", va="center", fontsize=9)
    axes[0][0].text(-0.75, 2, "y", ha="right", va="center", fontsize=9)
    fig.tight_layout()
    return fig
