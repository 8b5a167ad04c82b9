import numpy as np
import pytest

from helpers import series


def test_generate_time_series_shape_range_and_seed():
    a = series.generate_time_series(5, 51, seed=1)
    b = series.generate_time_series(5, 51, seed=1)
    assert a.shape == (5, 51, 1) and a.dtype == np.float32
    np.testing.assert_array_equal(a, b)
    assert np.abs(a).max() <= 0.5 + 0.2 + 0.05 + 1e-6


def test_generate_time_series_matches_the_deck_with_global_seed():
    np.random.seed(42)
    ours = series.generate_time_series(3, 10)
    np.random.seed(42)  # the deck's code, inline
    freq1, freq2, offsets1, offsets2 = np.random.rand(4, 3, 1)
    time = np.linspace(0, 1, 10)
    s = 0.5 * np.sin((time - offsets1) * (freq1 * 10 + 10))
    s += 0.2 * np.sin((time - offsets2) * (freq2 * 20 + 20))
    s += 0.1 * (np.random.rand(3, 10) - 0.5)
    np.testing.assert_allclose(ours[..., 0], s, rtol=1e-6)


@pytest.mark.parametrize("args", [(0, 50), (10, 0), (-3, 50), (2.5, 50), (True, 50)])
def test_generate_time_series_rejects_bad_sizes(args):
    with pytest.raises(ValueError, match="positive integer"):
        series.generate_time_series(*args)


def test_make_windows_pairs_inputs_with_what_follows():
    s = np.arange(10, dtype=float)
    X, y = series.make_windows(s, window=3, horizon=2)
    assert X.shape == (6, 3, 1) and y.shape == (6, 2, 1)
    np.testing.assert_array_equal(X[0, :, 0], [0, 1, 2])
    np.testing.assert_array_equal(y[0, :, 0], [3, 4])
    np.testing.assert_array_equal(y[-1, :, 0], [8, 9])


def test_make_windows_multivariate_and_stride():
    s = np.arange(20, dtype=float).reshape(10, 2)
    X, y = series.make_windows(s, window=4, stride=3)
    assert X.shape == (2, 4, 2) and y.shape == (2, 1, 2)  # starts 0 and 3
    np.testing.assert_array_equal(X[1, 0], s[3])
    np.testing.assert_array_equal(y[1, 0], s[7])


def test_make_windows_window_longer_than_series():
    with pytest.raises(ValueError, match="needs at least 51 time steps.*only 20"):
        series.make_windows(np.zeros(20), window=50)


def test_make_windows_rejects_nan_and_bad_shapes():
    with pytest.raises(ValueError, match="NaN"):
        series.make_windows(np.array([1.0, np.nan, 2.0, 3.0]), window=2)
    with pytest.raises(ValueError, match="shape"):
        series.make_windows(np.zeros((4, 3, 2)), window=2)
    with pytest.raises(ValueError, match="window"):
        series.make_windows(np.zeros(10), window=0)


def test_mse_and_rmse():
    assert series.mse([1, 2, 3], [1, 2, 5]) == pytest.approx(4 / 3)
    assert series.rmse([0, 0], [3, 3]) == pytest.approx(3.0)
    with pytest.raises(ValueError, match="different numbers"):
        series.mse([1, 2], [1, 2, 3])


def test_iterative_forecast_slides_a_fixed_window():
    X = np.arange(2 * 5, dtype=np.float32).reshape(2, 5, 1)
    seen = []

    def predict(window):
        seen.append(window.shape)
        return window[:, -1] + 1.0            # "next = last + 1", shape (batch, 1)

    out = series.iterative_forecast(predict, X, steps=3)
    assert out.shape == (2, 3, 1)
    np.testing.assert_array_equal(out[:, :, 0], [[5, 6, 7], [10, 11, 12]])
    assert seen == [(2, 5, 1)] * 3               # always as long as the training inputs


def test_iterative_forecast_feeds_forecasts_back_in_order():
    X = np.array([[[1.0], [2.0], [4.0]]], dtype=np.float32)
    # next = mean of the last 2 values; window=2 uses only those
    out = series.iterative_forecast(lambda w: w.mean(axis=1), X, steps=2, window=2)
    np.testing.assert_allclose(out[0, :, 0], [3.0, 3.5])


def test_iterative_forecast_accepts_flat_predictions_and_features():
    X = np.ones((3, 4, 2), dtype=np.float32)
    out = series.iterative_forecast(lambda w: w[:, -1].reshape(-1) * 2, X, steps=2)
    assert out.shape == (3, 2, 2)
    np.testing.assert_array_equal(out[:, 1], 4.0)


def test_iterative_forecast_with_a_keras_model():
    import keras

    model = keras.Sequential([keras.Input(shape=(4, 1)), keras.layers.Flatten(), keras.layers.Dense(1)])
    X = np.random.default_rng(0).normal(size=(5, 4, 1)).astype(np.float32)
    out = series.iterative_forecast(model, X, steps=3)
    first = model.predict(X, verbose=0)
    np.testing.assert_allclose(out[:, 0], first, rtol=1e-5, atol=1e-6)
    assert out.shape == (5, 3, 1)


@pytest.mark.parametrize("kwargs,match", [
    (dict(X=np.ones((4, 5)), steps=2), "batch, time steps, features"),
    (dict(X=np.ones((1, 5, 1)), steps=0), "positive integer"),
    (dict(X=np.ones((1, 5, 1)), steps=2, window=6), "longer than"),
])
def test_iterative_forecast_rejects_bad_arguments(kwargs, match):
    with pytest.raises(ValueError, match=match):
        series.iterative_forecast(lambda w: w[:, -1], **kwargs)


def test_iterative_forecast_rejects_wrong_prediction_shapes_and_non_callables():
    with pytest.raises(ValueError, match="expected one next value"):
        series.iterative_forecast(lambda w: w, np.ones((2, 3, 1)), steps=1)
    with pytest.raises(ValueError, match="callable"):
        series.iterative_forecast("model", np.ones((2, 3, 1)), steps=1)


def test_naive_forecast_repeats_the_last_value():
    X = np.arange(6, dtype=np.float32).reshape(2, 3, 1)
    out = series.naive_forecast(X, steps=4)
    assert out.shape == (2, 4, 1)
    np.testing.assert_array_equal(out[:, :, 0], [[2] * 4, [5] * 4])
    with pytest.raises(ValueError, match="time steps"):
        series.naive_forecast(np.ones((2, 3)))
    with pytest.raises(ValueError, match="positive integer"):
        series.naive_forecast(X, steps=0)
