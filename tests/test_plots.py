import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from helpers import plots  # noqa: E402


def test_korean_font_is_applied_by_use_style_not_on_import():
    # koreanize-matplotlib is a requirement, so NanumGothic must be found.
    assert plots.use_style() == "NanumGothic"
    assert "NanumGothic" in matplotlib.rcParams["font.family"]


def test_korean_text_and_log_axes_render_without_warnings(recwarn, caplog):
    fig, ax = plt.subplots()
    ax.semilogy([1e-15, 1.0, 1e8])  # tick labels use mathtext minus signs
    ax.set_title("한국어 제목 (Korean title) −1")
    ax.set_ylabel(r"$\|\partial h_T / \partial h_t\|$")
    fig.canvas.draw()
    plt.close(fig)
    assert not [w for w in recwarn if "Glyph" in str(w.message)]
    assert not [r for r in caplog.records if "glyph" in r.getMessage()]


def test_plot_series_and_forecasts():
    fig, (a, b) = plt.subplots(1, 2)
    X = np.zeros((2, 50, 1))
    plots.plot_series(X[0, :, 0], y=0.1, y_pred=0.2, ax=a)
    assert len(a.lines) >= 3
    plots.plot_multiple_forecasts(X, np.ones((2, 10, 1)), np.ones((2, 10)), ax=b)
    assert b.get_xlim() == (0, 60)
    with pytest.raises(ValueError, match="expected X"):
        plots.plot_multiple_forecasts(X[0], np.ones((2, 10, 1)), np.ones((2, 10)))
    with pytest.raises(ValueError, match="same ahead"):
        plots.plot_multiple_forecasts(X, np.ones((2, 10, 1)), np.ones((2, 9)))
    with pytest.raises(ValueError, match="index 5 is outside"):
        plots.plot_multiple_forecasts(X, np.ones((2, 10)), np.ones((1, 10)), index=5)
    plt.close(fig)


def test_plot_learning_curves_from_dict():
    fig, ax = plt.subplots()
    plots.plot_learning_curves({"loss": [3, 2, 1], "val_loss": [3.5, 2.5, 1.5]}, ax=ax, title="t")
    assert [line.get_label() for line in ax.lines] == ["training loss", "validation loss"]
    with pytest.raises(ValueError, match="no 'mae'"):
        plots.plot_learning_curves({"loss": [1]}, metric="mae", ax=ax)
    plt.close(fig)


def test_plot_series_labels():
    fig, (a, b) = plt.subplots(1, 2)
    plots.plot_series(np.zeros(5), y_label=None, ax=a)
    assert a.get_ylabel() == ""
    plots.plot_series(np.zeros(5), y_label="a longer label", ylim=None, ax=b)
    assert b.yaxis.label.get_rotation() == 90
    plt.close(fig)
