"""Checks of notebook 04's exercises: deck 004's three questions (scaler, model, training loop). Used in: 04."""
from __future__ import annotations

import numpy as np

from helpers.exercises import exercise


def _reference_scaler(data, fit_on=None):
    data = np.asarray(data, dtype=np.float64)
    ref = data if fit_on is None else np.asarray(fit_on, dtype=np.float64)
    low, high = ref.min(axis=0), ref.max(axis=0)
    return (data - low) / (high - low)


@exercise("04.1", hint="열(column, 특성)마다: low = fit_on.min(axis=0), high = fit_on.max(axis=0), "
                       "(data - low) / (high - low). fit_on 이 None 이면 data 자신으로 맞춥니다.",
          wrong=lambda: [
              lambda data, fit_on=None: (np.asarray(data) - np.min(data)) / (np.max(data) - np.min(data)),  # one global range
              lambda data, fit_on=None: _reference_scaler(data),                                            # ignores fit_on: the leak
              lambda data, fit_on=None: (np.asarray(data) - np.asarray(data).min(axis=1, keepdims=True))
              / np.ptp(np.asarray(data), axis=1, keepdims=True),                                            # per row
          ])
def minmax_scaler(answer):
    """``answer(data, fit_on=None)`` scales each column by the min and max of ``fit_on`` (default: data)."""
    if not callable(answer):
        return "함수(function)를 답으로 주세요: answer_04_1 = minmax_scaler"
    rng = np.random.default_rng(4)
    train = rng.normal(size=(20, 5)) * [1, 2, 3, 1000, 5] + [60000, 61000, 59000, 1e7, 60000]
    test = rng.normal(size=(8, 5)) * [1, 2, 3, 1000, 5] + [60010, 61010, 59010, 1.2e7, 60010]
    got = np.asarray(answer(train), dtype=np.float64)
    if got.shape != train.shape:
        return f"결과 모양 {got.shape} 이 입력 {train.shape} 과 다릅니다."
    if not np.allclose(got, _reference_scaler(train)):
        return "학습 구간 자신을 스케일링한 결과가 다릅니다. 특성(열)마다 따로 최솟값·최댓값을 쓰세요 (axis=0)."
    got = np.asarray(answer(test, fit_on=train), dtype=np.float64)
    if not np.allclose(got, _reference_scaler(test, fit_on=train)):
        return "fit_on=train 을 주면 테스트 구간도 학습 구간의 최솟값·최댓값으로 바꿔야 합니다 (누수 방지)."
    return None


def _wrong_models():
    import keras

    return [
        keras.Sequential([keras.Input(shape=(7, 5)), keras.layers.SimpleRNN(10), keras.layers.Dense(1)]),
        keras.Sequential([keras.Input(shape=(7, 5)), keras.layers.LSTM(10, return_sequences=True),
                          keras.layers.Dense(1)]),
        keras.Sequential([keras.Input(shape=(7, 1)), keras.layers.LSTM(10), keras.layers.Dense(1)]),
        keras.Sequential([keras.Input(shape=(7, 5)), keras.layers.LSTM(20), keras.layers.Dense(1)]),
    ]


@exercise("04.2", hint="keras.Sequential([keras.Input(shape=(7, 5)), keras.layers.LSTM(10), keras.layers.Dense(1)]): "
                       "7일 × 5특성 입력, 은닉 크기 10, 마지막 스텝의 은닉 상태 하나로 다음 날 종가 하나 (many-to-one).",
          wrong=_wrong_models)
def many_to_one_lstm(answer):
    """A Keras model (7, 5) -> LSTM(10) -> Dense(1): 4*10*(5+10+1) + 11 = 651 parameters."""
    import keras

    if not isinstance(answer, keras.Model):
        return f"Keras 모델이 아닙니다 (got {type(answer).__name__})."
    try:
        out = answer(np.zeros((2, 7, 5), dtype=np.float32))
    except Exception as exc:  # noqa: BLE001 - a student's model may fail in any way
        return f"입력 (batch, 7, 5) 를 넣을 수 없습니다: {type(exc).__name__}"
    if tuple(out.shape) != (2, 1):
        return f"출력 모양이 {tuple(out.shape)} 입니다. 샘플마다 값 하나 (batch, 1) 이어야 합니다 (many-to-one)."
    lstms = [layer for layer in answer.layers if isinstance(layer, keras.layers.LSTM)]
    if len(lstms) != 1 or lstms[0].units != 10:
        return "LSTM 층 하나, 은닉 크기(units) 10 이어야 합니다 (덱의 hidden_dim = 10)."
    if answer.count_params() != 651:
        return f"파라미터가 {answer.count_params()} 개입니다. LSTM(10) + Dense(1) 이면 651 개."
    return None


def _train_case():
    import keras

    keras.utils.set_random_seed(0)
    rng = np.random.default_rng(0)
    X = rng.uniform(size=(64, 7, 5)).astype(np.float32)
    y = X[:, -1, -1:] * 0.8 + 0.1                       # tomorrow ~ today: learnable
    model = keras.Sequential([keras.Input(shape=(7, 5)), keras.layers.LSTM(4), keras.layers.Dense(1)])
    return model, keras.optimizers.Adam(learning_rate=0.02), X, y


def _wrong_train_steps():
    import keras

    def no_update(model, optimizer, X, y):
        return float(keras.ops.mean(keras.ops.square(model(X) - y)))

    def wrong_sign(model, optimizer, X, y):
        import tensorflow as tf

        with tf.GradientTape() as tape:
            loss = keras.ops.mean(keras.ops.square(model(X, training=True) - y))
        grads = tape.gradient(loss, model.trainable_variables)
        optimizer.apply_gradients(zip([-g for g in grads], model.trainable_variables))
        return float(loss)

    return [no_update, wrong_sign]


@exercise("04.3", hint="with tf.GradientTape() as tape: loss = keras.ops.mean(keras.ops.square(model(X, training=True) - y)); "
                       "grads = tape.gradient(loss, model.trainable_variables); "
                       "optimizer.apply_gradients(zip(grads, model.trainable_variables)); return float(loss)",
          wrong=_wrong_train_steps)
def train_step(answer):
    """``answer(model, optimizer, X, y)`` does one gradient step on the MSE and returns the loss before it."""
    import keras

    if not callable(answer):
        return "함수(function)를 답으로 주세요: answer_04_3 = train_step"
    model, optimizer, X, y = _train_case()
    before = float(keras.ops.mean(keras.ops.square(model(X) - y)))
    losses = []
    for _ in range(40):
        loss = answer(model, optimizer, X, y)
        if loss is None:
            return "손실(loss)을 돌려주세요: return float(loss)"
        losses.append(float(np.asarray(loss)))
    if not np.isclose(losses[0], before, rtol=1e-4):
        return f"첫 손실 {losses[0]:.4g} 이 학습 전 MSE {before:.4g} 와 다릅니다. 업데이트 전의 MSE 를 돌려주세요."
    after = float(keras.ops.mean(keras.ops.square(model(X) - y)))
    if not after < 0.5 * before:
        return (f"40 번 업데이트했는데 MSE 가 {before:.4g} → {after:.4g} 입니다. 그래디언트를 계산해 "
                "optimizer.apply_gradients 로 가중치를 실제로 바꿨나요?")
    return None
