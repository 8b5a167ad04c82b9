"""Checks for notebook 05 (RNN input/output shapes). Used in: 05."""
from __future__ import annotations

import numbers

import numpy as np

from helpers.exercises import checks, exercise


@exercise("05.1", hint="방향마다 LSTM 하나 4n(n_in+n+1), 두 방향, 그리고 concat된 2n개를 받는 Dense(1).",
          wrong=lambda: [1600 + 17,                          # one direction, Dense on 16
                         3200,                               # no Dense
                         1600 + 33,                          # one direction
                         3217,                               # Dense on 16 inputs (merge_mode="sum")
                         2 * 4 * 16 * (8 + 16 + 2) + 33,     # PyTorch's two biases
                         2 * 3 * 16 * (8 + 16 + 2) + 33,     # a bidirectional GRU
                         3233.0, "3233", True])
def bidirectional_params(answer):
    if problem := checks.not_integer(answer):
        return problem
    if answer == 3200:
        return "LSTM 두 방향은 맞습니다. Dense(1) 의 파라미터도 더하세요."
    if answer == 3217:
        return "concat 이면 Dense 의 입력은 2 × 16 = 32 개입니다 (16 개는 merge_mode='sum' 일 때)."
    if answer == 3361:
        return "그것은 편향이 둘인 PyTorch LSTM 의 수입니다. Keras LSTM 은 게이트마다 편향 하나."
    if answer != 3233:
        return checks.not_this(answer)
    return None


def _bad_wrong_05_2():
    import keras

    def model(*layers, shape=(7, 10)):
        return keras.Sequential([keras.Input(shape=shape), *layers])

    return [
        model(keras.layers.GRU(8), keras.layers.Dense(3, activation="softmax")),                       # many-to-one
        model(keras.layers.LSTM(8, return_sequences=True), keras.layers.Dense(3, activation="softmax")),
        model(keras.layers.GRU(8, return_sequences=True), keras.layers.Dense(3)),                     # no softmax
        model(keras.layers.GRU(8, return_sequences=True), keras.layers.Dense(3, activation="sigmoid")),
        model(keras.layers.GRU(8, return_sequences=True), keras.layers.Dense(3),
              keras.layers.Softmax(axis=1)),                                                           # softmax over time
        model(keras.layers.GRU(8, return_sequences=True, go_backwards=True),
              keras.layers.Dense(3, activation="softmax")),                                            # reads backwards
        model(keras.layers.Bidirectional(keras.layers.GRU(4, return_sequences=True)),
              keras.layers.Dense(3, activation="softmax")),                                            # 8 outputs, 2 GRUs
        model(keras.layers.GRU(16, return_sequences=True), keras.layers.Dense(3, activation="softmax")),
        model(keras.layers.GRU(8, return_sequences=True), keras.layers.Dense(3, activation="softmax"),
              shape=(None, 10)),                                                                       # any length
        "GRU(8)",
    ]


@exercise("05.2", hint="스텝마다 출력이 있으려면 GRU(8, return_sequences=True); 그 뒤 Dense(3, activation='softmax').",
          wrong=_bad_wrong_05_2)
def tagging_model(model):
    import keras

    if not isinstance(model, keras.Model):
        return "keras 모델(keras.Sequential 또는 keras.Model)을 답으로 주세요."
    if tuple(model.input_shape) != (None, 7, 10):
        return f"입력 모양이 (None, 7, 10) 이어야 하는데 {model.input_shape} 입니다."
    out_shape = tuple(model.output_shape)
    if out_shape != (None, 7, 3):
        return f"출력 모양이 (None, 7, 3) 이어야 하는데 {out_shape} 입니다."
    recurrent = [layer for layer in model.layers if isinstance(layer, (keras.layers.RNN, keras.layers.Bidirectional))]
    if (len(recurrent) != 1 or not isinstance(recurrent[0], keras.layers.GRU) or recurrent[0].units != 8
            or recurrent[0].go_backwards):
        return "순환 층은 앞에서 뒤로 읽는 GRU(8) 하나여야 합니다."
    probs = np.asarray(model(np.random.default_rng(0).normal(size=(2, 7, 10)).astype("float32")))
    if not np.allclose(probs.sum(axis=-1), 1.0, atol=1e-4) or (probs < 0).any():
        return "출력이 스텝마다 태그 3개의 확률(합 1)이 아닙니다: 마지막 축에 softmax가 필요합니다."
    return None


@exercise("05.3", hint="h_n 은 (D·num_layers, batch, hidden); batch_first 는 h_n 에 영향을 주지 않습니다.",
          wrong=lambda: [(5, 4, 20), (2, 5, 20), (4, 5, 40), (5, 7, 40), (4, 7, 20), (2, 5, 40), [4, 5],
                         "(4, 5, 20)", (4.0, 5.0, 20.0)])
def torch_h_n_shape(answer):
    if not isinstance(answer, (tuple, list)) or not all(
            isinstance(v, numbers.Integral) and not isinstance(v, bool) for v in answer):
        return "정수 튜플로 답하세요, 예: (1, 2, 3)."
    answer = tuple(int(v) for v in answer)
    if answer == (5, 4, 20):
        return "batch_first=True 여도 h_n 의 batch는 두 번째 축입니다."
    if answer == (2, 5, 20):
        return "층 수(2)와 방향 수(2)를 모두 곱하세요."
    if answer == (5, 7, 40):
        return "그것은 output 의 모양입니다. h_n 은 층·방향마다 마지막 상태 하나입니다."
    if answer != (4, 5, 20):
        return checks.not_this(answer)
    return None
