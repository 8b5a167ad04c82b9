import keras
import numpy as np
import pytest

from helpers import training


def test_epoch_logger_prints_every_n(capsys):
    logger = training.EpochLogger(every=2)
    logger.set_params({"epochs": 3})
    for epoch in range(3):
        logger.on_epoch_end(epoch, {"loss": 1.0 / (epoch + 1)})
    lines = capsys.readouterr().out.splitlines()
    assert lines == ["epoch   2/3: loss=0.5", "epoch   3/3: loss=0.3333"]
    for bad in (0, -1, 1.5, True):
        with pytest.raises(ValueError, match="positive integer"):
            training.EpochLogger(every=bad)


def test_last_time_step_mse():
    y_true = np.zeros((2, 3, 1), np.float32)
    y_pred = np.zeros((2, 3, 1), np.float32)
    y_pred[:, -1] = 2.0
    y_pred[:, 0] = 100.0  # earlier steps do not count
    assert float(training.last_time_step_mse(y_true, y_pred)) == pytest.approx(4.0)


def test_input_gradient_norms_match_a_linear_recurrence():
    # h_t = w_x x_t + w_h h_{t-1} with no activation: d h_T / d x_t = w_x * w_h ** (T - t)
    layer = keras.layers.SimpleRNN(1, activation=None, use_bias=False,
                                   kernel_initializer=keras.initializers.Constant(1.0),
                                   recurrent_initializer=keras.initializers.Constant(0.5))
    grads = training.input_gradient_norms(layer, np.ones((2, 4, 1)))
    assert grads.shape == (2, 4)
    np.testing.assert_allclose(grads[0], [0.125, 0.25, 0.5, 1.0], rtol=1e-6)


def test_input_gradient_norms_validate_shapes():
    with pytest.raises(ValueError, match="batch, steps, features"):
        training.input_gradient_norms(keras.layers.SimpleRNN(2), np.ones((4, 1)))


def _small_model():
    model = keras.Sequential([keras.Input(shape=(None, 1)), keras.layers.SimpleRNN(3), keras.layers.Dense(1)])
    model.compile(loss="mse", optimizer="adam", metrics=["mae"])
    return model


def test_build_training_state_traces_the_training_step_once_and_changes_nothing():
    from keras.src.backend.tensorflow import trainer

    rng = np.random.default_rng(0)
    X, y = rng.normal(size=(40, 6, 1)).astype("float32"), rng.normal(size=(40, 1)).astype("float32")
    histories, traces = [], []
    for build in (False, True):
        keras.utils.set_random_seed(3)
        model = _small_model()
        if build:
            assert training.build_training_state(model, X[:8], y[:8]) is model
            assert model.optimizer.built and len(model.optimizer.variables) > 1
        calls = []
        original = trainer.TensorFlowTrainer.train_step
        trainer.TensorFlowTrainer.train_step = lambda self, data: calls.append(1) or original(self, data)
        try:
            history = model.fit(X, y, epochs=2, batch_size=16, verbose=0, shuffle=False)
        finally:
            trainer.TensorFlowTrainer.train_step = original
        histories.append(history.history)
        traces.append(len(calls))
    assert traces == [2, 1]                    # without the build TensorFlow traces the step twice
    assert histories[0] == histories[1]        # same training, to the last digit


def test_build_training_state_validates_its_arguments():
    X, y = np.zeros((4, 6, 1), "float32"), np.zeros((4, 1), "float32")
    uncompiled = keras.Sequential([keras.Input(shape=(None, 1)), keras.layers.SimpleRNN(3), keras.layers.Dense(1)])
    with pytest.raises(ValueError, match="compile the model first"):
        training.build_training_state(uncompiled, X, y)
    with pytest.raises(ValueError, match="same number"):
        training.build_training_state(_small_model(), X, y[:3])
    with pytest.raises(ValueError, match="keras.Model"):
        training.build_training_state("model", X, y)


def _fit_history(monkeypatch_build=None) -> dict:
    rng = np.random.default_rng(1)
    X, y = rng.normal(size=(32, 5, 1)).astype("float32"), rng.normal(size=(32, 1)).astype("float32")
    keras.utils.set_random_seed(4)
    model = _small_model()
    training.build_training_state(model, X[:8], y[:8])
    return model.fit(X, y, epochs=2, batch_size=16, verbose=0, shuffle=False).history


def _trainer_class_defining(name: str) -> type:
    return next(c for c in type(_small_model()).__mro__ if name in vars(c))


@pytest.mark.parametrize("change", ["missing", "raises"])
def test_build_training_state_falls_back_when_the_private_build_is_gone_or_broken(monkeypatch, change):
    reference = _fit_history()
    owner = _trainer_class_defining("_symbolic_build")
    if change == "missing":
        monkeypatch.delattr(owner, "_symbolic_build")
        assert not hasattr(_small_model(), "_symbolic_build")
    else:
        def broken(self, *args, **kwargs):
            raise TypeError("a future Keras changed this private method")

        monkeypatch.setattr(owner, "_symbolic_build", broken)
    history = _fit_history()
    assert history == reference            # fit builds the state itself: same training
    assert np.isfinite(history["loss"]).all()
