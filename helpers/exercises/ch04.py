"""Checks of notebook 04's exercises: deck 004's three questions (scaler, model, training loop). Used in: 04."""
from __future__ import annotations

import numpy as np

from helpers.exercises import checks, exercise


def _reference_scaler(data, fit_on=None):
    data = np.asarray(data, dtype=np.float64)
    ref = data if fit_on is None else np.asarray(fit_on, dtype=np.float64)
    low, high = ref.min(axis=0), ref.max(axis=0)
    return (data - low) / (high - low)


_SAMSUNG_LOW = np.array([24000.0, 24500.0, 23500.0, 0.0, 24000.0])       # a fixed range, as 3.1's scale() has
_SAMSUNG_HIGH = np.array([90000.0, 96000.0, 89000.0, 9e7, 91000.0])


def _fixed_range_scaler(data, fit_on=None):
    return (np.asarray(data, dtype=np.float64) - _SAMSUNG_LOW) / (_SAMSUNG_HIGH - _SAMSUNG_LOW)


@exercise("04.1", hint="열(column, 특성)마다: low = fit_on.min(axis=0), high = fit_on.max(axis=0), "
                       "(data - low) / (high - low). fit_on 이 None 이면 data 자신으로 맞춥니다.",
          wrong=lambda: [
              lambda data, fit_on=None: (np.asarray(data) - np.min(data)) / (np.max(data) - np.min(data)),  # one global range
              lambda data, fit_on=None: _reference_scaler(data),                                            # ignores fit_on: the leak
              lambda data, fit_on=None: (np.asarray(data) - np.asarray(data).min(axis=1, keepdims=True))
              / np.ptp(np.asarray(data), axis=1, keepdims=True),                                            # per row
              _fixed_range_scaler,                                                                          # 3.1's scale() copied
              lambda data, fit_on=None: (np.asarray(data) - np.min(data if fit_on is None else fit_on, axis=0))
              / np.max(data if fit_on is None else fit_on, axis=0),                                         # divides by max only
              lambda data, fit_on=None: _reference_scaler(data if fit_on is None else fit_on),              # scales fit_on itself
          ])
def minmax_scaler(answer):
    """``answer(data, fit_on=None)`` scales each column by the min and max of ``fit_on`` (default: data)."""
    if problem := checks.not_callable(answer, "answer_04_1"):
        return problem
    rng = np.random.default_rng(4)
    train = rng.normal(size=(20, 5)) * [1, 2, 3, 1000, 5] + [60000, 61000, 59000, 1e7, 60000]
    test = rng.normal(size=(8, 5)) * [1, 2, 3, 1000, 5] + [60010, 61010, 59010, 1.2e7, 60010]
    got = answer(train.copy())
    if problem := checks.wrong_shape(got, train.shape, "결과"):
        return problem + " 입력과 같은 모양이어야 합니다."
    if checks.not_close(got, _reference_scaler(train)):
        return "학습 구간 자신을 스케일링한 결과가 다릅니다. 특성(열)마다 따로 최솟값·최댓값을 쓰세요 (axis=0)."
    got = answer(test.copy(), fit_on=train.copy())
    if problem := checks.wrong_shape(got, test.shape, "fit_on 을 준 결과"):
        return problem + " 결과는 data 와 같은 모양입니다."
    if checks.not_close(got, _reference_scaler(test, fit_on=train)):
        return "fit_on=train 을 주면 테스트 구간도 학습 구간의 최솟값·최댓값으로 바꿔야 합니다 (누수 방지)."
    return None


def _wrong_models():
    import keras

    def model(*layers, shape=(14, 5)):
        return keras.Sequential([keras.Input(shape=shape), *layers])

    return [
        model(keras.layers.LSTM(10), keras.layers.Dense(1), shape=(7, 5)),        # 3.2's daily_model copied
        model(keras.layers.LSTM(16), keras.layers.Dense(1)),                      # one day, not three
        model(keras.layers.GRU(16), keras.layers.Dense(3)),                       # a GRU, same output shape
        model(keras.layers.SimpleRNN(16), keras.layers.Dense(3)),
        model(keras.layers.LSTM(16, return_sequences=True), keras.layers.LSTM(16), keras.layers.Dense(3)),
        model(keras.layers.LSTM(3)),                                              # no Dense: the state is the output
        model(keras.layers.LSTM(16), keras.layers.Dense(3, activation="sigmoid")),  # squashed into (0, 1)
        model(keras.layers.LSTM(16), keras.layers.Dense(3), shape=(7, 5)),        # 7 days
        model(keras.layers.LSTM(16, go_backwards=True), keras.layers.Dense(3)),   # reads the days backwards
    ]


@exercise("04.2", hint="keras.Sequential([keras.Input(shape=(14, 5)), keras.layers.LSTM(16), keras.layers.Dense(3)]): "
                       "14일 × 5특성 입력, 은닉 크기 16, 마지막 스텝의 은닉 상태 하나로 앞으로 3일의 종가 (many-to-one).",
          wrong=_wrong_models)
def many_to_one_lstm(answer):
    """A Keras model (14, 5) -> LSTM(16) -> Dense(3): 4*16*(5+16+1) + 16*3 + 3 = 1459 parameters."""
    import keras

    if not isinstance(answer, keras.Model):
        return f"Keras 모델이 아닙니다 (지금은 {type(answer).__name__})."
    if tuple(answer.input_shape) != (None, 14, 5):
        return f"입력 모양이 {answer.input_shape} 입니다. 14일 × 5특성, (None, 14, 5) 이어야 합니다."
    try:
        out = answer(np.zeros((2, 14, 5), dtype=np.float32))
    except Exception as exc:  # noqa: BLE001 - a student's model may fail in any way
        return f"입력 (batch, 14, 5) 를 넣을 수 없습니다: {type(exc).__name__}"
    if tuple(out.shape) != (2, 3):
        return f"출력 모양이 {tuple(out.shape)} 입니다. 샘플마다 3일치 값 (batch, 3) 이어야 합니다 (many-to-one)."
    recurrent = [layer for layer in answer.layers if isinstance(layer, (keras.layers.RNN, keras.layers.Bidirectional))]
    if (len(recurrent) != 1 or not isinstance(recurrent[0], keras.layers.LSTM) or recurrent[0].units != 16
            or recurrent[0].go_backwards):
        return "순환 층은 앞에서 뒤로 읽는 LSTM 하나, 은닉 크기(units) 16 이어야 합니다."
    dense = [layer for layer in answer.layers if isinstance(layer, keras.layers.Dense)]
    if len(dense) != 1 or dense[0].activation is not keras.activations.linear:
        return "LSTM 뒤에는 활성화 함수 없는 Dense(3) 하나를 둡니다 (스케일된 종가는 0-1 밖으로도 나갑니다)."
    if answer.count_params() != 1459:
        return f"파라미터가 {answer.count_params()} 개입니다. LSTM(16) + Dense(3) 이면 1,459 개."
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

    def new_optimizer_every_step(model, optimizer, X, y):     # Adam's moments start from zero at every step
        import tensorflow as tf

        fresh = keras.optimizers.Adam(learning_rate=0.02)
        with tf.GradientTape() as tape:
            loss = keras.ops.mean(keras.ops.square(model(X, training=True) - y))
        grads = tape.gradient(loss, model.trainable_variables)
        fresh.apply_gradients(zip(grads, model.trainable_variables))
        return float(loss)

    def loss_after_the_update(model, optimizer, X, y):
        import tensorflow as tf

        with tf.GradientTape() as tape:
            loss = keras.ops.mean(keras.ops.square(model(X, training=True) - y))
        optimizer.apply_gradients(zip(tape.gradient(loss, model.trainable_variables), model.trainable_variables))
        return float(keras.ops.mean(keras.ops.square(model(X) - y)))

    def mean_absolute_error(model, optimizer, X, y):
        import tensorflow as tf

        with tf.GradientTape() as tape:
            loss = keras.ops.mean(keras.ops.abs(model(X, training=True) - y))
        optimizer.apply_gradients(zip(tape.gradient(loss, model.trainable_variables), model.trainable_variables))
        return float(loss)

    def two_updates(model, optimizer, X, y):
        import tensorflow as tf

        for _ in range(2):
            with tf.GradientTape() as tape:
                loss = keras.ops.mean(keras.ops.square(model(X, training=True) - y))
            optimizer.apply_gradients(zip(tape.gradient(loss, model.trainable_variables), model.trainable_variables))
        return float(loss)

    return [no_update, wrong_sign, new_optimizer_every_step, loss_after_the_update, mean_absolute_error, two_updates]


@exercise("04.3", hint="with tf.GradientTape() as tape: loss = keras.ops.mean(keras.ops.square(model(X, training=True) - y)); "
                       "grads = tape.gradient(loss, model.trainable_variables); "
                       "optimizer.apply_gradients(zip(grads, model.trainable_variables)); return float(loss)",
          wrong=_wrong_train_steps)
def train_step(answer):
    """``answer(model, optimizer, X, y)`` does one gradient step on the MSE and returns the loss before it."""
    import keras

    if problem := checks.not_callable(answer, "answer_04_3"):
        return problem
    model, optimizer, X, y = _train_case()
    before = float(keras.ops.mean(keras.ops.square(model(X) - y)))
    losses = []
    for _ in range(40):
        loss = answer(model, optimizer, X, y)
        if loss is None:
            return "손실(loss)을 돌려주세요: return float(loss)"
        if problem := checks.not_real(np.asarray(loss).reshape(()) if np.size(loss) == 1 else loss):
            return "손실은 숫자 하나입니다: " + problem
        losses.append(float(np.asarray(loss)))
    if not np.isclose(losses[0], before, rtol=1e-4):
        return f"첫 손실 {losses[0]:.4g} 이 학습 전 MSE {before:.4g} 와 다릅니다. 업데이트 전의 MSE 를 돌려주세요."
    steps = int(keras.ops.convert_to_numpy(optimizer.iterations))
    if steps != 40:
        return (f"train_step 을 40 번 불렀는데 받은 optimizer 로는 {steps} 번 갱신했습니다. 인자로 받은 optimizer 로 "
                "한 번에 한 번만 갱신하세요 (함수 안에서 새 Adam 을 만들면 모멘트가 매번 0 에서 시작합니다).")
    after = float(keras.ops.mean(keras.ops.square(model(X) - y)))
    if not after < 0.5 * before:
        return (f"40 번 업데이트했는데 MSE 가 {before:.4g} → {after:.4g} 입니다. 그래디언트를 계산해 "
                "optimizer.apply_gradients 로 가중치를 실제로 바꿨나요?")
    return None
