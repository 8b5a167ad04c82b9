import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402

from helpers import plots  # noqa: E402


def test_plot_rnn_architectures_draws_one_panel_per_architecture(recwarn):
    plots.use_style()
    fig = plots.plot_rnn_architectures()
    axes = fig.axes
    assert len(axes) == len(plots.RNN_ARCHITECTURES) == 5
    # many-to-one: 3 inputs, 3 states, 1 output
    assert len(axes[2].patches) == 7
    # one-to-many: 1 input, 3 states, 3 outputs
    assert len(axes[1].patches) == 7
    fig.canvas.draw()
    plt.close(fig)
    assert not [w for w in recwarn if "Glyph" in str(w.message)]


def test_plot_rnn_architectures_rejects_bad_input():
    with pytest.raises(ValueError, match="at least one"):
        plots.plot_rnn_architectures([])
    with pytest.raises(ValueError, match="must lie in"):
        plots.plot_rnn_architectures([("bad", 2, (0,), (5,), "")])
