import keras
import numpy as np
import pytest

from helpers import cells


def _run_keras(layer, x):
    model = keras.Sequential([keras.Input((x.shape[1], x.shape[2])), layer])
    return model, model.predict(x, verbose=0)


@pytest.fixture
def x():
    return np.random.default_rng(0).normal(size=(3, 7, 4)).astype(np.float32)


def test_simple_rnn_matches_keras(x):
    model, y = _run_keras(keras.layers.SimpleRNN(5, return_sequences=True), x)
    np.testing.assert_allclose(cells.simple_rnn_forward(x, *model.layers[0].get_weights()), y, atol=1e-6)


def test_lstm_matches_keras(x):
    model, y = _run_keras(keras.layers.LSTM(5, return_sequences=True, bias_initializer="random_normal"), x)
    np.testing.assert_allclose(cells.lstm_forward(x, *model.layers[0].get_weights()), y, atol=1e-5)


@pytest.mark.parametrize("reset_after", [True, False])
def test_gru_matches_keras(x, reset_after):
    layer = keras.layers.GRU(5, return_sequences=True, reset_after=reset_after, bias_initializer="random_normal")
    model, y = _run_keras(layer, x)
    ours = cells.gru_forward(x, *model.layers[0].get_weights(), reset_after=reset_after)
    np.testing.assert_allclose(ours, y, atol=1e-5)


def test_bad_shapes_are_explained(x):
    with pytest.raises(ValueError, match="batch, time, features"):
        cells.simple_rnn_forward(x[0], np.zeros((4, 5)), np.zeros((5, 5)), np.zeros(5))
    with pytest.raises(ValueError, match="kernel must have shape"):
        cells.lstm_forward(x, np.zeros((3, 20)), np.zeros((5, 20)), np.zeros(20))
    with pytest.raises(ValueError, match="reset_after=True"):
        cells.gru_forward(x, np.zeros((4, 15)), np.zeros((5, 15)), np.zeros(15), reset_after=True)
